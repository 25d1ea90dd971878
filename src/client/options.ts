// The client's options: endpoint or region, limits, and their checks.
import type { ClientOptions } from 'openapi-fetch';
import { invalid } from '../errors/sms-error.js';
import type { SmsAuth } from './auth.js';
import { REDACTED } from '../secret-names.js';

/** The documented endpoints (SMS is a global service; the SDK region table has these four). */
export const SMS_REGIONS = {
  'cn-north-4': 'https://sms.cn-north-4.myhuaweicloud.com',
  'ap-southeast-3': 'https://sms.ap-southeast-3.myhuaweicloud.com',
  'my-kualalumpur-1': 'https://sms.my-kualalumpur-1.myhuaweicloud.com',
  'ru-moscow-1': 'https://sms-api.ru-moscow-1.myhuaweicloud.com',
} as const;
export type SmsRegion = keyof typeof SMS_REGIONS;

export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * 8 MiB. The largest documented answer, a 403 with every field at its maximum length (the
 * 65,535-character `encoded_authorization_message` and 20 `details` of two 65,535-character
 * strings), is about 2.7 MB; a command is under 1 KB. A process is not hurt by 8 MiB.
 */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface SmsClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** Base URL, such as the mock's `http://127.0.0.1:4010`. Give this or `region`. */
  endpoint?: string;
  /** A documented region; see `SMS_REGIONS`. */
  region?: SmsRegion;
  /** Omit to send no credentials (the server answers 401). */
  auth?: SmsAuth;
  /** Per request, from sending to the last byte of the body. Default 30 s. */
  timeoutMs?: number;
  /** The most body bytes read (after decompression); more is `BAD_RESPONSE`. Default 8 MiB. */
  maxBodyBytes?: number;
}

export interface CallOptions {
  /** Aborts the call: it rejects with `ABORTED`. */
  signal?: AbortSignal;
}

export function resolveBaseUrl(options: SmsClientOptions): string {
  const { endpoint, region } = options;
  if (endpoint !== undefined && region !== undefined) throw invalid('give either endpoint or region, not both');
  if (region !== undefined) {
    if (!Object.hasOwn(SMS_REGIONS, region)) {
      throw invalid(
        `unknown region ${JSON.stringify(String(region))}; known regions: ${Object.keys(SMS_REGIONS).join(', ')} (or pass endpoint)`,
      );
    }
    return SMS_REGIONS[region];
  }
  if (typeof endpoint !== 'string') throw invalid('give endpoint (a base URL) or region');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    // Quoted without whatever stands before an '@' in its authority: that may be a password.
    const shown = endpoint.slice(0, 200).replace(/^([^/]*\/\/)[^/?#]*@/, `$1${REDACTED}@`);
    throw invalid(`endpoint ${JSON.stringify(shown)} is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalid(`endpoint must be http(s), not ${url.protocol}`);
  // fetch would send them as Basic auth to whatever answers, and every message quoting the endpoint
  // (a redirect's, sms-command-verify's report) would print them.
  if (url.username || url.password)
    throw invalid(
      'endpoint must not carry credentials (user:password@ before the host); give them as auth, which is never printed',
    );
  return endpoint.replace(/\/+$/, '');
}

/** A limit a number option may not pass, with the name it is documented by (`MAX_POLL_WAIT_MS, 1 hour`). */
export interface Limit {
  value: number;
  name: string;
}

export function checkPositive(value: unknown, what: string, unit: string, max?: Limit): number {
  const most = max ? `, at most ${max.value} (${max.name})` : '';
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value))
    throw invalid(`${what} must be a positive, finite number of ${unit}${most}`);
  if (max && value > max.value)
    throw invalid(`${what} is ${value} ${unit}; at most ${max.value} (${max.name}) are allowed`);
  return value;
}

// What the mock-gateway-*.test.ts files share: a request signed as Huawei's SDKs sign it (the client's
// SignedHeaders set, header bytes as hashed), the Go SDK's headers, and a mock to send it to.
import { parseTarget, type RequestTarget } from '../../src/canonical.js';
import { DEMO_CREDENTIALS } from '../../src/mock.js';
import { computeSignature, formatSdkDate } from '../../src/sign.js';
import { useMock } from './mock-fixture.js';
import { rawExchange, rawRequest } from './raw-http.js';

export const { ak, sk } = DEMO_CREDENTIALS;
export const V3 = '/v3/sources/go-1/command';
export const GO_AGENT = 'huaweicloud-usdk-go/3.0; go/go1.19.8';
export const IAM = 'Incorrect IAM authentication information: ';

export interface Signed {
  /** Every header to send, by its wire name; `signed` lists the lower-case names the signature covers. */
  headers: Record<string, string>;
  signed: string[];
  body?: Buffer;
  /** The bytes the signer hashed for each header, as a one-character-per-byte string (default: the value's UTF-8). */
  hashed?: Record<string, string>;
  path?: string;
  method?: string;
}

/** Signs like an SDK: the names in `signed`, the body as given (or UNSIGNED-PAYLOAD where that header is signed). */
export function sign({
  headers,
  signed,
  body,
  hashed = {},
  path = V3,
  method = 'GET',
}: Signed): Record<string, string> {
  const date = formatSdkDate(new Date());
  const all: Record<string, string> = { ...headers, 'X-Sdk-Date': date };
  const values = new Map<string, string>();
  for (const name of [...signed].sort()) {
    const wire = Object.keys(all).find((k) => k.toLowerCase() === name)!;
    values.set(name, hashed[name] ?? Buffer.from(all[wire]!, 'utf8').toString('latin1'));
  }
  const target = parseTarget(path) as RequestTarget;
  const { signature } = computeSignature({
    method,
    url: target,
    headers: values,
    headerBytes: 'latin1',
    body,
    sk,
    date,
  });
  all.Authorization = `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=${[...values.keys()].join(';')}, Signature=${signature}`;
  return all;
}

export const GO_HEADERS = { 'User-Agent': GO_AGENT, 'Content-Type': 'application/json', 'X-Domain-Id': 'domain-0001' };
export const GO_SIGNED = ['user-agent', 'x-domain-id', 'x-sdk-date'];
export const REPORT = Buffer.from('{"command_name":"START","result":"success","result_detail":{}}\n');

/** The file's mock (test/support/mock-fixture.ts) and the raw requests that reach it. */
export function useGatewayMock() {
  const mock = useMock({ port: 0, auth: { tokens: ['gateway-rules-token-0001'] }, log: () => {} });
  const lastEntry = async () => (await mock.requests()).at(-1)!;

  /** A GET whose header block goes on the wire as one byte per character (`latin1`), with its status. */
  async function byteGet(headers: Record<string, string>): Promise<number> {
    const lines = [`GET ${V3} HTTP/1.1`, `Host: 127.0.0.1:${mock.port}`, 'Connection: close'];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    const exchange = await rawExchange(mock.port, '', { body: Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1') });
    return Number(exchange.bytes.toString('latin1').slice(9, 12));
  }
  /** START served to go-1 (a report's precondition), with the mock's token. */
  const serveStart = () => rawRequest(mock.port, 'GET', V3, { 'X-Auth-Token': 'gateway-rules-token-0001' });
  return { mock, lastEntry, byteGet, serveStart };
}

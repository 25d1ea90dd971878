// The upstream's credentials for a recording, read where Huawei Cloud's SDKs read them: an AK/SK
// pair (with the account id and a temporary credential's security token), or an IAM token. The
// mock's own credentials (what the Agent signs with) never go upstream; these never reach the Agent.
import type { SmsAuth } from '../../client/auth.js';

/** The environment variables a recording reads, as Huawei's SDKs name them (and one for a token). */
export const UPSTREAM_ENV = {
  ak: 'HUAWEICLOUD_SDK_AK',
  sk: 'HUAWEICLOUD_SDK_SK',
  domainId: 'HUAWEICLOUD_SDK_DOMAIN_ID',
  securityToken: 'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  token: 'SMS_UPSTREAM_TOKEN',
} as const;

type Env = Record<string, string | undefined>;
const given = (env: Env, name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);

/**
 * The upstream's credentials from `env`, or why there are none usable (the variables' names, never
 * a value): an AK without its SK, a token and a pair both, or nothing at all.
 */
export function upstreamAuthFrom(env: Env): SmsAuth | { problem: string } {
  const ak = given(env, UPSTREAM_ENV.ak);
  const sk = given(env, UPSTREAM_ENV.sk);
  const token = given(env, UPSTREAM_ENV.token);
  const domainId = given(env, UPSTREAM_ENV.domainId);
  const securityToken = given(env, UPSTREAM_ENV.securityToken);
  if (token !== undefined && (ak !== undefined || sk !== undefined))
    return {
      problem: `both ${UPSTREAM_ENV.token} and ${UPSTREAM_ENV.ak}/${UPSTREAM_ENV.sk} are set: only one can sign for the upstream; unset one`,
    };
  if (token !== undefined) return { token };
  if (ak === undefined && sk === undefined)
    return {
      problem: `no credentials for the upstream: set ${UPSTREAM_ENV.ak} and ${UPSTREAM_ENV.sk} (and ${UPSTREAM_ENV.domainId}, ${UPSTREAM_ENV.securityToken} where your account needs them), or ${UPSTREAM_ENV.token}`,
    };
  if (ak === undefined || sk === undefined)
    return { problem: `${ak === undefined ? UPSTREAM_ENV.ak : UPSTREAM_ENV.sk} is not set: an AK/SK pair needs both` };
  return { ak, sk, ...(domainId ? { domainId } : {}), ...(securityToken ? { securityToken } : {}) };
}

/** Every secret an upstream credential holds (a token, an SK, a security token): what a recording is scanned for by value. */
export function secretsOf(auth: SmsAuth | { problem: string } | undefined): string[] {
  if (!auth || 'problem' in auth) return [];
  if ('token' in auth) return [auth.token];
  return [auth.sk, ...(auth.securityToken ? [auth.securityToken] : [])];
}

// The Host header check that keeps DNS-rebinding pages out. A page on evil.example can point its own
// name at 127.0.0.1 and then reach the mock as "same origin"; its requests still say
// `Host: evil.example:4010`. A rebinding attack needs a DNS name, so names are allowed only when
// they are the bound address, `localhost` (RFC 6761: browsers resolve it to loopback themselves) or
// listed by the user; IP addresses only when they are the bound one (any, on a wildcard bind).
import { isIP } from 'node:net';

export interface Bound {
  /** The address the mock listens on, as given (`127.0.0.1`, `::1`, `0.0.0.0`, `localhost`, …). */
  host: string;
  /** That address as a Host header names it (see hostNameOf), worked out once. */
  name: string;
  /** Extra host names the user allows (`allowedHosts`, `--allow-host`), lower case. */
  allowed: ReadonlySet<string>;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '0:0:0:0:0:0:0:0']);
const isLoopback = (ip: string) => ip === '::1' || ip.startsWith('127.') || ip === '0:0:0:0:0:0:0:1';

/** The host name of a Host header value: without port, brackets and a trailing dot, lower case. */
export function hostNameOf(value: string): string {
  const name = value.startsWith('[')
    ? value.slice(1, value.indexOf(']') < 0 ? undefined : value.indexOf(']'))
    : value.replace(/:\d*$/, '');
  return name.toLowerCase().replace(/\.$/, '');
}

/** What hostProblem compares each request's Host with: the bound address and the names allowed. */
export function boundTo(host: string, allowedHosts: readonly string[] = []): Bound {
  const name = hostNameOf(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
  return { host, name, allowed: new Set(allowedHosts.map((allowed) => hostNameOf(allowed))) };
}

/** A Host header's syntax (RFC 9110 7.2, RFC 3986 3.2.2): an IPv6 literal in brackets or a reg-name / IPv4 address, then an optional port. */
const HOST_SYNTAX = /^(?:\[([0-9A-Fa-f:.]+)\]|[A-Za-z0-9\-._~!$&'()*+,;=%]*)(?::\d*)?$/;

/**
 * Why a request's Host headers (each one sent: `req.headersDistinct.host`) are not one well-formed
 * Host, or undefined. Two are a 400 (RFC 9112 3.2), not "the first wins"; so is a bracket that is
 * not one IPv6 address (`[localhost]`, `[127.0.0.1]`, `[::1`) or text after it (`[::1]evil.example`),
 * which a proxy and the mock could read as two different hosts.
 */
export function malformedHost(values: readonly string[] | undefined): string | undefined {
  if (values === undefined) return undefined;
  if (values.length > 1) return `the request has ${values.length} Host headers: send exactly one (RFC 9112)`;
  const value = values[0]!;
  const match = HOST_SYNTAX.exec(value);
  if (match && (match[1] === undefined || isIP(match[1]) === 6)) return undefined;
  return `the Host header ${JSON.stringify(value.slice(0, 255))} is not a host name or address with an optional port (an IPv6 address in brackets, nothing after it but :PORT)`;
}

/** Why a request's Host header does not name this mock, or undefined when it does (or is absent: HTTP/1.0). */
export function hostProblem(value: string | undefined, bound: Bound): string | undefined {
  if (value === undefined) return undefined;
  const name = hostNameOf(value);
  const boundName = bound.name;
  if (name === boundName || bound.allowed.has(name) || name === 'localhost' || name.endsWith('.localhost'))
    return undefined;
  const ip = isIP(name);
  if (ip && (WILDCARDS.has(boundName) || (isLoopback(name) && (isLoopback(boundName) || boundName === 'localhost'))))
    return undefined;
  return `the Host header ${JSON.stringify(value.slice(0, 255))} does not name this mock (bound to ${bound.host}): requests must name its address or localhost, which keeps DNS-rebinding pages out; allow another name with allowedHosts (--allow-host NAME)`;
}

// Which web pages may use the mock, one rule for its two doors. A browser lets any page send simple
// requests anywhere, loopback included (a no-cors GET, a text/plain POST), and, once a preflight
// is granted, Authorization and X-Auth-Token too: so a page on evil.example could lock the demo AK,
// use up scripted steps, post reports and hold the control API's waits. Each door names the origins
// it grants; any other page is refused (403 MOCK.0403) before anything changes, and is told how to
// be allowed. A browser always says where a request comes from: `Origin` on every CORS request and
// on every POST; `Sec-Fetch-Site: cross-site` on a no-cors GET from another site, which has no Origin.
// Clients that are not browsers send neither, and are not affected.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A door's pages: the origins it grants (CORS) and serves, and what its preflight allows. */
export interface PageDoor {
  /** What the door is, for the refusal: `the API paths`. */
  name: string;
  allows(origin: string): boolean;
  /** How a refused page's origin gets allowed, for the refusal. */
  howToAllow: string;
  methods: string;
  /** The request headers a granted preflight allows. */
  headers(req: IncomingMessage): string;
}

/** Pages on the machine itself: a browser app on a dev server (`http://localhost:5173`) keeps working. */
const LOOPBACK_ORIGIN = /^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/;

/** The API paths' door: loopback origins and the ones named (`apiOrigins`, `--api-origin`). */
export function apiDoor(origins: ReadonlySet<string>): PageDoor {
  return {
    name: 'the API paths',
    allows: (origin) => origins.has(origin) || LOOPBACK_ORIGIN.test(origin),
    howToAllow:
      'pages may call them from a loopback origin (http://localhost:*, http://127.0.0.1:*, http://[::1]:*) or from one named with apiOrigins (--api-origin ORIGIN)',
    methods: 'GET, POST',
    headers: (req) => String(req.headers['access-control-request-headers'] ?? '*'),
  };
}

/** The control API's door: only the origins named (`controlOrigins`, `--control-origin`), so no page can read the journal. */
export function controlDoor(origins: ReadonlySet<string>): PageDoor {
  return {
    name: 'the control API (/__mock)',
    allows: (origin) => origins.has(origin),
    howToAllow: 'name the origin with controlOrigins (--control-origin ORIGIN)',
    methods: 'GET, PUT, POST, DELETE',
    headers: () => 'content-type',
  };
}

/**
 * Why `req` comes from a page the door does not serve, or undefined when it does not (no browser
 * page, or one of an origin the door allows). Checked before anything reads the request further.
 */
export function foreignPage(req: IncomingMessage, door: PageDoor): string | undefined {
  const { origin, 'sec-fetch-site': site } = req.headers;
  if (origin !== undefined) {
    if (door.allows(origin)) return undefined;
    return `a page of origin ${JSON.stringify(origin.slice(0, 255))} (the Origin header) may not use ${door.name}: ${door.howToAllow}`;
  }
  if (site === 'cross-site')
    return `a page of another site (Sec-Fetch-Site: cross-site, no Origin) may not use ${door.name}: ${door.howToAllow}`;
  return undefined;
}

/**
 * CORS for a page the door allows: its origin granted; a preflight answered (204). True when it
 * answered a preflight. A foreign page gets no grant: foreignPage refuses it.
 */
export function cors(req: IncomingMessage, res: ServerResponse, door: PageDoor): boolean {
  const origin = req.headers.origin;
  res.setHeader('Vary', 'Origin');
  const granted = origin !== undefined && door.allows(origin);
  if (granted) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', '*');
  }
  if (req.method !== 'OPTIONS' || !granted) return false;
  res.writeHead(204, {
    'access-control-allow-methods': door.methods,
    'access-control-allow-headers': door.headers(req),
    'content-length': 0,
  });
  res.end();
  return true;
}

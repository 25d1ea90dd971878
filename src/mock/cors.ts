// CORS: the API paths answer any origin (they hold nobody's secrets); the control API answers only
// the origins the user named (controlOrigins, --control-origin), so no page can read the journal.
import type { IncomingMessage, ServerResponse } from 'node:http';

export /** CORS on the control API: only for the origins allowed; true when it answered their preflight. */
function controlCors(req: IncomingMessage, res: ServerResponse, origins: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || !origins.has(origin)) return false;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, PUT, POST, DELETE',
    'access-control-allow-headers': 'content-type',
    'content-length': 0,
  });
  res.end();
  return true;
}

export /** CORS on the API paths: any origin; true when it answered a preflight. */
function apiCors(req: IncomingMessage, res: ServerResponse): boolean {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', '*');
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? '*'),
    'content-length': 0,
  });
  res.end();
  return true;
}

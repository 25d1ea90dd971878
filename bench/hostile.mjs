// `node bench/hostile.mjs [DIST [CASE]]`: the v3 client (from DIST, default dist/src) against hostile
// servers on loopback, one case per line: what the caller got, what a foreign origin received, and
// the process's peak RSS during the case. Run it on an old build and a new one to compare.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root } from '../scripts/root.mjs';
import { gzipSync } from 'node:zlib';

const dist = resolve(process.argv[2] ?? join(root, 'dist/src'));
const { createSmsClient, showCommand, pollCommands } = await import(pathToFileURL(join(dist, 'v3.js')).href);
const TOKEN = 'hostile-demo-token-0123456789';

function serve(handler) {
  const server = createServer(handler);
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () => {
          server.closeAllConnections();
          server.close();
        },
      }),
    ),
  );
}

/** Each case runs in a process of its own, so the peak RSS (maxRSS) is that case's. */
async function peakDuring(run) {
  const start = process.memoryUsage().rss;
  const outcome = await run();
  return { outcome, peakMb: Math.round((process.resourceUsage().maxRSS * 1024 - start) / 1e6) };
}

const describe = (result) =>
  result instanceof Error
    ? `${result.code} ${JSON.stringify(result.message).slice(0, 160)}${result.retryAfter !== undefined ? ` retryAfter=${result.retryAfter}` : ''}`
    : `resolved ${JSON.stringify(result).slice(0, 120)}`;
const call = (client, id = 'x', options) => showCommand(client, id, options).catch((error) => error);

const bomb = gzipSync(
  Buffer.concat([Buffer.from('{"command_name":"START","pad":"'), Buffer.alloc(200e6, 0x61), Buffer.from('"}')]),
); // ~200 KB of gzip, 200 MB of JSON inflated
const forbidden = {
  error_code: 'SMS.9004',
  error_msg: 'The current account does not have the permission to execute policy.',
};

const cases = {
  'redirect 302 to another origin': async () => {
    let received = 'nothing';
    const foreign = await serve((req, res) => {
      received = JSON.stringify({ 'x-auth-token': req.headers['x-auth-token'] });
      res.end('{"command_name":"DELETE"}');
    });
    const origin = await serve((req, res) => res.writeHead(302, { location: `${foreign.url}/steal` }).end());
    const outcome = await call(createSmsClient({ endpoint: origin.url, auth: { token: TOKEN } }));
    origin.close();
    foreign.close();
    return `${describe(outcome)}; the other origin received ${received}`;
  },
  'endless 200 body (3 s timeout)': async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1 << 16, 0x20);
      const pump = () => {
        while (res.write(chunk));
      };
      res.on('drain', pump);
      pump();
    });
    const { outcome, peakMb } = await peakDuring(() =>
      call(createSmsClient({ endpoint: server.url, auth: { token: TOKEN }, timeoutMs: 3000 })),
    );
    server.close();
    return `${describe(outcome)}; peak RSS +${peakMb} MB`;
  },
  'gzip bomb (200 KB -> 200 MB)': async () => {
    const server = await serve((req, res) =>
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb),
    );
    const { outcome, peakMb } = await peakDuring(() =>
      call(createSmsClient({ endpoint: server.url, auth: { token: TOKEN } })),
    );
    server.close();
    return `${describe(outcome)}; peak RSS +${peakMb} MB`;
  },
  'error body nested 3,000 arrays deep': async () => {
    const server = await serve((req, res) =>
      res.writeHead(500, { 'content-type': 'application/json' }).end('['.repeat(3000) + ']'.repeat(3000)),
    );
    const outcome = await call(createSmsClient({ endpoint: server.url, auth: { token: TOKEN } }));
    server.close();
    return describe(outcome);
  },
  "caller's AbortSignal.timeout(300), server hangs": async () => {
    const server = await serve(() => {});
    const outcome = await call(createSmsClient({ endpoint: server.url, auth: { token: TOKEN } }), 'x', {
      signal: AbortSignal.timeout(300),
    });
    server.close();
    return describe(outcome);
  },
  "token 't' against the documented 403": async () => {
    const server = await serve((req, res) =>
      res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify(forbidden)),
    );
    const outcome = await call(createSmsClient({ endpoint: server.url, auth: { token: 't' } }));
    server.close();
    return `${describe(outcome)}; errorMsg=${JSON.stringify(outcome.errorMsg)}`;
  },
  'truncated body (Content-Length 100, 20 bytes sent)': async () => {
    const server = await serve((req, res) => {
      res.socket.write(
        'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"command_name":"ST',
      );
      res.socket.end();
    });
    const outcome = await call(createSmsClient({ endpoint: server.url, auth: { token: TOKEN } }));
    server.close();
    return describe(outcome);
  },
  '429 with Retry-After: 120': async () => {
    const server = await serve((req, res) =>
      res
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': '120' })
        .end('{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached."}'),
    );
    const outcome = await call(createSmsClient({ endpoint: server.url, auth: { token: TOKEN } }));
    server.close();
    return describe(outcome);
  },
  'pollCommands vs Retry-After: 2147484 (2 s)': async () =>
    pollFor(
      2000,
      (req, res) =>
        res
          .writeHead(429, { 'content-type': 'application/json', 'retry-after': '2147484' })
          .end('{"error_code":"APIGW.0308","error_msg":"throttled"}'),
      {},
    ),
  'pollCommands vs Retry-After: an HTTP date in 2100 (2 s)': async () =>
    pollFor(2000, (req, res) => res.writeHead(429, { 'retry-after': 'Fri, 01 Jan 2100 00:00:00 GMT' }).end(), {}),
  'pollCommands with intervalMs 2**31 (2 s)': async () =>
    pollFor(
      2000,
      (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"command_name":"START"}'),
      { intervalMs: 2 ** 31 },
    ),
  'error_msg with terminal escapes (clear, title, OSC 8, CR, RLO)': async () => {
    const error_msg =
      '\u001b[2J\u001b]0;pwned\u0007\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\ bad\rfine \u202eexe';
    const server = await serve((req, res) =>
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error_code: 'SMS.0500', error_msg })),
    );
    const outcome = await call(createSmsClient({ endpoint: server.url, auth: { token: TOKEN } }));
    server.close();
    return `${describe(outcome)}; raw control or bidi characters in the message: ${/[\p{Cc}\p{Cf}]/u.test(outcome.message)}`;
  },
  'a lone-surrogate id': async () => {
    const server = await serve((req, res) => res.end('{"command_name":"START"}'));
    let outcome;
    try {
      outcome = await call(createSmsClient({ endpoint: server.url, auth: { token: TOKEN } }), '\uD800');
    } catch (error) {
      outcome = `threw synchronously: ${error.name}: ${error.message}`;
    }
    server.close();
    return typeof outcome === 'string' ? outcome : describe(outcome);
  },
  'an endpoint with user:password@': async () => {
    const server = await serve((req, res) => res.end('{"command_name":"START"}'));
    let outcome;
    try {
      outcome = await call(
        createSmsClient({ endpoint: server.url.replace('//', '//agent:hunter2@'), auth: { token: TOKEN } }),
      );
    } catch (error) {
      outcome = error;
    }
    server.close();
    return `${describe(outcome)}; the password in the message: ${String(outcome?.message).includes('hunter2')}`;
  },
};

/** Runs pollCommands against `handler` for `ms`, counting the requests and any TimeoutOverflowWarning. */
async function pollFor(ms, handler, options) {
  let requests = 0;
  const server = await serve((req, res) => {
    requests++;
    handler(req, res);
  });
  const warnings = [];
  process.on('warning', (w) => warnings.push(w.name));
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), ms);
  let yielded = 0;
  let ended = 'stopped by the signal';
  try {
    for await (const _ of pollCommands(createSmsClient({ endpoint: server.url, auth: { token: TOKEN } }), 'x', {
      ...options,
      signal: stop.signal,
    }))
      yielded++;
  } catch (error) {
    ended = `threw ${error.code} ${JSON.stringify(error.message)}`;
  }
  clearTimeout(timer);
  server.close();
  await new Promise((resolve) => setImmediate(resolve));
  return `${requests} requests, ${yielded} commands in ${ms / 1000} s; ${ended}; TimeoutOverflowWarning: ${warnings.filter((w) => w === 'TimeoutOverflowWarning').length}`;
}

const only = process.argv[3];
if (only) console.log(`- ${only}: ${await cases[only]()}`);
else
  for (const name of Object.keys(cases))
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), dist, name], { stdio: 'inherit' });

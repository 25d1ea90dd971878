// sms-command-verify redacts everything it reports, through one redaction (client/redact.ts): a
// server that echoes the token into Content-Type, the request's signature bare (no `Signature=`),
// or a secret as a redirect's host gets none of them into the report, its text or its --json.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReport, verifyEndpoint } from '../../src/verify.js';
import { printableJson } from '../../src/text.js';
import { startTestServer, type TestServer } from '../support/server.js';

const TOKEN = 'Zq7Xw3Kp9Lm2Vb8Nc4Rt6Yh1';
const AKSK = { ak: 'VERIFYAK000000000001', sk: 'Jd5Fs8Gh2Kl4Zx7Cv1Bn9Mq3Wt6Ey0Ru2Io5Pa8S' };
/** The signature of the request being answered, as its Authorization header carries it. */
const signatureOf = (req: IncomingMessage) =>
  /Signature=([0-9a-f]{64})/.exec(String(req.headers.authorization))?.[1] ?? 'no-signature';
const credentialOf = (req: IncomingMessage) => String(req.headers['x-auth-token'] ?? signatureOf(req));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    'type-echo': (req: IncomingMessage, res: ServerResponse) =>
      res
        .writeHead(200, { 'content-type': `text/${credentialOf(req)}` })
        .end('{"command_name":"START","command_param":{"task_id":"t1"}}'),
    'bare-signature': (req: IncomingMessage, res: ServerResponse) =>
      res
        .writeHead(200, { 'content-type': `application/json; ${signatureOf(req)}`, 'x-request-id': signatureOf(req) })
        .end(JSON.stringify({ command_name: signatureOf(req), [signatureOf(req)]: 1 })),
    'secret-host': (req: IncomingMessage, res: ServerResponse) =>
      res.writeHead(302, { location: `http://${req.headers['x-auth-token'] ?? AKSK.sk}.example.com/` }).end(),
  });
});
afterAll(() => server.close());

/** Every form the report is printed in: the object, the text report, and --json as the bin prints it. */
const printed = (report: Awaited<ReturnType<typeof verifyEndpoint>>) => [
  JSON.stringify(report),
  formatReport(report),
  printableJson(JSON.stringify(report, null, 2)),
];

describe.each([
  ['a token', { token: TOKEN }, [TOKEN]],
  ['AK/SK', AKSK, [AKSK.sk]],
] as const)('verify with %s redacts every finding', (_what, auth, secrets) => {
  const verify = (ids: string[]) =>
    verifyEndpoint({ endpoint: server.url, auth, serverIds: ids, versions: ['v1', 'v3'], timeoutMs: 2000 });
  const signatures = () =>
    server.requests.map((r) => /Signature=([0-9a-f]{64})/.exec(String(r.headers.authorization))?.[1]).filter(Boolean);
  const expectNone = (report: Awaited<ReturnType<typeof verifyEndpoint>>) => {
    for (const text of printed(report))
      for (const secret of [...secrets, ...secrets.map((s) => s.toLowerCase()), ...(signatures() as string[])])
        expect(text).not.toContain(secret);
  };

  it('the Content-Type finding: a server echoing the credential into Content-Type gets [REDACTED] in its place', async () => {
    const report = await verify(['type-echo']);
    expect(report.results.map((r) => r.findings)).toEqual([
      [
        {
          kind: 'violation',
          path: 'headers.content-type',
          rule: 'content',
          message: '"text/[REDACTED]", expected application/json',
        },
      ],
      [
        expect.objectContaining({
          path: 'headers.content-type',
          message: '"text/[REDACTED]", expected application/json',
        }),
      ],
    ]);
    expectNone(report);
  });

  it('the request signature echoed bare (no Signature= before it), in a header, a value and a field name', async () => {
    const report = await verify(['bare-signature']);
    expectNone(report);
    if ('sk' in auth) {
      expect(report.results[0]).toMatchObject({ requestId: '[REDACTED]' });
      expect(report.results[1]!.findings).toContainEqual(
        expect.objectContaining({ path: '$.[REDACTED]', message: 'the field "[REDACTED]" is not in the spec' }),
      );
    }
  });

  it('a redirect to a host made of the secret: the drift names [REDACTED], not the secret', async () => {
    const report = await verify(['secret-host']);
    expect(report.results[0]!.findings).toEqual([
      {
        kind: 'drift',
        path: '$',
        rule: 'status',
        message: `302 is not a documented status: HTTP 302 redirect to another origin, http://[REDACTED].example.com; not followed (credentials stay with ${server.url}; set endpoint to the service's own URL)`,
      },
    ]);
    expectNone(report);
  });
});

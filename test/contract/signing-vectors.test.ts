// docs/signing.md's worked vectors, a ShowCommand GET and a report POST (Content-Type and body hash
// signed), each held to three signers: ours, Huawei's Node SDK and the stdlib-Python one the package
// ships (examples/sdk_hmac.py), which an Agent team would copy.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { signRequest } from '../../src/index.js';
import { DEMO_CREDENTIALS } from '../../src/mock.js';
import { computeSignature } from '../../src/sign.js';

const page = readFileSync(join(root, 'docs/signing.md'), 'utf8');
/** A section of the page, from its heading to the next `## `. */
function section(heading: string): string {
  const start = page.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(0);
  const end = page.indexOf('\n## ', start + 1);
  return page.slice(start, end < 0 ? undefined : end);
}
const ticked = (text: string) => [...text.matchAll(/`([^`]*)`/g)].map((m) => m[1]!);

/** A worked vector as the page states it: its input table and its three text blocks. */
function vectorOf(heading: string) {
  const text = section(heading);
  const cell = (name: string) => new RegExp(`^\\| ${name} \\| (.*) \\|$`, 'm').exec(text)?.[1] ?? '';
  const [ak] = ticked(cell('AK'));
  const [sk] = ticked(cell('SK'));
  const [request] = ticked(cell('request'));
  const [body] = ticked(cell('body'));
  const headers = new Map(
    ticked(cell('headers signed')).map((h) => {
      const at = h.indexOf(': ');
      return [h.slice(0, at), h.slice(at + 2)] as [string, string];
    }),
  );
  const [method, url] = request!.split(' ') as [string, string];
  const blocks = [...text.matchAll(/```text\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
  const [canonical, stringToSign, signatureBlock] = blocks;
  const [signature, authorization] = signatureBlock!.split('\n');
  return { ak: ak!, sk: sk!, method, url, body, headers, blocks, canonical, stringToSign, signature, authorization };
}

const VECTORS = [
  { heading: '## A worked vector: ShowCommand (GET)', method: 'GET', signs: 'host;x-domain-id;x-sdk-date' },
  {
    heading: '## A worked vector: a report (POST)',
    method: 'POST',
    signs: 'content-type;host;x-domain-id;x-sdk-date',
  },
] as const;

describe.each(VECTORS)('docs/signing.md "$heading"', ({ heading, method, signs }) => {
  const vector = vectorOf(heading);
  const lower = new Map([...vector.headers].map(([n, v]) => [n.toLowerCase(), v]));
  const date = vector.headers.get('X-Sdk-Date')!;

  it('states every input and the three texts', () => {
    expect(vector).toMatchObject({ ak: DEMO_CREDENTIALS.ak, sk: DEMO_CREDENTIALS.sk, method });
    expect(vector.blocks).toHaveLength(3);
    expect(vector.canonical!.split('\n')[1]).toMatch(/\/command(_result)?\/$/); // the trailing / people miss
    expect(vector.body === undefined).toBe(method === 'GET');
  });

  it('is what our signer computes, and its Authorization what signRequest sends', async () => {
    expect(
      computeSignature({ method, url: new URL(vector.url), headers: lower, body: vector.body, sk: vector.sk, date }),
    ).toEqual({
      signedHeaders: signs,
      canonical: vector.canonical,
      stringToSign: vector.stringToSign,
      signature: vector.signature,
    });
    const { Host: _host, ...sent } = Object.fromEntries(vector.headers); // X-Sdk-Date is the signer's own: `date`
    const sdkDate = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(date)!.slice(1).map(Number);
    const signed = await signRequest(
      { method, url: vector.url, headers: sent, body: vector.body },
      vector,
      new Date(Date.UTC(sdkDate[0]!, sdkDate[1]! - 1, sdkDate[2]!, sdkDate[3]!, sdkDate[4]!, sdkDate[5]!)),
    );
    expect(`Authorization: ${signed.Authorization}`).toBe(vector.authorization);
  });

  it("is what Huawei's Node SDK (AKSKSigner) builds: canonical request, string to sign, signature", () => {
    const require = createRequire(import.meta.url);
    const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
      AKSKSigner: Record<string, (...args: never[]) => unknown>;
    };
    const seen: Record<string, unknown> = {};
    const spy = (name: string) => {
      const original = AKSKSigner[name]!;
      AKSKSigner[name] = function (this: unknown, ...args: never[]) {
        return (seen[name] = original.apply(this, args));
      };
      return () => (AKSKSigner[name] = original);
    };
    const restore = [spy('buildCanonicalRequest'), spy('getStringToSign')];
    try {
      const { Host: _host, ...headers } = Object.fromEntries(vector.headers);
      // The SDK hashes JSON.stringify(data): the page's body is written that way.
      const data = vector.body === undefined ? undefined : JSON.parse(vector.body);
      if (data !== undefined) expect(JSON.stringify(data)).toBe(vector.body);
      const signed = AKSKSigner.sign!(
        { method, endpoint: vector.url, headers, data } as never,
        { getAk: () => vector.ak, getSk: () => vector.sk } as never,
      ) as Record<string, string>;
      expect(seen).toEqual({ buildCanonicalRequest: vector.canonical, getStringToSign: vector.stringToSign });
      expect(`Authorization: ${signed.Authorization}`).toBe(vector.authorization);
    } finally {
      for (const undo of restore) undo();
    }
  });

  it('is what the shipped Python example (examples/sdk_hmac.py) signs', async () => {
    const script = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(join(root, 'examples'))})`,
      'from sdk_hmac import authorization',
      'a = json.loads(sys.argv[1])',
      'print(authorization(a["method"], a["target"], a["headers"], a["ak"], a["sk"], a["body"].encode()))',
    ].join('\n');
    const input = {
      ...vector,
      target: new URL(vector.url).pathname,
      headers: Object.fromEntries(lower),
      body: vector.body ?? '',
    };
    const { stdout } = await promisify(execFile)('python3', ['-c', script, JSON.stringify(input)]);
    expect(`Authorization: ${stdout.trim()}`).toBe(vector.authorization);
  });
});

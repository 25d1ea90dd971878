// Huawei's four official SDKs against the mock: every request each SDK's own signer put on the wire
// (test/fixtures/sdk-vectors/, captured from the SDKs, no SDK code), replayed byte for byte through a
// raw socket with the mock's clock at the vector's X-Sdk-Date, must get the answer Huawei's gateway
// and SMS would give it. One mock per SDK, its vectors in the captured order, the lockout on: what a
// team running that SDK's Agent against `npm start` sees.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import { parseSdkDate } from '../../src/mock/auth-signature.js';
import { type Mock, startMock } from '../../src/mock.js';
import { rawExchange, rawRequest } from '../support/raw-http.js';

export interface SdkVector {
  id: string;
  what: string;
  method: string;
  target: string;
  headers: Array<[string, string]>;
  headerBytesBase64?: string;
  bodyBase64: string;
  xSdkDate: string;
  expect: { status: number; errorCode: string | null; why: string };
  precondition: string | null;
}
export interface SdkVectorFile {
  sdk: string;
  signs: string;
  vectors: SdkVector[];
}

export const SDKS = ['go', 'java', 'python', 'node'] as const;
export const vectorFile = (sdk: string): SdkVectorFile =>
  JSON.parse(readFileSync(join(root, 'test/fixtures/sdk-vectors', `${sdk}.json`), 'utf8'));

/** The request's bytes exactly as the SDK sent them: request line, header block, blank line, body. */
export function vectorBytes(vector: SdkVector): Buffer {
  const block = vector.headerBytesBase64
    ? Buffer.from(vector.headerBytesBase64, 'base64')
    : Buffer.from(vector.headers.map(([name, value]) => `${name}: ${value}`).join('\r\n'), 'latin1');
  return Buffer.concat([
    Buffer.from(`${vector.method} ${vector.target} HTTP/1.1\r\n`, 'latin1'),
    block,
    Buffer.from('\r\n\r\n'),
    Buffer.from(vector.bodyBase64, 'base64'),
  ]);
}

/** Whether `text` (Latin-1) holds one whole HTTP answer: its head and Content-Length bytes of body. */
function wholeAnswer(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end))?.[1];
  return text.length - end - 4 >= Number(length ?? 0);
}

/** Sends a vector's bytes (the connection left open, as the SDK left it) and reads the one answer. */
export async function replay(port: number, vector: SdkVector): Promise<{ status: number; errorCode: string | null }> {
  const exchange = await rawExchange(port, '', { body: vectorBytes(vector), until: wholeAnswer, timeoutMs: 30_000 });
  const text = exchange.bytes.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0)
    throw new Error(`no answer to ${vector.id}: ${JSON.stringify(text.slice(0, 200))}`, { cause: exchange.error });
  const status = Number(text.slice(9, 12));
  let errorCode: string | null = null;
  try {
    errorCode = (JSON.parse(text.slice(end + 4)) as { error_code?: string }).error_code ?? null;
  } catch {
    errorCode = null;
  }
  return { status, errorCode };
}

/** A report's precondition: START served to the same server by a GET (with a token, as any Agent may). */
async function serveStart(port: number, vector: SdkVector): Promise<void> {
  const path = vector.target.replace(/_result$/, '');
  const answer = await rawRequest(port, 'GET', path, { 'X-Auth-Token': 'sdk-vector-precondition' });
  expect(answer.json?.command_name).toBe('START');
}

describe.each(SDKS)('the %s SDK, replayed byte for byte', (sdk) => {
  const file = vectorFile(sdk);
  let mock: Mock;
  let now = 0;
  beforeAll(async () => {
    mock = await startMock({ port: 0, auth: { clock: () => now }, log: () => {} });
  });
  afterAll(() => mock?.close());

  it.each(file.vectors.map((v) => [v.id, v] as const))('%s', async (_id, vector) => {
    now = parseSdkDate(vector.xSdkDate)! + 1000;
    if (vector.precondition) await serveStart(mock.port, vector);
    const answer = await replay(mock.port, vector);
    const entry = (await mock.requests()).at(-1)!;
    expect(
      { status: answer.status, errorCode: answer.errorCode },
      `${vector.what}: ${vector.expect.why}; the mock's reason: ${entry.reason ?? 'none'}`,
    ).toEqual({ status: vector.expect.status, errorCode: vector.expect.errorCode });
  });
});

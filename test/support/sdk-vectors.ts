// Huawei's four SDKs' captured requests (test/fixtures/sdk-vectors/): reading them, and replaying one
// byte for byte through a raw socket against a mock, with the precondition a report needs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../scripts/root.mjs';
import { parseSdkDate } from '../../src/mock/auth/signature.js';
import { rawExchange, rawRequest } from './raw-http.js';

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
  if (answer.json?.command_name !== 'START') throw new Error(`the precondition of ${vector.id}: ${answer.body}`);
}

/** Replays a vector with `setClock` put at its X-Sdk-Date (after its precondition); whether the answer is the one expected. */
export async function replayAsExpected(
  port: number,
  vector: SdkVector,
  setClock: (ms: number) => void,
): Promise<{ status: number; errorCode: string | null; asExpected: boolean }> {
  setClock(parseSdkDate(vector.xSdkDate)! + 1000);
  if (vector.precondition) await serveStart(port, vector);
  const answer = await replay(port, vector);
  const asExpected = answer.status === vector.expect.status && answer.errorCode === vector.expect.errorCode;
  return { ...answer, asExpected };
}

// The error family: one base, a code per kind (the mock's failures included), guards that hold
// across realms and across copies of the package, where `instanceof` cannot.
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/root.mjs';
import * as errors from '../../src/errors.js';
import { isSmsApiError, isSmsError, isSmsRedirectError } from '../../src/index.js';
import { SmsApiError, SmsError, SmsRedirectError } from '../../src/index.js';

const {
  isJournalError,
  isMockStartError,
  isScriptError,
  isTextError,
  JournalError,
  MockStartError,
  ScriptError,
  TextError,
} = errors;

/** The error module as another copy of the package would hold it: bundled alone, run in a new realm. */
async function otherRealm(): Promise<typeof errors> {
  const out = await build({
    entryPoints: [`${root}/src/errors.ts`],
    bundle: true,
    format: 'iife',
    globalName: 'copy',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  return runInNewContext(`${out.outputFiles[0]!.text}; copy`) as typeof errors;
}

describe('the error family', () => {
  it('every class is an SmsError with its own code; the mock start error keeps its lines', () => {
    const start = new MockStartError('Install it with:\n  npm install x\u001b[2J');
    const violation = { field: 'steps[0].status', rule: 'status', message: 'is not documented' };
    const script = new ScriptError([violation], '', 409);
    const text = new TextError(2, 11, 'Unexpected token');
    const kinds = [
      [start, 'MOCK_START', 'MockStartError'],
      [script, 'SCRIPT', 'ScriptError'],
      [text, 'PARSE', 'TextError'],
    ] as const;
    for (const [error, code, name] of kinds) {
      expect(error).toBeInstanceOf(SmsError);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ code, name });
      expect(isSmsError(error)).toBe(true);
    }
    // Its own line break stays (the install hint is copied from its line); a control character does not.
    expect(start.message).toBe('Install it with:\n  npm install x\\u{1b}[2J');
    expect(script).toMatchObject({ status: 409, violations: [violation] });
    expect(script.message).toBe('steps[0].status: is not documented (status)');
    expect(text).toMatchObject({ line: 2, column: 11, reason: 'Unexpected token' });
    expect(text.message).toBe('line 2, column 11: Unexpected token');
    expect([isMockStartError(start), isScriptError(script), isTextError(text)]).toEqual([true, true, true]);
    expect([isScriptError(start), isSmsApiError(script), isTextError(start)]).toEqual([false, false, false]);
  });

  it('a JournalError: its code says the kind, its status the control API answer, its guard holds across realms', async () => {
    const timedOut = new JournalError(408, 'no matching request within 5 ms (0 in the journal)', {
      timeoutMs: 5,
      checked: 0,
    });
    const refused = new JournalError(400, 'unknown parameter "ids"', { parameter: 'ids' });
    const closed = new JournalError(503, 'the mock closed');
    expect([timedOut, refused, closed].map((e) => [e.code, e.status, e.name])).toEqual([
      ['TIMEOUT', 408, 'JournalError'],
      ['INVALID_INPUT', 400, 'JournalError'],
      ['ABORTED', 503, 'JournalError'],
    ]);
    expect(timedOut).toBeInstanceOf(SmsError);
    expect(timedOut.detail).toEqual({ timeoutMs: 5, checked: 0 });
    const copy = await otherRealm();
    const foreign = new copy.JournalError(429, 'too many waits', { limit: 64 });
    expect(foreign instanceof JournalError).toBe(false);
    expect([
      isJournalError(foreign),
      isJournalError(new SmsError('TIMEOUT', 'x')),
      copy.isJournalError(refused),
    ]).toEqual([true, false, true]);
  });

  it('a message the package did not write in lines has its line breaks escaped', () => {
    expect(new SmsError('NETWORK', 'a\nb').message).toBe('a\\u{a}b');
  });

  it('the brand is on the prototype: not in JSON, keys or a spread', () => {
    const error = new SmsApiError({ status: 429, body: { error_code: 'APIGW.0308' }, retryAfter: 3 });
    expect(Object.getOwnPropertySymbols(error)).toEqual([]);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'SmsApiError',
      code: 'HTTP',
      status: 429,
      body: { error_code: 'APIGW.0308' },
      retryAfter: 3,
      message: 'HTTP 429 (retry after 3 s)',
    });
  });

  const notErrors = [null, undefined, 0, 'SmsError', new Error('x'), { code: 'HTTP', name: 'SmsApiError' }, {}];
  it.each(notErrors)('refuses what is not one: %o', (value) => {
    expect([isSmsError(value), isSmsApiError(value), isSmsRedirectError(value)]).toEqual([false, false, false]);
  });

  it('the guards know errors from another realm and another copy of the package, where instanceof fails', async () => {
    const copy = await otherRealm();
    expect(copy.SmsError).not.toBe(SmsError);
    const api = new copy.SmsApiError({ status: 503, body: undefined });
    const redirect = new copy.SmsRedirectError(302, 'https://elsewhere.example', 'https://sms.example');
    const start = new copy.MockStartError('port taken');
    expect(api).not.toBeInstanceOf(SmsError);
    expect(api).not.toBeInstanceOf(Error);
    expect([isSmsError(api), isSmsApiError(api), isSmsRedirectError(api)]).toEqual([true, true, false]);
    expect([isSmsError(redirect), isSmsApiError(redirect), isSmsRedirectError(redirect)]).toEqual([true, false, true]);
    expect([isSmsError(start), isMockStartError(start), isScriptError(start)]).toEqual([true, true, false]);
    // And the other way: that copy's guards know this copy's errors.
    const ours = new SmsRedirectError(301, undefined, 'https://h');
    expect([copy.isSmsError(ours), copy.isSmsRedirectError(ours)]).toEqual([true, true]);
    expect(copy.isSmsError(new Error('x'))).toBe(false);
  });
});

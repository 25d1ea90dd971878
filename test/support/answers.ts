// What the client tests share: a JSON answer to hand an injected fetch, and the SmsError a call rejects with.
import { expect } from 'vitest';
import { SmsError } from '../../src/errors.js';

/** A Response with a JSON body (a string body is sent as written). */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

/** The SmsError a promise rejects with (the test fails if it resolves or rejects with anything else). */
export async function rejection(promise: Promise<unknown>): Promise<SmsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsError);
  return error as SmsError;
}

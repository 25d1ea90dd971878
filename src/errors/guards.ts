// Type guards that also hold for an error from another realm or another copy of the package, where
// `instanceof` fails: they read the brand and the code, which every copy sets alike.
import type { SmsApiError } from './api-error.js';
import type { JournalError } from './journal-error.js';
import type { MockStartError } from './mock-start-error.js';
import type { SmsRedirectError } from './redirect-error.js';
import type { ScriptError } from './script-error.js';
import { SMS_ERROR_BRAND, type SmsError, type SmsErrorCode } from './sms-error.js';
import type { TextError } from './text-error.js';

/** Whether `value` is an error of this package, made by this copy of it or by any other. */
export function isSmsError(value: unknown): value is SmsError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SMS_ERROR_BRAND] === true;
}

const hasCode =
  <E extends SmsError>(code: SmsErrorCode) =>
  (value: unknown): value is E =>
    isSmsError(value) && value.code === code;

/** A non-2xx answer (code `HTTP`). */
export const isSmsApiError = hasCode<SmsApiError>('HTTP');
/** A 3xx answer, not followed (code `REDIRECT`). */
export const isSmsRedirectError = hasCode<SmsRedirectError>('REDIRECT');
/** The mock could not start (code `MOCK_START`). */
export const isMockStartError = hasCode<MockStartError>('MOCK_START');
/** A mock script refused (code `SCRIPT`). */
export const isScriptError = hasCode<ScriptError>('SCRIPT');
/** A text the mock cannot read (code `PARSE`). */
export const isTextError = hasCode<TextError>('PARSE');
/** A journal query refused, or a wait that ended without a match (its `code` is TIMEOUT, ABORTED or INVALID_INPUT; its name says which class). */
export const isJournalError = (value: unknown): value is JournalError =>
  isSmsError(value) && value.name === 'JournalError';

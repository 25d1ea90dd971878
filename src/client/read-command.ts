// The tolerant reader of a 200 body (ShowCommand's answer): the types a caller narrows by name.
import { badResponse } from '../errors/sms-error.js';
import { describeJson } from '../text.js';

/**
 * One member per documented name, each with its own literal `name` and the param type the spec gives
 * that name (`Params[Name]`), so that checking `name` narrows `param` and `raw` with it.
 */
export type KnownCommandOf<Params extends Record<string, object>, Raw> = {
  [Name in keyof Params & string]: {
    known: true;
    /** One of the documented command values. */
    name: Name;
    /** The body's `command_param`; `{}` when it sent none (or null): every documented key is optional. */
    param: Params[Name];
    /** The body as received. */
    raw: Raw & { command_name: Name };
  };
}[keyof Params & string];
export interface UnknownCommandOf<Param> {
  known: false;
  /** The value the server sent, outside the documented set; `''` when it sent none (see `raw`). */
  name: string;
  /** The body's `command_param`; `{}` when it sent none (or null). */
  param: Param;
  raw: Record<string, unknown>;
}

/**
 * Checks the types the spec documents (an object; `command_name` a string; `command_param` an
 * object whose listed keys are strings; null counts as absent) and sorts the name into known or
 * unknown. It never rejects or rewrites a value outside the known set. An absent name is `''` and an
 * absent param `{}`, so a caller reads `param.task_id` and reports `name` with no undefined check.
 */
export function readCommand<Params extends Record<string, object>, Raw>(
  body: unknown,
  knownNames: ReadonlyArray<keyof Params & string>,
  stringKeys: ReadonlyArray<string>,
): KnownCommandOf<Params, Raw> | UnknownCommandOf<Params[keyof Params]> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw badResponse(`expected a JSON object, got ${describeJson(body)}`);
  const raw = body as Record<string, unknown>;
  const name = raw.command_name ?? '';
  if (typeof name !== 'string') throw badResponse(`command_name is ${describeJson(name)}, expected a string`);
  const param = raw.command_param ?? {};
  if (typeof param !== 'object' || Array.isArray(param))
    throw badResponse(`command_param is ${describeJson(param)}, expected an object`);
  for (const key of stringKeys) {
    const value = (param as Record<string, unknown>)[key];
    if (value !== undefined && value !== null && typeof value !== 'string')
      throw badResponse(`command_param.${key} is ${describeJson(value)}, expected a string`);
  }
  const known = (knownNames as ReadonlyArray<string>).includes(name);
  // The casts state what the checks above found: a documented name, and a param of the documented types.
  return { known, name, param, raw } as KnownCommandOf<Params, Raw> | UnknownCommandOf<Params[keyof Params]>;
}

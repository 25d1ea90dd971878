// Hostile documents and steps: a `__proto__` key is data (an own key) in every document the mock
// reads, so it cannot set a prototype that the step check or the contract check reads through; a
// key twice is refused in JSON as in YAML; a refusal lists at most MAX_VIOLATIONS problems, whatever
// the body; a header named like an Object.prototype member is a header like any other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mock, ScriptError, startMock, type Step } from '../../src/mock.js';
import { MAX_VIOLATIONS } from '../../src/contract/violations.js';
import { parseJsonDocument } from '../../src/mock/texts/json.js';
import { parseYaml } from '../../src/mock/texts/yaml.js';
import { JSON_TYPE, send } from '../support/control.js';
import { ADMIN_DOORS } from '../support/mock-admin-http.js';

let mock: Mock;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(() => mock.close());

const DRIFT =
  'sms-command-verify reports a field the contract does not list as drift: set "unchecked": true to send it anyway (properties)';
const NOT_A_STEP_FIELD =
  'is not a step field (status, body, headers, delay_ms, times, fault, unchecked, until, note) (additionalProperties)';

/** Every object in `value` with the prototype it has, where it is not Object.prototype. */
function foreignPrototypes(value: unknown, at = '$'): string[] {
  if (!value || typeof value !== 'object') return [];
  const own = Array.isArray(value) ? Array.prototype : Object.prototype;
  const here = Object.getPrototypeOf(value) === own ? [] : [at];
  return [
    ...here,
    ...Object.entries(value).flatMap(([key, item]) => foreignPrototypes(item, `${at}[${JSON.stringify(key)}]`)),
  ];
}

describe('a __proto__ key in a YAML document is an own key, as JSON.parse reads it', () => {
  it('__proto__, constructor, prototype, toString and hasOwnProperty are own keys with their values; no prototype comes from the document', () => {
    const text = [
      'a:',
      '  __proto__: {status: 503}',
      '  body: {command_name: START}',
      'b: {__proto__: 5, constructor: c, prototype: p, toString: t, hasOwnProperty: h}',
      'c: {__proto__: null}',
      'd: &x {__proto__: [1]}',
      'e: *x',
      'f: [{__proto__: {}}]',
      '',
    ].join('\n');
    const data = parseYaml(text) as Record<string, Record<string, unknown>>;
    expect(foreignPrototypes(data)).toEqual([]);
    expect(data).toEqual(
      JSON.parse(
        '{"a":{"__proto__":{"status":503},"body":{"command_name":"START"}},' +
          '"b":{"__proto__":5,"constructor":"c","prototype":"p","toString":"t","hasOwnProperty":"h"},' +
          '"c":{"__proto__":null},"d":{"__proto__":[1]},"e":{"__proto__":[1]},"f":[{"__proto__":{}}]}',
      ),
    );
    expect(Object.keys(data.a!)).toEqual(['__proto__', 'body']);
    expect(Object.hasOwn(data.a!, '__proto__')).toBe(true);
    expect((data.a as { status?: unknown }).status).toBeUndefined();
    expect(Object.keys(data.b!)).toEqual(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']);
    // The same text as JSON through the YAML reader (the --spec door reads JSON with it) and JSON.parse agree.
    const json = '{"scripts": {"__proto__": {"status": 503}, "constructor": [1]}}';
    expect(parseYaml(json)).toEqual(JSON.parse(json));
    expect(foreignPrototypes(parseYaml(json))).toEqual([]);
  });

  it.each(ADMIN_DOORS)(
    '%s door and YAML agree: a step read from YAML is refused as the same JSON is over HTTP',
    async (_door, open) => {
      const admin = open(mock);
      const cases: Array<[path: string, yaml: string, refusal: string]> = [
        [
          '/v3/sources/s1/command',
          '- __proto__: {status: 503}\n  body: {command_name: START}\n',
          `steps[0].__proto__: ${NOT_A_STEP_FIELD}`,
        ],
        [
          '/v3/sources/s2/command',
          '- body:\n    __proto__: {command_name: START}\n',
          `steps[0].body.__proto__: not a field of Command (the contract lists command_name, command_param); ${DRIFT}`,
        ],
        [
          '/v3/sources/s3/command',
          '- __proto__: {unchecked: true, status: 299}\n  body: "<html>not json</html>"\n',
          `steps[0].__proto__: ${NOT_A_STEP_FIELD}; steps[0].body: string, expected object (type object)`,
        ],
      ];
      for (const [path, yaml, refusal] of cases) {
        const steps = parseYaml(yaml) as Step[];
        const refused = async (given: Step[]) =>
          (async () => admin.script(path, given))().then(
            () => 'accepted',
            (error: unknown) => (error instanceof ScriptError ? error.message : String(error)),
          );
        expect([path, await refused(steps)]).toEqual([path, refusal]);
        expect([path, await refused(JSON.parse(JSON.stringify(steps)) as Step[])]).toEqual([path, refusal]);
      }
    },
  );
});

describe('a key twice in a JSON document is refused at the second, as in YAML', () => {
  const at = (parse: (text: string) => unknown, text: string) => {
    try {
      parse(text);
      return 'parsed';
    } catch (error) {
      return (error as Error).message;
    }
  };
  it('the same rule and message for both formats; the same key in another object, or escaped otherwise, counts as written', () => {
    expect(at(parseJsonDocument, '{"a": 1,\n "a": 2}')).toBe('line 2, column 2: duplicate key');
    expect(at(parseYaml, '{"a": 1,\n "a": 2}')).toBe('line 2, column 2: duplicate key');
    expect(at(parseJsonDocument, '{"a": {"b": 1}, "c": {"b": 2}, "d": [{"b": 1}, {"b": 2}]}')).toBe('parsed');
    expect(at(parseJsonDocument, '{"ab": 1, "a\\u0062": 2}')).toBe('line 1, column 11: duplicate key');
    expect(at(parseJsonDocument, '[{"x": {"y": 1, "z": 2, "y": 3}}]')).toBe('line 1, column 25: duplicate key');
    expect(at(parseJsonDocument, '{"__proto__": 1, "__proto__": 2}')).toBe('line 1, column 18: duplicate key');
    // A syntax error is still told as before, duplicate keys or not.
    expect(at(parseJsonDocument, '{"a": 1, "a": }')).toMatch(/^line 1, column 15: Unexpected token/);
    expect(parseJsonDocument('{"a": "\\"}{", "b": [1, {"a": 2}]}')).toEqual({ a: '"}{', b: [1, { a: 2 }] });
  });

  // Linear time (a quadratic duplicate check took minutes): measured in bench/parsers.mjs.
  it('hostile: an object of 300,000 keys is read, a key twice still refused at the second', () => {
    const keys = Array.from({ length: 300_000 }, (_, i) => `"k${i}":0`);
    expect(Object.keys(parseJsonDocument(`{${keys.join(',')}}`) as object)).toHaveLength(300_000);
    expect(at(parseJsonDocument, `{${keys.join(',')},\n"k7":1}`)).toBe('line 2, column 1: duplicate key');
  });
});

describe(`a refused script lists at most MAX_VIOLATIONS (${MAX_VIOLATIONS}) problems and counts the rest`, () => {
  const wide = (count: number) =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 0])) as Record<string, number>;
  const unlisted = (i: number) => ({
    field: `steps[0].body.k${i}`,
    rule: 'properties',
    message: `not a field of Command (the contract lists command_name, command_param); ${DRIFT.replace(' (properties)', '')}`,
  });

  it('exactly MAX_VIOLATIONS are listed as they are; one more becomes the count', () => {
    const refused = (count: number) => {
      try {
        mock.script('/v3/sources/w/command' as string, [{ body: wide(count) }] as unknown as Step[]);
      } catch (error) {
        return error as ScriptError;
      }
      throw new Error('accepted');
    };
    expect(refused(MAX_VIOLATIONS).violations).toEqual(Array.from({ length: MAX_VIOLATIONS }, (_, i) => unlisted(i)));
    const over = refused(MAX_VIOLATIONS + 1);
    expect(over.violations).toEqual([
      ...Array.from({ length: MAX_VIOLATIONS }, (_, i) => unlisted(i)),
      { field: 'steps', rule: 'MAX_VIOLATIONS', message: 'and 1 more problem (only the first 100 are listed)' },
    ]);
    expect(over.message.endsWith('; steps: and 1 more problem (only the first 100 are listed) (MAX_VIOLATIONS)')).toBe(
      true,
    );
    // A list already cut is not cut again (the HTTP door's client rebuilds the error from the list).
    expect(new ScriptError(over.violations).violations).toEqual(over.violations);
  });

  it.each(ADMIN_DOORS)(
    'hostile, %s door: a body of 80,000 unlisted fields is refused with the first 100 and a count, in a bounded answer',
    async (door, open) => {
      const body = wide(80_000);
      let refused: ScriptError | undefined;
      await (async () => open(mock).script('/v3/sources/w/command', [{ body } as Step]))().catch((error: unknown) => {
        refused = error as ScriptError;
      });
      expect(refused).toBeInstanceOf(ScriptError);
      expect(refused!.violations).toHaveLength(MAX_VIOLATIONS + 1);
      expect(refused!.violations.at(-1)).toEqual({
        field: 'steps',
        rule: 'MAX_VIOLATIONS',
        message: 'and 79900 more problems (only the first 100 are listed)',
      });
      if (door === 'http') {
        const res = await send(`${mock.url}/__mock/v3/sources/w/command`, 'PUT', JSON.stringify([{ body }]), JSON_TYPE);
        const { text } = res;
        expect(res.status).toBe(400);
        expect(text.length).toBeLessThan(64 * 1024); // was 37.7 MB for a 730 KB body
        expect((JSON.parse(text) as { error: string }).error).toMatch(
          /; steps: and 79900 more problems \(only the first 100 are listed\) \(MAX_VIOLATIONS\)$/,
        );
      }
    },
  );
});

describe('a header named like a member of Object.prototype is a header like any other', () => {
  it('constructor, __proto__, toString and hasOwnProperty are scripted and sent; Content-Length still refused in any case', async () => {
    const steps = JSON.parse(
      '[{"headers": {"constructor": "a", "__proto__": "b", "toString": "c", "hasOwnProperty": "d", "X-A": "e"}}]',
    ) as Step[];
    mock.script('/v3/sources/h1/command' as string, steps);
    const res = await fetch(`${mock.url}/v3/sources/h1/command`, { headers: { 'X-Auth-Token': 't' } });
    expect(res.status).toBe(200);
    expect(
      ['constructor', '__proto__', 'tostring', 'hasownproperty', 'x-a'].map((name) => res.headers.get(name)),
    ).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(() => mock.script('/v3/sources/h1/command', [{ headers: { 'CONTENT-LENGTH': '1' } }])).toThrow(
      'steps[0].headers["CONTENT-LENGTH"]: cannot be scripted: the mock frames the body itself: another length desynchronises the connection (header)',
    );
    mock.reset();
  });
});

// The contract-violation model: one way a request, an answer or a script step breaks the contract,
// and a list of them kept bounded (MAX_VIOLATIONS). The mock's refusals, ScriptError and scenario
// files all tell their problems in it.
/** One way a script step (or an id, or a body) breaks the contract. */
export interface Violation {
  /** Where: `server_id`, `steps[0].body.command_name`, ... */
  field: string;
  /** The spec rule that failed (`maxLength 36`, `type string`, `enum`, ...) or the mock's own. */
  rule: string;
  message: string;
}

export const describeViolation = (v: Violation) => `${v.field}: ${v.message} (${v.rule})`;

/**
 * The most violations a refusal lists (a ScriptError, the control API's 400, a scenario's lines);
 * the rest are counted in one more, last, violation of rule `MAX_VIOLATIONS`. A body of 80,000
 * fields the contract does not list has as many violations: listed, they would be 50 times the body,
 * and the first ones say what to fix.
 */
export const MAX_VIOLATIONS = 100;

/** The rule of the violation that counts those not listed. */
const MORE = 'MAX_VIOLATIONS';

/** The field a count of violations is told on: the first one's, up to its first index (`steps`, `scripts["/v3/…"]`). */
const rootOf = (field: string) => /^(?:[^.[]|\["(?:[^"\\]|\\.)*"\])+/.exec(field)?.[0] ?? field;

/**
 * `violations` as a refusal lists them: all when there are at most MAX_VIOLATIONS, else the first
 * MAX_VIOLATIONS and one more that counts the rest (`steps: and 79900 more problems (only the first
 * 100 are listed) (MAX_VIOLATIONS)`). A list already cut is returned as it is.
 */
export function listViolations(violations: readonly Violation[]): Violation[] {
  if (violations.length <= MAX_VIOLATIONS) return [...violations];
  if (violations.length === MAX_VIOLATIONS + 1 && violations[MAX_VIOLATIONS]!.rule === MORE) return [...violations];
  return countedAfter(
    violations.slice(0, MAX_VIOLATIONS),
    violations.length - MAX_VIOLATIONS,
    violations[MAX_VIOLATIONS]!,
  );
}

/** The first MAX_VIOLATIONS `listed`, then the violation that counts `more` others, the first of them `next`. */
function countedAfter(listed: Violation[], more: number, next: Violation): Violation[] {
  return [
    ...listed,
    {
      field: rootOf(next.field),
      rule: MORE,
      message: `and ${more} more problem${more === 1 ? '' : 's'} (only the first ${MAX_VIOLATIONS} are listed)`,
    },
  ];
}

/**
 * Violations gathered one by one, kept to the first MAX_VIOLATIONS and the others counted, so that a
 * body with 100,000s of problems holds no more than that in memory; `list()` is listViolations's.
 */
export class Violations {
  readonly #kept: Violation[] = [];
  #more = 0;
  #next: Violation | undefined;
  push(violation: Violation): void {
    if (this.#kept.length < MAX_VIOLATIONS) this.#kept.push(violation);
    else if (this.#more++ === 0) this.#next = violation;
  }
  get length(): number {
    return this.#kept.length + this.#more;
  }
  list(): Violation[] {
    return this.#more ? countedAfter(this.#kept, this.#more, this.#next!) : [...this.#kept];
  }
}

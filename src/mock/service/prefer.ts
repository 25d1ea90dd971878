// `Prefer: code=403, example=name`: Prism's header for choosing an answer, checked against the route.
import { GATEWAY_STATUSES, type Route } from '../engine/contract.js';

/** The answer a request prefers: a status, an example of it, or neither. */
export interface Choice {
  code?: number;
  exampleKey?: string;
}

/** The choice a `Prefer` header value makes on a route, or why the mock cannot honour it. */
export function preferOf(value: string | undefined, route: Route): Choice | string {
  if (!value) return {};
  const choice: Choice = {};
  for (const [, key, raw] of value.matchAll(/([\w-]+)\s*=\s*"?([^,;"\s]*)"?/g)) {
    if (key === 'code') {
      const code = Number(raw);
      if (!route.sends(code)) {
        return `Prefer: code=${raw} is not a status of ${route.template}: documented ${route.statuses.join(', ')}; the gateway's ${GATEWAY_STATUSES.join(', ')}`;
      }
      choice.code = code;
    } else if (key === 'example') {
      choice.exampleKey = raw!;
    } else {
      return `Prefer: ${key} is not something this mock chooses (code=<status>, example=<name>)`;
    }
  }
  if (choice.exampleKey !== undefined) {
    const status = choice.code ?? 200;
    const names = route.examples.get(status) ?? [];
    if (!names.includes(choice.exampleKey))
      return `Prefer: example=${choice.exampleKey} is not an example of the ${status} answer of ${route.template} (${names.join(', ') || 'it has none'})`;
  }
  return choice;
}

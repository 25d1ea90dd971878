// A handle to what a file's `beforeAll` starts (a mock, a server), usable where the file's helpers are
// made, at collection, before it exists: each property read forwards to it once it is there.
export function lateBound<T extends object>(what: string, get: () => T | undefined): T {
  const started = () => {
    const target = get();
    if (!target) throw new Error(`the ${what} is used before beforeAll started it`);
    return target;
  };
  return new Proxy({} as T, {
    get(_, key) {
      const target = started();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Members built at their first read and kept: what a cold start does not read, it does not
 * build (the route declarations' schemas, functions/api/route.ts; the shared path parameters
 * and bodies, functions/api/schemas.ts and bodies.ts; ARCHITECTURE.md, 2026-12-04 "The runtime
 * schemas are zod/mini").
 */

/** Makes `target[key]` a getter that builds the value once and then holds it as plain data. */
export function keepAfterFirstRead(target: object, key: string, build: () => unknown): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = build();
      Object.defineProperty(target, key, { value, enumerable: true });
      return value;
    },
  });
}

/** An object whose members are built at their first read and kept. */
export function lazily<T extends Record<string, () => unknown>>(
  builders: T,
): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const members = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const [key, build] of Object.entries(builders)) keepAfterFirstRead(members, key, build);
  return members;
}

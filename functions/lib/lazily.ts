/**
 * An object whose members are built at their first read and kept: what a cold start does not
 * read, it does not build (the route parameters and bodies, functions/api/schemas.ts and
 * bodies.ts; ARCHITECTURE.md, 2026-12-04 "The runtime schemas are zod/mini").
 */
export function lazily<T extends Record<string, () => unknown>>(
  builders: T,
): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const members = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const [key, build] of Object.entries(builders)) {
    Object.defineProperty(members, key, {
      configurable: true,
      enumerable: true,
      get() {
        const value = build();
        Object.defineProperty(members, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return members;
}

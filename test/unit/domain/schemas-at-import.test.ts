/**
 * What a module-level schema builds before its first use (ARCHITECTURE.md, 2026-12-04 "The
 * runtime schemas are zod/mini"): getter fields wait for the first parse, also through
 * `withChecks`, which zod/mini's own `.check()` does not allow.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { withChecks } from '#domain/model.ts';

/** An object whose two fields count how often they are built. */
function counted() {
  const built = { a: 0, b: 0 };
  const schema = z.strictObject({
    get a() {
      built.a++;
      return z.string().check(z.maxLength(3));
    },
    get b() {
      built.b++;
      return z.optional(z.number());
    },
  });
  return { schema, built };
}

const noA = z.refine<{ a: string }>((v) => v.a !== 'x', { message: 'no x' });

describe('withChecks', () => {
  it('leaves the getter fields unbuilt, where zod/mini’s .check() builds them all', () => {
    const own = counted();
    own.schema.check(noA);
    expect(own.built).toEqual({ a: 1, b: 1 });

    const ours = counted();
    withChecks(ours.schema, noA);
    expect(ours.built).toEqual({ a: 0, b: 0 });
  });

  it('runs the fields’ rules and the added checks as .check() does', () => {
    const { schema } = counted();
    const a = schema.check(noA);
    const b = withChecks(schema, noA);
    for (const input of [
      { a: 'ab' },
      { a: 'abcd' },
      { a: 'x' },
      { a: 'ab', c: 1 },
      { a: 'ab', b: 'no' },
      {},
    ]) {
      const [x, y] = [a.safeParse(input), b.safeParse(input)];
      expect(y.success, JSON.stringify(input)).toBe(x.success);
      expect(y.error?.issues, JSON.stringify(input)).toEqual(x.error?.issues);
    }
    // The checks already on the schema stay, before the added ones.
    const twice = withChecks(
      b,
      z.refine<{ a: string }>((v) => v.a !== 'y', { message: 'no y' }),
    );
    expect(twice.safeParse({ a: 'x' }).error?.issues[0]?.message).toBe('no x');
    expect(twice.safeParse({ a: 'y' }).error?.issues[0]?.message).toBe('no y');
  });
});

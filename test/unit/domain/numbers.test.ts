/**
 * The number helpers of functions/domain/model.ts ("Numbers"): each bound and precision, that
 * nothing they accept can fail at DynamoDB (at most 38 significant digits, magnitude 0 or
 * 1e-130 to below 1e126, and the document client's 2^53 limit), and that every number of
 * every input schema of the API (bodies, queries, path parameters) is one of them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod/mini';
import { contract } from '../../../functions/api/contract.ts';
import {
  decimalsOf,
  EventPageSize,
  FileBytes,
  fromText,
  Money,
  NUMBER_LIMITS,
  PageSize,
  Percent,
  Quantity,
  Weight,
  Year,
} from '../../../functions/domain/model.ts';
import { RULES_LIMITS, RULES_NUMBERS } from '../../../functions/domain/supervision.ts';

const HELPERS = {
  money: Money,
  percent: Percent,
  quantity: Quantity,
  weight: Weight,
  year: Year,
  pageSize: PageSize,
  eventPageSize: EventPageSize,
  fileBytes: FileBytes,
};
/** The bounds of a version of the rules (supervision.ts), helpers of their own. */
const RULES_HELPERS = {
  score: RULES_NUMBERS.Score,
  points: RULES_NUMBERS.Points,
  lagPoints: RULES_NUMBERS.LagPoints,
  share: RULES_NUMBERS.Share,
  periods: RULES_NUMBERS.Periods,
  version: RULES_NUMBERS.RulesVersion,
};
const helperSet = new Set<unknown>([...Object.values(HELPERS), ...Object.values(RULES_HELPERS)]);

/** Whether DynamoDB (and the document client in front of it) can store `x` as a number. */
function storable(x: number): boolean {
  if (!Number.isFinite(x)) return false;
  if (Math.abs(x) > Number.MAX_SAFE_INTEGER) return false; // the document client refuses it
  if (x === 0) return true;
  const a = Math.abs(x);
  if (a < 1e-130 || a >= 1e126) return false;
  const digits = String(a).replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length <= 38;
}

describe('the bounds of each helper', () => {
  const cases: [keyof typeof HELPERS, number[], number[]][] = [
    [
      'money',
      [0, 1, 10_000_000_000_000, -0],
      [-1, 0.5, 10_000_000_000_001, 1e16, 2 ** 53 + 2, 1e126, 1e-200],
    ],
    ['percent', [0, 100, 33.3, 99.9, -0], [-0.1, 100.1, 33.33, 1e-200, 1e16, 1e126, 0.05]],
    [
      'quantity',
      [0, -1e12, 1e12, 1234.5678, -0.0001, 999_999_999.9999, -0],
      [1e12 + 1, -1e12 - 1, 0.00001, 1e16, 1e126, -1e126, 1e-200, 2 ** 53 + 2],
    ],
    ['weight', [1, 50, 100], [0, -0, 101, 1.5, 1e16]],
    ['year', [2000, 2022, 2100], [1999, 2101, 2022.5, 1e16]],
    ['pageSize', [1, 25, 100], [0, 101, 2.5, 1e16]],
    ['fileBytes', [1, 2_400_000, 20 * 1024 * 1024], [0, 20 * 1024 * 1024 + 1, 1.5]],
  ];
  for (const [name, accepted, refused] of cases) {
    it(`${name}: ${JSON.stringify(NUMBER_LIMITS[name])}`, () => {
      for (const x of accepted) expect(HELPERS[name].safeParse(x).success, `${name} ${x}`).toBe(true);
      for (const x of refused) expect(HELPERS[name].safeParse(x).success, `${name} ${x}`).toBe(false);
      for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
        expect(HELPERS[name].safeParse(x).success, `${name} ${x}`).toBe(false);
      }
    });
  }

  const rulesCases: [keyof typeof RULES_HELPERS, number[], number[]][] = [
    ['score', [-100, 0, 5, -1.5, 100], [-100.1, 100.1, 1.25, 1e16]],
    ['points', [0, 3, 2.5, 100], [-1, 100.1, 0.25]],
    ['lagPoints', [1, 20, 12.5, 100], [0, 0.5, 100.5, 12.25]],
    ['share', [0.01, 0.1, 0.25, 0.5], [0, 0.005, 0.51, 0.125]],
    ['periods', [1, 2, 12], [0, 13, 1.5]],
    ['version', [2, 9999], [1, 10_000, 2.5]],
  ];
  for (const [name, accepted, refused] of rulesCases) {
    it(`rules ${name}: ${JSON.stringify(RULES_LIMITS[name])}`, () => {
      for (const x of accepted) expect(RULES_HELPERS[name].safeParse(x).success, `${name} ${x}`).toBe(true);
      for (const x of [...refused, Number.NaN, Number.POSITIVE_INFINITY])
        expect(RULES_HELPERS[name].safeParse(x).success, `${name} ${x}`).toBe(false);
    });
  }

  it('counts decimals as the number is written', () => {
    expect(decimalsOf(1)).toBe(0);
    expect(decimalsOf(1.25)).toBe(2);
    expect(decimalsOf(-0.0001)).toBe(4);
    expect(decimalsOf(1.5e-7)).toBe(8);
    expect(decimalsOf(1e-200)).toBe(200);
    expect(decimalsOf(1e21)).toBe(0);
    expect(decimalsOf(0.1 + 0.2)).toBe(17);
  });

  it('reads query and path text with the same bounds', () => {
    const year = fromText(Year);
    expect(year.parse('2022')).toBe(2022);
    for (const t of [
      '1e400',
      '1e16',
      '2022.5',
      '2022.0',
      ' 2022',
      '2022 ',
      '+2022',
      '0x7e6',
      '1e3',
      '',
      'abc',
      '-0',
    ]) {
      expect(year.safeParse(t).success, t).toBe(false);
    }
    expect(fromText(Percent).parse('33.5')).toBe(33.5);
    expect(fromText(Percent).safeParse('33.55').success).toBe(false);
  });
});

describe('nothing a helper accepts can fail at DynamoDB', () => {
  const edges = fc.constantFrom(
    0,
    -0,
    1e16,
    -1e16,
    1e126,
    -1e126,
    9.999999999999999e125,
    1e-130,
    1e-131,
    1e-200,
    2 ** 53 - 1,
    2 ** 53 + 2,
    Number.MIN_VALUE,
    Number.MAX_VALUE,
    0.1 + 0.2,
  );
  const numbers = fc.oneof(
    fc.double({ noNaN: true }),
    fc.integer(),
    fc
      .tuple(fc.integer({ min: -(10 ** 15), max: 10 ** 15 }), fc.integer({ min: 0, max: 8 }))
      .map(([n, k]) => n / 10 ** k),
    edges,
  );
  for (const [name, helper] of Object.entries(HELPERS)) {
    it(name, () => {
      fc.assert(
        fc.property(numbers, (x) => {
          if (helper.safeParse(x).success) expect(storable(x), `${name} accepted ${x}`).toBe(true);
        }),
        { numRuns: 3_000 },
      );
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Every number of every input schema is a helper

type Def = Record<string, unknown> & { type: string };
const defOf = (s: unknown) => (s as { _zod: { def: Def } })._zod.def;

/** The paths of the number schemas inside `schema` that are not one of the helpers. */
function unboundedNumbers(schema: z.ZodMiniType, path = '(body)'): string[] {
  if (helperSet.has(schema)) return [];
  const def = defOf(schema);
  const inner = (s: unknown, p = path) => unboundedNumbers(s as z.ZodMiniType, p);
  switch (def.type) {
    case 'number':
    case 'bigint':
    case 'int':
      return [path];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodMiniType>).flatMap(([k, s]) =>
        inner(s, `${path}.${k}`),
      );
    case 'array':
      return inner(def.element, `${path}[]`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return inner(def.innerType);
    case 'union':
      return (def.options as z.ZodMiniType[]).flatMap((o) => inner(o));
    case 'intersection':
      return [...inner(def.left), ...inner(def.right)];
    case 'pipe':
      // Text read into a helper (`fromText(Year)`): the helper bounds it.
      return helperSet.has(def.out) ? [] : [...inner(def.in), ...inner(def.out)];
    case 'record':
      return [...inner(def.keyType), ...inner(def.valueType, `${path}{}`)];
    case 'tuple':
      return (def.items as z.ZodMiniType[]).flatMap((s, i) => inner(s, `${path}[${i}]`));
    case 'lazy':
      return inner((def.getter as () => z.ZodMiniType)());
    case 'string':
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'transform':
    case 'unknown':
    case 'null':
    case 'undefined':
      return [];
    default:
      throw new Error(`${path}: a ${def.type} schema the walk does not know`);
  }
}

describe('every number a caller may send has a helper’s bound and precision', () => {
  for (const [op, c] of Object.entries(contract)) {
    it(op, () => {
      const { params, query, body } = c.request;
      const found = [
        ...(params ? unboundedNumbers(params, '(path)') : []),
        ...(query ? unboundedNumbers(query, '(query)') : []),
        ...(body ? unboundedNumbers(body) : []),
      ];
      expect(found).toEqual([]);
    });
  }

  it('the walk finds an unbounded number', async () => {
    const { z } = await import('zod');
    expect(
      unboundedNumbers(z.strictObject({ a: z.array(z.strictObject({ v: z.number().finite() })) })),
    ).toEqual(['(body).a[].v']);
  });
});

/**
 * The request body reader's exactness (functions/api/json.ts): a number JSON.parse would change
 * (out of a double's range, or more digits than a double holds) and a lone surrogate are a
 * ValidationFailed naming the field; everything JSON.parse reads exactly comes back unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberProblem, parseExactJson } from '../../../functions/api/json.ts';
import { DomainError } from '../../../functions/domain/errors.ts';

function refusal(text: string): { code: string; details: readonly { path: string; message: string }[] } {
  try {
    parseExactJson(text);
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, details: err.details };
    throw err;
  }
  throw new Error(`${text} was accepted`);
}

describe('numbers JSON cannot hold exactly', () => {
  const changed = [
    '9007199254740993',
    '-9007199254740993',
    '1e400',
    '-1e400',
    '1e-400',
    '123e-999999',
    '1e999999999',
    '50.0000000000000001',
    '0.30000000000000000001',
    '12345678901234567890',
  ];
  for (const n of changed) {
    it(n, () => {
      const r = refusal(`{"targets":[{"targetValue":${n}}],"ok":1}`);
      expect(r.code).toBe('validation.failed');
      expect(r.details).toHaveLength(1);
      expect(r.details[0]!.path).toBe('targets.0.targetValue');
      expect(r.details[0]!.message).toContain(n);
    });
  }

  it('names every such field, at the top and nested', () => {
    const r = refusal('{"a":1e400,"b":{"c":[1,9007199254740993]},"d":"x"}');
    expect(r.details.map((d) => d.path)).toEqual(['a', 'b.c.1']);
    expect(refusal('1e400').details.map((d) => d.path)).toEqual(['(body)']);
  });

  it('reads exact numbers in any notation', () => {
    for (const n of [
      '0',
      '-0',
      '0.1',
      '1.10',
      '1E2',
      '1e+2',
      '100',
      '0.30000000000000004',
      '1e21',
      '5e-324',
    ]) {
      expect(parseExactJson(`{"x":${n}}`), n).toEqual({ x: JSON.parse(n) });
      expect(numberProblem(n, JSON.parse(n)), n).toBeUndefined();
    }
    expect(Object.is((parseExactJson('{"x":-0}') as { x: number }).x, -0)).toBe(true);
  });

  it('never refuses the text JSON.stringify writes for a number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        expect(parseExactJson(JSON.stringify({ d }))).toEqual({ d: JSON.parse(JSON.stringify(d)) });
      }),
      { numRuns: 2_000 },
    );
  });

  it('leaves every well-formed JSON value as JSON.parse reads it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        expect(parseExactJson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('strings that are not well-formed Unicode', () => {
  it('a lone surrogate is refused, naming the field', () => {
    for (const s of ['\\ud800', 'a\\udfffb', '\\udc00\\ud800']) {
      const r = refusal(`{"title":"${s}","ok":"fine"}`);
      expect(
        r.details.map((d) => d.path),
        s,
      ).toEqual(['title']);
    }
  });

  it('a surrogate pair, NUL or a bidi override is left to the schemas', () => {
    expect(parseExactJson('{"t":"\\ud83d\\ude00 \\u0000 \\u202e"}')).toEqual({ t: '😀 \u0000 \u202e' });
  });

  it('JSON that is not JSON still throws as JSON.parse does', () => {
    expect(() => parseExactJson('{"a":')).toThrow(SyntaxError);
  });
});

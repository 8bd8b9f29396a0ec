/** Order identity and numbering (functions/domain/orders.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORDER_TYPES } from '#domain/model.ts';
import { displayNumber, orderId, parseOrderId } from '#domain/orders.ts';

describe('orderId and displayNumber', () => {
  it('formats the id with a type code and a zero-padded number', () => {
    expect(orderId('responsibility', 2022, 3)).toBe('2022-RES-0003');
    expect(orderId('commendation', 2022, 42)).toBe('2022-COM-0042');
    expect(orderId('inquiry', 2023, 1234)).toBe('2023-INQ-1234');
    expect(orderId('inquiry', 2023, 12345)).toBe('2023-INQ-12345');
  });

  it('formats the official number: 福田责〔2022〕3号, 嘉, 询', () => {
    expect(displayNumber('responsibility', 2022, 3)).toBe('福田责〔2022〕3号');
    expect(displayNumber('commendation', 2022, 12)).toBe('福田嘉〔2022〕12号');
    expect(displayNumber('inquiry', 2023, 1)).toBe('福田询〔2023〕1号');
  });
});

describe('parseOrderId', () => {
  it('reads back what orderId wrote, beyond four digits too (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ORDER_TYPES),
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (type, year, number) => {
          expect(parseOrderId(orderId(type, year, number))).toEqual({ type, year, number });
        },
      ),
    );
  });

  it('distinct (type, year, number) give distinct ids and official numbers (property)', () => {
    const key = fc.tuple(
      fc.constantFrom(...ORDER_TYPES),
      fc.integer({ min: 2020, max: 2030 }),
      fc.integer({ min: 1, max: 20_000 }),
    );
    fc.assert(
      fc.property(key, key, (a, b) => {
        const same = a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
        expect(orderId(...a) === orderId(...b)).toBe(same);
        expect(displayNumber(...a) === displayNumber(...b)).toBe(same);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    '',
    '2022-RES-003',
    '2022-XYZ-0003',
    '22-RES-0003',
    '2022-res-0003',
    '2022-RES-0003x',
    ' 2022-RES-0003',
    'ORDER#2022-RES-0003',
  ])('rejects %j', (id) => {
    expect(parseOrderId(id)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { zhCN } from '../../src/i18n/zh-CN.ts';

/** Every leaf key of a nested message object, dotted. */
function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function leaf(o: object, key: string): unknown {
  return key.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown>)?.[k], o);
}

const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the console’s two locales', () => {
  it('have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('have a non-empty text for every key, with the same placeholders', () => {
    for (const k of keys(zhCN)) {
      const zh = leaf(zhCN, k);
      const e = leaf(en, k);
      expect(typeof zh, k).toBe('string');
      expect(typeof e, k).toBe('string');
      expect((zh as string).trim(), k).not.toBe('');
      expect((e as string).trim(), k).not.toBe('');
      expect(vars(e as string), k).toEqual(vars(zh as string));
    }
  });

  it('names every status, kind, category, stage, order type and role the API knows', async () => {
    const model = await import('../../../functions/domain/model.ts');
    for (const s of model.ITEM_STATUSES) expect(zhCN.status).toHaveProperty(s);
    for (const s of model.ITEM_KINDS) expect(zhCN.kind).toHaveProperty(s);
    for (const s of model.CATEGORIES) expect(zhCN.category).toHaveProperty(s);
    for (const s of model.STAGES) expect(zhCN.stage).toHaveProperty(s);
    for (const s of model.ORDER_TYPES) expect(zhCN.orderType).toHaveProperty(s);
    for (const s of model.ORDER_STATUSES) expect(zhCN.orderStatus).toHaveProperty(s);
    for (const s of model.ROLES) expect(zhCN.role).toHaveProperty(s);
    for (const s of model.UNIT_TYPES) expect(zhCN.unitType).toHaveProperty(s);
  });
});

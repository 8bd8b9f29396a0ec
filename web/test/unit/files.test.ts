import { describe, expect, it } from 'vitest';
import { base64Of, errorTable, filenameOf, formatOf } from '../../src/lib/files.ts';

describe('the import error table', () => {
  it('groups the errors by sheet row, rows in order, columns as the API answered them', () => {
    const rows = errorTable([
      { row: 7, column: '节点', code: 'import.invalid', message: 'weights add up to 60' },
      { row: 3, column: '类型', code: 'import.unknown_value', message: 'kind is one of …' },
      { row: 7, column: '名称', code: 'import.required', message: 'required' },
      { row: 1, column: '名字', code: 'import.unknown_column', message: 'unknown column 2' },
    ]);
    expect(rows.map((r) => r.row)).toEqual([1, 3, 7]);
    expect(rows[2]?.errors.map((e) => e.column)).toEqual(['节点', '名称']);
    expect(errorTable([])).toEqual([]);
  });
});

describe('files', () => {
  it('takes the UTF-8 name of a download, else the plain one', () => {
    expect(
      filenameOf(
        `attachment; filename="___.pdf"; filename*=UTF-8''${encodeURIComponent('福田责〔2022〕3号.pdf')}`,
        'x',
      ),
    ).toBe('福田责〔2022〕3号.pdf');
    expect(filenameOf('attachment; filename="a.csv"', 'x')).toBe('a.csv');
    expect(filenameOf(null, 'x')).toBe('x');
  });

  it('knows CSV and XLSX by name, and encodes large files in chunks', () => {
    expect(formatOf('清单.XLSX')).toBe('xlsx');
    expect(formatOf('a.csv')).toBe('csv');
    expect(formatOf('a.xls')).toBeUndefined();
    const big = new Uint8Array(200_000).map((_, i) => i % 256);
    expect(Buffer.from(base64Of(big), 'base64').equals(Buffer.from(big))).toBe(true);
  });
});

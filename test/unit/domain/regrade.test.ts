/** Which ledger entries a re-grade touches: another version, and (a period named) graded in it. */
import { describe, expect, it } from 'vitest';
import { needsRegrade } from '#domain/grading.ts';

const v2 = { version: 2 };

describe('needsRegrade', () => {
  it('skips an entry already on the version in force (a second run changes nothing)', () => {
    expect(needsRegrade({ ruleVersion: 2, at: '2031-09-10T02:00:00.000Z' }, v2)).toBe(false);
    expect(needsRegrade({ ruleVersion: 2, at: '2031-09-10T02:00:00.000Z' }, v2, '2031-09')).toBe(false);
  });

  it('without a period, every entry on another version', () => {
    expect(needsRegrade({ ruleVersion: 1, at: '2031-06-02T02:00:00.000Z' }, v2)).toBe(true);
  });

  it('with a period, only the entries graded in that month, in Beijing time', () => {
    expect(needsRegrade({ ruleVersion: 1, at: '2031-09-10T02:00:00.000Z' }, v2, '2031-09')).toBe(true);
    expect(needsRegrade({ ruleVersion: 1, at: '2031-06-02T02:00:00.000Z' }, v2, '2031-09')).toBe(false);
    // 30 September 17:00 UTC is 1 October in Beijing: October's, not September's.
    expect(needsRegrade({ ruleVersion: 1, at: '2031-09-30T17:00:00.000Z' }, v2, '2031-09')).toBe(false);
    expect(needsRegrade({ ruleVersion: 1, at: '2031-09-30T17:00:00.000Z' }, v2, '2031-10')).toBe(true);
  });
});

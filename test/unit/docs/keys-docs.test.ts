/**
 * ARCHITECTURE.md's key tables (record layout, what each index serves, access patterns) are
 * generated from the key declarations (functions/data/keys.ts, access-patterns.ts): they may
 * not drift from the keys the code writes and queries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keySections, withKeySections } from '#data/access-patterns.ts';

const architecture = readFileSync(join(import.meta.dirname, '..', '..', '..', 'ARCHITECTURE.md'), 'utf8');

describe('ARCHITECTURE.md key tables', () => {
  it('are the ones the key declarations generate (npx tsx scripts/docs-keys.ts writes them)', () => {
    expect(withKeySections(architecture)).toBe(architecture);
  });

  it('list every record type, each index and no key the code does not write', () => {
    const { layout, indexes } = keySections();
    for (const s of Object.values(keySections())) expect(architecture).toContain(s);
    expect(layout).toContain('`ITEM#<itemId>`');
    for (const gsi of ['GSI1', 'GSI2', 'GSI3']) expect(indexes).toContain(`**${gsi}**`);
    // The batch entry that tables.ts once documented and no code wrote.
    expect(architecture).not.toContain('BATCHES#');
  });
});

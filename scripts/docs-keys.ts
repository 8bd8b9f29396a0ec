/**
 * Writes the key tables of ARCHITECTURE.md (record layout, what each index serves, access
 * patterns) from the key declarations: functions/data/keys.ts, functions/data/access-patterns.ts.
 * Usage: npx tsx scripts/docs-keys.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withKeySections } from '../functions/data/access-patterns.ts';

const file = join(import.meta.dirname, '..', 'ARCHITECTURE.md');
const before = readFileSync(file, 'utf8');
const after = withKeySections(before);
if (after !== before) writeFileSync(file, after);
console.log(
  after === before ? 'ARCHITECTURE.md: key tables up to date' : 'ARCHITECTURE.md: key tables written',
);

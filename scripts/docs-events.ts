/**
 * Writes docs/events.md: one section per domain event (functions/domain/events.ts) with its
 * JSON Schema (`z.toJSONSchema`), the `detail` of an EventBridge event with source `one-list`
 * and `detail-type` the event's type. Usage: npx tsx scripts/docs-events.ts
 * (test/unit/docs/events-docs.test.ts fails when the file differs).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventsDocument } from './events-document.ts';

const file = join(import.meta.dirname, '..', 'docs', 'events.md');
let before = '';
try {
  before = readFileSync(file, 'utf8');
} catch {}
const after = eventsDocument();
if (after !== before) writeFileSync(file, after);
console.log(after === before ? 'docs/events.md: up to date' : 'docs/events.md: written');

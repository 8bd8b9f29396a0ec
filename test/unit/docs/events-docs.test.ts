/**
 * docs/events.md documents every domain event with the JSON Schema of functions/domain/events.ts:
 * it may not drift from the schemas the subscribers read (npx tsx scripts/docs-events.ts writes it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMAIN_EVENT_TYPES } from '#domain/events.ts';
import { eventsDocument } from '../../../scripts/events-document.ts';

const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'events.md'), 'utf8');

describe('docs/events.md', () => {
  it('is the document the event schemas generate', () => {
    expect(doc).toBe(eventsDocument());
  });

  it('has a section and a schema for every event type', () => {
    for (const t of DOMAIN_EVENT_TYPES) expect(doc).toContain(`## ${t}\n`);
    expect(doc.match(/```json/g)).toHaveLength(DOMAIN_EVENT_TYPES.length);
  });
});

/**
 * The audit hash chain (functions/domain/audit.ts): chaining and verification, and that
 * every kind of tampering with a stored trail is reported at the event that was touched.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chain, GENESIS, hashEvent, type NewAuditEvent, verifyTrail } from '#domain/audit.ts';
import type { Actor, AuditEvent } from '#domain/model.ts';
import { canonicalJson } from '#lib/canonical-json.ts';

const office: Actor = { role: 'office', sub: 'office-1' };
const unit: Actor = { role: 'unit', sub: 'u1', unitId: 'meilin' };
const SUBJECT = 'ITEM#2022-T-1';
const AT = '2022-09-30T02:00:00.000Z';

const NEW_EVENTS: NewAuditEvent[] = [
  { type: 'item.created', actor: office, data: { title: 'Futian Middle School expansion', itemClass: 'A' } },
  { type: 'item.published', actor: office, data: { batchNo: 1 } },
  { type: 'claim.filed', actor: unit, data: { claimId: 'claim-1', unitId: 'meilin' } },
  { type: 'claim.awarded', actor: office, data: { claimId: 'claim-1', declined: [], note: null } },
  { type: 'order.responsibility.issued', actor: office, data: { orderId: '2022-RES-0001' } },
  { type: 'progress.reported', actor: unit, data: { reportId: 'p-1', percentComplete: 40 } },
];

function trail(): AuditEvent[] {
  return chain(SUBJECT, { seq: 0, hash: GENESIS }, AT, NEW_EVENTS);
}

function headOf(events: readonly AuditEvent[]): { seq: number; hash: string } {
  const last = events.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS };
}

/** An event with one field changed, the stored hash kept (what an edit in the table does). */
function edited(e: AuditEvent, change: Partial<AuditEvent>): AuditEvent {
  return { ...e, ...change };
}

const seqs = NEW_EVENTS.map((_, i) => i + 1);

describe('chain', () => {
  it('numbers events from the head, links each to the previous hash and hashes its content', () => {
    const events = trail();
    expect(events.map((e) => e.seq)).toEqual(seqs);
    expect(events[0]!.prevHash).toBe(GENESIS);
    for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    for (const e of events) {
      expect(e.subject).toBe(SUBJECT);
      expect(e.at).toBe(AT);
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      const { hash, ...rest } = e;
      expect(hashEvent(rest)).toBe(hash);
    }
    expect(new Set(events.map((e) => e.hash)).size).toBe(events.length);
  });

  it('continuing after a head gives the same trail as chaining everything at once', () => {
    const whole = trail();
    const first = chain(SUBJECT, { seq: 0, hash: GENESIS }, AT, NEW_EVENTS.slice(0, 2));
    const rest = chain(SUBJECT, headOf(first), AT, NEW_EVENTS.slice(2));
    expect([...first, ...rest]).toEqual(whole);
  });

  it('chains nothing for no events', () => {
    expect(chain(SUBJECT, { seq: 4, hash: 'a'.repeat(64) }, AT, [])).toEqual([]);
  });

  it('the hash depends on the subject, the time and the position', () => {
    const a = trail();
    const otherSubject = chain('ITEM#other', { seq: 0, hash: GENESIS }, AT, NEW_EVENTS);
    const otherTime = chain(SUBJECT, { seq: 0, hash: GENESIS }, '2022-09-30T02:00:00.001Z', NEW_EVENTS);
    const shifted = chain(SUBJECT, { seq: 7, hash: GENESIS }, AT, NEW_EVENTS);
    expect(otherSubject[0]!.hash).not.toBe(a[0]!.hash);
    expect(otherTime[0]!.hash).not.toBe(a[0]!.hash);
    expect(shifted[0]!.hash).not.toBe(a[0]!.hash);
  });
});

describe('verifyTrail', () => {
  it('accepts an untouched trail, with and without the expected head', () => {
    const events = trail();
    expect(verifyTrail(events)).toEqual({ valid: true, events: events.length });
    expect(verifyTrail(events, headOf(events))).toEqual({ valid: true, events: events.length });
    expect(verifyTrail([], { seq: 0, hash: GENESIS })).toEqual({ valid: true, events: 0 });
  });

  it.each(seqs)("editing event %i's data breaks the trail exactly there", (seq) => {
    const events = trail();
    const i = seq - 1;
    events[i] = edited(events[i]!, { data: { ...events[i]!.data, percentComplete: 99 } });
    const v = verifyTrail(events, headOf(trail()));
    expect(v.valid).toBe(false);
    expect(v.brokenAt).toBe(seq);
    expect(v.reason).toBe('content does not match its hash');
  });

  it.each(seqs)('editing the type, actor or time of event %i breaks the trail exactly there', (seq) => {
    const changes: Partial<AuditEvent>[] = [
      { type: 'item.tampered' },
      { actor: { role: 'commander', sub: 'c1' } },
      { at: '2021-01-01T00:00:00.000Z' },
      { subject: 'ITEM#someone-else' },
    ];
    for (const change of changes) {
      const events = trail();
      events[seq - 1] = edited(events[seq - 1]!, change);
      const v = verifyTrail(events);
      expect(v, JSON.stringify(change)).toMatchObject({ valid: false, brokenAt: seq });
    }
  });

  it.each(seqs)('changing the prevHash of event %i breaks the trail exactly there', (seq) => {
    const events = trail();
    events[seq - 1] = edited(events[seq - 1]!, { prevHash: 'f'.repeat(64) });
    const v = verifyTrail(events);
    expect(v).toMatchObject({ valid: false, brokenAt: seq, reason: 'previous-hash link does not match' });
  });

  it.each(seqs.slice(0, -1))('deleting event %i breaks the trail exactly there', (seq) => {
    const events = trail().filter((e) => e.seq !== seq);
    const v = verifyTrail(events, headOf(trail()));
    expect(v.valid).toBe(false);
    expect(v.brokenAt).toBe(seq);
    expect(v.reason).toBe(`event ${seq} is missing`);
    expect(v.events).toBe(events.length);
  });

  it('deleting the last event is caught by the expected head (and only by it)', () => {
    const full = trail();
    const last = full.length;
    const cut = full.slice(0, -1);
    expect(verifyTrail(cut, headOf(full))).toMatchObject({ valid: false, brokenAt: last });
    // Without the head recorded on the subject a truncated trail looks complete: the head is needed.
    expect(verifyTrail(cut).valid).toBe(true);
  });

  it('swapping two adjacent events in the trail breaks it at the first of the two positions', () => {
    for (let i = 0; i + 1 < seqs.length; i++) {
      const events = trail();
      [events[i], events[i + 1]] = [events[i + 1]!, events[i]!];
      expect(verifyTrail(events)).toMatchObject({ valid: false, brokenAt: i + 1 });
    }
  });

  it('reordering the contents while keeping the sequence numbers breaks it at the first moved event', () => {
    for (let i = 0; i + 1 < seqs.length; i++) {
      const events = trail();
      const a = events[i]!;
      const b = events[i + 1]!;
      events[i] = { ...b, seq: a.seq, prevHash: a.prevHash };
      events[i + 1] = { ...a, seq: b.seq, prevHash: b.prevHash };
      expect(verifyTrail(events)).toMatchObject({ valid: false, brokenAt: i + 1 });
    }
  });

  it('re-hashing an edited event does not hide the edit: the next link breaks', () => {
    const events = trail();
    const { hash: _old, ...rest } = events[2]!;
    const forged = { ...rest, data: { ...rest.data, unitId: 'futian' } };
    events[2] = { ...forged, hash: hashEvent(forged) };
    expect(verifyTrail(events)).toMatchObject({ valid: false, brokenAt: 4 });
  });

  it('a trail that does not end at the recorded head is invalid', () => {
    const events = trail();
    // The subject records one event more than the trail holds.
    expect(verifyTrail(events, { seq: events.length + 1, hash: 'a'.repeat(64) })).toMatchObject({
      valid: false,
      brokenAt: events.length + 1,
    });
    // A forged event appended with a valid link: the trail goes past the recorded head.
    const extra = chain(SUBJECT, headOf(events), AT, [{ type: 'forged', actor: office, data: {} }]);
    expect(verifyTrail([...events, ...extra], headOf(events)).valid).toBe(false);
    // Same length, different head hash.
    expect(verifyTrail(events, { seq: events.length, hash: 'b'.repeat(64) }).valid).toBe(false);
  });

  it('any single-field edit anywhere in any trail is found at that event (property)', () => {
    const eventArb = fc.record({
      type: fc.constantFrom('item.created', 'claim.filed', 'progress.reported', 'order.inquiry.issued'),
      actor: fc.constantFrom<Actor>(office, unit, { role: 'inspector', sub: 'i1' }),
      data: fc.dictionary(
        fc.string({ minLength: 1, maxLength: 6 }),
        fc.oneof(fc.integer(), fc.string(), fc.boolean()),
      ),
    });
    fc.assert(
      fc.property(
        fc.array(eventArb, { minLength: 1, maxLength: 15 }),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 8 }),
        (news, pick, marker) => {
          const events = chain(SUBJECT, { seq: 0, hash: GENESIS }, AT, news);
          expect(verifyTrail(events, headOf(events)).valid).toBe(true);
          const i = pick % events.length;
          const e = events[i]!;
          const tampered = [...events];
          tampered[i] = { ...e, data: { ...e.data, [`~${marker}`]: marker } };
          const v = verifyTrail(tampered, headOf(events));
          expect(v.valid).toBe(false);
          expect(v.brokenAt).toBe(e.seq);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('canonicalJson', () => {
  it('does not depend on the order of keys, at any depth', () => {
    const a = { b: 1, a: { y: [1, { q: 1, p: 2 }], x: 'x' }, c: null };
    const b = { c: null, a: { x: 'x', y: [1, { p: 2, q: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"x","y":[1,{"p":2,"q":1}]},"b":1,"c":null}');
  });

  it('keeps the order of array elements and drops undefined properties', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson(null)).toBe('null');
  });

  it('is valid JSON equal to the value and independent of key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        const shuffled = shuffleKeys(value, seed);
        expect(canonicalJson(shuffled)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same event hash whatever order the event was built in', () => {
    const [e] = trail();
    const { hash, ...rest } = e!;
    const reversed = Object.fromEntries(Object.entries(rest).reverse()) as Omit<AuditEvent, 'hash'>;
    expect(hashEvent(reversed)).toBe(hash);
  });
});

/** Rebuilds objects with their keys in a seed-dependent order. */
function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => shuffleKeys(v, seed + i));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const rotated = entries.map((_, i) => entries[(i + seed) % entries.length]!);
  if (seed % 2 === 1) rotated.reverse();
  return Object.fromEntries(rotated.map(([k, v]) => [k, shuffleKeys(v, seed + 1)]));
}

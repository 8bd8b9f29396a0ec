/**
 * Audit events form a hash chain per subject (an item, a unit, a proposal): each event
 * carries the hash of the previous one, so editing or removing a stored event breaks
 * verification at that event.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { canonicalJson } from '#lib/canonical-json.ts';
import type { Actor, AuditEvent } from './model.ts';

export const GENESIS = '0'.repeat(64);

export function hashEvent(event: Omit<AuditEvent, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(event)).digest('hex');
}

export interface NewAuditEvent {
  readonly type: string;
  readonly actor: Actor;
  readonly data: Record<string, unknown>;
}

/** Chains new events after the head (seq, hash) of a subject's trail. */
export function chain(
  subject: string,
  head: { seq: number; hash: string },
  at: string,
  events: readonly NewAuditEvent[],
): AuditEvent[] {
  const out: AuditEvent[] = [];
  let prev = head;
  for (const e of events) {
    const base = {
      subject,
      seq: prev.seq + 1,
      at,
      type: e.type,
      actor: e.actor,
      data: e.data,
      prevHash: prev.hash,
    };
    const hash = hashEvent(base);
    out.push({ ...base, hash });
    prev = { seq: base.seq, hash };
  }
  return out;
}

/** What verifying a trail found. */
export const Verification = z.object({
  get valid() {
    return z.boolean();
  },
  get events() {
    return z.number().check(z.int(), z.gte(0));
  },
  get brokenAt() {
    return z
      .optional(z.number().check(z.int(), z.gte(1)))
      .register(z.globalRegistry, { description: 'First event that does not verify.' });
  },
  get reason() {
    return z.optional(z.string());
  },
});
export type Verification = z.infer<typeof Verification>;

export function verifyTrail(
  events: readonly AuditEvent[],
  expectedHead?: { seq: number; hash: string },
): Verification {
  let prev = { seq: 0, hash: GENESIS };
  for (const e of events) {
    if (e.seq !== prev.seq + 1) {
      return {
        valid: false,
        events: events.length,
        brokenAt: prev.seq + 1,
        reason: `event ${prev.seq + 1} is missing`,
      };
    }
    if (e.prevHash !== prev.hash) {
      return {
        valid: false,
        events: events.length,
        brokenAt: e.seq,
        reason: 'previous-hash link does not match',
      };
    }
    const { hash, ...rest } = e;
    if (hashEvent(rest) !== hash) {
      return {
        valid: false,
        events: events.length,
        brokenAt: e.seq,
        reason: 'content does not match its hash',
      };
    }
    prev = { seq: e.seq, hash };
  }
  if (expectedHead && (expectedHead.seq !== prev.seq || expectedHead.hash !== prev.hash)) {
    return {
      valid: false,
      events: events.length,
      brokenAt: prev.seq + 1,
      reason: `the trail ends at ${prev.seq} but the subject records ${expectedHead.seq}`,
    };
  }
  return { valid: true, events: events.length };
}

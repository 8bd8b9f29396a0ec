/**
 * Audit trails as stored: after real commands the trail verifies against the head the item
 * records; editing or deleting one stored event in the table breaks verification exactly at
 * that event.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportProgress } from '#app/commands/work.ts';
import { setWorkflowPort } from '#app/ports.ts';
import { auditSk, readTrail } from '#data/audit.ts';
import { documentClient, mainTableName } from '#data/db.ts';
import { getItem, itemPk } from '#data/items.ts';
import { unitPk } from '#data/units.ts';
import { verifyTrail } from '#domain/audit.ts';
import type { AuditEvent, Item } from '#domain/model.ts';
import { coverTestYears } from '../../support/calendar.ts';
import {
  createUnits,
  installRecordingPort,
  itemInProgress,
  TestClock,
  unitActor,
} from '../../support/fixtures.ts';
import { freshTables } from '../../support/tables.ts';

let clock: TestClock;

beforeAll(async () => {
  await freshTables();
  // Its clock is in the 2030s, which the package does not cover: test tables, not official ones.
  await coverTestYears(2027, 2040);
  installRecordingPort();
  clock = new TestClock('2031-05-06T02:00:00Z');
  await createUnits(['meilin']);
});

afterAll(() => {
  setWorkflowPort(undefined);
  TestClock.restore();
});

const head = (item: Item) => ({ seq: item.auditSeq, hash: item.auditHead });

async function verifyStored(itemId: string) {
  const [item, trail] = await Promise.all([getItem(itemId), readTrail(itemPk(itemId))]);
  return { trail, withHead: verifyTrail(trail, head(item)), withoutHead: verifyTrail(trail) };
}

/** An item after a few commands: created, published, claimed, awarded, acknowledged, two reports. */
async function itemWithHistory(): Promise<{ item: Item; trail: AuditEvent[] }> {
  const { item } = await itemInProgress(clock, { year: 2031, unitId: 'meilin' });
  for (const p of [20, 45]) {
    await reportProgress({ actor: unitActor('meilin') }, item.itemId, {
      percentComplete: p,
      narrative: `at ${p}%`,
    });
  }
  const stored = await getItem(item.itemId);
  const trail = await readTrail(itemPk(item.itemId));
  return { item: stored, trail };
}

const key = (itemId: string, seq: number) => ({ PK: itemPk(itemId), SK: auditSk(seq) });

async function rawEvent(itemId: string, seq: number): Promise<Record<string, unknown>> {
  const res = await documentClient().send(
    new GetCommand({ TableName: mainTableName(), Key: key(itemId, seq), ConsistentRead: true }),
  );
  expect(res.Item, `audit event ${seq}`).toBeDefined();
  return res.Item!;
}

describe('stored audit trails', () => {
  it('verify after real commands, with one event per change and the head on the item', async () => {
    const { item, trail } = await itemWithHistory();
    expect(trail.map((e) => e.type)).toEqual([
      'item.created',
      'item.published',
      'claim.filed',
      'claim.awarded',
      'order.responsibility.issued',
      'order.responsibility.acknowledged',
      'progress.reported',
      'progress.reported',
    ]);
    expect(trail.map((e) => e.seq)).toEqual(trail.map((_, i) => i + 1));
    expect(item.auditSeq).toBe(trail.length);
    expect(item.auditHead).toBe(trail.at(-1)!.hash);
    expect(verifyTrail(trail, head(item))).toEqual({ valid: true, events: trail.length });
    for (const e of trail) expect(e.subject).toBe(itemPk(item.itemId));
  });

  it('editing one stored event breaks verification at that event; restoring it heals the trail', async () => {
    const { item, trail } = await itemWithHistory();
    const target = trail.find((e) => e.type === 'claim.filed')!;
    const original = target.data.unitId;
    const setUnit = (unitId: unknown) =>
      documentClient().send(
        new UpdateCommand({
          TableName: mainTableName(),
          Key: key(item.itemId, target.seq),
          UpdateExpression: 'SET #data.#unit = :u',
          ExpressionAttributeNames: { '#data': 'data', '#unit': 'unitId' },
          ExpressionAttributeValues: { ':u': unitId },
        }),
      );

    await setUnit('xiangmihu');
    const broken = await verifyStored(item.itemId);
    expect(broken.trail.find((e) => e.seq === target.seq)!.data.unitId).toBe('xiangmihu');
    expect(broken.withHead).toMatchObject({
      valid: false,
      brokenAt: target.seq,
      reason: 'content does not match its hash',
    });
    expect(broken.withoutHead).toMatchObject({ valid: false, brokenAt: target.seq });

    await setUnit(original);
    expect((await verifyStored(item.itemId)).withHead.valid).toBe(true);
  });

  it('editing the time, the actor or the prevHash of one event is found at that event', async () => {
    const { item, trail } = await itemWithHistory();
    const edits: { seq: number; set: string; names: Record<string, string>; value: unknown }[] = [
      { seq: 2, set: 'SET #f = :v', names: { '#f': 'at' }, value: '2031-01-01T00:00:00.000Z' },
      { seq: 4, set: 'SET #f.#g = :v', names: { '#f': 'actor', '#g': 'sub' }, value: 'someone-else' },
      { seq: 6, set: 'SET #f = :v', names: { '#f': 'prevHash' }, value: 'f'.repeat(64) },
      { seq: trail.length, set: 'SET #f = :v', names: { '#f': 'type' }, value: 'progress.withdrawn' },
    ];
    for (const edit of edits) {
      const before = await rawEvent(item.itemId, edit.seq);
      await documentClient().send(
        new UpdateCommand({
          TableName: mainTableName(),
          Key: key(item.itemId, edit.seq),
          UpdateExpression: edit.set,
          ExpressionAttributeNames: edit.names,
          ExpressionAttributeValues: { ':v': edit.value },
        }),
      );
      const v = await verifyStored(item.itemId);
      expect(v.withHead, JSON.stringify(edit)).toMatchObject({ valid: false, brokenAt: edit.seq });
      // Put the stored event back as it was.
      await documentClient().send(new PutCommand({ TableName: mainTableName(), Item: before }));
      expect((await verifyStored(item.itemId)).withHead.valid).toBe(true);
    }
  });

  it('deleting one event breaks verification at that event', async () => {
    const { item, trail } = await itemWithHistory();
    const seq = 4;
    await documentClient().send(
      new DeleteCommand({ TableName: mainTableName(), Key: key(item.itemId, seq) }),
    );
    const v = await verifyStored(item.itemId);
    expect(v.trail).toHaveLength(trail.length - 1);
    expect(v.withHead).toMatchObject({ valid: false, brokenAt: seq, reason: `event ${seq} is missing` });
    expect(v.withoutHead).toMatchObject({ valid: false, brokenAt: seq });
  });

  it('deleting the newest event is caught by the head the item records', async () => {
    const { item, trail } = await itemWithHistory();
    const last = trail.length;
    await documentClient().send(
      new DeleteCommand({ TableName: mainTableName(), Key: key(item.itemId, last) }),
    );
    const v = await verifyStored(item.itemId);
    expect(v.withHead).toMatchObject({ valid: false, brokenAt: last });
    // The trail alone looks complete: this is why the item records its head.
    expect(v.withoutHead.valid).toBe(true);
  });

  it('a unit keeps its own verifiable trail', async () => {
    const trail = await readTrail(unitPk('meilin'));
    expect(trail.map((e) => e.type)).toEqual(['unit.created']);
    expect(verifyTrail(trail).valid).toBe(true);
  });
});

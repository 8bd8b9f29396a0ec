/**
 * Domain events through the outbox (ARCHITECTURE "Domain events and the outbox"): a command
 * writes its outbox records in its own transaction (and a failed transaction writes none); the
 * relay puts them on the bus (a fake PutEvents endpoint, the JSON 1.1 protocol) and marks them
 * published with a notification per addressee; a partial failure leaves exactly the refused
 * entries pending, and the next run publishes them; the sweep's timer events are written once
 * however often it runs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalRuntime } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { award, claim } from '#app/commands/claims.ts';
import { acknowledge } from '#app/commands/work.ts';
import { deadlineSweep } from '#app/evaluation.ts';
import { relayOutbox, resetEventsClient } from '#app/relay.ts';
import { appendAudit, NEW_TRAIL } from '#data/audit.ts';
import { getRecord, UnitOfWork } from '#data/db.ts';
import { itemRow } from '#data/items.ts';
import { outbox } from '#data/keys.ts';
import { listOrders } from '#data/orders.ts';
import { notificationsOf, type OutboxRecord, outboxPage } from '#data/outbox.ts';
import type { Item } from '#domain/model.ts';
import { domainEventBus } from '#resources/buses.ts';
import {
  commander,
  huafu,
  meilin,
  newItem,
  office,
  publish,
  seedUnits,
  settleItem,
  startHarness,
} from '../../support/workflow-harness.ts';

interface Received {
  EventBusName: string;
  Source: string;
  DetailType: string;
  Detail: string;
}

/** A PutEvents endpoint that refuses the entries whose detail's eventId is in `refuse`. */
function fakeEventBridge() {
  const received: Received[] = [];
  const refuse = new Set<string>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      requests.push(String(req.headers['x-amz-target']));
      const { Entries } = JSON.parse(body) as { Entries: Received[] };
      const answers = Entries.map((e) => {
        const id = (JSON.parse(e.Detail) as { eventId: string }).eventId;
        if (refuse.has(id)) return { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' };
        received.push(e);
        return { EventId: `bus-${received.length}` };
      });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify({
          FailedEntryCount: answers.filter((a) => 'ErrorCode' in a).length,
          Entries: answers,
        }),
      );
    });
  });
  return { server, received, refuse, requests };
}

let rt: LocalRuntime;
const bus = fakeEventBridge();
let awarded: Item;

const pending = async () => (await outboxPage('pending', 100)).items;
const idsOf = (rs: readonly OutboxRecord[]) => rs.map((r) => r.eventId).sort();

beforeAll(async () => {
  await new Promise<void>((r) => bus.server.listen(0, '127.0.0.1', () => r()));
  process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = `http://127.0.0.1:${(bus.server.address() as AddressInfo).port}`;
  process.env[domainEventBus.envVar] = domainEventBus.localName;
  resetEventsClient();
  rt = await startHarness();
  await seedUnits();
  awarded = await newItem({ milestones: [], deadline: '2022-04-26' });
  await publish(rt, awarded);
  await settleItem(rt, awarded, 'ClaimWindowOpen');
  const c = await claim({ actor: meilin }, awarded.itemId, { plan: 'We lead it.', managerId: 'p-meilin-1' });
  await claim({ actor: huafu }, awarded.itemId, { plan: 'We too.', managerId: 'p-huafu-1' });
  await award({ actor: commander }, awarded.itemId, c.claimId, {});
});

afterAll(async () => {
  await rt?.stop();
  await new Promise((r) => bus.server.close(r));
  delete process.env.AWS_ENDPOINT_URL_EVENTBRIDGE;
  resetEventsClient();
});

describe('the outbox', () => {
  it("an award writes its two events (the award, the order) in the award's transaction", async () => {
    const rows = await pending();
    expect(rows.map((r) => `${r.type} ${r.auditType}`).sort()).toEqual([
      'AwardDecided claim.awarded',
      'OrderIssued order.responsibility.issued',
    ]);
    // The ids are the audit events' (subject and seq): a retry cannot write them twice.
    for (const r of rows) expect(r.eventId).toBe(`ITEM#${awarded.itemId}:${r.seq}`);
  });

  it('a transaction that fails writes no outbox record', async () => {
    const uow = new UnitOfWork();
    appendAudit(uow, `ITEM#${awarded.itemId}-ghost`, NEW_TRAIL, new Date().toISOString(), [
      { type: 'item.urged', actor: office, data: { unitId: 'meilin', note: 'x', urgeNo: 1 } },
    ]);
    uow.create(itemRow(awarded)); // exists: the transaction is cancelled
    await expect(uow.commit()).rejects.toMatchObject({ code: 'concurrent_change' });
    expect(await getRecord(outbox.key({ eventId: `ITEM#${awarded.itemId}-ghost:1` }))).toBeUndefined();
    expect(await pending()).toHaveLength(2);
  });
});

describe('the relay', () => {
  it('publishes the pending events to the bus and marks them published, with their notifications', async () => {
    const r = await relayOutbox();
    expect(r).toMatchObject({ read: 2, published: 2, failed: 0 });
    expect(bus.requests.every((t) => t === 'AWSEvents.PutEvents')).toBe(true);
    expect(bus.received.map((e) => [e.Source, e.DetailType, e.EventBusName]).sort()).toEqual([
      ['one-list', 'AwardDecided', domainEventBus.localName],
      ['one-list', 'OrderIssued', domainEventBus.localName],
    ]);
    const decided = JSON.parse(bus.received.find((e) => e.DetailType === 'AwardDecided')!.Detail);
    expect(decided).toMatchObject({
      awardedUnitId: 'meilin',
      otherUnitIds: ['huafu'],
      itemTitle: awarded.title,
    });
    expect(await pending()).toEqual([]);
    expect((await outboxPage('published', 10)).items).toHaveLength(2);
    // Addressed: Meilin gets both, Huafu (declined) the award, the commander the award.
    expect((await notificationsOf({ unitId: 'meilin' }, 10)).items.map((n) => n.type).sort()).toEqual([
      'AwardDecided',
      'OrderIssued',
    ]);
    expect((await notificationsOf({ unitId: 'huafu' }, 10)).items.map((n) => n.type)).toEqual([
      'AwardDecided',
    ]);
    expect((await notificationsOf({ desk: 'commander' }, 10)).items).toHaveLength(1);
    // Nothing left: a second run publishes nothing.
    expect(await relayOutbox()).toMatchObject({ read: 0, published: 0 });
  });

  it('a partial failure leaves exactly the refused entries pending; the next run publishes them', async () => {
    const items = await Promise.all([newItem(), newItem(), newItem()]);
    for (const i of items) {
      await publish(rt, i);
      await settleItem(rt, i, 'ClaimWindowOpen');
      const c = await claim({ actor: meilin }, i.itemId, { plan: 'Ours.', managerId: 'p-meilin-1' });
      await award({ actor: commander }, i.itemId, c.claimId, {});
    }
    const before = await pending();
    expect(before).toHaveLength(6);
    const refused = before.filter((r) => r.type === 'OrderIssued').map((r) => r.eventId);
    for (const id of refused) bus.refuse.add(id);
    const first = await relayOutbox();
    expect(first).toMatchObject({ read: 6, published: 3, failed: 3, stuck: 0 });
    const left = await pending();
    expect(idsOf(left)).toEqual([...refused].sort());
    for (const r of left)
      expect(r).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/InternalFailure/) });
    bus.refuse.clear();
    expect(await relayOutbox()).toMatchObject({ read: 3, published: 3, failed: 0 });
    expect(await pending()).toEqual([]);
  });
});

describe('timer events', () => {
  it('a reminder and a claim window closing are written once on two sweeps', async () => {
    // In progress, deadline Tuesday 26 April: yellow on Friday 22 April.
    await settleItem(rt, awarded, 'AwaitingAcknowledgement');
    const [res] = (await listOrders({ year: 2022, itemId: awarded.itemId, type: 'responsibility' }, 10))
      .items;
    await acknowledge({ actor: meilin }, res!.orderId, {});
    await settleItem(rt, awarded, 'InProgress');
    const closing = await newItem();
    await publish(rt, closing, 0.5);
    await relayOutbox();
    await deadlineSweep({ actor: office });
    await deadlineSweep({ actor: office });
    const timers = (await pending()).filter((r) => r.detail);
    expect(timers.map((r) => `${r.type} ${r.detail?.itemId}`).sort()).toEqual(
      [`ClaimWindowClosing ${closing.itemId}`, `ReminderDue ${awarded.itemId}`].sort(),
    );
    expect(timers.find((r) => r.type === 'ReminderDue')?.detail).toMatchObject({
      color: 'yellow',
      what: 'deadline',
      dueDate: '2022-04-26',
      units: ['meilin'],
    });
    expect(await relayOutbox()).toMatchObject({ published: 2, failed: 0 });
  });
});

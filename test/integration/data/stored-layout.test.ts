/**
 * The stored layout is a contract with the data already in the table: rows written with the
 * key strings of the layout as it stood before the keys were declared once
 * (functions/data/keys.ts, 2026-12-02) — literal strings here, never the declarations — must
 * be found by every read of the data modules. A key declaration that spells a key differently
 * loses those rows and fails here.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTrail } from '#data/audit.ts';
import { batchesOf } from '#data/batches.ts';
import { currentTable, tableVersions } from '#data/calendar.ts';
import { claimsOf } from '#data/claims.ts';
import { documentClient, mainTableName } from '#data/db.ts';
import { draftsOf, resultsOf, summaryOf } from '#data/evaluations.ts';
import { findRecord } from '#data/idempotency.ts';
import { findItem, getItems, listItems } from '#data/items.ts';
import { currentNumber, findOrder, listOrders } from '#data/orders.ts';
import { allProgressOf, progressOf } from '#data/progress.ts';
import { getProposal, listProposals } from '#data/proposals.ts';
import { ledgerOf, noticesOf, ruleSet } from '#data/results.ts';
import { findPerson, findUnit, listUnits, peopleOf } from '#data/units.ts';
import { findWait } from '#data/waits.ts';
import { registeredYears } from '#data/years.ts';
import { freshTables } from '../../support/tables.ts';

const put = (Item: Record<string, unknown>) =>
  documentClient().send(new PutCommand({ TableName: mainTableName(), Item }));

const YEAR = 2031;
const item = {
  itemId: 'old-item',
  year: YEAR,
  kind: 'project',
  status: 'in_progress',
  itemClass: 'A',
  category: 'siege',
  createdAt: '2031-01-05T00:00:00.000Z',
  leadUnitId: 'old-unit',
  managerId: 'old-person',
  title: 'An item written by the old code',
  version: 3,
  auditSeq: 1,
  auditHead: 'h1',
};
const order = {
  orderId: `${YEAR}-RES-0007`,
  orderType: 'responsibility',
  year: YEAR,
  number: 7,
  itemId: 'old-item',
  unitId: 'old-unit',
  issuedAt: '2031-03-01T02:00:00.000Z',
  status: 'issued',
  version: 0,
};

beforeAll(async () => {
  await freshTables();
  await Promise.all([
    put({
      PK: 'ITEM#old-item',
      SK: 'ITEM',
      entity: 'item',
      GSI1PK: `ITEMS#${YEAR}`,
      GSI1SK: 'project#in_progress#old-item',
      GSI2PK: 'UNIT#old-unit',
      GSI2SK: `ITEM#${YEAR}#old-item`,
      GSI3PK: 'PERSON#old-person',
      GSI3SK: `ITEM#${YEAR}#old-item`,
      // Added 2026-12-02 (items by status, the public list's sparse indexes): an item row
      // written before carries none of these and is found by them only once re-saved (nothing
      // had been deployed; ARCHITECTURE, decisions).
      GSI4PK: `ITEMS#${YEAR}#in_progress`,
      GSI4SK: 'D#2031-01-05T00:00:00.000Z#old-item',
      GSI5PK: `PUB#${YEAR}`,
      GSI5SK: 'D#2031-01-05T00:00:00.000Z#old-item',
      GSI6PK: `PUB#${YEAR}#project`,
      GSI6SK: 'siege#A#D#2031-01-05T00:00:00.000Z#old-item',
      GSI7PK: `PUB#${YEAR}#siege`,
      GSI7SK: 'A#D#2031-01-05T00:00:00.000Z#old-item',
      GSI8PK: `PUB#${YEAR}#A`,
      GSI8SK: 'D#2031-01-05T00:00:00.000Z#old-item',
      ...item,
    }),
    put({
      PK: 'ITEM#old-item',
      SK: 'CLAIM#old-unit',
      entity: 'claim',
      GSI2PK: 'UNIT#old-unit',
      GSI2SK: 'CLAIM#2031-02-01T02:00:00.000Z#c-1',
      claimId: 'c-1',
      itemId: 'old-item',
      unitId: 'old-unit',
      claimedAt: '2031-02-01T02:00:00.000Z',
      status: 'awarded',
      version: 1,
    }),
    put({
      PK: 'ITEM#old-item',
      SK: 'PROGRESS#2031-04-01T02:00:00.000Z#r-1',
      entity: 'progress',
      reportId: 'r-1',
      itemId: 'old-item',
      reportedAt: '2031-04-01T02:00:00.000Z',
      percentComplete: 40,
    }),
    put({
      PK: 'ITEM#old-item',
      SK: 'AUDIT#00000001',
      entity: 'audit',
      subject: 'ITEM#old-item',
      seq: 1,
      type: 'item.created',
      hash: 'h1',
    }),
    put({
      PK: 'ITEM#old-item',
      SK: 'WAIT',
      entity: 'wait',
      subject: 'ITEM#old-item',
      token: 'tok',
      version: 3,
      waitingFor: 'completion',
      since: '2031-04-01T02:00:00.000Z',
    }),
    put({
      PK: `ORDER#${order.orderId}`,
      SK: 'ORDER',
      entity: 'order',
      GSI1PK: `ORDERS#${YEAR}#responsibility`,
      GSI1SK: '00000007',
      GSI2PK: 'UNIT#old-unit',
      GSI2SK: `ORDER#${YEAR}#responsibility#00000007`,
      GSI3PK: 'ITEM#old-item',
      GSI3SK: `ORDER#${order.issuedAt}#${order.orderId}`,
      ...order,
    }),
    put({ PK: `COUNTER#ORDER#${YEAR}#responsibility`, SK: 'COUNTER', value: 7 }),
    put({
      PK: 'UNIT#old-unit',
      SK: 'UNIT',
      entity: 'unit',
      GSI1PK: 'UNITS',
      GSI1SK: 'subdistrict#old-unit',
      unitId: 'old-unit',
      unitType: 'subdistrict',
      name: 'Old unit',
      version: 0,
    }),
    put({
      PK: 'PERSON#old-person',
      SK: 'PERSON',
      entity: 'person',
      GSI3PK: 'UNIT#old-unit',
      GSI3SK: 'PERSON#old-person',
      personId: 'old-person',
      unitId: 'old-unit',
      name: 'Old person',
    }),
    put({
      PK: 'PROPOSAL#old-prop',
      SK: 'PROPOSAL',
      entity: 'proposal',
      GSI1PK: `PROPOSALS#${YEAR}`,
      GSI1SK: 'pending#old-prop',
      GSI2PK: 'UNIT#old-unit',
      GSI2SK: `PROPOSAL#${YEAR}#old-prop`,
      proposalId: 'old-prop',
      year: YEAR,
      unitId: 'old-unit',
      status: 'pending',
      version: 0,
    }),
    put({
      PK: `LIST#${YEAR}`,
      SK: 'BATCH#0002',
      entity: 'batch',
      year: YEAR,
      batchNo: 2,
      itemIds: ['old-item'],
    }),
    put({
      PK: 'EVAL#2031-05',
      SK: 'ITEM#old-item',
      entity: 'evaluation',
      period: '2031-05',
      itemId: 'old-item',
    }),
    put({
      PK: 'EVAL#2031-05',
      SK: 'UNITS',
      entity: 'evaluation',
      period: '2031-05',
      units: [{ unitId: 'u' }],
    }),
    put({ PK: 'EVAL#2031-05', SK: 'SUMMARY', entity: 'evaluation', period: '2031-05', items: 1 }),
    put({
      PK: 'EVAL#2031-05',
      SK: 'DRAFT#old-item#lagging_progress',
      entity: 'draft',
      period: '2031-05',
      itemId: 'old-item',
      trigger: 'lagging_progress',
      status: 'proposed',
    }),
    put({
      PK: 'UNIT#old-unit',
      SK: `LEDGER#${YEAR}#${order.orderId}`,
      entity: 'ledger',
      year: YEAR,
      orderId: order.orderId,
    }),
    put({
      PK: 'PERSON#old-person',
      SK: `LEDGER#${YEAR}#${order.orderId}`,
      entity: 'ledger',
      year: YEAR,
      orderId: order.orderId,
    }),
    put({ PK: 'RULES', SK: 'V#0002', entity: 'rules', version: 2, title: 'v2', effects: {} }),
    put({ PK: 'RULES', SK: 'CURRENT', entity: 'rules', version: 2, title: 'v2', effects: {} }),
    put({
      PK: `NOTICES#${YEAR}`,
      SK: '2031-06-01T02:00:00.000Z#n-1',
      entity: 'notice',
      noticeId: 'n-1',
      year: YEAR,
    }),
    put({ PK: `CALENDAR#${YEAR}`, SK: 'V#0001', entity: 'calendar-version', year: YEAR, version: 1 }),
    put({ PK: `CALENDAR#${YEAR}`, SK: 'CURRENT', entity: 'calendar', year: YEAR, version: 1 }),
    put({ PK: 'YEARS', SK: `YEAR#${YEAR}`, entity: 'year', year: YEAR }),
    put({
      PK: 'IDEMPOTENCY#old-request',
      SK: 'IDEMPOTENCY',
      entity: 'idempotency',
      fingerprint: 'fp',
      status: 201,
      body: '{"ok":true}',
      expiresAt: 4_102_444_800,
    }),
  ]);
});

describe('rows written with the old key strings are read through the key declarations', () => {
  it('an item: by id, by year/kind/status, by lead unit, by manager', async () => {
    expect(await findItem('old-item')).toMatchObject({ itemId: 'old-item', version: 3 });
    expect((await getItems(['old-item']))[0]?.itemId).toBe('old-item');
    for (const filter of [
      { year: YEAR },
      { year: YEAR, kind: 'project' as const },
      { year: YEAR, kind: 'project' as const, status: 'in_progress' as const },
      { year: YEAR, status: 'in_progress' as const },
      { year: YEAR, unitId: 'old-unit' },
      { year: YEAR, managerId: 'old-person' },
    ]) {
      const page = await listItems(filter, 10);
      expect(
        page.items.map((i) => i.itemId),
        JSON.stringify(filter),
      ).toEqual(['old-item']);
    }
  });

  it("an item's claims, progress, audit trail and wait", async () => {
    expect((await claimsOf('old-item')).map((c) => c.claimId)).toEqual(['c-1']);
    expect((await progressOf('old-item')).items.map((r) => r.reportId)).toEqual(['r-1']);
    expect((await allProgressOf('old-item')).map((r) => r.reportId)).toEqual(['r-1']);
    expect((await readTrail('ITEM#old-item')).map((e) => e.seq)).toEqual([1]);
    expect(await findWait('ITEM#old-item')).toMatchObject({ token: 'tok' });
  });

  it('an order: by id, by year and type, by year, by unit, by item, and its counter', async () => {
    expect(await findOrder(order.orderId)).toMatchObject({ number: 7 });
    for (const filter of [
      { year: YEAR, type: 'responsibility' as const },
      { year: YEAR },
      { year: YEAR, unitId: 'old-unit' },
      { year: YEAR, unitId: 'old-unit', type: 'responsibility' as const },
      { year: YEAR, itemId: 'old-item' },
    ]) {
      const page = await listOrders(filter, 10);
      expect(
        page.items.map((o) => o.orderId),
        JSON.stringify(filter),
      ).toEqual([order.orderId]);
    }
    expect(await currentNumber('responsibility', YEAR)).toBe(7);
  });

  it('units, people and proposals', async () => {
    expect(await findUnit('old-unit')).toMatchObject({ name: 'Old unit' });
    expect((await listUnits(10)).items.map((u) => u.unitId)).toEqual(['old-unit']);
    expect((await listUnits(10, undefined, 'subdistrict')).items.map((u) => u.unitId)).toEqual(['old-unit']);
    expect(await findPerson('old-person')).toMatchObject({ name: 'Old person' });
    expect((await peopleOf('old-unit')).map((p) => p.personId)).toEqual(['old-person']);
    expect(await getProposal('old-prop')).toMatchObject({ status: 'pending' });
    for (const filter of [
      { year: YEAR },
      { year: YEAR, status: 'pending' },
      { year: YEAR, unitId: 'old-unit' },
      { year: YEAR, unitId: 'old-unit', status: 'pending' },
    ]) {
      const page = await listProposals(filter, 10);
      expect(
        page.items.map((p) => p.proposalId),
        JSON.stringify(filter),
      ).toEqual(['old-prop']);
    }
  });

  it('batches, evaluations, ledgers, rules, notices, calendars, years and Idempotency-Key records', async () => {
    expect((await batchesOf(YEAR)).map((b) => b.batchNo)).toEqual([2]);
    expect((await resultsOf('2031-05')).map((r) => r.itemId)).toEqual(['old-item']);
    const summary = await summaryOf('2031-05');
    expect(summary.summary).toMatchObject({ items: 1 });
    expect(summary.units).toEqual([{ unitId: 'u' }]);
    expect((await draftsOf('2031-05')).map((d) => d.itemId)).toEqual(['old-item']);
    expect((await ledgerOf({ type: 'unit', id: 'old-unit' }, YEAR)).map((e) => e.orderId)).toEqual([
      order.orderId,
    ]);
    expect((await ledgerOf({ type: 'person', id: 'old-person' })).map((e) => e.orderId)).toEqual([
      order.orderId,
    ]);
    expect((await ruleSet()).version).toBe(2);
    expect((await ruleSet(2)).title).toBe('v2');
    expect((await noticesOf(YEAR, 10)).items.map((n) => n.noticeId)).toEqual(['n-1']);
    expect(await currentTable(YEAR)).toMatchObject({ version: 1 });
    expect((await tableVersions(YEAR)).map((t) => t.version)).toEqual([1]);
    expect(await registeredYears()).toEqual([YEAR]);
    expect(await findRecord('old-request', new Date('2031-01-01T00:00:00Z'))).toMatchObject({
      answer: { status: 201, body: { ok: true } },
    });
  });
});

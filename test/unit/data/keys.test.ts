/**
 * The key declarations (functions/data/keys.ts) write the stored layout: the key strings the
 * rows carry are those of the data already in the table (literal strings here, never the
 * declarations), and the indexes they write and query are the ones tables.ts declares.
 */
import { describe, expect, it } from 'vitest';
import { keyQuery } from '#data/db.ts';
import * as keys from '#data/keys.ts';
import { INDEX_NAMES, RECORDS, rowOf } from '#data/keys.ts';
import { mainTable } from '#resources/tables.ts';

const keyAttributes = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).filter(([k]) => /^(PK|SK|GSI\dPK|GSI\dSK|entity)$/.test(k)));

describe('each record type writes the key strings of the stored layout', () => {
  const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
    [
      'item',
      rowOf(keys.item, {
        itemId: 'i1',
        year: 2031,
        kind: 'project',
        status: 'in_progress',
        category: 'siege',
        itemClass: 'A',
        createdAt: '2031-01-05T00:00:00Z',
        batchNo: 2,
        leadUnitId: 'u1',
        managerId: 'p1',
      }),
      {
        PK: 'ITEM#i1',
        SK: 'ITEM',
        entity: 'item',
        GSI1PK: 'ITEMS#2031',
        GSI1SK: 'project#in_progress#i1',
        GSI2PK: 'UNIT#u1',
        GSI2SK: 'ITEM#2031#i1',
        GSI3PK: 'PERSON#p1',
        GSI3SK: 'ITEM#2031#i1',
        GSI4PK: 'ITEMS#2031#in_progress',
        GSI4SK: 'B0002#2031-01-05T00:00:00Z#i1',
        GSI5PK: 'PUB#2031',
        GSI5SK: 'B0002#2031-01-05T00:00:00Z#i1',
        GSI6PK: 'PUB#2031#project',
        GSI6SK: 'siege#A#B0002#2031-01-05T00:00:00Z#i1',
        GSI7PK: 'PUB#2031#siege',
        GSI7SK: 'A#B0002#2031-01-05T00:00:00Z#i1',
        GSI8PK: 'PUB#2031#A',
        GSI8SK: 'B0002#2031-01-05T00:00:00Z#i1',
      },
    ],
    [
      'item without lead unit or manager (sparse GSI2, GSI3)',
      rowOf(keys.item, {
        itemId: 'i2',
        year: 2031,
        kind: 'task',
        status: 'draft',
        category: 'siege',
        itemClass: 'A',
        createdAt: '2031-01-05T00:00:00Z',
      }),
      // A draft is on no public-list index (GSI5–GSI8 are sparse).
      {
        PK: 'ITEM#i2',
        SK: 'ITEM',
        entity: 'item',
        GSI1PK: 'ITEMS#2031',
        GSI1SK: 'task#draft#i2',
        GSI4PK: 'ITEMS#2031#draft',
        GSI4SK: 'D#2031-01-05T00:00:00Z#i2',
      },
    ],
    [
      'claim',
      rowOf(keys.claim, { itemId: 'i1', unitId: 'u1', claimedAt: '2031-02-01T00:00:00Z', claimId: 'c1' }),
      {
        PK: 'ITEM#i1',
        SK: 'CLAIM#u1',
        entity: 'claim',
        GSI2PK: 'UNIT#u1',
        GSI2SK: 'CLAIM#2031-02-01T00:00:00Z#c1',
      },
    ],
    [
      'extension request',
      rowOf(keys.extension, {
        itemId: 'i1',
        extensionId: 'ext-1',
        year: 2031,
        unitId: 'u1',
        status: 'pending',
        requestedAt: '2031-05-01T00:00:00Z',
      }),
      {
        PK: 'ITEM#i1',
        SK: 'EXTENSION#ext-1',
        entity: 'extension',
        GSI1PK: 'EXTENSIONS#2031',
        GSI1SK: 'pending#2031-05-01T00:00:00Z#ext-1',
        GSI2PK: 'UNIT#u1',
        GSI2SK: 'EXTENSION#2031#2031-05-01T00:00:00Z#ext-1',
      },
    ],
    [
      'progress report',
      rowOf(keys.progress, { itemId: 'i1', reportedAt: '2031-04-01T00:00:00Z', reportId: 'r1' }),
      { PK: 'ITEM#i1', SK: 'PROGRESS#2031-04-01T00:00:00Z#r1', entity: 'progress' },
    ],
    [
      'evidence file',
      rowOf(keys.evidenceFile, { itemId: 'i1', fileId: 'file-1' }),
      { PK: 'ITEM#i1', SK: 'FILE#file-1', entity: 'evidence' },
    ],
    [
      'urging',
      rowOf(keys.urging, {
        itemId: 'i1',
        date: '2031-04-01',
        unitId: 'u1',
        year: 2031,
        at: '2031-04-01T02:00:00.000Z',
      }),
      {
        PK: 'ITEM#i1',
        SK: 'URGE#2031-04-01#u1',
        entity: 'urging',
        GSI2PK: 'UNIT#u1',
        GSI2SK: 'URGE#2031#2031-04-01T02:00:00.000Z#i1',
      },
    ],
    [
      'supporting report',
      rowOf(keys.supportReport, { itemId: 'i1', reportedAt: '2031-04-01T00:00:00Z', reportId: 's1' }),
      { PK: 'ITEM#i1', SK: 'SUPPORT#2031-04-01T00:00:00Z#s1', entity: 'support-report' },
    ],
    [
      'audit event',
      rowOf(keys.audit, { subject: 'ITEM#i1', seq: 12 }),
      { PK: 'ITEM#i1', SK: 'AUDIT#00000012', entity: 'audit' },
    ],
    ['wait', rowOf(keys.wait, { subject: 'ORDER#o1' }), { PK: 'ORDER#o1', SK: 'WAIT', entity: 'wait' }],
    [
      'order',
      rowOf(keys.order, {
        orderId: '2031-RES-0007',
        orderType: 'responsibility',
        year: 2031,
        number: 7,
        unitId: 'u1',
        itemId: 'i1',
        issuedAt: '2031-03-01T00:00:00Z',
      }),
      {
        PK: 'ORDER#2031-RES-0007',
        SK: 'ORDER',
        entity: 'order',
        GSI1PK: 'ORDERS#2031#responsibility',
        GSI1SK: '00000007',
        GSI2PK: 'UNIT#u1',
        GSI2SK: 'ORDER#2031#responsibility#00000007',
        GSI3PK: 'ITEM#i1',
        GSI3SK: 'ORDER#2031-03-01T00:00:00Z#2031-RES-0007',
      },
    ],
    [
      'statistics of a year',
      keys.yearStats.key({ year: 2031 }) as unknown as Record<string, unknown>,
      { PK: 'STATS#2031', SK: 'STATS' },
    ],
    [
      'order counter',
      keys.orderCounter.key({ year: 2031, orderType: 'inquiry' }) as unknown as Record<string, unknown>,
      { PK: 'COUNTER#ORDER#2031#inquiry', SK: 'COUNTER' },
    ],
    [
      'unit',
      rowOf(keys.unit, { unitId: 'u1', unitType: 'subdistrict' }),
      { PK: 'UNIT#u1', SK: 'UNIT', entity: 'unit', GSI1PK: 'UNITS', GSI1SK: 'subdistrict#u1' },
    ],
    [
      'person',
      rowOf(keys.person, { personId: 'p1', unitId: 'u1' }),
      { PK: 'PERSON#p1', SK: 'PERSON', entity: 'person', GSI3PK: 'UNIT#u1', GSI3SK: 'PERSON#p1' },
    ],
    [
      'proposal',
      rowOf(keys.proposal, { proposalId: 'pr1', year: 2031, status: 'pending', unitId: 'u1' }),
      {
        PK: 'PROPOSAL#pr1',
        SK: 'PROPOSAL',
        entity: 'proposal',
        GSI1PK: 'PROPOSALS#2031',
        GSI1SK: 'pending#pr1',
        GSI2PK: 'UNIT#u1',
        GSI2SK: 'PROPOSAL#2031#pr1',
      },
    ],
    [
      'batch',
      rowOf(keys.batch, { year: 2031, batchNo: 2 }),
      { PK: 'LIST#2031', SK: 'BATCH#0002', entity: 'batch' },
    ],
    [
      'evaluation result',
      rowOf(keys.evaluationResult, { period: '2031-05', itemId: 'i1' }),
      { PK: 'EVAL#2031-05', SK: 'ITEM#i1', entity: 'evaluation' },
    ],
    [
      'unit rankings',
      rowOf(keys.evaluationUnits, { period: '2031-05' }),
      { PK: 'EVAL#2031-05', SK: 'UNITS', entity: 'evaluation' },
    ],
    [
      'evaluation summary',
      rowOf(keys.evaluationSummary, { period: '2031-05' }),
      { PK: 'EVAL#2031-05', SK: 'SUMMARY', entity: 'evaluation' },
    ],
    [
      'runs that wrote results',
      rowOf(keys.evaluationResultRuns, { period: '2031-05' }),
      { PK: 'EVAL#2031-05', SK: 'RUNS', entity: 'evaluation' },
    ],
    [
      "a run's merged tally",
      rowOf(keys.evaluationRunMergedTally, { period: '2031-05', run: 'r1' }),
      { PK: 'EVALRUN#2031-05#r1', SK: 'MERGED', entity: 'tally' },
    ],
    [
      'inquiry draft',
      rowOf(keys.inquiryDraft, { period: '2031-05', itemId: 'i1', trigger: 'lagging_rank' }),
      { PK: 'EVAL#2031-05', SK: 'DRAFT#i1#lagging_rank', entity: 'draft' },
    ],
    [
      'ledger entry of a unit',
      rowOf(keys.ledgerEntry, { subject: { type: 'unit', id: 'u1' }, year: 2031, orderId: 'o1' }),
      { PK: 'UNIT#u1', SK: 'LEDGER#2031#o1', entity: 'ledger' },
    ],
    [
      'ledger entry of a person',
      rowOf(keys.ledgerEntry, { subject: { type: 'person', id: 'p1' }, year: 2031, orderId: 'o1' }),
      { PK: 'PERSON#p1', SK: 'LEDGER#2031#o1', entity: 'ledger' },
    ],
    [
      'reminder',
      rowOf(keys.reminder, {
        unitId: 'u1',
        dueDate: '2031-06-30',
        itemId: 'i1',
        key: 'deadline',
        color: 'red',
      }),
      { PK: 'UNIT#u1', SK: 'REMINDER#2031-06-30#i1#deadline#red', entity: 'reminder' },
    ],
    [
      'outbox record, pending',
      rowOf(keys.outbox, { eventId: 'ITEM#i1:7', at: '2031-06-01T00:00:00Z' }),
      {
        PK: 'OUTBOX#ITEM#i1:7',
        SK: 'OUTBOX',
        entity: 'outbox',
        GSI1PK: 'OUTBOX#PENDING',
        GSI1SK: '2031-06-01T00:00:00Z#ITEM#i1:7',
      },
    ],
    [
      'outbox record, published',
      rowOf(keys.outbox, { eventId: 'e1', at: '2031-06-01T00:00:00Z', publishedAt: '2031-06-01T00:01:00Z' }),
      {
        PK: 'OUTBOX#e1',
        SK: 'OUTBOX',
        entity: 'outbox',
        GSI2PK: 'OUTBOX#PUBLISHED',
        GSI2SK: '2031-06-01T00:01:00Z#e1',
      },
    ],
    [
      'notification of a unit',
      rowOf(keys.notification, { addressee: { unitId: 'u1' }, at: '2031-06-01T00:00:00Z', eventId: 'e1' }),
      { PK: 'NOTIFY#UNIT#u1', SK: '2031-06-01T00:00:00Z#e1', entity: 'notification' },
    ],
    [
      'notification of a desk',
      rowOf(keys.notification, { addressee: { desk: 'office' }, at: '2031-06-01T00:00:00Z', eventId: 'e1' }),
      { PK: 'NOTIFY#HQ#office', SK: '2031-06-01T00:00:00Z#e1', entity: 'notification' },
    ],
    [
      'rule set version',
      rowOf(keys.ruleSetVersion, { version: 3 }),
      { PK: 'RULES', SK: 'V#0003', entity: 'rules' },
    ],
    ['rule set in force', rowOf(keys.ruleSetCurrent, {}), { PK: 'RULES', SK: 'CURRENT', entity: 'rules' }],
    [
      'notice',
      rowOf(keys.notice, { year: 2031, at: '2031-06-01T00:00:00Z', noticeId: 'n1' }),
      { PK: 'NOTICES#2031', SK: '2031-06-01T00:00:00Z#n1', entity: 'notice' },
    ],
    [
      'notification settings of a unit',
      rowOf(keys.notificationSettings, { owner: 'UNIT#u1' }),
      { PK: 'NOTIFY#UNIT#u1', SK: 'SETTINGS', entity: 'notification-settings' },
    ],
    [
      'delivery of an event to an address',
      rowOf(keys.delivery, { eventId: 'ev1', channel: 'wecom', target: 'ab12' }),
      { PK: 'DELIVERY#ev1', SK: 'wecom#ab12', entity: 'delivery' },
    ],
    [
      'calendar version',
      rowOf(keys.calendarVersion, { year: 2031, version: 2 }),
      { PK: 'CALENDAR#2031', SK: 'V#0002', entity: 'calendar-version' },
    ],
    [
      'calendar in force',
      rowOf(keys.calendarCurrent, { year: 2031 }),
      { PK: 'CALENDAR#2031', SK: 'CURRENT', entity: 'calendar' },
    ],
    ['year', rowOf(keys.year, { year: 2031 }), { PK: 'YEARS', SK: 'YEAR#2031', entity: 'year' }],
    [
      'Idempotency-Key record',
      rowOf(keys.idempotency, { id: 'abc' }, {}),
      { PK: 'IDEMPOTENCY#abc', SK: 'IDEMPOTENCY', entity: 'idempotency' },
    ],
    ['health probe', rowOf(keys.health, {}), { PK: 'HEALTH', SK: 'HEALTH' }],
  ];
  it.each(cases)('%s', (_name, row, expected) => {
    expect(keyAttributes(row)).toEqual(expected);
  });

  it('every record type is listed once and has a case here', () => {
    expect(new Set(RECORDS).size).toBe(RECORDS.length);
    expect(RECORDS.length).toBe(39);
  });
});

describe('the Queries the declarations make', () => {
  it('a partition, and begins_with of a sort key prefix, on the declared index', () => {
    expect(keyQuery(keys.item.queries.ofYear(2031, 'task', 'published'))).toEqual({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :sk)',
      ExpressionAttributeValues: { ':pk': 'ITEMS#2031', ':sk': 'task#published#' },
    });
    expect(keyQuery(keys.item.queries.ofYear(2031))).toEqual({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': 'ITEMS#2031' },
    });
    expect(keyQuery(keys.progress.queries.ofItem('i1'))).toEqual({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': 'ITEM#i1', ':sk': 'PROGRESS#' },
    });
    expect(keys.order.queries.ofUnit('u1', 2031, 'inquiry')).toEqual({
      index: 'GSI2',
      pk: 'UNIT#u1',
      skPrefix: 'ORDER#2031#inquiry#',
    });
  });

  it('the indexes written and queried are those tables.ts declares, and each is used', () => {
    const declared = mainTable.globalSecondaryIndexes.map((i) => i.indexName).sort();
    expect([...INDEX_NAMES].sort()).toEqual(declared);
    for (const gsi of mainTable.globalSecondaryIndexes) {
      expect(gsi.partitionKey.name).toBe(`${gsi.indexName}PK`);
      expect(gsi.sortKey?.name).toBe(`${gsi.indexName}SK`);
      expect(
        RECORDS.some((r) => r[gsi.indexName as 'GSI1']),
        gsi.indexName,
      ).toBe(true);
    }
    expect(mainTable.partitionKey.name).toBe('PK');
    expect(mainTable.sortKey?.name).toBe('SK');
  });
});

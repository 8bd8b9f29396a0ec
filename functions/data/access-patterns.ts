/**
 * Every access pattern of the main table, as reads of the key declarations (keys.ts), and the
 * ARCHITECTURE.md tables rendered from them: the record layout (each record type's keys, the
 * functions of keys.ts applied to `<field>` placeholders), what each index serves, and the
 * access patterns. `npx tsx scripts/docs-keys.ts` writes them between the `keys:` markers in
 * ARCHITECTURE.md; test/unit/docs/keys-docs.test.ts fails when ARCHITECTURE differs.
 *
 * Documentation only: no handler imports this module.
 */
import {
  audit,
  batch,
  calendarCurrent,
  calendarVersion,
  claim,
  delivery,
  evaluationResult,
  evaluationResultRuns,
  evaluationRunMergedTally,
  evaluationRunOutcome,
  evaluationRunScore,
  evaluationRunTally,
  evaluationSummary,
  evaluationUnits,
  evidenceFile,
  extension,
  health,
  INDEX_NAMES,
  idempotency,
  inquiryDraft,
  item,
  type Key,
  type KeyCondition,
  ledgerEntry,
  notice,
  notification,
  notificationSettings,
  order,
  orderCounter,
  outbox,
  person,
  progress,
  proposal,
  RECORDS,
  type RecordKeys,
  reminder,
  ruleSetCurrent,
  ruleSetVersion,
  supportReport,
  unit,
  urging,
  wait,
  year,
  yearStats,
} from './keys.ts';

/** One read of a pattern: a GetItem, a BatchGetItem or a Query of a declared key. */
export type Read =
  | { readonly get: Key; readonly note?: string }
  | { readonly batchGet: Key; readonly note?: string }
  | { readonly query: KeyCondition; readonly descending?: boolean; readonly note?: string };

export interface AccessPattern {
  readonly pattern: string;
  readonly reads: readonly Read[];
  /** What else narrows or repeats the reads. */
  readonly note?: string;
  /** Where the code is. */
  readonly code: string;
}

type Field =
  | 'itemId'
  | 'year'
  | 'kind'
  | 'status'
  | 'unitId'
  | 'personId'
  | 'subject'
  | 'orderType'
  | 'unitType'
  | 'category'
  | 'itemClass'
  | 'period';
/** `<name>` in place of a field: the documentation's rendering of a key. */
const P = new Proxy({} as { readonly [K in Field]: never }, {
  get: (_t, k) => (typeof k === 'string' ? `<${k}>` : undefined),
});
const placeholders = (fields: object = {}): never =>
  new Proxy(fields as Record<string, unknown>, {
    get: (t, k) => (typeof k === 'string' ? (k in t ? t[k] : `<${k}>`) : undefined),
  }) as never;
/** A whole record of placeholders. */
const R = placeholders();

/**
 * What each record is, in words (the layout table's first column). Documentation only: kept
 * here, not in keys.ts, so that no Lambda bundle carries the words.
 */
const RECORD_LABELS = new Map<object, string>([
  [item, 'item'],
  [claim, 'claim (one per unit and item)'],
  [progress, 'progress report (never overwritten)'],
  [
    evidenceFile,
    'evidence file of an item (upload form issued, then stored; object `items/<itemId>/<fileId>/<name>`)',
  ],
  [urging, 'urging (催办) of a unit on an item: one per item, unit and Beijing day'],
  [supportReport, 'supporting unit’s report on its part (协办; never overwritten)'],
  [audit, 'audit event (append-only, in its subject’s partition)'],
  [wait, 'workflow wait (callback token), in its subject’s partition'],
  [order, 'order'],
  [yearStats, 'statistics of a year'],
  [orderCounter, 'order counter (per year and type)'],
  [unit, 'unit'],
  [person, 'person'],
  [proposal, 'proposal'],
  [batch, 'batch of the list'],
  [year, 'year registry (a year has items)'],
  [evaluationResult, 'evaluation result of an item'],
  [evaluationUnits, 'unit rankings of a period'],
  [evaluationSummary, 'evaluation summary of a period'],
  [evaluationResultRuns, 'the runs that wrote results of a period (a string set)'],
  [inquiryDraft, 'inquiry draft (the office confirms)'],
  [evaluationRunScore, "an evaluation run's score of an item in chunk n (expires after 7 days: `expiresAt`)"],
  [
    evaluationRunTally,
    "an evaluation run's tally of chunk n (scores per group and unit; expires after 7 days)",
  ],
  [
    evaluationRunMergedTally,
    "an evaluation run's merged tally, written by the first chunk ranked (expires after 7 days)",
  ],
  [
    evaluationRunOutcome,
    "an evaluation run's outcome of chunk n (items, flags, orders; expires after 7 days)",
  ],
  [ledgerEntry, 'ledger entry (of a unit or a person)'],
  [reminder, 'deadline reminder'],
  [outbox, 'domain event to publish (pending in GSI1, published in GSI2; `detail` once known)'],
  [notification, 'published domain event, one copy per addressee (a unit or a desk: `commander`, `office`)'],
  [ruleSetVersion, 'rule set (grading), each version'],
  [ruleSetCurrent, 'rule set in force'],
  [notice, 'public notice'],
  [
    notificationSettings,
    'notification settings of a unit (`UNIT#<unitId>`) or a desk (`DESK#<desk>`), with their audit trail',
  ],
  [
    delivery,
    'delivery of an event to one address (`target`: SHA-256 of the address; sending, sent or failed)',
  ],
  [calendarVersion, 'official holiday table of a year, each version (immutable)'],
  [calendarCurrent, 'holiday table in force (copy of the current version, audit head)'],
  [
    idempotency,
    'Idempotency-Key record (fingerprint, answer, TTL `expiresAt`); `id` hashes caller, method + path, key',
  ],
  [health, 'health probe (never written: the read only proves the table answers)'],
]);
const labelOf = (r: object): string => RECORD_LABELS.get(r) ?? '(unlabelled record)';

/**
 * Placeholder records the layout renders a record's keys with, when a key takes one of
 * several forms (a ledger entry's subject is a unit or a person); by default each field
 * renders as `<field>`.
 */
const VARIANTS = new Map<object, readonly object[]>([
  [notification, [{ addressee: { unitId: '<unitId>' } }, { addressee: { desk: '<desk>' } }]],
  [outbox, [{ publishedAt: undefined }, {}]],
  [
    ledgerEntry,
    [{ subject: { type: 'unit', id: '<unitId>' } }, { subject: { type: 'person', id: '<personId>' } }],
  ],
]);

export const ACCESS_PATTERNS: readonly AccessPattern[] = [
  { pattern: 'an item (consistent)', reads: [{ get: item.key(R) }], code: '`data/items.ts findItem`' },
  {
    pattern: 'items of a year, by kind and status',
    reads: [{ query: item.queries.ofYear(P.year, P.kind, P.status) }],
    note: 'class and category filter the page',
    code: '`listItems`',
  },
  {
    pattern: 'items a unit leads',
    reads: [{ query: item.queries.ledBy(P.unitId, P.year) }],
    code: '`listItems({unitId})`',
  },
  {
    pattern: 'items a person manages',
    reads: [{ query: item.queries.managedBy(P.personId, P.year) }],
    code: '`listItems({managerId})`',
  },
  {
    pattern: 'claims of an item (GET /v1/items/{id}/claims: one Query a page of ≤ 100)',
    reads: [{ query: claim.queries.ofItem(P.itemId) }],
    code: '`data/claims.ts claimsOf`, `claimPage`',
  },
  {
    pattern: 'claims a unit made',
    reads: [{ query: claim.queries.ofUnit(P.unitId) }],
    code: '(key written; used by the unit view)',
  },
  {
    pattern: 'extension requests of an item',
    reads: [{ query: extension.queries.ofItem(P.itemId) }],
    note: 'consistent (the one-pending-per-target check)',
    code: '`data/extensions.ts extensionsOf`',
  },
  {
    pattern: 'extension requests of a year (by status)',
    reads: [{ query: extension.queries.ofYear(P.year, P.status) }],
    note: 'paged',
    code: '`extensionsOfYear` (GET /v1/lists/{year}/extensions, the HQ inbox)',
  },
  {
    pattern: 'extension requests of a unit',
    reads: [{ query: extension.queries.ofUnit(P.unitId, P.year) }],
    note: 'newest first; the unit inbox keeps the decided ones',
    code: '`extensionsOfUnit`',
  },
  {
    pattern: 'progress of an item',
    reads: [{ query: progress.queries.ofItem(P.itemId) }],
    note: 'paged',
    code: '`data/progress.ts progressOf`',
  },
  {
    pattern: 'audit trail of an item (or unit, person, proposal, calendar year)',
    reads: [
      {
        query: audit.queries.trailOf(P.subject),
        note: 'all pages: the chain is verified whole; GET /v1/items/{id}/history answers a page of ≤ 100 events (`pageOfList`)',
      },
    ],
    code: '`data/audit.ts readTrail`',
  },
  { pattern: 'an order', reads: [{ get: order.key(R) }], code: '`data/orders.ts getOrder`' },
  {
    pattern: 'orders of a year by type (number order)',
    reads: [{ query: order.queries.ofYearAndType(P.year, P.orderType) }],
    code: '`listOrders({type})`',
  },
  {
    pattern: 'orders of a unit (by year and type)',
    reads: [{ query: order.queries.ofUnit(P.unitId, P.year, P.orderType) }],
    code: '`listOrders({unitId})`',
  },
  {
    pattern: 'orders of an item',
    reads: [{ query: order.queries.ofItem(P.itemId) }],
    code: '`listOrders({itemId})`',
  },
  { pattern: 'next order number', reads: [{ get: orderCounter.key(R) }], code: '`currentNumber`' },
  {
    pattern: 'units (by type)',
    reads: [{ query: unit.queries.all(P.unitType) }],
    code: '`data/units.ts listUnits`',
  },
  {
    pattern: 'people of a unit (GET /v1/units/{unitId}: one Query a page of ≤ 100)',
    reads: [{ query: person.queries.ofUnit(P.unitId) }],
    code: '`peopleOf`, `peoplePage`',
  },
  {
    pattern: 'the answer of an Idempotency-Key request (consistent; expired counts as absent)',
    reads: [{ get: idempotency.key(R) }],
    code: '`data/idempotency.ts findRecord`',
  },
  {
    pattern: "a person (a manager token's person is of its unit; once per request)",
    reads: [{ get: person.key(R) }],
    code: '`findPerson` (`api/auth.ts actorFrom`)',
  },
  {
    pattern: 'proposals of a year (by status)',
    reads: [{ query: proposal.queries.ofYear(P.year, P.status) }],
    code: '`listProposals`',
  },
  {
    pattern: 'proposals of a unit',
    reads: [{ query: proposal.queries.ofUnit(P.unitId, P.year) }],
    note: 'status filters the page',
    code: '`listProposals({unitId})`',
  },
  {
    pattern: 'the list of a year (batches; GET /v1/lists/{year}: one Query a page of ≤ 100)',
    reads: [{ query: batch.queries.ofYear(P.year) }],
    code: '`data/batches.ts batchesOf`, `batchPage`',
  },
  { pattern: "a waiting workflow's token", reads: [{ get: wait.key(R) }], code: '`data/waits.ts findWait`' },
  {
    pattern: 'items of a year in a status, whatever the kind (evaluation, sweep, the office’s filters)',
    reads: [{ query: item.queries.inStatus(P.year, P.status) }],
    note: 'for each status asked for',
    code: '`data/items.ts itemsInStatuses`, `listItems({status})`',
  },
  {
    pattern: 'an item import (POST /v1/imports/items)',
    reads: [
      { get: unit.key(R), note: 'once per named unit (cached per run)' },
      {
        batchGet: item.key(R),
        note: "the rows' item ids (from the row key) per transaction of 50, before writing",
      },
    ],
    code: '`app/sheets.ts importItems`',
  },
  {
    pattern: 'a progress import (POST /v1/imports/progress)',
    reads: [
      { get: item.key(R), note: 'per row' },
      {
        query: progress.queries.ofItem(P.itemId),
        note: 'the last report: a re-run skips rows already filed',
      },
    ],
    note: "then the progress command's own reads",
    code: '`app/sheets.ts importProgress`',
  },
  {
    pattern: 'exports (GET /v1/exports/{dataset})',
    reads: [
      { query: item.queries.ofYear(P.year), note: '`items`, all pages (GSI2 with `unit=`)' },
      { query: order.queries.ofYearAndType(P.year, P.orderType), note: '`orders`, ×3' },
      { query: ledgerEntry.queries.of({ type: 'unit', id: P.unitId }, P.year as never), note: '`ledger`' },
      { query: evaluationResult.queries.ofPeriod(P.period), note: '`results`' },
      { get: evaluationUnits.key(R), note: '`rankings`' },
    ],
    code: '`app/exports.ts exportDataset`',
  },
  {
    pattern:
      'an evidence upload form; its confirmation; a download link (POST /v1/items/{id}/evidence, …/confirmation, GET …/evidence/{fileId})',
    reads: [{ get: item.key(R) }, { get: evidenceFile.key(R), note: 'confirmation and download' }],
    note: 'then HeadObject, CopyObject uploads/ → items/, HeadObject (confirmation) or a presigned GET (download); no S3 list',
    code: '`app/evidence.ts`',
  },
  {
    pattern: "a page of an item's stored evidence files (GET /v1/items/{id}/files, ≤ 100)",
    reads: [
      { get: item.key(R) },
      { query: evidenceFile.queries.ofItem(P.itemId), note: 'filter `status = stored`' },
    ],
    code: '`app/evidence.ts listItemFiles`',
  },
  {
    pattern: 'a printed order (GET /v1/orders/{id}/pdf)',
    reads: [{ get: order.key(R) }, { get: unit.key(R), note: "the unit's name" }],
    code: '`api/documents.ts orderPdf`',
  },
  {
    pattern: 'a page of the public list of a year (≤ 100), whole or by kind, category or class',
    reads: [
      { query: item.queries.publicBoard(P.year) },
      { query: item.queries.publicByKind(P.year, P.kind, P.category, P.itemClass) },
      { query: item.queries.publicByCategory(P.year, P.category, P.itemClass) },
      { query: item.queries.publicByClass(P.year, P.itemClass) },
    ],
    note: 'one Query per page, on the sparse index that holds exactly the listed items; a status filter uses GSI4, a unit GSI2',
    code: '`data/items.ts listPublicItems`',
  },
  {
    pattern: 'the batches, managers and working-day calendar of a public-list page',
    reads: [{ batchGet: batch.key(R) }, { batchGet: person.key(R) }, { batchGet: calendarCurrent.key(R) }],
    note: 'one BatchGetItem: the holiday tables in force of the year of the date and the next (primed into the invocation’s calendar cache, `app/calendar.ts primeYears`)',
    code: '`data/batches.ts batchesAndPeople`',
  },
  {
    pattern: 'statistics of a year (constant reads at any size)',
    reads: [{ batchGet: yearStats.key(R) }, { batchGet: orderCounter.key(R) }],
    note: 'one BatchGetItem: the record and the three order counters',
    code: '`data/stats.ts readStats`',
  },
  {
    pattern: 'results of an evaluation period (and the previous one; the API: one Query a page of ≤ 100)',
    reads: [{ query: evaluationResult.queries.ofPeriod(P.period) }],
    code: '`data/evaluations.ts resultsOf`, `resultPage`',
  },
  {
    pattern:
      'summary, unit rankings of a period (one record each: the rankings are bounded by the units ranked, not paged)',
    reads: [{ get: evaluationSummary.key(R) }, { get: evaluationUnits.key(R) }],
    code: '`summaryOf`',
  },
  {
    pattern: 'a chunk of active items for an evaluation run (≤ EVALUATION_CHUNK_SIZE, from a cursor)',
    reads: [{ query: item.queries.ofYear(P.year, P.kind, P.status) }],
    note: 'segment after segment (each kind and active status, last year then this)',
    code: '`app/evaluation.ts readChunk` → `listItems`',
  },
  {
    pattern: "an evaluation run's chunk scores; its tallies; its chunk outcomes",
    reads: [
      { query: evaluationRunScore.queries.ofChunk(P.period, '<run>', '<chunk>' as never) },
      { query: evaluationRunTally.queries.ofRun(P.period, '<run>') },
      { query: evaluationRunOutcome.queries.ofRun(P.period, '<run>') },
    ],
    code: '`data/evaluations.ts stagedScores`, `chunkTallies`, `chunkOutcomes`',
  },
  {
    pattern:
      "an evaluation run's merged tally (every chunk ranked after the first reads it, not the tallies)",
    reads: [{ get: evaluationRunMergedTally.key(R) }],
    code: '`mergedTally`',
  },
  {
    pattern:
      "the end of a run: the runs that wrote the period's results and its summary (a run that finds only itself reads no results back)",
    reads: [{ batchGet: evaluationResultRuns.key(R) }, { batchGet: evaluationSummary.key(R) }],
    note: 'one BatchGetItem',
    code: '`finishResults`',
  },
  {
    pattern: "previous results of a chunk's items",
    reads: [{ batchGet: evaluationResult.key(R) }],
    note: '100 keys a request',
    code: '`previousResultsOf`',
  },
  {
    pattern: "an item and its workflow's wait, for a command",
    reads: [
      { batchGet: item.key(R) },
      { batchGet: wait.key(R) },
      { batchGet: evidenceFile.key(R), note: 'the evidence files a report references (≤ 10)' },
    ],
    note: 'one BatchGetItem',
    code: '`data/items.ts getItemAndWait`',
  },
  {
    pattern: 'inquiry drafts of a period (the API: one Query a page of ≤ 100, `draftsCursor`)',
    reads: [{ query: inquiryDraft.queries.ofPeriod(P.period) }],
    code: '`draftsOf`, `draftPage`',
  },
  {
    pattern: 'ledger of a unit or person (by year)',
    reads: [
      { query: ledgerEntry.queries.of({ type: 'unit', id: P.unitId }, P.year) },
      { query: ledgerEntry.queries.of({ type: 'person', id: P.personId }, P.year) },
    ],
    note: 'read whole to total the year (one entry per order); GET /v1/units/{unitId}/ledger answers a page of ≤ 100 entries (`pageOfList`) and, on the first page, its people with entries as scores (one person Query each, ≤ 100 answered); GET /v1/units/{unitId}/people/{personId}/ledger answers a person’s totals and a page of entries (GetItem `PERSON#<personId>`/`PERSON` first: the person must be the unit’s)',
    code: '`data/results.ts ledgerOf`',
  },
  {
    pattern: 'rule set in force / by version',
    reads: [{ get: ruleSetCurrent.key() }, { get: ruleSetVersion.key(R) }],
    code: '`ruleSet`',
  },
  {
    pattern: 'notification settings of an event’s recipients (each unit and desk it names)',
    reads: [{ batchGet: notificationSettings.key(R) }],
    code: '`data/notifications.ts settingsOf`',
  },
  {
    pattern: 'delivery of an event to an address (before sending: sent already?)',
    reads: [{ get: delivery.key(R) }],
    note: 'the claim is a conditional UpdateItem; its failure reads the record',
    code: '`data/notifications.ts claimDelivery`',
  },
  {
    pattern: 'public notices of a year, newest first',
    reads: [{ query: notice.queries.ofYear(P.year), descending: true }],
    code: '`noticesOf`',
  },
  {
    pattern:
      'holiday table in force for a year (every working-day computation, per year touched, cached per invocation)',
    reads: [{ get: calendarCurrent.key(R) }],
    code: '`data/calendar.ts currentTable`',
  },
  {
    pattern: "loaded versions of a year's holiday table",
    reads: [{ query: calendarVersion.queries.ofYear(P.year) }],
    code: '`tableVersions`',
  },
  {
    pattern: 'statistics of a year, rebuilt (migration, repair)',
    reads: [
      { query: item.queries.ofYear(P.year), note: '(all pages)' },
      { query: batch.queries.ofYear(P.year) },
    ],
    code: '`app/stats.ts rebuildStats`',
  },
  {
    pattern: 'a public item',
    reads: [
      { get: item.key(R) },
      { query: progress.queries.ofItem(P.itemId) },
      { query: order.queries.ofItem(P.itemId) },
      { query: person.queries.ofUnit(P.unitId), note: '(people of its unit)' },
    ],
    code: '`publicItem`',
  },
  {
    pattern: 'units with their names (public; one Query a page of ≤ 100)',
    reads: [{ query: unit.queries.all() }],
    code: '`publicUnits`',
  },
  {
    pattern: 'years that have items (reconciler)',
    reads: [{ query: year.queries.all() }],
    code: '`data/years.ts registeredYears`',
  },
  {
    pattern: 'open inquiries of a year (reconciler)',
    reads: [{ query: order.queries.ofYearAndType(P.year, 'inquiry') }],
    note: 'status `issued` / `answered` filtering the page',
    code: '`app/reconcile.ts`',
  },
  {
    pattern:
      "a caller's inbox (GET /v1/me/inbox; one page of at most 100 per source, 200 in all, `truncated` when more)",
    reads: [
      { query: item.queries.ofYear(P.year, P.kind, 'published'), note: '×3 (unit)' },
      {
        query: order.queries.ofUnit(P.unitId, P.year, 'responsibility'),
        note: "(unit; status `issued`; GetItem of each order's item for the limit to sign)",
      },
      { query: order.queries.ofUnit(P.unitId, P.year, 'inquiry'), note: '(unit; status `issued`)' },
      { query: item.queries.ledBy(P.unitId, P.year), note: '(unit; status `in_progress`)' },
      { query: item.queries.managedBy(P.personId, P.year), note: '(manager; status `in_progress`)' },
      { query: item.queries.ofYear(P.year, P.kind, 'claims_closed'), note: '×3 (commander)' },
      { query: item.queries.ofYear(P.year, P.kind, 'unclaimed'), note: '×3 (commander)' },
      { query: order.queries.ofYearAndType(P.year, 'inquiry'), note: '(commander: status `escalated`)' },
      { query: item.queries.ofYear(P.year, P.kind, 'draft'), note: '×3 (office)' },
      { query: item.queries.ofYear(P.year, P.kind, 'completion_reported'), note: '×3 (office)' },
      { query: proposal.queries.ofYear(P.year, 'pending'), note: '(office)' },
      { query: extension.queries.ofYear(P.year, 'pending'), note: '(commander, office)' },
      { query: extension.queries.ofUnit(P.unitId, P.year), note: '(unit; decided ones)' },
      {
        query: inquiryDraft.queries.ofPeriod(P.period),
        note: "(office; latest ended period; GetItem per draft's item)",
      },
      { query: order.queries.ofYearAndType(P.year, 'inquiry'), note: '(office: status `answered`)' },
      {
        query: order.queries.ofYearAndType(P.year, 'inquiry'),
        note: '(inspector: trigger `violation`, issued by the caller)',
      },
    ],
    code: '`app/inbox.ts inboxOf`',
  },
  {
    pattern: 'the rules in force (GET /v1/rules)',
    reads: [
      { get: ruleSetCurrent.key() },
      { get: calendarCurrent.key(R), note: 'for the year and the next' },
      { query: calendarVersion.queries.ofYear(P.year), note: 'for the year and the next' },
    ],
    code: '`app/rules.ts rulesInForce`',
  },
  {
    pattern: 'pending domain events, oldest first (the relay, one Query per page of 50)',
    reads: [{ query: outbox.queries.pending() }],
    note: 'then a BatchGetItem of the items and orders the audit-derived events name',
    code: '`app/relay.ts relayOutbox`',
  },
  {
    pattern: 'the outbox (GET /v1/ops/outbox?status=pending|published, newest published first)',
    reads: [{ query: outbox.queries.pending() }, { query: outbox.queries.published(), descending: true }],
    code: '`data/outbox.ts outboxPage`',
  },
  {
    pattern: "a caller's notifications (GET /v1/me/notifications), newest first",
    reads: [
      { query: notification.queries.of({ unitId: P.unitId }), descending: true, note: '(unit, manager)' },
      { query: notification.queries.of({ desk: '<desk>' }), descending: true, note: '(commander, office)' },
    ],
    code: '`data/outbox.ts notificationsOf`',
  },
  {
    pattern: "a unit's deadline reminders (GET /v1/units/{unitId}/reminders; the inbox), newest due first",
    reads: [{ query: reminder.queries.ofUnit(P.unitId), descending: true }],
    code: '`data/outbox.ts remindersOf`',
  },
  {
    pattern: 'the daily sweep: inquiries whose answer is due, items whose claim window closes',
    reads: [
      { query: order.queries.ofYearAndType(P.year, 'inquiry'), note: '(status `issued`)' },
      { query: item.queries.inStatus(P.year, 'published') },
    ],
    note: 'last year and this',
    code: '`app/evaluation.ts deadlineSweep`',
  },
  {
    pattern: 'urge a unit on an item (once a Beijing day)',
    reads: [
      { get: item.key(R) },
      { get: urging.key(R), note: 'the once-a-day rule' },
      { get: order.key(R), note: 'when an order is named' },
    ],
    code: '`app/commands/office.ts urge`',
  },
  {
    pattern: 'urgings of an item',
    reads: [{ query: urging.queries.ofItem(P.itemId) }],
    note: 'paged',
    code: '`data/supervision.ts urgingsOf`',
  },
  {
    pattern: "urgings of a unit in a year (its ledger's count, its inbox)",
    reads: [{ query: urging.queries.ofUnit(P.unitId, P.year), descending: true }],
    note: 'the ledger up to 1,000, the inbox 100 (BatchGetItem of their items)',
    code: '`data/supervision.ts urgingsOfUnit`',
  },
  {
    pattern: "a unit's referred inquiries (its ledger)",
    reads: [{ query: order.queries.ofUnit(P.unitId, P.year, 'inquiry') }],
    note: 'status `escalated` filtering the page, those with a `referral`',
    code: '`unitLedger`',
  },
  {
    pattern: 'supporting reports of an item',
    reads: [{ query: supportReport.queries.ofItem(P.itemId) }],
    note: 'paged',
    code: '`data/supervision.ts supportReportsOf`',
  },
  {
    pattern: 'versions of the rules',
    reads: [{ query: ruleSetVersion.queries.all() }],
    note: 'paged',
    code: '`data/results.ts ruleSetVersions`',
  },
  {
    pattern: 'health check',
    reads: [{ get: health.key() }],
    note: 'never written',
    code: '`data/health.ts probeTable`',
  },
];

const code = (s: string) => `\`${s}\``;

function renderRead(read: Read): string {
  const note = read.note ? ` ${read.note}` : '';
  if ('get' in read) return `GetItem ${code(read.get.PK)}/${code(read.get.SK)}${note}`;
  if ('batchGet' in read) return `BatchGetItem ${code(read.batchGet.PK)}/${code(read.batchGet.SK)}${note}`;
  const q = read.query;
  const parts = [`Query ${q.index ? `${q.index} ` : ''}${code(q.pk)}`];
  if (q.skPrefix !== undefined) parts.push(code(`begins_with(${q.skPrefix})`));
  if (read.descending) parts.push('descending');
  return parts.join(', ') + note;
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

/** The access-pattern table. */
export function accessPatternTable(patterns: readonly AccessPattern[] = ACCESS_PATTERNS): string {
  return [
    row(['access pattern', 'served by', 'code']),
    row(['---', '---', '---']),
    ...patterns.map((p) =>
      row([p.pattern, p.reads.map(renderRead).join(' + ') + (p.note ? `; ${p.note}` : ''), p.code]),
    ),
  ].join('\n');
}

/** Each form of a record's keys, rendered from `<field>` placeholders (one per docs variant). */
function renderedKeys(r: RecordKeys<never, never>) {
  const variants = (VARIANTS.get(r) ?? [{}]).map((v) => placeholders(v));
  const distinct = (f: (v: never) => string | undefined) =>
    [...new Set(variants.map(f).filter((x): x is string => x !== undefined))].join(' or ');
  return {
    PK: distinct((v) => code(r.key(v).PK)),
    SK: distinct((v) => code(r.key(v).SK)),
    indexes: INDEX_NAMES.map((index) =>
      distinct((v) => {
        const k = r[index]?.(v);
        return k ? `${code(k.pk)} / ${code(k.sk)}` : undefined;
      }),
    ),
  };
}

/** The record layout table: each record type's primary and index keys. */
export function layoutTable(records: readonly RecordKeys<never, never>[] = RECORDS): string {
  return [
    row(['record', '`entity`', 'PK', 'SK', ...INDEX_NAMES]),
    row(['---', '---', '---', '---', ...INDEX_NAMES.map(() => '---')]),
    ...records.map((r) => {
      const k = renderedKeys(r);
      return row([labelOf(r), r.entity ? code(r.entity) : '', k.PK, k.SK, ...k.indexes]);
    }),
  ].join('\n');
}

/** What each index serves: the records that write it, with their keys in it. */
export function indexList(records: readonly RecordKeys<never, never>[] = RECORDS): string {
  return INDEX_NAMES.map((index, i) => {
    const served = records
      .map((r) => ({ r, k: renderedKeys(r).indexes[i] }))
      .filter((x) => x.k)
      .map((x) => `${labelOf(x.r)} (${x.k})`);
    return `- **${index}**: ${served.join('; ')}.`;
  }).join('\n');
}

/** The generated sections of ARCHITECTURE.md, by marker name. */
export function keySections(): Record<string, string> {
  return { layout: layoutTable(), indexes: indexList(), 'access-patterns': accessPatternTable() };
}

/** `text` with each `<!-- keys:<name> -->` … `<!-- /keys:<name> -->` section replaced. */
export function withKeySections(text: string, sections: Record<string, string> = keySections()): string {
  let out = text;
  for (const [name, body] of Object.entries(sections)) {
    const begin = `<!-- keys:${name} -->`;
    const end = `<!-- /keys:${name} -->`;
    const a = out.indexOf(begin);
    const b = out.indexOf(end);
    if (a < 0 || b < a) throw new Error(`ARCHITECTURE.md has no ${begin} … ${end} section`);
    out = `${out.slice(0, a + begin.length)}\n${body}\n${out.slice(b)}`;
  }
  return out;
}

/**
 * The keys of every record in the main table, declared once per record type: the partition
 * key, the sort key and each index key as functions of the record's fields, and the key
 * conditions of the Queries that read them. The data modules build their rows (`rowOf`) and
 * their Queries (`keyQuery` in db.ts) from these declarations and nothing else; ARCHITECTURE.md's
 * layout and access-pattern tables are generated from them (`npm run docs:keys`,
 * functions/data/access-patterns.ts), and a test fails when ARCHITECTURE differs.
 *
 * The strings are the stored layout: data written by earlier code must still be found, so a
 * key here changes only with a migration (test/integration/data/stored-layout.test.ts writes
 * rows with the literal strings and reads them through these declarations).
 *
 * Pure: no AWS import; the table and its indexes are declared in infra/resources/tables.ts.
 */

export type IndexName = 'GSI1' | 'GSI2' | 'GSI3' | 'GSI4' | 'GSI5' | 'GSI6' | 'GSI7' | 'GSI8';
export const INDEX_NAMES: readonly IndexName[] = [
  'GSI1',
  'GSI2',
  'GSI3',
  'GSI4',
  'GSI5',
  'GSI6',
  'GSI7',
  'GSI8',
];

/** A record's primary key. */
export interface Key {
  readonly PK: string;
  readonly SK: string;
}

/** A record's key in one index (written as `<index>PK` / `<index>SK`). */
export interface IndexKey {
  readonly pk: string;
  readonly sk: string;
}

/** A record as stored: keys plus entity fields. */
export type Row = Record<string, unknown> & { PK: string; SK: string };

/**
 * The keys of one record type. `K` holds the fields its primary key is made of (enough to
 * read it back), `R` the fields its index keys are made of too.
 */
export interface RecordKeys<K, R extends K = K> {
  /** The `entity` attribute written with the record (absent for bare counters). */
  readonly entity?: string;
  readonly key: (r: K) => Key;
  /** An index key; undefined keeps the record out of that index (a sparse index). */
  readonly GSI1?: (r: R) => IndexKey | undefined;
  readonly GSI2?: (r: R) => IndexKey | undefined;
  readonly GSI3?: (r: R) => IndexKey | undefined;
  readonly GSI4?: (r: R) => IndexKey | undefined;
  readonly GSI5?: (r: R) => IndexKey | undefined;
  readonly GSI6?: (r: R) => IndexKey | undefined;
  readonly GSI7?: (r: R) => IndexKey | undefined;
  readonly GSI8?: (r: R) => IndexKey | undefined;
}

/** A Query's key condition: the partition, and optionally a prefix of the sort key. */
export interface KeyCondition {
  readonly index?: IndexName;
  readonly pk: string;
  readonly skPrefix?: string;
}

/**
 * A zero-padded number in a sort key (so that strings sort as numbers). Rendered for the
 * documentation from a `<placeholder>`, it reads `<placeholder, n digits>`.
 */
export function digits(n: number, width: number): string {
  const s = String(n);
  return s.startsWith('<') ? `${s.slice(0, -1)}, ${width} digits>` : s.padStart(width, '0');
}

/** The row of a record: its keys, its `entity`, its index keys, then its attributes. */
export function rowOf<K, R extends K>(
  keys: RecordKeys<K, R>,
  record: R,
  attributes: object = record as object,
): Row {
  const row: Record<string, unknown> = { ...keys.key(record) };
  if (keys.entity) row.entity = keys.entity;
  for (const index of INDEX_NAMES) {
    const k = keys[index]?.(record);
    if (k) {
      row[`${index}PK`] = k.pk;
      row[`${index}SK`] = k.sk;
    }
  }
  return { ...row, ...attributes } as Row;
}

// ---------------------------------------------------------------------------------------------
// Partitions shared by several record types

export const itemPk = (itemId: string) => `ITEM#${itemId}`;
export const orderPk = (orderId: string) => `ORDER#${orderId}`;
export const unitPk = (unitId: string) => `UNIT#${unitId}`;
export const personPk = (personId: string) => `PERSON#${personId}`;
export const proposalPk = (proposalId: string) => `PROPOSAL#${proposalId}`;
export const listPk = (year: number) => `LIST#${year}`;
export const evalPk = (period: string) => `EVAL#${period}`;
export const calendarPk = (year: number) => `CALENDAR#${year}`;
const RULES_PK = 'RULES';
const YEARS_PK = 'YEARS';

const versionSk = (version: number) => `V#${digits(version, 4)}`;

// ---------------------------------------------------------------------------------------------
// Items and what lives in their partition

interface ItemFields {
  itemId: string;
  year: number;
  kind: string;
  status: string;
  category: string;
  itemClass: string;
  createdAt: string;
  batchNo?: number | undefined;
  leadUnitId?: string | undefined;
  managerId?: string | undefined;
}

/**
 * Where an item stands on the public board: batch after batch, then the items assigned
 * without a batch; within each, in the order the items were created.
 */
export const boardKey = (i: Pick<ItemFields, 'batchNo' | 'itemId' | 'createdAt'>) =>
  `${i.batchNo === undefined ? 'D' : `B${digits(i.batchNo, 4)}`}#${i.createdAt}#${i.itemId}`;

/** On the public list: any status but draft (the public-list indexes GSI5–GSI8 are sparse). */
const listed = (i: Pick<ItemFields, 'status'>) => i.status !== 'draft';
const pubPk = (year: number) => `PUB#${year}`;

export const item = {
  entity: 'item',
  key: (i: { itemId: string }) => ({ PK: itemPk(i.itemId), SK: 'ITEM' }),
  GSI1: (i: ItemFields) => ({ pk: `ITEMS#${i.year}`, sk: `${i.kind}#${i.status}#${i.itemId}` }),
  GSI2: (i: ItemFields) =>
    i.leadUnitId ? { pk: unitPk(i.leadUnitId), sk: `ITEM#${i.year}#${i.itemId}` } : undefined,
  GSI3: (i: ItemFields) =>
    i.managerId ? { pk: personPk(i.managerId), sk: `ITEM#${i.year}#${i.itemId}` } : undefined,
  /** Items of a year in one status, in board order. */
  GSI4: (i: ItemFields) => ({ pk: `ITEMS#${i.year}#${i.status}`, sk: boardKey(i) }),
  /** The public board of a year. */
  GSI5: (i: ItemFields) => (listed(i) ? { pk: pubPk(i.year), sk: boardKey(i) } : undefined),
  /** The public board by kind, then category and class. */
  GSI6: (i: ItemFields) =>
    listed(i)
      ? { pk: `${pubPk(i.year)}#${i.kind}`, sk: `${i.category}#${i.itemClass}#${boardKey(i)}` }
      : undefined,
  /** The public board by category, then class. */
  GSI7: (i: ItemFields) =>
    listed(i) ? { pk: `${pubPk(i.year)}#${i.category}`, sk: `${i.itemClass}#${boardKey(i)}` } : undefined,
  /** The public board by class. */
  GSI8: (i: ItemFields) =>
    listed(i) ? { pk: `${pubPk(i.year)}#${i.itemClass}`, sk: boardKey(i) } : undefined,
  queries: {
    /** Items of a year, narrowed by kind, then status, through the GSI1 sort key. */
    ofYear: (year: number, kind?: string, status?: string): KeyCondition => ({
      index: 'GSI1',
      pk: `ITEMS#${year}`,
      ...(kind ? { skPrefix: status ? `${kind}#${status}#` : `${kind}#` } : {}),
    }),
    /** The public board of a year (GSI5), in board order. */
    publicBoard: (year: number): KeyCondition => ({ index: 'GSI5', pk: pubPk(year) }),
    /** The public board by kind, narrowed by category, then class (GSI6). */
    publicByKind: (year: number, kind: string, category?: string, itemClass?: string): KeyCondition => ({
      index: 'GSI6',
      pk: `${pubPk(year)}#${kind}`,
      ...(category ? { skPrefix: itemClass ? `${category}#${itemClass}#` : `${category}#` } : {}),
    }),
    /** The public board by category, narrowed by class (GSI7). */
    publicByCategory: (year: number, category: string, itemClass?: string): KeyCondition => ({
      index: 'GSI7',
      pk: `${pubPk(year)}#${category}`,
      ...(itemClass ? { skPrefix: `${itemClass}#` } : {}),
    }),
    /** The public board by class (GSI8). */
    publicByClass: (year: number, itemClass: string): KeyCondition => ({
      index: 'GSI8',
      pk: `${pubPk(year)}#${itemClass}`,
    }),
    /** Items of a year in one status, whatever the kind (GSI4), in board order. */
    inStatus: (year: number, status: string): KeyCondition => ({
      index: 'GSI4',
      pk: `ITEMS#${year}#${status}`,
    }),
    ledBy: (unitId: string, year: number): KeyCondition => ({
      index: 'GSI2',
      pk: unitPk(unitId),
      skPrefix: `ITEM#${year}#`,
    }),
    managedBy: (personId: string, year: number): KeyCondition => ({
      index: 'GSI3',
      pk: personPk(personId),
      skPrefix: `ITEM#${year}#`,
    }),
  },
} satisfies RecordKeys<{ itemId: string }, ItemFields> & { queries: object };

interface ClaimFields {
  itemId: string;
  unitId: string;
  claimedAt: string;
  claimId: string;
}

export const claim = {
  entity: 'claim',
  key: (c: { itemId: string; unitId: string }) => ({ PK: itemPk(c.itemId), SK: `CLAIM#${c.unitId}` }),
  GSI2: (c: ClaimFields) => ({ pk: unitPk(c.unitId), sk: `CLAIM#${c.claimedAt}#${c.claimId}` }),
  queries: {
    ofItem: (itemId: string): KeyCondition => ({ pk: itemPk(itemId), skPrefix: 'CLAIM#' }),
    ofUnit: (unitId: string): KeyCondition => ({ index: 'GSI2', pk: unitPk(unitId), skPrefix: 'CLAIM#' }),
  },
} satisfies RecordKeys<{ itemId: string; unitId: string }, ClaimFields> & { queries: object };

interface ExtensionFields {
  itemId: string;
  extensionId: string;
  year: number;
  unitId: string;
  status: string;
  requestedAt: string;
}

/**
 * An extension request (延期申请), in its item's partition; HQ lists a year's by status in one
 * Query (GSI1, overloaded like the proposals of a year), the unit its own (GSI2).
 */
export const extension = {
  entity: 'extension',
  key: (e: { itemId: string; extensionId: string }) => ({
    PK: itemPk(e.itemId),
    SK: `EXTENSION#${e.extensionId}`,
  }),
  GSI1: (e: ExtensionFields) => ({
    pk: `EXTENSIONS#${e.year}`,
    sk: `${e.status}#${e.requestedAt}#${e.extensionId}`,
  }),
  GSI2: (e: ExtensionFields) => ({
    pk: unitPk(e.unitId),
    sk: `EXTENSION#${e.year}#${e.requestedAt}#${e.extensionId}`,
  }),
  queries: {
    ofItem: (itemId: string): KeyCondition => ({ pk: itemPk(itemId), skPrefix: 'EXTENSION#' }),
    ofYear: (year: number, status?: string): KeyCondition => ({
      index: 'GSI1',
      pk: `EXTENSIONS#${year}`,
      ...(status ? { skPrefix: `${status}#` } : {}),
    }),
    ofUnit: (unitId: string, year: number): KeyCondition => ({
      index: 'GSI2',
      pk: unitPk(unitId),
      skPrefix: `EXTENSION#${year}#`,
    }),
  },
} satisfies RecordKeys<{ itemId: string; extensionId: string }, ExtensionFields> & { queries: object };

export const progress = {
  entity: 'progress',
  key: (p: { itemId: string; reportedAt: string; reportId: string }) => ({
    PK: itemPk(p.itemId),
    SK: `PROGRESS#${p.reportedAt}#${p.reportId}`,
  }),
  queries: {
    ofItem: (itemId: string): KeyCondition => ({ pk: itemPk(itemId), skPrefix: 'PROGRESS#' }),
  },
} satisfies RecordKeys<{ itemId: string; reportedAt: string; reportId: string }> & { queries: object };

/** An evidence file of an item (issued upload form, then stored), in the item's partition. */
export const evidenceFile = {
  entity: 'evidence',
  key: (f: { itemId: string; fileId: string }) => ({ PK: itemPk(f.itemId), SK: `FILE#${f.fileId}` }),
  queries: {
    ofItem: (itemId: string): KeyCondition => ({ pk: itemPk(itemId), skPrefix: 'FILE#' }),
  },
} satisfies RecordKeys<{ itemId: string; fileId: string }> & { queries: object };
/**
 * An urging (催办) of a unit on an item: at most one per item, unit and Beijing day (the key
 * says so: a second one the same day fails its create). Also under the unit (GSI2), by year,
 * for its ledger and inbox.
 */
export const urging = {
  entity: 'urging',
  key: (u: { itemId: string; date: string; unitId: string }) => ({
    PK: itemPk(u.itemId),
    SK: `URGE#${u.date}#${u.unitId}`,
  }),
  GSI2: (u: { itemId: string; unitId: string; year: number; at: string }) => ({
    pk: unitPk(u.unitId),
    sk: `URGE#${u.year}#${u.at}#${u.itemId}`,
  }),
  queries: {
    ofItem: (itemId: string): KeyCondition => ({ pk: itemPk(itemId), skPrefix: 'URGE#' }),
    ofUnit: (unitId: string, year: number): KeyCondition => ({
      index: 'GSI2',
      pk: unitPk(unitId),
      skPrefix: `URGE#${year}#`,
    }),
  },
} satisfies RecordKeys<
  { itemId: string; date: string; unitId: string },
  { itemId: string; date: string; unitId: string; year: number; at: string }
> & { queries: object };

/** A supporting unit's report on its part of an item (协办): new records, never overwritten. */
export const supportReport = {
  entity: 'support-report',
  key: (r: { itemId: string; reportedAt: string; reportId: string }) => ({
    PK: itemPk(r.itemId),
    SK: `SUPPORT#${r.reportedAt}#${r.reportId}`,
  }),
  queries: {
    ofItem: (itemId: string): KeyCondition => ({ pk: itemPk(itemId), skPrefix: 'SUPPORT#' }),
  },
} satisfies RecordKeys<{ itemId: string; reportedAt: string; reportId: string }> & { queries: object };

export const audit = {
  entity: 'audit',
  key: (e: { subject: string; seq: number }) => ({ PK: e.subject, SK: `AUDIT#${digits(e.seq, 8)}` }),
  queries: {
    trailOf: (subject: string): KeyCondition => ({ pk: subject, skPrefix: 'AUDIT#' }),
  },
} satisfies RecordKeys<{ subject: string; seq: number }> & { queries: object };

export const wait = {
  entity: 'wait',
  key: (w: { subject: string }) => ({ PK: w.subject, SK: 'WAIT' }),
} satisfies RecordKeys<{ subject: string }>;

// ---------------------------------------------------------------------------------------------
// Orders

interface OrderFields {
  orderId: string;
  orderType: string;
  year: number;
  number: number;
  unitId: string;
  itemId: string;
  issuedAt: string;
}

export const order = {
  entity: 'order',
  key: (o: { orderId: string }) => ({ PK: orderPk(o.orderId), SK: 'ORDER' }),
  GSI1: (o: OrderFields) => ({ pk: `ORDERS#${o.year}#${o.orderType}`, sk: digits(o.number, 8) }),
  GSI2: (o: OrderFields) => ({
    pk: unitPk(o.unitId),
    sk: `ORDER#${o.year}#${o.orderType}#${digits(o.number, 8)}`,
  }),
  GSI3: (o: OrderFields) => ({ pk: itemPk(o.itemId), sk: `ORDER#${o.issuedAt}#${o.orderId}` }),
  queries: {
    /** Orders of a year and type, in number order. */
    ofYearAndType: (year: number, type: string): KeyCondition => ({
      index: 'GSI1',
      pk: `ORDERS#${year}#${type}`,
    }),
    ofUnit: (unitId: string, year: number, type?: string): KeyCondition => ({
      index: 'GSI2',
      pk: unitPk(unitId),
      skPrefix: type ? `ORDER#${year}#${type}#` : `ORDER#${year}#`,
    }),
    ofItem: (itemId: string): KeyCondition => ({ index: 'GSI3', pk: itemPk(itemId), skPrefix: 'ORDER#' }),
  },
} satisfies RecordKeys<{ orderId: string }, OrderFields> & { queries: object };

/** The statistics of a year: counters moved by ADD in the transaction of every item or batch change. */
export const yearStats = {
  entity: 'stats',
  key: (r: { year: number }) => ({ PK: `STATS#${r.year}`, SK: 'STATS' }),
} satisfies RecordKeys<{ year: number }>;

export const orderCounter = {
  key: (c: { year: number; orderType: string }) => ({
    PK: `COUNTER#ORDER#${c.year}#${c.orderType}`,
    SK: 'COUNTER',
  }),
} satisfies RecordKeys<{ year: number; orderType: string }>;

// ---------------------------------------------------------------------------------------------
// Units, people, proposals, the list

export const unit = {
  entity: 'unit',
  key: (u: { unitId: string }) => ({ PK: unitPk(u.unitId), SK: 'UNIT' }),
  GSI1: (u: { unitId: string; unitType: string }) => ({ pk: 'UNITS', sk: `${u.unitType}#${u.unitId}` }),
  queries: {
    all: (unitType?: string): KeyCondition => ({
      index: 'GSI1',
      pk: 'UNITS',
      ...(unitType ? { skPrefix: `${unitType}#` } : {}),
    }),
  },
} satisfies RecordKeys<{ unitId: string }, { unitId: string; unitType: string }> & { queries: object };

export const person = {
  entity: 'person',
  key: (p: { personId: string }) => ({ PK: personPk(p.personId), SK: 'PERSON' }),
  GSI3: (p: { personId: string; unitId: string }) => ({
    pk: unitPk(p.unitId),
    sk: `PERSON#${p.personId}`,
  }),
  queries: {
    ofUnit: (unitId: string): KeyCondition => ({ index: 'GSI3', pk: unitPk(unitId), skPrefix: 'PERSON#' }),
  },
} satisfies RecordKeys<{ personId: string }, { personId: string; unitId: string }> & { queries: object };

interface ProposalFields {
  proposalId: string;
  year: number;
  status: string;
  unitId: string;
}

export const proposal = {
  entity: 'proposal',
  key: (p: { proposalId: string }) => ({ PK: proposalPk(p.proposalId), SK: 'PROPOSAL' }),
  GSI1: (p: ProposalFields) => ({ pk: `PROPOSALS#${p.year}`, sk: `${p.status}#${p.proposalId}` }),
  GSI2: (p: ProposalFields) => ({ pk: unitPk(p.unitId), sk: `PROPOSAL#${p.year}#${p.proposalId}` }),
  queries: {
    ofYear: (year: number, status?: string): KeyCondition => ({
      index: 'GSI1',
      pk: `PROPOSALS#${year}`,
      ...(status ? { skPrefix: `${status}#` } : {}),
    }),
    ofUnit: (unitId: string, year: number): KeyCondition => ({
      index: 'GSI2',
      pk: unitPk(unitId),
      skPrefix: `PROPOSAL#${year}#`,
    }),
  },
} satisfies RecordKeys<{ proposalId: string }, ProposalFields> & { queries: object };

export const batch = {
  entity: 'batch',
  key: (b: { year: number; batchNo: number }) => ({
    PK: listPk(b.year),
    SK: `BATCH#${digits(b.batchNo, 4)}`,
  }),
  queries: {
    ofYear: (year: number): KeyCondition => ({ pk: listPk(year), skPrefix: 'BATCH#' }),
  },
} satisfies RecordKeys<{ year: number; batchNo: number }> & { queries: object };

export const year = {
  entity: 'year',
  key: (y: { year: number }) => ({ PK: YEARS_PK, SK: `YEAR#${y.year}` }),
  queries: {
    all: (): KeyCondition => ({ pk: YEARS_PK, skPrefix: 'YEAR#' }),
  },
} satisfies RecordKeys<{ year: number }> & { queries: object };

// ---------------------------------------------------------------------------------------------
// Evaluation and results

export const evaluationResult = {
  entity: 'evaluation',
  key: (r: { period: string; itemId: string }) => ({ PK: evalPk(r.period), SK: `ITEM#${r.itemId}` }),
  queries: {
    ofPeriod: (period: string): KeyCondition => ({ pk: evalPk(period), skPrefix: 'ITEM#' }),
  },
} satisfies RecordKeys<{ period: string; itemId: string }> & { queries: object };

export const evaluationUnits = {
  entity: 'evaluation',
  key: (r: { period: string }) => ({ PK: evalPk(r.period), SK: 'UNITS' }),
} satisfies RecordKeys<{ period: string }>;

export const evaluationSummary = {
  entity: 'evaluation',
  key: (r: { period: string }) => ({ PK: evalPk(r.period), SK: 'SUMMARY' }),
} satisfies RecordKeys<{ period: string }>;

/**
 * The runs that wrote results of a period (a string set, added to before a chunk writes its
 * results): a run that finds only itself there has no earlier run's rows to clear, and does
 * not read the period's results back (finishResults).
 */
export const evaluationResultRuns = {
  entity: 'evaluation',
  key: (r: { period: string }) => ({ PK: evalPk(r.period), SK: 'RUNS' }),
} satisfies RecordKeys<{ period: string }>;

export const inquiryDraft = {
  entity: 'draft',
  key: (d: { period: string; itemId: string; trigger: string }) => ({
    PK: evalPk(d.period),
    SK: `DRAFT#${d.itemId}#${d.trigger}`,
  }),
  queries: {
    ofPeriod: (period: string): KeyCondition => ({ pk: evalPk(period), skPrefix: 'DRAFT#' }),
  },
} satisfies RecordKeys<{ period: string; itemId: string; trigger: string }> & { queries: object };

const evalRunPk = (period: string, run: string) => `EVALRUN#${period}#${run}`;

export const evaluationRunScore = {
  key: (r: { period: string; run: string; chunk: number; itemId: string }) => ({
    PK: `${evalRunPk(r.period, r.run)}#C#${digits(r.chunk, 5)}`,
    SK: `ITEM#${r.itemId}`,
  }),
  queries: {
    ofChunk: (period: string, run: string, chunk: number): KeyCondition => ({
      pk: `${evalRunPk(period, run)}#C#${digits(chunk, 5)}`,
    }),
  },
} satisfies RecordKeys<{ period: string; run: string; chunk: number; itemId: string }> & { queries: object };

export const evaluationRunTally = {
  entity: 'tally',
  key: (r: { period: string; run: string; chunk: number }) => ({
    PK: evalRunPk(r.period, r.run),
    SK: `TALLY#${digits(r.chunk, 5)}`,
  }),
  queries: {
    ofRun: (period: string, run: string): KeyCondition => ({
      pk: evalRunPk(period, run),
      skPrefix: 'TALLY#',
    }),
  },
} satisfies RecordKeys<{ period: string; run: string; chunk: number }> & { queries: object };

/**
 * The merge of a run's chunk tallies, written once by the first chunk ranked: every other
 * chunk reads it in one GetItem rather than every tally (which made the ranking pass read
 * chunks² tallies). Its size is a chunk tally's bound: six groups of at most 2,001 scores
 * and every unit.
 */
export const evaluationRunMergedTally = {
  entity: 'tally',
  key: (r: { period: string; run: string }) => ({ PK: evalRunPk(r.period, r.run), SK: 'MERGED' }),
} satisfies RecordKeys<{ period: string; run: string }>;

export const evaluationRunOutcome = {
  entity: 'chunk',
  key: (r: { period: string; run: string; chunk: number }) => ({
    PK: evalRunPk(r.period, r.run),
    SK: `DONE#${digits(r.chunk, 5)}`,
  }),
  queries: {
    ofRun: (period: string, run: string): KeyCondition => ({ pk: evalRunPk(period, run), skPrefix: 'DONE#' }),
  },
} satisfies RecordKeys<{ period: string; run: string; chunk: number }> & { queries: object };

/** A ledger's subject: a unit or a person. */
export interface LedgerSubject {
  readonly type: 'unit' | 'person';
  readonly id: string;
}
const ledgerPk = (s: LedgerSubject) => (s.type === 'unit' ? unitPk(s.id) : personPk(s.id));

export const ledgerEntry = {
  entity: 'ledger',
  key: (e: { subject: LedgerSubject; year: number; orderId: string }) => ({
    PK: ledgerPk(e.subject),
    SK: `LEDGER#${e.year}#${e.orderId}`,
  }),
  queries: {
    of: (subject: LedgerSubject, year?: number): KeyCondition => ({
      pk: ledgerPk(subject),
      skPrefix: year ? `LEDGER#${year}#` : 'LEDGER#',
    }),
  },
} satisfies RecordKeys<{ subject: LedgerSubject; year: number; orderId: string }> & { queries: object };

export const reminder = {
  entity: 'reminder',
  key: (r: { unitId: string; dueDate: string; itemId: string; key: string; color: string }) => ({
    PK: unitPk(r.unitId),
    SK: `REMINDER#${r.dueDate}#${r.itemId}#${r.key}#${r.color}`,
  }),
  queries: {
    /** A unit's reminders, by due date (read newest first). */
    ofUnit: (unitId: string): KeyCondition => ({ pk: unitPk(unitId), skPrefix: 'REMINDER#' }),
  },
} satisfies RecordKeys<{ unitId: string; dueDate: string; itemId: string; key: string; color: string }> & {
  queries: object;
};

// ---------------------------------------------------------------------------------------------
// Domain events: the outbox and the addressees' notifications (ARCHITECTURE "Domain events and the outbox")

const OUTBOX_PENDING = 'OUTBOX#PENDING';
const OUTBOX_PUBLISHED = 'OUTBOX#PUBLISHED';

interface OutboxFields {
  eventId: string;
  at: string;
  publishedAt?: string | undefined;
}

/**
 * A domain event to publish, written in the transaction of the change it reports (or by the
 * timer that found it due). GSI1 holds it only while pending (sparse: the relay's mark removes
 * the key), GSI2 once published; the id is deterministic (the audit event's subject and seq,
 * or the timer's subject), so a retried command or sweep cannot write it twice.
 */
export const outbox = {
  entity: 'outbox',
  key: (o: { eventId: string }) => ({ PK: `OUTBOX#${o.eventId}`, SK: 'OUTBOX' }),
  GSI1: (o: OutboxFields) => (o.publishedAt ? undefined : { pk: OUTBOX_PENDING, sk: `${o.at}#${o.eventId}` }),
  GSI2: (o: OutboxFields) =>
    o.publishedAt ? { pk: OUTBOX_PUBLISHED, sk: `${o.publishedAt}#${o.eventId}` } : undefined,
  queries: {
    /** Pending events, oldest first. */
    pending: (): KeyCondition => ({ index: 'GSI1', pk: OUTBOX_PENDING }),
    /** Published events (read newest first). */
    published: (): KeyCondition => ({ index: 'GSI2', pk: OUTBOX_PUBLISHED }),
  },
} satisfies RecordKeys<{ eventId: string }, OutboxFields> & { queries: object };

/** Who a notification is addressed to: a unit, or a desk at headquarters. */
export type Addressee = { unitId: string } | { desk: string };
const addresseePk = (a: Addressee) => ('unitId' in a ? `NOTIFY#UNIT#${a.unitId}` : `NOTIFY#HQ#${a.desk}`);

/** A published domain event, one copy per addressee (written by the relay with its mark). */
export const notification = {
  entity: 'notification',
  key: (n: { addressee: Addressee; at: string; eventId: string }) => ({
    PK: addresseePk(n.addressee),
    SK: `${n.at}#${n.eventId}`,
  }),
  queries: {
    /** The whole partition (read newest first). */
    of: (addressee: Addressee): KeyCondition => ({ pk: addresseePk(addressee) }),
  },
} satisfies RecordKeys<{ addressee: Addressee; at: string; eventId: string }> & { queries: object };

export const ruleSetVersion = {
  entity: 'rules',
  key: (r: { version: number }) => ({ PK: RULES_PK, SK: versionSk(r.version) }),
  queries: {
    /** Every version, in version order. */
    all: (): KeyCondition => ({ pk: RULES_PK, skPrefix: 'V#' }),
  },
} satisfies RecordKeys<{ version: number }> & { queries: object };

/** The subject of the rules' audit trail (its head is on the CURRENT record). */
export const RULES_SUBJECT = RULES_PK;

export const ruleSetCurrent = {
  entity: 'rules',
  key: () => ({ PK: RULES_PK, SK: 'CURRENT' }),
} satisfies RecordKeys<unknown>;

export const notice = {
  entity: 'notice',
  key: (n: { year: number; at: string; noticeId: string }) => ({
    PK: `NOTICES#${n.year}`,
    SK: `${n.at}#${n.noticeId}`,
  }),
  queries: {
    /** The whole partition (read newest first). */
    ofYear: (year: number): KeyCondition => ({ pk: `NOTICES#${year}` }),
  },
} satisfies RecordKeys<{ year: number; at: string; noticeId: string }> & { queries: object };

// ---------------------------------------------------------------------------------------------
// Notification delivery (issue 13 §5)

/**
 * The notification settings of a unit (`owner` `UNIT#<unitId>`) or a desk at headquarters
 * (`DESK#commander`, `DESK#office`); their audit trail lives in the same partition.
 */
export const notificationSettings = {
  entity: 'notification-settings',
  key: (r: { owner: string }) => ({ PK: `NOTIFY#${r.owner}`, SK: 'SETTINGS' }),
} satisfies RecordKeys<{ owner: string }>;

/**
 * One delivery of an event to one address of one channel (`target`: a hash of the address, so
 * a robot's key never sits in a key): written before the send and marked sent after it, so a
 * redelivered event sends nothing twice.
 */
export const delivery = {
  entity: 'delivery',
  key: (d: { eventId: string; channel: string; target: string }) => ({
    PK: `DELIVERY#${d.eventId}`,
    SK: `${d.channel}#${d.target}`,
  }),
} satisfies RecordKeys<{ eventId: string; channel: string; target: string }>;

// ---------------------------------------------------------------------------------------------
// Calendars, Idempotency-Key records, the health probe

export const calendarVersion = {
  entity: 'calendar-version',
  key: (t: { year: number; version: number }) => ({ PK: calendarPk(t.year), SK: versionSk(t.version) }),
  queries: {
    ofYear: (year: number): KeyCondition => ({ pk: calendarPk(year), skPrefix: 'V#' }),
  },
} satisfies RecordKeys<{ year: number; version: number }> & { queries: object };

export const calendarCurrent = {
  entity: 'calendar',
  key: (t: { year: number }) => ({ PK: calendarPk(t.year), SK: 'CURRENT' }),
} satisfies RecordKeys<{ year: number }>;

export const idempotency = {
  entity: 'idempotency',
  key: (r: { id: string }) => ({ PK: `IDEMPOTENCY#${r.id}`, SK: 'IDEMPOTENCY' }),
} satisfies RecordKeys<{ id: string }>;

export const health = {
  key: () => ({ PK: 'HEALTH', SK: 'HEALTH' }),
} satisfies RecordKeys<unknown>;

/** Every record type, in the order ARCHITECTURE lists them. */
export const RECORDS: readonly RecordKeys<never, never>[] = [
  item,
  claim,
  extension,
  progress,
  evidenceFile,
  urging,
  supportReport,
  audit,
  wait,
  order,
  orderCounter,
  yearStats,
  unit,
  person,
  proposal,
  batch,
  evaluationResult,
  evaluationUnits,
  evaluationSummary,
  evaluationResultRuns,
  inquiryDraft,
  evaluationRunScore,
  evaluationRunTally,
  evaluationRunMergedTally,
  evaluationRunOutcome,
  ledgerEntry,
  reminder,
  outbox,
  notification,
  ruleSetVersion,
  ruleSetCurrent,
  notice,
  notificationSettings,
  delivery,
  idempotency,
  calendarVersion,
  calendarCurrent,
  year,
  health,
] as readonly RecordKeys<never, never>[];

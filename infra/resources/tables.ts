/**
 * The one declaration of every DynamoDB table and index.
 *
 * Read by the CDK stack (`infra/stack.ts`) to create the tables on AWS and by the
 * local runtime (`infra/local/dynamodb.ts`) to create the same tables on DynamoDB Local.
 * Nothing else may describe a table's keys. Physical names are never fixed: CDK generates
 * them, the local runtime derives them from `logicalId` and a prefix, and handlers read
 * them from the environment variable named by `envVar`.
 */
export type AttributeType = 'S' | 'N';

export interface KeyDeclaration {
  readonly name: string;
  readonly type: AttributeType;
}

export interface IndexDeclaration {
  readonly indexName: string;
  readonly partitionKey: KeyDeclaration;
  readonly sortKey?: KeyDeclaration;
  /** What the index answers, in words; ARCHITECTURE.md lists the same. */
  readonly serves: readonly string[];
}

export interface TableDeclaration {
  /** CDK construct id and local table-name stem. */
  readonly logicalId: string;
  /** Environment variable through which handlers learn the physical table name. */
  readonly envVar: string;
  readonly partitionKey: KeyDeclaration;
  readonly sortKey?: KeyDeclaration;
  readonly globalSecondaryIndexes: readonly IndexDeclaration[];
  readonly timeToLiveAttribute?: string;
  readonly stream?: boolean;
  readonly description: string;
}

const S = (name: string): KeyDeclaration => ({ name, type: 'S' });

/** The system of record: every aggregate, in one table (single-table design). */
export const mainTable: TableDeclaration = {
  logicalId: 'MainTable',
  envVar: 'MAIN_TABLE_NAME',
  partitionKey: S('PK'),
  sortKey: S('SK'),
  globalSecondaryIndexes: [
    {
      indexName: 'GSI1',
      partitionKey: S('GSI1PK'),
      sortKey: S('GSI1SK'),
      serves: [
        'items of a year by kind and status (GSI1PK=ITEMS#<year>, GSI1SK=<kind>#<status>#<itemId>)',
        'orders of a year by type (GSI1PK=ORDERS#<year>#<type>, GSI1SK=<number, zero-padded>)',
        'proposals of a year by status (GSI1PK=PROPOSALS#<year>, GSI1SK=<status>#<proposalId>)',
        'all units by type (GSI1PK=UNITS, GSI1SK=<unitType>#<unitId>)',
        'batches of a year (GSI1PK=BATCHES#<year>, GSI1SK=<batchNo, zero-padded>)',
      ],
    },
    {
      indexName: 'GSI2',
      partitionKey: S('GSI2PK'),
      sortKey: S('GSI2SK'),
      serves: [
        'items a unit leads (GSI2PK=UNIT#<unitId>, GSI2SK=ITEM#<year>#<itemId>)',
        'orders of a unit (GSI2PK=UNIT#<unitId>, GSI2SK=ORDER#<year>#<type>#<number>)',
        'proposals of a unit (GSI2PK=UNIT#<unitId>, GSI2SK=PROPOSAL#<year>#<proposalId>)',
        'claims a unit made (GSI2PK=UNIT#<unitId>, GSI2SK=CLAIM#<claimedAt>#<claimId>)',
      ],
    },
    {
      indexName: 'GSI3',
      partitionKey: S('GSI3PK'),
      sortKey: S('GSI3SK'),
      serves: [
        'orders of an item (GSI3PK=ITEM#<itemId>, GSI3SK=ORDER#<issuedAt>#<orderId>)',
        'items a person manages (GSI3PK=PERSON#<personId>, GSI3SK=ITEM#<year>#<itemId>)',
        'people of a unit (GSI3PK=UNIT#<unitId>, GSI3SK=PERSON#<personId>)',
      ],
    },
    {
      indexName: 'GSI4',
      partitionKey: S('GSI4PK'),
      sortKey: S('GSI4SK'),
      serves: [
        'items of a year in a status, whatever their kind (GSI4PK=ITEMS#<year>#<status>, GSI4SK=<board key>)',
      ],
    },
    // GSI5–GSI8 are sparse: their keys are on an item only while it is on the public list
    // (any status but draft), written by the same Put that publishes or assigns it.
    {
      indexName: 'GSI5',
      partitionKey: S('GSI5PK'),
      sortKey: S('GSI5SK'),
      serves: [
        'the public list of a year in board order (GSI5PK=PUB#<year>, GSI5SK=<board key>: B<batchNo, 4 digits>#<createdAt>#<itemId>, or D#<createdAt>#<itemId> when assigned without a batch)',
      ],
    },
    {
      indexName: 'GSI6',
      partitionKey: S('GSI6PK'),
      sortKey: S('GSI6SK'),
      serves: [
        'the public list of a year by kind, then category and class (GSI6PK=PUB#<year>#<kind>, GSI6SK=<category>#<class>#<board key>)',
      ],
    },
    {
      indexName: 'GSI7',
      partitionKey: S('GSI7PK'),
      sortKey: S('GSI7SK'),
      serves: [
        'the public list of a year by category, then class (GSI7PK=PUB#<year>#<category>, GSI7SK=<class>#<board key>)',
      ],
    },
    {
      indexName: 'GSI8',
      partitionKey: S('GSI8PK'),
      sortKey: S('GSI8SK'),
      serves: ['the public list of a year by class (GSI8PK=PUB#<year>#<class>, GSI8SK=<board key>)'],
    },
  ],
  timeToLiveAttribute: 'expiresAt',
  stream: false,
  description:
    'System of record for units, people, proposals, items, claims, orders, progress and audit events, and the Idempotency-Key records that commit with them (expiring through expiresAt).',
};

export const tables = [mainTable] as const;

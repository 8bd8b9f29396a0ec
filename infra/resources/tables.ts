/**
 * The one declaration of every DynamoDB table and index.
 *
 * Read by the CDK stack (`infra/stack.ts`) to create the tables on AWS and by the local
 * platform (`packages/local-aws`, through `infra/local/platform.ts`) to create the same
 * tables on DynamoDB Local.
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
  ],
  timeToLiveAttribute: 'expiresAt',
  stream: false,
  description:
    'System of record for units, people, proposals, items, claims, orders, progress and audit events, and the Idempotency-Key records that commit with them (expiring through expiresAt).',
};

export const tables = [mainTable] as const;

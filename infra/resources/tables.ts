/**
 * The one declaration of every DynamoDB table and index.
 *
 * Read by the CDK stack (`infra/stack.ts`) to create the tables on AWS and by the local
 * platform (`packages/local-aws`, through `infra/local/platform.ts`) to create the same
 * tables on DynamoDB Local.
 * Nothing else may describe a table's keys. What is stored under them (each record type's
 * keys, and so what each index serves) is declared in functions/data/keys.ts, from which
 * ARCHITECTURE.md's layout, index and access-pattern tables are generated. Physical names are never fixed: CDK generates
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
    },
    {
      indexName: 'GSI2',
      partitionKey: S('GSI2PK'),
      sortKey: S('GSI2SK'),
    },
    {
      indexName: 'GSI3',
      partitionKey: S('GSI3PK'),
      sortKey: S('GSI3SK'),
    },
    {
      indexName: 'GSI4',
      partitionKey: S('GSI4PK'),
      sortKey: S('GSI4SK'),
    },
    // GSI5–GSI8 are sparse: their keys are on an item only while it is on the public list
    // (any status but draft), written by the same Put that publishes or assigns it.
    {
      indexName: 'GSI5',
      partitionKey: S('GSI5PK'),
      sortKey: S('GSI5SK'),
    },
    {
      indexName: 'GSI6',
      partitionKey: S('GSI6PK'),
      sortKey: S('GSI6SK'),
    },
    {
      indexName: 'GSI7',
      partitionKey: S('GSI7PK'),
      sortKey: S('GSI7SK'),
    },
    {
      indexName: 'GSI8',
      partitionKey: S('GSI8PK'),
      sortKey: S('GSI8SK'),
    },
  ],
  timeToLiveAttribute: 'expiresAt',
  stream: false,
  description:
    'System of record for units, people, proposals, items, claims, orders, progress and audit events, and the Idempotency-Key records that commit with them (expiring through expiresAt).',
};

export const tables = [mainTable] as const;

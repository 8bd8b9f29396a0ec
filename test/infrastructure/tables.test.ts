import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TableDeclaration, tables } from '../../infra/resources/tables.ts';
import { type CfnResource, logicalIdOf, resourcesOfType, type Synthesised, synthesise } from './support.ts';

const keySchema = (d: { partitionKey: { name: string }; sortKey?: { name: string } }) => [
  { AttributeName: d.partitionKey.name, KeyType: 'HASH' },
  ...(d.sortKey ? [{ AttributeName: d.sortKey.name, KeyType: 'RANGE' }] : []),
];

/** Every attribute used by the table key or an index key, with its type. */
const attributeDefinitions = (d: TableDeclaration) => {
  const keys = [
    d.partitionKey,
    d.sortKey,
    ...d.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  const byName = new Map<string, string>();
  for (const k of keys) if (k) byName.set(k.name, k.type);
  return [...byName].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
};

const sortByName = <T extends { AttributeName?: string; IndexName?: string }>(xs: T[]): T[] =>
  [...xs].sort((a, b) =>
    String(a.AttributeName ?? a.IndexName).localeCompare(String(b.AttributeName ?? b.IndexName)),
  );

describe.each(['dev', 'prod'] as const)('tables (%s)', (stage) => {
  let s: Synthesised;
  beforeAll(() => {
    s = synthesise({ stage, bundle: false });
  });

  it('creates exactly the declared tables', () => {
    expect(resourcesOfType(s.json, 'AWS::DynamoDB::Table')).toHaveLength(tables.length);
  });

  describe.each(tables.map((t) => [t.logicalId, t] as const))('%s', (_id, decl) => {
    let table: CfnResource;
    beforeAll(() => {
      const found = s.json.Resources[logicalIdOf(s, decl.logicalId)];
      if (!found) throw new Error(`no resource for table ${decl.logicalId}`);
      table = found;
    });
    const props = () => table.Properties ?? {};

    it('is a DynamoDB table without a physical name', () => {
      expect(table.Type).toBe('AWS::DynamoDB::Table');
      expect(props()).not.toHaveProperty('TableName');
    });

    it('has exactly the declared key schema and attribute definitions', () => {
      expect(props().KeySchema).toEqual(keySchema(decl));
      expect(sortByName(props().AttributeDefinitions as { AttributeName: string }[])).toEqual(
        sortByName(attributeDefinitions(decl)),
      );
    });

    it('has exactly the declared global secondary indexes, projection ALL', () => {
      const expected = decl.globalSecondaryIndexes.map((i) => ({
        IndexName: i.indexName,
        KeySchema: keySchema(i),
        Projection: { ProjectionType: 'ALL' },
      }));
      const actual = (props().GlobalSecondaryIndexes ?? []) as { IndexName: string }[];
      expect(sortByName(actual)).toEqual(sortByName(expected));
    });

    it('is on-demand, with point-in-time recovery and KMS encryption at rest', () => {
      expect(props().BillingMode).toBe('PAY_PER_REQUEST');
      expect(props().PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(props().SSESpecification).toEqual({ SSEEnabled: true });
    });

    it('has the declared TTL attribute', () => {
      if (decl.timeToLiveAttribute) {
        expect(props().TimeToLiveSpecification).toEqual({
          AttributeName: decl.timeToLiveAttribute,
          Enabled: true,
        });
      } else {
        expect(props()).not.toHaveProperty('TimeToLiveSpecification');
      }
    });

    it('streams only when declared', () => {
      if (decl.stream) expect(props().StreamSpecification).toBeDefined();
      else expect(props()).not.toHaveProperty('StreamSpecification');
    });

    if (stage === 'prod') {
      it('prod: is retained and deletion-protected', () => {
        expect(table.DeletionPolicy).toBe('Retain');
        expect(table.UpdateReplacePolicy).toBe('Retain');
        expect(props().DeletionProtectionEnabled).toBe(true);
      });
    } else {
      it('dev: is deleted with the stack and not deletion-protected', () => {
        expect(table.DeletionPolicy).toBe('Delete');
        expect(table.UpdateReplacePolicy).toBe('Delete');
        expect(props().DeletionProtectionEnabled).not.toBe(true);
      });
    }
  });

  it('no table has a physical name anywhere in the template', () => {
    s.template.allResourcesProperties('AWS::DynamoDB::Table', { TableName: Match.absent() });
  });
});

import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { evidenceBucket } from '../../infra/resources/buckets.ts';
import { type TableDeclaration, tables } from '../../infra/resources/tables.ts';
import {
  type CfnResource,
  consoleOrigin,
  logicalIdOf,
  resourcesOfType,
  type Synthesised,
  statementsOfRole,
  synthesise,
} from './support.ts';

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

  describe('the evidence bucket (infra/resources/buckets.ts)', () => {
    // biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties, read as JSON
    type Json = any;
    let bucket: CfnResource;
    let id: string;
    const props = () => bucket.Properties as Json;
    beforeAll(() => {
      id = logicalIdOf(s, `${evidenceBucket.logicalId}/Bucket`);
      bucket = s.json.Resources[id] as CfnResource;
    });

    it('KMS-encrypted, versioned, private, access-logged, the declared lifecycle', () => {
      expect(
        props().BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
      ).toEqual({
        SSEAlgorithm: 'aws:kms',
      });
      expect(props().VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(props().PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(props().LoggingConfiguration.DestinationBucketName).toBeDefined();
      expect(props().BucketName).toBeUndefined();
      const rules = props().LifecycleConfiguration.Rules as Json[];
      expect(rules).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          }),
          expect.objectContaining({ Prefix: 'exports/', ExpirationInDays: 1, Status: 'Enabled' }),
          // Uploads never confirmed go, with their versions (the confirmation copied the others).
          expect.objectContaining({
            Prefix: 'uploads/',
            ExpirationInDays: 1,
            NoncurrentVersionExpiration: { NoncurrentDays: 1 },
            Status: 'Enabled',
          }),
        ]),
      );
      // Stored evidence (items/) never expires by lifecycle.
      expect(rules.some((r: Json) => r.Prefix === 'items/' || (r.ExpirationInDays && !r.Prefix))).toBe(false);
    });

    it('allows browser POST and GET from the console origin only; refuses plain HTTP', () => {
      const cors = props().CorsConfiguration.CorsRules[0];
      expect(cors.AllowedMethods).toEqual(['GET', 'POST', 'HEAD']);
      expect(cors.AllowedOrigins).toContainEqual(consoleOrigin(s.json));
      expect(cors.AllowedOrigins).not.toContain('*');
      const policy = resourcesOfType(s.json, 'AWS::S3::BucketPolicy').find(
        ([, r]) => JSON.stringify(r.Properties?.Bucket) === JSON.stringify({ Ref: id }),
      );
      expect(JSON.stringify(policy?.[1].Properties?.PolicyDocument)).toContain('aws:SecureTransport');
    });

    it('only Documents may put and get objects, under items/, uploads/ and exports/ only; it gets the name', () => {
      const objectStatements = Object.entries(s.json.Resources)
        .filter(([, r]) => r.Type === 'AWS::IAM::Role')
        .flatMap(([roleId]) =>
          statementsOfRole(s.json, roleId)
            .filter((st) => JSON.stringify(st.Resource).includes(id))
            .map((st) => ({ roleId, st })),
        );
      const documentsRole = logicalIdOf(s, 'DocumentsRole');
      expect(new Set(objectStatements.map((x) => x.roleId))).toEqual(new Set([documentsRole]));
      const resources = objectStatements.map((x) => JSON.stringify(x.st.Resource));
      expect(resources.some((r) => r.includes('/items/*'))).toBe(true);
      expect(resources.some((r) => r.includes('/exports/*'))).toBe(true);
      expect(resources.some((r) => r.includes('/uploads/*'))).toBe(true);
      for (const { st } of objectStatements)
        expect([st.Action].flat().sort()).toEqual(['s3:GetObject', 's3:PutObject']);
      const fn = s.json.Resources[logicalIdOf(s, 'Documents')] as CfnResource;
      const env = (fn.Properties as Json).Environment.Variables;
      expect(env[evidenceBucket.envVar]).toEqual({ Ref: id });
    });
  });
});

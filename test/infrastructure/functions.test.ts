import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { flattenCfnReference } from '../../infra/constructs/nag.ts';
import { functions } from '../../infra/resources/functions.ts';
import { stateMachines } from '../../infra/resources/state-machines.ts';
import { tables } from '../../infra/resources/tables.ts';
import {
  asArray,
  type CfnResource,
  logicalIdOf,
  referencedLogicalIds,
  resourcesOfType,
  type Synthesised,
  statementsOfRole,
  synthesise,
} from './support.ts';

// One synthesis for the whole file, with real esbuild bundling of every declared handler.
let s: Synthesised;
beforeAll(() => {
  s = synthesise({ stage: 'prod', bundle: true });
});

const resource = (logicalId: string): CfnResource => {
  const r = s.json.Resources[logicalId];
  if (!r) throw new Error(`no resource ${logicalId}`);
  return r;
};

it('creates exactly the declared functions', () => {
  expect(resourcesOfType(s.json, 'AWS::Lambda::Function')).toHaveLength(functions.length);
});

describe.each(functions.map((f) => [f.id, f] as const))('%s', (id, decl) => {
  let fn: CfnResource;
  let props: Record<string, unknown>;
  beforeAll(() => {
    fn = resource(logicalIdOf(s, id));
    props = fn.Properties ?? {};
  });

  it('runs Node.js 24 on ARM64 with active tracing', () => {
    expect(fn.Type).toBe('AWS::Lambda::Function');
    expect(props.Runtime).toBe('nodejs24.x');
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.TracingConfig).toEqual({ Mode: 'Active' });
  });

  it('uses the declared handler, timeout and memory, and has no physical name', () => {
    expect(props.Handler).toBe(`index.${decl.handler}`);
    expect(props.Timeout).toBe(decl.timeoutSeconds ?? 30);
    expect(props.MemorySize).toBe(decl.memorySize ?? 512);
    expect(props).not.toHaveProperty('FunctionName');
  });

  it('logs (JSON) to its own log group, which has a retention', () => {
    const logging = props.LoggingConfig as { LogGroup: unknown; LogFormat: string };
    expect(logging.LogFormat).toBe('JSON');
    expect(logging.LogGroup).toEqual({ Ref: logicalIdOf(s, `${id}LogGroup`) });
    const logGroup = resource(logicalIdOf(s, `${id}LogGroup`));
    expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
    expect(logGroup.Properties?.RetentionInDays).toEqual(expect.any(Number));
  });

  it('gets each declared table name through its envVar, source maps and the Powertools service name', () => {
    const env = (props.Environment as { Variables: Record<string, unknown> }).Variables;
    const expected: Record<string, unknown> = {
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'one-list',
    };
    for (const t of decl.tables) {
      const td = tables.find((x) => x.logicalId === t);
      expect(td, `table ${t} is declared`).toBeDefined();
      if (td) expected[td.envVar] = { Ref: logicalIdOf(s, t) };
    }
    for (const m of decl.stateMachines) {
      const md = stateMachines.find((x) => x.id === m);
      expect(md, `state machine ${m} is declared`).toBeDefined();
      if (md) expected[md.arnEnvVar] = env[md.arnEnvVar];
    }
    expect(env).toEqual(expected);
  });

  it("gets each declared state machine's ARN through its arnEnvVar, without depending on the machine", () => {
    const env = (props.Environment as { Variables: Record<string, unknown> }).Variables;
    for (const m of decl.stateMachines) {
      const md = stateMachines.find((x) => x.id === m);
      if (!md) throw new Error(`state machine ${m} is not declared`);
      const value = env[md.arnEnvVar];
      const name = resource(logicalIdOf(s, `${m}/Resource`)).Properties?.StateMachineName;
      expect(typeof name).toBe('string');
      expect(flattenCfnReference(value)).toBe(
        `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:stateMachine:${String(name)}`,
      );
      expect(referencedLogicalIds(value).size).toBe(0);
    }
  });

  it('may read and write data of exactly the declared tables, and nothing of the others', () => {
    const role = logicalIdOf(s, `${id}Role`);
    expect(resource(role).Properties).not.toHaveProperty('ManagedPolicyArns');
    const statements = statementsOfRole(s.json, role);
    const dynamo = statements.filter((st) => asArray(st.Action).some((a) => a.startsWith('dynamodb:')));
    const touched = new Set(dynamo.flatMap((st) => [...referencedLogicalIds(st.Resource)]));
    expect([...touched].sort()).toEqual(decl.tables.map((t) => logicalIdOf(s, t)).sort());
    const actions = new Set(dynamo.flatMap((st) => asArray(st.Action)));
    for (const a of ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query']) {
      expect(actions).toContain(a);
    }
    expect([...actions].filter((a) => /Create|Delete(Table|Backup)|UpdateTable/.test(a))).toEqual([]);
  });

  it('may start, describe, stop and signal exactly its declared state machines', () => {
    const role = logicalIdOf(s, `${id}Role`);
    const states = statementsOfRole(s.json, role).filter((st) =>
      asArray(st.Action).some((a) => a.startsWith('states:')),
    );
    const expected = decl.stateMachines.map((m) => logicalIdOf(s, `${m}/Resource`)).sort();
    const touched = new Set(states.flatMap((st) => [...referencedLogicalIds(st.Resource)]));
    expect([...touched].sort()).toEqual(expected);
  });

  it('is bundled by esbuild as a minified ESM file with a source map', () => {
    const code = props.Code as { S3Key: string };
    const dir = join(s.assembly.directory, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
    expect(existsSync(join(dir, 'index.mjs')), `${dir}/index.mjs`).toBe(true);
    expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
    const bundle = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(bundle.startsWith("import { createRequire } from 'node:module';")).toBe(true);
    expect(bundle).toContain('sourceMappingURL=index.mjs.map');
    // @aws-sdk/* stays external (the runtime provides it): no SDK source in the bundle.
    const map = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')) as { sources: string[] };
    expect(map.sources.length).toBeGreaterThan(0);
    expect(map.sources.filter((src) => src.includes('node_modules/@aws-sdk/'))).toEqual([]);
  });
});

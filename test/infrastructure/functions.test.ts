import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../functions/api/openapi.ts';
import { OPENAPI_FILE } from '../../functions/api/openapi-file.ts';
import { ORDER_FONT_FILE } from '../../functions/app/order-pdf.ts';
import { lazyPackageFile, REQUIRE_BANNER } from '../../infra/constructs/one-list-function.ts';
import { CLAIM_SETTINGS, TOKEN_USE_ENV } from '../../infra/resources/auth.ts';
import { buckets } from '../../infra/resources/buckets.ts';
import { buses } from '../../infra/resources/buses.ts';
import { DEFAULT_MAX_BUNDLE_BYTES, functions, TABLE_ACTIONS } from '../../infra/resources/functions.ts';
import { routes } from '../../infra/resources/routes.ts';
import { definitionHash, HAND_OVER_ENV, stateMachines } from '../../infra/resources/state-machines.ts';
import { tables } from '../../infra/resources/tables.ts';
import { DEFINITIONS_VERSION_ENV, definitionsVersion } from '../../infra/stack.ts';
import {
  asArray,
  type CfnResource,
  declaredFunctionResources,
  logicalIdOf,
  machinePath,
  type PolicyStatementJson,
  projectRoot,
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

/** The goal of every Lambda bundle (issue 11): cold start grows with the code to load. */

/** The staged asset directory of a function's code. */
/**
 * The zod schemas each bundle may build as it loads (measured, plus a tenth). On zod/mini each
 * costs half what it did on classic, `withChecks` (functions/domain/model.ts) leaves getter
 * fields unbuilt where mini's `.check()` would build them, every object field that builds a
 * schema is a getter, so are a route's `params`/`query`/`body` (functions/api/route.ts), the
 * shared path parameters and bodies are built at their first read (functions/lib/lazily.ts),
 * and a `bounded` number is one schema with its checks (ARCHITECTURE.md,
 * 2026-12-04 "The runtime schemas are zod/mini"). On classic:
 * ApiPublic 223, ApiWrite 363, ApiOffice 592, Documents 365, Notify 265; before object fields
 * became getters: ApiPublic 657, ApiRead 714, ApiWrite 1,092, ApiOffice 1,549, Documents 1,052,
 * WorkflowStep 731, Evaluation 626, Reconcile 434, Relay 536, Notify 629.
 */
const SCHEMAS_AT_IMPORT: Readonly<Record<string, number>> = {
  ApiPublic: 125,
  ApiRead: 130,
  ApiWrite: 210,
  ApiOffice: 200,
  Documents: 215,
  WorkflowStep: 215,
  Evaluation: 165,
  Reconcile: 112,
  Relay: 225,
  Notify: 245,
};

const assetDir = (props: Record<string, unknown>): string =>
  join(s.assembly.directory, `asset.${(props.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '')}`);

const resource = (logicalId: string): CfnResource => {
  const r = s.json.Resources[logicalId];
  if (!r) throw new Error(`no resource ${logicalId}`);
  return r;
};

it('the read functions are declared read-only; the others as they write', () => {
  const access = Object.fromEntries(functions.map((f) => [f.id, f.access]));
  expect(access).toMatchObject({
    ApiPublic: 'read',
    ApiRead: 'read',
    ApiWrite: 'readwrite',
    ApiOffice: 'readwrite',
    Documents: 'readwrite',
  });
});

it('no policy anywhere allows dynamodb:Scan (nor a dynamodb:* wildcard)', () => {
  const actions = resourcesOfType(s.json, 'AWS::IAM::Policy').flatMap(([, r]) => {
    const doc = r.Properties?.PolicyDocument as { Statement: PolicyStatementJson[] } | undefined;
    return (doc?.Statement ?? []).flatMap((st) => asArray(st.Action));
  });
  expect(actions.some((a) => a.startsWith('dynamodb:'))).toBe(true);
  expect(actions.filter((a) => /^dynamodb:(Scan|\*)/.test(a))).toEqual([]);
});

it('the operations routes: ApiRead reads the item and inquiry executions, ApiWrite may restart both', () => {
  const read = functions.find((f) => f.id === 'ApiRead')!;
  const write = functions.find((f) => f.id === 'ApiWrite')!;
  expect(read.observes).toEqual(['ItemLifecycle', 'Inquiry']);
  expect(read.starts).toEqual([]);
  expect(write.starts).toEqual(expect.arrayContaining(['ItemLifecycle', 'Inquiry']));
  const served = (op: string) => routes.find((r) => r.operationId === op)?.function;
  expect([served('opsWorkflow'), served('opsWorkflowHistory'), served('opsRestartWorkflow')]).toEqual([
    'ApiRead',
    'ApiRead',
    'ApiWrite',
  ]);
});

it('creates exactly the declared functions', () => {
  expect(declaredFunctionResources(s.json)).toHaveLength(functions.length);
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

  it('gets each declared table name through its envVar and the Powertools service name', () => {
    const env = (props.Environment as { Variables: Record<string, unknown> }).Variables;
    // No NODE_OPTIONS (--enable-source-maps read the map at every cold start): the bundle maps
    // its stacks at the first one (functions/lib/source-stacks.ts; test below).
    const expected: Record<string, unknown> = {
      POWERTOOLS_SERVICE_NAME: 'one-list',
    };
    for (const t of decl.tables) {
      const td = tables.find((x) => x.logicalId === t);
      expect(td, `table ${t} is declared`).toBeDefined();
      if (td) expected[td.envVar] = { Ref: logicalIdOf(s, t) };
    }
    // The functions serving routes learn which claims name role, unit and person (Cognito's here).
    if (routes.some((r) => r.function === id)) {
      for (const c of Object.values(CLAIM_SETTINGS)) expected[c.envVar] = c.cognito;
      // ...and that a Cognito token must be an ID token.
      expected[TOKEN_USE_ENV] = 'id';
    }
    for (const m of [...decl.starts, ...(decl.observes ?? [])]) {
      const md = stateMachines.find((x) => x.id === m);
      expect(md, `state machine ${m} is declared`).toBeDefined();
      if (md) expected[md.arnEnvVar] = { Ref: logicalIdOf(s, machinePath(m)) };
    }
    // The buses it publishes to, by name (infra/resources/buses.ts).
    for (const b of decl.publishes ?? []) {
      const bd = buses.find((x) => x.id === b);
      expect(bd, `bus ${b} is declared`).toBeDefined();
      if (bd) expected[bd.envVar] = { Ref: logicalIdOf(s, b) };
    }
    // The buckets it is granted: their names (infra/resources/buckets.ts).
    for (const b of buckets)
      if (b.grants.some((g) => g.function === id))
        expected[b.envVar] = { Ref: logicalIdOf(s, `${b.logicalId}/Bucket`) };
    // The reconciler's configuration changes with any ASL file: the after-deploy trigger runs again.
    if (id === 'Reconcile') expected[DEFINITIONS_VERSION_ENV] = definitionsVersion(stateMachines);
    // Continue-as-new: the deployed definitions' hashes and the production hand-over limits.
    for (const m of decl.continues ?? []) {
      const md = stateMachines.find((x) => x.id === m);
      if (md?.definitionHashEnvVar)
        expected[md.definitionHashEnvVar] = definitionHash(readFileSync(join(projectRoot, md.file), 'utf8'));
    }
    if (decl.continues?.length) {
      expected[HAND_OVER_ENV.afterDays] = '300';
      expected[HAND_OVER_ENV.afterEvents] = '10000';
    }
    expect(env).toEqual(expected);
  });

  it('holds the ARN of the machines it starts or observes only, never of one it merely signals', () => {
    const env = (props.Environment as { Variables: Record<string, unknown> }).Variables;
    for (const m of stateMachines) {
      if (decl.starts.includes(m.id) || decl.observes?.includes(m.id))
        expect(env[m.arnEnvVar]).toEqual({ Ref: logicalIdOf(s, machinePath(m.id)) });
      else expect(env).not.toHaveProperty(m.arnEnvVar);
    }
  });

  it('may use data of exactly the declared tables, with exactly the actions of its declared access', () => {
    const role = logicalIdOf(s, `${id}Role`);
    expect(resource(role).Properties).not.toHaveProperty('ManagedPolicyArns');
    const statements = statementsOfRole(s.json, role);
    const dynamo = statements.filter((st) => asArray(st.Action).some((a) => a.startsWith('dynamodb:')));
    const touched = new Set(dynamo.flatMap((st) => [...referencedLogicalIds(st.Resource)]));
    expect([...touched].sort()).toEqual(decl.tables.map((t) => logicalIdOf(s, t)).sort());
    const actions = new Set(dynamo.flatMap((st) => asArray(st.Action)));
    expect([...actions].sort()).toEqual([...TABLE_ACTIONS[decl.access]].sort());
    if (decl.access === 'read') {
      expect([...actions].filter((a) => /Put|Update|Delete|Write|ConditionCheck/.test(a))).toEqual([]);
    }
    expect([...actions].filter((a) => /Create|Delete(Table|Backup)|UpdateTable/.test(a))).toEqual([]);
  });

  it('may start, describe and stop executions of exactly the machines it starts', () => {
    const role = logicalIdOf(s, `${id}Role`);
    // Statements on the machines it continues (hand-overs) are checked in continuation.test.ts.
    const continued = new Set((decl.continues ?? []).map((m) => logicalIdOf(s, machinePath(m))));
    const states = statementsOfRole(s.json, role).filter(
      (st) =>
        asArray(st.Action).some((a) => a.startsWith('states:')) &&
        ![...referencedLogicalIds(st.Resource)].some((r) => continued.has(r)),
    );
    const targetsOf = (pred: (st: PolicyStatementJson) => boolean) =>
      [...new Set(states.filter(pred).flatMap((st) => [...referencedLogicalIds(st.Resource)]))].sort();
    const starts = decl.starts.map((m) => logicalIdOf(s, machinePath(m))).sort();
    expect(targetsOf((st) => asArray(st.Action).includes('states:StartExecution'))).toEqual(starts);
    // Observers (the operations routes) read executions and their history, and change nothing.
    const observes = (decl.observes ?? []).map((m) => logicalIdOf(s, machinePath(m))).sort();
    const reading = states.filter((st) => asArray(st.Action).includes('states:GetExecutionHistory'));
    expect(targetsOf((st) => reading.includes(st))).toEqual(observes);
    for (const st of reading) {
      expect(asArray(st.Action).sort()).toEqual(['states:DescribeExecution', 'states:GetExecutionHistory']);
      expect(JSON.stringify(st.Resource)).toContain(':execution:');
    }
    const onExecutions = states.filter((st) => asArray(st.Action).includes('states:StopExecution'));
    expect(targetsOf((st) => onExecutions.includes(st))).toEqual(starts);
    for (const st of onExecutions) {
      expect(asArray(st.Action).sort()).toEqual(['states:DescribeExecution', 'states:StopExecution']);
      expect(JSON.stringify(st.Resource)).toContain(':execution:');
    }
    const actions = new Set(states.flatMap((st) => asArray(st.Action)));
    const allowed = [
      'states:StartExecution',
      'states:DescribeExecution',
      ...(observes.length ? ['states:GetExecutionHistory'] : []),
      'states:StopExecution',
      'states:SendTaskSuccess',
      'states:SendTaskFailure',
      'states:SendTaskHeartbeat',
    ];
    expect([...actions].filter((a) => !allowed.includes(a))).toEqual([]);
  });

  it('may signal (SendTask*) exactly the machines it signals, through a policy the function does not depend on', () => {
    const role = logicalIdOf(s, `${id}Role`);
    const sendTask = ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'];
    const policies = resourcesOfType(s.json, 'AWS::IAM::Policy').filter(([, p]) =>
      JSON.stringify(p.Properties?.Roles).includes(`"Ref":"${role}"`),
    );
    const signalling = policies.flatMap(([policyId, p]) =>
      (
        p.Properties as { PolicyDocument: { Statement: PolicyStatementJson[] } }
      ).PolicyDocument.Statement.filter((st) =>
        asArray(st.Action).some((a) => a.startsWith('states:SendTask')),
      ).map((st) => ({ policyId, st })),
    );
    const targets = new Set(signalling.flatMap(({ st }) => [...referencedLogicalIds(st.Resource)]));
    expect([...targets].sort()).toEqual(decl.signals.map((m) => logicalIdOf(s, machinePath(m))).sort());
    const dependsOn = asArray(fn.DependsOn ?? []);
    // A machine it also continues (hands over) may be started in the same statement.
    const withStart = decl.continues?.length ? ['states:StartExecution'] : [];
    for (const { policyId, st } of signalling) {
      expect(asArray(st.Action).sort()).toEqual([...sendTask, ...withStart].sort());
      expect(dependsOn).not.toContain(policyId);
    }
  });

  it('is bundled by esbuild as a minified ESM file with a source map', () => {
    const code = props.Code as { S3Key: string };
    const dir = join(s.assembly.directory, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
    expect(existsSync(join(dir, 'index.mjs')), `${dir}/index.mjs`).toBe(true);
    expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
    const bundle = readFileSync(join(dir, 'index.mjs'), 'utf8');
    // An ES module that exports the handler by name.
    expect(bundle).toMatch(new RegExp(`export\\s*\\{[^}]*\\b${decl.handler}\\b[^}]*\\}`));
    expect(bundle).toContain('sourceMappingURL=index.mjs.map');
    // @aws-sdk/* stays external (the runtime provides it): no SDK source in the bundle.
    const map = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')) as { sources: string[] };
    expect(map.sources.length).toBeGreaterThan(0);
    expect(map.sources.filter((src) => src.includes('node_modules/@aws-sdk/'))).toEqual([]);
  });

  const maxBytes = decl.maxBundleBytes ?? DEFAULT_MAX_BUNDLE_BYTES;
  it(`is lean: at most ${maxBytes / 1000} kB minified, zod without its other locales, no OpenAPI generator`, () => {
    const dir = assetDir(props);
    expect(statSync(join(dir, 'index.mjs')).size).toBeLessThanOrEqual(maxBytes);
    // Only the Documents function carries the heavy file libraries, and no API function does.
    const { sources: all } = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')) as {
      sources: string[];
    };
    const heavy = all.some((src) => /node_modules\/(exceljs|pdfkit|fontkit)\//.test(src));
    expect(heavy, 'exceljs/pdfkit in the bundle').toBe(decl.maxBundleBytes !== undefined);
    const { sources } = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')) as { sources: string[] };
    expect(sources.filter((src) => /node_modules\/zod\/.*locales\/(?!en\.js)/.test(src))).toEqual([]);
    expect(
      sources.filter((src) => src.includes('zod-to-openapi') || src.endsWith('api/contract.ts')),
    ).toEqual([]);
  });

  it('imports the SES, EventBridge and S3 clients at their first use, not at a cold start', () => {
    // Each is a sixth or more of a cold start, and most invocations send no e-mail, find no
    // event to publish and touch no evidence file (functions/app/delivery.ts, relay.ts, storage.ts).
    const bundle = readFileSync(join(assetDir(props), 'index.mjs'), 'utf8');
    const lazy =
      /(?:from\s*|import\s*)["']@aws-sdk\/(?:client-(?:sesv2|eventbridge|s3)|s3-presigned-post|s3-request-presigner)["']/g;
    expect(bundle.match(lazy) ?? []).toEqual([]);
  });

  it('carries zod/mini, not zod classic (a sixth of a cold start before its first schema)', () => {
    // ARCHITECTURE.md, 2026-12-04 "The runtime schemas are zod/mini": classic's constructors are
    // named without "Mini" (`$constructor("ZodString", …)`); only the build-time OpenAPI
    // generator (functions/api/openapi.ts) may use classic.
    const bundle = readFileSync(join(assetDir(props), 'index.mjs'), 'utf8');
    expect(bundle).toMatch(/["']ZodMiniObject["']/);
    expect(bundle.match(/["']Zod(?:String|Object|Number|Union|Optional)["']/g) ?? []).toEqual([]);
  });

  it('has no require(): no CommonJS dependency calls one (such a package is a lazy package)', () => {
    // esbuild turns a bundled CommonJS require() of a built-in into its `__require`, which
    // throws "Dynamic require … is not supported" unless the bundle defines `require`
    // (REQUIRE_BANNER, which loads node:module at every cold start): a package that needs it
    // is a lazy package, whose own file has the banner.
    const bundle = readFileSync(join(assetDir(props), 'index.mjs'), 'utf8');
    const callsRequire = bundle.includes('typeof require<"u"?require');
    const hasShim = bundle.startsWith(REQUIRE_BANNER);
    expect({ callsRequire, hasShim }).toEqual({
      callsRequire: false,
      hasShim: false,
    });
  });

  it('takes node:http by require, not by an ES import (which loads undici at a cold start)', () => {
    // Node.js builds the ES facade of a built-in by reading every export, and http's lazy getters
    // load undici and zlib: about 20 ms of a cold start for @middy/util's status texts
    // (functions/lib/node-http.ts, BUNDLE_ALIASES).
    const bundle = readFileSync(join(assetDir(props), 'index.mjs'), 'utf8');
    expect(bundle.match(/(?:from\s*|import\s*\(?\s*)["'](?:node:)?http["']/g) ?? []).toEqual([]);
  });

  it('loads in a fresh Node.js process, building few zod schemas, and, an API function, answers an unknown route with its 404', () => {
    // The local system runs the sources (tsx), not the bundles: this is where a bundle that
    // tree-shaking or a lazy import broke shows before AWS does. Copied under node_modules so
    // that `@aws-sdk/*` resolves as on the runtime, which provides it.
    const dir = join(projectRoot, 'node_modules', '.cache', 'bundle-load', id);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(assetDir(props), dir, { recursive: true });
    const api = routes.some((r) => r.function === id);
    const script = `
      // Counts the zod schemas built while the bundle loads, through zod's internal hook for
      // each new instance (zod/v4/core/core.js \`postProcessor\`, read at every construction).
      let schemas = 0;
      globalThis.__zod_globalConfig = { postProcessor: () => { schemas++; } };
      const m = await import(process.argv[1]);
      const built = schemas;
      const handler = m[process.argv[2]];
      if (typeof handler !== 'function') throw new Error('no handler ' + process.argv[2]);
      const context = { functionName: 'f', functionVersion: '1', memoryLimitInMB: '512',
        invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:f', awsRequestId: 'r',
        getRemainingTimeInMillis: () => 10000 };
      const event = { version: '2.0', routeKey: 'GET /v1/no-such-route', rawPath: '/v1/no-such-route',
        rawQueryString: '', headers: {}, isBase64Encoded: false,
        requestContext: { http: { method: 'GET', path: '/v1/no-such-route', sourceIp: '127.0.0.1' },
          requestId: 'r', routeKey: 'GET /v1/no-such-route', stage: '$default' } };
      const answer = process.argv[3] === 'api' ? await handler(event, context) : null;
      // WorkflowStep: a step it cannot read fails with a stack in source terms, read from the
      // map beside the bundle (functions/lib/source-stacks.ts), as the runtime and the logs get it.
      const stack = process.argv[4] === 'WorkflowStep'
        ? await handler({ action: 'no-such-step' }, context).then(() => 'answered', (e) => e.stack) : null;
      // Documents: an XLSX template, through exceljs, which the bundle loads at its first use.
      const path = '/v1/imports/templates/items';
      const key = 'GET /v1/imports/templates/{sheet}';
      const sheet = process.argv[4] === 'Documents' ? await handler({ ...event, routeKey: key,
        rawPath: path, rawQueryString: 'format=xlsx', queryStringParameters: { format: 'xlsx' },
        pathParameters: { sheet: 'items' },
        requestContext: { ...event.requestContext, routeKey: key,
          http: { ...event.requestContext.http, path },
          authorizer: { jwt: { claims: { sub: 'office-1', token_use: 'id', 'cognito:groups': '[office]' } } } } },
        context) : null;
      const xlsx = sheet && { statusCode: sheet.statusCode, zip: Buffer.from(sheet.body, sheet.isBase64Encoded ? 'base64' : 'utf8').subarray(0, 2).toString('latin1') };
      console.log(JSON.stringify({ built, answer, xlsx, stack }));`;
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', script, join(dir, 'index.mjs'), decl.handler, api ? 'api' : 'other', id],
      {
        env: {
          PATH: process.env.PATH ?? '',
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          POWERTOOLS_LOG_LEVEL: 'SILENT',
          ...Object.fromEntries(tables.map((t) => [t.envVar, 'table'])),
        },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const { built, answer, xlsx, stack } = JSON.parse(out.trim().split('\n').at(-1) ?? 'null') as {
      built: number;
      answer: { statusCode: number; body: string } | null;
      xlsx: { statusCode: number; zip: string } | null;
      stack: string | null;
    };
    if (id === 'Documents') expect(xlsx).toEqual({ statusCode: 200, zip: 'PK' });
    if (id === 'WorkflowStep') {
      expect(stack).toMatch(/\n {4}at step \(functions\/handlers\/workflow\.ts:\d+:\d+\)\n/);
    }
    // Object fields build their schemas at first use (functions/domain/model.ts): a cold start
    // builds what its request needs, not every entity (ApiWrite built 1,092 before, ApiRead 714).
    expect(built, 'zod schemas built at import').toBeGreaterThan(0);
    expect(built, 'zod schemas built at import').toBeLessThanOrEqual(SCHEMAS_AT_IMPORT[id] ?? 0);
    if (!api) expect(answer).toBeNull();
    else {
      expect(answer?.statusCode).toBe(404);
      expect(JSON.parse(answer?.body ?? '{}')).toMatchObject({ error: { code: 'route.not_found' } });
    }
  });

  it('carries its lazy packages beside the bundle, not in it, where the bundle resolves them', () => {
    const dir = assetDir(props);
    const bundle = readFileSync(join(dir, 'index.mjs'), 'utf8');
    for (const name of Object.keys(decl.lazyPackages ?? {})) {
      expect(bundle, name).toContain(`import("${name}")`);
      expect(bundle, name).not.toMatch(new RegExp(`from\\s*"${name}"`));
      // Resolved from the bundle's own folder: the asset's file, not the project's package.
      expect(createRequire(join(dir, 'index.mjs')).resolve(name), name).toBe(
        join(dir, lazyPackageFile(name)),
      );
    }
    if (!decl.lazyPackages)
      expect(existsSync(join(dir, 'node_modules')), 'node_modules beside the bundle').toBe(false);
    // Each file answers what the function reads of the package: its default export, as
    // Node.js gives it, or the ES module's own exports (compared in a fresh process).
    const shape = `const m = await import(process.argv[1]);
      const v = process.argv[2] === 'default' ? { default: m.default } : m;
      const keys = (x) => (typeof x === 'function' || (typeof x === 'object' && x) ? Object.keys(x).sort() : []);
      console.log(JSON.stringify(Object.entries(v).map(([k, x]) => [k, typeof x, keys(x)])));`;
    const exportsOf = (target: string, exports: string) =>
      execFileSync(process.execPath, ['--input-type=module', '-e', shape, target, exports], {
        encoding: 'utf8',
        cwd: projectRoot,
      }).trim();
    for (const [name, exports] of Object.entries(decl.lazyPackages ?? {})) {
      const file = pathToFileURL(join(dir, lazyPackageFile(name))).href;
      expect(exportsOf(file, exports), name).toBe(exportsOf(name, exports));
    }
  });

  if (decl.lazyPackages?.pdfkit)
    it('prints with the pdfkit file beside the bundle and the font it carries', () => {
      // The XLSX template above runs exceljs's file; pdfkit's is run here, in a fresh process.
      const dir = assetDir(props);
      const script = `
        const { default: PDFDocument } = await import(process.argv[1]);
        const { readFileSync } = await import('node:fs');
        const doc = new PDFDocument({ font: readFileSync(process.argv[2]) });
        const chunks = [];
        doc.on('data', (c) => chunks.push(c));
        const done = new Promise((r) => doc.on('end', r));
        doc.text('福田令〔2022〕1号').end();
        await done;
        console.log(Buffer.concat(chunks).subarray(0, 5).toString('latin1'));`;
      const out = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          script,
          join(dir, lazyPackageFile('pdfkit')),
          join(dir, ORDER_FONT_FILE),
        ],
        { encoding: 'utf8', cwd: dir, env: { PATH: process.env.PATH ?? '' } },
      );
      expect(out.trim()).toBe('%PDF-');
    });

  it('carries the files it declares beside its bundle (the printed orders’ font), byte for byte', () => {
    for (const [name, from] of Object.entries(decl.copies ?? {})) {
      const copied = readFileSync(join(assetDir(props), name));
      expect(copied.equals(readFileSync(join(projectRoot, 'node_modules', from))), name).toBe(true);
      // The chinese-simplified slice of Noto Sans SC: 1.5 MB, not the 10 MB of the whole font.
      expect(copied.length, name).toBeLessThan(2_000_000);
    }
  });

  it('carries the OpenAPI document generated at build time beside its bundle if it serves it', () => {
    const file = join(assetDir(props), OPENAPI_FILE);
    if (routes.some((r) => r.function === id && r.operationId === 'openapi')) {
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(
        JSON.parse(JSON.stringify(buildOpenApiDocument())),
      );
    } else {
      expect(existsSync(file)).toBe(false);
    }
  });
});

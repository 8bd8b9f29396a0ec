/**
 * OneListFunction: one Lambda function of One List, as declared in
 * `infra/resources/functions.ts`. It owns everything every function of the system shares
 * (runtime, architecture, tracing, logging, bundling, environment conventions, least-privilege
 * execution role) so that the stack only says *which* functions exist and *what* they touch.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IStateMachine, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { type BuildOptions, buildSync } from 'esbuild';
import {
  type LazyExports,
  TABLE_ACTIONS,
  type TableAccess as TableAccessLevel,
} from '../resources/functions.ts';
import { projectRoot as defaultProjectRoot } from '../resources/project-root.ts';
import { acknowledge, acknowledgeWildcardResource } from './nag.ts';

/**
 * Modules the bundles take from elsewhere: `node:http` from a module that reads it with
 * `process.getBuiltinModule`, since an ES import of it loads undici at every cold start
 * (functions/lib/node-http.ts).
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  'node:http': join(defaultProjectRoot, 'functions', 'lib', 'node-http.ts'),
};

/**
 * Injected into every function bundle: stack traces in source terms, the source map read at
 * the first stack a process formats (functions/lib/source-stacks.ts), not at the cold start
 * as `NODE_OPTIONS=--enable-source-maps` reads it (ARCHITECTURE.md, 2026-12-05).
 */
export const SOURCE_STACKS = join(defaultProjectRoot, 'functions', 'lib', 'source-stacks.ts');

/**
 * The esbuild options of every function (bench/bundles.ts builds with the very same ones):
 * local esbuild, an ESM bundle for Node.js 24, minified, with a source map without the sources
 * (read by the injected `SOURCE_STACKS` at the first stack trace), `@aws-sdk/*` left to the
 * Lambda runtime (decided on measured cold starts, ARCHITECTURE.md).
 */
export const BUNDLING = {
  // Local esbuild from node_modules; never Docker (synthesis must work offline).
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  target: 'node24',
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  inject: [SOURCE_STACKS],
  // Chinese text as UTF-8, not \uXXXX escapes (a CJK character is 3 bytes, not 6), and no
  // licence comments in the bundle (they stay in node_modules): about 2.3 kB of ApiWrite.
  charset: Charset.UTF8,
  esbuildArgs: {
    '--legal-comments': 'none',
    ...Object.fromEntries(Object.entries(BUNDLE_ALIASES).map(([from, to]) => [`--alias:${from}`, to])),
  },
  // The Node.js 24 runtime ships AWS SDK for JavaScript v3.
  externalModules: ['@aws-sdk/*'],
} satisfies BundlingOptions;

/**
 * The same options in esbuild's own terms, for what is built with esbuild directly: the lazy
 * packages' files (below) and the benchmark's bundles (bench/bundles.ts).
 */
export const ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: BUNDLING.target,
  mainFields: BUNDLING.mainFields,
  minify: BUNDLING.minify,
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'error',
} as const satisfies BuildOptions;

/**
 * The `require` of a file whose CommonJS code calls require() for Node.js built-ins: the lazy
 * packages' files (exceljs, pdfkit's fontkit). No function bundle has it: it loads
 * `node:module` at each cold start, about 3% of the floor, and none needs it (the infra test
 * fails a bundle that would; ARCHITECTURE.md, 2026-12-04 "Heavy packages beside the bundle").
 */
export const REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * A lazy package is a module a function imports at its first use (`await import('exceljs')`),
 * built into a file of its own beside the bundle, under `node_modules/`, where Node.js resolves
 * the bundle's `import('<specifier>')`. A cold start then neither compiles nor loads it: Node.js
 * compiles a module's whole source when it loads it, so a package kept for later inside the
 * bundle still cost every cold start its compilation (Documents: exceljs and pdfkit were 2.0 of
 * its 2.2 MB; ARCHITECTURE.md, 2026-12-04 "Heavy packages beside the bundle"). What the file
 * exports: `LazyExports`.
 */
const SPECIFIER = /^((?:@[\w.-]+\/)?[\w.-]+)(?:\/([\w.-]+))?$/;

/** Where a lazy module's file lies in a function's asset, relative to the bundle. */
export function lazyPackageFile(specifier: string): string {
  const m = SPECIFIER.exec(specifier);
  if (!m?.[1]) throw new Error(`lazy package "${specifier}" is not a package name or one of its subpaths`);
  return join('node_modules', m[1], `${m[2] ?? 'index'}.mjs`);
}

/**
 * Builds each lazy module's file, and each package's package.json that points Node.js at them
 * (`exports`), under `outDir`. Returns the files, relative to `outDir`.
 */
export function buildLazyPackages(
  modules: Readonly<Record<string, LazyExports>>,
  projectRoot: string,
  outDir: string,
): string[] {
  const packages = new Map<string, Record<string, string>>();
  const files: string[] = [];
  for (const [specifier, exports] of Object.entries(modules)) {
    const file = lazyPackageFile(specifier);
    const [, name = '', subpath] = SPECIFIER.exec(specifier) ?? [];
    buildSync({
      stdin: {
        contents:
          exports === 'default' ? `export { default } from '${specifier}';` : `export * from '${specifier}';`,
        resolveDir: projectRoot,
        sourcefile: 'lazy.mjs',
      },
      ...ESBUILD_OPTIONS,
      outfile: join(outDir, file),
      // CommonJS packages among them (exceljs, pdfkit's fontkit) call require() for built-ins.
      banner: { js: REQUIRE_BANNER },
      external: BUNDLING.externalModules,
    });
    files.push(file);
    packages.set(name, {
      ...packages.get(name),
      [subpath ? `./${subpath}` : '.']: `./${subpath ?? 'index'}.mjs`,
    });
  }
  for (const [name, exports] of packages) {
    const manifest = join('node_modules', name, 'package.json');
    writeFileSync(
      join(outDir, manifest),
      `${JSON.stringify({ name, private: true, type: 'module', exports })}\n`,
    );
    files.push(manifest);
  }
  return files;
}

/** Writes each file to a staging directory, whence the bundling step copies it beside the bundle. */
function stageFiles(files: Readonly<Record<string, string>>): { name: string; path: string }[] {
  const names = Object.keys(files);
  if (names.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'one-list-files-'));
  return names.map((name) => {
    if (!/^[\w.-]+$/.test(name)) throw new Error(`OneListFunction: file name "${name}" must be a plain name`);
    const path = join(dir, name);
    writeFileSync(path, files[name] ?? '');
    return { name, path };
  });
}

/** The Lambda runtime of every One List function. */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;

/** A table a function uses, how, and the variable through which it learns its name. */
export interface TableAccess {
  readonly table: ITable;
  /** Environment variable set to the table's physical name (`TableDeclaration.envVar`). */
  readonly envVar: string;
  /** @default 'readwrite' */
  readonly access?: TableAccessLevel;
}

/**
 * Grants `access` to the data of `table` and its indexes: exactly the actions of
 * `TABLE_ACTIONS` (never Scan, never table management). CDK's `grantReadData` /
 * `grantReadWriteData` include `dynamodb:Scan` (and stream reads), so they are not used.
 */
export function grantTableData(grantee: IGrantable, table: ITable, access: TableAccessLevel): void {
  Grant.addToPrincipal({
    grantee,
    actions: [...TABLE_ACTIONS[access]],
    resourceArns: [table.tableArn, `${table.tableArn}/index/*`],
  });
}

export interface OneListFunctionProps {
  /** Handler source file, absolute or relative to `projectRoot`. It must exist. */
  readonly entry: string;
  /**
   * Exported handler name.
   * @default 'handler'
   */
  readonly handler?: string;
  /** @default - no description */
  readonly description?: string;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /**
   * Tables the function uses: each gets a *data* grant of its `access` (no Scan, no table
   * management) and `envVar` → physical table name in the environment.
   * @default - no table
   */
  readonly tables?: readonly TableAccess[];
  /**
   * `POWERTOOLS_SERVICE_NAME` for the Powertools logger and tracer.
   * @default 'one-list'
   */
  readonly serviceName?: string;
  /**
   * Further environment variables (applied last).
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
  /**
   * Files written beside the bundle (`index.mjs`), by name: their contents. The API function
   * that serves GET /v1/openapi.json gets the document generated at build time this way.
   * @default - none
   */
  readonly files?: Readonly<Record<string, string>>;
  /**
   * Files copied beside the bundle, by name: their absolute source path (binary files, e.g. a font).
   * @default - none
   */
  readonly copies?: Readonly<Record<string, string>>;
  /**
   * Packages the function imports at their first use, each built beside the bundle
   * (`lazyPackageFile`) and left out of it.
   * @default - none
   */
  readonly lazyPackages?: Readonly<Record<string, LazyExports>>;
  /**
   * Root of the npm project (where package-lock.json and tsconfig.json are).
   * @default - the repository root
   */
  readonly projectRoot?: string;
}

/**
 * A NodejsFunction with the One List defaults: Node.js 24 on ARM64, X-Ray active tracing,
 * its own log group (JSON log format, fixed retention), a source map beside the bundle that
 * its stack traces read at their first use (`SOURCE_STACKS`), esbuild ESM bundle, minified,
 * `@aws-sdk/*` left to the runtime, and an execution role that holds only what is granted here (no
 * AWSLambdaBasicExecutionRole: the role may write to this function's log group only).
 *
 * The log group and role are created next to the function (ids `<id>LogGroup`, `<id>Role`)
 * because a subclass cannot create children before `super()`.
 */
export class OneListFunction extends NodejsFunction {
  /** The execution role (also `this.role`), typed as the concrete Role. */
  public readonly executionRole: Role;
  /** The function's own log group (also `this.logGroup`). */
  public readonly functionLogGroup: LogGroup;
  private signalPolicy: Policy | undefined;

  constructor(scope: Construct, id: string, props: OneListFunctionProps) {
    const root = props.projectRoot ?? defaultProjectRoot;
    const entry = isAbsolute(props.entry) ? props.entry : join(root, props.entry);
    if (!existsSync(entry)) {
      throw new Error(
        `OneListFunction ${id}: entry file "${props.entry}" does not exist (looked for ${entry}). ` +
          'It is declared in infra/resources/functions.ts: write the handler or remove the declaration.',
      );
    }

    const logGroup = new LogGroup(scope, `${id}LogGroup`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${id} function`,
    });

    const tables = props.tables ?? [];
    // No NODE_OPTIONS=--enable-source-maps: the bundle maps its stacks itself (SOURCE_STACKS).
    const environment: Record<string, string> = {
      POWERTOOLS_SERVICE_NAME: props.serviceName ?? 'one-list',
    };
    for (const { table, envVar } of tables) environment[envVar] = table.tableName;
    Object.assign(environment, props.environment);
    const lazy = Object.keys(props.lazyPackages ?? {});
    const lazyDir = lazy.length > 0 ? mkdtempSync(join(tmpdir(), 'one-list-lazy-')) : '';
    const staged = [
      ...stageFiles(props.files ?? {}),
      ...buildLazyPackages(props.lazyPackages ?? {}, root, lazyDir).map((file) => ({
        name: file,
        path: join(lazyDir, file),
      })),
      ...Object.entries(props.copies ?? {}).map(([name, path]) => {
        if (!/^[\w.-]+$/.test(name))
          throw new Error(`OneListFunction: file name "${name}" must be a plain name`);
        if (!existsSync(path)) throw new Error(`OneListFunction ${id}: no file ${path} to copy as ${name}`);
        return { name, path };
      }),
    ];

    super(scope, id, {
      entry,
      handler: props.handler ?? 'handler',
      projectRoot: root,
      depsLockFilePath: join(root, 'package-lock.json'),
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      timeout: props.timeout ?? Duration.seconds(30),
      memorySize: props.memorySize ?? 512,
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment,
      bundling: {
        ...BUNDLING,
        ...(lazy.length > 0 ? { externalModules: [...BUNDLING.externalModules, ...lazy] } : {}),
        ...(staged.length > 0
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_input: string, output: string) =>
                  staged.map(({ name, path }) => {
                    const to = join(output, name);
                    const cp = `cp ${JSON.stringify(path)} ${JSON.stringify(to)}`;
                    return name.includes('/') ? `mkdir -p ${JSON.stringify(dirname(to))} && ${cp}` : cp;
                  }),
              },
            }
          : {}),
      },
    });
    this.executionRole = role;
    this.functionLogGroup = logGroup;

    logGroup.grantWrite(role);
    acknowledge(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions (resource must be "*").',
    );
    for (const { table, access } of tables) {
      grantTableData(role, table, access ?? 'readwrite');
      acknowledgeWildcardResource(
        role,
        `${table.tableArn}/index/*`,
        'The data grant on a declared table covers its global secondary indexes (Query on GSIs); the wildcard is limited to indexes of that one table.',
      );
    }
  }

  /**
   * `starts`: the function starts executions of `machine` and stops and describes them. It
   * learns the machine's ARN from `envVar`, may call StartExecution on the machine and
   * DescribeExecution / StopExecution on its executions. The environment references the
   * machine, so the function is created after it: a machine that (directly or through the
   * children it starts) invokes this function cannot be started by it (the stack rejects such
   * declarations before CloudFormation would find the cycle).
   */
  public allowStartingExecutions(machine: StateMachine, envVar: string): void {
    this.addEnvironment(envVar, machine.stateMachineArn);
    this.executionRole.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['states:StartExecution'], resources: [machine.stateMachineArn] }),
    );
    const executions = Stack.of(this).formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${machine.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.executionRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['states:DescribeExecution', 'states:StopExecution'],
        resources: [executions],
      }),
    );
    acknowledgeWildcardResource(
      this.executionRole,
      executions,
      'Execution ARNs end in a per-execution name chosen at StartExecution; the wildcard covers executions of this one declared state machine only.',
    );
  }

  /**
   * `observes`: the function reads executions of `machine` (DescribeExecution,
   * GetExecutionHistory) and learns its ARN from `envVar`; it can neither start nor stop them.
   */
  public allowObservingExecutions(machine: StateMachine, envVar: string): void {
    this.addEnvironment(envVar, machine.stateMachineArn);
    const executions = Stack.of(this).formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${machine.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.executionRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['states:DescribeExecution', 'states:GetExecutionHistory'],
        resources: [executions],
      }),
    );
    acknowledgeWildcardResource(
      this.executionRole,
      executions,
      'Execution ARNs end in a per-execution name chosen at StartExecution; the wildcard covers executions of this one declared state machine only (read-only).',
    );
  }

  /**
   * `signals`: the function resumes tasks of `machines` that wait for a task token
   * (SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat). No ARN in the environment: the
   * token identifies the execution.
   *
   * Circular dependency: a state machine that invokes this function references it (its
   * DefinitionSubstitutions and its role's lambda:InvokeFunction), and this grant references the
   * machine. CDK makes the function resource depend on its execution role *and everything under
   * it*, so the grant cannot go into the role's default policy (function → role policy → machine →
   * function). It goes into a separate AWS::IAM::Policy attached to the role, on which nothing
   * depends: role ← function ← machine ← this policy → role. The statement stays scoped to the
   * machines' ARNs (SendTask* accepts the stateMachine resource type, as CDK's
   * `grantTaskResponse` does). The price: on the very first deployment this policy is attached a
   * few seconds after the machines exist, before any execution can have reached a task that
   * waits for this function's signal.
   */
  /**
   * `continues`: executions of `machine` hand over to their next generation through this
   * function (continue-as-new), which starts it on the machine the execution names
   * (`$$.StateMachine.Id`) and, when the name exists, asks whether it runs. In the policy the
   * function does not depend on: the machine invokes the function, so it is created after it.
   */
  public allowContinuing(machine: StateMachine): void {
    this.signalPolicy ??= new Policy(this, 'StateMachineSignals', { roles: [this.executionRole] });
    const executions = Stack.of(this).formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${machine.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.signalPolicy.addStatements(
      new PolicyStatement({ actions: ['states:StartExecution'], resources: [machine.stateMachineArn] }),
      new PolicyStatement({ actions: ['states:DescribeExecution'], resources: [executions] }),
    );
    acknowledgeWildcardResource(
      this.signalPolicy,
      executions,
      'Execution ARNs end in a per-execution name chosen at StartExecution; the wildcard covers executions of this one declared state machine only (DescribeExecution of a hand-over that found its name taken).',
    );
  }

  public allowSignalling(machines: readonly IStateMachine[]): void {
    if (machines.length === 0) return;
    if (!this.signalPolicy) {
      this.signalPolicy = new Policy(this, 'StateMachineSignals', { roles: [this.executionRole] });
    }
    this.signalPolicy.addStatements(
      new PolicyStatement({
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
        resources: machines.map((m) => m.stateMachineArn),
      }),
    );
  }
}

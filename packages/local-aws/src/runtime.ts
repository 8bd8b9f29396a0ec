/**
 * The whole system on one machine: DynamoDB Local, the declared tables, the local Step
 * Functions engine running the very ASL files CDK deploys, the declared functions, the
 * scheduler and (optionally) the gateway, all wired through the same environment variables
 * the Lambda functions get on AWS (`AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_SFN`, table
 * names, machine ARNs). `startLocalRuntime(declarations, options)` is the package's entry point.
 */
import { createHash } from 'node:crypto';
import { existsSync, type FSWatcher, readFileSync, watch } from 'node:fs';
import { basename, join } from 'node:path';
import {
  type FunctionSpec,
  handlerOf,
  type LocalDeclarations,
  type StateMachineSpec,
  type SubstitutionSpec,
} from './declarations.ts';
import {
  createTables,
  type DynamoDbExit,
  type DynamoDbInstall,
  type DynamoDbLocal,
  startDynamoDbLocal,
} from './dynamodb.ts';
import { type Gateway, type GatewayOptions, startGateway } from './gateway.ts';
import {
  LOCAL_ACCOUNT,
  LOCAL_PARTITION,
  LOCAL_REGION,
  localFunctionArn,
  localStateMachineArn,
} from './ids.ts';
import { type LocalSchedule, localSchedules, startScheduler } from './scheduler.ts';
import { type Clock, EngineClock } from './sfn/clock.ts';
import { LocalStepFunctions } from './sfn/engine.ts';
import { loadDefinition } from './sfn/load.ts';
import { startSfnServer } from './sfn/server.ts';

/** A Standard execution's maximum duration: one year. */
export const STANDARD_EXECUTION_LIFETIME_SECONDS = 365 * 24 * 3600;

/** What an extra emulator gets from the runtime when it starts (after DynamoDB and Step Functions). */
export interface LocalServiceContext {
  readonly declarations: LocalDeclarations;
  readonly clock: EngineClock;
  readonly engine: LocalStepFunctions;
  /** The environment so far (endpoints, table names, machine ARNs). */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * An extra emulator started and stopped with the runtime (an S3, SES or EventBridge stand-in):
 * its `env` (e.g. `AWS_ENDPOINT_URL_S3`, a bucket name) joins the runtime's environment before
 * the handlers' clients are made.
 */
export interface LocalService {
  readonly name: string;
  readonly env?: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export type LocalServiceFactory = (context: LocalServiceContext) => Promise<LocalService>;

/** The product's process-wide state the runtime must set: its clock, its SDK clients. */
export interface RuntimeHooks {
  /** The runtime's clock (undefined on stop): the application's "now" follows the engine's. */
  readonly clock?: (clock: Clock | undefined) => void;
  /** The environment has been set in `process.env`: clients made for an earlier one are stale. */
  readonly environment?: (env: Readonly<Record<string, string>>) => void;
}

export interface RuntimeOptions {
  /** Where the DynamoDB Local jar lives (and how to fetch it); needed unless `dynamoDbEndpoint` is given. */
  readonly dynamoDbInstall?: DynamoDbInstall;
  /** Folder for DynamoDB Local's files; omitted: in memory. */
  readonly dbPath?: string;
  /** An already running DynamoDB Local (tests share one). */
  readonly dynamoDbEndpoint?: string;
  readonly tablePrefix?: string;
  /** Virtual ms per real ms for workflows and commands. @default 1 */
  readonly timeScale?: number;
  /** Virtual time at start. @default now */
  readonly origin?: Date;
  readonly sfnPort?: number;
  /** Run the declared schedules on the local scheduler. @default false */
  readonly schedules?: boolean | { readonly tickMs?: number };
  /**
   * Overrides of declared function timeouts, by function id (tests: a short timeout makes a
   * hanging `intercept` time out quickly). @default the declared `timeoutSeconds`
   */
  readonly functionTimeoutSeconds?: Readonly<Record<string, number>>;
  /**
   * When the DynamoDB Local this runtime started exits on its own: told each event, and
   * restarted on the same port and folder (the data on disk survives; in memory it does
   * not, so by default only a runtime with `dbPath` restarts it). After `maxRestarts` exits
   * within ten minutes it gives up (`failed`).
   */
  readonly dynamoDb?: {
    readonly onEvent?: (event: DynamoDbEvent) => void;
    readonly restart?: boolean;
    readonly maxRestarts?: number;
  };
  /**
   * The longest an execution may run, in seconds of virtual time, modelling a Standard
   * execution's one-year limit (`STANDARD_EXECUTION_LIFETIME_SECONDS`): past it the engine ends
   * the execution TIMED_OUT with `States.Timeout`. @default no bound
   */
  readonly executionLifetimeSeconds?: number;
  /** Wraps every function invocation (fault injection in tests). */
  readonly intercept?: (functionId: string, event: unknown, next: () => Promise<unknown>) => Promise<unknown>;
  readonly hooks?: RuntimeHooks;
  /** Extra emulators, started in order after the engine and stopped in reverse order. */
  readonly services?: readonly LocalServiceFactory[];
  /** Also start the gateway in front of the declared routes (closed by `stop()`). */
  readonly gateway?: GatewayOptions;
}

export type DynamoDbEvent =
  | ({ readonly type: 'exited' } & DynamoDbExit)
  | { readonly type: 'restarted'; readonly ms: number }
  | { readonly type: 'failed'; readonly reason: string };

export interface LocalRuntime {
  readonly declarations: LocalDeclarations;
  readonly clock: EngineClock;
  /** The DynamoDB Local this runtime started (undefined when given an endpoint). */
  readonly dynamoDb: DynamoDbLocal | undefined;
  readonly engine: LocalStepFunctions;
  readonly sfnEndpoint: string;
  readonly dynamoDbEndpoint: string;
  readonly env: Record<string, string>;
  /** The gateway started with `options.gateway`. */
  readonly gateway: Gateway | undefined;
  /** The extra emulators, by name. */
  readonly services: ReadonlyMap<string, LocalService>;
  /** The schedules running on the local scheduler (empty unless asked for). */
  readonly schedules: readonly LocalSchedule[];
  /** Lets the scheduler look at the clock now (after a jump), not at its next tick. */
  tickSchedules(): void;
  /**
   * Reads the declared ASL files again (or only the files given, by machine id) and registers
   * the changed ones, as a deploy does; returns the ids of the machines whose definition changed.
   */
  redeployStateMachines(files?: Readonly<Record<string, string>>): string[];
  stop(): Promise<void>;
}

function lambdaContext(fn: FunctionSpec) {
  return {
    functionName: fn.id,
    functionVersion: '$LATEST',
    invokedFunctionArn: localFunctionArn(fn.id),
    memoryLimitInMB: String(fn.memorySize ?? 512),
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/local/${fn.id}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => (fn.timeoutSeconds ?? 30) * 1000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The first 16 hex digits of the SHA-256 of the text (when the product names no function of its own). */
export const sha256Prefix = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);

function substitute(
  declarations: LocalDeclarations,
  sub: SubstitutionSpec,
  tableEnv: Record<string, string>,
  hash: string,
): string {
  if ('function' in sub) return localFunctionArn(sub.function);
  if ('stateMachine' in sub) return localStateMachineArn(sub.stateMachine);
  if ('table' in sub) {
    const decl = declarations.tables.find((t) => t.logicalId === sub.table);
    const name = decl && tableEnv[decl.envVar];
    if (!name) throw new Error(`no table declared as ${sub.table}`);
    return name;
  }
  if ('integration' in sub) return `arn:${LOCAL_PARTITION}:states:::${sub.integration}`;
  if ('definitionHash' in sub) return hash;
  return sub.value;
}

/** Notices DynamoDB Local exiting on its own, says so, and restarts it (within bounds). */
function watchDynamoDb(
  ddb: DynamoDbLocal,
  declarations: LocalDeclarations,
  options: RuntimeOptions,
  prefix: string,
): void {
  const tell =
    options.dynamoDb?.onEvent ??
    ((e: DynamoDbEvent) => console.error(`DynamoDB Local: ${JSON.stringify(e)}`));
  const restart = options.dynamoDb?.restart ?? Boolean(options.dbPath);
  const max = options.dynamoDb?.maxRestarts ?? 3;
  const exits: number[] = [];
  ddb.onUnexpectedExit((exit) => {
    tell({ type: 'exited', ...exit });
    const now = Date.now();
    exits.push(now);
    while (exits.length && exits[0]! < now - 10 * 60_000) exits.shift();
    if (!restart) {
      tell({ type: 'failed', reason: 'DynamoDB Local exited and this runtime does not restart it' });
      return;
    }
    if (exits.length > max) {
      tell({ type: 'failed', reason: `DynamoDB Local exited ${exits.length} times within ten minutes` });
      return;
    }
    const t0 = performance.now();
    void ddb
      .restart()
      .then(() => createTables(declarations.tables, ddb.endpoint, prefix))
      .then(
        () => tell({ type: 'restarted', ms: Math.round(performance.now() - t0) }),
        (err: Error) =>
          tell({ type: 'failed', reason: `DynamoDB Local did not start again: ${err.message}` }),
      );
  });
}

export async function startLocalRuntime(
  declarations: LocalDeclarations,
  options: RuntimeOptions = {},
): Promise<LocalRuntime> {
  const { functions, stateMachines } = declarations;
  const definitionHash = declarations.definitionHash ?? sha256Prefix;
  let ddb: DynamoDbLocal | undefined;
  let endpoint = options.dynamoDbEndpoint;
  if (!endpoint) {
    if (!options.dynamoDbInstall)
      throw new Error('startLocalRuntime: give dynamoDbEndpoint or dynamoDbInstall');
    ddb = await startDynamoDbLocal({
      install: options.dynamoDbInstall,
      ...(options.dbPath ? { dbPath: options.dbPath } : {}),
    });
    endpoint = ddb.endpoint;
  }
  const prefix = options.tablePrefix ?? 'local-';
  const tableEnv = await createTables(declarations.tables, endpoint, prefix);
  if (ddb) watchDynamoDb(ddb, declarations, options, prefix);

  const clock = new EngineClock({
    timeScale: options.timeScale ?? 1,
    ...(options.origin ? { origin: options.origin } : {}),
  });
  options.hooks?.clock?.(clock);

  /** Resolves a function by name or ARN to its declared handler, imported on first use. */
  const resolve = (nameOrArn: string) => {
    const id = nameOrArn.split(':').at(-1) ?? nameOrArn;
    const fn = functions.find((f) => f.id === id);
    if (!fn) return undefined;
    const call = async (event: unknown) => (await handlerOf(fn))(event, lambdaContext(fn));
    const intercept = options.intercept;
    return intercept ? (event: unknown) => intercept(fn.id, event, () => call(event)) : call;
  };

  const engine = new LocalStepFunctions({
    clock,
    functions: resolve,
    // Each function's declared timeout, as CDK configures it on AWS (30 s when undeclared).
    functionTimeoutSeconds: (name) => {
      const fn = functions.find((f) => f.id === name);
      return fn ? (options.functionTimeoutSeconds?.[fn.id] ?? fn.timeoutSeconds ?? 30) : undefined;
    },
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT,
    ...(options.executionLifetimeSeconds !== undefined
      ? { executionLifetimeSeconds: options.executionLifetimeSeconds }
      : {}),
  });
  const server = await startSfnServer(engine, options.sfnPort !== undefined ? { port: options.sfnPort } : {});

  const env: Record<string, string> = {
    ...tableEnv,
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ENDPOINT_URL_SFN: server.url,
    AWS_REGION: process.env.AWS_REGION ?? LOCAL_REGION,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
  };
  for (const sm of stateMachines) env[sm.arnEnvVar] = localStateMachineArn(sm.id);

  const services = new Map<string, LocalService>();
  const stopServices = async () => {
    for (const s of [...services.values()].reverse()) await s.stop();
    services.clear();
  };
  try {
    for (const start of options.services ?? []) {
      const service = await start({ declarations, clock, engine, env: { ...env } });
      services.set(service.name, service);
      Object.assign(env, service.env ?? {});
    }
  } catch (err) {
    await stopServices();
    await server.close();
    await ddb?.stop();
    throw err;
  }
  // The handlers run in this process: they read the same variables as on AWS. Clients made
  // for an earlier runtime of this process point elsewhere: made again on next use.
  Object.assign(process.env, env);
  options.hooks?.environment?.(env);

  /**
   * Registers each declared machine from its ASL file (or the file given for it), as a deploy
   * does: a new machine is created; a changed file updates the registered definition in place
   * (UpdateStateMachine: running executions keep theirs, as on AWS) and, like the stack, sets
   * the definition's hash in the environment the workflow function reads, so that executions
   * on the old definition hand over at their next wake-up.
   */
  const registered = new Map<string, string>();
  const register = (files?: Readonly<Record<string, string>>): string[] => {
    const changed: string[] = [];
    for (const sm of stateMachines) {
      if (files && !(sm.id in files)) continue;
      const file = files?.[sm.id] ?? sm.file;
      const hash = definitionHash(readFileSync(file, 'utf8'));
      if (registered.get(sm.id) === hash) continue;
      const subs = Object.fromEntries(
        Object.entries(sm.substitutions).map(([k, v]) => [k, substitute(declarations, v, tableEnv, hash)]),
      );
      const definition = loadDefinition(file, subs);
      if (registered.has(sm.id))
        engine.updateStateMachine({ stateMachineArn: localStateMachineArn(sm.id), definition });
      else engine.createStateMachine({ name: sm.id, definition });
      registered.set(sm.id, hash);
      if (sm.definitionHashEnvVar) {
        env[sm.definitionHashEnvVar] = hash;
        process.env[sm.definitionHashEnvVar] = hash;
      }
      changed.push(sm.id);
    }
    return changed;
  };
  register();

  const scheduler = options.schedules
    ? startScheduler(
        localSchedules(declarations.schedules ?? []),
        async (s, firedAt) => {
          if (s.function) {
            const invoke = resolve(s.function);
            if (!invoke) throw new Error(`schedule ${s.id} invokes ${s.function}, which is not declared`);
            await invoke(s.input);
            return;
          }
          await engine.startExecution({
            stateMachineArn: localStateMachineArn(s.stateMachine ?? ''),
            name: `${s.id}-${firedAt.toISOString().replace(/[:.]/g, '-')}`,
            input: JSON.stringify(s.input),
          });
        },
        clock,
        {
          ...(typeof options.schedules === 'object' && options.schedules.tickMs !== undefined
            ? { tickMs: options.schedules.tickMs }
            : {}),
          onError: (s, err) => console.error(`schedule ${s.id} failed to start: ${(err as Error).message}`),
        },
      )
    : undefined;

  const gateway = options.gateway ? await startGateway(declarations, options.gateway) : undefined;
  let stopping: Promise<void> | undefined;

  return {
    declarations,
    clock,
    dynamoDb: ddb,
    engine,
    sfnEndpoint: server.url,
    dynamoDbEndpoint: endpoint,
    env,
    gateway,
    services,
    schedules: scheduler?.schedules ?? [],
    tickSchedules: () => scheduler?.tick(),
    redeployStateMachines: (files) => register(files),
    /** Stops everything it started, once (a second call waits for the first). */
    stop() {
      stopping ??= (async () => {
        scheduler?.stop();
        await gateway?.close();
        await stopServices();
        await server.close();
        await engine.close();
        options.hooks?.clock?.(undefined);
        await ddb?.stop();
      })();
      return stopping;
    },
  };
}

/**
 * A changed ASL file in `dir` while the runtime runs is a deploy (`npm start` watches
 * `statemachines/`): each declared machine whose file (by its file name) is in `dir` is
 * registered again if it changed (UpdateStateMachine: running executions keep their
 * definition, as on AWS) and the workflow function learns the new hash, so executions move to
 * it at their next wake-up (continue-as-new). A file that does not load (half-saved, invalid)
 * is reported and the running definition kept.
 */
export function watchStateMachines(rt: LocalRuntime, dir: string, log: (line: string) => void): FSWatcher {
  const files = Object.fromEntries(
    rt.declarations.stateMachines
      .map((sm: StateMachineSpec) => [sm.id, join(dir, basename(sm.file))] as const)
      .filter(([, file]) => existsSync(file)),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const w = watch(dir, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        const changed = rt.redeployStateMachines(files);
        if (changed.length)
          log(`state machines redeployed: ${changed.join(', ')} (executions move at their next wake-up)`);
      } catch (err) {
        log(`state machine definition not redeployed: ${(err as Error).message}`);
      }
    }, 200);
  });
  w.on('close', () => clearTimeout(timer));
  w.unref();
  return w;
}

/**
 * The product on the local platform (packages/local-aws): its declarations as the package
 * takes them (tables, functions with their handlers, routes, state machines, schedules), and
 * the product's bindings — where DynamoDB Local's jar lives, the clock and SDK clients the
 * handlers share with the runtime, the cdk.json context, the OpenAPI build step, the console.
 * `npm start`, the tests, the demo and the benchmark start the platform through here.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createTables as createPackageTables,
  type DynamoDbInstall,
  type Gateway,
  type GatewayOptions,
  type LambdaHandler,
  type LocalDeclarations,
  type LocalEndpoints,
  type LocalEventBridge,
  type LocalRuntime,
  type LocalSchedule,
  type LocalService,
  type LocalServiceFactory,
  localEventBridge,
  localSchedules as packageSchedules,
  type RuntimeOptions,
  readEndpoints as readPackageEndpoints,
  removeEndpoints as removePackageEndpoints,
  startDynamoDbLocal as startPackageDynamoDb,
  startGateway as startPackageGateway,
  startLocalRuntime as startPackageRuntime,
  type Throttle,
  writeEndpoints as writePackageEndpoints,
} from '@one-list/local-aws';
import { writeOpenApiDocument } from '../../functions/api/openapi.ts';
import { resetDeliveryClients } from '../../functions/app/delivery.ts';
import { resetWorkflowClient } from '../../functions/app/ports.ts';
import { resetClient } from '../../functions/data/db.ts';
import { DELIVERY_ENV, WEBHOOK_ALLOWED_HOSTS_ENV } from '../../functions/domain/notification-settings.ts';
import { setClock } from '../../functions/lib/clock.ts';
import { buses } from '../resources/buses.ts';
import { CORS, corsOrigins } from '../resources/cors.ts';
import { functions } from '../resources/functions.ts';
import { DELIVERY_CONTEXT, DOMAIN_EVENT_BUS, delivery } from '../resources/notifications.ts';
import { projectRoot } from '../resources/project-root.ts';
import { routes } from '../resources/routes.ts';
import { scheduleExpression, schedules } from '../resources/schedules.ts';
import { definitionHash, stateMachines } from '../resources/state-machines.ts';
import { tables } from '../resources/tables.ts';
import {
  DEFAULT_API_THROTTLE,
  DEFAULT_PUBLIC_API_THROTTLE,
  THROTTLE_CONTEXT,
} from '../resources/throttling.ts';
import { localSignIn, serveConsole } from './console.ts';
import { type LocalS3Options, localS3 } from './s3.ts';

/** The product's tables are `onelist-<logicalId>` (the data folders of earlier starts have them). */
export const TABLE_PREFIX = 'onelist-';

/** DynamoDB Local's jar under `.cache/`, fetched by `npm run dynamodb:install` when missing. */
export const DYNAMODB_LOCAL: DynamoDbInstall = {
  dir: join(projectRoot, '.cache', 'dynamodb-local'),
  install: () =>
    execFileSync(process.execPath, [join(projectRoot, 'scripts', 'install-dynamodb-local.mjs')], {
      stdio: 'inherit',
    }),
};

export function cdkContext(): Record<string, unknown> {
  const cdk = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdk.context ?? {};
}

/**
 * The allowed origins from cdk.json's context, parsed by the same function the CDK app
 * uses (infra/resources/cors.ts), so the local API allows exactly the deployed one's.
 */
export function corsOriginsFromCdkJson(): string[] {
  return corsOrigins(cdkContext());
}

/** The stage's and the public routes' throttling from cdk.json's context, as the stack reads it. */
export function throttlingFromCdkJson(): { throttle: Throttle; publicThrottle: Throttle } {
  const context = cdkContext();
  const n = (key: string, fallback: number) => {
    const v = Number(context[key] ?? fallback);
    return Number.isInteger(v) && v > 0 ? v : fallback;
  };
  return {
    throttle: {
      rateLimit: n(THROTTLE_CONTEXT.rateLimit, DEFAULT_API_THROTTLE.rateLimit),
      burstLimit: n(THROTTLE_CONTEXT.burstLimit, DEFAULT_API_THROTTLE.burstLimit),
    },
    publicThrottle: {
      rateLimit: n(THROTTLE_CONTEXT.publicRateLimit, DEFAULT_PUBLIC_API_THROTTLE.rateLimit),
      burstLimit: n(THROTTLE_CONTEXT.publicBurstLimit, DEFAULT_PUBLIC_API_THROTTLE.burstLimit),
    },
  };
}

/** The declared schedules with the expressions CDK reads from the context. */
export function localSchedules(context: Record<string, unknown> = cdkContext()): LocalSchedule[] {
  return packageSchedules(
    schedules.map((d) => ({
      id: d.id,
      expression: scheduleExpression(d, context),
      timeZone: d.timeZone,
      ...('function' in d.target ? { function: d.target.function } : { stateMachine: d.target.stateMachine }),
      input: d.target.input,
    })),
  );
}

/** The product, as the package takes it. */
export function productDeclarations(context: Record<string, unknown> = cdkContext()): LocalDeclarations {
  return {
    tables,
    functions: functions.map((fn) => ({
      id: fn.id,
      ...(fn.timeoutSeconds !== undefined ? { timeoutSeconds: fn.timeoutSeconds } : {}),
      ...(fn.memorySize !== undefined ? { memorySize: fn.memorySize } : {}),
      load: async () => {
        const mod = (await import(pathToFileURL(join(projectRoot, fn.entry)).href)) as Record<
          string,
          unknown
        >;
        const handler = mod[fn.handler];
        if (typeof handler !== 'function') throw new Error(`${fn.entry} exports no function ${fn.handler}`);
        return handler as LambdaHandler;
      },
    })),
    routes: routes.map((r) => ({ method: r.method, path: r.path, function: r.function, auth: r.auth })),
    stateMachines: stateMachines.map((sm) => ({
      id: sm.id,
      arnEnvVar: sm.arnEnvVar,
      ...(sm.definitionHashEnvVar ? { definitionHashEnvVar: sm.definitionHashEnvVar } : {}),
      file: join(projectRoot, sm.file),
      substitutions: sm.substitutions,
    })),
    schedules: localSchedules(context),
    definitionHash,
  };
}

/** One set of declarations per process: the handlers are imported once (a warm Lambda). */
let declared: LocalDeclarations | undefined;
const declarations = () => {
  declared ??= productDeclarations();
  return declared;
};

/**
 * The declared buses' local names in the functions' environment, whether or not a bus emulator
 * runs (a relay with no bus to reach keeps its outbox records pending, as on AWS when
 * EventBridge is unreachable); `notificationServices()` adds the emulator itself.
 */
const busNames: LocalServiceFactory = async () => ({
  name: 'bus names',
  env: Object.fromEntries(buses.map((b) => [b.envVar, b.localName])),
  stop: async () => {},
});

export interface ProductRuntimeOptions extends RuntimeOptions {
  /** The declared buckets on s3rver (its folder, port, CORS origins); false: no local S3. @default a temporary folder */
  readonly s3?: LocalS3Options | false;
}

/**
 * The product's runtime: the package's, with the product's tables prefix, DynamoDB Local jar,
 * the declared buckets on a local S3 (s3rver, a service of the runtime), and the handlers'
 * clock (functions/lib/clock.ts) and SDK clients bound to it.
 */
export function startLocalRuntime(options: ProductRuntimeOptions = {}): Promise<LocalRuntime> {
  const { s3, ...rest } = options;
  return startPackageRuntime(declarations(), {
    tablePrefix: TABLE_PREFIX,
    dynamoDbInstall: DYNAMODB_LOCAL,
    ...rest,
    services: [busNames, ...(s3 === false ? [] : [localS3(s3 ?? {})]), ...(rest.services ?? [])],
    hooks: {
      clock: (clock) => setClock(clock),
      environment: () => {
        resetClient();
        resetWorkflowClient();
        resetDeliveryClients();
      },
      ...rest.hooks,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Notification delivery: the bus → rule → queue → Notify path and SES, as services

/** The local names of the delivery queue and its dead-letter queue. */
export const NOTIFY_QUEUE = 'one-list-notify';
export const NOTIFY_DEAD_LETTER_QUEUE = 'one-list-notify-dlq';

export interface NotificationServiceOptions {
  /**
   * The queue's visibility timeout: how long a failed message waits before its next attempt.
   * @default the declared one (delivery.queue.visibilityTimeoutSeconds), in real time
   */
  readonly retryDelayMs?: number;
  /** How often the event source mapping looks at the queue. @default 25 */
  readonly pollMs?: number;
  /** The sender address. @default context notifySender, else `one-list@example.com` */
  readonly sender?: string;
  /** Hosts exempt from the public-HTTPS webhook rule (`NOTIFY_WEBHOOK_ALLOWED_HOSTS`). @default context notifyWebhookAllowedHosts */
  readonly webhookAllowedHosts?: string;
  readonly context?: Record<string, unknown>;
}

/** The local SES (aws-ses-v2-local): what was sent is at `GET <url>/store`, the viewer at `<url>/`. */
export interface LocalSes extends LocalService {
  readonly url: string;
}

/** SES v2 on one machine (aws-ses-v2-local, a dev dependency), found by `AWS_ENDPOINT_URL_SESV2`. */
export function localSes(options: NotificationServiceOptions = {}): LocalServiceFactory {
  return async () => {
    // A CommonJS module whose `exports.default` is the server: Node's loader hands the exports
    // object as `default`, a bundler's interop the function itself.
    const mod = (await import('aws-ses-v2-local')).default as unknown;
    const start = (typeof mod === 'function' ? mod : (mod as { default: unknown }).default) as (config: {
      host: string;
      port: number;
    }) => Promise<import('node:http').Server>;
    const server = await start({ host: '127.0.0.1', port: 0 });
    if (!server.listening) await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const context = options.context ?? cdkContext();
    const sender =
      options.sender ?? (context[DELIVERY_CONTEXT.sender] as string | undefined) ?? 'one-list@example.com';
    const service: LocalSes = {
      name: 'ses',
      url,
      env: { AWS_ENDPOINT_URL_SESV2: url, [DELIVERY_ENV.sender]: sender },
      stop: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections?.();
          server.close(() => resolve());
        }),
    };
    return service;
  };
}

/**
 * EventBridge and SQS for the delivery (packages/local-aws `localEventBridge`): the declared
 * bus, the declared rule (its pattern), the delivery queue with its redrive after the declared
 * receives, and the Notify function as its consumer with batch item failures.
 */
export function localDeliveryBus(options: NotificationServiceOptions = {}): LocalServiceFactory {
  const context = options.context ?? cdkContext();
  const allowed =
    options.webhookAllowedHosts ?? (context[DELIVERY_CONTEXT.webhookAllowedHosts] as string | undefined);
  const factory = localEventBridge({
    buses: [DOMAIN_EVENT_BUS.localName],
    rules: [
      {
        name: delivery.rule.id,
        eventBusName: DOMAIN_EVENT_BUS.localName,
        pattern: delivery.rule.pattern,
        targetQueue: NOTIFY_QUEUE,
      },
    ],
    queues: [
      {
        name: NOTIFY_QUEUE,
        visibilityTimeoutMs: options.retryDelayMs ?? delivery.queue.visibilityTimeoutSeconds * 1000,
        redrive: {
          deadLetterQueue: NOTIFY_DEAD_LETTER_QUEUE,
          maxReceiveCount: delivery.queue.maxReceiveCount,
        },
        consumer: {
          functionId: delivery.functionId,
          batchSize: delivery.eventSource.batchSize,
          reportBatchItemFailures: true,
        },
      },
      { name: NOTIFY_DEAD_LETTER_QUEUE, visibilityTimeoutMs: 30_000 },
    ],
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
  });
  return async (ctx) => {
    const bus = (await factory(ctx)) as LocalEventBridge;
    return {
      ...bus,
      env: {
        ...bus.env,
        [DOMAIN_EVENT_BUS.envVar]: DOMAIN_EVENT_BUS.localName,
        ...(allowed ? { [WEBHOOK_ALLOWED_HOSTS_ENV]: allowed } : {}),
      },
    } satisfies LocalEventBridge;
  };
}

/** Both, in order: what `npm start` and the delivery tests run. */
export const notificationServices = (options: NotificationServiceOptions = {}): LocalServiceFactory[] => [
  localSes(options),
  localDeliveryBus(options),
];

export interface ProductGatewayOptions extends Omit<GatewayOptions, 'cors' | 'extras'> {
  /** The built web console to serve at the root, outside /v1 (infra/local/console.ts). */
  readonly consoleDir?: string;
  /** Serve the local sign-in exchange at /local/sign-in (npm start only; never deployed). */
  readonly localSignIn?: boolean;
}

/**
 * The gateway in front of the declared routes, with the deployed CORS settings, the console
 * and the local sign-in when asked for. Writes the OpenAPI document first: the build step of
 * GET /v1/openapi.json (the handler serves the file written beside it).
 */
export function startGateway(options: ProductGatewayOptions): Promise<Gateway> {
  writeOpenApiDocument();
  const { consoleDir, localSignIn: signIn, ...rest } = options;
  return startPackageGateway(declarations(), {
    ...rest,
    cors: {
      allowMethods: CORS.allowMethods,
      allowHeaders: CORS.allowHeaders,
      maxAgeSeconds: CORS.maxAgeSeconds,
    },
    extras: [
      async (req, res, path) => {
        if (!signIn || (path !== '/local' && !path.startsWith('/local/'))) return false;
        await localSignIn(req, res, path);
        return true;
      },
      (req, res, path) =>
        consoleDir !== undefined && path !== '/v1' && !path.startsWith('/v1/')
          ? serveConsole(consoleDir, req, res, path)
          : false,
    ],
  });
}

/** DynamoDB Local on its own (the integration tests share one; the benchmark starts its own). */
export const startDynamoDbLocal = (options: { dbPath?: string; port?: number } = {}) =>
  startPackageDynamoDb({ install: DYNAMODB_LOCAL, ...options });

/** The declared tables on a DynamoDB Local: the environment (`envVar` → physical name). */
export const createTables = (endpoint: string, prefix = TABLE_PREFIX) =>
  createPackageTables(tables, endpoint, prefix);

/**
 * `npm start` writes `.data/endpoints.json` when it is up and removes it when it stops; the
 * operator tools (`npm run executions`, `npm run evaluate`, `npm run reconcile`) read it when
 * no AWS environment is set. `ONE_LIST_DATA_DIR` moves the data folder (tests).
 */
export const dataDir = () => process.env.ONE_LIST_DATA_DIR ?? join(projectRoot, '.data');
export const endpointsFile = () => join(dataDir(), 'endpoints.json');
export const writeEndpoints = (e: Omit<LocalEndpoints, 'pid' | 'writtenAt'>) =>
  writePackageEndpoints(endpointsFile(), e);
export const readEndpoints = () => readPackageEndpoints(endpointsFile());
export const removeEndpoints = () => removePackageEndpoints(endpointsFile());

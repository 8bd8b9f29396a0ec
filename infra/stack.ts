/**
 * OneListStack: everything One List runs on in AWS, built from the declarations in
 * `infra/resources/` (the one source of truth, also read by the local runtime). Nothing here
 * names a table key, an index, a handler file or a resource: add a table, a function or a state
 * machine, a route or a schedule by declaring it there. CloudFormation names every resource.
 *
 * Deployment configuration comes from CDK context (`cdk.json`, `-c key=value`): `stage`,
 * `corsOrigins`, `apiThrottleRateLimit`, `apiThrottleBurstLimit`,
 * `publicApiThrottleRateLimit`, `publicApiThrottleBurstLimit`, `alarmEmails`, `sesIdentity`,
 * `notifySender`, `notifySesIdentity`, `notifyWebhookAllowedHosts` (infra/resources/notifications.ts),
 * `oidcIssuer` + `oidcAudience` (no user pool: trust that issuer), `oidcGroupsClaim`,
 * `oidcUnitClaim`, `oidcPersonClaim`, and each schedule's `contextKey`
 * (`evaluationSchedule`, `deadlineSweepSchedule`, `reconcileSchedule`); the console's
 * `consoleDomain` + `consoleCertificateArn`, `callbackUrls`, `cognitoDomainPrefix` and, with
 * `oidcIssuer`, `oidcClientId` (infra/resources/console.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  Annotations,
  Aspects,
  Aws,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { StandardThreatProtectionMode } from 'aws-cdk-lib/aws-cognito';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, type IEventBus } from 'aws-cdk-lib/aws-events';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { InvocationType, Trigger } from 'aws-cdk-lib/triggers';
import type { Construct } from 'constructs';
import { openApiDocument } from '../functions/api/openapi.ts';
import { OPENAPI_FILE } from '../functions/api/openapi-file.ts';
import { HAND_OVER_DEFAULTS } from '../functions/domain/continuation.ts';
import { ROLES } from '../functions/domain/model.ts';
import { DELIVERY_ENV, WEBHOOK_ALLOWED_HOSTS_ENV } from '../functions/domain/notification-settings.ts';
import { CalendarCoverageAlarm } from './constructs/calendar-alarm.ts';
import { acknowledgeControlTowerFindings } from './constructs/control-tower.ts';
import { OneListBucket } from './constructs/one-list-bucket.ts';
import {
  cognitoDomainOrigin,
  cognitoIdpOrigin,
  executeApiOrigins,
  OneListConsole,
} from './constructs/one-list-console.ts';
import { OneListFunction } from './constructs/one-list-function.ts';
import { OneListHttpApi } from './constructs/one-list-http-api.ts';
import { OneListMonitoring } from './constructs/one-list-monitoring.ts';
import { OneListNotifications } from './constructs/one-list-notifications.ts';
import { OneListSchedules } from './constructs/one-list-schedules.ts';
import { OneListStateMachine } from './constructs/one-list-state-machine.ts';
import { OneListUserPool } from './constructs/one-list-user-pool.ts';
import {
  CLAIM_SETTINGS,
  claimNamesFromContext,
  type ExternalIssuer,
  externalIssuer,
  OIDC_CONTEXT,
  TOKEN_USE_ENV,
} from './resources/auth.ts';
import { type BucketDeclaration, buckets as declaredBuckets } from './resources/buckets.ts';
import { type BusDeclaration, buses as declaredBuses } from './resources/buses.ts';
import {
  CALLBACK_PATH,
  COGNITO_CLAIMS,
  CONSOLE_CONTEXT,
  CONSOLE_DIR,
  type ConsoleConfig,
  callbackUrlsFromContext,
  cognitoDomainPrefixFromContext,
  consoleDomainFromContext,
  ensureConsoleBuilt,
  OIDC_SCOPES,
  oidcClientIdFromContext,
  originOfUrl,
} from './resources/console.ts';
import { CORS, corsOrigins } from './resources/cors.ts';
import { functions as declaredFunctions, type FunctionDeclaration } from './resources/functions.ts';
import { APPLICATION_METRICS, alarmEmails, MONITORING_CONTEXT } from './resources/monitoring.ts';
import {
  DELIVERY_CONTEXT,
  type DeliveryDeclaration,
  DOMAIN_EVENT_BUS,
  delivery as declaredDelivery,
} from './resources/notifications.ts';
import { projectRoot } from './resources/project-root.ts';
import { routes as declaredRoutes, type RouteDeclaration } from './resources/routes.ts';
import {
  schedules as declaredSchedules,
  type ScheduleDeclaration,
  scheduleExpression,
} from './resources/schedules.ts';
import {
  stateMachines as declaredStateMachines,
  HAND_OVER_ENV,
  type StateMachineDeclaration,
} from './resources/state-machines.ts';
import { tables as declaredTables, type KeyDeclaration, type TableDeclaration } from './resources/tables.ts';
import { DEFAULT_API_THROTTLE, DEFAULT_PUBLIC_API_THROTTLE } from './resources/throttling.ts';

/** The Reconcile function's variable holding `definitionsVersion()` (re-runs the trigger when it changes). */
export const DEFINITIONS_VERSION_ENV = 'WORKFLOW_DEFINITIONS_VERSION';

/** SHA-256 (first 16 hex digits) of the declared ASL files, in declaration order. */
export function definitionsVersion(machines: readonly StateMachineDeclaration[]): string {
  const h = createHash('sha256');
  for (const m of machines)
    h.update(m.file)
      .update('\0')
      .update(readFileSync(join(projectRoot, m.file)));
  return h.digest('hex').slice(0, 16);
}

export const STAGES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

export function parseStage(value: unknown): StageName {
  const stage = value ?? 'dev';
  if (typeof stage === 'string' && (STAGES as readonly string[]).includes(stage)) return stage as StageName;
  throw new Error(`context "stage" must be one of ${STAGES.join(', ')} (got ${JSON.stringify(stage)})`);
}

/** What differs between stages; everything else is identical. */
export interface StageSettings {
  /** Tables: prod keeps data when the stack or resource goes away, dev cleans up. */
  readonly tableRemovalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  readonly logRemovalPolicy: RemovalPolicy;
  readonly functionLogRetention: RetentionDays;
  readonly stateMachineLogRetention: RetentionDays;
  readonly apiAccessLogRetention: RetentionDays;
  /** Users and queues: prod keeps them, dev cleans up. */
  readonly userPoolRemovalPolicy: RemovalPolicy;
  /** Cognito threat protection: prod acts on risk (ENFORCED), dev only records it (AUDIT). */
  readonly threatProtection: StandardThreatProtectionMode;
  /** MFA (TOTP): required in prod, optional in dev. */
  readonly mfa: 'required' | 'optional';
  /** Prod refuses CORS origins on loopback hosts (localhost, 127.0.0.1, [::1]). */
  readonly allowLoopbackOrigins: boolean;
}

export const STAGE_SETTINGS: Readonly<Record<StageName, StageSettings>> = {
  prod: {
    tableRemovalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    logRemovalPolicy: RemovalPolicy.RETAIN,
    functionLogRetention: RetentionDays.ONE_YEAR,
    stateMachineLogRetention: RetentionDays.ONE_YEAR,
    apiAccessLogRetention: RetentionDays.ONE_YEAR,
    userPoolRemovalPolicy: RemovalPolicy.RETAIN,
    threatProtection: StandardThreatProtectionMode.FULL_FUNCTION,
    mfa: 'required',
    allowLoopbackOrigins: false,
  },
  dev: {
    tableRemovalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    logRemovalPolicy: RemovalPolicy.DESTROY,
    functionLogRetention: RetentionDays.ONE_WEEK,
    stateMachineLogRetention: RetentionDays.ONE_WEEK,
    apiAccessLogRetention: RetentionDays.ONE_WEEK,
    userPoolRemovalPolicy: RemovalPolicy.DESTROY,
    threatProtection: StandardThreatProtectionMode.AUDIT_ONLY,
    mfa: 'optional',
    allowLoopbackOrigins: true,
  },
};

/** The declarations the stack is built from. */
export interface Declarations {
  readonly tables: readonly TableDeclaration[];
  readonly functions: readonly FunctionDeclaration[];
  readonly stateMachines: readonly StateMachineDeclaration[];
  readonly routes: readonly RouteDeclaration[];
  readonly schedules: readonly ScheduleDeclaration[];
  /** @default infra/resources/buses.ts */
  readonly buses?: readonly BusDeclaration[];
  /** Buckets of files the API hands out (evidence, large exports); none when absent (fixtures). */
  readonly buckets?: readonly BucketDeclaration[];
  /** One Cognito group per role. */
  readonly roles: readonly string[];
  /** The delivery of notifications off the domain event bus (none: no queue, no rule). */
  readonly delivery?: DeliveryDeclaration;
}

export const DECLARATIONS: Declarations = {
  tables: declaredTables,
  functions: declaredFunctions,
  stateMachines: declaredStateMachines,
  routes: declaredRoutes,
  schedules: declaredSchedules,
  buckets: declaredBuckets,
  roles: ROLES,
  delivery: declaredDelivery,
};

export { DEFAULT_API_THROTTLE, DEFAULT_PUBLIC_API_THROTTLE };

/** A CORS origin on a loopback host: a developer's machine, never a production console. */
export const isLoopbackOrigin = (origin: string): boolean =>
  /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i.test(origin);

/** A positive integer from context (number, or string from `-c key=value`), else the default. */
export function positiveIntegerFromContext(value: unknown, key: string, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) {
    throw new Error(`context "${key}" must be a positive integer (got ${JSON.stringify(value)})`);
  }
  return n;
}

export interface OneListStackProps extends StackProps {
  readonly stage: StageName;
  /**
   * The declarations to build from (tests pass fixtures here).
   * @default DECLARATIONS - infra/resources/*.ts
   */
  readonly declarations?: Declarations;
  /**
   * `POWERTOOLS_SERVICE_NAME` of every function.
   * @default 'one-list'
   */
  readonly serviceName?: string;
  /**
   * Customer managed KMS key for the tables.
   * @default - the AWS managed key `aws/dynamodb` (see `buildTables`)
   */
  readonly tableEncryptionKey?: IKey;
  /**
   * The built web console to host (tests pass a fixture).
   * @default CONSOLE_DIR - web/dist, built first when missing or older than its sources
   */
  readonly consoleAssetDir?: string;
  /**
   * The bus the domain events are published on.
   * @default - the bus declared in infra/resources/buses.ts (DOMAIN_EVENT_BUS)
   */
  readonly eventBus?: IEventBus;
}

export class OneListStack extends Stack {
  public readonly stage: StageName;
  public readonly settings: StageSettings;
  /** By `TableDeclaration.logicalId`. */
  public readonly tables: ReadonlyMap<string, Table>;
  /** By `FunctionDeclaration.id`. */
  public readonly functions: ReadonlyMap<string, OneListFunction>;
  /** By `BucketDeclaration.logicalId`. */
  public readonly buckets: ReadonlyMap<string, OneListBucket>;
  /** By `StateMachineDeclaration.id`. */
  public readonly stateMachines: ReadonlyMap<string, OneListStateMachine>;
  /** Undefined when the API trusts an external OIDC issuer (context `oidcIssuer`). */
  public readonly userPool: OneListUserPool | undefined;
  public readonly httpApi: OneListHttpApi;
  /** The web console: S3 + CloudFront, its config.json. */
  public readonly console: OneListConsole;
  public readonly schedules: OneListSchedules;
  /** The event buses declared in infra/resources/buses.ts, by id. */
  public readonly buses: ReadonlyMap<string, EventBus>;
  private readonly busDeclarations: readonly BusDeclaration[];
  public readonly calendarAlarm: CalendarCoverageAlarm;
  public readonly monitoring: OneListMonitoring;
  /** The domain event bus (a minimal one unless given: `OneListStackProps.eventBus`). */
  public readonly eventBus: IEventBus | undefined;
  /** The delivery of notifications (undefined when `declarations.delivery` is not given). */
  public readonly notifications: OneListNotifications | undefined;
  /** Runs the reconciler after a deploy (undefined when no `Reconcile` function is declared). */
  public readonly reconcileAfterDeploy: Trigger | undefined;

  constructor(scope: Construct, id: string, props: OneListStackProps) {
    super(scope, id, props);
    this.stage = props.stage;
    this.settings = STAGE_SETTINGS[props.stage];
    const decl = props.declarations ?? DECLARATIONS;

    const serviceName = props.serviceName ?? 'one-list';
    this.tables = this.buildTables(decl.tables, props.tableEncryptionKey);
    this.busDeclarations = decl.buses ?? declaredBuses;
    this.buses = this.buildBuses(this.busDeclarations);
    this.functions = this.buildFunctions(decl.functions, decl.tables, serviceName, decl.routes);
    this.stateMachines = this.buildStateMachines(decl.stateMachines);
    this.connectFunctionsToStateMachines(decl.functions, decl.stateMachines);
    this.reconcileAfterDeploy = this.buildReconcileAfterDeploy(decl.stateMachines);
    const external = externalIssuer(this.contextOf(Object.values(OIDC_CONTEXT)));
    const cognitoDomainPrefix = cognitoDomainPrefixFromContext(
      this.contextOf([CONSOLE_CONTEXT.cognitoDomainPrefix]),
      `${this.stackName.toLowerCase().replace(/[^a-z0-9-]/g, '-')}-${Aws.ACCOUNT_ID}`,
    );
    this.console = this.buildConsole(external, cognitoDomainPrefix, props.consoleAssetDir);
    this.userPool = external ? undefined : this.buildUserPool(decl.roles, cognitoDomainPrefix);
    this.httpApi = this.buildHttpApi(decl.routes, external);
    // The console calls its API same-origin, through its own distribution (/v1/*).
    this.console.routeApi(this.httpApi.domainName);
    this.buckets = this.buildBuckets(decl.buckets ?? []);
    this.deployConsole(external);
    this.schedules = this.buildSchedules(decl.schedules);
    this.calendarAlarm = this.buildCalendarAlarm();
    this.eventBus = decl.delivery
      ? (props.eventBus ?? this.buses.get(DOMAIN_EVENT_BUS.id) ?? new EventBus(this, DOMAIN_EVENT_BUS.id))
      : props.eventBus;
    this.notifications = this.buildNotifications(decl.delivery, this.eventBus);
    this.monitoring = this.buildMonitoring(serviceName);
    acknowledgeControlTowerFindings(this, {
      deadLetterQueues: [
        this.schedules.deadLetterQueue,
        ...(this.notifications
          ? [this.notifications.deadLetterQueue, this.notifications.ruleDeadLetterQueue]
          : []),
      ],
      shortLogRetentionAllowed: this.stage !== 'prod',
      consoleBuckets: [this.console.bucket],
      fileBuckets: [...this.buckets.values()].map((b) => ({ bucket: b.bucket, accessLogs: b.accessLogs })),
    });
  }

  /**
   * The alarm topic, the alarms and the dashboard; then every alarm in the stack, wherever it
   * was created (state machines, schedules, later additions), gets the topic as its action.
   */
  private buildMonitoring(serviceName: string): OneListMonitoring {
    const monitoring = new OneListMonitoring(this, 'Monitoring', {
      functions: this.functions,
      tables: this.tables,
      stateMachines: new Map([...this.stateMachines].map(([id, sm]) => [id, sm.stateMachine])),
      httpApi: this.httpApi.api,
      applicationMetrics: APPLICATION_METRICS,
      serviceName,
      alarmEmails: alarmEmails(this.contextOf([MONITORING_CONTEXT.alarmEmails])),
      dashboardName: `${this.stackName}`,
    });
    Aspects.of(this).add({ visit: (node) => node instanceof Alarm && monitoring.actOn(node) });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: monitoring.topic.topicArn,
      description: 'SNS topic of every alarm (subscribe more recipients here, or with context alarmEmails)',
    });
    return monitoring;
  }

  /**
   * The reconciler after a deploy: a trigger (aws-cdk-lib/triggers) invokes the Reconcile
   * function once the table and the state machines are in place, again whenever the function
   * or its configuration changes. Its configuration carries the hash of every ASL file
   * (`WORKFLOW_DEFINITIONS_VERSION`), so a deploy that changes the code or a definition runs
   * it. Invoked asynchronously: a deploy neither waits up to 15 minutes for it nor rolls back
   * because of it (a failure shows in the function's Errors alarm; the daily schedule runs it
   * again).
   */
  private buildReconcileAfterDeploy(machines: readonly StateMachineDeclaration[]): Trigger | undefined {
    const fn = this.functions.get('Reconcile');
    if (!fn) return undefined;
    fn.addEnvironment(DEFINITIONS_VERSION_ENV, definitionsVersion(machines));
    return new Trigger(this, 'ReconcileAfterDeploy', {
      handler: fn,
      invocationType: InvocationType.EVENT,
      executeAfter: [...this.tables.values(), ...[...this.stateMachines.values()]],
    });
  }

  /**
   * The delivery of notifications: the rule on the bus, the queue and its dead-letter queues,
   * the Notify function's event source, the sender from context (`notifySender`,
   * `notifySesIdentity`, `notifyWebhookAllowedHosts`).
   */
  private buildNotifications(
    declaration: DeliveryDeclaration | undefined,
    bus: IEventBus | undefined,
  ): OneListNotifications | undefined {
    // Declarations without the consumer (test fixtures) build no delivery.
    if (!declaration || !bus || !this.functions.has(declaration.functionId)) return undefined;
    const fn = (id: string) => {
      const f = this.functions.get(id);
      if (!f) throw new Error(`the delivery names function "${id}", which is not declared`);
      return f;
    };
    const text = (key: string) => {
      const v = this.node.tryGetContext(key) as unknown;
      if (v !== undefined && typeof v !== 'string') throw new Error(`context "${key}" must be a string`);
      return v === '' ? undefined : (v as string | undefined);
    };
    const notifications = new OneListNotifications(this, 'Notifications', {
      declaration,
      bus,
      consumer: fn(declaration.functionId),
      senders: declaration.senders.map(fn),
      sender: text(DELIVERY_CONTEXT.sender),
      sesIdentity: text(DELIVERY_CONTEXT.sesIdentity),
      webhookAllowedHosts: text(DELIVERY_CONTEXT.webhookAllowedHosts),
      env: { sender: DELIVERY_ENV.sender, webhookAllowedHosts: WEBHOOK_ALLOWED_HOSTS_ENV },
      queueRemovalPolicy: this.settings.userPoolRemovalPolicy,
    });
    new CfnOutput(this, 'NotificationDeadLetterQueueUrl', {
      value: notifications.deadLetterQueue.queueUrl,
      description: 'Dead-letter queue of the notification delivery (messages that failed every attempt)',
    });
    return notifications;
  }

  /** An alarm when a working-day limit reaches a year the calendar does not cover. */
  private buildCalendarAlarm(): CalendarCoverageAlarm {
    const logGroups = new Map([...this.functions].map(([id, f]) => [id, f.functionLogGroup]));
    return new CalendarCoverageAlarm(this, 'CalendarCoverage', { logGroups });
  }

  /** The CDK context as the declarations' helpers read it (`scheduleExpression`, `corsOrigins`). */
  private contextOf(keys: readonly string[]): Record<string, unknown> {
    return Object.fromEntries(keys.map((k) => [k, this.node.tryGetContext(k)]));
  }

  /**
   * The console's bucket and distribution. Its CSP may connect to the stack region's HTTP
   * APIs and to the sign-in endpoints: Cognito's (discovery document, and the managed login
   * domain's token endpoint) or the external issuer's origin.
   */
  private buildConsole(
    external: ExternalIssuer | undefined,
    cognitoDomainPrefix: string,
    assetDir: string | undefined,
  ): OneListConsole {
    if (assetDir === undefined) ensureConsoleBuilt((line) => process.stderr.write(`${line}\n`));
    const domain = consoleDomainFromContext(
      this.contextOf([CONSOLE_CONTEXT.domain, CONSOLE_CONTEXT.certificateArn]),
    );
    const signIn = external
      ? [originOfUrl(external.issuer)]
      : [cognitoIdpOrigin(), cognitoDomainOrigin(cognitoDomainPrefix)];
    const hosted = new OneListConsole(this, 'Console', {
      assetDir: assetDir ?? CONSOLE_DIR,
      // The browser POSTs evidence to the bucket's regional endpoint and reads presigned links
      // there: the region's S3 hosts (a wildcard, since the bucket's CORS names the console's
      // origin: naming the bucket here too would make a CloudFormation cycle).
      connectSources: [executeApiOrigins(), `https://*.s3.${Aws.REGION}.amazonaws.com`, ...signIn],
      domain,
      removalPolicy: this.settings.userPoolRemovalPolicy,
    });
    new CfnOutput(this, 'ConsoleUrl', {
      value: hosted.origins[hosted.origins.length - 1] as string,
      description: 'The web console (CloudFront; the custom domain when consoleDomain is set)',
    });
    return hosted;
  }

  /** Sign-in callback URLs: each console origin's /auth/callback, then context `callbackUrls`. */
  private callbackUrls(): { callbackUrls: string[]; logoutUrls: string[] } {
    let extra = callbackUrlsFromContext(this.contextOf([CONSOLE_CONTEXT.callbackUrls]));
    if (!this.settings.allowLoopbackOrigins) {
      for (const u of extra.filter((x) => isLoopbackOrigin(originOfUrl(x)))) {
        Annotations.of(this).addWarningV2(
          'one-list:callback-loopback-refused',
          `Callback URL ${u} is refused in ${this.stage} (a loopback URL is a developer's machine).`,
        );
      }
      extra = extra.filter((x) => !isLoopbackOrigin(originOfUrl(x)));
    }
    const callbackUrls = [...this.console.origins.map((o) => `${o}${CALLBACK_PATH}`), ...extra];
    const logoutUrls = [...new Set([...this.console.origins, ...extra.map(originOfUrl)].map((o) => `${o}/`))];
    return { callbackUrls: [...new Set(callbackUrls)], logoutUrls };
  }

  /** config.json: the API's URL and how to sign in (deploy-time values), with the build. */
  private deployConsole(external: ExternalIssuer | undefined): void {
    const claims = claimNamesFromContext(
      this.contextOf(Object.values(CLAIM_SETTINGS).map((c) => c.contextKey)),
    );
    const scope = OIDC_SCOPES.join(' ');
    let auth: ConsoleConfig['auth'];
    if (external) {
      const clientId = oidcClientIdFromContext(
        this.contextOf([CONSOLE_CONTEXT.oidcClientId]),
        external.audience,
      );
      auth = { kind: 'oidc', authority: external.issuer, clientId, scope, claims };
    } else {
      const pool = this.userPool as OneListUserPool;
      auth = {
        kind: 'oidc',
        authority: pool.userPool.userPoolProviderUrl,
        clientId: pool.client.userPoolClientId,
        scope,
        // Cognito's discovery document names no end_session_endpoint: its /logout (the
        // console adds logout_uri, its own origin's "/", one of the client's logout URLs).
        signOutUrl: `${pool.domain.baseUrl()}/logout?client_id=${pool.client.userPoolClientId}`,
        claims: COGNITO_CLAIMS,
      };
    }
    // '' = the console's own origin: the distribution serves the API's /v1/* (routeApi).
    this.console.deploy({ apiUrl: '', auth });
  }

  /** Cognito: administrators create users; one group per role; the front end's app client. */
  private buildUserPool(roles: readonly string[], cognitoDomainPrefix: string): OneListUserPool {
    const ses = this.node.tryGetContext('sesIdentity') as unknown;
    if (ses !== undefined && ses !== null && ses !== '' && typeof ses !== 'string') {
      throw new Error(`context "sesIdentity" must be an SES identity (e-mail address or domain)`);
    }
    const pool = new OneListUserPool(this, 'UserPool', {
      roles,
      mfa: this.settings.mfa,
      sesIdentity: typeof ses === 'string' && ses !== '' ? ses : undefined,
      threatProtection: this.settings.threatProtection,
      removalPolicy: this.settings.userPoolRemovalPolicy,
      deletionProtection: this.settings.deletionProtection,
      managedLogin: { domainPrefix: cognitoDomainPrefix, ...this.callbackUrls() },
    });
    new CfnOutput(this, 'UserPoolId', {
      value: pool.userPool.userPoolId,
      description: 'Cognito user pool id',
    });
    new CfnOutput(this, 'UserPoolClientId', {
      value: pool.client.userPoolClientId,
      description: 'App client id of the console (authorization code with PKCE, no secret); the JWT audience',
    });
    new CfnOutput(this, 'SignInDomain', {
      value: pool.domain.baseUrl(),
      description: 'Cognito managed login (the console redirects here to sign in)',
    });
    return pool;
  }

  /** The HTTP API: one route per declaration, JWT authorizer on every non-public one. */
  private buildHttpApi(
    routes: readonly RouteDeclaration[],
    external: ExternalIssuer | undefined,
  ): OneListHttpApi {
    const context = this.contextOf([
      CORS.contextKey,
      'apiThrottleRateLimit',
      'apiThrottleBurstLimit',
      'publicApiThrottleRateLimit',
      'publicApiThrottleBurstLimit',
      ...Object.values(CLAIM_SETTINGS).map((c) => c.contextKey),
    ]);
    // The hosted console calls the API same-origin through its distribution (routeApi): no
    // CORS for it (naming the distribution here would make a cycle with its API origin). Only
    // the context's further origins.
    let origins = [...new Set(corsOrigins(context))];
    if (!this.settings.allowLoopbackOrigins) {
      const refused = origins.filter(isLoopbackOrigin);
      for (const o of refused) {
        Annotations.of(this).addWarningV2(
          'one-list:cors-loopback-refused',
          `CORS origin ${o} is refused in ${this.stage} (a loopback origin is a developer's machine): it is not allowed. The hosted console's origin is allowed without it; corsOrigins names further https origins only.`,
        );
      }
      origins = origins.filter((o) => !isLoopbackOrigin(o));
    }
    if (this.stage === 'prod') {
      for (const o of origins.filter((x) => x === '*' || !x.startsWith('https://'))) {
        Annotations.of(this).addWarningV2(
          'one-list:cors-origin',
          `CORS origin ${o} is allowed in prod: corsOrigins should name https origins only (the hosted console's is allowed without it)`,
        );
      }
    }
    // The claims naming role, unit and person go to the functions that serve the routes.
    const claims = claimNamesFromContext(context);
    for (const fnId of new Set(routes.map((r) => r.function))) {
      const fn = this.functions.get(fnId);
      if (!fn) continue; // validateRoutes names the missing function
      for (const [kind, setting] of Object.entries(CLAIM_SETTINGS)) {
        fn.addEnvironment(setting.envVar, claims[kind as keyof typeof claims]);
      }
      fn.addEnvironment(TOKEN_USE_ENV, external ? 'none' : 'id');
    }
    const pool = this.userPool;
    const api = new OneListHttpApi(this, 'HttpApi', {
      routes,
      functions: this.functions,
      jwtIssuer: external ? external.issuer : (pool as OneListUserPool).userPool.userPoolProviderUrl,
      jwtAudience: external ? [...external.audience] : [(pool as OneListUserPool).client.userPoolClientId],
      authorizerName: external ? 'oidc-id-token' : 'cognito-id-token',
      corsOrigins: origins,
      throttle: {
        rateLimit: positiveIntegerFromContext(
          context.apiThrottleRateLimit,
          'apiThrottleRateLimit',
          DEFAULT_API_THROTTLE.rateLimit,
        ),
        burstLimit: positiveIntegerFromContext(
          context.apiThrottleBurstLimit,
          'apiThrottleBurstLimit',
          DEFAULT_API_THROTTLE.burstLimit,
        ),
      },
      publicThrottle: {
        rateLimit: positiveIntegerFromContext(
          context.publicApiThrottleRateLimit,
          'publicApiThrottleRateLimit',
          DEFAULT_PUBLIC_API_THROTTLE.rateLimit,
        ),
        burstLimit: positiveIntegerFromContext(
          context.publicApiThrottleBurstLimit,
          'publicApiThrottleBurstLimit',
          DEFAULT_PUBLIC_API_THROTTLE.burstLimit,
        ),
      },
      accessLogRetention: this.settings.apiAccessLogRetention,
      accessLogRemovalPolicy: this.settings.logRemovalPolicy,
    });
    new CfnOutput(this, 'ApiUrl', { value: api.url, description: 'Base URL of the One List HTTP API' });
    return api;
  }

  /** One custom EventBridge bus per declaration (the domain events). */
  private buildBuses(declarations: readonly BusDeclaration[]): Map<string, EventBus> {
    const buses = new Map<string, EventBus>();
    for (const d of declarations) {
      const bus = new EventBus(this, d.id, { description: d.description });
      buses.set(d.id, bus);
      new CfnOutput(this, `${d.id}BusName`, { value: bus.eventBusName, description: d.description });
    }
    return buses;
  }

  /**
   * One OneListBucket per declaration: CORS for the console's origins (and the context's, as
   * the API allows), its grants on the declared functions, the name in their environment.
   */
  private buildBuckets(declarations: readonly BucketDeclaration[]): Map<string, OneListBucket> {
    const context = this.contextOf([CORS.contextKey]);
    let origins = [...new Set([...this.console.origins, ...corsOrigins(context)])];
    if (!this.settings.allowLoopbackOrigins) origins = origins.filter((o) => !isLoopbackOrigin(o));
    const built = new Map<string, OneListBucket>();
    for (const d of declarations) {
      const b = new OneListBucket(this, d.logicalId, {
        declaration: d,
        corsOrigins: origins.filter((o) => o !== '*'),
        removalPolicy: this.settings.tableRemovalPolicy,
        accessLogDays: this.stage === 'prod' ? 365 : 30,
      });
      for (const g of d.grants) {
        const fn = this.functions.get(g.function);
        if (!fn)
          throw new Error(`bucket ${d.logicalId} grants to function "${g.function}", which is not declared`);
        b.grantTo(g.function, fn);
        fn.addEnvironment(d.envVar, b.bucket.bucketName);
      }
      new CfnOutput(this, `${d.logicalId}Name`, { value: b.bucket.bucketName, description: d.description });
      built.set(d.logicalId, b);
    }
    return built;
  }

  /** EventBridge Scheduler: each declared schedule starts its state machine (or invokes its function). */
  private buildSchedules(schedules: readonly ScheduleDeclaration[]): OneListSchedules {
    const context = this.contextOf(schedules.map((s) => s.contextKey));
    const machines = new Map([...this.stateMachines].map(([id, sm]) => [id, sm.stateMachine]));
    const built = new OneListSchedules(this, 'Schedules', {
      schedules,
      expressionOf: (d) => scheduleExpression(d, context),
      stateMachines: machines,
      functions: this.functions,
      queueRemovalPolicy: this.settings.logRemovalPolicy,
    });
    new CfnOutput(this, 'ScheduleDeadLetterQueueUrl', {
      value: built.deadLetterQueue.queueUrl,
      description: 'Dead-letter queue of the schedules (start attempts that failed after all retries)',
    });
    return built;
  }

  /**
   * One `AWS::DynamoDB::Table` per declaration: keys and GSIs (projection ALL) exactly as
   * declared, on-demand billing, point-in-time recovery, TTL, no physical name.
   *
   * Encryption: the AWS managed key (`aws/dynamodb`) by default, rather than the AWS owned
   * default. It is KMS encryption whose every use is visible in the account's CloudTrail
   * (which suits an accountability system), costs no key fee, needs no key policy to
   * maintain, and cannot lock the data away by a key being disabled or scheduled for
   * deletion. A customer managed key (`tableEncryptionKey`) is the upgrade path if the
   * operators must control the key policy, cross-account access or crypto-shredding.
   */
  private buildTables(declarations: readonly TableDeclaration[], key: IKey | undefined): Map<string, Table> {
    const attribute = (k: KeyDeclaration) => ({
      name: k.name,
      type: k.type === 'N' ? AttributeType.NUMBER : AttributeType.STRING,
    });
    const tables = new Map<string, Table>();
    for (const d of declarations) {
      const table = new Table(this, d.logicalId, {
        partitionKey: attribute(d.partitionKey),
        sortKey: d.sortKey ? attribute(d.sortKey) : undefined,
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: key ? TableEncryption.CUSTOMER_MANAGED : TableEncryption.AWS_MANAGED,
        encryptionKey: key,
        timeToLiveAttribute: d.timeToLiveAttribute,
        stream: d.stream ? StreamViewType.NEW_AND_OLD_IMAGES : undefined,
        deletionProtection: this.settings.deletionProtection,
        removalPolicy: this.settings.tableRemovalPolicy,
      });
      for (const index of d.globalSecondaryIndexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.indexName,
          partitionKey: attribute(index.partitionKey),
          sortKey: index.sortKey ? attribute(index.sortKey) : undefined,
          projectionType: ProjectionType.ALL,
        });
      }
      tables.set(d.logicalId, table);
    }
    return tables;
  }

  private buildFunctions(
    declarations: readonly FunctionDeclaration[],
    tableDeclarations: readonly TableDeclaration[],
    serviceName: string,
    routes: readonly RouteDeclaration[],
  ): Map<string, OneListFunction> {
    const functions = new Map<string, OneListFunction>();
    const servesOpenApi = (id: string) =>
      routes.some((r) => r.function === id && r.operationId === 'openapi');
    for (const d of declarations) {
      const tables = d.tables.map((logicalId) => {
        const table = this.tables.get(logicalId);
        const td = tableDeclarations.find((t) => t.logicalId === logicalId);
        if (!table || !td)
          throw new Error(`function ${d.id} uses table "${logicalId}", which is not declared`);
        return { table, envVar: td.envVar, access: d.access };
      });
      const fn = new OneListFunction(this, d.id, {
        entry: d.entry,
        handler: d.handler,
        description: d.description,
        timeout: Duration.seconds(d.timeoutSeconds ?? 30),
        memorySize: d.memorySize ?? 512,
        tables,
        serviceName,
        logRetention: this.settings.functionLogRetention,
        logRemovalPolicy: this.settings.logRemovalPolicy,
        // The OpenAPI document, generated here at build time, beside the bundle that serves it.
        ...(servesOpenApi(d.id) ? { files: { [OPENAPI_FILE]: JSON.stringify(openApiDocument()) } } : {}),
        ...(d.lazyPackages ? { lazyPackages: d.lazyPackages } : {}),
        // Binary files beside the bundle (the Documents function's font), from the project's packages.
        ...(d.copies
          ? {
              copies: Object.fromEntries(
                Object.entries(d.copies).map(([name, from]) => [
                  name,
                  createRequire(join(projectRoot, 'package.json')).resolve(from),
                ]),
              ),
            }
          : {}),
      });
      // The buses it publishes to: their names, and PutEvents on them only.
      for (const busId of d.publishes ?? []) {
        const bus = this.buses.get(busId);
        const bd = this.busDeclarations.find((b) => b.id === busId);
        if (!bus || !bd)
          throw new Error(`function ${d.id} publishes to bus "${busId}", which is not declared`);
        bus.grantPutEventsTo(fn);
        fn.addEnvironment(bd.envVar, bus.eventBusName);
      }
      functions.set(d.id, fn);
    }
    return functions;
  }

  /** Creates the machines children first (a machine that `starts` another needs its ARN). */
  private buildStateMachines(
    declarations: readonly StateMachineDeclaration[],
  ): Map<string, OneListStateMachine> {
    const built = new Map<string, OneListStateMachine>();
    const machines = new Map<string, StateMachine>();
    for (const d of startOrder(declarations)) {
      const sm = new OneListStateMachine(this, stateMachineConstructId(d.id), {
        declaration: d,
        resources: { functions: this.functions, stateMachines: machines },
        logRetention: this.settings.stateMachineLogRetention,
        logRemovalPolicy: this.settings.logRemovalPolicy,
      });
      built.set(d.id, sm);
      machines.set(d.id, sm.stateMachine);
      new CfnOutput(this, `${d.id}StateMachineArn`, {
        value: sm.stateMachine.stateMachineArn,
        description: `ARN of the ${d.id} state machine`,
      });
    }
    return built;
  }

  /**
   * `starts`: the machine's `arnEnvVar` → ARN, StartExecution on it, Describe/StopExecution on
   * its executions. `signals`: SendTask* on it, in a policy the function does not depend on.
   */
  private connectFunctionsToStateMachines(
    declarations: readonly FunctionDeclaration[],
    machineDeclarations: readonly StateMachineDeclaration[],
  ): void {
    assertNoStartCycle(declarations, machineDeclarations);
    for (const d of declarations) {
      const fn = this.functions.get(d.id) as OneListFunction;
      const machineOf = (smId: string, field: string) => {
        const sm = this.stateMachines.get(smId);
        const decl = machineDeclarations.find((m) => m.id === smId);
        if (!sm || !decl)
          throw new Error(`function ${d.id} ${field} state machine "${smId}", which is not declared`);
        return { sm: sm.stateMachine, decl };
      };
      for (const smId of d.starts) {
        const { sm, decl } = machineOf(smId, 'starts');
        fn.allowStartingExecutions(sm, decl.arnEnvVar);
      }
      for (const smId of d.observes ?? []) {
        const { sm, decl } = machineOf(smId, 'observes');
        fn.allowObservingExecutions(sm, decl.arnEnvVar);
      }
      fn.allowSignalling(d.signals.map((smId) => machineOf(smId, 'signals').sm));
      for (const smId of d.continues ?? []) {
        const { sm, decl } = machineOf(smId, 'continues');
        if (!decl.definitionHashEnvVar)
          throw new Error(
            `function ${d.id} continues state machine "${smId}", which declares no definitionHashEnvVar`,
          );
        fn.allowContinuing(sm);
        fn.addEnvironment(decl.definitionHashEnvVar, this.stateMachines.get(smId)!.definitionHash);
        fn.addEnvironment(HAND_OVER_ENV.afterDays, String(HAND_OVER_DEFAULTS.afterDays));
        fn.addEnvironment(HAND_OVER_ENV.afterEvents, String(HAND_OVER_DEFAULTS.afterEvents));
      }
    }
  }
}

/**
 * A function that `starts` a machine holds its ARN, so it is created after the machine, which is
 * created after the functions it invokes and the machines it starts. If following those edges
 * leads back to the function, CloudFormation finds a cycle: say so in the declarations' terms.
 */
export function assertNoStartCycle(
  functions: readonly FunctionDeclaration[],
  machines: readonly StateMachineDeclaration[],
): void {
  const fnById = new Map(functions.map((f) => [f.id, f]));
  const smById = new Map(machines.map((m) => [m.id, m]));
  const next = (node: string): string[] => {
    const [kind, id] = node.split(':') as ['fn' | 'sm', string];
    if (kind === 'fn') {
      const f = fnById.get(id);
      return [...(f?.starts ?? []), ...(f?.observes ?? [])].map((m) => `sm:${m}`);
    }
    const m = smById.get(id);
    return m ? [...m.invokes.map((f) => `fn:${f}`), ...m.starts.map((c) => `sm:${c}`)] : [];
  };
  for (const f of functions) {
    const start = `fn:${f.id}`;
    const seen = new Set<string>();
    const walk = (node: string, path: readonly string[]): void => {
      for (const n of next(node)) {
        if (n === start) {
          throw new Error(
            `function ${f.id} starts a state machine that leads back to it (${[...path, n].map((x) => x.slice(3)).join(' → ')}): ` +
              'a function that a machine invokes may signal it (`signals`) but not hold its ARN (`starts`)',
          );
        }
        if (seen.has(n)) continue;
        seen.add(n);
        walk(n, [...path, n]);
      }
    };
    walk(start, [start]);
  }
}

/**
 * Construct id of a declared machine: `<id>StateMachine`, so that a machine may share its
 * declared id with a function (the Evaluation function and the Evaluation machine).
 */
export const stateMachineConstructId = (id: string): string => `${id}StateMachine`;

/** Declarations ordered so that every machine comes after the machines it starts. */
export function startOrder(declarations: readonly StateMachineDeclaration[]): StateMachineDeclaration[] {
  const byId = new Map(declarations.map((d) => [d.id, d]));
  if (byId.size !== declarations.length) throw new Error('state machine ids must be unique');
  const ordered: StateMachineDeclaration[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (d: StateMachineDeclaration, path: readonly string[]): void => {
    if (state.get(d.id) === 'done') return;
    if (state.get(d.id) === 'visiting') {
      throw new Error(`state machines start each other in a cycle: ${[...path, d.id].join(' → ')}`);
    }
    state.set(d.id, 'visiting');
    for (const childId of d.starts) {
      const child = byId.get(childId);
      if (!child) throw new Error(`state machine ${d.id} starts "${childId}", which is not declared`);
      visit(child, [...path, d.id]);
    }
    state.set(d.id, 'done');
    ordered.push(d);
  };
  for (const d of declarations) visit(d, []);
  return ordered;
}

/**
 * The one declaration of every Lambda function. The CDK stack builds a NodejsFunction per
 * entry; the local runtime imports the same module and calls the same export.
 */
/**
 * What a function may do with the data of its tables. Least privilege: a function that only
 * reads gets `read`; nothing gets `dynamodb:Scan` (no access pattern scans, see
 * ARCHITECTURE.md) nor any table management action.
 */
export type TableAccess = 'read' | 'readwrite';

/**
 * The DynamoDB actions of each access level. A TransactWriteItems call needs the action of
 * each of its parts (Put/Update/Delete/ConditionCheckItem); there is no action of its own.
 */
export const TABLE_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  readwrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ],
};

/** The largest minified bundle of a function that declares no budget of its own (issue 11: 250 kB). */
export const DEFAULT_MAX_BUNDLE_BYTES = 250_000;

/**
 * What a lazy module's file exports: `default` (a CommonJS package: its `module.exports`, as
 * Node.js gives it) or `named` (an ES module's own exports).
 */
export type LazyExports = 'default' | 'named';

export interface FunctionDeclaration {
  /** CDK construct id; also the local function name (`arn:aws:lambda:local:000000000000:function:<id>`). */
  readonly id: string;
  /** Source file, relative to the project root. */
  readonly entry: string;
  /** Exported handler name. */
  readonly handler: string;
  readonly description: string;
  /** Tables (by logicalId) the function uses, with `access`. */
  readonly tables: readonly string[];
  /** What it may do with the data of its `tables`: `read` (reads only) or `readwrite`. */
  readonly access: TableAccess;
  /**
   * State machines (by id) whose executions it starts and stops: it gets the machine's ARN
   * in the variable the machine declares (`arnEnvVar`).
   */
  readonly starts: readonly string[];
  /**
   * State machines (by id) whose waiting tasks it resumes (SendTaskSuccess/Failure/Heartbeat).
   * Needs no ARN in the environment, so a machine may invoke a function that signals it.
   */
  readonly signals: readonly string[];
  /**
   * State machines (by id) whose executions it describes and whose history it reads (the
   * office's operations routes): it gets the machine's ARN in `arnEnvVar` and
   * DescribeExecution / GetExecutionHistory on the machine's executions, nothing that changes them.
   */
  readonly observes?: readonly string[];
  /**
   * State machines (by id) whose executions hand over to their next generation through it
   * (continue-as-new, the HandOver step): StartExecution on the machine and DescribeExecution
   * on its executions, in a policy the function does not depend on (the machine invokes it, so
   * its ARN comes in the task's payload, never in the environment); in its environment the
   * machine's deployed definition hash (`definitionHashEnvVar`) and the hand-over limits.
   */
  readonly continues?: readonly string[];
  /**
   * Event buses (by id, infra/resources/buses.ts) it puts events on: it gets the bus's name in
   * the bus's `envVar` and `events:PutEvents` on that bus only.
   */
  readonly publishes?: readonly string[];
  /**
   * Files copied beside the bundle, by name: their source (a package path, resolved from the
   * project root). The Documents function's CJK font.
   */
  readonly copies?: Readonly<Record<string, string>>;
  /**
   * The largest minified bundle (infra test, benchmark); default `DEFAULT_MAX_BUNDLE_BYTES`. Only a function that must carry
   * a heavy library (exceljs, pdfkit) declares more, measured.
   */
  readonly maxBundleBytes?: number;
  /**
   * Modules it imports at their first use (`await import(specifier)`), with what they export:
   * each is built into a file of its own beside the bundle and left out of it, so no cold start
   * compiles it (`LazyExports`, infra/constructs/one-list-function.ts).
   */
  readonly lazyPackages?: Readonly<Record<string, LazyExports>>;
  /** @default 30 */
  readonly timeoutSeconds?: number;
  /** @default 512 */
  readonly memorySize?: number;
}

export const functions: readonly FunctionDeclaration[] = [
  {
    id: 'WorkflowStep',
    entry: 'functions/handlers/workflow.ts',
    handler: 'handler',
    description:
      'Task states of the lifecycle workflows: records tokens, issues timer-driven orders, reads item state.',
    tables: ['MainTable'],
    access: 'readwrite',
    starts: [],
    signals: ['ItemLifecycle', 'Inquiry'],
    continues: ['ItemLifecycle', 'Inquiry'],
    timeoutSeconds: 30,
  },
  {
    id: 'ApiPublic',
    entry: 'functions/handlers/api-public.ts',
    handler: 'publicHandler',
    description:
      'Public, unauthenticated reads: the published list, notices, statistics, rankings, health, OpenAPI.',
    tables: ['MainTable'],
    access: 'read',
    starts: [],
    signals: [],
    timeoutSeconds: 10,
  },
  {
    id: 'ApiRead',
    entry: 'functions/handlers/api-read.ts',
    handler: 'readHandler',
    description: 'Authenticated reads: units, proposals, items, claims, progress, orders, history.',
    tables: ['MainTable'],
    access: 'read',
    starts: [],
    signals: [],
    observes: ['ItemLifecycle', 'Inquiry'],
    timeoutSeconds: 10,
  },
  {
    id: 'ApiWrite',
    entry: 'functions/handlers/api-write.ts',
    handler: 'writeHandler',
    description: 'Commands: declare, publish, claim, award, acknowledge, report, verify, answer, decide.',
    tables: ['MainTable'],
    access: 'readwrite',
    // Inquiry: the office's restart of an inquiry's workflow (POST /v1/ops/workflows/{id}/restart);
    // Reconcile: the office's run of the reconciler (POST /v1/ops/reconcile).
    starts: ['ItemLifecycle', 'Evaluation', 'Inquiry', 'Reconcile'],
    signals: ['ItemLifecycle', 'Inquiry'],
    timeoutSeconds: 29,
  },
  {
    id: 'ApiOffice',
    entry: 'functions/handlers/api-office.ts',
    handler: 'officeHandler',
    description:
      "The verbs of supervision (督办) and the office's daily tools: urging, extensions, reassignment, supporting units, referrals, rules as data, evidence and notifications settings.",
    tables: ['MainTable'],
    access: 'readwrite',
    // Reassignment and an approved extension move or restart the item's workflow.
    starts: ['ItemLifecycle'],
    signals: ['ItemLifecycle', 'Inquiry'],
    timeoutSeconds: 29,
  },
  {
    id: 'Documents',
    entry: 'functions/handlers/api-documents.ts',
    handler: 'documentsHandler',
    description:
      'Spreadsheet imports (items as drafts, monthly progress), templates, CSV/XLSX exports, printable orders (PDF).',
    tables: ['MainTable'],
    access: 'readwrite',
    starts: [],
    // The progress import wakes the item's workflow, as the progress route does.
    signals: ['ItemLifecycle'],
    // The font of the printed orders, beside the bundle (functions/app/order-pdf.ts).
    copies: {
      'noto-sans-sc-400.woff':
        '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff',
    },
    // exceljs at the first XLSX file, pdfkit with fontkit at the first printed order, csv-parse
    // and csv-stringify at the first CSV: 1.1 MB, 0.9 MB, 31 and 11 kB minified, beside the
    // bundle (which is then 175 kB) rather than compiled at every cold start.
    lazyPackages: {
      exceljs: 'default',
      pdfkit: 'default',
      'csv-parse/sync': 'named',
      'csv-stringify/sync': 'named',
    },
    timeoutSeconds: 29,
    memorySize: 1024,
  },
  {
    id: 'Notify',
    entry: 'functions/handlers/notify.ts',
    handler: 'handler',
    description:
      'Delivers the domain events of the bus (from its SQS queue): e-mail through SES, robot webhooks (WeCom, DingTalk, generic), once per event and address.',
    tables: ['MainTable'],
    access: 'readwrite',
    starts: [],
    signals: [],
    // The queue's visibility timeout is 6× this (infra/resources/notifications.ts).
    timeoutSeconds: 30,
  },
  {
    id: 'Evaluation',
    entry: 'functions/handlers/evaluation.ts',
    handler: 'handler',
    description: 'Periodic evaluation of every active item and the daily deadline sweep.',
    tables: ['MainTable'],
    access: 'readwrite',
    starts: [],
    signals: ['ItemLifecycle', 'Inquiry'],
    timeoutSeconds: 900,
    memorySize: 1024,
  },
  {
    id: 'Reconcile',
    entry: 'functions/handlers/reconcile.ts',
    handler: 'handler',
    description:
      'The reconciler: every active item and open inquiry whose execution is not RUNNING gets the next generation.',
    tables: ['MainTable'],
    access: 'readwrite',
    // DescribeExecution to look, StopExecution/StartExecution to restart: on these two only.
    starts: ['ItemLifecycle', 'Inquiry'],
    signals: [],
    timeoutSeconds: 900,
    memorySize: 1024,
  },
  {
    id: 'Relay',
    entry: 'functions/handlers/relay.ts',
    handler: 'handler',
    description:
      'The outbox relay: pending domain events onto the event bus (PutEvents), marked published with their notifications.',
    tables: ['MainTable'],
    access: 'readwrite',
    starts: [],
    signals: [],
    publishes: ['DomainEvents'],
    timeoutSeconds: 60,
  },
];

export function functionById(id: string): FunctionDeclaration {
  const fn = functions.find((f) => f.id === id);
  if (!fn) throw new Error(`no function declared with id ${id}`);
  return fn;
}

/**
 * OneListStack: everything One List runs on in AWS, built from the declarations in
 * `infra/resources/` (the one source of truth, also read by the local runtime). Nothing here
 * names a table key, an index, a handler file or a resource: add a table, a function or a state
 * machine by declaring it there. CloudFormation names every resource, except the state
 * machines, whose names are derived from the stack name and the declared id (see
 * `stateMachineNameOf` for why).
 */
import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { OneListFunction } from './constructs/one-list-function.ts';
import { OneListStateMachine } from './constructs/one-list-state-machine.ts';
import { functions as declaredFunctions, type FunctionDeclaration } from './resources/functions.ts';
import {
  stateMachines as declaredStateMachines,
  type StateMachineDeclaration,
} from './resources/state-machines.ts';
import { tables as declaredTables, type KeyDeclaration, type TableDeclaration } from './resources/tables.ts';

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
}

export const STAGE_SETTINGS: Readonly<Record<StageName, StageSettings>> = {
  prod: {
    tableRemovalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    logRemovalPolicy: RemovalPolicy.RETAIN,
    functionLogRetention: RetentionDays.SIX_MONTHS,
    stateMachineLogRetention: RetentionDays.ONE_YEAR,
  },
  dev: {
    tableRemovalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    logRemovalPolicy: RemovalPolicy.DESTROY,
    functionLogRetention: RetentionDays.ONE_WEEK,
    stateMachineLogRetention: RetentionDays.ONE_WEEK,
  },
};

/** The declarations the stack is built from. */
export interface Declarations {
  readonly tables: readonly TableDeclaration[];
  readonly functions: readonly FunctionDeclaration[];
  readonly stateMachines: readonly StateMachineDeclaration[];
}

export const DECLARATIONS: Declarations = {
  tables: declaredTables,
  functions: declaredFunctions,
  stateMachines: declaredStateMachines,
};

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
}

export class OneListStack extends Stack {
  public readonly stage: StageName;
  public readonly settings: StageSettings;
  /** By `TableDeclaration.logicalId`. */
  public readonly tables: ReadonlyMap<string, Table>;
  /** By `FunctionDeclaration.id`. */
  public readonly functions: ReadonlyMap<string, OneListFunction>;
  /** By `StateMachineDeclaration.id`. */
  public readonly stateMachines: ReadonlyMap<string, OneListStateMachine>;

  constructor(scope: Construct, id: string, props: OneListStackProps) {
    super(scope, id, props);
    this.stage = props.stage;
    this.settings = STAGE_SETTINGS[props.stage];
    const decl = props.declarations ?? DECLARATIONS;

    this.tables = this.buildTables(decl.tables, props.tableEncryptionKey);
    this.functions = this.buildFunctions(decl.functions, decl.tables, props.serviceName ?? 'one-list');
    this.stateMachines = this.buildStateMachines(decl.stateMachines);
    this.connectFunctionsToStateMachines(decl.functions, decl.stateMachines);

    // Extension points (not built yet), each fed by the maps above:
    // - HTTP API: an `OneListHttpApi` construct reading `infra/resources/routes.ts`, mapping each
    //   route to `this.functions.get(route.function)` (function declarations stay the only place
    //   that says which tables a handler touches).
    // - Cognito: a user pool + groups per role (commander, office, unit, manager, inspector);
    //   the HTTP API's JWT authorizer and the functions' verifier config come from it.
    // - EventBridge Scheduler: schedules from cdk.json context (`evaluationSchedule`,
    //   `deadlineSweepSchedule`) targeting `this.stateMachines` / `this.functions`.
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
  ): Map<string, OneListFunction> {
    const functions = new Map<string, OneListFunction>();
    for (const d of declarations) {
      const tables = d.tables.map((logicalId) => {
        const table = this.tables.get(logicalId);
        const td = tableDeclarations.find((t) => t.logicalId === logicalId);
        if (!table || !td)
          throw new Error(`function ${d.id} uses table "${logicalId}", which is not declared`);
        return { table, envVar: td.envVar };
      });
      functions.set(
        d.id,
        new OneListFunction(this, d.id, {
          entry: d.entry,
          handler: d.handler,
          description: d.description,
          timeout: Duration.seconds(d.timeoutSeconds ?? 30),
          memorySize: d.memorySize ?? 512,
          tables,
          serviceName,
          logRetention: this.settings.functionLogRetention,
          logRemovalPolicy: this.settings.logRemovalPolicy,
        }),
      );
    }
    return functions;
  }

  /**
   * Physical name of a state machine: the stack name and the declared id (`OneList-prod-Inquiry`),
   * never written down anywhere, like the local runtime derives local ARNs from the ids.
   *
   * Why machines have a name at all: a function learns a machine's ARN from the environment
   * (`StateMachineDeclaration.arnEnvVar`), and the same function is invoked by that machine
   * (WorkflowStep is invoked by ItemLifecycle and starts new ItemLifecycle executions). With a
   * CloudFormation-generated name the ARN exists only as `Ref` to the machine, and
   * function → machine (environment) → function (DefinitionSubstitutions, lambda:InvokeFunction)
   * is a cycle CloudFormation rejects. A name derived at synthesis lets `stateMachineArnOf`
   * build the ARN from pseudo parameters only, with no reference to the machine resource.
   * (IAM grants do not need this: see `OneListFunction.allowStateMachineAccess`.)
   */
  public stateMachineNameOf(id: string): string {
    return `${this.stackName}-${id}`;
  }

  /** The ARN of a declared machine without a reference to its resource (see `stateMachineNameOf`). */
  public stateMachineArnOf(id: string): string {
    return this.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: this.stateMachineNameOf(id),
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  /** Creates the machines children first (a machine that `starts` another needs its ARN). */
  private buildStateMachines(
    declarations: readonly StateMachineDeclaration[],
  ): Map<string, OneListStateMachine> {
    const built = new Map<string, OneListStateMachine>();
    const machines = new Map<string, StateMachine>();
    for (const d of startOrder(declarations)) {
      const sm = new OneListStateMachine(this, d.id, {
        declaration: d,
        resources: { functions: this.functions, tables: this.tables, stateMachines: machines },
        stateMachineName: this.stateMachineNameOf(d.id),
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
   * Each function declaring `stateMachines` gets each machine's `arnEnvVar` → ARN and may
   * start, list, describe, stop and signal its executions.
   */
  private connectFunctionsToStateMachines(
    declarations: readonly FunctionDeclaration[],
    machineDeclarations: readonly StateMachineDeclaration[],
  ): void {
    for (const d of declarations) {
      const fn = this.functions.get(d.id) as OneListFunction;
      const machines = d.stateMachines.map((smId) => {
        const sm = this.stateMachines.get(smId);
        const decl = machineDeclarations.find((m) => m.id === smId);
        if (!sm || !decl)
          throw new Error(`function ${d.id} uses state machine "${smId}", which is not declared`);
        fn.addEnvironment(decl.arnEnvVar, this.stateMachineArnOf(smId));
        return sm.stateMachine;
      });
      fn.allowStateMachineAccess(machines);
    }
  }
}

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

/**
 * What a product hands the local platform: its tables, functions, routes, state machines and
 * schedules, as plain data (plus one lazy loader per function). The package knows nothing
 * else about the product; the product builds these from its own declarations.
 */
import type { Context } from 'aws-lambda';

export interface KeySpec {
  readonly name: string;
  readonly type: 'S' | 'N';
}

/** A DynamoDB table, created on DynamoDB Local as `<prefix><logicalId>`. */
export interface TableSpec {
  readonly logicalId: string;
  /** The variable through which handlers learn the physical name. */
  readonly envVar: string;
  readonly partitionKey: KeySpec;
  readonly sortKey?: KeySpec;
  readonly globalSecondaryIndexes: readonly {
    readonly indexName: string;
    readonly partitionKey: KeySpec;
    readonly sortKey?: KeySpec;
  }[];
  readonly timeToLiveAttribute?: string;
}

/** A Lambda handler as it is exported for AWS. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown> | unknown;

/** A Lambda function: invoked by the engine and the gateway in this process. */
export interface FunctionSpec {
  /** The function name (`arn:aws:lambda:local:000000000000:function:<id>`). */
  readonly id: string;
  /** Imports the handler; called once, on first use (a warm Lambda). */
  load(): Promise<LambdaHandler>;
  /** @default 30 (the gateway and the runtime); Lambda's 3 s for a bare engine */
  readonly timeoutSeconds?: number;
  /** @default 512 */
  readonly memorySize?: number;
}

/** What replaces one `${Name}` placeholder of an ASL file (CloudFormation DefinitionSubstitutions). */
export type SubstitutionSpec =
  | { readonly function: string } // the ARN of a declared function
  | { readonly stateMachine: string } // the ARN of a declared state machine
  | { readonly table: string } // the physical name of a declared table (by logicalId)
  | { readonly integration: string } // `arn:aws:states:::<integration>`
  | { readonly value: string } // a literal
  | { readonly definitionHash: true }; // `definitionHash(file text)`, see LocalDeclarations

export interface StateMachineSpec {
  readonly id: string;
  /** The variable through which functions learn the machine's ARN. */
  readonly arnEnvVar: string;
  /** Set to the definition's hash (and updated on redeploy), when the product versions definitions. */
  readonly definitionHashEnvVar?: string;
  /** The ASL file, absolute. */
  readonly file: string;
  readonly substitutions: Readonly<Record<string, SubstitutionSpec>>;
}

/** An EventBridge Scheduler schedule that starts a state machine or invokes a function. */
export interface ScheduleSpec {
  readonly id: string;
  /** `cron(min hour dom month dow year)` or `rate(n unit)`, as deployed. */
  readonly expression: string;
  readonly timeZone: string;
  /** The machine it starts (by id), or else `function`. */
  readonly stateMachine?: string;
  /** The function it invokes (by id), when it starts no machine. */
  readonly function?: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/**
 * An HTTP API route. `auth: 'public'` takes no token; anything else needs a token the
 * gateway's verifier accepts (roles are the function's business, as with a JWT authorizer).
 */
export interface RouteSpec {
  readonly method: string;
  /** API Gateway path syntax: `{name}` parameters. */
  readonly path: string;
  /** The id of the function that serves it. */
  readonly function: string;
  readonly auth: 'public' | 'jwt' | readonly string[];
}

export interface LocalDeclarations {
  readonly tables: readonly TableSpec[];
  readonly functions: readonly FunctionSpec[];
  readonly stateMachines: readonly StateMachineSpec[];
  readonly schedules?: readonly ScheduleSpec[];
  readonly routes?: readonly RouteSpec[];
  /**
   * The version of an ASL file's text (the `{ definitionHash: true }` substitution and
   * `definitionHashEnvVar`): the product's own function, so that CDK and the local runtime
   * compute the same value. @default the first 16 hex digits of its SHA-256
   */
  readonly definitionHash?: (aslText: string) => string;
}

export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>): string => `${r.method} ${r.path}`;

/** Each function's handler, imported once (the runtime and every gateway share it). */
const loaded = new WeakMap<FunctionSpec, Promise<LambdaHandler>>();

export function handlerOf(fn: FunctionSpec): Promise<LambdaHandler> {
  let h = loaded.get(fn);
  if (!h) {
    h = fn.load();
    loaded.set(fn, h);
    // A failed import is tried again on the next call.
    h.catch(() => loaded.delete(fn));
  }
  return h;
}

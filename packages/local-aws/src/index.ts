/**
 * @one-list/local-aws: the AWS services a serverless product needs, on one machine —
 * DynamoDB Local, a Step Functions engine on a virtual clock, an HTTP API gateway with a
 * JWT authorizer, EventBridge Scheduler, Cognito-style tokens. One entry point:
 *
 *   const rt = await startLocalRuntime(declarations, options);
 *
 * (README.md: what it emulates, what it does not, every deviation from AWS.)
 */
export type {
  FunctionSpec,
  KeySpec,
  LambdaHandler,
  LocalDeclarations,
  RouteSpec,
  ScheduleSpec,
  StateMachineSpec,
  SubstitutionSpec,
  TableSpec,
} from './declarations.ts';
export { routeKey } from './declarations.ts';
export {
  createTables,
  type DynamoDbExit,
  type DynamoDbInstall,
  type DynamoDbLocal,
  localClientConfig,
  startDynamoDbLocal,
} from './dynamodb.ts';
export { type LocalEndpoints, readEndpoints, removeEndpoints, writeEndpoints } from './endpoints.ts';
export {
  type EventPatternSpec,
  type EventRuleSpec,
  type LocalEventBridge,
  type LocalEventBridgeOptions,
  localEventBridge,
  matchesPattern,
  type QueuedMessage,
  type QueueSpec,
  startLocalEventBridge,
} from './events.ts';
export {
  type AccessLogEntry,
  type CorsSettings,
  flattenClaims,
  GATEWAY_MESSAGES,
  type Gateway,
  type GatewayEvent,
  type GatewayExtra,
  type GatewayOptions,
  MAX_GATEWAY_BODY_BYTES,
  startGateway,
  type Throttle,
  TokenBucket,
} from './gateway.ts';
export {
  LOCAL_ACCOUNT,
  LOCAL_PARTITION,
  LOCAL_REGION,
  localFunctionArn,
  localStateMachineArn,
} from './ids.ts';
export {
  type DynamoDbEvent,
  type LocalRuntime,
  type LocalService,
  type LocalServiceContext,
  type LocalServiceFactory,
  type RuntimeHooks,
  type RuntimeOptions,
  STANDARD_EXECUTION_LIFETIME_SECONDS,
  sha256Prefix,
  startLocalRuntime,
  watchStateMachines,
} from './runtime.ts';
export { type LocalSchedule, localSchedules, toCronPattern } from './scheduler.ts';
export * from './sfn/index.ts';
export {
  CLOCK_TOLERANCE_SECONDS,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  type LocalKeys,
  localKeys,
  localVerifier,
  type MintOptions,
  mintToken,
  TokenRejected,
  type TokenVerifier,
} from './tokens.ts';

/** The local Step Functions engine: public API in one import. */
export type {
  DescribeExecutionOutput,
  DescribeStateMachineOutput,
  ExecutionListItem,
  ExecutionStatus,
  GetExecutionHistoryOutput,
  HistoryEvent,
  HistoryEventType,
  ListExecutionsOutput,
  ListStateMachinesOutput,
  StartExecutionOutput,
  StopExecutionOutput,
} from './api-types.ts';
export { type Clock, EngineClock, type EngineClockOptions } from './clock.ts';
export {
  type CreateStateMachineInput,
  type CurrentState,
  type GetExecutionHistoryInput,
  type ListExecutionsInput,
  LocalStepFunctions,
  type LocalStepFunctionsOptions,
  type StartExecutionInput,
  type StateMatch,
} from './engine.ts';
export { SfnApiError, type SfnErrorCode, TaskError } from './errors.ts';
export type { FunctionRegistry, LocalFunction } from './integrations/types.ts';
export type { JsonObject, JsonValue } from './json.ts';
export { loadDefinition, substitute } from './load.ts';
export { type SfnServer, type SfnServerOptions, startSfnServer } from './server.ts';

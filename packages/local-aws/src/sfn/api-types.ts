/**
 * Outputs of the engine API: the `@aws-sdk/client-sfn` shapes (so they are what the SDK
 * returns over HTTP) with the members AWS always returns made non-optional, so that
 * in-process callers need no `?? ''` after every call.
 */
import type * as Sfn from '@aws-sdk/client-sfn';

type Defined<T, K extends keyof T> = T & { [P in K]-?: Exclude<T[P], undefined> };

export type HistoryEvent = Defined<Sfn.HistoryEvent, 'timestamp' | 'type' | 'id' | 'previousEventId'>;
export type HistoryEventType = Sfn.HistoryEventType;
export type ExecutionStatus = Sfn.ExecutionStatus;

export type StartExecutionOutput = Defined<Sfn.StartExecutionOutput, 'executionArn' | 'startDate'>;

export type DescribeExecutionOutput = Defined<
  Sfn.DescribeExecutionOutput,
  'executionArn' | 'stateMachineArn' | 'name' | 'status' | 'startDate' | 'input'
>;

export type ExecutionListItem = Defined<
  Sfn.ExecutionListItem,
  'executionArn' | 'stateMachineArn' | 'name' | 'status' | 'startDate'
>;

export interface ListExecutionsOutput {
  executions: ExecutionListItem[];
  nextToken?: string;
}

export interface GetExecutionHistoryOutput {
  events: HistoryEvent[];
  nextToken?: string;
}

export interface StopExecutionOutput {
  stopDate: Date;
}

export type DescribeStateMachineOutput = Defined<
  Sfn.DescribeStateMachineOutput,
  'stateMachineArn' | 'name' | 'status' | 'definition' | 'roleArn' | 'type' | 'creationDate'
>;

export type StateMachineListItem = Defined<
  Sfn.StateMachineListItem,
  'stateMachineArn' | 'name' | 'type' | 'creationDate'
>;

export interface ListStateMachinesOutput {
  stateMachines: StateMachineListItem[];
  nextToken?: string;
}

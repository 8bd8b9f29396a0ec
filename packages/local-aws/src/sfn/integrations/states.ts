/**
 * Step Functions: `arn:aws:states:::states:startExecution` starts a child execution in
 * this engine; `.sync` and `.sync:2` wait for it (stopping the child if the parent's task
 * is stopped or times out, as AWS does) and return its description.
 */
import type { DescribeExecutionOutput } from '../api-types.ts';
import { TaskError } from '../errors.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import type { IntegrationContext } from './types.ts';

function parseJson(text: string | undefined): JsonValue {
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/** DescribeExecution as the `.sync` integrations return it (PascalCase, epoch-ms dates). */
function syncOutput(d: DescribeExecutionOutput, parseData: boolean): JsonObject {
  const out: JsonObject = {
    ExecutionArn: d.executionArn ?? null,
    StateMachineArn: d.stateMachineArn ?? null,
    Name: d.name ?? null,
    Status: d.status ?? null,
    StartDate: d.startDate?.getTime() ?? null,
    StopDate: d.stopDate?.getTime() ?? null,
    Input: parseData ? parseJson(d.input) : (d.input ?? null),
    InputDetails: { Included: true },
  };
  if (d.output !== undefined) {
    out.Output = parseData ? parseJson(d.output) : d.output;
    out.OutputDetails = { Included: true };
  }
  if (d.error !== undefined) out.Error = d.error;
  if (d.cause !== undefined) out.Cause = d.cause;
  return out;
}

export async function startExecution(
  params: JsonValue,
  context: IntegrationContext,
  mode: 'request' | 'sync' | 'sync:2',
): Promise<JsonValue> {
  if (!isJsonObject(params) || typeof params.StateMachineArn !== 'string') {
    throw new TaskError(
      'StepFunctions.InvalidArnException',
      'states:startExecution needs Parameters.StateMachineArn',
    );
  }
  const input =
    params.Input === undefined
      ? undefined
      : typeof params.Input === 'string'
        ? params.Input
        : JSON.stringify(params.Input);
  let started: { executionArn?: string; startDate?: Date };
  try {
    started = await context.services.startExecution({
      stateMachineArn: params.StateMachineArn,
      name: typeof params.Name === 'string' ? params.Name : undefined,
      input,
    });
  } catch (err) {
    const name = err instanceof Error ? err.name : 'Error';
    throw new TaskError(`StepFunctions.${name}Exception`, err instanceof Error ? err.message : String(err));
  }
  const executionArn = started.executionArn as string;
  if (mode === 'request') {
    return { ExecutionArn: executionArn, StartDate: started.startDate?.getTime() ?? null };
  }
  const stopChild = () => {
    context.services
      .stopExecution({ executionArn, error: 'States.Aborted', cause: 'The parent execution task ended' })
      .catch(() => {});
  };
  if (context.signal.aborted) stopChild();
  else context.signal.addEventListener('abort', stopChild, { once: true });
  try {
    const done = await context.services.waitForExecution(executionArn);
    const output = syncOutput(done, mode === 'sync:2');
    if (done.status !== 'SUCCEEDED') throw new TaskError('States.TaskFailed', JSON.stringify(output));
    return output;
  } finally {
    context.signal.removeEventListener('abort', stopChild);
  }
}

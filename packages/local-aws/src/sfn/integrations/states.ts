/**
 * Step Functions: `arn:aws:states:::states:startExecution` starts a child execution in this
 * engine and returns at once (the request-response pattern, the only one the product uses:
 * `.sync` and `.waitForTaskToken` are refused as unsupported resources).
 */
import { TaskError } from '../errors.ts';
import { isJsonObject, type JsonValue } from '../json.ts';
import type { IntegrationContext } from './types.ts';

export async function startExecution(params: JsonValue, context: IntegrationContext): Promise<JsonValue> {
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
  return { ExecutionArn: started.executionArn ?? null, StartDate: started.startDate?.getTime() ?? null };
}

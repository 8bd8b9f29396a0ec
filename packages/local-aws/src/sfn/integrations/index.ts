/**
 * Resource ARN → integration. The ARNs are the ones the ASL uses on AWS; anything the
 * engine cannot run fails the task with States.Runtime naming the resource. Only what the
 * product's ASL files use is here (README.md, "Trimmed").
 */
import { StatesRuntimeError } from '../errors.ts';
import { lambdaInvoke } from './lambda.ts';
import { startExecution } from './states.ts';
import type { Integration, IntegrationPattern } from './types.ts';

export type * from './types.ts';

const SERVICE_ARN = /^arn:aws[\w-]*:states:::([\w-]+):([\w.-]+)$/;
const CALLBACK = '.waitForTaskToken';

export function resolveIntegration(resourceArn: string): Integration | undefined {
  const match = SERVICE_ARN.exec(resourceArn);
  if (!match) return undefined;
  const service = match[1] as string;
  const action = match[2] as string;
  const pattern: IntegrationPattern = action.endsWith(CALLBACK) ? 'callback' : 'request';
  const base = pattern === 'callback' ? action.slice(0, -CALLBACK.length) : action;
  const make = (call: Integration['call']): Integration => ({
    resourceType: service,
    resource: action,
    pattern,
    call,
  });

  if (service === 'lambda' && base === 'invoke') {
    return make((params, ctx) => lambdaInvoke(ctx.services, params));
  }
  if (service === 'states' && base === 'startExecution' && pattern === 'request') {
    return make((params, ctx) => startExecution(params, ctx));
  }
  return undefined;
}

export function unsupportedResource(resourceArn: string): StatesRuntimeError {
  return new StatesRuntimeError(
    `The local Step Functions engine does not support the resource '${resourceArn}'. Supported: ` +
      'lambda:invoke[.waitForTaskToken], states:startExecution',
  );
}

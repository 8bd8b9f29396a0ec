/**
 * Resource ARN → integration. The ARNs are the ones the ASL uses on AWS; anything the
 * engine cannot run fails the task with States.Runtime naming the resource.
 */
import { StatesRuntimeError } from '../errors.ts';
import { dynamoDbCall, isDynamoDbAction } from './dynamodb.ts';
import { putEvents } from './events.ts';
import { invokeFunction, isFunctionArn, lambdaInvoke } from './lambda.ts';
import { startExecution } from './states.ts';
import type { Integration, IntegrationPattern } from './types.ts';

export type * from './types.ts';

const SERVICE_ARN = /^arn:aws[\w-]*:states:::([\w-]+):([\w.-]+(?::[\w.-]+)?)$/;
const SUFFIXES: ReadonlyArray<[string, IntegrationPattern, string]> = [
  ['.waitForTaskToken', 'callback', ''],
  ['.sync:2', 'sync', ':2'],
  ['.sync', 'sync', ''],
];

function splitPattern(action: string): { base: string; pattern: IntegrationPattern; variant: string } {
  for (const [suffix, pattern, variant] of SUFFIXES) {
    if (action.endsWith(suffix)) return { base: action.slice(0, -suffix.length), pattern, variant };
  }
  return { base: action, pattern: 'request', variant: '' };
}

export function resolveIntegration(resourceArn: string): Integration | undefined {
  if (isFunctionArn(resourceArn)) {
    return {
      resourceType: 'lambda',
      resource: resourceArn,
      pattern: 'request',
      historyKind: 'lambda',
      call: (params, ctx) => invokeFunction(ctx.services, resourceArn, params),
    };
  }
  const match = SERVICE_ARN.exec(resourceArn);
  if (!match) return undefined;
  const service = match[1] as string;
  const action = match[2] as string;
  const { base, pattern, variant } = splitPattern(action);
  const make = (call: Integration['call']): Integration => ({
    resourceType: service,
    resource: action,
    pattern,
    historyKind: 'task',
    call,
  });

  if (service === 'lambda' && base === 'invoke' && pattern !== 'sync') {
    return make((params, ctx) => lambdaInvoke(ctx.services, params));
  }
  if (service === 'dynamodb' && isDynamoDbAction(base) && pattern === 'request') {
    return make((params, ctx) => dynamoDbCall(ctx.services, base, params, 'DynamoDB'));
  }
  if (service === 'aws-sdk' && base.startsWith('dynamodb:') && pattern === 'request') {
    const sdkAction = base.slice('dynamodb:'.length);
    if (isDynamoDbAction(sdkAction)) {
      return make((params, ctx) => dynamoDbCall(ctx.services, sdkAction, params, 'DynamoDb'));
    }
  }
  if (service === 'events' && base === 'putEvents' && pattern !== 'sync') {
    return make(async (params, ctx) => putEvents(params, ctx));
  }
  if (service === 'states' && base === 'startExecution') {
    const mode = pattern === 'sync' ? (variant === ':2' ? 'sync:2' : 'sync') : 'request';
    return make((params, ctx) => startExecution(params, ctx, mode));
  }
  return undefined;
}

export function unsupportedResource(resourceArn: string): StatesRuntimeError {
  return new StatesRuntimeError(
    `The local Step Functions engine does not support the resource '${resourceArn}'. Supported: ` +
      'lambda:invoke[.waitForTaskToken], Lambda function ARNs, dynamodb:getItem|putItem|updateItem|deleteItem|query|scan, ' +
      'aws-sdk:dynamodb:<same actions>, events:putEvents[.waitForTaskToken], states:startExecution[.sync|.sync:2|.waitForTaskToken]',
  );
}

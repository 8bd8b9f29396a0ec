/**
 * DynamoDB: `arn:aws:states:::dynamodb:<action>` (the optimized integration) and
 * `arn:aws:states:::aws-sdk:dynamodb:<action>`. Parameters are the low-level API input in
 * DynamoDB JSON, exactly as on AWS, so they go to the SDK command unchanged; the client
 * takes its endpoint from AWS_ENDPOINT_URL_DYNAMODB like the application's clients.
 */
import {
  DeleteItemCommand,
  type DeleteItemCommandInput,
  type DynamoDBClient,
  GetItemCommand,
  type GetItemCommandInput,
  PutItemCommand,
  type PutItemCommandInput,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  type ScanCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { TaskError } from '../errors.ts';
import { isJsonObject, type JsonObject, type JsonValue, toJson } from '../json.ts';
import type { EngineServices } from './types.ts';

type Action = 'getItem' | 'putItem' | 'updateItem' | 'deleteItem' | 'query' | 'scan';

export const DYNAMODB_ACTIONS: readonly Action[] = [
  'getItem',
  'putItem',
  'updateItem',
  'deleteItem',
  'query',
  'scan',
];

export function isDynamoDbAction(action: string): action is Action {
  return (DYNAMODB_ACTIONS as readonly string[]).includes(action);
}

/** The SDK exception names Step Functions reports under their own name; others are generic. */
const NAMED_EXCEPTIONS = new Set([
  'ConditionalCheckFailedException',
  'ItemCollectionSizeLimitExceededException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ResourceNotFoundException',
  'TransactionConflictException',
  'InternalServerError',
]);

/** The Parameters are the API input: they go to the command as they are. */
function send(client: DynamoDBClient, action: Action, input: JsonObject): Promise<object> {
  switch (action) {
    case 'getItem':
      return client.send(new GetItemCommand(input as unknown as GetItemCommandInput));
    case 'putItem':
      return client.send(new PutItemCommand(input as unknown as PutItemCommandInput));
    case 'updateItem':
      return client.send(new UpdateItemCommand(input as unknown as UpdateItemCommandInput));
    case 'deleteItem':
      return client.send(new DeleteItemCommand(input as unknown as DeleteItemCommandInput));
    case 'query':
      return client.send(new QueryCommand(input as unknown as QueryCommandInput));
    case 'scan':
      return client.send(new ScanCommand(input as unknown as ScanCommandInput));
  }
}

/**
 * `prefix` is "DynamoDB" for the optimized integration (errors like
 * DynamoDB.ConditionalCheckFailedException) and "DynamoDb" for aws-sdk integrations.
 */
export async function dynamoDbCall(
  services: EngineServices,
  action: Action,
  params: JsonValue,
  prefix: 'DynamoDB' | 'DynamoDb',
): Promise<JsonValue> {
  if (!isJsonObject(params))
    throw new TaskError(`${prefix}.ValidationException`, `dynamodb:${action} needs Parameters`);
  let output: object;
  try {
    output = await send(services.dynamodb(), action, params);
  } catch (err) {
    const name = err instanceof Error ? err.name : 'Error';
    const message = err instanceof Error ? err.message : String(err);
    const error =
      prefix === 'DynamoDB' && !NAMED_EXCEPTIONS.has(name)
        ? 'DynamoDB.AmazonDynamoDBException'
        : `${prefix}.${name}`;
    throw new TaskError(error, `${message} (Service: DynamoDb, Error Code: ${name})`);
  }
  const { $metadata: _metadata, ...rest } = output as { $metadata?: unknown };
  return toJson(rest);
}

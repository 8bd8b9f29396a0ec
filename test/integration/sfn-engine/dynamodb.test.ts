import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStepFunctions } from '../../../infra/local/sfn/engine.ts';
import { freshTables } from '../../support/tables.ts';
import { fixture, frozenEngine, historyOf, outputOf } from '../../unit/sfn-engine/support.ts';

let engine: LocalStepFunctions;
let tableName: string;
let stateMachineArn: string;

beforeAll(async () => {
  const env = await freshTables();
  tableName = env.MAIN_TABLE_NAME ?? '';
  engine = frozenEngine().engine;
  stateMachineArn = engine.createStateMachine({
    name: 'Store',
    definition: fixture('dynamodb', { TableName: tableName }),
  });
});

afterAll(async () => {
  await engine.close();
});

describe('DynamoDB service integration against DynamoDB Local', () => {
  it('puts an item and reads it back through dynamodb:putItem / dynamodb:getItem', async () => {
    const { executionArn } = await engine.startExecution({
      stateMachineArn,
      input: { id: 'I-42', title: 'Fix the roof' },
    });
    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toEqual({
      id: 'I-42',
      title: 'Fix the roof',
      stored: { title: 'Fix the roof', version: '1' },
    });

    const client = new DynamoDBClient({});
    const stored = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { PK: { S: 'ITEM#I-42' }, SK: { S: 'META' } } }),
    );
    client.destroy();
    expect(stored.Item).toEqual({
      PK: { S: 'ITEM#I-42' },
      SK: { S: 'META' },
      title: { S: 'Fix the roof' },
      version: { N: '1' },
    });

    const history = await historyOf(engine, executionArn);
    const scheduled = history
      .filter((e) => e.type === 'TaskScheduled')
      .map((e) => e.taskScheduledEventDetails);
    expect(scheduled.map((s) => `${s?.resourceType}:${s?.resource}`)).toEqual([
      'dynamodb:putItem',
      'dynamodb:getItem',
    ]);
    expect(JSON.parse(scheduled[0]?.parameters ?? '{}')).toMatchObject({
      TableName: tableName,
      Item: { PK: { S: 'ITEM#I-42' } },
    });
  });

  it('raises DynamoDB.ConditionalCheckFailedException, which Catch matches by name', async () => {
    const { executionArn } = await engine.startExecution({
      stateMachineArn,
      input: { id: 'I-42', title: 'Again' },
    });
    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toMatchObject({
      outcome: 'duplicate',
      error: { Error: 'DynamoDB.ConditionalCheckFailedException' },
    });
  });

  it('fails the task on an unknown table with the DynamoDB error name', async () => {
    const arn = engine.createStateMachine({
      name: 'NoTable',
      definition: fixture('dynamodb', { TableName: 'no-such-table' }),
    });
    const { executionArn } = await engine.startExecution({
      stateMachineArn: arn,
      input: { id: 'x', title: 'y' },
    });
    const done = await engine.waitForExecution(executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'DynamoDB.ResourceNotFoundException' });
  });
});

// The e2e project's own DynamoDB Local (in memory): a separate module from the integration
// suite's test/support/global-dynamodb.ts, so each project stops the instance it started.
import type { TestProject } from 'vitest/node';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../infra/local/dynamodb.ts';

let ddb: DynamoDbLocal | undefined;

export async function setup(project: TestProject) {
  ddb = await startDynamoDbLocal();
  project.provide('dynamoDbEndpoint', ddb.endpoint);
}

export async function teardown() {
  await ddb?.stop();
}

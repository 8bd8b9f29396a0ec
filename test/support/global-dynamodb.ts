// Starts one in-memory DynamoDB Local for the whole integration suite; each test file
// creates its own tables under a unique prefix (see test/support/tables.ts).

import type { DynamoDbLocal } from '@one-list/local-aws';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/platform.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

let ddb: DynamoDbLocal | undefined;

export async function setup(project: TestProject) {
  ddb = await startDynamoDbLocal();
  project.provide('dynamoDbEndpoint', ddb.endpoint);
}

export async function teardown() {
  await ddb?.stop();
}

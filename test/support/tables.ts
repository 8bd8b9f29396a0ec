import { randomUUID } from 'node:crypto';
import { createTables } from '../../infra/local/platform.ts';

/** Creates fresh tables for one test file and points the table env vars at them. */
export async function freshTables(): Promise<Record<string, string>> {
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!endpoint) throw new Error('AWS_ENDPOINT_URL_DYNAMODB is not set: run under the integration project');
  const env = await createTables(endpoint, `t${randomUUID().slice(0, 8)}-`);
  Object.assign(process.env, env);
  return env;
}

/**
 * `npm run executions [-- --all] [--item <id>] [--json]`: lists workflow executions with their
 * item or order, current state, what they wait for and since when. Locally it uses the
 * endpoints the running `npm start` wrote to .data/endpoints.json; against AWS, your usual
 * credentials and region (any AWS_* variable set means AWS, as the SDK reads them).
 */
import { parseArgs } from 'node:util';
import { SFNClient } from '@aws-sdk/client-sfn';
import { formatRows, listExecutionRows } from '../infra/ops/executions.ts';
import { runTool, toolEnvironment } from './tool.ts';

export async function main(argv = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      all: { type: 'boolean', default: false },
      item: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  toolEnvironment();
  const client = new SFNClient({ maxAttempts: 2 });
  try {
    const rows = await listExecutionRows(client, {
      ...(values.all ? {} : { status: 'RUNNING' }),
      ...(values.item ? { subject: values.item } : {}),
    });
    console.log(
      values.json ? JSON.stringify(rows, null, 2) : rows.length ? formatRows(rows) : 'no executions',
    );
  } finally {
    client.destroy();
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) await runTool(main);

/**
 * `npm run executions [-- --all] [--item <id>]`: lists workflow executions with their item
 * or order, current state, what they wait for and since when. Against the local engine set
 * AWS_ENDPOINT_URL_SFN (npm start prints it); against AWS, your usual credentials and region.
 */
import { parseArgs } from 'node:util';
import { SFNClient } from '@aws-sdk/client-sfn';
import { formatRows, listExecutionRows } from '../infra/ops/executions.ts';

const { values } = parseArgs({
  options: {
    all: { type: 'boolean', default: false },
    item: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const client = new SFNClient({});
const rows = await listExecutionRows(client, {
  ...(values.all ? {} : { status: 'RUNNING' }),
  ...(values.item ? { subject: values.item } : {}),
});
console.log(values.json ? JSON.stringify(rows, null, 2) : rows.length ? formatRows(rows) : 'no executions');
client.destroy();

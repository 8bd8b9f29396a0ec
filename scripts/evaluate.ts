/**
 * `npm run evaluate -- --period 2022-06 [--sweep]`: starts the Evaluation workflow now, as the
 * monthly schedule would, and prints its result. Plain Step Functions SDK calls: locally the
 * endpoints the running `npm start` wrote to .data/endpoints.json; against AWS, your
 * credentials and region.
 */
import { parseArgs } from 'node:util';
import {
  DescribeExecutionCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { runTool, ToolError, toolEnvironment } from './tool.ts';

export async function main(argv = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { period: { type: 'string' }, sweep: { type: 'boolean', default: false } },
  });
  if (!values.sweep && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.period ?? '')) {
    console.error('usage: npm run evaluate -- --period YYYY-MM   (or --sweep for the deadline sweep)');
    return 2;
  }
  toolEnvironment();
  const client = new SFNClient({ maxAttempts: 2 });
  try {
    const machines = (await client.send(new ListStateMachinesCommand({}))).stateMachines ?? [];
    // Locally the machine is named after its declaration id; CDK-generated names contain it.
    const machine =
      machines.find((m) => m.name === 'Evaluation') ?? machines.find((m) => m.name?.includes('Evaluation'));
    if (!machine?.stateMachineArn) throw new ToolError('no Evaluation state machine found at this endpoint');
    const input = values.sweep ? { job: 'sweep' } : { job: 'evaluate', period: values.period };
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: machine.stateMachineArn,
        name: `manual-${values.sweep ? 'sweep' : values.period}-${Date.now()}`,
        input: JSON.stringify(input),
      }),
    );
    // The workflow's own task timeout is 15 minutes; give up a little after that.
    const giveUpAt = Date.now() + 16 * 60_000;
    for (;;) {
      if (Date.now() > giveUpAt) throw new ToolError(`still running after 16 minutes: ${executionArn}`);
      const d = await client.send(new DescribeExecutionCommand({ executionArn }));
      if (d.status !== 'RUNNING') {
        console.log(`${d.status}: ${d.output ?? d.cause ?? ''}`);
        return d.status === 'SUCCEEDED' ? 0 : 1;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    client.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runTool(main);

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

/** One line for a failed run: a refused period says why (its code first), anything else its error. */
function failure(status: string, error: string | undefined, cause: string | undefined): string {
  let message = cause ?? '';
  try {
    message = (JSON.parse(cause ?? '') as { errorMessage?: string }).errorMessage ?? message;
  } catch {
    // The cause is not Lambda's JSON report: print it as it is.
  }
  if (error === 'RuleViolation') return `evaluation refused: ${message}`;
  return `${status}${error ? ` (${error})` : ''}: ${message}`;
}

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
      if (d.status === 'SUCCEEDED') {
        console.log(`${d.status}: ${d.output ?? ''}`);
        return 0;
      }
      if (d.status !== 'RUNNING') {
        console.error(failure(d.status ?? 'FAILED', d.error, d.cause));
        return 1;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    client.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runTool(main);

/**
 * What operators ask of the workflows: which executions run, for which item or order, in
 * which state, waiting for what, since when. Plain Step Functions SDK calls, so the same
 * code answers against AWS and against the local engine (endpoint from AWS_ENDPOINT_URL_SFN).
 */
import {
  type ExecutionStatus,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
// One home for reading a machine's current state from its history: the API's operations routes too.
import { currentState } from '../../functions/app/executions.ts';

export interface ExecutionRow {
  stateMachine: string;
  executionName: string;
  /** The item or order the execution belongs to, from its name. */
  subject: string;
  status: string;
  state: string;
  waitingFor: string;
  since: string;
  startDate: string;
}

/** `<itemId>--g<generation>` → item id; `inquiry-<orderId>[--g<generation>]` → order id. */
export function subjectOf(executionName: string): string {
  if (executionName.startsWith('inquiry-'))
    return `order ${executionName.slice('inquiry-'.length).replace(/--g\d+$/, '')}`;
  const m = /^(.*)--g\d+$/.exec(executionName);
  return m ? `item ${m[1]}` : executionName;
}

function iso(d: Date | undefined): string {
  return d ? d.toISOString() : '';
}

export { currentState };

export async function listExecutionRows(
  client: SFNClient,
  options: { status?: ExecutionStatus; subject?: string } = {},
): Promise<ExecutionRow[]> {
  const rows: ExecutionRow[] = [];
  const machines = (await client.send(new ListStateMachinesCommand({}))).stateMachines ?? [];
  for (const sm of machines) {
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new ListExecutionsCommand({
          stateMachineArn: sm.stateMachineArn,
          ...(options.status ? { statusFilter: options.status } : {}),
          nextToken,
        }),
      );
      for (const ex of page.executions ?? []) {
        const subject = subjectOf(ex.name ?? '');
        if (options.subject && !subject.includes(options.subject)) continue;
        const history = await client.send(
          new GetExecutionHistoryCommand({
            executionArn: ex.executionArn,
            reverseOrder: true,
            maxResults: 25,
          }),
        );
        const cur =
          ex.status === 'RUNNING'
            ? currentState(history.events ?? [])
            : { state: '', since: iso(ex.stopDate), waitingFor: '' };
        rows.push({
          stateMachine: sm.name ?? '',
          executionName: ex.name ?? '',
          subject,
          status: ex.status ?? '',
          state: cur.state,
          waitingFor: cur.waitingFor,
          since: cur.since,
          startDate: iso(ex.startDate),
        });
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  return rows;
}

export function formatRows(rows: readonly ExecutionRow[]): string {
  const cols: (keyof ExecutionRow)[] = ['subject', 'stateMachine', 'status', 'state', 'waitingFor', 'since'];
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(width[i] ?? 0)).join('  ');
  return [
    line(cols),
    line(width.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(cols.map((c) => r[c]))),
  ].join('\n');
}

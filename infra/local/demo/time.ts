/**
 * Driving the local system through virtual time, the way test/support/workflow-harness.ts
 * drives one workflow, but for all of them at once: act, wait until every workflow rests,
 * move the clock to the next thing that is due, wait again.
 *
 * The clock is frozen (time scale 0) while a script drives it, so every command of a step
 * carries the same instant and the outcome does not depend on how fast this machine is.
 * Jumping straight to a far date would let every timer in between fire at that date; the
 * workflows would act late and in a different order. So `advanceTo` stops at each timer
 * of the engine clock (claim windows, acknowledgement limits, milestone lapses, answer
 * limits) and at each run of the monthly evaluation schedule, and lets the system rest there.
 * After every move the scheduler looks at the clock at once, so a daily deadline sweep the
 * move made due has started before the next look: the rest waits for it to end. (Left to
 * the scheduler's own tick, a sweep could start after the look, and the next move carried
 * the frozen clock past its task's 15-minute timeout while it ran: the sweep that failed one
 * first-start load in seven. And which sweeps ran depended on the tick's timing.)
 */

import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { type LocalRuntime, type LocalSchedule, localStateMachineArn } from '@one-list/local-aws';
import { Cron } from 'croner';
import { documentClient, mainTableName } from '../../../functions/data/db.ts';
import { itemPk } from '../../../functions/data/items.ts';
import { orderPk } from '../../../functions/data/orders.ts';
import { localSchedules } from '../platform.ts';

/** Machines whose executions wait for callbacks between commands. */
const WAITING_MACHINES = ['ItemLifecycle', 'Inquiry'] as const;
/** Machines whose executions run to the end on their own (evaluation, deadline sweep). */
const RUN_TO_END_MACHINES = ['Evaluation'] as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DriveOptions {
  /** Real milliseconds to wait for the workflows to rest before giving up. @default 60000 */
  readonly restTimeoutMs?: number;
  /** Told about clock moves the script did not ask for (a retry delay elapsing). */
  readonly log?: (line: string) => void;
}

/** An execution that ended badly: the demo cannot go on from an unknown state. */
export class WorkflowFailed extends Error {
  constructor(name: string, status: string, cause: string | undefined) {
    super(`workflow ${name} ended ${status}${cause ? `: ${cause}` : ''}`);
    this.name = 'WorkflowFailed';
  }
}

/** Subject whose wait record holds the token of an execution's callback (see functions/app/workflow.ts). */
function subjectOf(machine: string, executionName: string): string {
  if (machine === 'Inquiry') return orderPk(executionName.replace(/^inquiry-/, '').replace(/--g\d+$/, ''));
  return itemPk(executionName.replace(/--g\d+$/, ''));
}

const known = new WeakMap<LocalRuntime, Set<string>>();

async function checkFailures(rt: LocalRuntime): Promise<void> {
  const seen = known.get(rt) ?? new Set<string>();
  known.set(rt, seen);
  for (const machine of [...WAITING_MACHINES, ...RUN_TO_END_MACHINES]) {
    for (const status of ['FAILED', 'TIMED_OUT'] as const) {
      const { executions } = await rt.engine.listExecutions({
        stateMachineArn: localStateMachineArn(machine),
        statusFilter: status,
        maxResults: 1000,
      });
      for (const e of executions) {
        if (seen.has(e.executionArn)) continue;
        seen.add(e.executionArn);
        const d = await rt.engine.describeExecution({ executionArn: e.executionArn });
        throw new WorkflowFailed(`${machine}/${e.name}`, status, d.cause ?? d.error);
      }
    }
  }
}

/** The callback tokens recorded in the subjects' WAIT records: consistent BatchGets of 100. */
async function recordedTokens(subjects: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const table = mainTableName();
  for (let i = 0; i < subjects.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = subjects
      .slice(i, i + 100)
      .map((PK) => ({ PK, SK: 'WAIT' }));
    while (keys && keys.length > 0) {
      const res: BatchGetCommandOutput = await documentClient().send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const row of res.Responses?.[table] ?? []) out.set(String(row.PK), String(row.token));
      keys = res.UnprocessedKeys?.[table]?.Keys;
    }
  }
  return out;
}

type Look =
  | { readonly state: 'rest'; readonly fingerprint: string }
  | { readonly state: 'retry-delay'; readonly fingerprint: string }
  | { readonly state: 'busy'; readonly why: string };

/**
 * One look at every running execution. At rest: each waiting-kind execution waits for a
 * callback whose token is the one recorded in DynamoDB (so a command will wake it, and no
 * wake-up is in flight), and no evaluation runs.
 */
async function look(rt: LocalRuntime): Promise<Look> {
  const parts: string[] = [];
  let retryDelays = 0;
  const checks: { subject: string; token: string; why: string }[] = [];
  for (const machine of RUN_TO_END_MACHINES) {
    const { executions } = await rt.engine.listExecutions({
      stateMachineArn: localStateMachineArn(machine),
      statusFilter: 'RUNNING',
      maxResults: 1000,
    });
    const first = executions[0];
    if (first) return { state: 'busy', why: `${machine}/${first.name} is running` };
  }
  for (const machine of WAITING_MACHINES) {
    let nextToken: string | undefined;
    do {
      const page = await rt.engine.listExecutions({
        stateMachineArn: localStateMachineArn(machine),
        statusFilter: 'RUNNING',
        maxResults: 1000,
        ...(nextToken ? { nextToken } : {}),
      });
      for (const e of page.executions) {
        const cur = rt.engine.currentState(e.executionArn);
        if (cur?.waitingFor === 'timer') {
          // A Retry delay on the frozen clock: it only ends when the clock moves.
          retryDelays++;
          parts.push(`${e.name}:timer:${cur.since.getTime()}`);
          continue;
        }
        if (cur?.waitingFor !== 'callback' || !cur.taskToken) {
          return { state: 'busy', why: `${machine}/${e.name} is in ${cur?.stateName ?? 'a transition'}` };
        }
        const token = cur.taskToken;
        parts.push(`${e.name}:${token}`);
        checks.push({
          subject: subjectOf(machine, e.name),
          token,
          why: `${machine}/${e.name} is being woken in ${cur.stateName}`,
        });
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  const tokens = await recordedTokens(checks.map((c) => c.subject));
  const busy = checks.find((c) => tokens.get(c.subject) !== c.token);
  if (busy) return { state: 'busy', why: busy.why };
  const fingerprint = parts.sort().join('|');
  return retryDelays > 0 ? { state: 'retry-delay', fingerprint } : { state: 'rest', fingerprint };
}

/**
 * Waits until every workflow rests: the same picture twice in a row, 30 ms apart (a
 * workflow between two states shows no waiting mark, and a wake-up clears the wait record
 * first, so a moving system cannot look the same twice). A workflow held only by a Retry
 * delay gets the clock moved to the end of that delay (seconds), as real time would.
 */
export async function waitForRest(rt: LocalRuntime, options: DriveOptions = {}): Promise<void> {
  const giveUpAt = Date.now() + (options.restTimeoutMs ?? 60_000);
  let previous: string | undefined;
  let why = '';
  // Let what the last command set in motion start before the first look.
  await sleep(5);
  for (;;) {
    await checkFailures(rt);
    const l = await look(rt);
    if (l.state === 'busy') {
      previous = undefined;
      why = l.why;
    } else if (l.fingerprint === previous) {
      if (l.state === 'rest') return;
      const jump = rt.clock.advanceToNextTimer();
      options.log?.(`(a workflow retries: the clock moves ${Math.round(jump / 1000)} s)`);
      previous = undefined;
    } else {
      previous = l.fingerprint;
    }
    if (Date.now() > giveUpAt) {
      throw new Error(
        `the workflows did not come to rest within ${Math.round((options.restTimeoutMs ?? 60_000) / 1000)} s (${why})`,
      );
    }
    await sleep(previous === undefined ? 15 : 30);
  }
}

/** The schedules that start an evaluation of the previous month: each run is a stop. */
function monthlySchedules(rt: LocalRuntime): readonly LocalSchedule[] {
  // A runtime without the scheduler still evaluates monthly: the script starts the runs itself.
  const list = rt.schedules.length > 0 ? rt.schedules : localSchedules();
  return list.filter((s) => s.stateMachine === 'Evaluation' && s.input.job === 'evaluate');
}

interface ScheduledRun {
  readonly schedule: LocalSchedule;
  readonly at: number;
}

function nextScheduledRun(rt: LocalRuntime, after: number): ScheduledRun | undefined {
  let best: ScheduledRun | undefined;
  for (const s of monthlySchedules(rt)) {
    const next = new Cron(s.cron, { timezone: s.timeZone, paused: true }).nextRun(new Date(after));
    if (next && (!best || next.getTime() < best.at)) best = { schedule: s, at: next.getTime() };
  }
  return best;
}

/**
 * Waits for the run the scheduler starts at `run.at` (it looks at the clock every tick) and
 * for its end. Without a scheduler, starts the run as EventBridge Scheduler would: the
 * schedule's target with its input, named as the local scheduler names it.
 */
async function awaitScheduledRun(rt: LocalRuntime, run: ScheduledRun, options: DriveOptions): Promise<void> {
  const name = `${run.schedule.id}-${new Date(run.at).toISOString().replace(/[:.]/g, '-')}`;
  const machine = run.schedule.stateMachine ?? '';
  const arn = `${localStateMachineArn(machine).replace(':stateMachine:', ':execution:')}:${name}`;
  if (rt.schedules.length === 0) {
    await rt.engine.startExecution({
      stateMachineArn: localStateMachineArn(machine),
      name,
      input: JSON.stringify(run.schedule.input),
    });
  }
  const giveUpAt = Date.now() + (options.restTimeoutMs ?? 60_000);
  for (;;) {
    const d = await rt.engine.describeExecution({ executionArn: arn }).catch(() => undefined);
    if (d && d.status !== 'RUNNING') {
      if (d.status !== 'SUCCEEDED') throw new WorkflowFailed(name, d.status, d.cause ?? d.error);
      return;
    }
    if (Date.now() > giveUpAt) throw new Error(`the scheduled run ${name} did not finish`);
    await sleep(20);
  }
}

/**
 * Moves the frozen clock to `target`, stopping at every timer and every monthly evaluation
 * on the way and waiting for the system to rest at each stop.
 */
export async function advanceTo(rt: LocalRuntime, target: Date, options: DriveOptions = {}): Promise<void> {
  const end = target.getTime();
  for (;;) {
    await waitForRest(rt, options);
    const now = rt.clock.nowMs();
    if (now >= end) return;
    const timer = rt.clock.nextTimer()?.getTime() ?? Number.POSITIVE_INFINITY;
    const run = nextScheduledRun(rt, now);
    const stop = Math.min(end, timer, run?.at ?? Number.POSITIVE_INFINITY);
    rt.clock.advance(Math.max(0, stop - now));
    rt.tickSchedules();
    if (run && stop === run.at) await awaitScheduledRun(rt, run, options);
  }
}

/** `YYYY-MM-DDTHH:mm` in Beijing time as an instant. */
export const beijing = (local: string): Date => new Date(`${local}:00+08:00`);

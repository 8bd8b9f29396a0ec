/**
 * The office's operations view of the workflows (GET /v1/ops/workflows/{subjectId}, its
 * history, and POST .../restart): the execution an item or inquiry order records, asked of Step
 * Functions (DescribeExecution, GetExecutionHistory: the same SDK calls locally and on AWS), and
 * the restart the reconciler uses (next generation, audit event). The console never talks to
 * Step Functions itself.
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { CursorInvalid } from '#data/db.ts';
import { getItem } from '#data/items.ts';
import { getOrder } from '#data/orders.ts';
import { NotFound } from '#domain/errors.ts';
import { ORDER_ID_PATTERN } from '#domain/model.ts';
import { restartWorkflow } from './commands/items.ts';
import { executionArn, type Machine, sfnClient, sfnSdk } from './ports.ts';
import { recordedInquiryExecution, restartInquiryWorkflow } from './reconcile.ts';
import type { Ctx } from './support.ts';

/** Order ids (`2022-INQ-0002`); anything else names an item. */
/** History events read to find the current state (newest first). */
export const STATE_EVENTS = 25;

const iso = (d: Date | undefined) => (d ? d.toISOString() : '');

/** The current state and what it waits for, from the newest history events (newest first). */
export function currentState(events: readonly HistoryEvent[]): {
  state: string;
  since: string;
  waitingFor: string;
} {
  const entered = events.find((e) => e.type?.endsWith('StateEntered'));
  if (!entered) return { state: '', since: '', waitingFor: '' };
  const state = entered.stateEnteredEventDetails?.name ?? '';
  let waitingFor = entered.type === 'WaitStateEntered' ? 'timer' : '';
  const scheduled = events.find((e) => e.type === 'TaskScheduled' && (e.id ?? 0) > (entered.id ?? 0));
  const params = scheduled?.taskScheduledEventDetails?.parameters;
  if (params) {
    try {
      const parsed = JSON.parse(params) as { Payload?: { waitingFor?: string } };
      if (parsed.Payload?.waitingFor) waitingFor = parsed.Payload.waitingFor;
    } catch {
      // parameters are not JSON: nothing to add
    }
  }
  if (!waitingFor && entered.type === 'TaskStateEntered') waitingFor = 'task running';
  return { state, since: iso(entered.timestamp), waitingFor };
}

interface Subject {
  subjectType: 'item' | 'order';
  subjectId: string;
  itemId: string;
  title: string;
  status: string;
  machine: Machine;
  executionName: string | null;
  generation: number | null;
}

async function subjectOf(subjectId: string): Promise<Subject> {
  if (ORDER_ID_PATTERN.test(subjectId)) {
    const order = await getOrder(subjectId);
    // Only inquiry orders have a workflow of their own.
    if (order.orderType !== 'inquiry') throw new NotFound('workflow', subjectId);
    return {
      subjectType: 'order',
      subjectId,
      itemId: order.itemId,
      title: `${order.displayNumber} ${order.itemTitle}`,
      status: order.status,
      machine: 'Inquiry',
      executionName: recordedInquiryExecution(order),
      generation: order.workflow?.generation ?? 1,
    };
  }
  const item = await getItem(subjectId);
  return {
    subjectType: 'item',
    subjectId,
    itemId: item.itemId,
    title: item.title,
    status: item.status,
    machine: 'ItemLifecycle',
    executionName: item.workflow?.executionName ?? null,
    generation: item.workflow?.generation ?? null,
  };
}

const notFound = (err: unknown) => (err as { name?: string }).name === 'ExecutionDoesNotExist';

/** What the operations routes ask of Step Functions (tests may install another). */
export interface ExecutionReader {
  /** DescribeExecution; undefined when Step Functions does not know the execution. */
  describe(
    machine: Machine,
    name: string,
  ): Promise<{ status?: string; startDate?: Date; stopDate?: Date } | undefined>;
  /** A page of GetExecutionHistory, newest first; undefined when the execution is unknown. */
  history(
    machine: Machine,
    name: string,
    limit: number,
    cursor?: string,
  ): Promise<{ events: HistoryEvent[]; nextToken?: string } | undefined>;
}

export const stepFunctionsReader: ExecutionReader = {
  async describe(machine, name) {
    try {
      const { DescribeExecutionCommand } = await sfnSdk();
      return await (await sfnClient()).send(
        new DescribeExecutionCommand({ executionArn: executionArn(machine, name) }),
      );
    } catch (err) {
      if (notFound(err)) return undefined;
      throw err;
    }
  },
  async history(machine, name, limit, cursor) {
    try {
      const { GetExecutionHistoryCommand } = await sfnSdk();
      const page = await (await sfnClient()).send(
        new GetExecutionHistoryCommand({
          executionArn: executionArn(machine, name),
          reverseOrder: true,
          maxResults: limit,
          ...(cursor ? { nextToken: cursor } : {}),
        }),
      );
      return { events: page.events ?? [], ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    } catch (err) {
      if (notFound(err)) return undefined;
      if ((err as { name?: string }).name === 'InvalidToken') throw new CursorInvalid();
      throw err;
    }
  },
};

let reader: ExecutionReader = stepFunctionsReader;
export function setExecutionReader(r: ExecutionReader | undefined): void {
  reader = r ?? stepFunctionsReader;
}

/** The subject's recorded execution: its status, its current state and since when. */
export async function workflowOf(subjectId: string) {
  const s = await subjectOf(subjectId);
  const base = {
    subjectType: s.subjectType,
    subjectId: s.subjectId,
    itemId: s.itemId,
    title: s.title,
    status: s.status,
    stateMachine: s.machine,
    executionName: s.executionName,
    generation: s.generation,
  };
  if (!s.executionName) return { ...base, execution: null };
  const d = await reader.describe(s.machine, s.executionName);
  // Unknown to Step Functions (the local engine forgets its executions on a stop): lost.
  if (!d) return { ...base, execution: { status: 'UNKNOWN' } };
  const running = d.status === 'RUNNING';
  const cur = running
    ? currentState((await reader.history(s.machine, s.executionName, STATE_EVENTS))?.events ?? [])
    : { state: '', since: iso(d.stopDate), waitingFor: '' };
  return {
    ...base,
    execution: {
      status: d.status ?? 'UNKNOWN',
      ...(d.startDate ? { startDate: iso(d.startDate) } : {}),
      ...(d.stopDate ? { stopDate: iso(d.stopDate) } : {}),
      state: cur.state || null,
      waitingFor: cur.waitingFor || null,
      since: cur.since || null,
    },
  };
}

/** A page of the recorded execution's history, newest first. */
export async function workflowHistory(subjectId: string, limit: number, cursor?: string) {
  const s = await subjectOf(subjectId);
  if (!s.executionName) throw new NotFound('workflow', subjectId);
  const page = await reader.history(s.machine, s.executionName, limit, cursor);
  if (!page) throw new NotFound('execution', s.executionName);
  return {
    subjectId,
    executionName: s.executionName,
    events: page.events.map((e) => {
      const name = e.stateEnteredEventDetails?.name ?? e.stateExitedEventDetails?.name;
      return {
        id: e.id ?? 0,
        type: e.type ?? '',
        timestamp: iso(e.timestamp),
        ...(name ? { state: name } : {}),
      };
    }),
    ...(page.nextToken ? { nextCursor: page.nextToken } : {}),
  };
}

/** Restarts the subject's workflow as its next generation (with an audit event), as the reconciler does. */
export async function restartSubjectWorkflow(ctx: Ctx, subjectId: string, note?: string) {
  if (ORDER_ID_PATTERN.test(subjectId)) {
    const order = await restartInquiryWorkflow(ctx, subjectId, note);
    return {
      subjectType: 'order' as const,
      subjectId,
      executionName: order.workflow!.executionName,
      generation: order.workflow!.generation,
    };
  }
  const item = await restartWorkflow(ctx, subjectId, note);
  return {
    subjectType: 'item' as const,
    subjectId,
    executionName: item.workflow!.executionName,
    generation: item.workflow!.generation,
  };
}

/**
 * Only ended periods are evaluated, on the application clock (here the engine's, frozen at
 * 2022-07-01 09:00 Beijing): the current or a future month is refused through the API
 * (422 `evaluation.period_not_ended`), as the Evaluation workflow's input and by
 * `npm run evaluate` (a one-line message, exit 1), and nothing is issued, ranked or marked as
 * acted on. The scheduled run ("previous") evaluates June and keeps working.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getItem } from '../../../functions/data/items.ts';
import { localStateMachineArn } from '../../../infra/local/runtime.ts';
import {
  Api,
  codeOf,
  eventually,
  type HttpStack,
  ok,
  startHttpStack,
  tokenFor,
  uniq,
} from '../../support/http.ts';

let stack: HttpStack;
let api: Api;
let item: { itemId: string; orderId: string };
const unitId = `meilin-${uniq()}`;
const managerId = `p-${unitId}`;

beforeAll(async () => {
  stack = await startHttpStack({ prefix: 'period' });
  api = new Api(stack.call);
  await api.unit(unitId);
  await api.person(unitId, managerId);
  // A milestone due mid-July: an evaluation of July "as of 31 July" would call it overdue.
  item = await api.inProgress(unitId, managerId, {
    milestones: [
      { id: 'm1', title: 'Plan approved', dueDate: '2022-07-15', weight: 40 },
      { id: 'm2', title: 'Works finished', dueDate: '2022-12-15', weight: 60 },
    ],
  });
});

afterAll(async () => {
  await stack?.stop();
});

const post = async (period: string) =>
  stack.call('POST', '/v1/evaluations', { token: await tokenFor('office'), body: { period } });

async function nothingIssued() {
  const orders = await api.get<{ items: { orderType: string }[] }>(
    `/v1/orders?year=2022&type=inquiry&item=${item.itemId}`,
  );
  expect(orders.items.filter((o) => o.orderType === 'inquiry')).toEqual([]);
  // The stored item: the lapses acted on are bookkeeping, in no API view.
  expect((await getItem(item.itemId)).lapsesActedOn).toEqual([]);
  const notices = await api.get<{ items: { noticeId: string }[] }>('/v1/public/notices?year=2022');
  expect(notices.items.map((n) => n.noticeId)).not.toContain('ranking-2022-07');
  expect(notices.items.map((n) => n.noticeId)).not.toContain('ranking-2022-12');
}

describe('evaluation of a period that has not ended', () => {
  it('the current month through the API: 422 evaluation.period_not_ended naming the period', async () => {
    const r = await post('2022-07');
    expect(r.status).toBe(422);
    expect(codeOf(r)).toBe('evaluation.period_not_ended');
    expect(r.body).toMatchObject({ error: { details: [{ path: 'period' }] } });
    expect((r.body as { error: { message: string } }).error.message).toContain('2022-07-31');
  });

  it('a future month through the API: 422, and no workflow was started', async () => {
    const r = await post('2022-12');
    expect(r.status).toBe(422);
    expect(codeOf(r)).toBe('evaluation.period_not_ended');
    const { executions } = await stack.rt.engine.listExecutions({
      stateMachineArn: localStateMachineArn('Evaluation'),
    });
    expect(executions.filter((e) => e.name.startsWith('api-'))).toEqual([]);
    const got = await stack.call('GET', '/v1/evaluations/2022-12', { token: await tokenFor('office') });
    expect(got.status).toBe(404);
    await nothingIssued();
  });

  it('as the workflow input: the Evaluate step refuses it and the execution fails with the code', async () => {
    const { executionArn } = await stack.rt.engine.startExecution({
      stateMachineArn: localStateMachineArn('Evaluation'),
      name: `direct-${uniq()}`,
      input: JSON.stringify({ job: 'evaluate', period: '2022-07' }),
    });
    const done = await stack.rt.engine.waitForExecution(executionArn);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('RuleViolation');
    expect(JSON.parse(done.cause ?? '{}').errorMessage).toMatch(/^evaluation\.period_not_ended: /);
    await nothingIssued();
  });

  it('npm run evaluate refuses it with one line and exit code 1', async () => {
    const run = promisify(execFile);
    const err = await run('npx', ['tsx', 'scripts/evaluate.ts', '--period', '2022-07'], {
      env: {
        ...process.env,
        AWS_ENDPOINT_URL_SFN: stack.rt.sfnEndpoint,
        AWS_REGION: 'local',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      },
      timeout: 60_000,
    }).then(
      () => undefined,
      (e: { code?: number; stderr?: string }) => e,
    );
    expect(err, 'the command must fail').toBeDefined();
    expect(err!.code).toBe(1);
    const lines = (err!.stderr ?? '').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^evaluation refused: evaluation\.period_not_ended: period 2022-07 has not ended/,
    );
    await nothingIssued();
  });

  it('an ended month runs: June through the API, and the scheduled "previous" run evaluates June', async () => {
    ok(await post('2022-06'), 202);
    const june = await eventually('the June evaluation', async () => {
      const r = await stack.call('GET', '/v1/evaluations/2022-06', { token: await tokenFor('office') });
      return r.status === 200 ? (r.body as { summary: { period: string; date: string } }) : undefined;
    });
    expect(june.summary).toMatchObject({ period: '2022-06', date: '2022-06-30' });

    const { executionArn } = await stack.rt.engine.startExecution({
      stateMachineArn: localStateMachineArn('Evaluation'),
      name: `scheduled-${uniq()}`,
      input: JSON.stringify({ job: 'evaluate', period: 'previous' }),
    });
    const done = await stack.rt.engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '{}').result.summary).toMatchObject({ period: '2022-06' });
    // The July milestone is not due in June: still nothing asked about it.
    await nothingIssued();
  });
});

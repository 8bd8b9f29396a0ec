/**
 * `POST /v1/evaluations` with an `Idempotency-Key` writes nothing through a unit of work: it
 * starts the Evaluation workflow. The execution's name follows from the key, so a retry after
 * a crash right after the start (before any answer was recorded) starts nothing new and
 * answers the same execution.
 */

import { localStateMachineArn } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setWorkflowPort, stepFunctionsPort } from '../../../functions/app/ports.ts';
import { type HttpStack, showReply, startHttpStack, tokenFor, uniq } from '../../support/http.ts';

const PERIOD = '2022-05';
let stack: HttpStack;

beforeAll(async () => {
  stack = await startHttpStack({ prefix: 'idemeval' });
}, 120_000);

afterAll(async () => {
  setWorkflowPort(undefined);
  await stack?.stop();
});

async function evaluationRuns(): Promise<string[]> {
  const out = await stack.rt.engine.listExecutions({
    stateMachineArn: localStateMachineArn('Evaluation'),
    maxResults: 1000,
  });
  return (out.executions ?? []).map((e) => e.name ?? '').filter((n) => n.startsWith(`api-${PERIOD}-`));
}

describe('starting an evaluation with an Idempotency-Key', () => {
  it('a crash right after the start: the retry answers the same execution and starts no second', async () => {
    const before = await evaluationRuns();
    let crashes = 1;
    setWorkflowPort({
      ...stepFunctionsPort,
      async start(machine, name, input) {
        await stepFunctionsPort.start(machine, name, input);
        if (machine === 'Evaluation' && crashes-- > 0) throw new Error('injected crash after the start');
      },
    });
    const token = await tokenFor('office');
    const send = () =>
      stack.call('POST', '/v1/evaluations', {
        token,
        body: { period: PERIOD },
        headers: { 'idempotency-key': `evaluate-${uniq()}` },
      });
    const k = `evaluate-${uniq()}`;
    const sendKeyed = () =>
      stack.call('POST', '/v1/evaluations', {
        token,
        body: { period: PERIOD },
        headers: { 'idempotency-key': k },
      });
    try {
      const crashed = await sendKeyed();
      expect(crashed.status, showReply(crashed)).toBe(500);
      const retry = await sendKeyed();
      expect(retry.status, showReply(retry)).toBe(202);
      const again = await sendKeyed();
      expect(again.status).toBe(202);
      expect(again.body).toEqual(retry.body);
      const { executionName } = retry.body as { executionName: string };
      const started = (await evaluationRuns()).filter((n) => !before.includes(n));
      expect(started).toEqual([executionName]);

      // Another key is another run.
      const other = await send();
      expect(other.status, showReply(other)).toBe(202);
      expect((other.body as { executionName: string }).executionName).not.toBe(executionName);
      expect((await evaluationRuns()).filter((n) => !before.includes(n))).toHaveLength(2);
    } finally {
      setWorkflowPort(undefined);
    }
  });
});

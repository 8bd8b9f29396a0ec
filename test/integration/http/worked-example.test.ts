/**
 * The README's worked example ("Worked example (curl)"), step by step over real HTTP through
 * the local gateway, with the same bodies, headers and tokens as the curl commands, on a
 * runtime whose calendar stands where the README says the demo's does (mid-2022: 2022-07-01
 * 09:00 Beijing). The units and people the example takes for granted (Meilin Subdistrict and
 * its project manager p-meilin-1) are created through the API first.
 *
 * Then what the README says the example leaves behind: the item in progress at 30 % led by
 * Meilin, its audit trail verifying, the public list of 2022 showing it, and the item's
 * workflow waiting in InProgress.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkResponse } from '../../support/contract.ts';
import {
  eventually,
  type HttpStack,
  itemExecutionArn,
  MID_2022,
  type Reply,
  settleItem,
  showReply,
  startHttpStack,
  tokenFor,
} from '../../support/http.ts';

let stack: HttpStack;
let OFFICE: string;
let COMMANDER: string;
let UNIT: string;
let MANAGER: string;

beforeAll(async () => {
  stack = await startHttpStack({ prefix: 'readme', origin: MID_2022 });
  // npm run -s token -- --role office | commander | unit --unit meilin | manager --unit meilin --person p-meilin-1
  OFFICE = await tokenFor('office');
  COMMANDER = await tokenFor('commander');
  UNIT = await tokenFor('unit', { unitId: 'meilin' });
  MANAGER = await tokenFor('manager', { unitId: 'meilin', personId: 'p-meilin-1' });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

/** A call as curl makes it (`-H 'content-type: application/json' -d '…'`), checked against the contract. */
async function curl(
  operationId: string,
  method: 'GET' | 'POST',
  path: string,
  token: string | undefined,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const r = await stack.call(method, path, {
    ...(token ? { token } : {}),
    ...(body !== undefined ? { body, headers: { 'content-type': 'application/json', ...headers } } : {}),
  });
  expect(() => checkResponse(operationId, r.status, r.body), `${operationId}: ${showReply(r)}`).not.toThrow();
  return r;
}

const field = (r: Reply, name: string): string => {
  const v = (r.body as Record<string, unknown> | undefined)?.[name];
  if (typeof v !== 'string') throw new Error(`no ${name} in ${showReply(r)}`);
  return v;
};

describe("README's worked example", () => {
  let ITEM: string;
  let CLAIM: string;
  let ORDER: string;

  it('has the units and people it needs (created through the API)', async () => {
    const unit = await curl(
      'createUnit',
      'POST',
      '/v1/units',
      OFFICE,
      JSON.stringify({
        unitId: 'meilin',
        name: 'Meilin Subdistrict',
        nameZh: '梅林街道',
        unitType: 'subdistrict',
      }),
    );
    expect(unit.status, showReply(unit)).toBe(201);
    const person = await curl(
      'createPerson',
      'POST',
      '/v1/units/meilin/people',
      OFFICE,
      JSON.stringify({ personId: 'p-meilin-1', name: 'Manager Li (invented)' }),
    );
    expect(person.status, showReply(person)).toBe(201);
    const clock = await curl('health', 'GET', '/v1/health', undefined);
    expect(field(clock, 'time')).toBe('2022-07-01T01:00:00.000Z');
  });

  it('1. the office creates a class A task (a draft)', async () => {
    const r = await curl(
      'createItem',
      'POST',
      '/v1/items',
      OFFICE,
      `{
  "year": 2022, "kind": "task", "itemClass": "A", "category": "bottom-line",
  "title": "Flood-season drainage inspection of old residential areas",
  "deadline": "2022-12-31",
  "milestones": [
    {"id": "m1", "title": "Survey finished", "dueDate": "2022-09-30", "weight": 40},
    {"id": "m2", "title": "Drains repaired", "dueDate": "2022-12-15", "weight": 60}],
  "targets": [{"indicator": "Residential areas inspected", "targetValue": 120, "unit": "areas"}]
}`,
    );
    expect(r.status, showReply(r)).toBe(201);
    ITEM = field(r, 'itemId'); // jq -r .itemId
    expect(r.body).toMatchObject({ status: 'draft', year: 2022, itemClass: 'A', category: 'bottom-line' });
  });

  it('2. the office publishes it as a new batch of the 2022 list, with a claim window', async () => {
    const r = await curl(
      'publishBatch',
      'POST',
      '/v1/lists/2022/batches',
      OFFICE,
      `{"itemIds": ["${ITEM}"], "claimWindow": {"closesAt": "2022-12-01T18:00:00+08:00"}}`,
    );
    expect(r.status, showReply(r)).toBe(201);
    expect(r.body).toMatchObject({
      year: 2022,
      batchNo: 1,
      itemIds: [ITEM],
      // Stored in UTC: the same instant as 18:00 Beijing.
      claimWindow: { opensAt: '2022-07-01T01:00:00.000Z', closesAt: '2022-12-01T10:00:00.000Z' },
      counts: { total: 1, classA: 1, classB: 0 },
    });
    await settleItem(stack.rt, ITEM, 'ClaimWindowOpen');
  });

  it('3. Meilin Subdistrict claims it (揭榜), naming its project manager, with an Idempotency-Key', async () => {
    const body = `{"plan": "Survey by street teams, repairs by the housing bureau contractor.", "managerId": "p-meilin-1"}`;
    const send = () =>
      curl('claimItem', 'POST', `/v1/items/${ITEM}/claims`, UNIT, body, {
        'idempotency-key': 'claim-meilin-0001',
      });
    const r = await send();
    expect(r.status, showReply(r)).toBe(201);
    CLAIM = field(r, 'claimId'); // jq -r .claimId
    expect(r.body).toMatchObject({
      itemId: ITEM,
      unitId: 'meilin',
      managerId: 'p-meilin-1',
      status: 'pending',
    });
    // The key makes a retried curl harmless: the same claim back, no second claim.
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(r.body);
  });

  it('4. the commander awards the claim (挂帅): a responsibility order is issued', async () => {
    const r = await curl('awardClaim', 'POST', `/v1/items/${ITEM}/claims/${CLAIM}/award`, COMMANDER, '{}');
    expect(r.status, showReply(r)).toBe(201);
    ORDER = field(r, 'orderId'); // jq -r .orderId
    const order = await curl('getOrder', 'GET', `/v1/orders/${ORDER}`, UNIT);
    expect(order.status).toBe(200);
    const { displayNumber, status } = order.body as { displayNumber: string; status: string };
    expect(displayNumber).toMatch(/^福田责〔2022〕[1-9]\d*号$/);
    expect(displayNumber).toBe('福田责〔2022〕1号');
    expect(status).toBe('issued');
    expect(order.body).toMatchObject({
      orderType: 'responsibility',
      itemId: ITEM,
      unitId: 'meilin',
      managerId: 'p-meilin-1',
      deadline: '2022-12-31',
    });
  });

  it('5. the unit acknowledges (签收) the order: the item is in progress', async () => {
    const r = await curl('acknowledgeOrder', 'POST', `/v1/orders/${ORDER}/acknowledgement`, UNIT, '{}');
    expect(r.status, showReply(r)).toBe(200);
    expect(r.body).toMatchObject({ orderId: ORDER, status: 'acknowledged' });
  });

  it('6. the project manager reports progress', async () => {
    const r = await curl(
      'reportProgress',
      'POST',
      `/v1/items/${ITEM}/progress`,
      MANAGER,
      '{"percentComplete": 30, "narrative": "Survey of 40 areas done.", "milestones": [{"milestoneId": "m1", "done": false}]}',
    );
    expect(r.status, showReply(r)).toBe(201);
    expect(r.body).toMatchObject({
      itemId: ITEM,
      percentComplete: 30,
      narrative: 'Survey of 40 areas done.',
    });
  });

  it('leaves the item in progress at 30 %, led by Meilin', async () => {
    const r = await curl('getItem', 'GET', `/v1/items/${ITEM}`, OFFICE);
    const { status, percentComplete, leadUnitId } = r.body as Record<string, unknown>;
    expect({ status, percentComplete, leadUnitId }).toEqual({
      status: 'in_progress',
      percentComplete: 30,
      leadUnitId: 'meilin',
    });
    expect(r.body).toMatchObject({
      managerId: 'p-meilin-1',
      responsibilityOrderId: ORDER,
      awardedClaimId: CLAIM,
    });
  });

  it('leaves an audit trail that verifies', async () => {
    const r = await curl('itemHistory', 'GET', `/v1/items/${ITEM}/history`, OFFICE);
    const { verification, events } = r.body as {
      verification: { valid: boolean; events: number };
      events: { type: string }[];
    };
    expect(verification.valid).toBe(true);
    expect(verification.events).toBe(events.length);
    const types = events.map((e) => e.type);
    for (const t of [
      'item.created',
      'item.published',
      'claim.filed',
      'claim.awarded',
      'order.responsibility.issued',
      'order.responsibility.acknowledged',
      'progress.reported',
    ]) {
      expect(types, t).toContain(t);
    }
    expect(types.filter((t) => t === 'claim.filed')).toHaveLength(1);
  });

  it('shows the item on the public list of 2022', async () => {
    const r = await curl('publicList', 'GET', '/v1/public/lists/2022', undefined);
    const { items } = r.body as { items: Record<string, unknown>[] };
    expect(items).toHaveLength(1); // jq '.items | length'
    expect(items[0]).toEqual({
      itemId: ITEM,
      batchNo: 1,
      kind: 'task',
      itemClass: 'A',
      category: 'bottom-line',
      title: 'Flood-season drainage inspection of old residential areas',
      status: 'in_progress',
      leadUnitId: 'meilin',
      managerName: 'Manager Li (invented)',
      percentComplete: 30,
      deadline: '2022-12-31',
      // The plan on the system's date, for the board's light (functions/domain/public.ts).
      expectedPercent: 0,
      nextDueDate: '2022-09-30',
      workingDaysToNextDue: 64,
      overdue: false,
    });
  });

  it("leaves the item's workflow waiting in InProgress", async () => {
    const state = await settleItem(stack.rt, ITEM, 'InProgress');
    expect(state).toMatchObject({ stateName: 'InProgress', waitingFor: 'callback' });
    const execution = await eventually('the execution description', () =>
      stack.rt.engine.describeExecution({ executionArn: itemExecutionArn(ITEM) }),
    );
    expect(execution.status).toBe('RUNNING');
  });
});

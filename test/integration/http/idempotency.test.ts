/**
 * `Idempotency-Key` over real HTTP (local gateway → handler → the key's record in the
 * command's transaction on DynamoDB Local): a replay returns the first answer and acts once,
 * sequentially, concurrently and after a crash right after the commit; the same key with
 * another body is 422 `idempotency.key_reused`; callers do not share keys; a failed attempt
 * does not use the key up. On three writes that each create a record: a claim, a progress
 * report, a violation report (an inquiry order); and on the largest transaction, a batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../../functions/data/db.ts';
import { checkResponse } from '../../support/contract.ts';
import {
  Api,
  codeOf,
  type HttpStack,
  type Reply,
  showReply,
  startHttpStack,
  tokenFor,
  uniq,
  type Who,
} from '../../support/http.ts';

const YEAR = 2022;
let stack: HttpStack;
let api: Api;

const MEILIN: Who = { unitId: 'meilin' };
const MANAGER: Who = { unitId: 'meilin', personId: 'p-meilin-1' };

beforeAll(async () => {
  stack = await startHttpStack({ prefix: 'idem' });
  api = new Api(stack.call, YEAR);
  for (const u of ['meilin', 'huafu', 'fubao']) await api.unit(u);
  await api.person('meilin', 'p-meilin-1');
  await api.person('huafu', 'p-huafu-1');
  await api.person('fubao', 'p-fubao-1');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const key = (what: string) => `${what}-${uniq()}`;

async function post(
  operationId: string,
  path: string,
  token: string,
  body: unknown,
  idempotencyKey?: string,
): Promise<Reply> {
  const r = await stack.call('POST', path, {
    token,
    body,
    ...(idempotencyKey ? { headers: { 'idempotency-key': idempotencyKey } } : {}),
  });
  expect(() => checkResponse(operationId, r.status, r.body), `${operationId}: ${showReply(r)}`).not.toThrow();
  return r;
}

const claimsOf = (itemId: string) =>
  api.all<{ claimId: string; unitId: string }>(`/v1/items/${itemId}/claims`);
const progressOf = (itemId: string) => api.all<{ reportId: string }>(`/v1/items/${itemId}/progress`);
const inquiriesOf = (itemId: string) =>
  api.all<{ orderId: string }>('/v1/orders', { year: YEAR, item: itemId, type: 'inquiry' });
const trailOf = async (itemId: string) =>
  (await api.get<{ events: { type: string }[] }>(`/v1/items/${itemId}/history`)).events.map((e) => e.type);

async function publishedItem(): Promise<string> {
  const { itemId } = await api.item();
  await api.publish([itemId]);
  return itemId;
}

describe('a sequential replay returns the first answer and acts once', () => {
  it('claim', async () => {
    const itemId = await publishedItem();
    const k = key('claim');
    const token = await tokenFor('unit', MEILIN);
    const body = { plan: 'Survey by street teams.', managerId: 'p-meilin-1' };
    const path = `/v1/items/${itemId}/claims`;
    const first = await post('claimItem', path, token, body, k);
    expect(first.status, showReply(first)).toBe(201);
    for (let i = 0; i < 3; i++) {
      const again = await post('claimItem', path, token, body, k);
      expect(again.status).toBe(first.status);
      expect(again.body).toEqual(first.body);
    }
    expect(await claimsOf(itemId)).toHaveLength(1);
    expect((await trailOf(itemId)).filter((t) => t === 'claim.filed')).toHaveLength(1);

    // Without the key, the same request is a second claim: refused by the rule, not replayed.
    const withoutKey = await post('claimItem', path, token, body);
    expect(withoutKey.status).toBe(422);
    expect(codeOf(withoutKey)).toBe('claim.already_claimed');
  });

  it('progress report', async () => {
    const { itemId } = await api.inProgress('meilin', 'p-meilin-1');
    const k = key('progress');
    const token = await tokenFor('unit', MEILIN);
    const body = { percentComplete: 30, narrative: 'Survey of 40 areas done.' };
    const path = `/v1/items/${itemId}/progress`;
    const first = await post('reportProgress', path, token, body, k);
    expect(first.status, showReply(first)).toBe(201);
    for (let i = 0; i < 3; i++) {
      const again = await post('reportProgress', path, token, body, k);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
    }
    expect(await progressOf(itemId)).toHaveLength(1);
    expect((await trailOf(itemId)).filter((t) => t === 'progress.reported')).toHaveLength(1);

    // Without the key the same body is a second report (progress reports never overwrite).
    expect((await post('reportProgress', path, token, body)).status).toBe(201);
    expect(await progressOf(itemId)).toHaveLength(2);
  });

  it('violation report (an inquiry order)', async () => {
    const { itemId } = await api.inProgress('meilin', 'p-meilin-1');
    const k = key('violation');
    const token = await tokenFor('inspector');
    const body = { description: 'Suspected splitting of a works contract.', reference: 'AUD-2022-017' };
    const path = `/v1/items/${itemId}/violations`;
    const first = await post('reportViolation', path, token, body, k);
    expect(first.status, showReply(first)).toBe(201);
    const again = await post('reportViolation', path, token, body, k);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const inquiries = await inquiriesOf(itemId);
    expect(inquiries.map((o) => o.orderId)).toEqual([(first.body as { orderId: string }).orderId]);
    const item = await api.get<{ openInquiryIds: string[] }>(`/v1/items/${itemId}`);
    expect(item.openInquiryIds).toHaveLength(1);
  });
});

describe('a concurrent replay acts once', () => {
  /** Fires `n` identical requests at once; every answer is the one answer or 409 in progress. */
  async function burst(n: number, send: () => Promise<Reply>) {
    const answers = await Promise.all(Array.from({ length: n }, send));
    const created = answers.filter((r) => r.status === 201);
    const inProgress = answers.filter((r) => r.status === 409);
    for (const r of answers) expect([201, 409], showReply(r)).toContain(r.status);
    for (const r of inProgress) expect(codeOf(r), showReply(r)).toBe('idempotency.in_progress');
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const r of created) expect(r.body).toEqual(created[0]!.body);
    return { created, inProgress };
  }

  it('10 progress reports with one key at once: one report', async () => {
    const { itemId } = await api.inProgress('meilin', 'p-meilin-1');
    const k = key('burst-progress');
    const token = await tokenFor('unit', MEILIN);
    const body = { percentComplete: 55, narrative: 'Half the drains repaired.' };
    const path = `/v1/items/${itemId}/progress`;
    const { created } = await burst(10, () => post('reportProgress', path, token, body, k));
    expect(await progressOf(itemId)).toHaveLength(1);
    // Once the first has finished, a replay gets its answer.
    const after = await post('reportProgress', path, token, body, k);
    expect(after.status).toBe(201);
    expect(after.body).toEqual(created[0]!.body);
    expect(await progressOf(itemId)).toHaveLength(1);
  });

  it('10 violation reports with one key at once: one inquiry order', async () => {
    const { itemId } = await api.inProgress('meilin', 'p-meilin-1');
    const k = key('burst-violation');
    const token = await tokenFor('inspector');
    const body = { description: 'Suspected bid rigging.' };
    const path = `/v1/items/${itemId}/violations`;
    const { created } = await burst(10, () => post('reportViolation', path, token, body, k));
    const inquiries = await inquiriesOf(itemId);
    expect(inquiries.map((o) => o.orderId)).toEqual([(created[0]!.body as { orderId: string }).orderId]);
  });

  it('10 claims with one key at once: one claim', async () => {
    const itemId = await publishedItem();
    const k = key('burst-claim');
    const token = await tokenFor('unit', { unitId: 'huafu' });
    const body = { plan: 'Huafu leads it.', managerId: 'p-huafu-1' };
    await burst(10, () => post('claimItem', `/v1/items/${itemId}/claims`, token, body, k));
    expect(await claimsOf(itemId)).toHaveLength(1);
  });
});

describe('the same key with another body', () => {
  it('is 422 idempotency.key_reused and stores nothing', async () => {
    const { itemId } = await api.inProgress('meilin', 'p-meilin-1');
    const k = key('reused');
    const token = await tokenFor('unit', MEILIN);
    const path = `/v1/items/${itemId}/progress`;
    const first = await post('reportProgress', path, token, { percentComplete: 20, narrative: 'A.' }, k);
    expect(first.status).toBe(201);
    const other = await post('reportProgress', path, token, { percentComplete: 25, narrative: 'A.' }, k);
    expect(other.status, showReply(other)).toBe(422);
    expect(codeOf(other)).toBe('idempotency.key_reused');
    expect(await progressOf(itemId)).toHaveLength(1);
    expect((await api.get<{ percentComplete: number }>(`/v1/items/${itemId}`)).percentComplete).toBe(20);

    // Key order in the body does not make it another body.
    const reordered = await post('reportProgress', path, token, { narrative: 'A.', percentComplete: 20 }, k);
    expect(reordered.status).toBe(201);
    expect(reordered.body).toEqual(first.body);
  });

  it('on a claim too', async () => {
    const itemId = await publishedItem();
    const k = key('reused-claim');
    const token = await tokenFor('unit', MEILIN);
    const path = `/v1/items/${itemId}/claims`;
    expect(
      (await post('claimItem', path, token, { plan: 'Plan A.', managerId: 'p-meilin-1' }, k)).status,
    ).toBe(201);
    const other = await post('claimItem', path, token, { plan: 'Plan B.', managerId: 'p-meilin-1' }, k);
    expect(other.status).toBe(422);
    expect(codeOf(other)).toBe('idempotency.key_reused');
    const claims = await api.all<{ plan: string }>(`/v1/items/${itemId}/claims`);
    expect(claims.map((c) => c.plan)).toEqual(['Plan A.']);
  });
});

describe('callers do not share keys', () => {
  it('a unit user and the project manager using one key both report', async () => {
    const { itemId } = await api.inProgress('meilin', 'p-meilin-1');
    const k = key('shared');
    const body = { percentComplete: 40, narrative: 'Same words.' };
    const path = `/v1/items/${itemId}/progress`;
    const byUnit = await post('reportProgress', path, await tokenFor('unit', MEILIN), body, k);
    const byManager = await post('reportProgress', path, await tokenFor('manager', MANAGER), body, k);
    expect([byUnit.status, byManager.status]).toEqual([201, 201]);
    expect((byUnit.body as { reportId: string }).reportId).not.toBe(
      (byManager.body as { reportId: string }).reportId,
    );
    expect(await progressOf(itemId)).toHaveLength(2);
  });

  it('two users of the same unit using one key both report', async () => {
    const { itemId } = await api.inProgress('meilin', 'p-meilin-1');
    const k = key('same-unit');
    const body = { percentComplete: 45, narrative: 'Same words.' };
    const path = `/v1/items/${itemId}/progress`;
    const a = await post(
      'reportProgress',
      path,
      await tokenFor('unit', { ...MEILIN, sub: 'meilin-clerk-a' }),
      body,
      k,
    );
    const b = await post(
      'reportProgress',
      path,
      await tokenFor('unit', { ...MEILIN, sub: 'meilin-clerk-b' }),
      body,
      k,
    );
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await progressOf(itemId)).toHaveLength(2);
  });

  it('three units claiming one item with one key each get their own claim', async () => {
    const itemId = await publishedItem();
    const k = key('claim-0001');
    const answers = await Promise.all(
      (
        [
          ['meilin', 'p-meilin-1'],
          ['huafu', 'p-huafu-1'],
          ['fubao', 'p-fubao-1'],
        ] as const
      ).map(async ([unitId, managerId]) =>
        post(
          'claimItem',
          `/v1/items/${itemId}/claims`,
          await tokenFor('unit', { unitId }),
          { plan: 'We lead it.', managerId },
          k,
        ),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(answers.map((r) => (r.body as { unitId: string }).unitId)).toEqual(['meilin', 'huafu', 'fubao']);
    expect((await claimsOf(itemId)).map((c) => c.unitId).sort()).toEqual(['fubao', 'huafu', 'meilin']);
  });
});

describe('failures and bad keys', () => {
  it('a refused first attempt does not use the key up', async () => {
    const { itemId } = await api.inProgress('meilin', 'p-meilin-1');
    const k = key('retry');
    const token = await tokenFor('unit', MEILIN);
    const path = `/v1/items/${itemId}/progress`;
    const wrong = { percentComplete: 10, narrative: 'x', milestones: [{ milestoneId: 'nope', done: true }] };
    const first = await post('reportProgress', path, token, wrong, k);
    expect(first.status).toBe(422);
    expect(codeOf(first)).toBe('progress.unknown_milestone');
    // The same request again is decided again (and refused again), not answered from a record.
    expect(codeOf(await post('reportProgress', path, token, wrong, k))).toBe('progress.unknown_milestone');
    // The corrected request with the same key acts: the failure was not remembered.
    const fixed = await post(
      'reportProgress',
      path,
      token,
      { ...wrong, milestones: [{ milestoneId: 'm1', done: true }] },
      k,
    );
    expect(fixed.status, showReply(fixed)).toBe(201);
    expect(await progressOf(itemId)).toHaveLength(1);
  });

  it('a malformed key is 400 idempotency.key_invalid and nothing happens', async () => {
    const { itemId } = await api.inProgress('meilin', 'p-meilin-1');
    const token = await tokenFor('unit', MEILIN);
    for (const bad of ['short', 'has space in it', 'x'.repeat(129), 'ümlaut-key-01', 'slash/in/key']) {
      const r = await post(
        'reportProgress',
        `/v1/items/${itemId}/progress`,
        token,
        { percentComplete: 5, narrative: 'x' },
        bad,
      );
      expect(r.status, `${bad}: ${showReply(r)}`).toBe(400);
      expect(codeOf(r)).toBe('idempotency.key_invalid');
    }
    expect(await progressOf(itemId)).toHaveLength(0);
  });
});

describe('fixed defects (2026-11-25), kept as regression tests', () => {
  // Bug: the idempotency scope is (caller, route template, key) — functions/api/router.ts
  // passes `routeKey(route)`, e.g. "POST /v1/items/{id}/claims", to once() and the
  // fingerprint covers the body only (functions/api/idempotency.ts). The path parameters are
  // in neither, so the same key and body on another item replays the first item's answer:
  // the caller gets a 201 with a claim of item A for a claim on item B, and item B gets none.
  // The README's own key ("claim-meilin-0001") is the kind a client reuses per unit.
  it('the same key on another item is not answered with the first item’s claim', async () => {
    const a = await publishedItem();
    const b = await publishedItem();
    const k = key('claim-meilin');
    const token = await tokenFor('unit', MEILIN);
    const body = { plan: 'Survey by street teams.', managerId: 'p-meilin-1' };
    const onA = await post('claimItem', `/v1/items/${a}/claims`, token, body, k);
    expect(onA.status).toBe(201);
    const onB = await post('claimItem', `/v1/items/${b}/claims`, token, body, k);
    // Acceptable: a claim on B (201 naming B), or a refusal of the reused key (422).
    if (onB.status === 201) {
      expect((onB.body as { itemId: string }).itemId).toBe(b);
      expect(await claimsOf(b)).toHaveLength(1);
    } else {
      expect(onB.status).toBe(422);
      expect(codeOf(onB)).toBe('idempotency.key_reused');
    }
  });
});

/**
 * A crash after the commit (kill -9 of the process, or any failure of a later step): the
 * injected fault sits on the handler's own DynamoDB client, right after the TransactWriteItems
 * whose writes contain `marker` has committed. `hang` never lets the request go on (the process
 * is gone; the caller's connection drops); `throw` fails the request after its commit.
 */
function crashAfterCommit(marker: string, mode: 'hang' | 'throw') {
  const name = `crash-after-commit-${uniq()}`;
  const committed = Promise.withResolvers<void>();
  let armed = true;
  const stack = documentClient().middlewareStack;
  stack.add(
    (next) => async (args) => {
      const out = await next(args);
      const input = (args as { input?: { TransactItems?: unknown } }).input;
      if (armed && input?.TransactItems && JSON.stringify(input.TransactItems).includes(marker)) {
        armed = false;
        committed.resolve();
        if (mode === 'hang') return new Promise<never>(() => {});
        throw new Error('injected crash after commit');
      }
      return out;
    },
    { step: 'initialize', name },
  );
  return { committed: committed.promise, remove: () => stack.remove(name) };
}

/** Sends the request; answers undefined if the process "died" (the connection dropped). */
async function postUntilCrash(
  path: string,
  token: string,
  body: unknown,
  idempotencyKey: string,
  crash: { committed: Promise<void> },
): Promise<Reply | undefined> {
  const abort = new AbortController();
  const sent = stack.call('POST', path, {
    token,
    body,
    headers: { 'idempotency-key': idempotencyKey },
    signal: abort.signal,
  });
  const first = await Promise.race([sent, crash.committed.then(() => 'committed' as const)]);
  if (first !== 'committed') return first;
  // Committed: give a surviving process a moment to answer, then drop the connection.
  const late = await Promise.race([sent, new Promise<undefined>((r) => setTimeout(r, 500, undefined))]);
  if (late) return late;
  abort.abort();
  await sent.catch(() => undefined);
  return undefined;
}

describe('a crash after the commit: the retry returns the first answer, one effect', () => {
  const cases = [
    {
      what: 'claim',
      marker: '"CLAIM#',
      async setUp() {
        const itemId = await publishedItem();
        return {
          itemId,
          operationId: 'claimItem',
          status: 201,
          path: `/v1/items/${itemId}/claims`,
          token: await tokenFor('unit', MEILIN),
          body: { plan: 'Survey by street teams.', managerId: 'p-meilin-1' },
        };
      },
      async effects(itemId: string, answer: Reply) {
        const claims = await claimsOf(itemId);
        expect(claims.map((c) => c.claimId)).toEqual([(answer.body as { claimId: string }).claimId]);
        expect((await trailOf(itemId)).filter((t) => t === 'claim.filed')).toHaveLength(1);
      },
    },
    {
      what: 'progress report',
      marker: '"PROGRESS#',
      async setUp() {
        const { itemId } = await api.inProgress('meilin', 'p-meilin-1');
        return {
          itemId,
          operationId: 'reportProgress',
          status: 201,
          path: `/v1/items/${itemId}/progress`,
          token: await tokenFor('unit', MEILIN),
          body: { percentComplete: 35, narrative: 'Drains of 12 streets repaired.' },
        };
      },
      async effects(itemId: string, answer: Reply) {
        const reports = await progressOf(itemId);
        expect(reports.map((r) => r.reportId)).toEqual([(answer.body as { reportId: string }).reportId]);
        expect((await trailOf(itemId)).filter((t) => t === 'progress.reported')).toHaveLength(1);
      },
    },
    {
      what: 'violation report (an inquiry order)',
      marker: '-INQ-',
      async setUp() {
        const { itemId } = await api.inProgress('meilin', 'p-meilin-1');
        return {
          itemId,
          operationId: 'reportViolation',
          status: 201,
          path: `/v1/items/${itemId}/violations`,
          token: await tokenFor('inspector'),
          body: { description: 'Suspected splitting of a works contract.' },
        };
      },
      async effects(itemId: string, answer: Reply) {
        const inquiries = await inquiriesOf(itemId);
        expect(inquiries.map((o) => o.orderId)).toEqual([(answer.body as { orderId: string }).orderId]);
        const item = await api.get<{ openInquiryIds: string[] }>(`/v1/items/${itemId}`);
        expect(item.openInquiryIds).toHaveLength(1);
      },
    },
    {
      what: 'accepted proposal (a class B item)',
      marker: '"accepted"',
      async setUp() {
        const { proposalId } = await api.proposal('meilin');
        return {
          itemId: proposalId,
          operationId: 'decideProposal',
          status: 200,
          path: `/v1/proposals/${proposalId}/decision`,
          token: await tokenFor('office'),
          body: { decision: 'accept' },
        };
      },
      async effects(proposalId: string, answer: Reply) {
        const { proposal, item } = answer.body as {
          proposal: { status: string; itemId: string };
          item: { itemId: string };
        };
        expect(proposal.status).toBe('accepted');
        expect(item.itemId).toBe(proposal.itemId);
        const mine = await api.all<{ proposalId: string; status: string; itemId?: string }>('/v1/proposals', {
          year: YEAR,
          unit: 'meilin',
        });
        expect(mine.filter((p) => p.proposalId === proposalId)).toEqual([
          expect.objectContaining({ status: 'accepted', itemId: item.itemId }),
        ]);
        expect((await trailOf(item.itemId)).filter((t) => t === 'item.created')).toHaveLength(1);
      },
    },
  ] as const;

  for (const c of cases) {
    for (const mode of ['hang', 'throw'] as const) {
      it(`${c.what}: the process ${mode === 'hang' ? 'dies' : 'fails'} after the commit`, async () => {
        const r = await c.setUp();
        const k = key(`crash-${mode}`);
        const crash = crashAfterCommit(c.marker, mode);
        let first: Reply | undefined;
        try {
          first = await postUntilCrash(r.path, r.token, r.body, k, crash);
        } finally {
          crash.remove();
        }
        const retry = await post(r.operationId, r.path, r.token, r.body, k);
        expect(retry.status, showReply(retry)).toBe(r.status);
        // If the failing process still answered, it answered what the retry answers.
        if (first && first.status < 300) expect(first.body).toEqual(retry.body);
        await c.effects(r.itemId, retry);
        const again = await post(r.operationId, r.path, r.token, r.body, k);
        expect(again.status).toBe(r.status);
        expect(again.body).toEqual(retry.body);
        await c.effects(r.itemId, retry);
      });
    }
  }
});

describe('the record is one more write in the command’s transaction', () => {
  it('publishing a batch of 48 items with a key fits DynamoDB’s 100 writes (1 + 2 × 48 + statistics + 1)', async () => {
    const itemIds: string[] = [];
    for (let n = 0; n < 48; n++) itemIds.push((await api.item()).itemId);
    const token = await tokenFor('office');
    const path = `/v1/lists/${YEAR}/batches`;
    const body = { itemIds, claimWindow: { closesAt: `${YEAR}-12-01T18:00:00+08:00` } };
    const k = key('batch-48');
    const first = await post('publishBatch', path, token, body, k);
    expect(first.status, showReply(first)).toBe(201);
    const again = await post('publishBatch', path, token, body, k);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const list = await api.get<{ batches: { batchNo: number; itemIds: string[] }[] }>(`/v1/lists/${YEAR}`);
    expect(list.batches.filter((b) => b.itemIds.includes(itemIds[0]!))).toHaveLength(1);
  });
});

/**
 * Shared builders for the integration tests: actors, a recording workflow port, a
 * controllable clock, and helpers that build data through the application commands
 * (never by writing rows).
 */
import { expect } from 'vitest';
import { award, claim } from '#app/commands/claims.ts';
import { createItem, publishBatch } from '#app/commands/items.ts';
import { createPerson, createUnit } from '#app/commands/units.ts';
import { acknowledge } from '#app/commands/work.ts';
import { setWorkflowPort, type WorkflowPort } from '#app/ports.ts';
import { DomainError } from '#domain/errors.ts';
import { DEFAULT_RULES } from '#domain/grading.ts';
import type { Actor, Item, Order, UnitType } from '#domain/model.ts';
import { setClock } from '#lib/clock.ts';

export const office: Actor = { role: 'office', sub: 'office-1' };
export const commander: Actor = { role: 'commander', sub: 'c1' };
export const inspector: Actor = { role: 'inspector', sub: 'i1' };
export const unitActor = (unitId: string): Actor => ({ role: 'unit', sub: `u-${unitId}`, unitId });
export const managerActor = (personId: string): Actor => ({
  role: 'manager',
  sub: `m-${personId}`,
  personId,
});
/** The project manager every unit created by `createUnits` has. */
export const managerOf = (unitId: string) => `p-${unitId}-1`;

/** A workflow port that records what the application asked of Step Functions. */
export class RecordingPort implements WorkflowPort {
  readonly starts: { machine: string; name: string; input: Record<string, unknown> }[] = [];
  readonly signals: { token: string; output: Record<string, unknown> }[] = [];
  readonly stops: { machine: string; name: string; cause: string }[] = [];

  async signal(token: string, output: Record<string, unknown>): Promise<boolean> {
    this.signals.push({ token, output });
    return true;
  }

  async start(machine: 'ItemLifecycle' | 'Inquiry', name: string, input: Record<string, unknown>) {
    this.starts.push({ machine, name, input });
  }

  async stop(machine: 'ItemLifecycle' | 'Inquiry', name: string, cause: string) {
    this.stops.push({ machine, name, cause });
  }

  /** RUNNING once started and until stopped. */
  async status(_machine: string, name: string) {
    const started = this.starts.some((s) => s.name === name);
    return started && !this.stops.some((s) => s.name === name) ? ('RUNNING' as const) : undefined;
  }
}

export function installRecordingPort(): RecordingPort {
  const port = new RecordingPort();
  setWorkflowPort(port);
  return port;
}

/** The application clock, set and moved by the test. */
export class TestClock {
  private t: number;
  constructor(start: string) {
    this.t = new Date(start).getTime();
    setClock({ now: () => new Date(this.t) });
  }
  set(iso: string): void {
    this.t = new Date(iso).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
  iso(offsetMs = 0): string {
    return new Date(this.t + offsetMs).toISOString();
  }
  static restore(): void {
    setClock(undefined);
  }
}

export const DAY = 24 * 3600_000;

/** Creates the units, each with one project manager `p-<unitId>-1`. */
export async function createUnits(unitIds: readonly string[], unitType: UnitType = 'subdistrict') {
  for (const unitId of unitIds) {
    await createUnit({ actor: office }, { unitId, name: `${unitId} (invented demo unit)`, unitType });
    await createPerson({ actor: office }, unitId, {
      personId: managerOf(unitId),
      name: `Manager of ${unitId}`,
    });
  }
}

export interface ItemSpec {
  year: number;
  kind?: 'task' | 'project' | 'reform';
  itemClass?: 'A' | 'B';
  category?: 'strategic' | 'siege' | 'bottom-line';
  title?: string;
  leadUnitId?: string;
  deadline?: string;
}

export function itemInput(spec: ItemSpec): Record<string, unknown> {
  const kind = spec.kind ?? 'task';
  return {
    year: spec.year,
    kind,
    itemClass: spec.itemClass ?? 'A',
    category: spec.category ?? 'siege',
    title: spec.title ?? `Invented demo ${kind} of ${spec.year}`,
    deadline: spec.deadline ?? `${spec.year}-12-31`,
    ...(kind === 'project'
      ? {
          project: {
            stage: 'construction',
            totalInvestment: 1_000_000_000,
            annualInvestmentTarget: 200_000_000,
          },
        }
      : {}),
    ...(spec.leadUnitId ? { leadUnitId: spec.leadUnitId } : {}),
  };
}

export async function newItem(spec: ItemSpec): Promise<Item> {
  return createItem({ actor: office }, itemInput(spec));
}

/** Publishes the items in one batch with a window closing `days` after the clock. */
export async function publish(clock: TestClock, year: number, itemIds: string[], days = 14) {
  return publishBatch({ actor: office }, year, {
    itemIds,
    claimWindow: { closesAt: clock.iso(days * DAY) },
  });
}

/** An item in progress: created, published, claimed by `unitId`, awarded, acknowledged. */
export async function itemInProgress(
  clock: TestClock,
  spec: ItemSpec & { unitId: string },
): Promise<{ item: Item; order: Order }> {
  const item = await newItem(spec);
  await publish(clock, spec.year, [item.itemId]);
  const c = await claim({ actor: unitActor(spec.unitId) }, item.itemId, {
    plan: 'We lead it with two teams',
    managerId: managerOf(spec.unitId),
  });
  const order = await award({ actor: commander }, item.itemId, c.claimId, {});
  await acknowledge({ actor: unitActor(spec.unitId) }, order.orderId, { note: 'signed' });
  return { item, order };
}

/** Awaits a promise that must fail with the given domain error kind and code. */
export async function expectDomainError(
  promise: Promise<unknown>,
  kind: DomainError['kind'],
  code?: string,
): Promise<DomainError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected a ${kind} error${code ? ` ${code}` : ''}`).toBeInstanceOf(DomainError);
  const err = caught as DomainError;
  expect({ kind: err.kind, code: err.code }).toEqual({ kind, code: code ?? err.code });
  return err;
}

/**
 * A second version of the rules for the rules tests: an escalated inquiry costs 8 points, and
 * the serious lag is `seriousLagPoints` behind plan.
 */
export const rulesV2 = (seriousLagPoints: number) => ({
  version: 2,
  title: '第二版（测试）',
  effects: {
    ...DEFAULT_RULES.effects,
    'inquiry:escalated': { ...DEFAULT_RULES.effects['inquiry:escalated'], performanceScore: -8 },
  },
  thresholds: { seriousLagPoints, bottomShare: 0.1, bottomPeriodsRunning: 2 },
});

/** Shared helpers of the engine's tests (unit and integration). */
import { join } from 'node:path';
import type { DescribeExecutionOutput, HistoryEvent } from '../../../src/sfn/api-types.ts';
import { EngineClock } from '../../../src/sfn/clock.ts';
import { LocalStepFunctions, type LocalStepFunctionsOptions } from '../../../src/sfn/engine.ts';
import type { LocalFunction } from '../../../src/sfn/integrations/types.ts';
import { loadDefinition } from '../../../src/sfn/load.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Virtual time at which every frozen engine starts. */
export const ORIGIN = Date.parse('2025-03-01T08:00:00.000Z');

/** The ASL fixtures of the package's tests (packages/local-aws/test/fixtures/asl). */
export const fixtureFile = (name: string): string =>
  join(import.meta.dirname, '..', '..', 'fixtures', 'asl', `${name}.asl.json`);

export function fixture(name: string, substitutions: Record<string, string> = {}): string {
  return loadDefinition(fixtureFile(name), substitutions);
}

/**
 * An engine on a frozen clock: virtual time moves only through `clock.advance()`. `Idle`
 * (a function that returns at once) is always there: the fixtures wait on callbacks it never makes.
 */
export function frozenEngine(
  functions: Record<string, LocalFunction> = {},
  options: Omit<LocalStepFunctionsOptions, 'clock' | 'functions'> = {},
): { clock: EngineClock; engine: LocalStepFunctions } {
  const clock = new EngineClock({ origin: ORIGIN, timeScale: 0 });
  const registry = new Map<string, LocalFunction>([['Idle', async () => null], ...Object.entries(functions)]);
  const engine = new LocalStepFunctions({ clock, functions: registry, ...options });
  return { clock, engine };
}

export function outputOf(description: DescribeExecutionOutput): unknown {
  if (description.output === undefined) throw new Error(`no output: ${JSON.stringify(description)}`);
  return JSON.parse(description.output);
}

export async function historyOf(engine: LocalStepFunctions, executionArn: string): Promise<HistoryEvent[]> {
  return (await engine.getExecutionHistory({ executionArn, maxResults: 1000 })).events;
}

export function typesOf(events: readonly HistoryEvent[]): string[] {
  return events.map((e) => e.type ?? '?');
}

/** Lets pending promise reactions and gate hand-offs run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * The local scheduler: the declared schedules, with the expressions as deployed, run by
 * croner in their time zone, each starting its target state machine on the local engine (or
 * invoking its target function) — what EventBridge Scheduler does on AWS.
 */
import { Cron } from 'croner';
import type { ScheduleSpec } from './declarations.ts';

export interface LocalSchedule {
  readonly id: string;
  /** The EventBridge Scheduler expression, as deployed. */
  readonly expression: string;
  /** The same schedule as a five-field cron pattern for croner. */
  readonly cron: string;
  readonly timeZone: string;
  readonly stateMachine?: string;
  readonly function?: string;
  readonly input: Readonly<Record<string, unknown>>;
}

const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * `cron(min hour day-of-month month day-of-week year)` → `min hour dom month dow`.
 * EventBridge numbers weekdays 1–7 from Sunday; cron 0–6. `?` means "any". The year field
 * must be `*` (a local runtime does not outlive one).
 */
export function toCronPattern(expression: string): string {
  const m = /^cron\((.+)\)$/.exec(expression.trim());
  if (!m) {
    const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
    if (!rate) throw new Error(`unsupported schedule expression ${expression}`);
    const n = Number(rate[1]);
    if (rate[2]!.startsWith('minute')) return `*/${n} * * * *`;
    if (rate[2]!.startsWith('hour')) return `0 */${n} * * *`;
    return `0 0 */${n} * *`;
  }
  const fields = m[1]!.split(/\s+/);
  if (fields.length !== 6) throw new Error(`a cron expression has six fields: ${expression}`);
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  if (year !== '*') throw new Error(`the local scheduler supports only year '*': ${expression}`);
  const any = (f: string) => (f === '?' ? '*' : f);
  const weekday = any(dow)
    .replace(/\b([1-7])\b/g, (d) => String(Number(d) - 1))
    .replace(/\b(SUN|MON|TUE|WED|THU|FRI|SAT)\b/gi, (d) => String(DAYS.indexOf(d.toUpperCase())));
  return [min, hour, any(dom), any(month), weekday].join(' ');
}

/** The declared schedules with their croner patterns (throws on an expression it cannot run). */
export function localSchedules(schedules: readonly ScheduleSpec[]): LocalSchedule[] {
  return schedules.map((d) => ({ ...d, cron: toCronPattern(d.expression) }));
}

export interface SchedulerClock {
  now(): Date;
}

/**
 * Starts every schedule. `clock` lets the scheduler follow the engine's (possibly scaled)
 * time: it checks once a real second whether a run is due in virtual time.
 */
export function startScheduler(
  list: readonly LocalSchedule[],
  start: (s: LocalSchedule, firedAt: Date) => Promise<void>,
  clock: SchedulerClock,
  options: {
    tickMs?: number;
    onError?: (s: LocalSchedule, err: unknown) => void;
  } = {},
): { schedules: readonly LocalSchedule[]; tick(): void; stop(): void } {
  const crons = list.map((s) => ({ s, cron: new Cron(s.cron, { timezone: s.timeZone, paused: true }) }));
  const next = new Map(crons.map(({ s, cron }) => [s.id, cron.nextRun(clock.now())]));
  const tick = () => {
    const t = clock.now();
    for (const { s, cron } of crons) {
      const due = next.get(s.id);
      if (!due || due > t) continue;
      next.set(s.id, cron.nextRun(t));
      start(s, due).catch((err) => options.onError?.(s, err));
    }
  };
  const timer = setInterval(tick, options.tickMs ?? 1000);
  timer.unref();
  return { schedules: list, tick, stop: () => clearInterval(timer) };
}

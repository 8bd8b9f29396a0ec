/**
 * The local scheduler: the schedules of infra/resources/schedules.ts, with the expressions
 * CDK reads from cdk.json context, run by croner in their time zone, each starting its target
 * state machine on the local engine — what EventBridge Scheduler does on AWS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cron } from 'croner';
import { projectRoot } from '../resources/project-root.ts';
import { type ScheduleDeclaration, scheduleExpression, schedules } from '../resources/schedules.ts';

export interface LocalSchedule {
  readonly id: string;
  /** The EventBridge Scheduler expression, as deployed. */
  readonly expression: string;
  /** The same schedule as a five-field cron pattern for croner. */
  readonly cron: string;
  readonly timeZone: string;
  readonly stateMachine: string;
  readonly input: Readonly<Record<string, string>>;
}

export function cdkContext(): Record<string, unknown> {
  const cdk = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdk.context ?? {};
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

export function localSchedules(context = cdkContext()): LocalSchedule[] {
  return schedules.map((d: ScheduleDeclaration) => {
    const expression = scheduleExpression(d, context);
    return {
      id: d.id,
      expression,
      cron: toCronPattern(expression),
      timeZone: d.timeZone,
      stateMachine: d.target.stateMachine,
      input: d.target.input,
    };
  });
}

export interface SchedulerClock {
  now(): Date;
}

/**
 * Starts every schedule. `clock` lets the scheduler follow the engine's (possibly scaled)
 * time: it checks once a real second whether a run is due in virtual time.
 */
export function startScheduler(
  start: (s: LocalSchedule, firedAt: Date) => Promise<void>,
  clock: SchedulerClock,
  options: {
    context?: Record<string, unknown>;
    tickMs?: number;
    onError?: (s: LocalSchedule, err: unknown) => void;
  } = {},
): { schedules: LocalSchedule[]; tick(): void; stop(): void } {
  const list = localSchedules(options.context ?? cdkContext());
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

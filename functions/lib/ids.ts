import { randomBytes } from 'node:crypto';
import { now } from './clock.ts';

/** A short, time-ordered, random id: `<prefix>-<time base36><random base36>`. */
/** Time-ordered on the application's clock (the local engine's virtual time, locally). */
export function newId(prefix: string, at = now().getTime()): string {
  const rand = BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString(36)
    .padStart(13, '0');
  return `${prefix}-${at.toString(36)}${rand}`;
}

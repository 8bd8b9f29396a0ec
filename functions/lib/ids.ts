import { randomBytes } from 'node:crypto';

/** A short, time-ordered, random id: `<prefix>-<time base36><random base36>`. */
export function newId(prefix: string, at = Date.now()): string {
  const rand = BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString(36)
    .padStart(13, '0');
  return `${prefix}-${at.toString(36)}${rand}`;
}

/**
 * Counts the DynamoDB requests and the capacity units they consume (DynamoDB Local answers
 * `ReturnConsumedCapacity` as DynamoDB does), at the document client every module shares.
 */
import { documentClient } from '../functions/data/db.ts';

export interface Consumed {
  requests: number;
  reads: number;
  writes: number;
  readUnits: number;
  writeUnits: number;
  commands: string[];
}

type Capacity = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };

/** From now on, every request through the client is counted into the answer (until `stop`). */
export function countCapacity(): Consumed & { stop(): void } {
  const counts: Consumed = { requests: 0, reads: 0, writes: 0, readUnits: 0, writeUnits: 0, commands: [] };
  const client = documentClient();
  const original = client.send;
  const send = original.bind(client) as (...args: unknown[]) => Promise<unknown>;
  let on = true;
  (client as { send: unknown }).send = async (
    command: { constructor: { name: string }; input: Record<string, unknown> },
    ...rest: unknown[]
  ) => {
    if (!on) return send(command, ...rest);
    const name = command.constructor.name;
    const read = /^(Get|BatchGet|Query|TransactGet)/.test(name);
    counts.requests++;
    counts.commands.push(name.replace(/Command$/, ''));
    if (read) counts.reads++;
    else counts.writes++;
    command.input.ReturnConsumedCapacity ??= 'TOTAL';
    const res = (await send(command, ...rest)) as { ConsumedCapacity?: Capacity | Capacity[] };
    const list = res.ConsumedCapacity === undefined ? [] : [res.ConsumedCapacity].flat();
    for (const c of list) {
      const units = c.CapacityUnits ?? 0;
      if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
        counts.readUnits += c.ReadCapacityUnits ?? 0;
        counts.writeUnits += c.WriteCapacityUnits ?? 0;
      } else if (read) counts.readUnits += units;
      else counts.writeUnits += units;
    }
    return res;
  };
  return Object.assign(counts, {
    stop() {
      on = false;
    },
  });
}

/**
 * A local system in a process of its own, started by a parent over IPC (the e2e files' shared
 * system, test/e2e/system-process.ts, and the benchmark's, bench/console-system.ts): the
 * runtime and gateway it starts are stopped on SIGTERM, SIGINT or when the parent's IPC channel
 * closes. A stop during start-up waits for the runtime, so DynamoDB Local is never left behind.
 */
import type { Gateway, LocalRuntime, RuntimeOptions } from '@one-list/local-aws';
import { type ProductGatewayOptions, startGateway, startLocalRuntime } from './platform.ts';

export interface ChildSystem {
  runtime(options: RuntimeOptions): Promise<LocalRuntime>;
  gateway(options: ProductGatewayOptions): Promise<Gateway>;
  /** Closes the gateway, stops the runtime and exits with `code`. */
  stop(code: number): Promise<void>;
}

export function childSystem(): ChildSystem {
  let rt: LocalRuntime | undefined;
  let gw: Gateway | undefined;
  let starting: Promise<LocalRuntime> | undefined;
  let stopping = false;

  async function stop(code: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    try {
      await gw?.close();
      await (rt ?? (await starting?.catch(() => undefined)))?.stop();
    } finally {
      process.exit(code);
    }
  }
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  process.on('disconnect', () => void stop(0));

  return {
    async runtime(options) {
      starting = startLocalRuntime(options);
      rt = await starting;
      return rt;
    },
    async gateway(options) {
      gw = await startGateway(options);
      return gw;
    },
    stop,
  };
}

/**
 * What the operator tools share: their environment and how they fail.
 *
 * With an AWS environment (a region, a profile or credentials, or explicit endpoints), the
 * tools use it as the SDK does. Without one, they use the endpoints the running `npm start`
 * wrote to `.data/endpoints.json`. When nothing answers, or nothing is configured, they
 * print one line saying what to do, not a stack trace, and exit non-zero.
 */
import { setClock } from '../functions/lib/clock.ts';
import { endpointsFile, readEndpoints } from '../infra/local/platform.ts';

export class ToolError extends Error {}

const AWS_VARIABLES = [
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_SFN',
];

/** Where the tool talks to, for the hint when nothing answers there. */
let target = 'AWS';
/** Whether toolEnvironment chose the local system. */
let usingLocal = false;

/** Installs the local endpoints when no AWS environment is set. Returns what it talks to. */
export function toolEnvironment(): string {
  if (AWS_VARIABLES.some((v) => process.env[v])) {
    target = process.env.AWS_ENDPOINT_URL_SFN ?? process.env.AWS_ENDPOINT_URL ?? 'AWS';
    return target;
  }
  const local = readEndpoints();
  if (!local) {
    throw new ToolError(
      `no AWS environment set and no local system (${endpointsFile()} is missing): start it with npm start, or set AWS_REGION and your credentials`,
    );
  }
  Object.assign(process.env, local.env, {
    AWS_ENDPOINT_URL_SFN: local.sfnEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB: local.dynamoDbEndpoint,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  usingLocal = true;
  target = `the local system (${local.sfnEndpoint}, from ${endpointsFile()})`;
  return target;
}

/**
 * The local system lives on a virtual clock (npm start's engine): a tool that writes (the
 * reconciler's audit events) takes its time from the running gateway's health answer and
 * lets it run on at the recorded time scale. On AWS, and without a gateway, the system clock.
 */
export async function followLocalClock(): Promise<void> {
  const local = usingLocal ? readEndpoints() : undefined;
  if (!local?.gatewayUrl) return;
  const res = await fetch(`${local.gatewayUrl}/v1/health`);
  const { time } = (await res.json()) as { time?: string };
  const base = new Date(time ?? '').getTime();
  if (Number.isNaN(base)) return;
  const fetched = Date.now();
  const scale = local.timeScale ?? 1;
  setClock({ now: () => new Date(base + (Date.now() - fetched) * scale) });
}

const UNREACHABLE = ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE'];

function unreachable(err: unknown): boolean {
  for (
    let e = err as { code?: string; name?: string; cause?: unknown; errors?: unknown[] } | undefined;
    e;
  ) {
    if (e.code && UNREACHABLE.includes(e.code)) return true;
    if (e.name === 'TimeoutError') return true;
    if (e.errors?.some(unreachable)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** The one line a failure prints. */
export function hint(err: unknown): string {
  if (err instanceof ToolError) return err.message;
  if (unreachable(err)) {
    return `nothing answers at ${target}: is npm start running? (it writes ${endpointsFile()} when it is up)`;
  }
  const e = err as { name?: string; message?: string };
  if (e?.name === 'CredentialsProviderError' || e?.name === 'UnrecognizedClientException')
    return `AWS refused the credentials (${e.message}): check AWS_PROFILE / AWS_REGION`;
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`;
}

/** Runs a tool's main: exit code from it, or 1 with one line on stderr. */
export async function runTool(main: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await main();
  } catch (err) {
    console.error(hint(err));
    code = 1;
  }
  process.exit(code);
}

/**
 * The declared buckets (infra/resources/buckets.ts) on a local S3 emulator (s3rver), as a
 * service of the local runtime: created with the declared CORS rule for the console's origins,
 * and the functions told where S3 is (`AWS_ENDPOINT_URL_S3`, read by the SDK itself), path-style
 * addressing (`S3_FORCE_PATH_STYLE`: a local endpoint has no per-bucket host names) and each
 * bucket's name in its declared variable. The handlers make the same SDK calls as on AWS.
 *
 * s3rver differs from S3, and the product does not rely on it: it checks no SigV4 signature
 * and no POST policy (conditions, expiry). The confirmation step checks size and type against
 * the declaration itself, and test/integration/local/evidence.test.ts checks the signed policy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalServiceFactory } from '@one-list/local-aws';
import S3rver from 's3rver';
import { buckets } from '../resources/buckets.ts';

export interface LocalS3Options {
  /** Where the objects are kept; omitted: a temporary folder removed on stop. */
  readonly directory?: string;
  readonly port?: number;
  /** Origins a browser may POST and GET from (the console's). */
  readonly corsOrigins?: readonly string[];
}

const xmlEscape = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The declared CORS rule of a bucket as S3's XML. */
export function corsXml(cors: (typeof buckets)[number]['cors'], origins: readonly string[]): string {
  const tag = (name: string, values: readonly (string | number)[]) =>
    values.map((v) => `<${name}>${xmlEscape(String(v))}</${name}>`).join('');
  return `<CORSConfiguration><CORSRule>${tag('AllowedOrigin', origins.length ? origins : ['*'])}${tag('AllowedMethod', cors.allowedMethods)}${tag('AllowedHeader', cors.allowedHeaders)}${tag('ExposeHeader', cors.exposedHeaders)}${tag('MaxAgeSeconds', [cors.maxAgeSeconds])}</CORSRule></CORSConfiguration>`;
}

export function localS3(options: LocalS3Options = {}): LocalServiceFactory {
  return async ({ env }) => {
    const temporary = options.directory === undefined;
    const directory = options.directory ?? mkdtempSync(join(tmpdir(), 'onelist-s3-'));
    const accessKeyId = env.AWS_ACCESS_KEY_ID ?? 'local';
    const secret = env.AWS_SECRET_ACCESS_KEY ?? 'local';
    // s3rver knows one key pair of its own; the runtime's credentials become another of its account.
    const { DUMMY_ACCOUNT } = (await import('s3rver/lib/models/account.js')) as unknown as {
      DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
    };
    DUMMY_ACCOUNT.createKeyPair(accessKeyId, secret);
    const server = new S3rver({
      address: '127.0.0.1',
      port: options.port ?? 0,
      silent: true,
      directory,
      vhostBuckets: false,
      configureBuckets: buckets.map((b) => ({
        name: b.localName,
        configs: [corsXml(b.cors, options.corsOrigins ?? [])],
      })),
    });
    const address = (await server.run()) as AddressInfo;
    const endpoint = `http://127.0.0.1:${address.port}`;
    return {
      name: 's3',
      env: {
        AWS_ENDPOINT_URL_S3: endpoint,
        S3_FORCE_PATH_STYLE: 'true',
        ...Object.fromEntries(buckets.map((b) => [b.envVar, b.localName])),
      },
      stop: async () => {
        await server.close();
        if (temporary) rmSync(directory, { recursive: true, force: true });
      },
    };
  };
}

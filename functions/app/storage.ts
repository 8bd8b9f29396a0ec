/**
 * The evidence bucket (infra/resources/buckets.ts) through the S3 SDK: presigned POST forms,
 * HeadObject, presigned GET links, writing an export. Only the Documents function imports this
 * module (the SDK stays out of the other bundles). Copies, HeadObject and GET presigning behave
 * the same on s3rver and S3 (CopyObject keeps the source's Content-Type: metadata is copied). The endpoint comes from the environment
 * (`AWS_ENDPOINT_URL_S3`, read by the SDK itself; locally s3rver), the bucket's name from the
 * declared variable, and path-style addressing from `S3_FORCE_PATH_STYLE=true` (a local
 * endpoint has no per-bucket host names) — never from whether it is local.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { evidenceBucket } from '#resources/buckets.ts';

type S3Sdk = [
  typeof import('@aws-sdk/client-s3'),
  typeof import('@aws-sdk/s3-presigned-post'),
  typeof import('@aws-sdk/s3-request-presigner'),
];
let sdk: Promise<S3Sdk> | undefined;
/**
 * The S3 SDK and its presigners, loaded on first use: a Documents invocation that touches no
 * evidence file (an import, a CSV, a printed order) does not pay for loading them at its cold
 * start (bench/bundles.ts measures it; ARCHITECTURE.md, 2026-12-04 "Heavy packages beside the bundle").
 */
const s3Sdk = () => {
  sdk ??= Promise.all([
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/s3-presigned-post'),
    import('@aws-sdk/s3-request-presigner'),
  ]);
  return sdk;
};

let client: S3Client | undefined;
let madeFor = '';

async function s3(): Promise<{ client: S3Client; sdk: S3Sdk }> {
  const loaded = await s3Sdk();
  const env = `${process.env.AWS_ENDPOINT_URL_S3 ?? ''}|${process.env.S3_FORCE_PATH_STYLE ?? ''}|${process.env.AWS_REGION ?? ''}`;
  if (!client || env !== madeFor) {
    client = new loaded[0].S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });
    madeFor = env;
  }
  return { client, sdk: loaded };
}

export function bucketName(): string {
  const name = process.env[evidenceBucket.envVar];
  if (!name) throw new Error(`${evidenceBucket.envVar} is not set`);
  return name;
}

export interface UploadForm {
  readonly url: string;
  readonly fields: Record<string, string>;
}

/** A presigned POST form for exactly `key`, of `contentType`, within the size range. */
export async function uploadForm(
  key: string,
  contentType: string,
  conditions: readonly (readonly unknown[])[],
  expiresSeconds: number,
): Promise<UploadForm> {
  const { client, sdk } = await s3();
  const { url, fields } = await sdk[1].createPresignedPost(client, {
    Bucket: bucketName(),
    Key: key,
    Fields: { 'Content-Type': contentType },
    Conditions: conditions as never,
    Expires: expiresSeconds,
  });
  return { url, fields };
}

/** Size and type of a stored object; undefined when there is none. */
export async function headObject(
  key: string,
): Promise<{ size: number | undefined; contentType: string | undefined } | undefined> {
  try {
    const { client, sdk } = await s3();
    const res = await client.send(new sdk[0].HeadObjectCommand({ Bucket: bucketName(), Key: key }));
    return { size: res.ContentLength, contentType: res.ContentType };
  } catch (err) {
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404)
      return undefined;
    throw err;
  }
}

/** A presigned GET of `key`, downloaded as `filename`. */
export async function downloadLink(
  key: string,
  filename: string,
  contentType: string,
  expiresSeconds: number,
): Promise<string> {
  const ascii = filename.replace(/[^\w.-]/g, '_');
  const { client, sdk } = await s3();
  return sdk[2].getSignedUrl(
    client,
    new sdk[0].GetObjectCommand({
      Bucket: bucketName(),
      Key: key,
      ResponseContentDisposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      ResponseContentType: contentType,
    }),
    { expiresIn: expiresSeconds },
  );
}

export async function putObject(key: string, body: Buffer, contentType: string): Promise<void> {
  const { client, sdk } = await s3();
  await client.send(
    new sdk[0].PutObjectCommand({ Bucket: bucketName(), Key: key, Body: body, ContentType: contentType }),
  );
}

/**
 * Copies `from` to `to` in the bucket (CopyObject, one request: objects up to 5 GB; evidence is
 * ≤ 20 MiB). The metadata, Content-Type with it, is the source's. The source stays: the
 * bucket's lifecycle expires it (buckets.ts `UPLOADS_PREFIX`).
 */
export async function copyObject(from: string, to: string): Promise<void> {
  const bucket = bucketName();
  const { client, sdk } = await s3();
  await client.send(
    new sdk[0].CopyObjectCommand({
      Bucket: bucket,
      Key: to,
      CopySource: `${bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
      MetadataDirective: 'COPY',
    }),
  );
}

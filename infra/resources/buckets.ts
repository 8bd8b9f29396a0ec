/**
 * The one declaration of every S3 bucket (issue 13: evidence files, large exports). The CDK
 * stack builds the bucket, its lifecycle, CORS and the grants from it; the local platform
 * creates the same bucket (same CORS) on s3rver; handlers learn its name from `envVar`.
 * Physical names are never fixed: CloudFormation names the bucket, the local runtime derives
 * it from `localName`.
 *
 * Pure data: no AWS import (read by functions/ through `#resources/buckets.ts`).
 */

/** What a function may do with the objects under a prefix of a bucket. */
export type ObjectAccess = 'put' | 'get';

/** The S3 actions of each object access level (HeadObject is authorised by s3:GetObject). */
export const OBJECT_ACTIONS: Readonly<Record<ObjectAccess, readonly string[]>> = {
  put: ['s3:PutObject'],
  get: ['s3:GetObject'],
};

export interface ObjectGrant {
  /** The declared function (infra/resources/functions.ts). */
  readonly function: string;
  /** Key prefixes (each ends with `/`): the grant covers `<prefix>*` only. */
  readonly prefixes: readonly string[];
  readonly access: readonly ObjectAccess[];
}

export interface BucketLifecycle {
  /** Incomplete multipart uploads are aborted after this many days. */
  readonly abortIncompleteMultipartUploadDays: number;
  /** A replaced or deleted version is kept this many days (versioning is on). */
  readonly noncurrentVersionDays: number;
  /**
   * Objects under a prefix expire this many days after they were written, and (versioning is
   * on) their noncurrent versions `noncurrentDays` after that when given.
   */
  readonly expire: readonly {
    readonly prefix: string;
    readonly days: number;
    readonly noncurrentDays?: number;
  }[];
}

export interface BucketDeclaration {
  /** CDK construct id. */
  readonly logicalId: string;
  /** The bucket's name locally (s3rver); on AWS CloudFormation names it. */
  readonly localName: string;
  /** Environment variable through which handlers learn the bucket's name. */
  readonly envVar: string;
  readonly description: string;
  /** Browsers POST to it (presigned forms) and GET from it (presigned links) from the console's origin. */
  readonly cors: {
    readonly allowedMethods: readonly ('GET' | 'POST' | 'PUT' | 'HEAD')[];
    readonly allowedHeaders: readonly string[];
    readonly exposedHeaders: readonly string[];
    readonly maxAgeSeconds: number;
  };
  readonly lifecycle: BucketLifecycle;
  /** Least privilege: which functions may put or get objects under which prefixes. */
  readonly grants: readonly ObjectGrant[];
}

/** Evidence files of an item: `items/<itemId>/<fileId>/<name>`. */
export const EVIDENCE_PREFIX = 'items/';
/**
 * Where browsers upload evidence (`uploads/<itemId>/<fileId>/<name>`, presigned POST), gone
 * after a day: the confirmation copies the object to its `items/` key; an upload never
 * confirmed is removed with its versions (domain/evidence.ts `UPLOADS_PREFIX`).
 */
export const UPLOADS_PREFIX = 'uploads/';
/** Large exports handed out as presigned links: `exports/<…>`, gone after a day. */
export const EXPORTS_PREFIX = 'exports/';

export const evidenceBucket: BucketDeclaration = {
  logicalId: 'EvidenceBucket',
  localName: 'onelist-evidence',
  envVar: 'EVIDENCE_BUCKET_NAME',
  description:
    'Evidence files of progress and completion reports (photos, documents: presigned POST forms to uploads/, a day; copied to items/ when confirmed; presigned GET links) and large exports (presigned GET links, a day).',
  cors: {
    allowedMethods: ['GET', 'POST', 'HEAD'],
    allowedHeaders: ['*'],
    exposedHeaders: ['ETag', 'Location'],
    maxAgeSeconds: 3000,
  },
  lifecycle: {
    abortIncompleteMultipartUploadDays: 1,
    noncurrentVersionDays: 30,
    expire: [
      { prefix: EXPORTS_PREFIX, days: 1 },
      { prefix: UPLOADS_PREFIX, days: 1, noncurrentDays: 1 },
    ],
  },
  grants: [
    // The Documents function signs the upload forms (the browser's POST to uploads/ is authorised
    // by its role's s3:PutObject), reads the uploaded object at confirmation (HeadObject), copies
    // it to items/ (CopyObject: GetObject on the source, PutObject on the target) and signs the
    // download links (GetObject); it writes large exports and signs their links.
    {
      function: 'Documents',
      prefixes: [EVIDENCE_PREFIX, UPLOADS_PREFIX, EXPORTS_PREFIX],
      access: ['put', 'get'],
    },
  ],
};

export const buckets: readonly BucketDeclaration[] = [evidenceBucket];

/**
 * OneListBucket: a declared bucket (infra/resources/buckets.ts) of files the API hands out —
 * evidence uploaded through presigned POST forms, large exports behind presigned links.
 * KMS encryption with the AWS managed key (aws/s3: every use in CloudTrail, no key policy to
 * keep, usable by the signing function's role through S3), versioning, public access blocked,
 * SSL enforced, object ownership enforced (no ACLs), the declared lifecycle, CORS for the
 * console's origins, server access logs to a log bucket of its own, and least-privilege grants
 * on prefixes (`<prefix>*`) to the declared functions only.
 */
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CorsRule,
  HttpMethods,
  type LifecycleRule,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { type BucketDeclaration, OBJECT_ACTIONS } from '../resources/buckets.ts';
import { acknowledgeResource, acknowledgeWildcardResource } from './nag.ts';

export interface OneListBucketProps {
  readonly declaration: BucketDeclaration;
  /** Origins allowed to POST and GET from a browser (the console's). */
  readonly corsOrigins: readonly string[];
  readonly removalPolicy: RemovalPolicy;
  /** Days the server access logs are kept. */
  readonly accessLogDays: number;
}

export class OneListBucket extends Construct {
  public readonly bucket: Bucket;
  public readonly accessLogs: Bucket;
  public readonly declaration: BucketDeclaration;

  constructor(scope: Construct, id: string, props: OneListBucketProps) {
    super(scope, id);
    const d = props.declaration;
    this.declaration = d;
    // Server access logs: S3 delivers them with SSE-S3 only (a log target may not use SSE-KMS).
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [
        {
          expiration: Duration.days(props.accessLogDays),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: props.removalPolicy,
    });
    acknowledgeResource(
      this.accessLogs,
      'AwsSolutions-S1',
      'This is the server access log bucket of the evidence bucket: logging its own accesses into itself would log every delivery in a loop, and into a further bucket only moves the question; its writes are S3’s log delivery, its reads CloudTrail records.',
    );

    const lifecycleRules: LifecycleRule[] = [
      {
        id: 'versions-and-uploads',
        abortIncompleteMultipartUploadAfter: Duration.days(d.lifecycle.abortIncompleteMultipartUploadDays),
        noncurrentVersionExpiration: Duration.days(d.lifecycle.noncurrentVersionDays),
      },
      ...d.lifecycle.expire.map((e) => ({
        id: `expire-${e.prefix.replace(/\W/g, '')}`,
        prefix: e.prefix,
        expiration: Duration.days(e.days),
        ...(e.noncurrentDays === undefined
          ? {}
          : { noncurrentVersionExpiration: Duration.days(e.noncurrentDays) }),
      })),
    ];
    const cors: CorsRule[] =
      props.corsOrigins.length > 0
        ? [
            {
              allowedOrigins: [...props.corsOrigins],
              allowedMethods: d.cors.allowedMethods.map((m) => HttpMethods[m]),
              allowedHeaders: [...d.cors.allowedHeaders],
              exposedHeaders: [...d.cors.exposedHeaders],
              maxAge: d.cors.maxAgeSeconds,
            },
          ]
        : [];
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.KMS_MANAGED,
      bucketKeyEnabled: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules,
      cors,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'evidence/',
      removalPolicy: props.removalPolicy,
    });
  }

  /** The declared grants of `functionId` (put/get on `<prefix>*`), on its role. */
  grantTo(functionId: string, grantee: IGrantable): void {
    for (const g of this.declaration.grants.filter((x) => x.function === functionId)) {
      for (const prefix of g.prefixes) {
        const arn = this.bucket.arnForObjects(`${prefix}*`);
        Grant.addToPrincipal({
          grantee,
          actions: g.access.flatMap((a) => [...OBJECT_ACTIONS[a]]),
          resourceArns: [arn],
        });
        const role = (grantee as { role?: Construct }).role ?? (grantee as unknown as Construct);
        acknowledgeWildcardResource(
          role,
          arn,
          `Objects of the ${this.declaration.logicalId} under ${prefix} only: keys hold ids made at request time (items/<itemId>/<fileId>/<name>, uploads/<…>, exports/<…>), so the grant is by prefix; the API decides per request which key it signs.`,
        );
      }
    }
  }

  /** The bucket's regional origin, which a browser POSTs to (the console's CSP connect-src). */
  get regionalOrigin(): string {
    return `https://${this.bucket.bucketRegionalDomainName}`;
  }
}

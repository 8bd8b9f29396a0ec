/**
 * AWS Control Tower proactive controls (`@cdklabs/cdk-validator-cfnguard`, run by infra/app.ts
 * on every synthesis): the one place where each finding that remains is acknowledged, with its
 * reason. Findings that could be fixed were fixed where the resource is made (log retention in
 * prod, the KMS grant statement of the alarm topic's key); what remains below is either a
 * deliberate design decision or a false positive of a rule on this template, and each is
 * acknowledged on exactly the resources it concerns (never by disabling a rule: a new resource
 * that breaks a rule still fails synthesis).
 *
 * CDK's policy validation honours `Validations.of(x).acknowledge({ id: '<plugin>::<rule>' })`,
 * the same mechanism cdk-nag 3 uses (see nag.ts).
 */
import { Aspects, CfnResource, type IAspect, type Stack, Validations } from 'aws-cdk-lib';
import { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { CfnFunction, CfnPermission } from 'aws-cdk-lib/aws-lambda';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';

export const CFN_GUARD_PLUGIN = 'cdk-validator-cfnguard';

/** Every Control Tower rule acknowledged somewhere in the stack, with why. */
export const CONTROL_TOWER_ACKNOWLEDGEMENTS = {
  /** CT.APIGATEWAY.PR.5 */
  api_gw_v2_authorization_type_configured_check:
    'Public route by declaration (infra/resources/routes.ts, auth "public"): published, unauthenticated information anyone may read; served by a read-only function with its own, lower route throttle. Every other route has the JWT authorizer.',
  /** CT.CLOUDWATCH.PR.2 */
  cloudwatch_log_group_retention_period_check:
    'Dev stage only: developers\u2019 logs of invented data are kept a week and destroyed with the stack; prod keeps every log group at least a year.',
  /** CT.CLOUDWATCH.PR.3 */
  cloudwatch_log_group_encrypted_check:
    'CloudWatch Logs encrypts every log group at rest with service-managed keys; the logs hold no execution data (state machines log without it) and no secrets, so a customer managed key would add a key policy to maintain and the risk of unreadable logs if it were disabled, for no protection the data needs.',
  /** CT.LAMBDA.PR.2 */
  lambda_function_public_access_prohibited_check:
    'False positive: this permission lets apigateway.amazonaws.com invoke the function only for one route of this stack\u2019s HTTP API (SourceArn built with Fn::Join from the API id, which the rule cannot evaluate as a string or a local reference).',
  /** CT.LAMBDA.PR.3 */
  lambda_inside_vpc_check:
    'The functions reach only AWS service endpoints (DynamoDB, Step Functions, X-Ray) with IAM authorization and no data store in a VPC; putting them in one would need NAT or interface endpoints in every region a district uses, cost more and add cold-start latency, for no resource to protect.',
  /** CT.CLOUDFRONT.PR.4 */
  cloudfront_origin_failover_enabled_check:
    'The console’s one origin is an S3 bucket (eleven nines durability, regional availability); a second bucket in another region for failover would double every deploy for a site of static files that CloudFront also serves from its caches.',
  /** CT.CLOUDFRONT.PR.5 */
  cloudfront_access_logs_enabled_check:
    'The console distribution serves only the static console build; every data access goes through the API, whose access logs (kept a year in prod) record caller, route and status. Standard logs would need an ACL-enabled logging bucket for requests of public files.',
  /** CT.CLOUDFRONT.PR.6 */
  cloudfront_custom_ssl_certificate_check:
    'No custom domain configured (context consoleDomain + consoleCertificateArn): the distribution serves on its *.cloudfront.net name with CloudFront’s certificate. With a custom domain it uses the given ACM certificate, SNI and TLSv1.2_2021.',
  /** CT.CLOUDFRONT.PR.7 */
  cloudfront_sni_enabled_check:
    'No custom domain configured: the *.cloudfront.net default certificate has no SSL support method to set. With consoleDomain the distribution uses SNI.',
  /** CT.CLOUDFRONT.PR.9 */
  cloudfront_security_policy_check:
    'No custom domain configured: the *.cloudfront.net default certificate’s security policy is fixed by CloudFront and cannot be set. With consoleDomain the distribution requires TLSv1.2_2021.',
  /** CT.S3.PR.2 */
  s3_bucket_logging_enabled_check:
    'The console bucket holds only the public console build, written by deploys (CloudTrail) and read only by CloudFront through origin access control; who reads which data is recorded by the API access logs.',
  /** CT.S3.PR.4 */
  s3_event_notifications_enabled_check:
    'Nothing reacts to the console bucket’s objects: only a deploy writes them, which CloudFormation and CloudTrail record.',
  /** CT.S3.PR.9 */
  s3_bucket_object_lock_enabled_check:
    'Every deploy overwrites index.html and config.json in the console bucket, which object lock would forbid; versioning keeps the previous ones 30 days to roll back.',
  /** CT.S3.PR.10 */
  s3_bucket_default_encryption_kms_check:
    'The console bucket holds public files (the build and config.json, which has no secret); S3-managed encryption (SSE-S3) needs no key policy for CloudFront’s origin access control, where a KMS key would add one for no protection the data needs.',
  /** CT.SQS.PR.1 */
  sqs_dlq_check:
    'This queue is itself the dead-letter queue of the schedules; a dead-letter queue of a dead-letter queue would only move the same messages once more. Its first message raises an alarm.',
} as const;

export type ControlTowerRule = keyof typeof CONTROL_TOWER_ACKNOWLEDGEMENTS;

/** The same rules on the buckets of files the API hands out (evidence) and their access logs. */
export const FILE_BUCKET_ACKNOWLEDGEMENTS = {
  evidence: {
    s3_event_notifications_enabled_check:
      'Nothing reacts to an upload by itself: the API confirms each evidence file (HeadObject: size and type as declared) and records it, in the audit trail, before a report may reference it; exports are written by the API.',
    s3_bucket_object_lock_enabled_check:
      'Exports expire after a day (lifecycle) and object lock would forbid it; evidence keys are never reused (a new file id per upload) and versioning keeps a replaced or deleted version 30 days.',
  },
  accessLogs: {
    s3_bucket_logging_enabled_check:
      'This bucket is the server access log target of the evidence bucket: logging it into itself would loop, into another bucket only moves the question; CloudTrail records who reads it.',
    s3_event_notifications_enabled_check:
      'Only S3 log delivery writes here and nothing reacts to a log object; they are read when an access is investigated.',
    s3_bucket_object_lock_enabled_check:
      'Access logs expire by lifecycle (a year in prod), which object lock would forbid for the retention period; public access is blocked and only the account reads them.',
    s3_bucket_default_encryption_kms_check:
      'S3 server access log delivery supports only SSE-S3 on the target bucket (SSE-KMS is not supported for log targets), so this bucket is S3-managed encrypted.',
  },
} as const satisfies Record<string, Partial<Record<ControlTowerRule, string>>>;

export function acknowledgeControl(resource: IConstruct, rule: ControlTowerRule): void {
  Validations.of(resource).acknowledge({
    id: `${CFN_GUARD_PLUGIN}::${rule}`,
    reason: CONTROL_TOWER_ACKNOWLEDGEMENTS[rule],
  });
}

const resolved = (stack: Stack, value: unknown): unknown => stack.resolve(value);

/**
 * Acknowledges the findings above on the resources they concern, by what the resources are:
 * unauthenticated routes, log groups kept under a year (dev only), API Gateway invoke
 * permissions scoped by SourceArn, functions, the one queue that is a dead-letter queue, and
 * the console's distribution and bucket (static public files).
 */
export function acknowledgeControlTowerFindings(
  stack: Stack,
  options: {
    readonly deadLetterQueues: readonly IConstruct[];
    readonly shortLogRetentionAllowed: boolean;
    /** Buckets of static, public files (the console's). */
    readonly consoleBuckets?: readonly IConstruct[];
    /** Buckets of evidence files and exports, and their access-log buckets. */
    readonly fileBuckets?: readonly { readonly bucket: IConstruct; readonly accessLogs: IConstruct }[];
  },
): void {
  const cfn = (b: IConstruct) => (CfnResource.isCfnResource(b) ? b : (b.node.defaultChild ?? b));
  for (const f of options.fileBuckets ?? []) {
    for (const [kind, target] of [
      ['evidence', cfn(f.bucket)],
      ['accessLogs', cfn(f.accessLogs)],
    ] as const) {
      for (const [rule, reason] of Object.entries(FILE_BUCKET_ACKNOWLEDGEMENTS[kind])) {
        Validations.of(target).acknowledge({ id: `${CFN_GUARD_PLUGIN}::${rule}`, reason });
      }
    }
  }
  const consoleBuckets = new Set<IConstruct>(
    (options.consoleBuckets ?? []).map((b) =>
      CfnResource.isCfnResource(b) ? b : (b.node.defaultChild ?? b),
    ),
  );
  const aspect: IAspect = {
    visit(node: IConstruct): void {
      if (!CfnResource.isCfnResource(node)) return;
      if (node instanceof CfnRoute && (node.authorizationType ?? 'NONE') === 'NONE') {
        acknowledgeControl(node, 'api_gw_v2_authorization_type_configured_check');
      } else if (node instanceof CfnLogGroup) {
        acknowledgeControl(node, 'cloudwatch_log_group_encrypted_check');
        const days = resolved(stack, node.retentionInDays);
        if (options.shortLogRetentionAllowed && typeof days === 'number' && days < 365) {
          acknowledgeControl(node, 'cloudwatch_log_group_retention_period_check');
        }
      } else if (
        node instanceof CfnPermission &&
        node.principal === 'apigateway.amazonaws.com' &&
        node.sourceArn !== undefined
      ) {
        acknowledgeControl(node, 'lambda_function_public_access_prohibited_check');
      } else if (node instanceof CfnDistribution) {
        acknowledgeControl(node, 'cloudfront_origin_failover_enabled_check');
        acknowledgeControl(node, 'cloudfront_access_logs_enabled_check');
        const config = resolved(stack, node.distributionConfig) as {
          viewerCertificate?: { acmCertificateArn?: unknown };
        };
        if (!config.viewerCertificate?.acmCertificateArn) {
          acknowledgeControl(node, 'cloudfront_custom_ssl_certificate_check');
          acknowledgeControl(node, 'cloudfront_sni_enabled_check');
          acknowledgeControl(node, 'cloudfront_security_policy_check');
        }
      } else if (node instanceof CfnBucket && consoleBuckets.has(node)) {
        acknowledgeControl(node, 's3_bucket_logging_enabled_check');
        acknowledgeControl(node, 's3_event_notifications_enabled_check');
        acknowledgeControl(node, 's3_bucket_object_lock_enabled_check');
        acknowledgeControl(node, 's3_bucket_default_encryption_kms_check');
      } else if (node instanceof CfnFunction || node.cfnResourceType === 'AWS::Lambda::Function') {
        // Also CDK's own provider functions (the after-deploy trigger's), raw CfnResources.
        acknowledgeControl(node, 'lambda_inside_vpc_check');
      }
    },
  };
  Aspects.of(stack).add(aspect);
  for (const q of options.deadLetterQueues) {
    const target = CfnResource.isCfnResource(q) ? q : q.node.defaultChild;
    if (target) acknowledgeControl(target, 'sqs_dlq_check');
  }
}

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
import { CfnFunction, CfnPermission } from 'aws-cdk-lib/aws-lambda';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
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
  /** CT.SQS.PR.1 */
  sqs_dlq_check:
    'This queue is itself the dead-letter queue of the schedules; a dead-letter queue of a dead-letter queue would only move the same messages once more. Its first message raises an alarm.',
} as const;

export type ControlTowerRule = keyof typeof CONTROL_TOWER_ACKNOWLEDGEMENTS;

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
 * permissions scoped by SourceArn, functions, and the one queue that is a dead-letter queue.
 */
export function acknowledgeControlTowerFindings(
  stack: Stack,
  options: { readonly deadLetterQueues: readonly IConstruct[]; readonly shortLogRetentionAllowed: boolean },
): void {
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

/**
 * cdk-nag 3 acknowledgements. cdk-nag 3 reads CDK's native `Validations.of(x).acknowledge()`
 * metadata; every acknowledgement in this app goes through these helpers so that each one
 * names exactly one finding and carries a reason.
 *
 * AwsSolutions-IAM5 reports every wildcard resource of a policy as its own finding,
 * `AwsSolutions-IAM5[Resource::<flattened ARN>]`, where the ARN is flattened the way cdk-nag
 * flattens CloudFormation references (`{"Fn::GetAtt":["T","Arn"]}` → `<T.Arn>`,
 * `{"Ref":"AWS::Region"}` → `<AWS::Region>`). `acknowledgeWildcardResource` computes that id
 * from the same token the grant used, so an acknowledgement can never cover more than the
 * resource it was written for; if cdk-nag changed its format, the finding would reappear
 * and synthesis would fail (fail closed).
 *
 * Rules that report a resource as a whole (`AwsSolutions-APIG4`, `AwsSolutions-COG2`, ...) are
 * acknowledged with `acknowledgeResource`, on the one CloudFormation resource concerned:
 * cdk-nag honours an acknowledgement on any ancestor, so one on a parent construct would
 * silently cover every resource below it.
 */
import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < 20) throw new Error(`acknowledgement of ${id} needs a specific reason`);
  Validations.of(scope).acknowledge({ id, reason });
}

/** The string cdk-nag uses for a (resolved) CloudFormation value in IAM5 findings. */
export function flattenCfnReference(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/}/g, '>');
  if (typeof value === 'object' && value !== null) {
    const node = value as Record<string, unknown>;
    const join = node['Fn::Join'];
    if (Array.isArray(join)) {
      const [delimiter, items] = join as [string, unknown[]];
      return items.map(flattenCfnReference).join(delimiter);
    }
    if (node['Fn::Sub'] !== undefined) return flattenCfnReference(node['Fn::Sub']);
    const getAtt = node['Fn::GetAtt'];
    if (Array.isArray(getAtt)) {
      return `<${flattenCfnReference(getAtt[0])}.${flattenCfnReference(getAtt[1])}>`;
    }
    if (node['Fn::ImportValue'] !== undefined) return flattenCfnReference(node['Fn::ImportValue']);
    if (node.Ref !== undefined) return `<${flattenCfnReference(node.Ref)}>`;
  }
  return JSON.stringify(value);
}

/** Acknowledges the AwsSolutions-IAM5 finding for one wildcard resource ARN on `scope`. */
export function acknowledgeWildcardResource(scope: IConstruct, resourceArn: string, reason: string): void {
  const flat = flattenCfnReference(Stack.of(scope).resolve(resourceArn));
  if (!flat.includes('*')) throw new Error(`${flat} has no wildcard: nothing to acknowledge`);
  acknowledge(scope, `AwsSolutions-IAM5[Resource::${flat}]`, reason);
}

/**
 * Acknowledges a whole-resource finding (`AwsSolutions-XXX`, no `[...]` part) on exactly one
 * CloudFormation resource: `scope` itself if it is one, else its default child.
 */
export function acknowledgeResource(scope: IConstruct, ruleId: string, reason: string): void {
  if (!/^AwsSolutions-[A-Z]+\d+$/.test(ruleId)) {
    throw new Error(
      `${ruleId}: acknowledgeResource takes a whole-resource rule id such as AwsSolutions-APIG4`,
    );
  }
  const target = CfnResource.isCfnResource(scope) ? scope : scope.node.defaultChild;
  if (!target || !CfnResource.isCfnResource(target)) {
    throw new Error(`${scope.node.path} is not a CloudFormation resource and has none as default child`);
  }
  acknowledge(target, ruleId, reason);
}

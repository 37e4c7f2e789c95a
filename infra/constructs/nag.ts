/**
 * cdk-nag acknowledgements, in one shape: every acknowledgement names one rule (or one finding of a rule) on
 * one construct, with a written reason. cdk-nag 3 reads them from `Validations.of(scope).acknowledge(...)`;
 * an acknowledgement covers the construct and everything under it, so callers pass the narrowest scope
 * (a role, a bucket, a function), never the stack.
 *
 * @internal Used by the constructs in this folder.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Acknowledge one AwsSolutions rule (`'L1'`, `'APIG3'` …) or one finding (`'IAM5[Resource::*]'`) on `scope`. */
export function acknowledge(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${rule}`, reason });
}

/**
 * Acknowledge one Control Tower proactive control (`@cdklabs/cdk-validator-cfnguard`, run at every synth beside
 * cdk-nag) on `scope`, by the guard rule's name (`'lambda_inside_vpc_check'`), with a written reason.
 */
export function acknowledgeControl(scope: IConstruct, guardRule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `cdk-validator-cfnguard::${guardRule}`, reason });
}

/** Why no Sift function runs in a VPC (CT.LAMBDA.PR.3): one reason for every function. */
export const VPC_REASON =
  'Outside a VPC by choice: the function reaches only AWS service endpoints (S3, DynamoDB, SQS, Secrets Manager, X-Ray, ' +
  'Logs), every call authenticated by its role and sent over TLS, and no private resource; a VPC would add NAT or ' +
  'interface endpoints (a fixed monthly cost) and ENI set-up without narrowing what the role may do. Deploy into a VPC ' +
  'when the functions must reach private resources or an organisation requires egress control.';

/**
 * Acknowledge the `AwsSolutions-IAM5` wildcard finding for one resource ARN (a token such as
 * `bucket.arnForObjects('incoming/*')` or `` `${table.tableArn}/index/*` ``). The finding id is derived the way
 * cdk-nag derives it (`Resource::<LogicalId.Arn>/incoming/*`), so only that one ARN is acknowledged.
 */
export function acknowledgeWildcardResource(scope: IConstruct, arn: string, reason: string): void {
  const finding = flattenCfnReference(Stack.of(scope).resolve(arn));
  acknowledge(scope, `IAM5[Resource::${finding}]`, reason);
}

/** Same flattening as cdk-nag's (`utils/flatten-cfn-reference`): `{Fn::GetAtt:[X,Arn]}` → `<X.Arn>`. */
function flattenCfnReference(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>;
    if (o['Fn::Join']) {
      const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
      return items.map(flattenCfnReference).join(delimiter);
    }
    if (o['Fn::Sub']) return flattenCfnReference(o['Fn::Sub']);
    if (o['Fn::GetAtt']) {
      const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
      return `<${flattenCfnReference(resource)}.${flattenCfnReference(attribute)}>`;
    }
    if (o['Fn::ImportValue']) return flattenCfnReference(o['Fn::ImportValue']);
    if (o.Ref) return `<${flattenCfnReference(o.Ref)}>`;
  }
  return JSON.stringify(node);
}

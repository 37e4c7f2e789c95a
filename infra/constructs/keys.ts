/**
 * Customer-managed KMS keys, with what every Sift key policy carries (Control Tower CT.KMS.PR.3): grants may be
 * created only for AWS resources or by AWS services, so that no principal of the account can hand the key's
 * use on to someone else through a grant.
 */
import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key, type KeyProps } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/** A rotated customer-managed key whose policy denies `kms:CreateGrant` except for AWS resources and services. */
export function serviceKey(scope: Construct, id: string, props: KeyProps): Key {
  const key = new Key(scope, id, { enableKeyRotation: true, ...props });
  key.addToResourcePolicy(new PolicyStatement({
    sid: 'LimitGrantsToAwsServices',
    effect: Effect.DENY,
    principals: [new AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  }));
  return key;
}

/**
 * The key of the stack's log groups (Control Tower CT.CLOUDWATCH.PR.3): CloudWatch Logs may use it for log groups
 * of this account and region only. Kept when the stack is deleted, like the log groups it encrypts.
 */
export function logsKey(scope: Construct, id: string): Key {
  const key = serviceKey(scope, id, {
    description: 'Encrypts the Sift log groups (function logs, API access logs)',
    removalPolicy: RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(new PolicyStatement({
    sid: 'AllowCloudWatchLogsOfThisAccount',
    principals: [new ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` } },
  }));
  return key;
}

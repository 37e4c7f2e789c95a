/**
 * The drop bucket: where scrapers put raw uploads (under the upload prefix) and where the pipeline keeps
 * article bodies too big for a DynamoDB item (under the bodies prefix). The two prefixes never overlap, so
 * nothing the pipeline writes can trigger ingestion again (aws-samples/serverless-patterns#1558).
 *
 * Defaults (Solutions Constructs' `aws-s3-sqs` "Default settings"): public access blocked, TLS 1.2+ only,
 * S3-managed encryption, versioned, bucket-owner-enforced ownership, server access logs to a separate log
 * bucket, old versions and abandoned multipart uploads expired, retained on stack deletion.
 */
import { RemovalPolicy, type Duration } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type BucketProps } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DEFAULT_BODIES_PREFIX, DEFAULT_UPLOAD_PREFIX } from '../../shared/storage/tableSchema.js';
import { DROP_BUCKET_DEFAULTS } from './defaults.js';

const S3_LOGS_USE_BUCKET_POLICY = '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';

export interface DropBucketProps {
  /**
   * Key prefix of raw uploads; only objects under it are ingested. Must end in `/`.
   * @default 'incoming/' (`DEFAULT_UPLOAD_PREFIX` in shared/storage/tableSchema.ts)
   */
  readonly uploadPrefix?: string;
  /**
   * Key prefix of article bodies written by the pipeline. Must end in `/` and must not overlap the upload prefix.
   * @default 'bodies/' (`DEFAULT_BODIES_PREFIX` in shared/storage/tableSchema.ts)
   */
  readonly bodiesPrefix?: string;
  /**
   * What happens to both buckets when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * How long a noncurrent (overwritten or deleted) version of an object is kept.
   * @default Duration.days(90)
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * How long server access logs are kept.
   * @default Duration.days(365)
   */
  readonly accessLogsExpiration?: Duration;
  /**
   * Overrides for the drop bucket. Applied over the defaults; the security settings (public access block,
   * enforceSSL, encryption, versioning, access logs) cannot be switched off here.
   * @default - none
   */
  readonly bucketProps?: Partial<BucketProps>;
}

/** The drop bucket and its access-log bucket. */
export class DropBucket extends Construct {
  /** The drop bucket. */
  public readonly bucket: Bucket;
  /** The bucket receiving the drop bucket's server access logs. */
  public readonly accessLogsBucket: Bucket;
  /** Key prefix of raw uploads (ends in `/`). */
  public readonly uploadPrefix: string;
  /** Key prefix of stored article bodies (ends in `/`). */
  public readonly bodiesPrefix: string;

  constructor(scope: Construct, id: string, props: DropBucketProps = {}) {
    super(scope, id);
    this.uploadPrefix = props.uploadPrefix ?? DEFAULT_UPLOAD_PREFIX;
    this.bodiesPrefix = props.bodiesPrefix ?? DEFAULT_BODIES_PREFIX;
    checkPrefixes(this, this.uploadPrefix, this.bodiesPrefix);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    // Log delivery through a bucket policy, not ACLs (both buckets have ACLs disabled), whatever cdk.json says.
    this.node.setContext(S3_LOGS_USE_BUCKET_POLICY, true);

    this.accessLogsBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // Server access logging delivers only to SSE-S3 buckets.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: props.accessLogsExpiration ?? DROP_BUCKET_DEFAULTS.accessLogsExpiration }],
      removalPolicy,
    });

    this.bucket = new Bucket(this, 'Bucket', {
      ...props.bucketProps,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: props.bucketProps?.encryption ?? BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: DROP_BUCKET_DEFAULTS.accessLogsPrefix,
      lifecycleRules: props.bucketProps?.lifecycleRules ?? [
        {
          noncurrentVersionExpiration:
            props.noncurrentVersionExpiration ?? DROP_BUCKET_DEFAULTS.noncurrentVersionExpiration,
          abortIncompleteMultipartUploadAfter: DROP_BUCKET_DEFAULTS.abortIncompleteMultipartUploadAfter,
        },
      ],
      removalPolicy,
    });
  }
}

/** Both prefixes end in `/` and neither contains the other: pipeline output never lands under the upload prefix. */
function checkPrefixes(scope: Construct, uploadPrefix: string, bodiesPrefix: string): void {
  for (const [name, prefix] of [
    ['uploadPrefix', uploadPrefix],
    ['bodiesPrefix', bodiesPrefix],
  ] as const) {
    if (prefix.length < 2 || !prefix.endsWith('/') || prefix.startsWith('/')) {
      throw new Error(`${scope.node.path}: ${name} must be a non-empty key prefix ending in "/" (got "${prefix}")`);
    }
  }
  if (uploadPrefix.startsWith(bodiesPrefix) || bodiesPrefix.startsWith(uploadPrefix)) {
    throw new Error(
      `${scope.node.path}: uploadPrefix "${uploadPrefix}" and bodiesPrefix "${bodiesPrefix}" overlap: stored bodies would trigger ingestion`,
    );
  }
}

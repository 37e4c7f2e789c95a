/**
 * The drop bucket: where scrapers put raw uploads (under the upload prefix) and where the pipeline keeps
 * article bodies too big for a DynamoDB item (under the bodies prefix). The two prefixes never overlap, so
 * nothing the pipeline writes can trigger ingestion again (aws-samples/serverless-patterns#1558).
 *
 * Defaults (Solutions Constructs' `aws-s3-sqs` "Default settings"): public access blocked, TLS 1.2+ only,
 * SSE-KMS (aws/s3 key, bucket key on; the log bucket SSE-S3, all log delivery accepts), versioned, bucket-owner-enforced ownership, server access logs to a separate log
 * bucket, old versions and abandoned multipart uploads expired, retained on stack deletion.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type BucketProps } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DEFAULT_BODIES_PREFIX, DEFAULT_PROFILES_PREFIX, DEFAULT_UPLOAD_PREFIX } from '../../shared/service/storage/tableSchema.js';
import { DROP_BUCKET_DEFAULTS } from './defaults.js';
import { acknowledgeControl } from './nag.js';

const S3_LOGS_USE_BUCKET_POLICY = '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';

export interface DropBucketProps {
  /**
   * Key prefix of raw uploads; only objects under it are ingested. Must end in `/`.
   * @default 'incoming/' (`DEFAULT_UPLOAD_PREFIX` in shared/service/storage/tableSchema.ts)
   */
  readonly uploadPrefix?: string;
  /**
   * Key prefix of article bodies written by the pipeline. Must end in `/` and must not overlap the upload prefix.
   * @default 'bodies/' (`DEFAULT_BODIES_PREFIX` in shared/service/storage/tableSchema.ts)
   */
  readonly bodiesPrefix?: string;
  /**
   * Key prefix of the users' source profiles (CONTRACT.md section 5). Must end in `/` and must not overlap the
   * upload prefix: a profile is never ingested as an upload.
   * @default 'profiles/' (`DEFAULT_PROFILES_PREFIX` in shared/service/storage/tableSchema.ts)
   */
  readonly profilesPrefix?: string;
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
  /** Key prefix of source profiles (ends in `/`). */
  public readonly profilesPrefix: string;

  constructor(scope: Construct, id: string, props: DropBucketProps = {}) {
    super(scope, id);
    this.uploadPrefix = props.uploadPrefix ?? DEFAULT_UPLOAD_PREFIX;
    this.bodiesPrefix = props.bodiesPrefix ?? DEFAULT_BODIES_PREFIX;
    this.profilesPrefix = props.profilesPrefix ?? DEFAULT_PROFILES_PREFIX;
    checkPrefixes(this, this.uploadPrefix, this.bodiesPrefix, this.profilesPrefix);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    // Log delivery through a bucket policy, not ACLs (both buckets have ACLs disabled), whatever cdk.json says.
    this.node.setContext(S3_LOGS_USE_BUCKET_POLICY, true);

    this.accessLogsBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // Server access logging delivers only to SSE-S3 buckets.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // Versioned (CT.S3.PR.11): a log object overwritten or deleted stays recoverable for a day.
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{
        expiration: props.accessLogsExpiration ?? DROP_BUCKET_DEFAULTS.accessLogsExpiration,
        noncurrentVersionExpiration: Duration.days(1),
      }],
      removalPolicy,
    });
    acknowledgeControl(this.accessLogsBucket, 's3_bucket_default_encryption_kms_check',
      'S3 server access logging delivers only to buckets encrypted with SSE-S3; SSE-KMS on the target bucket would stop log delivery.');
    acknowledgeControl(this.accessLogsBucket, 's3_bucket_logging_enabled_check',
      'This is the access-log bucket: logging it would need yet another bucket, whose own logs would need one more.');
    acknowledgeControl(this.accessLogsBucket, 's3_event_notifications_enabled_check',
      'Nothing consumes access-log objects as they arrive; they are read when investigating.');
    acknowledgeControl(this.accessLogsBucket, 's3_bucket_object_lock_enabled_check',
      'Access logs expire after accessLogsExpiration (a year) by lifecycle; no retention rule requires them to be immutable, and Object Lock would block that expiry.');

    this.bucket = new Bucket(this, 'Bucket', {
      ...props.bucketProps,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // SSE-KMS with the AWS-managed aws/s3 key (CT.S3.PR.10): usable through S3 by exactly the principals the
      // bucket grants, with no key policy to keep; the bucket key keeps KMS requests (and their cost) to a few.
      encryption: props.bucketProps?.encryption ?? BucketEncryption.KMS_MANAGED,
      bucketKeyEnabled: props.bucketProps?.bucketKeyEnabled ?? true,
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
    acknowledgeControl(this.bucket, 's3_event_notifications_enabled_check',
      'Object events under the upload prefix go to the ingest queue (IngestQueue), configured through CDK\'s BucketNotifications custom resource, which the rule cannot see in the bucket\'s properties.');
    acknowledgeControl(this.bucket, 's3_bucket_object_lock_enabled_check',
      'Uploads are deleted by design (DELETE of an upload removes it and its articles, CONTRACT) and bodies are rewritten on reprocessing; Object Lock would make both impossible. Versioning keeps overwritten and deleted objects for noncurrentVersionExpiration (90 days) instead.');
  }
}

/**
 * Every prefix ends in `/`, and none contains another: pipeline output never lands under the upload prefix,
 * and a profile is never taken for an upload (nor a body for a profile).
 */
function checkPrefixes(scope: Construct, uploadPrefix: string, bodiesPrefix: string, profilesPrefix: string): void {
  const prefixes = [
    ['uploadPrefix', uploadPrefix],
    ['bodiesPrefix', bodiesPrefix],
    ['profilesPrefix', profilesPrefix],
  ] as const;
  for (const [name, prefix] of prefixes) {
    if (prefix.length < 2 || !prefix.endsWith('/') || prefix.startsWith('/')) {
      throw new Error(`${scope.node.path}: ${name} must be a non-empty key prefix ending in "/" (got "${prefix}")`);
    }
  }
  const why: Record<string, string> = {
    'uploadPrefix/bodiesPrefix': 'stored bodies would trigger ingestion',
    'uploadPrefix/profilesPrefix': 'profiles would be ingested as uploads',
    'bodiesPrefix/profilesPrefix': 'stored bodies would be read as profiles',
  };
  for (let i = 0; i < prefixes.length; i++) {
    for (let j = i + 1; j < prefixes.length; j++) {
      const [a, pa] = prefixes[i], [b, pb] = prefixes[j];
      if (pa.startsWith(pb) || pb.startsWith(pa)) {
        throw new Error(`${scope.node.path}: ${a} "${pa}" and ${b} "${pb}" overlap: ${why[`${a}/${b}`]}`);
      }
    }
  }
}

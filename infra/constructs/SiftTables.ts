/**
 * The DynamoDB tables, built from the plain-data schemas in `shared/service/storage/tableSchema.ts` (the single source
 * of truth shared with the local stack and the storage adapters; nothing is restated here).
 *
 * Access patterns: see the header of `shared/service/storage/tableSchema.ts` (article by id; articles by upload,
 * language, source or tag, newest first, through the `byUpload`, `byLang`, `bySource` and `byTag` indexes, and
 * the whole feed as `byLang`'s languages merged; copies of a story through `byStoryKey`; upload status by key; recent
 * uploads through `byUpdated`). Every request path is a
 * GetItem or a Query; none scans.
 *
 * Defaults: on-demand billing, point-in-time recovery, encryption with an AWS-managed key, deletion
 * protection on and RETAIN on stack deletion. Indexes project ALL attributes: the API lists records from the
 * indexes directly, without a GetItem per row; revisit (KEYS_ONLY/INCLUDE) if index storage cost matters.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
  type Attribute,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  ARTICLES_TABLE,
  RETIRED_INDEXES,
  UPLOADS_TABLE,
  type KeyAttribute,
  type TableSchema,
} from '../../shared/service/storage/tableSchema.js';

export interface SiftTablesProps {
  /**
   * What happens to the tables when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * DynamoDB deletion protection.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Table encryption.
   * @default TableEncryptionV2.awsManagedKey()
   */
  readonly encryption?: TableEncryptionV2;
  /**
   * Indexes of the schemas to leave out of this deployment. CloudFormation creates or deletes at most one
   * global secondary index of a table per stack update, so a table deployed before indexes were added
   * reaches the schema over several deploys, each leaving out one index fewer (README, Deploying to AWS).
   * @default - none: every index of the schemas
   */
  readonly withoutIndexes?: readonly string[];
  /**
   * Retired indexes (`RETIRED_INDEXES`) to keep in this deployment, as they were: a table deployed with
   * several of them loses one per deploy, each keeping one fewer (README, Deploying to AWS).
   * @default - none: the tables have only the schemas' indexes
   */
  readonly keepIndexes?: readonly string[];
}

/** The Articles and Uploads tables. */
export class SiftTables extends Construct {
  /** Articles (schema `ARTICLES_TABLE`). */
  public readonly articles: TableV2;
  /** Uploads (schema `UPLOADS_TABLE`). */
  public readonly uploads: TableV2;

  constructor(scope: Construct, id: string, props: SiftTablesProps = {}) {
    super(scope, id);
    const known = new Set([ARTICLES_TABLE, UPLOADS_TABLE].flatMap((t) => t.indexes.map((i) => i.indexName)));
    const unknown = (props.withoutIndexes ?? []).filter((name) => !known.has(name));
    if (unknown.length) throw new Error(`withoutIndexes: ${unknown.join(', ')} is not an index of the tables (${[...known].join(', ')})`);
    const retired = new Set(Object.values(RETIRED_INDEXES).flat().map((i) => i.indexName));
    const notRetired = (props.keepIndexes ?? []).filter((name) => !retired.has(name));
    if (notRetired.length) throw new Error(`keepIndexes: ${notRetired.join(', ')} is not a retired index of the tables (${[...retired].join(', ')})`);
    this.articles = tableFromSchema(this, ARTICLES_TABLE, props);
    this.uploads = tableFromSchema(this, UPLOADS_TABLE, props);
  }
}

/** A TableV2 whose key and global secondary indexes are those of `schema` (less those left out, and the retired ones kept). */
function tableFromSchema(scope: Construct, schema: TableSchema, props: SiftTablesProps = {}): TableV2 {
  const left = new Set(props.withoutIndexes ?? []);
  const kept = (RETIRED_INDEXES[schema.logicalName] ?? []).filter((index) => props.keepIndexes?.includes(index.indexName));
  return new TableV2(scope, schema.logicalName, {
    partitionKey: attribute(schema.partitionKey),
    globalSecondaryIndexes: [...schema.indexes.filter((index) => !left.has(index.indexName)), ...kept].map((index) => ({
      indexName: index.indexName,
      partitionKey: attribute(index.partitionKey),
      sortKey: attribute(index.sortKey),
      // What the schema says the index carries: the list view and filter values (INCLUDE), or everything.
      ...(index.nonKeyAttributes
        ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: index.nonKeyAttributes }
        : { projectionType: ProjectionType.ALL }),
    })),
    billing: Billing.onDemand(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: props.encryption ?? TableEncryptionV2.awsManagedKey(),
    deletionProtection: props.deletionProtection ?? true,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
  });
}

function attribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: key.type === 'N' ? AttributeType.NUMBER : AttributeType.STRING };
}

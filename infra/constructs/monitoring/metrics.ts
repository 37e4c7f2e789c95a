/**
 * The metrics the alarms and the dashboard both read: the ingest function's embedded metrics (namespace and
 * `service` dimension as Powertools emits them), the upload failure rate over them, and the throttle events of a
 * table together with its indexes.
 */
import { Duration } from 'aws-cdk-lib';
import { MathExpression, Metric, Stats, type IMetric, type MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { SIFT_METRICS } from '../../../shared/service/pipeline/metricNames.js';
import type { TableSchema } from '../../../shared/service/storage/tableSchema.js';

/** The resources the alarms and the dashboard both watch. */
export interface MonitoredResources {
  readonly ingestFunction: IFunction;
  readonly apiFunction: IFunction;
  readonly ingestQueue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly stage: Stage;
  readonly tables: readonly MonitoredTable[];
  readonly metrics: SiftMetrics;
}

/** A table the monitoring watches, with the schema that names its indexes. */
export interface MonitoredTable {
  readonly label: string;
  readonly table: ITableV2;
  readonly schema: TableSchema;
}

/**
 * The ingest function's embedded metrics. Powertools adds the service name as a default dimension, so every metric
 * carries `{service}` and the single metrics carry `{service, <their dimension>}`; a CloudWatch metric matches only
 * with its full dimension set, so these name the same set.
 */
export class SiftMetrics {
  constructor(
    /** Namespace of the Sift metrics. */
    public readonly namespace: string,
    /** The `service` dimension of the Sift metrics. */
    public readonly service: string,
  ) {}

  /** One metric, Sum over 5 minutes unless `options` say otherwise; `dimensions` are added to `service`. */
  metric(metricName: string, options: MetricOptions = {}, dimensions: Record<string, string> = {}): Metric {
    return new Metric({
      namespace: this.namespace,
      metricName,
      statistic: Stats.SUM,
      period: Duration.minutes(5),
      ...options,
      dimensionsMap: { service: this.service, ...dimensions },
    });
  }

  /** Share of uploads that ended FAILED, in percent (0 in periods with fewer than `minimumUploads` uploads). */
  uploadFailureRate(period: Duration, minimumUploads: number): MathExpression {
    const total = '(FILL(processed, 0) + FILL(failed, 0))';
    return new MathExpression({
      expression: `IF(${total} >= ${minimumUploads}, 100 * FILL(failed, 0) / ${total}, 0)`,
      usingMetrics: {
        processed: this.metric(SIFT_METRICS.uploadsProcessed, { statistic: Stats.SUM, period }),
        failed: this.metric(SIFT_METRICS.uploadsFailed, { statistic: Stats.SUM, period }),
      },
      label: 'Failed uploads (%)',
      period,
    });
  }

  /** A SEARCH over a metric emitted with one dimension besides `service`: one line (Sum) per value of it. */
  byDimension(metricName: string, dimension: string, period: Duration): MathExpression {
    return new MathExpression({
      expression: `SEARCH('{${this.namespace},${dimension},service} MetricName="${metricName}" service="${this.service}"', 'Sum', ${period.toSeconds()})`,
      label: '',
      period,
    });
  }
}

/**
 * Read or write throttle events of a table (`undefined` in `indexNames`) and of its global secondary indexes, summed:
 * table-level `<Kind>ThrottleEvents` does not include the indexes' own throttling.
 */
export function throttleEvents(
  tableLabel: string,
  table: ITableV2,
  kind: 'Read' | 'Write',
  indexNames: (string | undefined)[],
  period: Duration,
): MathExpression {
  const idPrefix = tableLabel.toLowerCase().replace(/[^a-z0-9]/g, '');
  const usingMetrics: Record<string, IMetric> = {};
  indexNames.forEach((indexName, n) => {
    // Ids unique across tables, so that several of these expressions can share one graph.
    usingMetrics[`${idPrefix}${kind.toLowerCase()}${n}`] = new Metric({
      namespace: 'AWS/DynamoDB',
      metricName: `${kind}ThrottleEvents`,
      dimensionsMap: indexName ? { TableName: table.tableName, GlobalSecondaryIndexName: indexName } : { TableName: table.tableName },
      statistic: Stats.SUM,
      period,
    });
  });
  return new MathExpression({
    expression: Object.keys(usingMetrics).map((id) => `FILL(${id}, 0)`).join(' + '),
    usingMetrics,
    period,
    label: `${tableLabel} ${kind.toLowerCase()} throttle events`,
  });
}

/** The table and each of its indexes (`undefined` for the table itself). */
export const tableAndIndexes = (schema: TableSchema): (string | undefined)[] => [undefined, ...schema.indexes.map((i) => i.indexName)];

/**
 * What the person on call reads in each alarm's description: what the alarm means and what to do. Plain text
 * with placeholders that the alarms fill in from their settings (`{threshold}`, `{window}` …), so a changed
 * threshold never leaves a description stating the old one. CloudWatch takes at most 1024 characters.
 */
import type { AlarmSetting } from '../../pipelineDefaults.js';

const RUNBOOKS = {
  DeadLetters:
    'Messages are waiting in the ingest dead-letter queue: S3 events of uploads that failed ingestion on every receive ' +
    '(transient AWS errors that outlasted the retries, crashes or timeouts) and will not be retried on their own. ' +
    'Find the cause in the ingest function logs (level WARN, "object event will be retried", by upload key), fix it, ' +
    'then inspect and redrive: `npm run sift -- dlq list` and `npm run sift -- dlq redrive` (or "Start DLQ redrive" in the SQS console). ' +
    'Dead letters are kept 14 days.',

  IngestBacklog:
    'The oldest message in the ingest queue had waited {thresholdMinutes} minutes or more {window}: uploads are not being ingested. ' +
    'On the dashboard, check the ingest function\'s errors, throttles and duration (a crash loop, exhausted account concurrency, ' +
    'an event source maxConcurrency too low for the inflow) and the ingest logs. A very large burst of uploads also shows here; it drains by itself.',

  IngestErrors:
    'The ingest function failed whole invocations (at least {threshold} {window}): a crash, a timeout or ' +
    'running out of memory. Failed uploads do not count here (they are partial batch failures), so this is a bug or a resource limit, and ' +
    'every message of the batch is retried and may end in the dead-letter queue. Search the ingest log group for "Task timed out", ' +
    '"Runtime exited" or uncaught errors; raise timeout or memory (INGEST_DEFAULTS) if the uploads are simply large.',

  IngestThrottles:
    'Lambda throttled the ingest function {window}: the account\'s (or the function\'s reserved) concurrency is ' +
    'exhausted. Messages stay queued and ' +
    'are received again, so ingestion slows down and, if it lasts, uploads reach the dead-letter queue. Look for what else uses the ' +
    'concurrency; raise the account quota, reserve concurrency for ingest, or cap the event source (maxConcurrency).',

  ApiFunctionErrors:
    'The API function failed invocations (at least {threshold} {window}): a crash, a timeout (29 s) or ' +
    'running out of memory; those callers got a 502 or 504. Errors the handler catches are answered as 500 problem responses and show in ' +
    'the API 5XX alarm instead. Search the API function log group for "Task timed out" or uncaught errors.',

  ApiFunctionThrottles:
    'Lambda throttled the API function (at least {threshold} {window}): those API requests failed. ' +
    'Account (or reserved) concurrency is exhausted, often by an ingest burst; compare with the ingest function\'s concurrency on the ' +
    'dashboard, and raise the quota, reserve concurrency for the API or cap ingest (maxConcurrency).',

  Api5xx:
    'The API answered at least {threshold} requests with a 5XX status {window}: the API function ' +
    'returned 500 (an error it caught, such as DynamoDB or S3 failing or throttling), failed (502), timed out (504) or was throttled. ' +
    'Check the API function logs (level ERROR) and the API access log group (status, resourcePath); see the API and DynamoDB widgets.',

  /** One per table and kind (`{kind}`: read or write). */
  TableThrottles:
    'DynamoDB throttled {kind}s on the {table} table or its indexes {window}. ' +
    'The SDK retries, but the API slows down or answers 500 and ingest ' +
    'batches are retried. An on-demand table throttles when traffic more than doubles its previous peak quickly, or on a hot ' +
    'partition key: see the DynamoDB widgets, and CloudWatch Contributor Insights for the table to find hot keys.',

  UploadFailureRate:
    'More than {threshold} % of the uploads ingested ended FAILED {window} ' +
    '(periods with fewer than {minimumUploads} uploads do not count). Failures are bad input, so a scraper ' +
    'is sending broken files or the extractor regressed: the "Failures by reason" widget shows which category (empty, too-large, truncated, ' +
    'binary, corrupt-compression, malformed, extractor-error …); `npm run sift -- status KEY` and the ingest logs (level WARN, "object event handled") give each upload\'s reason.',

  ProfileBodyMisses:
    'At least {threshold} pages matched a source profile whose body selector found nothing {window}: a site the ' +
    'profiles cover has probably changed its layout. Those pages were extracted the generic way (their records say "profile": null), ' +
    'so nothing is lost, but the profile no longer decides them. The "Source profile misses" widget ({bodyMissesByProfile}, ' +
    'by {profileDimension}) names the profile; fix its selectors against a new page with ' +
    '`npm run --silent extract -- --profiles DIR FILE`, put it back under the profiles prefix (picked up within a minute), then reprocess the site\'s uploads (`npm run sift -- reprocess --host HOST`).',

  ProfilesRejected:
    'The ingest function left out at least {threshold} stored source profile document {window}: invalid JSON, ' +
    'a field the schema refuses, a selector cheerio cannot read, or a name another profile already has. The pages of that site are ' +
    'extracted the generic way (their records say "profile": null) until it is fixed. `npm run sift -- profile list` shows each ' +
    'document under the profiles prefix with UNUSABLE and the field and reason (so do the ingest logs, level ERROR, "a source profile ' +
    'cannot be used"); fix the file and store it again with `npm run sift -- profile put FILE` (it checks before storing), or delete the object.',
} as const;

export type RunbookId = keyof typeof RUNBOOKS;

/**
 * A runbook with its placeholders filled: `{window}` and `{threshold}` from the alarm's setting, the rest from
 * `values`. A placeholder without a value throws, so a description never ships with a `{…}` in it.
 */
export function runbook(id: RunbookId, setting: AlarmSetting, values: Record<string, string | number> = {}): string {
  const all: Record<string, string | number> = { threshold: setting.threshold, window: windowWords(setting), ...values };
  return RUNBOOKS[id].replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in all)) throw new Error(`runbook ${id}: no value for {${name}}`);
    return String(all[name]);
  });
}

/** "in 2 of the last 3 5-minute periods", "in each of the last 2 15-minute periods", "in 5 minutes". */
function windowWords(setting: AlarmSetting): string {
  const minutes = setting.periodSeconds / 60;
  const period = `${minutes}-minute periods`;
  if (setting.evaluationPeriods === 1) return `in ${minutes} minutes`;
  if (setting.datapointsToAlarm === setting.evaluationPeriods) return `in each of the last ${setting.evaluationPeriods} ${period}`;
  return `in ${setting.datapointsToAlarm} of the last ${setting.evaluationPeriods} ${period}`;
}

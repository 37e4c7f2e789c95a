/**
 * A short, stable category for a failure reason, for metrics and alarms: reasons are sentences for people,
 * categories are few enough to be a metric dimension.
 */
const CATEGORIES: [string, RegExp][] = [
  ['deliveries-spent', /gave up on this upload after \d+ deliveries/i],
  ['empty', /\bempty\b/i],
  ['too-large', /exceeds|over the .*limit|the limit for (one |a single-)document|more than \d+ documents/i],
  ['truncated', /truncated|unexpected end/i],
  ['binary', /binary/i],
  ['corrupt-compression', /gzip|compress/i],
  ['malformed', /not valid JSON|no page|no document|not a recognised|malformed|no usable/i],
  ['deleted', /deleted/i],
  ['extractor-error', /could not extract/i],
];

export function failureCategory(reason: string): string {
  return CATEGORIES.find(([, pattern]) => pattern.test(reason))?.[0] ?? 'other';
}

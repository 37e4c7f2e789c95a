/**
 * Publication dates written by people, in many languages, to ISO 8601.
 * (Placeholder: ISO and numeric forms only; the multilingual parser replaces it.)
 */
export interface ParsedDate {
  /** `2025-06-20`, or a date-time with offset when the time is known. */
  iso: string;
  /** The date as the page wrote it. */
  text: string;
}

export interface DateBounds {
  /** Dates after this are implausible (the crawl or upload time). Default: now + 1 day. */
  now?: Date;
}

export function parseDate(text: string, _bounds: DateBounds = {}): ParsedDate | null {
  const m = /(\d{4})-(\d{2})-(\d{2})/.exec(text);
  return m ? { iso: `${m[1]}-${m[2]}-${m[3]}`, text: m[0] } : null;
}

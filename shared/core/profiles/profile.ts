/**
 * Source profiles (CONTRACT.md section 5): a user's own selectors for a site they follow, as one JSON
 * document. This module is the definition only (limits, `selector@attr`, host patterns and matching), free
 * of cheerio and of zod: the schema is in profileSchema.ts, loaded only when a profile document is read, and
 * the selectors are applied by shared/core/html/applyProfile.ts, loaded only when a profile exists.
 */
/** A profile's field that holds one selector (optionally `selector@attr`). */
export const SELECTOR_FIELDS = ['article', 'title', 'body', 'published', 'authors', 'tags'] as const;
export type SelectorField = (typeof SELECTOR_FIELDS)[number];

/** Bounds that keep one profile document small: it is user data read on every cold start. */
export const PROFILE_LIMITS = { maxHosts: 100, maxSelectorChars: 1000, maxDrop: 50, maxNameChars: 100, maxDocumentBytes: 64 * 1024 };

/** One DNS label (after IDNA mapping by the URL parser). */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** `selector@attr`: an attribute name after the last `@` outside brackets and quotes. */
const ATTR_SUFFIX = /@([A-Za-z_:][-\w:.]*)$/;

/** A profile that cannot be used, with the field at fault and why (a person fixes the document from it). */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  constructor(readonly origin: string, readonly field: string, readonly reason: string) {
    super(`${origin}: ${field ? `field "${field}" ` : ''}${reason}`);
  }
}

/** A selector field's value → the CSS selector and the attribute to read (null: the element's text). */
export function splitSelector(value: string): { css: string; attr: string | null } {
  const m = ATTR_SUFFIX.exec(value);
  if (!m || insideBracketOrQuote(value, m.index)) return { css: value.trim(), attr: null };
  return { css: value.slice(0, m.index).trim(), attr: m[1].toLowerCase() };
}

function insideBracketOrQuote(text: string, end: number): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < end; i++) {
    const c = text[i];
    if (quote) { if (c === '\\') i++; else if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
  }
  return depth > 0 || !!quote;
}

/**
 * A `hosts` entry → its normal form (lower case, IDNA-mapped, no trailing dot), or why it is not a host:
 * an exact host (`news.example.org`) or a suffix pattern (`*.example.org`, every host below it).
 */
export function hostPattern(raw: string): string | { reason: string } {
  const text = raw.trim();
  const wildcard = text.startsWith('*.');
  const host = wildcard ? text.slice(2) : text;
  if (!host) return { reason: `"${raw}" names no host` };
  if (/[/:?#@\s*]/.test(host)) return { reason: `"${raw}" is not a host name (write the host only, like "news.example.org" or "*.example.org": no scheme, port, path or other "*")` };
  const normal = hostOf(`http://${host}/`);
  if (!normal || !normal.split('.').every((l) => LABEL.test(l))) return { reason: `"${raw}" is not a valid host name` };
  if (wildcard && !normal.includes('.')) return { reason: `"${raw}" would match every host under a top-level domain` };
  return wildcard ? `*.${normal}` : normal;
}

/** The host of a URL in the form patterns use, or null when it has none. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
    return host || null;
  } catch {
    return null;
  }
}

/** Whether a host (normal form, `hostOf`) is one a pattern (`hostPattern`) names: exact, or below a `*.` suffix. */
export function hostMatches(pattern: string, host: string): boolean {
  return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;
}

/**
 * Finds the profile for a page from the hosts of its URLs (canonical link, og:url, WARC target URI, JSON
 * record `url`). An exact host wins over a suffix; a longer suffix over a shorter; then the order given.
 */
export class ProfileMatcher<P extends { name: string; hosts: string[] }> {
  private readonly exact = new Map<string, P>();
  private readonly suffixes: { pattern: string; profile: P }[] = [];

  constructor(readonly profiles: readonly P[]) {
    for (const profile of profiles) {
      for (const pattern of profile.hosts) {
        if (pattern.startsWith('*.')) this.suffixes.push({ pattern, profile });
        else if (!this.exact.has(pattern)) this.exact.set(pattern, profile);
      }
    }
    this.suffixes.sort((a, b) => b.pattern.length - a.pattern.length);
  }

  get size(): number {
    return this.profiles.length;
  }

  /** The profile of the first URL whose host any profile names, or null. */
  match(urls: readonly (string | null | undefined)[]): P | null {
    if (!this.profiles.length) return null;
    for (const url of urls) {
      const host = hostOf(url);
      if (!host) continue;
      const exact = this.exact.get(host);
      if (exact) return exact;
      const suffix = this.suffixes.find((s) => hostMatches(s.pattern, host));
      if (suffix) return suffix.profile;
    }
    return null;
  }
}

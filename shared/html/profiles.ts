/**
 * The profiles in force, as the synchronous HTML extractor uses them: built once, asynchronously, by
 * `buildProfileSet` (validated, selectors checked, cheerio loaded), then matched and applied per page with no
 * await. With no profile, cheerio is never imported and `match` returns at once.
 */
import type { Document } from 'domhandler';
import { ProfileError, ProfileMatcher, parseProfile, type SourceProfile } from '../profiles/profile.js';
import type { CompiledProfile, ProfileFields, ProfilePage } from './applyProfile.js';

type Engine = typeof import('./applyProfile.js');

interface Entry {
  name: string;
  hosts: string[];
  compiled: CompiledProfile;
}

/** What a profile did on a page: its fields, or a body selector that found nothing (the page went generic). */
export type ProfileOutcome = { kind: 'applied'; name: string; fields: ProfileFields } | { kind: 'missed'; name: string };

export class ProfileSet {
  static readonly EMPTY = new ProfileSet([], null);
  private readonly matcher: ProfileMatcher<Entry>;

  private constructor(entries: Entry[], private readonly engine: Engine | null) {
    this.matcher = new ProfileMatcher(entries);
  }

  /** @internal built by buildProfileSet */
  static of(entries: Entry[], engine: Engine | null): ProfileSet {
    return entries.length ? new ProfileSet(entries, engine) : ProfileSet.EMPTY;
  }

  get size(): number {
    return this.matcher.size;
  }

  get names(): string[] {
    return this.matcher.profiles.map((p) => p.name);
  }

  /** The name of the profile for a page with these URLs (most authoritative first), or null. */
  match(urls: readonly (string | null | undefined)[]): string | null {
    return this.matcher.match(urls)?.name ?? null;
  }

  /** Applies the matching profile to the parsed page; null when none matches. */
  apply(doc: Document, urls: readonly (string | null | undefined)[], page: ProfilePage): ProfileOutcome | null {
    const entry = this.matcher.match(urls);
    if (!entry || !this.engine) return null;
    const fields = this.engine.applyProfile(entry.compiled, doc, page);
    return fields ? { kind: 'applied', name: entry.name, fields } : { kind: 'missed', name: entry.name };
  }
}

export interface ProfileDocument {
  /** Where the document came from (a file name, an S3 key): errors name it. */
  origin: string;
  /** Its text, or the parsed JSON value. */
  content: unknown;
}

/**
 * Profile documents → the set in force. Each is validated (ProfileError: origin, field, reason) and its
 * selectors checked by cheerio; two profiles of one name are refused. Without `onRejected` the first bad
 * document throws; with it, bad documents are reported and left out, and the others are used.
 */
export async function buildProfileSet(documents: readonly ProfileDocument[], onRejected?: (error: ProfileError) => void): Promise<ProfileSet> {
  if (!documents.length) return ProfileSet.EMPTY;
  const engine: Engine = await import('./applyProfile.js');
  const entries: Entry[] = [];
  const origins = new Map<string, string>();
  for (const { origin, content } of documents) {
    try {
      const profile: SourceProfile = parseProfile(content, origin);
      const other = origins.get(profile.name);
      if (other) throw new ProfileError(origin, 'name', `"${profile.name}" is already the name of the profile in ${other}`);
      entries.push({ name: profile.name, hosts: profile.hosts, compiled: engine.compileProfile(profile, origin) });
      origins.set(profile.name, origin);
    } catch (error) {
      if (!(error instanceof ProfileError) || !onRejected) throw error;
      onRejected(error);
    }
  }
  return ProfileSet.of(entries, entries.length ? engine : null);
}

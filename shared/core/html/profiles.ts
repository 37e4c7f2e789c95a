/**
 * The profiles in force, as the synchronous HTML extractor uses them: built once, asynchronously, by
 * `buildProfileSet`, then matched and applied per page with no await. cheerio (shared/core/html/applyProfile.ts,
 * the only module that imports it) is loaded by `load()`: while building when the selectors are checked
 * then (`selectors: 'now'`, the command line), or only once a page matches a profile (`'on first match'`,
 * the ingest function), so a page no profile matches never pays for it. With no profile, `match` returns at once.
 */
import type { Document } from 'domhandler';
import { ProfileError, ProfileMatcher } from '../profiles/profile.js';
import type { SourceProfile } from '../profiles/profileSchema.js';
import { type CompiledProfile, loadProfileEngine, type ProfileEngine, type ProfileFields, type ProfilePage } from './applyProfile.js';

interface Entry {
  name: string;
  hosts: string[];
  origin: string;
  profile: SourceProfile;
  /** Null until the engine is loaded (its selectors are checked then). */
  compiled: CompiledProfile | null;
}

/** What a profile did on a page: its fields, or a body selector that found nothing (the page went generic). */
export type ProfileOutcome = { kind: 'applied'; name: string; fields: ProfileFields } | { kind: 'missed'; name: string };

/**
 * A page matched a profile of a set whose engine is not loaded yet: the caller awaits `profiles.load()` and
 * extracts the page again (the streaming core does; see UploadExtractor).
 */
export class ProfileEngineNeeded extends Error {
  override readonly name = 'ProfileEngineNeeded';
  constructor(readonly profile: string) {
    super(`a page matches source profile "${profile}": load the profiles' engine (await profiles.load()) and extract it again`);
  }
}

export class ProfileSet {
  static readonly EMPTY = new ProfileSet([]);
  private matcher: ProfileMatcher<Entry>;
  private engine: ProfileEngine | null = null;
  private loading: Promise<void> | null = null;

  private constructor(entries: Entry[], private readonly onRejected?: (error: ProfileError) => void) {
    this.matcher = new ProfileMatcher(entries);
  }

  /** @internal built by buildProfileSet */
  static of(entries: Entry[], onRejected?: (error: ProfileError) => void): ProfileSet {
    return entries.length ? new ProfileSet(entries, onRejected) : ProfileSet.EMPTY;
  }

  get size(): number {
    return this.matcher.size;
  }

  get names(): string[] {
    return this.matcher.profiles.map((p) => p.name);
  }

  /** Whether cheerio is loaded and the selectors checked (`load()` has run). */
  get loaded(): boolean {
    return this.engine !== null || this.size === 0;
  }

  /** The name of the profile for a page with these URLs (most authoritative first), or null. */
  match(urls: readonly (string | null | undefined)[]): string | null {
    return this.matcher.match(urls)?.name ?? null;
  }

  /**
   * Applies the matching profile to the parsed page; null when none matches. Throws ProfileEngineNeeded when
   * one matches before `load()` has run.
   */
  apply(doc: Document, urls: readonly (string | null | undefined)[], page: ProfilePage): ProfileOutcome | null {
    const entry = this.matcher.match(urls);
    if (!entry) return null;
    if (!this.engine) throw new ProfileEngineNeeded(entry.name);
    const fields = this.engine.applyProfile(entry.compiled!, doc, page);
    return fields ? { kind: 'applied', name: entry.name, fields } : { kind: 'missed', name: entry.name };
  }

  /**
   * Loads cheerio and checks every profile's selectors (once; later calls wait for the first). A profile whose
   * selectors cheerio cannot read is reported to `onRejected` and left out; without `onRejected` it throws.
   */
  load(): Promise<void> {
    if (!this.size) return Promise.resolve();
    this.loading ??= (async () => {
      const engine = await loadProfileEngine();
      const kept: Entry[] = [];
      for (const entry of this.matcher.profiles) {
        try {
          kept.push({ ...entry, compiled: engine.compileProfile(entry.profile, entry.origin) });
        } catch (error) {
          if (!(error instanceof ProfileError) || !this.onRejected) throw error;
          this.onRejected(error);
        }
      }
      this.matcher = new ProfileMatcher(kept);
      this.engine = engine;
    })();
    return this.loading;
  }
}

export interface ProfileDocument {
  /** Where the document came from (a file name, an S3 key): errors name it. */
  origin: string;
  /** Its text, or the parsed JSON value. */
  content: unknown;
}

export interface BuildOptions {
  /**
   * When the selectors are checked (and cheerio loaded): `now`, while building (a bad selector is refused at
   * once: the command line), or `on first match`, when a page first matches a profile (the ingest function:
   * a container whose pages match no profile never loads cheerio; a bad selector is reported then).
   * @default 'now'
   */
  selectors?: 'now' | 'on first match';
}

/**
 * Profile documents → the set in force. Each is validated (ProfileError: origin, field, reason) and, per
 * `options.selectors`, its selectors checked by cheerio; two profiles of one name are refused. Without
 * `onRejected` the first bad document throws; with it, bad documents are reported and left out, and the
 * others are used.
 */
export async function buildProfileSet(
  documents: readonly ProfileDocument[], onRejected?: (error: ProfileError) => void, options: BuildOptions = {},
): Promise<ProfileSet> {
  // zod (the schema) is loaded only when there is a document to read: most containers have none.
  if (!documents.length) return ProfileSet.EMPTY;
  const { parseProfile } = await import('../profiles/profileSchema.js');
  const entries: Entry[] = [];
  const origins = new Map<string, string>();
  for (const { origin, content } of documents) {
    try {
      const profile: SourceProfile = parseProfile(content, origin);
      const other = origins.get(profile.name);
      if (other) throw new ProfileError(origin, 'name', `"${profile.name}" is already the name of the profile in ${other}`);
      entries.push({ name: profile.name, hosts: profile.hosts, origin, profile, compiled: null });
      origins.set(profile.name, origin);
    } catch (error) {
      if (!(error instanceof ProfileError) || !onRejected) throw error;
      onRejected(error);
    }
  }
  const set = ProfileSet.of(entries, onRejected);
  if ((options.selectors ?? 'now') === 'now') await set.load();
  return set;
}

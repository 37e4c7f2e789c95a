/**
 * The source profiles in force for the ingest function: read from the drop bucket's profiles prefix, built
 * into a ProfileSet, and kept for PROFILE_REFRESH_MS, so a profile put or changed is picked up within a
 * minute without a redeploy. A refresh that fails keeps the set it had (the failure is reported); with no
 * set yet, it throws, and the upload is retried through the queue.
 */
import { buildProfileSet, type ProfileError, type ProfileSet } from '../../core/index.js';
import type { AwsClients } from '../storage/awsClients.js';
import { readStoredProfiles, type StoredProfile } from '../storage/profileStore.js';

/** How long a read of the profiles is used before the prefix is listed again. */
const PROFILE_REFRESH_MS = 60_000;

export interface ProfileSourceEvents {
  /** A stored profile that cannot be used (it is left out; the others apply). */
  onRejected?: (error: ProfileError) => void;
  /** A refresh failed and the previous set stays in force. */
  onStale?: (error: unknown) => void;
}

export class ProfileSource {
  private set: ProfileSet | null = null;
  private readAt = -Infinity;
  private known = new Map<string, StoredProfile>();
  private signature = '';
  private pending: Promise<ProfileSet> | null = null;

  constructor(
    private readonly clients: () => AwsClients,
    private readonly bucket: string,
    private readonly prefix: string,
    private readonly events: ProfileSourceEvents = {},
    private readonly refreshMs = PROFILE_REFRESH_MS,
    private readonly now = () => Date.now(),
  ) {}

  /** The profiles in force now (one read at a time, however many uploads ask). */
  async current(): Promise<ProfileSet> {
    if (this.set && this.now() - this.readAt < this.refreshMs) return this.set;
    this.pending ??= this.refresh().finally(() => { this.pending = null; });
    return this.pending;
  }

  private async refresh(): Promise<ProfileSet> {
    let stored: StoredProfile[];
    try {
      stored = await readStoredProfiles(this.clients(), this.bucket, this.prefix, this.known);
    } catch (error) {
      if (!this.set) throw error;
      this.events.onStale?.(error);
      this.readAt = this.now();
      return this.set;
    }
    const signature = stored.map((p) => `${p.key}\n${p.etag}`).join('\n');
    this.known = new Map(stored.map((p) => [p.key, p]));
    if (!this.set || signature !== this.signature) {
      // cheerio is loaded, and the selectors checked, when a page first matches a profile (html/profiles.ts)
      this.set = await buildProfileSet(stored.map((p) => ({ origin: p.key, content: p.content })), this.events.onRejected, { selectors: 'on first match' });
      this.signature = signature;
    }
    this.readAt = this.now();
    return this.set;
  }
}

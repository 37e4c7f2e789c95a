/**
 * `sift profile put FILE... | list | test FILE|URL...`: the source profiles of a stack (CONTRACT.md section 5),
 * kept as objects under its profiles prefix. `put` checks each document as the ingest function will (schema
 * and selectors) before storing it, so a bad profile is refused with its field and reason and never stored;
 * `test` shows, side by side, what the stored profiles and the generic path extract from local pages or live
 * URLs (fetched within FETCH_LIMITS; the URL after redirects is the page's URL when it names none).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type ArticleRecord, buildProfileSet, extractUpload, ProfileError } from '../shared/core/index.js';
import { parseProfile } from '../shared/core/profiles/profileSchema.js';
import type { AwsClients } from '../shared/service/storage/awsClients.js';
import { readStoredProfiles } from '../shared/service/storage/profileStore.js';
import { DEFAULT_PROFILES_PREFIX } from '../shared/service/storage/tableSchema.js';
import { fetchPage, isPageUrl } from './fetchPage.js';
import type { Target } from './target.js';

type Print = (line: string) => void;

const prefixOf = (target: Target) => target.profilesPrefix ?? DEFAULT_PROFILES_PREFIX;
const clientsOf = (s3: S3Client) => ({ s3 }) as unknown as AwsClients;

/** Stores each valid profile as `<profiles prefix><file name>`; 1 when any was refused. */
export async function putProfiles(target: Target, files: string[], out: Print, err: Print): Promise<number> {
  const s3 = new S3Client(target.s3);
  let failed = 0;
  try {
    for (const file of files) {
      const key = `${prefixOf(target)}${basename(file).replace(/(\.json)?$/, '.json')}`;
      try {
        const text = await readFile(file, 'utf8');
        const set = await buildProfileSet([{ origin: file, content: text }]);
        await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: text, ContentType: 'application/json' }));
        out(`${key}: stored profile ${set.names[0]} (${parseProfile(text, file).hosts.join(', ')}); the ingest function uses it within a minute`);
      } catch (error) {
        failed++;
        err(`sift: ${error instanceof ProfileError ? `not stored: ${error.message}` : `${file}: ${(error as Error).message}`}`);
      }
    }
  } finally {
    s3.destroy();
  }
  return failed ? 1 : 0;
}

/** Every stored profile document: name and hosts, or why the ingest function leaves it out. */
export async function listProfiles(target: Target, json: boolean, out: Print): Promise<number> {
  const s3 = new S3Client(target.s3);
  try {
    const stored = await readStoredProfiles(clientsOf(s3), target.bucket, prefixOf(target));
    if (!stored.length && !json) out(`no profiles under ${prefixOf(target)} in ${target.description}`);
    for (const doc of stored) {
      let entry: { key: string; name?: string; hosts?: string[]; error?: string };
      try {
        const p = parseProfile(doc.content, doc.key);
        await buildProfileSet([{ origin: doc.key, content: p }]);
        entry = { key: doc.key, name: p.name, hosts: p.hosts };
      } catch (error) {
        if (!(error instanceof ProfileError)) throw error;
        entry = { key: doc.key, error: error.message };
      }
      out(json ? JSON.stringify(entry) : entry.error ? `${entry.key}  UNUSABLE  ${entry.error}` : `${entry.key}  ${entry.name}  ${entry.hosts!.join(' ')}`);
    }
    return 0;
  } finally {
    s3.destroy();
  }
}

const FIELDS = ['title', 'published', 'authors', 'tags', 'wordCount', 'text'] as const;

/** Each page (a local file or a URL) through the stored profiles and through the generic path, field by field. */
export async function testProfiles(target: Target, files: string[], json: boolean, out: Print, err: Print): Promise<number> {
  const s3 = new S3Client(target.s3);
  let stored;
  try {
    stored = await readStoredProfiles(clientsOf(s3), target.bucket, prefixOf(target));
  } finally {
    s3.destroy();
  }
  const profiles = await buildProfileSet(stored.map((d) => ({ origin: d.key, content: d.content })), (e) => err(`sift: left out: ${e.message}`));
  let failed = 0;
  for (const file of files) {
    try {
      const page = isPageUrl(file) ? await fetchPage(file) : { bytes: await readFile(file), url: undefined, fetchedAt: undefined };
      const options = { upload: { bucket: 'local', key: file }, url: page.url, fetchedAt: page.fetchedAt };
      const withProfile = extractUpload(page.bytes, { ...options, profiles });
      const generic = extractUpload(page.bytes, options);
      withProfile.articles.forEach((a, i) => report(file, a, generic.articles[i], withProfile.profileMisses ?? {}, json, out));
    } catch (error) {
      failed++;
      err(`sift: ${file}: ${(error as Error).message}`);
    }
  }
  return failed ? 1 : 0;
}

function report(file: string, profiled: ArticleRecord, generic: ArticleRecord | undefined, misses: Record<string, number>, json: boolean, out: Print) {
  const pick = (a: ArticleRecord | undefined) => (a ? Object.fromEntries(FIELDS.map((f) => [f, a[f]])) : null);
  if (json) {
    out(JSON.stringify({ file, index: profiled.upload.index, profile: profiled.profile, misses, profiled: pick(profiled), generic: pick(generic) }));
    return;
  }
  const missed = Object.keys(misses);
  out(`${file} #${profiled.upload.index}: ${profiled.profile ? `profile ${profiled.profile}` : missed.length ? `profile ${missed.join(', ')} MISSED (body selector found nothing): generic path` : 'no profile matches: generic path'}`);
  const show = (a: ArticleRecord | undefined, f: (typeof FIELDS)[number]) => {
    if (!a) return '—';
    const v = a[f];
    if (f === 'text') return `${String(v).slice(0, 60).replace(/\s+/g, ' ')}…`;
    return Array.isArray(v) ? v.join('; ') || '—' : v === null || v === '' ? '—' : String(v);
  };
  for (const f of FIELDS) out(`  ${f.padEnd(10)} profile: ${show(profiled, f)}\n  ${''.padEnd(10)} generic: ${show(generic, f)}`);
}

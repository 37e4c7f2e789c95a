/**
 * Story fingerprints: which articles tell the same story, from their cleaned text alone. Pure.
 *
 * MinHash over word 3-shingles (Broder 1997): the share of equal signature slots estimates the Jaccard
 * similarity of two articles' shingle sets, which stays high for the same text in another format or under
 * other boilerplate, a paragraph added or cut, or words changed, and is low for different stories of one
 * site (their shared boilerplate is mostly cut before this stage). trafilatura's Simhash compares
 * fingerprints held in one process; a join across uploads needs candidates found by key instead, so:
 *
 * - keys (`storyKeys`): the article's two smallest shingle hashes, each in its own index, and what it
 *   looks its copies up by. Two copies share one when one of the two smallest shingles of their union is
 *   in both (probability about 1 - (1 - J)^2); the relation is symmetric, so which copy comes first does
 *   not change whether they are found;
 * - candidates found by a key are then checked on the whole signature (`sameStory`). The signature keeps
 *   the lowest byte of each slot's minimum (b-bit minwise hashing, Li & König 2010): 128 bytes instead of
 *   512, so it rides on the article item and the key indexes for a fraction of a write unit; two unequal
 *   slots then agree by chance one time in 256, which `similarity` takes out.
 *
 * Texts too short for shingles to tell a template from a story join only exact copies (the key is the
 * normalised text's hash and there is no signature).
 */
import { normaliseForHash, sha256Hex, wordsOf } from '../records.js';

export const STORY_SETTINGS = {
  /** Words per shingle: 3 keeps a changed word from touching more than 3 shingles. */
  shingleWords: 3,
  /** Signature slots: the similarity estimate's standard error is about 0.044 at 0.5. */
  signatureSlots: 128,
  /** Bits kept of each slot's minimum (one byte a slot). */
  slotBits: 8,
  /** Smallest shingle hashes an article is found and looks up by (one index each). */
  keys: 2,
  /** Estimated Jaccard similarity at or above which two articles are one story. */
  minSimilarity: 0.6,
  /** Fewer words than this: only exact copies join (short template texts differ in a few words). */
  minWords: 40,
} as const;

/** What the store keeps of an article to find and check its copies. */
export interface StoryFingerprint {
  /** Indexed keys: the smallest shingle hashes, or `x:` + the text hash for a text too short to shingle. */
  storyKeys: string[];
  /** MinHash signature, one byte a slot; null for an exact-only text. */
  signature: Uint8Array | null;
}

const EXACT = 'x:';

/** The fingerprint of an article's text (`text` of the record: body in reading order, title excluded). */
export function fingerprintOf(text: string): StoryFingerprint {
  const words = wordsOf(text.normalize('NFKC').toLowerCase());
  if (words.length < STORY_SETTINGS.minWords) {
    const storyKey = `${EXACT}${sha256Hex(normaliseForHash(text).toLowerCase()).slice(0, 32)}`;
    return { storyKeys: [storyKey], signature: null };
  }
  const k = STORY_SETTINGS.shingleWords;
  const slots = new Uint32Array(STORY_SETTINGS.signatureSlots).fill(0xffffffff);
  // Smallest distinct shingle hashes (64 bits as [hi, lo]), kept sorted.
  const smallest: [number, number][] = [];
  for (let i = 0; i + k <= words.length; i++) {
    const shingle = words.slice(i, i + k).join(' ');
    const hi = hash32(shingle, 0x9747b28c);
    const lo = hash32(shingle, 0x5bd1e995);
    for (let s = 0; s < slots.length; s++) {
      const v = fmix32((hi ^ SLOT_SALTS[s]) >>> 0);
      if (v < slots[s]) slots[s] = v;
    }
    keepSmallest(smallest, hi, lo, STORY_SETTINGS.keys);
  }
  return { storyKeys: smallest.map(([hi, lo]) => hex8(hi) + hex8(lo)), signature: Uint8Array.from(slots, (v) => v & SLOT_MASK) };
}

const SLOT_MASK = 2 ** STORY_SETTINGS.slotBits - 1;
/** How often two slots of unrelated texts agree on their kept bits alone. */
const CHANCE_AGREEMENT = 1 / 2 ** STORY_SETTINGS.slotBits;

/** A stored signature as the story stage compares it: one written in another layout (older items) is none. */
export const storedSignature = (value: unknown): Uint8Array | null =>
  (value instanceof Uint8Array && value.length === STORY_SETTINGS.signatureSlots ? value : null);

/** Estimated Jaccard similarity of two fingerprints' shingle sets (1 for equal exact-only keys). */
export function similarity(a: Pick<StoryFingerprint, 'storyKeys' | 'signature'>, b: Pick<StoryFingerprint, 'storyKeys' | 'signature'>): number {
  if (!a.signature || !b.signature) return !a.signature && !b.signature && a.storyKeys[0] === b.storyKeys[0] ? 1 : 0;
  const x = a.signature;
  const y = b.signature;
  if (x.length !== y.length) return 0;
  let equal = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i]) equal++;
  return Math.max(0, (equal / x.length - CHANCE_AGREEMENT) / (1 - CHANCE_AGREEMENT));
}

export const sameStory = (a: Pick<StoryFingerprint, 'storyKeys' | 'signature'>, b: Pick<StoryFingerprint, 'storyKeys' | 'signature'>) =>
  similarity(a, b) >= STORY_SETTINGS.minSimilarity;

/** An article already placed in a story, as a candidate lookup returns it. */
export interface StoryCandidate {
  article: string;
  story: string;
  storyKeys: string[];
  signature: Uint8Array | null;
}

/**
 * The stories an article belongs to among the candidates its keys found: those of every candidate that
 * passes `sameStory` (itself excluded), without repeats. None: the article starts a story and names it.
 * More than one: the article joins them (the caller merges them into the oldest), so the stories are the
 * connected copies whatever order they arrived in.
 */
export function matchingStories(article: string, fp: StoryFingerprint, candidates: StoryCandidate[]): string[] {
  const stories = new Set<string>();
  for (const c of candidates) if (c.article !== article && sameStory(fp, c)) stories.add(c.story);
  return [...stories];
}

function keepSmallest(list: [number, number][], hi: number, lo: number, n: number) {
  const less = (a: [number, number]) => hi < a[0] || (hi === a[0] && lo < a[1]);
  const same = (a: [number, number]) => a[0] === hi && a[1] === lo;
  if (list.length === n && !less(list[n - 1])) return;
  if (list.some(same)) return;
  let i = list.length;
  while (i > 0 && less(list[i - 1])) i--;
  list.splice(i, 0, [hi, lo]);
  if (list.length > n) list.pop();
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** MurmurHash3's finaliser: a bijection on 32 bits, so each salt gives a different order of the hashes. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit string hash (FNV-1a over UTF-16 code units, then mixed). */
function hash32(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h >>> 0);
}

/** Fixed salts, one per slot (a Weyl sequence), so signatures are comparable across runs and versions. */
const SLOT_SALTS = Uint32Array.from({ length: STORY_SETTINGS.signatureSlots }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b9) >>> 0));

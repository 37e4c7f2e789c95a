/**
 * Story fingerprints: which articles tell the same story, from their cleaned text alone. Pure.
 *
 * MinHash over word 3-shingles (Broder 1997): the share of equal signature slots estimates the Jaccard
 * similarity of two articles' shingle sets, which stays high for the same text in another format or under
 * other boilerplate, a paragraph added or cut, or words changed, and is low for different stories of one
 * site (their shared boilerplate is mostly cut before this stage). trafilatura's Simhash compares
 * fingerprints held in one process; a join across uploads needs candidates found by key instead, so:
 *
 * - key (`storyKey`): one per article, in one index, and what it looks its copies up by: among the content
 *   words (not a stopword of any language, no digits) in the highest band of repeats (1, 2-3, 4-7, 8-15 …
 *   times), the longest, the lowest hash breaking ties. Two copies are found iff their keys are equal; the
 *   relation is symmetric, so which copy comes first does not change whether they are found. The key is a
 *   word the story is about: it stays when a paragraph or boilerplate is added or cut or words are changed
 *   (an inserted word is rarely repeated, a cut rarely moves a word out of its band), unlike a 3-shingle,
 *   which any change of its three words moves. It is also specific: long words are rare (Zipf's law of
 *   abbreviation), where a word drawn by hash alone is often a common one ("new", "way") and then the key
 *   of every article that has it. A story's articles are joined only through equal keys, so every story
 *   lies inside one key's partition, and that partition lists it (storyStore.ts);
 * - candidates found by a key are then checked on the whole signature (`sameStory`). The signature keeps
 *   the lowest byte of each slot's minimum (b-bit minwise hashing, Li & König 2010): 128 bytes instead of
 *   512, so it rides on the article item and the key indexes for a fraction of a write unit; two unequal
 *   slots then agree by chance one time in 256, which `similarity` takes out.
 *
 * Texts too short for shingles to tell a template from a story join only exact copies (the key is the
 * normalised text's hash and there is no signature).
 */
import { lazy } from '../lazy.js';
import { normaliseForHash, sha256Hex, wordsOf } from '../records.js';
import { particleChars, segmentedStopwords, stopwords } from '../text/stopwords.js';

export const STORY_SETTINGS = {
  /** Words per shingle: 3 keeps a changed word from touching more than 3 shingles. */
  shingleWords: 3,
  /** Signature slots: the similarity estimate's standard error is about 0.044 at 0.5. */
  signatureSlots: 128,
  /** Bits kept of each slot's minimum (one byte a slot). */
  slotBits: 8,
  /** Estimated Jaccard similarity at or above which two articles are one story. */
  minSimilarity: 0.6,
  /** Fewer words than this: only exact copies join (short template texts differ in a few words). */
  minWords: 40,
} as const;

/** What the store keeps of an article to find and check its copies. */
export interface StoryFingerprint {
  /** Indexed key: the hash of the key word, or `x:` + the text hash for a text too short to shingle. */
  storyKey: string;
  /** MinHash signature, one byte a slot; null for an exact-only text. */
  signature: Uint8Array | null;
}

const EXACT = 'x:';

/** The fingerprint of an article's text (`text` of the record: body in reading order, title excluded). */
export function fingerprintOf(text: string): StoryFingerprint {
  const words = wordsOf(text.normalize('NFKC').toLowerCase());
  if (words.length < STORY_SETTINGS.minWords) {
    const storyKey = `${EXACT}${sha256Hex(normaliseForHash(text).toLowerCase()).slice(0, 32)}`;
    return { storyKey, signature: null };
  }
  const k = STORY_SETTINGS.shingleWords;
  const slots = new Uint32Array(STORY_SETTINGS.signatureSlots).fill(0xffffffff);
  for (let i = 0; i + k <= words.length; i++) {
    const hi = hash32(words.slice(i, i + k).join(' '), 0x9747b28c);
    for (let s = 0; s < slots.length; s++) {
      const v = fmix32((hi ^ SLOT_SALTS[s]) >>> 0);
      if (v < slots[s]) slots[s] = v;
    }
  }
  // The key word; a text of function words and numbers alone (a table, a list of scores) is keyed on its
  // smallest 3-shingle hash instead.
  const counts = new Map<string, number>();
  for (const w of words) if (isContentWord(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  let key: [number, number, number, number] = [0, 0, 0xffffffff, 0xffffffff];
  const consider = (feature: string, tier: number, length: number) => {
    if (tier < key[0] || (tier === key[0] && length < key[1])) return;
    const hi = hash32(feature, 0x9747b28c);
    const lo = hash32(feature, 0x5bd1e995);
    if (tier > key[0] || length > key[1] || hi < key[2] || (hi === key[2] && lo < key[3])) key = [tier, length, hi, lo];
  };
  for (const [w, n] of counts) consider(w, 32 - Math.clz32(n), codePoints(w));
  if (!key[0]) for (let i = 0; i + k <= words.length; i++) consider(words.slice(i, i + k).join(' '), 1, 1);
  return { storyKey: hex8(key[2]) + hex8(key[3]), signature: Uint8Array.from(slots, (v) => v & SLOT_MASK) };
}

/**
 * A word that says what the text is about: not a stopword of any language (nor a particle of a script
 * written without spaces), and without digits (counts, dates and scores differ between a story's versions
 * and repeat across unrelated ones).
 */
const isContentWord = (w: string) =>
  !stopwords().has(w) && !segmentedStopwords().has(w) && !(w.length === 1 && particleChars().has(w)) && !DIGIT_RE().test(w);
const DIGIT_RE = lazy(() => /\p{N}/u);
const codePoints = (w: string) => {
  let n = 0;
  for (const _ of w) n++;
  return n;
};

const SLOT_MASK = 2 ** STORY_SETTINGS.slotBits - 1;
/** How often two slots of unrelated texts agree on their kept bits alone. */
const CHANCE_AGREEMENT = 1 / 2 ** STORY_SETTINGS.slotBits;

/** A stored signature as the story stage compares it: one written in another layout (older items) is none. */
export const storedSignature = (value: unknown): Uint8Array | null =>
  (value instanceof Uint8Array && value.length === STORY_SETTINGS.signatureSlots ? value : null);

/** Estimated Jaccard similarity of two fingerprints' shingle sets (1 for equal exact-only keys). */
export function similarity(a: Pick<StoryFingerprint, 'storyKey' | 'signature'>, b: Pick<StoryFingerprint, 'storyKey' | 'signature'>): number {
  if (!a.signature || !b.signature) return !a.signature && !b.signature && a.storyKey === b.storyKey ? 1 : 0;
  const x = a.signature;
  const y = b.signature;
  if (x.length !== y.length) return 0;
  let equal = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i]) equal++;
  return Math.max(0, (equal / x.length - CHANCE_AGREEMENT) / (1 - CHANCE_AGREEMENT));
}

export const sameStory = (a: Pick<StoryFingerprint, 'storyKey' | 'signature'>, b: Pick<StoryFingerprint, 'storyKey' | 'signature'>) =>
  similarity(a, b) >= STORY_SETTINGS.minSimilarity;

/** An article already placed in a story, as a candidate lookup returns it. */
export interface StoryCandidate {
  article: string;
  story: string;
  storyKey: string;
  signature: Uint8Array | null;
}

/**
 * The stories an article belongs to among the candidates its key found: those of every candidate that
 * passes `sameStory` (itself excluded), without repeats. None: the article starts a story and names it.
 * More than one: the article joins them (the caller merges them into the oldest), so the stories are the
 * connected copies whatever order they arrived in.
 */
export function matchingStories(article: string, fp: StoryFingerprint, candidates: StoryCandidate[]): string[] {
  const stories = new Set<string>();
  for (const c of candidates) if (c.article !== article && sameStory(fp, c)) stories.add(c.story);
  return [...stories];
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

/**
 * Story fingerprints: which articles tell the same story, from their cleaned text alone. Pure.
 *
 * MinHash over word 3-shingles (Broder 1997): the share of equal signature slots estimates the Jaccard
 * similarity of two articles' shingle sets, which stays high for the same text in another format or under
 * other boilerplate, a paragraph added or cut, or words changed, and is low for different stories of one
 * site (their shared boilerplate is mostly cut before this stage). trafilatura's Simhash compares
 * fingerprints held in one process; a join across uploads needs candidates found by key instead, so:
 *
 * - keys (`storyWords`): the article's key words, best first: its content words (not a stopword of any
 *   language, no digits) by how often it repeats them, then the longest, the lowest hash breaking ties. The
 *   first is its key (`storyKey`), its one entry in the key index; it looks its copies up under each of its
 *   key words. Two articles are linked when each one's key is among the other's key words: the relation is
 *   symmetric (either copy, arriving second, finds the other), so the order of arrival does not change it.
 *   The most repeated words are what a story is about, and they keep their rank when a paragraph or
 *   boilerplate is added or cut or words are changed (an inserted word rarely repeats); where an edit swaps
 *   two close ranks, the key is still among the other's first few. Long words are rare (Zipf's law of
 *   abbreviation), so keys are specific: a word drawn by hash alone is often a common one ("new", "way").
 *   A story's articles may therefore lie in several key partitions; the store lists them (storyStore.ts);
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
  /**
   * Key words an article is looked up under (one Query each). Measured on corpus copies (text scrapes,
   * edited copies): one word linked 0.84 of them, three 0.94, five 0.96; on the corpus pairs, three found
   * 0.975 of the copies, four 0.981, five no more.
   */
  keyWords: 4,
} as const;

/** What the store keeps of an article to find and check its copies. */
export interface StoryFingerprint {
  /** Indexed key: the hash of the key word, or `x:` + the text hash for a text too short to shingle. */
  storyKey: string;
  /** The key words' hashes, best first (`storyKey` first): what the article looks its copies up under. */
  storyWords: string[];
  /** MinHash signature, one byte a slot; null for an exact-only text. */
  signature: Uint8Array | null;
}

const EXACT = 'x:';
/** Seed of the first hash of shingles and key words (the second: 0x5bd1e995). */
const SHINGLE_SEED = 0x9747b28c;

/** The fingerprint of an article's text (`text` of the record: body in reading order, title excluded). */
export function fingerprintOf(text: string): StoryFingerprint {
  const words = wordsOf(text.normalize('NFKC').toLowerCase());
  if (words.length < STORY_SETTINGS.minWords) {
    const storyKey = `${EXACT}${sha256Hex(normaliseForHash(text).toLowerCase()).slice(0, 32)}`;
    return { storyKey, storyWords: [storyKey], signature: null };
  }
  const k = STORY_SETTINGS.shingleWords;
  const slots = minHashes(words, k);
  // The key words; a text of function words and numbers alone (a table, a list of scores) is keyed on its
  // smallest 3-shingle hash instead.
  // every word counted, then each distinct one judged once (in order of first use, as content words alone would be)
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  const ranked: KeyRank[] = [];
  for (const [w, n] of counts) if (mayRank(ranked, n, w) && isContentWord(w)) keepBest(ranked, [n, codePoints(w), hash32(w, SHINGLE_SEED), hash32(w, 0x5bd1e995)]);
  if (!ranked.length) {
    for (let i = 0; i + k <= words.length; i++) {
      const shingle = words.slice(i, i + k).join(' ');
      keepBest(ranked, [1, 1, hash32(shingle, SHINGLE_SEED), hash32(shingle, 0x5bd1e995)]);
    }
    ranked.length = Math.min(ranked.length, 1);
  }
  const storyWords = ranked.map(([, , hi, lo]) => hex8(hi) + hex8(lo));
  return { storyKey: storyWords[0], storyWords, signature: Uint8Array.from(slots, (v) => v & SLOT_MASK) };
}

/**
 * Each slot's minimum over the 3-shingles of `fmix32(hash32(shingle) ^ salt)`, computed slot by slot over
 * the shingles' hashes (made once, without building the shingle strings). fmix32's first step,
 * `x ^= x >>> 16`, distributes over the salt's XOR, so it is taken once per shingle and once per salt.
 */
function minHashes(words: string[], k: number): Uint32Array {
  const n = words.length - k + 1;
  const mixed = new Int32Array(Math.max(n, 0));
  for (let i = 0; i < n; i++) {
    // hash32(words.slice(i, i + k).join(' '), SHINGLE_SEED), a code unit at a time
    let h = (FNV_OFFSET ^ SHINGLE_SEED) >>> 0;
    for (let j = i; j < i + k; j++) {
      if (j > i) h = Math.imul(h ^ 0x20, FNV_PRIME);
      const w = words[j]!;
      for (let c = 0; c < w.length; c++) h = Math.imul(h ^ w.charCodeAt(c), FNV_PRIME);
    }
    const hi = fmix32(h >>> 0);
    mixed[i] = hi ^ (hi >>> 16);
  }
  const slots = new Uint32Array(STORY_SETTINGS.signatureSlots);
  for (let s = 0; s < slots.length; s++) {
    const salt = MIXED_SALTS[s]!;
    // compared as signed 32-bit values with the top bit flipped: the same order as unsigned, without doubles
    let min = 0x7fffffff;
    for (let i = 0; i < n; i++) {
      let h = mixed[i]! ^ salt;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      const v = h ^ (h >>> 16) ^ 0x80000000;
      if (v < min) min = v;
    }
    slots[s] = (min ^ 0x80000000) >>> 0;
  }
  return slots;
}

/** A key word's rank: repeats, length in code points, then two hashes (lower first). */
type KeyRank = [number, number, number, number];
const ranksBefore = (a: KeyRank, b: KeyRank) =>
  a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] !== b[2] ? a[2] < b[2] : a[3] < b[3];

/** Whether a word repeated `n` times can rank among a full list's (its hashes and length are made only then). */
function mayRank(list: KeyRank[], n: number, w: string): boolean {
  if (list.length < STORY_SETTINGS.keyWords) return true;
  const last = list[list.length - 1]!;
  return n > last[0] || (n === last[0] && w.length >= last[1]); // a word's code points are at most its length
}

/** Keeps the best `keyWords` ranks, sorted best first. */
function keepBest(list: KeyRank[], rank: KeyRank) {
  const n = STORY_SETTINGS.keyWords;
  if (list.length === n && !ranksBefore(rank, list[n - 1])) return;
  let i = list.length;
  while (i > 0 && ranksBefore(rank, list[i - 1])) i--;
  list.splice(i, 0, rank);
  if (list.length > n) list.pop();
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

/** Bytes a key word's hash takes when stored (16 hex digits). */
const WORD_BYTES = 8;

/**
 * What the store keeps of a fingerprint beside its key, as one binary attribute: the signature's bytes, then
 * the hash of each key word (8 bytes each). None for an exact-only text (its key is its only word).
 */
export function storyBytes(fp: StoryFingerprint): Uint8Array | undefined {
  if (!fp.signature) return undefined;
  const out = new Uint8Array(fp.signature.length + WORD_BYTES * fp.storyWords.length);
  out.set(fp.signature);
  fp.storyWords.forEach((w, i) => out.set(Buffer.from(w, 'hex'), fp.signature!.length + WORD_BYTES * i));
  return out;
}

/**
 * The signature and key words of a stored article (`storyBytes` and its key); one stored with a signature
 * alone (before key words were kept) has its key as its only word, one in another layout no signature.
 */
export function storedStory(value: unknown, storyKey: string): Pick<StoryFingerprint, 'signature' | 'storyWords'> {
  const slots = STORY_SETTINGS.signatureSlots;
  if (!(value instanceof Uint8Array) || value.length < slots || (value.length - slots) % WORD_BYTES) return { signature: null, storyWords: [storyKey] };
  const storyWords: string[] = [];
  for (let at = slots; at < value.length; at += WORD_BYTES) storyWords.push(Buffer.from(value.subarray(at, at + WORD_BYTES)).toString('hex'));
  return { signature: value.subarray(0, slots), storyWords: storyWords.length ? storyWords : [storyKey] };
}

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
  /** Its key words (`[storyKey]` for one stored without them). */
  storyWords: string[];
  signature: Uint8Array | null;
}

/** Whether two articles are linked: each one's key is among the other's key words (symmetric). */
export const linked = (a: Pick<StoryFingerprint, 'storyKey' | 'storyWords'>, b: Pick<StoryFingerprint, 'storyKey' | 'storyWords'>) =>
  a.storyWords.includes(b.storyKey) && b.storyWords.includes(a.storyKey);

/**
 * The stories an article belongs to among the candidates its key words found: those of every candidate it
 * is `linked` to that passes `sameStory` (itself excluded), without repeats. None: the article starts a story and names it.
 * More than one: the article joins them (the caller merges them into the oldest), so the stories are the
 * connected copies whatever order they arrived in.
 */
export function matchingStories(article: string, fp: StoryFingerprint, candidates: StoryCandidate[]): string[] {
  const stories = new Set<string>();
  for (const c of candidates) if (c.article !== article && linked(fp, c) && sameStory(fp, c)) stories.add(c.story);
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

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** A 32-bit string hash (FNV-1a over UTF-16 code units, then mixed). */
function hash32(s: string, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return fmix32(h >>> 0);
}

/** Fixed salts, one per slot (a Weyl sequence), so signatures are comparable across runs and versions. */
const SLOT_SALTS = Uint32Array.from({ length: STORY_SETTINGS.signatureSlots }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b9) >>> 0));
/** The salts after fmix32's first step (see minHashes). */
const MIXED_SALTS = Int32Array.from(SLOT_SALTS, (salt) => salt ^ (salt >>> 16));

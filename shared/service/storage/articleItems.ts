/**
 * ArticleRecord ↔ DynamoDB item layout (pure; no SDK). One article item per record, plus one small tag item
 * per tag so that "articles with tag X" is a Query. Every article item carries `view` (the record without its
 * body, what list queries return) and, unless it has neither source nor tags, `match` (normalised filter
 * values) — with `gen` and `prev`, the only attributes the indexes project.
 *
 * Generations make replacing an upload's records atomic for readers. Each item says which run wrote it
 * (`gen`, the run's S3 sequencer) and keeps a copy of the content it replaced when that content was the
 * committed one (`prev`). The upload status names the committed run; readers show an item's current
 * content if it belongs to that run, its `prev` if that does, and nothing otherwise. A run therefore
 * writes freely, and its records appear, all at once, when the status flips to it.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type ArticleRecord, BLOCK_SEPARATOR, fingerprintOf, REPORT_LIMITS, storyBytes, type StoryFingerprint } from '../../core/index.js';

export type ArticleView = Omit<ArticleRecord, 'text' | 'paragraphs'>;

/**
 * The view as items store it (it rides on the item and on four or five index entries, each a write unit per
 * started KB): as attributes only what DynamoDB filters or updates, and the rest as `packed`, the deflated
 * JSON of its fields without empty values. `lang`, `upload.key` and `story` are filtered on (api/articleQuery.ts),
 * `tags` read alone (articleStore.ts) and `story` relabelled (storyStore.ts); `contentHash` is its 32 bytes
 * rather than 64 hex characters. The id is the item's; a story that is the article's own id is left out, and
 * so are tags when there are none. Items written before hold every field as an attribute (and the id, the
 * story, a hex hash); `currentShape` reads both.
 */
type StoredView = Partial<Omit<ArticleView, 'contentHash' | 'upload'>> & {
  upload: Partial<ArticleView['upload']> & { key: string };
  contentHash: string | Uint8Array;
  packed?: Uint8Array;
};

/** A view's fields in the record's order, with what a stored view that leaves one out stands for (undefined: always stored). */
const VIEW_FIELDS: { [K in keyof Required<Omit<ArticleView, 'copies'>>]: ArticleView[K] | undefined } = {
  id: undefined, upload: undefined, title: undefined, headings: [], published: null, publishedText: null, authors: [], source: null,
  url: null, lang: undefined, dir: undefined, tags: [], related: [], images: [], wordCount: undefined, contentHash: undefined,
  story: undefined, summary: null, profile: null, contentField: null, format: undefined, encoding: undefined, extractorVersion: undefined,
};

/**
 * What packed views and bodies are deflated against: a preset dictionary of the JSON they are made of, so that
 * a field name costs a back-reference rather than its bytes (about 90 bytes less a view). Frozen: stored items
 * are inflated with it, and a change needs new attribute names. Bodies packed before it read the same with it
 * (a raw deflate stream that never refers to a dictionary inflates the same with one).
 */
const PACK_DICTIONARY = Buffer.from(
  '{"upload":{"bucket":"","versionId":"","index":0},"title":"","headings":["","published":"","publishedText":"","authors":["",'
  + '"source":"","url":"https://","dir":"ltr","related":[{"title":"","url":"https://"}],"images":[{"url":"https://","caption":"","credit":""}],'
  + '"wordCount":0,"summary":"","profile":"","contentField":"text","format":"html","encoding":"utf-8","extractorVersion":"'
  + '{"text":"","paragraphs":["","headingAt":[0,',
);
const pack = (value: unknown) => Uint8Array.from(deflateRawSync(JSON.stringify(value), { dictionary: PACK_DICTIONARY }));
const unpack = <T>(packed: Uint8Array) => JSON.parse(inflateRawSync(packed, { dictionary: PACK_DICTIONARY }).toString('utf8')) as T;

const isEmpty = (v: unknown) => v === null || (Array.isArray(v) && v.length === 0);

function storedView(view: ArticleView): StoredView {
  const { id, story, lang, tags, contentHash, upload: { key, ...upload }, ...rest } = view;
  // `publishedText` left out is the same as `published` (most often it is), so null is kept when only that is.
  const packed = Object.fromEntries(Object.entries(rest)
    .filter(([k, v]) => (k === 'publishedText' ? v !== rest.published : !isEmpty(v))));
  return {
    lang, upload: { key }, ...(story !== id ? { story } : {}), ...(tags.length ? { tags } : {}),
    contentHash: /^[0-9a-f]{64}$/.test(contentHash) ? Uint8Array.from(Buffer.from(contentHash, 'hex')) : contentHash,
    packed: pack({ upload, ...packed }),
  };
}

/**
 * A stored view as the record's view: its packed fields and its attributes (an attribute wins: it is what an
 * update set), the id its item's, and every field it leaves out with its empty value. Items written before a
 * field existed read the same way: `profile` and `contentField` null (the generic path, no export field), `images` [].
 */
function currentShape(stored: StoredView, id: string | undefined): ArticleView {
  const { packed, upload, contentHash, ...attributes } = stored;
  const { upload: packedUpload, ...unpacked } = packed ? unpack<Partial<StoredView>>(packed) : { upload: {} };
  const fields: Record<string, unknown> = { ...unpacked, ...attributes };
  if (packed && !('publishedText' in fields)) fields.publishedText = fields.published ?? null;
  const whole = { ...packedUpload, ...upload } as ArticleView['upload'];
  fields.upload = { bucket: whole.bucket, key: whole.key, ...(whole.versionId !== undefined ? { versionId: whole.versionId } : {}), index: whole.index };
  fields.id = id ?? stored.id;
  fields.story ??= fields.id;
  fields.contentHash = typeof contentHash === 'string' ? contentHash : Buffer.from(contentHash).toString('hex');
  return Object.fromEntries(Object.entries(VIEW_FIELDS).map(([k, empty]) => [k, k in fields ? fields[k] : empty])) as unknown as ArticleView;
}

/**
 * Filter values the view does not hold as such (normalised for comparison), each left out when empty (and
 * `match` when both are). The language and the upload are filtered on the view's own `lang` and `upload.key`;
 * items written before carry them here too.
 */
interface ArticleMatch {
  source?: string;
  tags?: string[];
  lang?: string;
  upload?: string;
}

/** The committed content an item held before the run that is writing it now. */
interface PreviousVersion {
  gen: string;
  view: StoredView;
  match?: ArticleMatch;
}

export interface ArticleItem {
  id: string;
  view: StoredView;
  match?: ArticleMatch;
  /** The run (S3 sequencer) that wrote `view` and the body. */
  gen?: string;
  prev?: PreviousVersion;
  /** The body of `prev` (not projected into the indexes): packed, or as items written before kept it. */
  prevPackedBody?: Uint8Array;
  prevText?: string;
  prevParagraphs?: string[];
  prevBodyRef?: string;
  sortKey: string;
  /**
   * The upload key, the partition of `byUpload`, sparse: only on articles the upload status does not list
   * (positions from LISTED_POSITIONS on) and on those of a run that indexes all (an upload read in pieces).
   */
  uploadKey?: string;
  lang: string;
  sourceKey?: string;
  /** The story stage's lookup key, and its signature followed by its key words (fingerprint.ts, `storyBytes`; index `byStoryKey`). */
  storyKey: string;
  storySignature?: Uint8Array;
  /**
   * The story, on articles whose story is another article's (projected into `byStoryKey`, where a story is
   * listed); an article without it is its story's first article, so its story is its id.
   */
  storyOf?: string;
  /**
   * The body, unless it lives in S3 (`bodyRef`) because the item would pass DynamoDB's 400 KB limit:
   * packed (`packBody`); items written before hold `text` and `paragraphs` as they are.
   */
  packedBody?: Uint8Array;
  text?: string;
  paragraphs?: string[];
  bodyRef?: string;
}

/**
 * One per tag of an article (index `byTag`): only its keys and the run that wrote it. A tag query reads the
 * articles its entries name, and shows each as its upload's committed run has it when that version has the
 * tag, so a tag item needs no copy of the view, and none of the content it replaced (items written before
 * carry both; they are not read). Each is one write unit and one `byTag` entry of one unit, where a copy of
 * a real article's view made it two or three of each.
 */
export interface TagItem {
  id: string;
  tagKey: string;
  sortKey: string;
  gen?: string;
}

/**
 * Bodies above this (UTF-8 bytes of text + paragraphs) go to S3. An item may hold two bodies (current and
 * `prev`), so two of them and two views stay under DynamoDB's 400 KB.
 */
export const MAX_INLINE_BODY_BYTES = 150 * 1024;
/** Dates sort as strings; undated articles sort last in "newest first". */
const UNDATED = '0000-00-00';
/**
 * Positions of an upload's articles that its status lists (`articleIds`, the first ones): an article there
 * is found through the status, or by its id (derived from its version and position), not through `byUpload`.
 */
export const LISTED_POSITIONS = REPORT_LIMITS.listedArticleIds;

/** Filter values are compared case- and width-insensitively. */
export const matchKey = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

export const sortKeyOf = (published: string | null, id: string) => `${published ?? UNDATED}#${id}`;

const TAG_SEPARATOR = '#tag#';
const tagItemId = (articleId: string, tagKey: string) => `${articleId}${TAG_SEPARATOR}${tagKey}`;
/** The article a tag item stands for. */
export const articleOfTagItem = (id: string) => id.slice(0, id.indexOf(TAG_SEPARATOR));

function matchOf(record: Pick<ArticleRecord, 'source' | 'tags'>): ArticleMatch | undefined {
  const tags = [...new Set(record.tags.map(matchKey))];
  const match = { ...(record.source ? { source: matchKey(record.source) } : {}), ...(tags.length ? { tags } : {}) };
  return Object.keys(match).length ? match : undefined;
}

function viewOf(record: ArticleRecord): ArticleView {
  // `copies` is counted when read, not stored: it changes as copies arrive.
  const { text: _text, paragraphs: _paragraphs, copies: _copies, ...view } = record;
  return view;
}

/**
 * The items that store one record; `bodyRef` is set by the caller when the body went to S3, `indexAll` when
 * its run puts every article in `byUpload` (else only those at positions the status does not list).
 */
export function itemsOf(
  record: ArticleRecord, bodyRef?: string, gen?: string, indexAll = false, fp: StoryFingerprint = fingerprintOf(record.text),
): { article: ArticleItem; tags: TagItem[] } {
  const view = storedView(viewOf(record));
  const match = matchOf(record);
  const sortKey = sortKeyOf(record.published, record.id);
  const article: ArticleItem = {
    id: record.id, view, ...(match ? { match } : {}), sortKey, lang: record.lang,
    ...(indexAll || record.upload.index >= LISTED_POSITIONS ? { uploadKey: record.upload.key } : {}),
    ...(match?.source ? { sourceKey: match.source } : {}),
    storyKey: fp.storyKey, ...(fp.signature ? { storySignature: storyBytes(fp) } : {}),
    ...(record.story !== record.id ? { storyOf: record.story } : {}),
    ...(gen ? { gen } : {}),
    ...(bodyRef ? { bodyRef } : { packedBody: packBody(record) }),
  };
  const tags = (match?.tags ?? []).map((tagKey) => ({ id: tagItemId(record.id, tagKey), tagKey, sortKey, ...(gen ? { gen } : {}) }));
  return { article, tags };
}

type Stored = Partial<ArticleItem> & Partial<TagItem>;

/**
 * `item` as the run will write it over `existing`: it keeps, as `prev`, the content readers see now
 * (the existing committed content, or the `prev` a retried write of this same run already kept).
 */
export function keepingCommitted<T extends ArticleItem | TagItem>(item: T, existing: Stored | undefined, committed: string | undefined): T {
  // A tag item is read through its article (TagItem): the article item keeps what readers see.
  if (!existing || !committed || !('view' in item)) return item;
  if (existing.gen === committed && existing.view) {
    const prev = { gen: committed, view: existing.view, ...(existing.match ? { match: existing.match } : {}) };
    return { ...item, prev, ...asPreviousBody(currentBodyOf(existing)) };
  }
  if (existing.prev?.gen === committed) return { ...item, prev: existing.prev, ...asPreviousBody(previousBodyOf(existing)) };
  return item;
}

/** The content of an item readers see, given its upload's committed run; null when the item is not visible. */
export function visibleVersion(item: Stored, committed: string | undefined): { view: ArticleView; body: ItemBody } | null {
  if (item.gen === undefined || item.gen === committed) {
    return item.view ? { view: currentShape(item.view, item.id), body: currentBodyOf(item) } : null;
  }
  if (committed !== undefined && item.prev?.gen === committed) {
    return { view: currentShape(item.prev.view, item.id), body: previousBodyOf(item) };
  }
  return null;
}

const currentBodyOf = (item: Stored): ItemBody =>
  ({ packed: item.packedBody, text: item.text, paragraphs: item.paragraphs, bodyRef: item.bodyRef });
const previousBodyOf = (item: Stored): ItemBody =>
  ({ packed: item.prevPackedBody, text: item.prevText, paragraphs: item.prevParagraphs, bodyRef: item.prevBodyRef });

/** A body kept as the item's `prev` body, in whichever of its forms it is. */
const asPreviousBody = (body: ItemBody): Partial<ArticleItem> =>
  (body.bodyRef ? { prevBodyRef: body.bodyRef } : body.packed ? { prevPackedBody: body.packed }
    : body.text !== undefined ? { prevText: body.text, prevParagraphs: body.paragraphs ?? [] } : {});

/** A body as an item holds it: packed, as it is (items written before), or in S3 (`bodyRef`). */
export interface ItemBody {
  packed?: Uint8Array;
  text?: string;
  paragraphs?: string[];
  bodyRef?: string;
}

/**
 * A body packed for its item: JSON, deflated (prose shrinks about three times; the item, written whole on
 * every put and every update of the story stage, costs a write unit per started KB). The text is the record's
 * headings and paragraphs joined in their order (core/records.ts), and the headings are in the view: the body
 * holds the paragraphs and where headings stand among them (`headingAt`, block positions), and the text is
 * rebuilt from both. A text that is not that join keeps itself, as items written before kept every text.
 */
function packBody(record: Pick<ArticleRecord, 'text' | 'paragraphs' | 'headings'>): Uint8Array {
  const headingAt = blockOrder(record);
  const body = headingAt ? { paragraphs: record.paragraphs, ...(headingAt.length ? { headingAt } : {}) } : { text: record.text, paragraphs: record.paragraphs };
  return pack(body);
}

/** The block positions of the headings when the text is the headings and paragraphs joined, in some order; else null. */
function blockOrder({ text, paragraphs, headings }: Pick<ArticleRecord, 'text' | 'paragraphs' | 'headings'>): number[] | null {
  const headingAt: number[] = [];
  let at = 0;
  let p = 0;
  let h = 0;
  // A block at `at` that ends the text or a block.
  const next = (block: string | undefined) => block !== undefined && text.startsWith(block, at)
    && (at + block.length === text.length || text.startsWith(BLOCK_SEPARATOR, at + block.length));
  for (let position = 0; p < paragraphs.length || h < headings.length; position++) {
    if (next(paragraphs[p])) at += paragraphs[p++].length + BLOCK_SEPARATOR.length;
    else if (next(headings[h])) {
      headingAt.push(position);
      at += headings[h++].length + BLOCK_SEPARATOR.length;
    } else return null;
  }
  return joinBlocks(paragraphs, headings, headingAt) === text ? headingAt : null;
}

const joinBlocks = (paragraphs: string[], headings: string[], headingAt: number[]) => {
  const blocks = [...paragraphs];
  for (const [i, position] of headingAt.entries()) blocks.splice(position, 0, headings[i]);
  return blocks.join(BLOCK_SEPARATOR);
};

/** The text and paragraphs of a body kept in its item (not one in S3), with the headings of the view it goes with. */
export function unpackBody(body: ItemBody, headings: string[]): { text: string; paragraphs: string[] } {
  if (!body.packed) return { text: body.text ?? '', paragraphs: body.paragraphs ?? [] };
  const packed = unpack<{ text?: string; paragraphs: string[]; headingAt?: number[] }>(body.packed);
  return { text: packed.text ?? joinBlocks(packed.paragraphs, headings, packed.headingAt ?? []), paragraphs: packed.paragraphs };
}

/** The upload an item belongs to (article and tag items alike). */
export const uploadOfItem = (item: Stored) => item.view?.upload.key ?? item.prev?.view.upload.key;

export const bodyBytes = (record: Pick<ArticleRecord, 'text' | 'paragraphs'>) =>
  Buffer.byteLength(record.text, 'utf8') + record.paragraphs.reduce((n, p) => n + Buffer.byteLength(p, 'utf8'), 0);

/** The ids of every item that stores the article a view describes (article item and tag items). */
export function itemIdsOf(view: Pick<ArticleView, 'id' | 'tags'>): string[] {
  return [view.id, ...[...new Set(view.tags.map(matchKey))].map((t) => tagItemId(view.id, t))];
}

/** The full record back from an article item and its body. */
export function recordOf(item: { view: ArticleView }, body: { text: string; paragraphs: string[] }): ArticleRecord {
  return { ...item.view, text: body.text, paragraphs: body.paragraphs };
}

/** The story fields of an article item (those `byStoryKey` holds), as stored: items written before carry `storyId`. */
export type StoryFields = { id: string; storyKey?: unknown; storyOf?: unknown; storyId?: unknown };

/**
 * The partition of the story an article item names, when it names one: its story is its own id (it has no
 * `storyOf`, nor a `storyId` other than its id), so the story's other articles find the story through it.
 */
const namedStoryKey = (item: StoryFields) =>
  ((item.storyOf ?? item.storyId ?? item.id) === item.id && typeof item.storyKey === 'string' ? item.storyKey : undefined);

/**
 * The story partition an article leaves as the item that names its story there: `before` is the stored
 * item, `after` what replaces it (none: it is deleted). It leaves when it is deleted, rewritten under another
 * key, or placed in another story; then its story passes on (storyStore.ts, handOverStories).
 */
export function storyLeft(before: StoryFields, after?: StoryFields): string | undefined {
  const key = namedStoryKey(before);
  return key !== undefined && (!after || namedStoryKey(after) !== key) ? key : undefined;
}

/** Whether an article item names its story (its story is its own id). */
export const namesStory = (item: StoryFields) => (item.storyOf ?? item.storyId ?? item.id) === item.id;

/** The article a story passes to when the one that names it leaves: the smallest id of those left. */
export const heirOf = (ids: string[]): string | undefined => ids.reduce<string | undefined>((m, id) => (m === undefined || id < m ? id : m), undefined);

import { describe, expect, it } from 'vitest';
import { ApiError, decodeCursor, encodeCursor, parseListRequest, planArticleQuery, viewMatches } from '../../../shared/service/api/articleQuery.js';

describe('parseListRequest', () => {
  it('takes the contract parameters with their defaults', () => {
    expect(parseListRequest({ lang: 'AR', from: '2025-06-01', to: '2025-06-30' })).toEqual({
      filter: { lang: 'ar', from: '2025-06-01', to: '2025-06-30' }, limit: 20,
    });
  });

  it.each([
    [{ limit: '0' }, /limit/], [{ limit: '101' }, /limit/], [{ limit: 'x' }, /limit/],
    [{ lang: 'arabic' }, /lang/], [{ from: 'yesterday' }, /from/], [{ to: '2024-02-30' }, /calendar/], [{ from: '2025-02-01', to: '2025-01-01' }, /after/],
    [{ sort: 'asc' }, /unknown parameter/],
  ])('rejects %o with a 400 that names the parameter', (query, message) => {
    try {
      parseListRequest(query as Record<string, string>);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(400);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('planArticleQuery', () => {
  it('reads every language partition of byLang when nothing picks a partition', () => {
    const plan = planArticleQuery({});
    expect(plan).toMatchObject({ indexName: 'byLang', partitionAttribute: 'lang', keyCondition: '#pk = :pk', everyLanguage: true });
    expect(plan.values[':pk']).toBeUndefined();
    const ranged = planArticleQuery({ from: '2025-01-01', distinct: 'story' });
    expect(ranged).toMatchObject({ indexName: 'byLang', everyLanguage: true, filterExpression: '(attribute_not_exists(#v.#story) OR #v.#story = #id)' });
    expect(ranged.keyCondition).toContain('BETWEEN');
    expect(planArticleQuery({ lang: 'ar' }).everyLanguage).toBeUndefined();
  });

  it('picks the most selective index and filters on the rest', () => {
    const plan = planArticleQuery({ lang: 'ar', source: 'Euronews', from: '2025-01-01' });
    expect(plan.indexName).toBe('bySource');
    expect(plan.values[':pk']).toBe('euronews');
    expect(plan.keyCondition).toContain('BETWEEN');
    expect(plan.filterExpression).toBe('#v.#lang = :lang');
    expect(plan.names).toMatchObject({ '#v': 'view', '#lang': 'lang' });
  });

  it("filters on the view's own language, and on the normalised source", () => {
    const plan = planArticleQuery({ upload: 'incoming/a.txt', source: 'Euronews', lang: 'en' });
    expect(plan.indexName).toBe('byUpload');
    expect(plan.filterExpression).toBe('#m.#source = :source AND #v.#lang = :lang');
    expect(plan.names).toMatchObject({ '#v': 'view', '#lang': 'lang', '#m': 'match', '#source': 'source' });
    expect(plan.values).toMatchObject({ ':pk': 'incoming/a.txt', ':source': 'euronews', ':lang': 'en' });
  });

  it("serves a story from its key's partition of the story key index, filtered on the story, the rest on the articles read", () => {
    const plan = planArticleQuery({ story: 's1', upload: 'incoming/a.txt', lang: 'en', from: '2025-01-01' }, 'k1');
    expect(plan).toMatchObject({ indexName: 'byStoryKey', partitionAttribute: 'storyKey', values: { ':pk': 'k1', ':s': 's1', ':from': '2025-01-01' }, filterAfterRead: true });
    expect(plan.filterExpression).toContain('= :s');
    expect(plan.values[':lang']).toBeUndefined();
    const view = { id: 'a', story: 's1', upload: { bucket: 'b', key: 'incoming/a.txt', index: 0 }, lang: 'en', source: null, tags: [], published: '2025-02-01' };
    expect(viewMatches(view, { story: 's1', upload: 'incoming/a.txt', lang: 'en' })).toBe(true);
    expect(viewMatches({ ...view, story: 's2' }, { story: 's1' })).toBe(false);
  });

  it('serves a tag with the tag index, case-insensitively, the other filters applied to the articles read', () => {
    const plan = planArticleQuery({ tag: 'Climate  Change', lang: 'en', from: '2025-01-01' });
    expect(plan).toMatchObject({ indexName: 'byTag', values: { ':pk': 'climate change', ':from': '2025-01-01' }, filterAfterRead: true });
    expect(plan.filterExpression).toBeUndefined();
    expect(plan.values[':lang']).toBeUndefined();
    expect(Object.values(plan.names)).toEqual(['tagKey', 'sortKey']);
  });

  it('applies those filters to a view as the filter expression would', () => {
    const view = { id: 'a1', story: 'a1', upload: { bucket: 'b', key: 'incoming/x.txt', index: 0 }, lang: 'en', source: 'Island Post', tags: ['Climate Change'], published: '2025-02-03T10:00:00Z' };
    expect(viewMatches(view, { tag: 'climate  change', lang: 'en', source: 'island post', upload: 'incoming/x.txt', from: '2025-02-01', to: '2025-02-03', distinct: 'story' })).toBe(true);
    expect(viewMatches(view, { tag: 'climate change', lang: 'fr' })).toBe(false);
    expect(viewMatches({ ...view, story: 'other' }, { tag: 'climate change', distinct: 'story' })).toBe(false);
    expect(viewMatches(view, { tag: 'climate change', to: '2025-02-02' })).toBe(false);
  });
});

describe('cursors', () => {
  const key = { id: 'abc', sortKey: '2025-01-01#abc', lang: 'ar' };

  it('round-trip for the query they came from', () => {
    expect(decodeCursor(encodeCursor(key, { lang: 'ar' }, 's'), { lang: 'ar' }, 's')).toEqual(key);
  });

  it('refuse another query, another secret, or a forged payload', () => {
    const cursor = encodeCursor(key, { lang: 'ar' }, 's');
    expect(() => decodeCursor(cursor, { lang: 'en' }, 's')).toThrow(/different query/);
    expect(() => decodeCursor(cursor, { lang: 'ar' }, 'other')).toThrow(/not a cursor/);
    const [, sig] = cursor.split('.');
    const forged = `${Buffer.from(JSON.stringify({ k: { id: 'zzz' }, q: 'x' })).toString('base64url')}.${sig}`;
    expect(() => decodeCursor(forged, { lang: 'ar' }, 's')).toThrow(/not a cursor/);
    expect(() => decodeCursor('garbage', { lang: 'ar' }, 's')).toThrow(/not a cursor/);
  });

  it('refuse a signature of multibyte characters of the right length with a 400, not a RangeError', () => {
    const [payload, sig] = encodeCursor(key, { lang: 'ar' }, 's').split('.');
    const multibyte = `${payload}.${'é'.repeat(sig.length)}`;
    expect(() => decodeCursor(multibyte, { lang: 'ar' }, 's')).toThrow(ApiError);
    expect(() => decodeCursor(multibyte, { lang: 'ar' }, 's')).toThrow(/not a cursor/);
  });

  it('refuse a cursor of another list even for the same filter', () => {
    const uploads = encodeCursor(key, { upload: '*uploads*' }, 's', 'uploads');
    expect(() => decodeCursor(uploads, { upload: '*uploads*' }, 's')).toThrow(/different query/);
    expect(decodeCursor(uploads, { upload: '*uploads*' }, 's', 'uploads')).toEqual(key);
  });
});

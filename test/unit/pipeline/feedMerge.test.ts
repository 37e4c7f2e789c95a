/**
 * The whole feed as a merge of per-language partitions (shared/service/api/feedMerge.ts): over in-memory
 * partitions paged the way a Query pages them (Limit, a continuation key, ExclusiveStartKey positions).
 */
import { describe, expect, it } from 'vitest';
import { type FetchPartition, mergeNewestFirst } from '../../../shared/service/api/feedMerge.js';

type Row = { id: string; sortKey: string };

/** Partitions as sorted lists, read newest first like `ScanIndexForward: false`; counts the reads. */
function partitions(data: Record<string, Row[]>, drop: (row: Row) => boolean = () => false) {
  const sorted = Object.fromEntries(Object.entries(data).map(([p, rows]) => [p, [...rows].sort((a, b) => (a.sortKey < b.sortKey ? 1 : -1))]));
  const reads: { partition: string; limit: number }[] = [];
  const fetch: FetchPartition<Row> = async (partition, start, limit) => {
    reads.push({ partition, limit });
    const rows = sorted[partition] ?? [];
    const from = start ? rows.findIndex((r) => r.sortKey < (start.sortKey as string)) : 0;
    const page = from < 0 ? [] : rows.slice(from, from + limit);
    const last = page[page.length - 1];
    const more = from >= 0 && from + limit < rows.length;
    // like a filter expression: the dropped rows are read (they move the position) but not returned
    return { entries: page.filter((r) => !drop(r)).map((r) => ({ item: r, sortKey: r.sortKey })), ...(more ? { next: { sortKey: last.sortKey, id: last.id } } : {}) };
  };
  return { fetch, reads, names: Object.keys(data) };
}

const row = (date: string, id: string): Row => ({ id, sortKey: `${date}#${id}` });

/** Every row through pages of `limit`, each page resuming from the last row listed (the cursor). */
async function walk(p: ReturnType<typeof partitions>, limit: number, overRead = 1) {
  const pages: string[][] = [];
  let position: Row | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const at = position;
    const { entries, more } = await mergeNewestFirst({
      partitions: p.names, startOf: () => (at ? { ...at } : undefined), limit, overRead, maxPage: 1000, fetch: p.fetch,
    });
    pages.push(entries.map((e) => e.item.id));
    if (!more || entries.length < limit) break;
    position = entries[entries.length - 1].item;
  }
  return pages;
}

describe('mergeNewestFirst', () => {
  const data = {
    en: [row('2024-03-05', 'e1'), row('2024-03-01', 'e2'), row('2024-02-10', 'e3'), row('0000-00-00', 'e4')],
    fr: [row('2024-03-04', 'f1'), row('2024-01-01', 'f2')],
    und: [row('2024-03-03', 'u1'), row('0000-00-00', 'u2')],
    ar: [],
  };
  const newestFirst = ['e1', 'f1', 'u1', 'e2', 'e3', 'f2', 'u2', 'e4'];

  it('lists every partition newest first, undated last, ties broken by id', async () => {
    const { entries, more } = await mergeNewestFirst({ partitions: Object.keys(data), startOf: () => undefined, limit: 100, overRead: 1, maxPage: 1000, fetch: partitions(data).fetch });
    expect(entries.map((e) => e.item.id)).toEqual(newestFirst);
    expect(more).toBe(false);
  });

  it('stops at the limit and pages on from the last item listed, nothing repeated or missed', async () => {
    for (const limit of [1, 2, 3, 5, 8]) {
      const pages = await walk(partitions(data), limit);
      expect(pages.flat(), `limit ${limit}`).toEqual(newestFirst);
      expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
    }
  });

  it('keeps order when one partition holds nearly all, reading the big one again rather than every one much', async () => {
    const big = Array.from({ length: 50 }, (_, i) => row(`2024-01-${String(1 + (i % 28)).padStart(2, '0')}`, `b${String(i).padStart(2, '0')}`));
    const p = partitions({ big, small: [row('2023-12-31', 's1')], other: [row('2024-01-15', 'o1')] });
    const { entries } = await mergeNewestFirst({ partitions: p.names, startOf: () => undefined, limit: 20, overRead: 1, maxPage: 1000, fetch: p.fetch });
    const expected = [...big, row('2024-01-15', 'o1')].sort((a, b) => (a.sortKey < b.sortKey ? 1 : -1)).slice(0, 20).map((r) => r.id);
    expect(entries.map((e) => e.item.id)).toEqual(expected);
    // the first round shares the 20 among three partitions; only the big one is read again
    expect(p.reads.slice(0, 3).map((r) => r.limit)).toEqual([8, 8, 8]);
    expect(p.reads.slice(3).every((r) => r.partition === 'big')).toBe(true);
  });

  it('reads past pages a filter emptied, and says when nothing is left', async () => {
    const p = partitions(data, (r) => r.id.endsWith('1'));
    const pages = await walk(p, 2);
    expect(pages.flat()).toEqual(newestFirst.filter((id) => !id.endsWith('1')));
  });

  it('lists nothing, and no more, when there is no partition', async () => {
    expect(await mergeNewestFirst({ partitions: [], startOf: () => undefined, limit: 5, overRead: 1, maxPage: 1000, fetch: partitions({}).fetch }))
      .toEqual({ entries: [], more: false });
  });
});

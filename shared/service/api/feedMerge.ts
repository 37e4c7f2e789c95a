/**
 * Newest first across partitions: the whole feed is the per-language partitions of `byLang` merged by
 * `sortKey` (storage/tableSchema.ts), a k-way merge over paged Queries (pure; the pages come from `fetch`).
 *
 * Position: `sortKey` is unique (`<date>#<id>`) and every partition is read in the same descending order,
 * so once the merge has handed out the item with sortKey S, what is left of *every* partition is exactly
 * its items below S. The last item handed out is therefore each partition's position at once: a cursor
 * holds it, and each partition resumes from it (a partition that appeared since included).
 */

/** A merged entry: what is listed, and its sort key. */
export interface MergeEntry<T> {
  item: T;
  sortKey: string;
}

/** One Query page of a partition, newest first, and where it continues (none: the partition is done). */
interface PartitionPage<T> {
  entries: MergeEntry<T>[];
  next?: Record<string, unknown>;
}

export type FetchPartition<T> = (partition: string, start: Record<string, unknown> | undefined, limit: number) => Promise<PartitionPage<T>>;

export interface MergeOptions<T> {
  partitions: readonly string[];
  /** Where each partition starts (the cursor's position in it), or undefined from the newest. */
  startOf: (partition: string) => Record<string, unknown> | undefined;
  limit: number;
  /** Items read per item wanted (more when a filter drops some), and the largest page asked for. */
  overRead: number;
  maxPage: number;
  fetch: FetchPartition<T>;
}

interface Stream<T> {
  partition: string;
  buffer: MergeEntry<T>[];
  start?: Record<string, unknown>;
  done: boolean;
  read: boolean;
}

/**
 * Up to `limit` entries, newest first over all partitions, and whether any partition may hold more.
 * The first pages share the wanted count among the partitions (with one to spare each, so a partition
 * is rarely read twice for a balanced feed); a partition whose page ran out while the merge still needs
 * its next item is read again, for what is still wanted. Partitions are read in parallel.
 */
export async function mergeNewestFirst<T>(o: MergeOptions<T>): Promise<{ entries: MergeEntry<T>[]; more: boolean }> {
  const streams: Stream<T>[] = o.partitions.map((partition) => ({ partition, buffer: [], start: o.startOf(partition), done: false, read: false }));
  const out: MergeEntry<T>[] = [];
  while (out.length < o.limit) {
    const wanted = o.limit - out.length;
    const empty = streams.filter((s) => !s.buffer.length && !s.done);
    if (empty.length) {
      // The newest of all cannot be known while a live partition shows nothing: read those first.
      const live = streams.filter((s) => !s.done).length;
      await Promise.all(empty.map(async (s) => {
        const size = Math.max(1, Math.min(o.maxPage, s.read ? wanted * o.overRead : Math.ceil((wanted * o.overRead) / live) + 1));
        const page = await o.fetch(s.partition, s.start, size);
        s.read = true;
        s.buffer = page.entries;
        s.start = page.next;
        s.done = !page.next;
      }));
      continue;
    }
    let newest: Stream<T> | undefined;
    for (const s of streams) if (s.buffer.length && (!newest || s.buffer[0].sortKey > newest.buffer[0].sortKey)) newest = s;
    if (!newest) break;
    out.push(newest.buffer.shift()!);
  }
  return { entries: out, more: streams.some((s) => s.buffer.length > 0 || !s.done) };
}

/**
 * The languages the article table holds, kept in one small item of that table, so that the whole feed
 * (every article, newest first) is read from the per-language partitions of `byLang` and merged, with no
 * index of its own and never a Scan: which partitions exist comes from this item's key.
 *
 * - Written before the records of a batch (putArticles), so an article that can become visible has its
 *   language listed; a run that dies after the write leaves a language at worst listed early (its
 *   partition is read and found empty until a run commits).
 * - An ADD to a string set is idempotent, and each process remembers what it has registered (one write
 *   per process and new language, ~0 per article): redelivered and concurrent batches only repeat it.
 * - Never shrinks: a language whose articles are all gone costs a read of an empty partition, no more.
 *
 * Its id cannot be an article's (32 hex digits) or a tag item's (`{article}#tag#{tag}`), and it carries
 * none of the index keys, so no index and no list query ever sees it.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from './awsClients.js';
import type { StoreConfig } from './storeConfig.js';

export const LANGUAGES_ITEM_ID = 'registry#languages';
export const LANGUAGES_ATTRIBUTE = 'langs';

/**
 * What this process knows to be registered, per client and table (filled by the ADD's answer: the whole
 * set). A handler makes its clients once per execution environment, so this is a cache per container.
 */
const registered = new WeakMap<object, Map<string, Set<string>>>();

/** Adds the languages not yet registered to the item (one UpdateItem, none when all are known). */
export async function registerLanguages(c: AwsClients, cfg: StoreConfig, langs: Iterable<string>): Promise<void> {
  const tables = registered.get(c.ddb) ?? new Map<string, Set<string>>();
  registered.set(c.ddb, tables);
  const known = tables.get(cfg.articlesTable) ?? new Set<string>();
  const fresh = [...new Set(langs)].filter((l) => l && !known.has(l));
  if (!fresh.length) return;
  const out = await c.ddb.send(new UpdateCommand({
    TableName: cfg.articlesTable, Key: { id: LANGUAGES_ITEM_ID },
    UpdateExpression: 'ADD #l :l', ExpressionAttributeNames: { '#l': LANGUAGES_ATTRIBUTE }, ExpressionAttributeValues: { ':l': new Set(fresh) },
    ReturnValues: 'UPDATED_NEW',
  }));
  const all = out.Attributes?.[LANGUAGES_ATTRIBUTE];
  tables.set(cfg.articlesTable, new Set([...known, ...fresh, ...(all instanceof Set ? (all as Set<string>) : [])]));
}

/** The registered languages, sorted (none before the first article was written). */
export async function listLanguages(c: AwsClients, cfg: StoreConfig): Promise<string[]> {
  const out = await c.ddb.send(new GetCommand({
    TableName: cfg.articlesTable, Key: { id: LANGUAGES_ITEM_ID }, ProjectionExpression: '#l', ExpressionAttributeNames: { '#l': LANGUAGES_ATTRIBUTE },
  }));
  const all = out.Item?.[LANGUAGES_ATTRIBUTE];
  return all instanceof Set ? [...(all as Set<string>)].sort() : [];
}

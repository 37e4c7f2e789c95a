/** Where the stores live: table names, the bucket and the prefix of stored bodies, read from the environment once per handler. */
import { DEFAULT_BODIES_PREFIX, ENV } from './tableSchema.js';

export interface StoreConfig {
  articlesTable: string;
  uploadsTable: string;
  bucket: string;
  bodiesPrefix: string;
}

export function storeConfigFromEnv(env: NodeJS.ProcessEnv): StoreConfig {
  const need = (name: string) => {
    const v = env[name];
    if (!v) throw new Error(`environment variable ${name} is not set`);
    return v;
  };
  return {
    articlesTable: need(ENV.articlesTable),
    uploadsTable: need(ENV.uploadsTable),
    bucket: need(ENV.bucket),
    bodiesPrefix: env[ENV.bodiesPrefix] ?? DEFAULT_BODIES_PREFIX,
  };
}

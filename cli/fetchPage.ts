/**
 * One page fetched over HTTP(S) for `sift profile test URL`: redirects followed, the whole fetch bounded in
 * time and the body in bytes (FETCH_LIMITS), so a slow or huge answer ends with a reason instead of hanging
 * or filling memory.
 */
import { FETCH_LIMITS } from '../shared/core/index.js';

export interface FetchedPage {
  /** The URL after redirects: the page's own URL when it names none (canonical link, og:url). */
  url: string;
  bytes: Uint8Array;
  fetchedAt: Date;
}

export class FetchError extends Error {}

/** Whether a command-line argument is a URL to fetch rather than a local file. */
export const isPageUrl = (arg: string) => /^https?:\/\//i.test(arg);

export async function fetchPage(url: string, limits: { timeoutMs: number; maxBytes: number } = FETCH_LIMITS): Promise<FetchedPage> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const timedOut = () => new FetchError(`${url}: no complete answer within ${limits.timeoutMs / 1000} s`);
  let res: Response;
  try {
    res = await fetch(url, { signal, redirect: 'follow', headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' } });
  } catch (error) {
    if (signal.aborted) throw timedOut();
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new FetchError(`${url}: cannot be fetched (${cause?.code ?? cause?.message ?? (error as Error).message})`);
  }
  const tooBig = () => new FetchError(`${url}: the page is over ${limits.maxBytes} bytes, the limit for one page`);
  if (!res.ok) {
    await res.body?.cancel();
    throw new FetchError(`${url}: the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  }
  // a declared length over the bound is refused before any byte is read
  if (Number(res.headers.get('content-length') ?? 0) > limits.maxBytes) {
    await res.body?.cancel();
    throw tooBig();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body ?? []) {
      size += chunk.length;
      if (size > limits.maxBytes) {
        await res.body?.cancel().catch(() => {});
        throw tooBig();
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    if (signal.aborted) throw timedOut();
    throw new FetchError(`${url}: the answer broke off (${(error as Error).message})`);
  }
  return { url: res.url || url, bytes: Buffer.concat(chunks, size), fetchedAt: new Date() };
}

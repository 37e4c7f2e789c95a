/**
 * `sift profile test URL` fetches the page itself: from a local HTTP server here (no internet), with the
 * limits given small so that a slow or oversized answer is cut off by the bound, not by the test.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, fetchPage, isPageUrl } from '../../../cli/fetchPage.js';
import { FETCH_LIMITS } from '../../../shared/core/settings.js';

let server: Server;
let base: string;
const held: (() => void)[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = req.url ?? '/';
    if (route === '/page') res.end('<html><body><p>hello</p></body></html>');
    else if (route === '/moved') res.writeHead(301, { location: '/page' }).end();
    else if (route === '/declared-big') res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000));
    else if (route === '/streamed-big') {
      // no length declared: the bound is found while reading
      res.writeHead(200, { 'content-type': 'text/html' });
      for (let i = 0; i < 10; i++) res.write('y'.repeat(1000));
      res.end();
    } else if (route === '/silent') held.push(() => res.destroy()); // never answers
    else res.writeHead(404).end('gone');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const release of held) release();
  await new Promise((r) => server.close(r));
});

const small = { timeoutMs: 300, maxBytes: 2000 };

describe('fetchPage', () => {
  it('fetches a page, following redirects, and gives the URL it ended at', async () => {
    const page = await fetchPage(`${base}/moved`, small);
    expect(page.url).toBe(`${base}/page`);
    expect(Buffer.from(page.bytes).toString()).toContain('<p>hello</p>');
  });

  it.each(['/declared-big', '/streamed-big'])('refuses a page over the byte bound (%s)', async (route) => {
    await expect(fetchPage(`${base}${route}`, small)).rejects.toThrow(new FetchError(`${base}${route}: the page is over 2000 bytes, the limit for one page`));
  });

  it('gives up on a server that does not answer within the time bound', async () => {
    await expect(fetchPage(`${base}/silent`, small)).rejects.toThrow(/no complete answer within 0.3 s/);
  });

  it('says what the server answered when it is not a page', async () => {
    await expect(fetchPage(`${base}/missing`, small)).rejects.toThrow(/answered 404/);
  });

  it('says why a URL cannot be fetched at all', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(fetchPage(`http://127.0.0.1:${port}/`, small)).rejects.toThrow(/cannot be fetched \(ECONNREFUSED\)/);
  });

  it('takes its bounds from shared/core/settings.ts by default, and tells URLs from files', () => {
    expect(FETCH_LIMITS.maxBytes).toBeGreaterThan(0);
    expect(FETCH_LIMITS.timeoutMs).toBeGreaterThan(0);
    expect([isPageUrl('https://a.example/x'), isPageUrl('HTTP://a.example'), isPageUrl('pages/a.html'), isPageUrl('file:///a.html')]).toEqual([true, true, false, false]);
  });
});

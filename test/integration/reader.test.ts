/**
 * The reader page (GET /reader) in a real headless Chromium: Debian's `chromium` driven by playwright-core.
 * Real uploads go through the local stack; the page asks for the token, lists, filters and shows articles,
 * and lays Arabic out right to left. Screenshots are kept in test-results/ (reader.png is the Arabic article).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './helpers.js';

// Browser globals used inside page.evaluate callbacks (they run in Chromium; the project has no DOM lib).
declare const getComputedStyle: (e: unknown) => { direction: string };
declare const sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
declare const document: { createRange(): { selectNodeContents(n: unknown): void; getClientRects(): { left: number; right: number }[] } };
declare const window: Record<string, unknown>;

const CHROMIUM = process.env.SIFT_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const SAMPLES = join(import.meta.dirname, '../fixtures/samples');
const RESULTS = join(import.meta.dirname, '../../test-results');

const HOSTILE_TITLE = 'Harbour <img src=x onerror="window.__pwned=1"> news <b>today</b>';

interface ArticleRecord {
  id: string; title: string; lang: string; dir: string; published: string | null; publishedText: string | null;
  source: string | null; authors: string[]; tags: string[]; headings: string[]; paragraphs: string[];
  related: { title: string; url: string | null }[]; url: string | null;
}

/** One scraper-export line whose fields carry markup, as scraped pages can. */
const hostileExport = JSON.stringify({
  url: 'javascript:window.__pwned=2',
  title: HOSTILE_TITLE,
  date: '2023-01-05',
  source: 'Valley <script>window.__pwned=3</script> Times',
  text: [
    'The harbour authority said on Thursday that the new ferry terminal would open <script>window.__pwned=4</script> in spring.',
    'Passengers will be able to buy tickets online <img src=x onerror="window.__pwned=5"> and at the quay.',
    'The old terminal will be turned into a market hall once the move is complete next year.',
  ].join('\n'),
});

/** A Chinese and a Japanese article, as a scraper exports them: their titles must be drawn with real glyphs. */
const cjkExport = [
  {
    url: 'https://news.example/zh/ferry', title: '两岛之间的渡轮服务将在夏季增加班次', date: '2024-06-03', lang: 'zh',
    text: '地区议会周二批准了一项扩大两岛之间渡轮服务的计划。\n官员表示，新的时刻表将在夏季每天增加四个班次。\n当地商家对这一决定表示欢迎，但一些居民担心港口的交通压力。',
  },
  {
    url: 'https://news.example/ja/ferry', title: '島を結ぶフェリー、夏は一日四便を増便へ', date: '2024-06-04', lang: 'ja',
    text: '地域議会は火曜日、二つの島を結ぶフェリーの運航を拡大する計画を承認した。\n新しい時刻表では、夏の間は一日に四便が追加されるという。\n地元の商店はこの決定を歓迎したが、港の混雑を心配する住民もいる。',
  },
].map((line) => JSON.stringify(line)).join('\n');

const MISSING_CHROMIUM = existsSync(CHROMIUM) ? null
  : `Chromium is not installed at ${CHROMIUM}; the reader page test needs it. `
    + '`npm test` installs it (test/support/browser.sh); or: apt-get update && apt-get install -y chromium fonts-dejavu-core fonts-noto-cjk '
    + '(or set SIFT_CHROMIUM to a Chromium binary)';

/** A test that fails, not skips, with how to install Chromium when it is missing. */
const test = (name: string, body: () => Promise<void> | void) => it(name, async () => {
  if (MISSING_CHROMIUM) throw new Error(MISSING_CHROMIUM);
  await body();
});

describe('reader page in Chromium', () => {
  let t: TestStack;
  let browser: Browser;
  let page: Page;
  let api: string;
  const failedRequests: string[] = [];
  const errorResponses: string[] = [];
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  // The records as the API serves them: the page must show them as they are (extraction is tested elsewhere).
  let ar: ArticleRecord;
  let en: ArticleRecord;
  /** Titles the API lists, newest first: all articles, and the Arabic ones. */
  let allTitles: string[];
  let arabicTitles: string[];
  let hostile: ArticleRecord;
  const recordOf = async (key: string): Promise<ArticleRecord> => {
    const status = await t.api(`/uploads/${encodeURIComponent(key)}`);
    expect(status.body.status, `${key}: ${status.body.error ?? ''}`).toBe('PROCESSED');
    return (await t.api(`/articles/${status.body.articleIds[0]}`)).body;
  };

  beforeAll(async () => {
    if (MISSING_CHROMIUM) return;
    mkdirSync(RESULTS, { recursive: true });
    t = await startTestStack();
    api = t.stack.ready.api;
    await t.put('incoming/reader/ar-news-scrape.txt', readFileSync(join(SAMPLES, 'ar-news-scrape.txt')));
    await t.put('incoming/reader/en-news-page.html', readFileSync(join(SAMPLES, 'en-news-page.html')));
    await t.put('incoming/reader/hostile.jsonl', hostileExport);
    await t.put('incoming/reader/cjk.jsonl', cjkExport);
    await t.stack.settle();
    ar = await recordOf('incoming/reader/ar-news-scrape.txt');
    en = await recordOf('incoming/reader/en-news-page.html');
    hostile = await recordOf('incoming/reader/hostile.jsonl');
    expect([ar.lang, ar.dir, en.lang, en.dir]).toEqual(['ar', 'rtl', 'en', 'ltr']);
    allTitles = (await t.api('/articles?limit=100')).body.items.map((r: ArticleRecord) => r.title);
    arabicTitles = (await t.api('/articles?lang=ar&limit=100')).body.items.map((r: ArticleRecord) => r.title);

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1000, height: 860 }, locale: 'en-US' });
    page.on('requestfailed', (r) => failedRequests.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
    page.on('response', (r) => { if (r.status() >= 400) errorResponses.push(`${r.status()} ${r.url()}`); });
    page.on('request', (r) => { if (!r.url().startsWith(`${api}/`) && !r.url().startsWith('data:')) foreignRequests.push(r.url()); });
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  test('serves the page shell without credentials, with a strict CSP; everything else still needs the token', async () => {
    const res = await fetch(`${api}/reader`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(Buffer.byteLength(html)).toBeLessThan(25 * 1024);
    expect(html).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)=["']?(?!data:)[a-z]+:/i);
    // The CSP admits exactly the page's own inline script and style, by hash.
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toContain(`script-src ${hash(script)}`);
    expect(csp).toContain(`style-src ${hash(style)}`);
    // Record text only ever goes through textContent: no HTML sinks, no eval.
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);

    for (const [method, path] of [['GET', '/articles'], ['POST', '/reader'], ['GET', '//reader'], ['GET', '/reader/x'], ['GET', '/openapi.json']]) {
      const other = await fetch(`${api}${path}`, { method });
      expect(other.status, `${method} ${path}`).toBe(401);
    }
  });

  test('asks for the token, then lists the articles newest first', async () => {
    await page.goto(`${api}/reader`);
    await page.locator('#token').waitFor();
    expect(await page.locator('#listView').isHidden()).toBe(true);
    await page.fill('#token', t.stack.ready.token);
    await page.click('#login button');
    const links = page.locator('#list li.item > a');
    await expect.poll(() => links.count()).toBe(allTitles.length);
    const titles = await links.allTextContents();
    expect(titles).toContain(ar.title);
    expect(titles).toContain(en.title);
    // In the API's order (newest first), every title exactly as the record has it.
    const listed = (await t.api('/articles')).body.items as ArticleRecord[];
    expect(titles).toEqual(listed.map((r) => r.title));
    expect(await links.evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string }).getAttribute('href'))))
      .toEqual(listed.map((r) => `#a/${r.id}`));

    const arLink = links.filter({ hasText: ar.title });
    expect(await arLink.getAttribute('dir')).toBe('auto');
    expect(await arLink.getAttribute('lang')).toBe('ar');
    expect(await arLink.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
    expect(await links.filter({ hasText: en.title }).evaluate((e) => getComputedStyle(e).direction)).toBe('ltr');
    expect(await page.evaluate(() => sessionStorage.getItem('sift.token'))).toBe(t.stack.ready.token);
    await page.screenshot({ path: join(RESULTS, 'reader-list.png'), fullPage: true });
  });

  test('draws Chinese and Japanese titles with their glyphs, not empty boxes (the fonts are installed)', async () => {
    const cjkTitles = allTitles.filter((title) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(title));
    expect(cjkTitles).toHaveLength(2);
    for (const title of cjkTitles) {
      // Without a font for a script every character is drawn as the same box: distinct characters must give distinct pictures.
      const drawn = await page.locator('#list li.item > a', { hasText: title }).evaluate((el) => {
        const doc = (globalThis as any).document;
        const chars = [...new Set([...(el as any).textContent as string])].filter((c) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(c)).slice(0, 8);
        const canvas = doc.createElement('canvas');
        canvas.width = 48;
        canvas.height = 48;
        const context = canvas.getContext('2d');
        context.font = `32px ${(globalThis as any).getComputedStyle(el).fontFamily}`;
        const pictures = chars.map((c) => {
          context.clearRect(0, 0, 48, 48);
          context.fillText(c, 6, 38);
          return Array.from(context.getImageData(0, 0, 48, 48).data as Uint8ClampedArray).join(',');
        });
        return { chars: chars.length, pictures: new Set(pictures).size };
      });
      expect(drawn.chars, title).toBeGreaterThan(4);
      expect(drawn.pictures, title).toBe(drawn.chars);
    }
  });

  test('shows scraped markup as text and never runs it', async () => {
    expect(hostile.title).toContain('<');
    const link = page.locator(`#list li.item > a[href="#a/${hostile.id}"]`);
    expect(await link.textContent()).toBe(hostile.title);
    expect(await page.locator('#list img, #list script, #list b').count()).toBe(0);
    await link.click();
    const article = page.locator('#article');
    await expect.poll(() => article.locator('h1').textContent()).toBe(hostile.title);
    expect(await article.locator('p:not(.meta):not(.src)').allTextContents()).toEqual(hostile.paragraphs);
    expect(hostile.paragraphs.join(' ')).toContain('<script>');
    expect(await page.locator('#article img, #article script').count()).toBe(0);
    // A javascript: URL from a record is never made a link.
    expect(hostile.url === null || hostile.url.startsWith('javascript:')).toBe(true);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    await page.click('#articleView nav a[href="#"]');
    await page.locator('#listView').waitFor();
  });

  test('filters by language and shows the Arabic article right to left', async () => {
    await page.fill('#filters input[name=lang]', 'ar');
    await page.click('#filters button:not([type])');
    const links = page.locator('#list li.item > a');
    await expect.poll(() => links.allTextContents()).toEqual(arabicTitles);
    expect(new URL(page.url()).searchParams.get('lang')).toBe('ar');

    await links.first().click();
    const article = page.locator('#article');
    await expect.poll(() => article.locator('h1').textContent()).toBe(ar.title);
    expect(await article.getAttribute('dir')).toBe('rtl');
    expect(await article.getAttribute('lang')).toBe('ar');
    expect(await article.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
    expect(await article.locator('p:not(.meta):not(.src)').allTextContents()).toEqual(ar.paragraphs);
    expect(await article.locator('h2:not(aside h2)').allTextContents()).toEqual(ar.headings);
    expect(await article.locator('.tags li').allTextContents()).toEqual(ar.tags);
    expect(await article.locator('aside li').allTextContents()).toEqual(ar.related.map((r) => r.title));
    // Mirrored layout: a right-to-left heading starts at the container's right edge.
    const edges = await article.evaluate((e) => {
      const box = (e as { getBoundingClientRect(): { left: number; right: number } }).getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents((e as { querySelector(s: string): unknown }).querySelector('h1'));
      const text = range.getClientRects()[0];
      return { right: box.right, textRight: text.right, left: box.left, textLeft: text.left };
    });
    expect(Math.abs(edges.right - edges.textRight)).toBeLessThan(4);
    expect(edges.textLeft - edges.left).toBeGreaterThan(4);
    await page.screenshot({ path: join(RESULTS, 'reader.png'), fullPage: true });
  });

  test('shows the English article left to right, with its metadata', async () => {
    await page.click('#articleView nav a[href="#"]');
    await page.locator('#listView').waitFor();
    await page.fill('#filters input[name=lang]', 'en');
    await page.click('#filters button:not([type])');
    const links = page.locator('#list li.item > a');
    await expect.poll(() => links.filter({ hasText: en.title }).count()).toBe(1);
    await links.filter({ hasText: en.title }).click();
    const article = page.locator('#article');
    await expect.poll(() => article.locator('h1').textContent()).toBe(en.title);
    expect(await article.getAttribute('dir')).toBe('ltr');
    expect(await article.getAttribute('lang')).toBe('en');
    expect(await article.evaluate((e) => getComputedStyle(e).direction)).toBe('ltr');
    const meta = await article.locator('.meta').textContent();
    for (const part of [en.source, ...en.authors]) expect(meta).toContain(part);
    expect(await article.locator('.meta time').getAttribute('datetime')).toBe(en.published);
    if (en.published === '2024-05-02T09:30:00+01:00' && en.publishedText === en.published) {
      expect(meta).toContain('May 2, 2024, 09:30 +01:00');
    }
    expect(await article.locator('.tags li').allTextContents()).toEqual(en.tags);
    expect(await article.locator('h2:not(aside h2)').allTextContents()).toEqual(en.headings);
    expect(await article.locator('p:not(.meta):not(.src)').allTextContents()).toEqual(en.paragraphs);
    if (en.url) expect(await article.locator('.src a').getAttribute('href')).toBe(en.url);
    await page.screenshot({ path: join(RESULTS, 'reader-en.png'), fullPage: true });
  });

  test('follows nextCursor with the More button', async () => {
    const more = await browser.newPage({ viewport: { width: 1000, height: 860 } });
    try {
      await more.goto(`${api}/reader`);
      await more.evaluate((token) => sessionStorage.setItem('sift.token', token), t.stack.ready.token);
      // Two articles per page: the list takes several pages.
      await more.route(`${api}/articles?*`, (route) => {
        const url = new URL(route.request().url());
        url.searchParams.set('limit', '2');
        return route.continue({ url: url.href });
      });
      await more.reload();
      const links = more.locator('#list li.item > a');
      await expect.poll(() => links.count()).toBe(2);
      expect(await more.locator('#more').isVisible()).toBe(true);
      for (let clicks = 0; clicks < 10 && await more.locator('#more').isVisible(); clicks++) {
        const before = await links.count();
        // Wait for the page's own request, so a button hidden while loading is not mistaken for the end.
        await Promise.all([more.waitForResponse((r) => r.url().includes('/articles?')), more.click('#more')]);
        await expect.poll(async () => (await links.count()) > before || await more.locator('#more').isHidden()).toBe(true);
      }
      expect(await more.locator('#more').isHidden()).toBe(true);
      expect(await links.count()).toBe(allTitles.length);
      expect(new Set(await links.allTextContents()).size).toBe(allTitles.length);
    } finally {
      await more.close();
    }
  });

  test('asks again when the token is wrong', async () => {
    const other = await browser.newPage();
    try {
      await other.goto(`${api}/reader`);
      await other.fill('#token', 'not-the-token');
      await other.click('#login button');
      await expect.poll(() => other.locator('#status').textContent()).toContain('not accepted');
      expect(await other.locator('#login').isVisible()).toBe(true);
      expect(await other.evaluate(() => sessionStorage.getItem('sift.token'))).toBeNull();
    } finally {
      await other.close();
    }
  });

  test('made no failed, foreign or blocked request', () => {
    expect(failedRequests).toEqual([]);
    expect(errorResponses).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

/** The command line (CONTRACT.md section 2), run as users and the lead's scorers run it. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../support/referencePaths.js';

const root = new URL('../..', import.meta.url).pathname;
const extract = (...args: string[]) => spawnSync('npm', ['run', '--silent', 'extract', '--', ...args], { cwd: root, encoding: 'utf8' });
const lines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l));

describe('npm run extract', () => {
  it('prints one JSON line per file, in order, and exits 1 when any file failed', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'sift-cli-'));
    writeFileSync(join(dir, 'empty.txt'), '');
    // Act
    const r = extract('test/fixtures/samples/en-news-page.html', join(dir, 'empty.txt'), 'test/fixtures/samples/scraper-export.jsonl', join(dir, 'missing.txt'));
    // Assess
    expect(r.status).toBe(1);
    const out = lines(r.stdout);
    expect(out.map((l) => l.status)).toEqual(['ok', 'failed', 'ok', 'failed']);
    expect(out[0]).toMatchObject({ file: 'test/fixtures/samples/en-news-page.html', format: 'html' });
    expect(out[0].articles[0]).toMatchObject({ upload: { bucket: 'local', key: 'test/fixtures/samples/en-news-page.html', index: 0 } });
    expect(out[1].error).toMatch(/empty/);
    expect(out[2]).toMatchObject({ format: 'jsonl' });
    expect(out[2].articles).toHaveLength(2);
    expect(out[3].error).toMatch(/no such file/);
  });

  it('exits 0 when every file was processed, and forces a format with --format', () => {
    const r = extract('--format', 'text', 'test/fixtures/samples/en-news-page.html');
    expect(r.status).toBe(0);
    expect(lines(r.stdout)[0].format).toBe('text');
  });

  it('prints its help with --help, and reads standard input for `-`', () => {
    const help = extract('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run --silent extract -- \[--format/);
    expect(help.stdout).toContain('--format F');
    const piped = spawnSync('npm', ['run', '--silent', 'extract', '--', '-'], {
      cwd: root, encoding: 'utf8', input: readFileSync(join(root, 'test/fixtures/samples/en-news-page.html')),
    });
    expect(piped.status).toBe(0);
    const line = JSON.parse(piped.stdout.trim());
    expect(line).toMatchObject({ file: '-', status: 'ok', format: 'html' });
    expect(line.articles).toHaveLength(1);
  });

  it('takes relative names from the folder it was run in', () => {
    const r = spawnSync('npm', ['run', '--silent', 'extract', '--', 'en-news-page.html'], { cwd: join(root, 'test/fixtures/samples'), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ file: 'en-news-page.html', status: 'ok' });
  });

  it('joins copies of one story among the files of a run (other formats, an edited copy), and no other article', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sift-cli-story-'));
    // The same page as HTML and as a text scrape, an edited copy of the text, and two other pages (en, fr).
    const page = join(CORPUS, 'readability--ars-1');
    const other = join(CORPUS, 'readability--lemonde-1');
    // edited: a run of lines from the middle of the scrape cut (a paragraph or two)
    const scrapeLines = readFileSync(join(page, 'source.txt'), 'utf8').split('\n');
    const cut = Math.floor(scrapeLines.length / 2);
    const edited = [...scrapeLines.slice(0, cut), ...scrapeLines.slice(cut + 3)].join('\n');
    writeFileSync(join(dir, 'edited.txt'), edited);
    const r = extract(join(page, 'source.html'), join(page, 'source.txt'), join(dir, 'edited.txt'), join(other, 'source.html'), 'test/fixtures/samples/en-news-page.html');
    expect(r.status).toBe(0);
    const [html, text, copy, ...rest] = lines(r.stdout).map((l) => l.articles[0]);
    expect(html.story).toBe(html.id);
    expect(text.story).toBe(html.id);
    expect(copy.story).toBe(html.id);
    expect([html.copies, text.copies, copy.copies]).toEqual([3, 3, 3]);
    for (const a of rest) expect([a.story, a.copies]).toEqual([a.id, 1]);
  });

  it('prints the same lines in the same order whether its files are read on one thread or several', () => {
    // Prepare: enough bytes for worker threads (one per MiB of input), a file that fails among them, and
    // two copies of one page (a story joined across threads).
    const dir = mkdtempSync(join(tmpdir(), 'sift-cli-threads-'));
    writeFileSync(join(dir, 'empty.txt'), '');
    const pages = readdirSync(CORPUS).filter((n) => existsSync(join(CORPUS, n, 'source.html'))).sort().slice(0, 24).map((n) => join(CORPUS, n, 'source.html'));
    const files = [...pages.slice(0, 12), join(dir, 'empty.txt'), ...pages.slice(12), join(CORPUS, 'readability--ars-1/source.txt'), join(CORPUS, 'readability--ars-1/source.html')];
    // Act
    const one = extract('--threads', '1', ...files);
    const many = extract('--threads', '3', ...files);
    // Assess
    expect(one.status).toBe(1);
    expect(many.status).toBe(1);
    expect(many.stdout).toBe(one.stdout);
    const out = lines(many.stdout);
    expect(out.map((l) => l.file)).toEqual(files);
    expect(out[12]).toMatchObject({ status: 'failed', error: expect.stringMatching(/empty/) });
    const [text, html] = out.slice(-2).map((l) => l.articles[0]);
    expect(html.story).toBe(text.story);
    expect(html.copies).toBeGreaterThanOrEqual(2);
  });

  it('exits 2 on a usage error, saying why', () => {
    const [none, pdf, bogus] = [extract(), extract('--format', 'pdf', 'x'), extract('--bogus', 'x')];
    expect([none.status, pdf.status, bogus.status]).toEqual([2, 2, 2]);
    expect(none.stderr).toContain('extract: no FILE given');
    expect(pdf.stderr).toContain("extract: unknown format 'pdf': use one of auto, text, html, json, jsonl, warc");
    expect(bogus.stderr).toMatch(/extract: Unknown option '--bogus'/);
    const threads = extract('--threads', '0', 'x');
    expect(threads.status).toBe(2);
    expect(threads.stderr).toContain("extract: --threads takes a whole number of at least 1, not '0'");
  });

  it('prints what an upload lost on stderr, and the same warnings and the article count in its line', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'sift-cli-'));
    const brief = 'The city council on Tuesday approved funding for a new pedestrian bridge over the river, with work to begin next spring.';
    writeFileSync(join(dir, 'export.jsonl'), `${JSON.stringify({ title: 'Bridge', text: brief })}\n${JSON.stringify({ title: 'Nothing', text: '…' })}\n`);
    writeFileSync(join(dir, 'dots.txt'), '... --- ...\n');
    // Act
    const r = extract(join(dir, 'export.jsonl'), join(dir, 'dots.txt'));
    // Assess
    expect(r.status).toBe(0);
    const [exported, dots] = lines(r.stdout);
    expect(exported).toMatchObject({ status: 'ok', articleCount: 1, warnings: [expect.stringMatching(/1 of 2 documents gave no article \(document 2\)/)] });
    expect(dots).toMatchObject({ status: 'ok', articleCount: 0, articles: [], warnings: [expect.stringMatching(/^no article: /)] });
    expect(r.stderr).toContain(`${join(dir, 'export.jsonl')}: warning: 1 of 2 documents gave no article`);
    expect(r.stderr).toContain(`${join(dir, 'dots.txt')}: warning: no article: `);
  });

  it('applies the profiles of --profiles DIR to the pages whose host they name, the rest generic', () => {
    // Prepare: a user's profile for one corpus page (its own markup), and a page of another site
    const dir = mkdtempSync(join(tmpdir(), 'sift-profiles-'));
    writeFileSync(join(dir, 'fr-daily.json'), JSON.stringify({
      name: 'fr-daily', hosts: ['*.lemonde.fr'], title: 'h1[itemprop=Headline]', body: '#articleBody',
      published: 'time[itemprop=datePublished]@datetime', authors: '.signature_article a.auteur',
    }));
    writeFileSync(join(dir, 'notes.txt'), 'not a profile: only *.json files are read');
    const page = join(CORPUS, 'readability--lemonde-1/source.html');
    // Act
    const r = extract('--profiles', dir, page, 'test/fixtures/samples/en-news-page.html');
    // Assess
    expect(r.status).toBe(0);
    const [profiled, other] = lines(r.stdout);
    expect(profiled.articles[0]).toMatchObject({
      profile: 'fr-daily', published: '2015-05-04T13:36:31+02:00', authors: ['Martin Untersinger'],
      title: "Le projet de loi sur le renseignement massivement approuvé à l'Assemblée",
    });
    expect(other.articles[0].profile).toBeNull();
  });

  it('refuses a bad profile with its file, field and reason (exit 2), and a missing folder', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'sift-profiles-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ name: 'bad', hosts: ['https://news.example/'], body: 'p' }));
    // Act
    const bad = extract('--profiles', dir, 'test/fixtures/samples/en-news-page.html');
    const missing = extract('--profiles', join(dir, 'nope'), 'test/fixtures/samples/en-news-page.html');
    // Assess
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain(join(dir, 'bad.json'));
    expect(bad.stderr).toContain('field "hosts[0]"');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such profiles folder');
  });
});

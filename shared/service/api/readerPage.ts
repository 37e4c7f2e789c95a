/**
 * The reader page served at `GET /reader`: one self-contained HTML document, inline CSS
 * and a small inline script, no framework and no external requests. It lists articles with the API's
 * filters (newest first, "More" follows `nextCursor`) and shows one article, laid out in the record's
 * own direction (`dir`/`lang` per article, logical CSS properties, isolated mixed-direction fragments).
 *
 * The shell holds no data, so it is served without credentials. It asks for the API token once, keeps it
 * in sessionStorage and calls the JSON routes with `Authorization: Bearer …` — the local stack's mode and
 * API Gateway's JWT-authorizer mode. In IAM (SigV4) mode a browser cannot sign requests: put a signing
 * proxy in front (for example `aws-sigv4-proxy`, or CloudFront with an origin-access signer) and open
 * the page through it.
 *
 * Record text comes from scraped pages: the script only ever writes it with `textContent` and
 * `setAttribute` on non-executable attributes, links only http(s) URLs, and the CSP requires Trusted
 * Types with no policy, so an HTML sink could not be used even by mistake.
 */
import { createHash } from 'node:crypto';

const STYLE = `
:root{color-scheme:light dark;--fg:#1c1c21;--bg:#fcfcfb;--mute:#5c6066;--line:#dcdde2;--acc:#0b57d0;--chip:#eceff5;--err:#b3261e}
@media(prefers-color-scheme:dark){:root{--fg:#e6e6ea;--bg:#151518;--mute:#a2a5ab;--line:#35363c;--acc:#8ab4f8;--chip:#25272c;--err:#f2b8b5}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,"Segoe UI","Noto Sans","Noto Naskh Arabic","DejaVu Sans",Tahoma,sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;align-items:center;gap:1rem;padding-block:.6rem;padding-inline:1rem;border-block-end:1px solid var(--line)}
header h1{font-size:1.05rem;margin:0;margin-inline-end:auto}
main{max-inline-size:52rem;margin-inline:auto;padding:1rem}
form{display:flex;flex-wrap:wrap;gap:.5rem .6rem;align-items:end;margin-block-end:.5rem}
label{display:flex;flex-direction:column;font-size:.78rem;color:var(--mute)}
input{font:inherit;font-size:.92rem;block-size:2.1rem;padding:.3rem .45rem;border:1px solid var(--line);border-radius:4px;background:transparent;color:var(--fg);inline-size:9.5rem}
input[name=lang]{inline-size:4.5rem}
input[type=password]{inline-size:18rem}
button{font:inherit;font-size:.92rem;block-size:2.1rem;padding:.3rem .9rem;border:1px solid var(--acc);border-radius:4px;background:var(--acc);color:var(--bg);cursor:pointer}
button.plain{background:transparent;color:var(--acc)}
a{color:var(--acc);text-decoration:none}
a:hover,a:focus-visible{text-decoration:underline}
#status{margin:0 0 .6rem;color:var(--mute);font-size:.88rem}
#status:empty{display:none}
#count{margin-block:.7rem 0}
article h1:focus{outline:none}
#status.err{color:var(--err)}
ol{list-style:none;margin:0;padding:0}
.item{padding-block:.65rem;border-block-end:1px solid var(--line)}
.item a{display:block;font-size:1.06rem;font-weight:600;text-align:start}
.meta{display:flex;flex-wrap:wrap;gap:.15rem .9rem;font-size:.84rem;color:var(--mute);margin:.15rem 0 0}
.tags{display:flex;flex-wrap:wrap;gap:.3rem;list-style:none;padding:0;margin:.6rem 0}
.tags li{background:var(--chip);border-radius:999px;padding-inline:.6rem;font-size:.8rem}
#more{margin-block:1rem}
nav{display:flex;flex-wrap:wrap;gap:1rem;font-size:.9rem;margin-block-end:.5rem}
article{text-align:start}
article h1{font-size:1.7rem;line-height:1.3;margin-block:.4rem .5rem}
article h2{font-size:1.22rem;margin-block:1.5rem .4rem}
article p{margin-block:0 .95rem;white-space:pre-line}
article[dir=rtl]{font-size:1.08rem;line-height:1.85}
aside{margin-block-start:1.6rem;padding-inline-start:1rem;border-inline-start:3px solid var(--line)}
aside h2{font-size:1rem;color:var(--mute);margin-block:0 .3rem}
aside ul{margin:0;padding-inline-start:1.1rem}
.src{margin-block-start:1.2rem;font-size:.88rem;color:var(--mute);overflow-wrap:anywhere}
bdi{unicode-bidi:isolate}
[hidden]{display:none!important}
`.trim();

// Plain JS (no backticks or template substitutions: it lives inside a template literal).
const SCRIPT = `
'use strict';
const KEY = 'sift.token', FIELDS = ['lang', 'source', 'tag', 'from', 'to', 'upload', 'story'];
const $ = (id) => document.getElementById(id);
// The JSON routes sit beside the page: /reader → /articles, /prod/reader → /prod/articles (API Gateway stage).
const BASE = new URL(location.pathname.replace(/\\/reader\\/?$/, '/'), location.origin);
let filter = {}, cursor = null, loaded = false, seq = 0;

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const k in attrs || {}) if (attrs[k] != null && attrs[k] !== '') e.setAttribute(k, attrs[k]);
  if (text != null) e.textContent = String(text);
  return e;
}
function say(msg, err) { const s = $('status'); s.textContent = msg || ''; s.className = err ? 'err' : ''; }
function token() { return sessionStorage.getItem(KEY); }
function httpUrl(u) {
  try { const x = new URL(u); return x.protocol === 'https:' || x.protocol === 'http:' ? x.href : null; } catch (e) { return null; }
}
function day(p) { return p ? p.slice(0, 10) : 'undated'; }
/** The date as the page wrote it, else the ISO date spelled out in the article's language (time and offset as given). */
function when(a) {
  const p = a.published;
  if (a.publishedText && a.publishedText !== p) return a.publishedText;
  let s = p.slice(0, 10);
  try { s = new Date(s + 'T00:00:00Z').toLocaleDateString(a.lang || undefined, { dateStyle: 'long', timeZone: 'UTC' }); } catch (e) { /* keep ISO */ }
  const m = /T(\\d\\d:\\d\\d)(?::[\\d.]+)?(Z|[+-]\\d\\d:?\\d\\d)?$/.exec(p);
  return m ? s + ', ' + m[1] + (m[2] ? ' ' + (m[2] === 'Z' ? 'UTC' : m[2]) : '') : s;
}
function dirOf(d) { return d === 'rtl' ? 'rtl' : 'ltr'; }

async function api(path) {
  const res = await fetch(new URL(path, BASE), {
    headers: { authorization: 'Bearer ' + token(), accept: 'application/json' }, credentials: 'omit', cache: 'no-store',
  });
  if (res.status === 401) { sessionStorage.removeItem(KEY); login('The token was not accepted; enter it again.'); throw null; }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.detail || body.title || 'HTTP ' + res.status);
  return body;
}
function fail(e) { if (e) say(e.message || String(e), true); }

function login(msg) {
  $('login').hidden = false; $('listView').hidden = true; $('articleView').hidden = true; $('logout').hidden = true;
  say(msg || 'Enter the API token to read the articles.', Boolean(msg));
  $('token').focus();
}

function tagList(tags) {
  const ul = el('ul', { class: 'tags' });
  for (const t of tags) { const li = el('li'); li.append(el('bdi', null, t)); ul.append(li); }
  return ul;
}

/** "N copies": a link to the list of the story's copies (one copy: nothing). */
function copiesLink(a) {
  if (!a.story || !(a.copies > 1)) return null;
  return el('a', { href: location.pathname + '?story=' + encodeURIComponent(a.story), class: 'copies' }, a.copies + ' copies');
}

function item(a) {
  const li = el('li', { class: 'item' });
  li.append(el('a', { href: '#a/' + encodeURIComponent(a.id), dir: 'auto', lang: a.lang }, a.title || '(untitled)'));
  const meta = el('p', { class: 'meta' });
  meta.append(el('time', { datetime: a.published }, day(a.published)));
  if (a.source) meta.append(el('bdi', null, a.source));
  meta.append(el('span', null, a.lang));
  for (const t of (a.tags || []).slice(0, 4)) meta.append(el('bdi', null, '#' + t));
  const copies = copiesLink(a);
  if (copies) meta.append(copies);
  li.append(meta);
  return li;
}

async function load(reset) {
  const mine = ++seq;
  if (reset) { cursor = null; $('list').replaceChildren(); }
  const q = new URLSearchParams();
  for (const k of FIELDS) if (filter[k]) q.set(k, filter[k]);
  q.set('limit', '20');
  if (cursor) q.set('cursor', cursor);
  $('more').hidden = true; $('count').textContent = '';
  say('Loading…');
  try {
    const page = await api('articles?' + q);
    if (mine !== seq) return;
    for (const a of page.items) $('list').append(item(a));
    cursor = page.nextCursor; loaded = true;
    $('more').hidden = !cursor;
    const n = $('list').children.length;
    say('');
    $('count').textContent = n ? n + (n === 1 ? ' article' : ' articles') + (cursor ? ' so far' : '') : 'No articles match.';
  } catch (e) { if (mine === seq) fail(e); }
}

function readFilters() {
  const form = $('filters'); filter = {};
  for (const k of FIELDS) { const v = form.elements[k].value.trim(); if (v) filter[k] = v; }
  const q = new URLSearchParams(filter).toString();
  history.replaceState(null, '', location.pathname + (q ? '?' + q : ''));
}

function showList() {
  $('articleView').hidden = true; $('listView').hidden = false;
  document.title = 'Sift reader';
  if (!loaded) load(true);
}

async function showArticle(id) {
  $('listView').hidden = true; $('articleView').hidden = false;
  const art = $('article'); art.replaceChildren(); $('fromUpload').hidden = true; $('original').hidden = true;
  say('Loading…');
  try {
    const a = await api('articles/' + encodeURIComponent(id));
    if (location.hash !== '#a/' + encodeURIComponent(id)) return;
    art.setAttribute('dir', dirOf(a.dir));
    art.setAttribute('lang', a.lang || '');
    const h = el('h1', { tabindex: '-1' }, a.title || '(untitled)');
    art.append(h);
    const meta = el('p', { class: 'meta' });
    if (a.published) meta.append(el('time', { datetime: a.published, title: a.published }, when(a)));
    if (a.source) meta.append(el('bdi', null, a.source));
    for (const p of a.authors || []) meta.append(el('bdi', null, p));
    const copies = copiesLink(a);
    if (copies) meta.append(copies);
    art.append(meta);
    if (a.tags && a.tags.length) art.append(tagList(a.tags));
    const heads = a.headings || [];
    let blocks = (a.text || '').split(/\\n\\s*\\n/).map((s) => s.trim()).filter(Boolean), hi = 0;
    if (!blocks.length) blocks = a.paragraphs || [];
    for (const b of blocks) {
      if (hi < heads.length && b === heads[hi]) { art.append(el('h2', null, b)); hi++; } else art.append(el('p', null, b));
    }
    if (a.related && a.related.length) {
      const aside = el('aside'), ul = el('ul');
      aside.append(el('h2', null, a.lang === 'ar' ? 'اقرأ أيضاً' : 'Related'));
      for (const r of a.related) {
        const li = el('li'), u = httpUrl(r.url);
        li.append(u ? el('a', { href: u, rel: 'noopener noreferrer', target: '_blank' }, r.title) : el('span', null, r.title));
        ul.append(li);
      }
      aside.append(ul); art.append(aside);
    }
    const url = httpUrl(a.url);
    if (url) {
      const p = el('p', { class: 'src' }), link = el('bdi', { dir: 'ltr' });
      link.append(el('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, url));
      p.append(link); art.append(p);
      const o = $('original'); o.href = url; o.hidden = false;
    }
    const up = $('fromUpload');
    up.dataset.key = a.upload && a.upload.key || ''; up.hidden = !up.dataset.key;
    document.title = a.title || 'Sift reader';
    say('');
    h.focus(); scrollTo(0, 0);
  } catch (e) { fail(e); }
}

function route() {
  if (!token()) return login();
  $('login').hidden = true; $('logout').hidden = false;
  const m = /^#a\\/(.+)$/.exec(location.hash);
  if (m) showArticle(decodeURIComponent(m[1])); else showList();
}

$('login').addEventListener('submit', (e) => {
  e.preventDefault();
  const t = $('token').value.trim();
  if (!t) return;
  sessionStorage.setItem(KEY, t); $('token').value = '';
  route();
});
$('logout').addEventListener('click', () => {
  sessionStorage.removeItem(KEY); loaded = false; $('list').replaceChildren(); $('count').textContent = ''; $('more').hidden = true; login();
});
$('filters').addEventListener('submit', (e) => { e.preventDefault(); readFilters(); load(true); });
// (a hidden field's value is its default, so Clear empties the story filter itself)
$('filters').addEventListener('reset', () => setTimeout(() => { $('filters').elements.story.value = ''; readFilters(); load(true); }));
$('more').addEventListener('click', () => load(false));
$('fromUpload').addEventListener('click', (e) => {
  e.preventDefault();
  const form = $('filters');
  for (const k of FIELDS) form.elements[k].value = '';
  form.elements.upload.value = e.currentTarget.dataset.key;
  readFilters(); loaded = false; route();
});
addEventListener('hashchange', route);

const initial = new URLSearchParams(location.search);
for (const k of FIELDS) { const v = initial.get(k); if (v) { filter[k] = v; $('filters').elements[k].value = v; } }
route();
`.trim();

const BODY = `
<header><h1>Sift reader</h1><button id="logout" class="plain" type="button" hidden>Forget token</button></header>
<main>
<form id="login" hidden><label>API token<input id="token" name="token" type="password" autocomplete="off" required></label><button>Open</button></form>
<p id="status" role="status" aria-live="polite"></p>
<section id="listView" hidden aria-label="Articles">
<form id="filters" role="search">
<label>Language<input name="lang" placeholder="ar" maxlength="3" pattern="[A-Za-z]{2,3}"></label>
<label>Source<input name="source"></label>
<label>Tag<input name="tag"></label>
<label>From<input name="from" type="date"></label>
<label>To<input name="to" type="date"></label>
<label>Upload<input name="upload" placeholder="incoming/…"></label>
<input name="story" type="hidden">
<button>Filter</button><button type="reset" class="plain">Clear</button>
</form>
<ol id="list"></ol>
<p id="count" class="meta" aria-live="polite"></p>
<button id="more" type="button" class="plain" hidden>More</button>
</section>
<section id="articleView" hidden>
<nav><a href="#">← All articles</a><a href="#" id="fromUpload" hidden>Articles from this upload</a><a id="original" rel="noopener noreferrer" target="_blank" hidden>Original page</a></nav>
<article id="article"></article>
</section>
</main>
`.trim();

/** The whole page, built once at module load. */
export const READER_HTML = `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,">
<title>Sift reader</title>
<style>${STYLE}</style>
</head>
<body>
${BODY}
<script>${SCRIPT}</script>
</body>
</html>
`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Only the page's own inline script and style run; it may talk to its own origin and nothing else. */
const READER_CSP = [
  "default-src 'none'",
  `script-src ${sha256(SCRIPT)}`,
  `style-src ${sha256(STYLE)}`,
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

export const READER_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': READER_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
});

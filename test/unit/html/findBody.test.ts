import { describe, expect, it } from 'vitest';
import { emptyIndex, removeNonContent } from '../../../shared/core/html/clean.js';
import { blocksOf } from '../../../shared/core/html/blocks.js';
import { elementsByTag, innerText } from '../../../shared/core/html/dom.js';
import { ALL_FLAGS, ATTEMPTS, grabArticle } from '../../../shared/core/html/findBody.js';
import { page, parse, prose } from './helpers.js';

const grab = (html: string, opts = ALL_FLAGS) => {
  const doc = parse(html);
  removeNonContent(doc, emptyIndex());
  const result = grabArticle(elementsByTag(doc, 'body')[0], opts);
  return { ...result, text: innerText(result.content), blocks: blocksOf(result.content) };
};

const sidebar = (n: number) => `<div class="sidebar"><ul>${Array.from({ length: n }, (_, i) => `<li><a href="/s${i}">Sidebar story number ${i}</a></li>`).join('')}</ul></div>`;

describe('Function: grabArticle', () => {
  it.each([
    ['en', 'The council met'],
    ['ar', 'اجتمع المجلس'],
    ['fr', 'Le conseil municipal'],
    ['zh', '市议会周二召开会议'],
    ['de', 'Der Stadtrat'],
  ] as const)('finds the %s story among menus and sidebars', (lang, marker) => {
    // Prepare
    const html = page(`<div class="menu"><a href="/">Home</a> <a href="/w">World</a></div>
      <div class="layout"><div class="main-col"><div class="story">${prose(lang, 5)}</div></div>${sidebar(8)}</div>
      <div class="footer">© Courier</div>`);

    // Act
    const { text } = grab(html);

    // Assess
    expect(text).toContain(marker);
    expect(text).toContain('5.');
    expect(text).not.toContain('Sidebar story');
    expect(text).not.toContain('Home');
    expect(text).not.toContain('©');
  });

  it('joins sibling containers that score close to the best one (split article bodies)', () => {
    // Prepare
    const html = page(`<div id="wrap"><div class="part">${prose('en', 4, 'A')}</div><div class="ad-break">Ad</div><div class="part">${prose('en', 4, 'B')}</div></div>`);

    // Act
    const { text } = grab(html);

    // Assess
    expect(text).toContain('A1.');
    expect(text).toContain('B4.');
  });

  it('turns loose text in divs into paragraphs and removes the byline and a heading repeating the title', () => {
    // Prepare
    const body = 'Loose text in a div, with commas, that reads like a paragraph of the story and goes on for a while.';
    const html = page(`<div><h1>Council passes budget</h1><div class="byline">By Jane Roe</div><div>${body}</div>${prose('en', 3)}</div>`);

    // Act
    const { text, byline, blocks } = grab(html, { ...ALL_FLAGS, title: 'Council passes budget' });

    // Assess
    expect(byline).toBe('By Jane Roe');
    expect(text).not.toContain('Jane Roe');
    expect(blocks.map((b) => b.text)).not.toContain('Council passes budget');
    expect(blocks[0].text).toBe(body);
  });

  it('keeps data tables inside the story and drops link-heavy boxes marked as link lists', () => {
    // Prepare
    const rows = Array.from({ length: 6 }, (_, i) => `<tr><td>District ${i}</td><td>${i * 10}</td><td>${i * 7}</td></tr>`).join('');
    const links = Array.from({ length: 5 }, (_, i) => `<li><a href="/t${i}">More on topic ${i}</a></li>`).join('');
    const html = page(`<div class="story">${prose('en', 3)}<table><thead><tr><th>District</th><th>Votes</th><th>Seats</th></tr></thead>${rows}</table>
      <div class="links">${links.replace(/<\/?li>/g, ' ')}</div>${prose('en', 2, 'Z')}</div>`);

    // Act
    const { text } = grab(html);

    // Assess
    expect(text).toContain('District 5');
    expect(text).not.toContain('More on topic');
  });

  it('never strips the page\'s own <article> or <main> as unlikely, whatever its class', () => {
    // Prepare
    const html = page(`<main class="container js-social-anchor">${prose('es', 4)}</main>`);

    // Act
    const { text } = grab(html);

    // Assess
    expect(text).toContain('El concejo municipal');
  });

  it('has a retry ladder that relaxes one rule per attempt', () => {
    // Prepare / Act
    const flags = ATTEMPTS.map((a) => [a.stripUnlikelys, a.weightClasses, a.cleanConditionally]);

    // Assess
    expect(flags).toEqual([[true, true, true], [false, true, true], [false, false, true], [false, false, false]]);
  });
});

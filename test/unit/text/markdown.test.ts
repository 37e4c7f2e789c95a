import { describe, expect, it } from 'vitest';
import { looksLikeMarkdown, markdownText } from '../../../shared/core/text/markdown.js';

const EN = [
  '[Skip to content](#main)',
  '[![City News](https://news.example/logo.png)](https://news.example/)',
  '* [Home](https://news.example/)',
  '* [World](https://news.example/world)',
  '# Rail strike halts trains across the north',
  'By [Tom Hale](https://news.example/authors/tom) | June 12, 2025',
  '![An empty platform](https://news.example/platform.jpg)',
  'Services were **suspended** on Thursday as drivers walked out, [the operator](https://news.example/op) said.',
  '## What happens next',
  '- Talks resume on *Friday* at the `ministry`',
  '> "We will not give up," a driver said.',
  '**Read also:** [Five things to know](https://news.example/explainer)',
  'Share: [Facebook](https://facebook.com/share) [X](https://x.com/share)',
].join('\n');

const AR = [
  '* [الرئيسية](https://news.example/ar/)',
  '* [أخبار](https://news.example/ar/news)',
  '# الحكومة تعلن خطة جديدة لدعم المزارعين',
  'أعلنت [وزارة الزراعة](https://news.example/ar/agri) اليوم خطة **جديدة** لدعم المزارعين.',
  '**اقرأ أيضا:** [المدينة تستعد لموسم الأمطار](https://news.example/ar/rain)',
].join('\n');

describe('markdownText: a Markdown scrape read as the plain text the text path knows', () => {
  it('keeps links\' words and each line in its place, drops images and the syntax (en, ar)', () => {
    // Act
    const en = markdownText(EN).split('\n');
    const ar = markdownText(AR).split('\n');
    // Assess
    expect(en).toEqual([
      'Skip to content', '', 'Home', 'World', 'Rail strike halts trains across the north', 'By Tom Hale | June 12, 2025', '',
      'Services were suspended on Thursday as drivers walked out, the operator said.', 'What happens next',
      '- Talks resume on Friday at the ministry', '"We will not give up," a driver said.', 'Read also: Five things to know', 'Share: Facebook X',
    ]);
    expect(ar).toEqual([
      'الرئيسية', 'أخبار', 'الحكومة تعلن خطة جديدة لدعم المزارعين', 'أعلنت وزارة الزراعة اليوم خطة جديدة لدعم المزارعين.',
      'اقرأ أيضا: المدينة تستعد لموسم الأمطار',
    ]);
  });

  it('leaves plain text alone, brackets, hashes and asterisks in it included', () => {
    // Prepare
    const samples = [
      'The study [1] found a rise of 3 *per cent*.\n#1 in sales this week\nSee the report (page 4) [PDF].',
      'Home\nWorld\nCouncil approves the budget\nThe vote was seven to two.',
    ];
    // Act / Assess
    for (const s of samples) {
      expect(looksLikeMarkdown(s)).toBe(false);
      expect(markdownText(s)).toBe(s);
    }
  });

  it('keeps a fenced code block as it is written', () => {
    // Prepare
    const text = '# Release notes\nSee [the docs](https://x.example/docs) and [the API](https://x.example/api) and [the blog](https://x.example/blog).\n```\nconst a = [1](2);\n```';
    // Act / Assess
    expect(markdownText(text).split('\n')).toEqual(['Release notes', 'See the docs and the API and the blog.', '', 'const a = [1](2);', '']);
  });
});

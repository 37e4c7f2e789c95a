import { describe, expect, it } from 'vitest';
import { stripSiteName, textSimilarity, titleFromDocumentTitle } from '../../../shared/core/html/title.js';

describe('Function: textSimilarity', () => {
  it('compares Arabic, Cyrillic and CJK titles by their own letters (not ASCII \\W)', () => {
    // Prepare
    const pairs: [string, string][] = [
      ['المجلس يقر الميزانية الجديدة', 'المجلس يقر الميزانية الجديدة'],
      ['Совет утвердил новый бюджет', 'Совет утвердил новый бюджет'],
      ['市议会通过新预算', '市议会通过新预算'],
    ];

    // Act
    const scores = pairs.map(([a, b]) => textSimilarity(a, b));

    // Assess
    expect(scores).toEqual([1, 1, 1]);
  });

  it('tells a site name from a headline in Arabic', () => {
    // Prepare
    const headline = 'المجلس البلدي يقر الميزانية الجديدة بعد نقاش طويل';

    // Act
    const score = textSimilarity('جريدة الأخبار', headline);

    // Assess
    expect(score).toBeLessThan(0.2);
  });
});

describe('Function: stripSiteName', () => {
  it.each([
    ['Council passes budget – Daily Courier', ['Daily Courier'], 'Council passes budget'],
    ['Daily Courier | Council passes budget', ['Daily Courier'], 'Council passes budget'],
    ['المجلس يقر الميزانية | الجزيرة نت', [], 'المجلس يقر الميزانية'],
    ['Le conseil vote le budget - lemonde.fr', [], 'Le conseil vote le budget'],
    ['市议会通过新预算-新华网', [], '市议会通过新预算'],
    ['Council passes budget » Local » News', [], 'Council passes budget'],
  ])('%s → headline', (title, sites, expected) => {
    // Prepare / Act
    const out = stripSiteName(title, sites);

    // Assess
    expect(out).toBe(expected);
  });

  it('keeps headlines whose dashes are part of the headline', () => {
    // Prepare
    const title = 'Rain - and more rain - for the weekend';

    // Act
    const out = stripSiteName(title, ['Daily Courier']);

    // Assess
    expect(out).toBe(title);
  });
});

describe('Function: titleFromDocumentTitle', () => {
  it('drops the last separated part, unless that leaves too few words', () => {
    // Prepare / Act
    const long = titleFromDocumentTitle('Council passes the new city budget | Courier', [], []);
    const short = titleFromDocumentTitle('Budget | Courier', [], []);

    // Assess
    expect(long).toBe('Council passes the new city budget');
    expect(short).toBe('Budget | Courier');
  });
});

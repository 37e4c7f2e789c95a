import { describe, expect, it } from 'vitest';
import {
  bylineDateOf, dateLineOf, namesBefore, publisherFromDisclaimer, segmentUnseparated, sourceLineOf, splitTags, tagEvidenceFrom, tagLineOf,
} from '../../../shared/core/text/textMetadata.js';

const NOW = new Date('2026-01-01T00:00:00Z');

describe('dateLineOf', () => {
  it('reads labelled date lines in several languages', () => {
    // Prepare
    const lines = ['تاريخ النشر: 2024-03-05', 'Published: 2024-03-05', 'Publié le 2024-03-05', 'Veröffentlicht am 2024-03-05', 'Publicado: 2024-03-05'];
    // Act
    const got = lines.map((l) => dateLineOf(l, NOW)?.iso);
    // Assess
    expect(got).toEqual(lines.map(() => '2024-03-05'));
  });

  it('marks "updated" lines so the publication date wins', () => {
    // Prepare / Act
    const updated = dateLineOf('Updated: 2024-04-01', NOW);
    const published = dateLineOf('Published: 2024-03-05', NOW);
    // Assess
    expect(updated?.updated).toBe(true);
    expect(published?.updated).toBe(false);
  });

  it('takes a short line that is mostly a date, not prose that mentions one', () => {
    // Prepare
    const dateOnly = 'March 5, 2024 10:30 AM';
    const prose = 'The law that parliament passed on 2024-03-05 changes how the city collects its taxes.';
    // Act / Assess
    expect(dateLineOf(dateOnly, NOW)?.iso.slice(0, 10)).toBe('2024-03-05');
    expect(dateLineOf(prose, NOW)).toBeNull();
  });

  it('takes a dateline that opens with its date and goes on with a place or a label, not a headline that opens with a date', () => {
    // Prepare
    const datelines = ['2024年3月5日 10:01 発信地：ナイロビ/ケニア [ ケニア アフリカ ]', '5 March 2024 | Nairobi, Kenya', '5 de marzo de 2024 — Nairobi (Kenia)'];
    const headline = 'March 5, 2024 marks the end of an era for the old port';
    // Act
    const got = datelines.map((l) => dateLineOf(l, NOW)?.iso.slice(0, 10));
    // Assess
    expect(got).toEqual(['2024-03-05', '2024-03-05', '2024-03-05']);
    expect(dateLineOf(headline, NOW)).toBeNull();
  });
});

describe('bylineDateOf', () => {
  it('reads the date a byline gives after its names, in French and English, and nothing from a byline without one', () => {
    // Prepare / Act
    const fr = bylineDateOf('Par Jeanne Martin et Paul Durand — 5 mars 2024 à 18:42', NOW);
    const en = bylineDateOf('By Jane Doe | March 5, 2024', NOW);
    const none = bylineDateOf('By Jane Doe — Staff Reporter', NOW);
    // Assess
    expect(fr?.iso.slice(0, 10)).toBe('2024-03-05');
    expect(en?.iso.slice(0, 10)).toBe('2024-03-05');
    expect(none).toBeNull();
  });

  it('reads a date written right after the names, with no separator, and the names before it', () => {
    // Prepare
    const lines = [
      ['By JANE DOE JULY 29, 2016', '2016-07-29', 'By JANE DOE'],
      ['by Jane Roe @janeroe February 1, 2016: 12:41 PM ET', '2016-02-01', 'by Jane Roe @janeroe'],
      ['Por María Pérez 3 de marzo de 2025', '2025-03-03', 'Por María Pérez'],
    ];
    // Act
    const got = lines.map(([line]) => { const d = bylineDateOf(line, NOW); return [d?.iso.slice(0, 10), d && namesBefore(line, d)]; });
    // Assess
    expect(got).toEqual(lines.map(([, iso, names]) => [iso, names]));
  });

  it('leaves out the word or label between the names and the date', () => {
    // Prepare
    const on = dateLineOf('Posted by Jane Roe on March 10, 2015 at 08:05', NOW)!;
    const updated = bylineDateOf('By Jane Roe Updated Jul 24, 2018, 2:15pm EDT', NOW)!;
    // Act / Assess
    expect(namesBefore('Posted by Jane Roe on March 10, 2015 at 08:05', on)).toBe('Posted by Jane Roe');
    expect(namesBefore('By Jane Roe Updated Jul 24, 2018, 2:15pm EDT', updated)).toBe('By Jane Roe');
  });
});

describe('sourceLineOf and publisherFromDisclaimer', () => {
  it('reads the source after its label, also at the end of a glued run', () => {
    // Prepare
    const lines = ['المصدر: وكالة الأنباء', 'Source: Example Wire', 'Quelle: dpa', 'انتقل إلى الأعلىشارك المقالالمصدر: رويترز'];
    // Act
    const got = lines.map(sourceLineOf);
    // Assess
    expect(got).toEqual(['وكالة الأنباء', 'Example Wire', 'dpa', 'رويترز']);
  });

  it('names the publisher of an opinion disclaimer', () => {
    // Prepare
    const lines = ['الآراء المنشورة هنا تخص أصحابها ولا تعبر بالضرورة عن رأي موقع المدينة.', 'Las opiniones expresadas no reflejan necesariamente las del diario Prensa'];
    // Act
    const got = lines.map(publisherFromDisclaimer);
    // Assess
    expect(got).toEqual(['المدينة', 'Prensa']);
  });
});

describe('tags', () => {
  it('splits separated tag lists and removes duplicates', () => {
    // Prepare / Act
    const a = tagLineOf('Tags: energy, climate, Energy, water');
    const b = splitTags('اقتصاد، طاقة، اقتصاد');
    const c = tagLineOf('Mots-clés : énergie | climat | eau');
    // Assess
    expect(a).toEqual(['energy', 'climate', 'water']);
    expect(b).toEqual(['اقتصاد', 'طاقة']);
    expect(c).toEqual(['énergie', 'climat', 'eau']);
  });

  it('learns multi-word tags from a list printed twice and once reordered', () => {
    // Prepare: tags "A", "B C", "D E F", "G" printed as words joined by spaces
    const block = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta'];
    const reordered = ['delta', 'epsilon', 'zeta', 'beta', 'gamma'];
    const tokens = [...block, ...block, ...reordered, ...block];
    // Act
    const tags = [...new Set(segmentUnseparated(tokens))];
    // Assess
    expect(tags).toEqual(['alpha', 'beta gamma', 'delta epsilon zeta', 'eta']);
  });

  it('keeps Arabic definite noun phrases together where repetition says nothing', () => {
    // Prepare
    const value = 'كلمات دلالية: الاقتصاد العالمي طاقة المياه الجوفية';
    // Act
    const tags = tagLineOf(value);
    // Assess
    expect(tags).toEqual(['الاقتصاد العالمي', 'طاقة', 'المياه الجوفية']);
  });

  it('binds a construct head to the definite run after it when the page uses it that way', () => {
    // Prepare: the prose writes "مشروع التوسعة", so "مشروع" heads a construct; "زوار" never does
    const evidence = tagEvidenceFrom('بدأ مشروع التوسعة في الربيع، وقال المدير إن العمل مستمر.');
    // Act
    const tags = tagLineOf('Tags: زوار المتحف الوطني مشروع الطرق السريعة', evidence);
    // Assess
    expect(tags).toEqual(['زوار', 'المتحف الوطني', 'مشروع الطرق السريعة']);
  });
});


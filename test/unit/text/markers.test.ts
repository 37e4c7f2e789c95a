import { describe, expect, it } from 'vitest';
import {
  AD_LABELS, COPYRIGHT, DISCLAIMER, FOOTER, LABELS, markerKey, READ_ALSO, SHARE, SKIP,
} from '../../../shared/core/meta/boilerplateMarkers.js';
import { bylineOf, containedMarkers, exactMarker, labelOf, opensWithMarker, startsWithOrdinal } from '../../../shared/core/text/markers.js';
import { PhraseIndex } from '../../../shared/core/text/phraseIndex.js';

const REQUIRED = ['en', 'ar', 'fr', 'es', 'de', 'pt', 'it', 'ru', 'tr', 'fa', 'zh', 'ja'];

describe('boilerplateMarkers tables', () => {
  it('cover the required languages in every table', () => {
    // Prepare
    const tables = { AD_LABELS, READ_ALSO, SHARE, SKIP, DISCLAIMER, COPYRIGHT, FOOTER, ...Object.fromEntries(Object.entries(LABELS).map(([k, t]) => [`LABELS.${k}`, t])) };
    // Act
    const missing = Object.entries(tables).flatMap(([name, t]) => REQUIRED.filter((l) => !t[l]?.length).map((l) => `${name}:${l}`));
    // Assess
    expect(missing).toEqual([]);
  });

  it('folds spelling variants to one key', () => {
    // Prepare
    const pairs = [['إقرأ أيضاً:', 'اقرا ايضا'], ['  Read   ALSO: ', 'read also'], ['À lire aussi', 'à lire aussi'], ['برچسب‌ها', 'برچسب ها']];
    // Act
    const keys = pairs.map(([a, b]) => [markerKey(a), markerKey(b)]);
    // Assess
    for (const [a, b] of keys) expect(a).toBe(b);
  });

  it('drops the punctuation and symbols around a key, a leading © aside, and keeps what is inside', () => {
    expect(markerKey('— Read also: «')).toBe('read also');
    expect(markerKey('© 2024 Example News. ')).toBe('©2024 example news');
    expect(markerKey('*** ©')).toBe('©');
    expect(markerKey('!?')).toBe('');
    expect(markerKey('(a) b.c (d)')).toBe('a) b.c (d');
    expect(markerKey('\u{1F4F0} News \u{10100}')).toBe('news');
  });
});

describe('marker lookups', () => {
  it('recognise whole-line markers in many languages', () => {
    // Prepare
    const lines: [string, string][] = [['Advertisement', 'ad'], ['إعلان', 'ad'], ['Anzeige', 'ad'], ['广告', 'ad'], ['Lire aussi', 'readAlso'],
      ['Читайте также', 'readAlso'], ['Related', 'related'], ['İlgili haberler', 'related'], ['Paylaş', 'share'], ['シェア', 'share']];
    // Act
    const got = lines.map(([l]) => exactMarker(l));
    // Assess
    expect(got).toEqual(lines.map(([, c]) => c));
  });

  it('find glued phrases but single words only at word boundaries', () => {
    // Prepare
    const glued = 'About usContact usPrivacy policy';
    const prose = 'Shareholders voted on the new board.';
    // Act
    const a = containedMarkers(glued);
    const b = containedMarkers(prose);
    // Assess
    expect(a.phrases).toBeGreaterThanOrEqual(2);
    expect(b.phrases + b.words).toBe(0);
  });

  it('read labelled metadata lines and bare labels', () => {
    // Prepare
    const lines = ['Tags: energy, climate', 'كلمات دلالية: طاقة مناخ', 'Mots-clés : énergie', 'Source: Reuters', 'Etiquetas', 'The tags were red'];
    // Act
    const got = lines.map((l) => labelOf(l)?.kind ?? null);
    // Assess
    expect(got).toEqual(['tags', 'tags', 'tags', 'source', 'tags', null]);
  });

  it('recognise bylines, ordinal headings and widget openings', () => {
    // Prepare / Act / Assess
    expect(bylineOf('By Jane Doe and John Roe')).toEqual(['Jane Doe', 'John Roe']);
    expect(bylineOf('بقلم سارة أحمد')).toEqual(['سارة أحمد']);
    expect(bylineOf('by the end of the week')).toBeNull();
    expect(startsWithOrdinal('ثانياً: خطة النقل')).toBe(true);
    expect(startsWithOrdinal('First, the budget')).toBe(true);
    expect(startsWithOrdinal('Firstborn children')).toBe(false);
    expect(opensWithMarker('Share on Facebook')).toBe(true);
    expect(opensWithMarker('Image: city hall at night')).toBe(true);
    expect(opensWithMarker('Shareholders approve merger')).toBe(false);
  });
});

describe('PhraseIndex', () => {
  it('finds every phrase, overlapping ones included, in one pass', () => {
    // Prepare
    const index = new PhraseIndex<number>([['he', 1], ['she', 2], ['his', 3], ['hers', 4], ['من نحن', 5]]);
    // Act
    const hits = index.findAll('ushers من نحنx').map((h) => [h.phrase, h.start, h.end]);
    // Assess
    expect(hits).toEqual([['she', 1, 4], ['he', 2, 4], ['hers', 2, 6], ['من نحن', 7, 13]]);
  });
});

describe('bylines and headline openings', () => {
  it('read a byline with a date or role after a dash, in several languages', () => {
    // Act / Assess
    expect(bylineOf('Par Jeanne Martin et Paul Durand — 5 mars 2024 à 18:42')).toEqual(['Jeanne Martin', 'Paul Durand']);
    expect(bylineOf('By Jane Doe - Senior Reporter')).toEqual(['Jane Doe']);
    expect(bylineOf('Von Anna Schmidt | Redaktion')).toEqual(['Anna Schmidt']);
  });

  it('read a blog platform\'s "posted by" line: the names, not the role after a comma nor the time after them', () => {
    // Act / Assess
    expect(bylineOf('Posted by Jane Roe, Software Engineer on the Maps team')).toEqual(['Jane Roe']);
    expect(bylineOf('Posted by Jane Roe at 12:55 AM')).toEqual(['Jane Roe']);
    expect(bylineOf('Publié par Jeanne de la Tour à 18h42')).toEqual(['Jeanne de la Tour']);
    expect(bylineOf('Publicado por María Pérez y Juan García')).toEqual(['María Pérez', 'Juan García']);
    expect(bylineOf('Pubblicato da Marco Rossi, redattore')).toEqual(['Marco Rossi']);
  });

  it('let a network name open a headline when asked to, but not a share widget', () => {
    // Act / Assess
    expect(opensWithMarker('Telegram adds group calls for a thousand people')).toBe(true);
    expect(opensWithMarker('Telegram adds group calls for a thousand people', undefined, { social: false })).toBe(false);
    expect(opensWithMarker('Share on Telegram and WhatsApp', undefined, { social: false })).toBe(true);
  });
});

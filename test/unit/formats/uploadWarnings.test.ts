import { describe, expect, it } from 'vitest';
import { extractUpload, NO_ARTICLE_REASONS, uploadWarnings } from '../../../shared/core/extractUpload.js';

const upload = { bucket: 'b', key: 'export.jsonl' };
const BRIEF = 'The city council on Tuesday approved funding for a new pedestrian bridge over the river, with construction expected to begin next spring.';
const BRIEF_AR = 'وافق مجلس المدينة يوم الثلاثاء على تمويل جسر جديد للمشاة فوق النهر، ومن المتوقع أن يبدأ البناء في الربيع المقبل.';
const jsonl = (records: object[]) => Buffer.from(records.map((r) => JSON.stringify(r)).join('\n'));

describe('an upload says what it lost and why', () => {
  it('a record that gives no article is named, with its reason; the others come out', () => {
    // Act
    const r = extractUpload(jsonl([{ title: 'A', text: BRIEF }, { title: 'B', text: ' … — ' }, { title: 'C', text: BRIEF_AR }]), { upload });
    // Assess
    expect(r.articles).toHaveLength(2);
    expect(r.warnings).toEqual([`1 of 3 documents gave no article (document 2): ${NO_ARTICLE_REASONS.noWords}`]);
  });

  it.each([
    ['a JSON Lines export whose only record has no words', jsonl([{ title: 'Only a title', text: '...' }]), 'export.jsonl'],
    ['a text upload of punctuation', Buffer.from('... --- ***\n'), 'dots.txt'],
  ])('%s: no article, and the first warning says why', (_what, bytes, key) => {
    // Act
    const r = extractUpload(bytes, { upload: { bucket: 'b', key } });
    // Assess
    expect(r.articles).toEqual([]);
    expect(r.warnings[0]).toBe(`no article: ${NO_ARTICLE_REASONS.noWords}`);
  });

  it('unreadable lines and objects without content are counted in the warnings', () => {
    // Act
    const r = extractUpload(Buffer.from(`${JSON.stringify({ text: BRIEF })}\n{not json\n${JSON.stringify({ url: 'https://x.example/' })}\n`), { upload });
    // Assess
    expect(r.articles).toHaveLength(1);
    expect(r.warnings).toEqual(['2 documents could not be read or were read with problems (see documentErrors)']);
  });

  it('an upload that lost nothing has no warning', () => {
    expect(extractUpload(jsonl([{ text: BRIEF }, { text: BRIEF_AR }]), { upload }).warnings).toEqual([]);
  });

  it('many documents without an article: counted by reason, a few positions named', () => {
    // Act
    const w = uploadWarnings({
      articles: 0, documents: 9, documentErrorCount: 0, skipped: 2, format: 'json',
      documentsWithoutArticles: { [NO_ARTICLE_REASONS.noWords]: 6, [NO_ARTICLE_REASONS.titleOnly]: 3 },
    });
    // Assess
    expect(w).toEqual([
      `no article: none of the upload's 9 documents gave one (6: ${NO_ARTICLE_REASONS.noWords}; 3: ${NO_ARTICLE_REASONS.titleOnly})`,
      '2 objects without page content skipped (no text or html field)',
    ]);
  });
});

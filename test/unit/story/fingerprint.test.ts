import { describe, expect, it } from 'vitest';
import {
  fingerprintOf, linked, matchingStories, sameStory, similarity, STORY_SETTINGS, storedStory, storyBytes,
} from '../../../shared/core/story/fingerprint.js';

const english = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} of the council report says the harbour budget grows by ${i * 3} percent next year while the ferry line closes.`).join('\\n\\n');
const arabic = Array.from({ length: 12 }, (_, i) => `قال المجلس في تقريره رقم ${i} إن ميزانية الميناء ستزيد العام المقبل بينما يغلق خط العبارات القديم.`).join('\\n\\n');
const chinese = Array.from({ length: 12 }, (_, i) => `市议会第${i}份报告说，明年港口预算将增加，而旧的渡轮航线将关闭，居民对此表示担忧。`).join('\\n\\n');

describe('story fingerprint', () => {
  it('is deterministic and case-, width- and whitespace-insensitive', () => {
    const a = fingerprintOf(english);
    expect(fingerprintOf(english)).toEqual(a);
    expect(fingerprintOf(english.toUpperCase().replace(/\\n\\n/g, '\\n'))).toEqual(a);
    expect(a.storyKey).toMatch(/^[0-9a-f]{16}$/);
    expect(a.signature).toHaveLength(STORY_SETTINGS.signatureSlots);
  });

  it.each([['en', english], ['ar', arabic], ['zh', chinese]])('joins an edited copy and not another text (%s)', (_lang, text) => {
    const edited = text.split('\\n\\n').slice(1).join('\\n\\n');
    expect(sameStory(fingerprintOf(text), fingerprintOf(edited))).toBe(true);
    const others = [english, arabic, chinese].filter((t) => t !== text);
    for (const other of others) expect(similarity(fingerprintOf(text), fingerprintOf(other))).toBeLessThan(0.1);
  });

  it.each([['en', english], ['ar', arabic], ['zh', chinese]])('keys an edited copy as the original, another text apart (%s)', (_lang, text) => {
    const key = fingerprintOf(text).storyKey;
    const paragraphs = text.split('\\n\\n');
    // a paragraph cut, a paragraph of another text added
    expect(fingerprintOf(paragraphs.slice(1).join('\\n\\n')).storyKey).toBe(key);
    const others = [english, arabic, chinese].filter((t) => t !== text);
    expect(fingerprintOf([...paragraphs.slice(0, 6), others[0].split('\\n\\n')[0], ...paragraphs.slice(6)].join('\\n\\n')).storyKey).toBe(key);
    for (const other of others) expect(fingerprintOf(other).storyKey).not.toBe(key);
  });

  it('keys a text on a word it repeats, not on a longer word it has once', () => {
    const text = `${english} Extraordinarily.`;
    expect(fingerprintOf(text).storyKey).toBe(fingerprintOf(english).storyKey);
  });

  it('joins a short text only to an exact copy (up to case and spacing)', () => {
    const short = 'Home team won 3-1 on Sunday in front of a full stadium.';
    const fp = fingerprintOf(short);
    expect(fp.signature).toBeNull();
    expect(sameStory(fp, fingerprintOf(` ${short.toLowerCase()}  `))).toBe(true);
    expect(sameStory(fp, fingerprintOf(short.replace('3-1', '2-1')))).toBe(false);
  });

  it('names every story a copy belongs to, not other stories, not the article itself', () => {
    const fp = fingerprintOf(english);
    const copy = { storyKey: fp.storyKey, storyWords: fp.storyWords, signature: fp.signature };
    expect(matchingStories('me', fp, [])).toEqual([]);
    expect(matchingStories('me', fp, [{ article: 'x', story: 'S2', ...copy }, { article: 'y', story: 'S1', ...copy }, { article: 'w', story: 'S1', ...copy }]))
      .toEqual(['S2', 'S1']);
    const far = fingerprintOf(arabic);
    expect(matchingStories('me', fp, [{ article: 'z', story: 'S0', storyKey: far.storyKey, storyWords: far.storyWords, signature: far.signature }])).toEqual([]);
    expect(matchingStories('me', fp, [{ article: 'me', story: 'S0', ...copy }])).toEqual([]);
  });

  it('links a copy whose key word moved a rank, in either order, and keeps it apart from another text', () => {
    // "ambassadors" leads "negotiation" 6 to 5 times; the copy lacks two of the paragraphs with the first
    const syllables = ['ka', 'lo', 'mi', 'ru', 'te', 'zo'];
    const unique = (n: number) => [n % 6, Math.floor(n / 6) % 6, Math.floor(n / 36) % 6].map((d) => syllables[d]).join('') + 'n';
    const paragraph = (i: number, words: string) => `${Array.from({ length: 8 }, (_, j) => unique(i * 8 + j)).join(' and ')} ${words}.`;
    const paragraphs = Array.from({ length: 12 }, (_, i) => paragraph(i, [i < 6 ? 'ambassadors' : '', i >= 4 && i < 9 ? 'negotiation' : ''].join(' ')));
    const original = fingerprintOf(paragraphs.join('\n\n'));
    const copy = fingerprintOf(paragraphs.filter((_, i) => i !== 0 && i !== 1).join('\n\n'));
    expect(copy.storyKey).not.toBe(original.storyKey);
    expect(linked(original, copy)).toBe(true);
    expect(linked(copy, original)).toBe(true);
    expect(sameStory(original, copy)).toBe(true);
    const stored = { article: 'a', story: 'a', storyKey: original.storyKey, ...storedStory(storyBytes(original), original.storyKey) };
    expect(matchingStories('b', copy, [stored])).toEqual(['a']);
    expect(linked(original, fingerprintOf(arabic))).toBe(false);
  });

  it('stores the signature and key words in one attribute, and reads one stored before key words were kept', () => {
    const fp = fingerprintOf(english);
    expect(fp.storyWords).toHaveLength(STORY_SETTINGS.keyWords);
    expect(fp.storyWords[0]).toBe(fp.storyKey);
    expect(storedStory(storyBytes(fp), fp.storyKey)).toEqual({ signature: fp.signature, storyWords: fp.storyWords });
    expect(storedStory(fp.signature, fp.storyKey)).toEqual({ signature: fp.signature, storyWords: [fp.storyKey] });
    expect(storedStory(new Uint8Array(7), fp.storyKey)).toEqual({ signature: null, storyWords: [fp.storyKey] });
  });
});

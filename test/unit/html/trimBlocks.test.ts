import { describe, expect, it } from 'vitest';
import { trimBlocks } from '../../../shared/html/trimBlocks.js';
import type { BodyBlock } from '../../../shared/model.js';

const p = (text: string): BodyBlock => ({ kind: 'paragraph', text });
const story = [p('The council met on Tuesday to discuss the new budget, and members argued for hours.'), p('The vote is expected next week.')];

describe('Function: trimBlocks', () => {
  it.each([
    ['English date line', 'Published 5 March 2024'],
    ['Arabic date line', 'الثلاثاء، 5 آذار/مارس 2024'],
    ['byline', 'By Jane Roe'],
    ['Arabic byline', 'بقلم أحمد علي'],
  ])('drops a %s above the story', (_, line) => {
    // Prepare
    const blocks = [p(line), ...story];

    // Act
    const out = trimBlocks(blocks);

    // Assess
    expect(out).toEqual(story);
  });

  it.each([
    ['English disclaimer', 'The views expressed in this article are those of the author.'],
    ['Arabic disclaimer', 'الآراء الواردة أدناه لا تعبر عن رأي الموقع.'],
    ['French copyright', '© Le Courrier. Tous droits réservés.'],
    ['follow-us links', 'Follow us:\nhttps://fb.example/courier\nhttps://x.example/courier'],
  ])('drops a %s below the story', (_, line) => {
    // Prepare
    const blocks = [...story, p(line)];

    // Act
    const out = trimBlocks(blocks);

    // Assess
    expect(out).toEqual(story);
  });

  it('drops ad labels and "related" lists anywhere, but keeps story paragraphs that mention those words', () => {
    // Prepare
    const mention = p('Critics said the comments section of the council website was full of advertisement for the plan.');
    const blocks = [story[0], p('Advertisement'), p('إعلان'), mention, p('Related\nCouncil delays vote\nMayor responds'), story[1]];

    // Act
    const out = trimBlocks(blocks);

    // Assess
    expect(out).toEqual([story[0], mention, story[1]]);
  });
});

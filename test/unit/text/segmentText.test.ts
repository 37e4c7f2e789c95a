import { describe, expect, it } from 'vitest';
import { classifySegments, segmentsOf } from '../../../shared/text/classifyLines.js';
import { repairText } from '../../../shared/text/repairGlue.js';
import {
  articleEnd, findArticleStarts, isCommentsHeader, isTitleLike, mainRegion, overlapWithBody, pickTitle, type RoledSegment,
} from '../../../shared/text/segmentText.js';

/** Segments with roles from a role map (default: body when classified good, else boilerplate). */
function roled(lines: string[], roles: Record<number, RoledSegment['role']> = {}): RoledSegment[] {
  return classifySegments(segmentsOf(repairText(lines.join('\n'))))
    .map((s, i) => ({ ...s, role: roles[i] ?? (s.cls === 'good' ? 'body' : 'boilerplate') }));
}

const P1 = 'The river rose faster than at any time in the last fifty years, and by the morning three villages along the valley were cut off from the main road to the city.';
const P2 = 'Rescue teams reached the last families only after the water began to fall, and officials said that the dams upstream had held despite the pressure of the flood.';
const P3 = 'Engineers will now inspect every bridge in the valley before the roads reopen, a process that the regional council expects to take at least two weeks this spring.';

describe('isTitleLike', () => {
  it('accepts headlines in several scripts and rejects sentences, markers and captions', () => {
    // Prepare
    const segs = roled(['River towns count the cost of the floods', 'البلدية تفتتح جسرا جديدا', '河流城镇评估洪水损失', 'The river rose overnight.', 'Share on Facebook', 'Photo: the valley at dawn']);
    // Act
    const got = segs.map(isTitleLike);
    // Assess
    expect(got).toEqual([true, true, true, false, false, false]);
  });
});

describe('pickTitle', () => {
  it('prefers the headline that names the body and sits above its byline, over a closer caption', () => {
    // Prepare
    const segs = roled(['Home', 'World', 'Villages cut off as the river floods the valley', 'By Jane Doe', 'Photo by a reader', 'Aerial view at noon', P1, P2, P3], { 3: 'byline' });
    const first = segs.findIndex((s) => s.role === 'body');
    // Act
    const t = pickTitle(segs, 0, first, () => 1);
    // Assess
    expect(segs[t].text).toBe('Villages cut off as the river floods the valley');
  });

  it('scores overlap with the body in spaced and unspaced scripts', () => {
    // Prepare
    const vocab = new Set(['river', 'villages', 'valley', '河流', '洪水']);
    // Act / Assess
    expect(overlapWithBody('Villages along the river', vocab)).toBeCloseTo(2 / 3);
    expect(overlapWithBody('河流洪水', vocab)).toBeGreaterThan(0.5);
    expect(overlapWithBody('Subscribe now', vocab)).toBe(0);
  });
});

describe('findArticleStarts', () => {
  it('opens a second article after an end zone when a headline is followed by a body', () => {
    // Prepare
    const segs = roled([P1, P2, 'Tags: floods, rivers', 'Read also', 'Bridges in the valley get a new inspection plan', P3, P1, P2, P3], { 2: 'tags', 3: 'readAlso' });
    // Act
    const starts = findArticleStarts(segs);
    // Assess
    expect(starts).toEqual([4]);
  });

  it('does not split an article at a headline without an end zone, or at comment headers', () => {
    // Prepare
    const one = roled([P1, 'What the engineers found', P2, P3]);
    const comments = roled([P1, P2, P3, 'There are 3 comments', 'Jane Roe · March 3, 2024 at 10:15', P1, P2, P3], { 3: 'boilerplate', 4: 'date' });
    // Act / Assess
    expect(findArticleStarts(one)).toEqual([]);
    expect(findArticleStarts(comments)).toEqual([]);
    expect(isCommentsHeader(comments[3])).toBe(true);
  });
});

describe('mainRegion and articleEnd', () => {
  it('finds the body run between navigation and footer', () => {
    // Prepare
    const segs = roled(['Home', 'World', 'Sport', P1, 'Advertisement', P2, P3, 'Privacy Policy', 'Terms of Use']);
    // Act
    const [a, b] = mainRegion(segs, 0, segs.length - 1);
    // Assess
    expect([a, b]).toEqual([3, 6]);
  });

  it('ends the article text at a comments header or copyright line after the body', () => {
    // Prepare
    const segs = roled([P1, P2, P3, 'Comments', P1, '© 2024 Example News'], { 3: 'boilerplate' });
    // Act
    const end = articleEnd(segs, 0, segs.length - 1);
    // Assess
    expect(end).toBe(3);
  });
});

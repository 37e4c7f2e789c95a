import { describe, expect, it } from 'vitest';
import { fragmentText } from '../../../shared/core/html/fragment.js';

describe('fragmentText: a text field written in markup', () => {
  it('reads a fragment that opens with a block element and ends with a closing tag as its blocks', () => {
    // Act / Assess
    expect(fragmentText('<p>One &amp; two.</p>')).toBe('One & two.');
    expect(fragmentText('<!-- wp:paragraph --><p>First.</p><!-- /wp:paragraph -->\n<h2>Part two</h2><ul><li>a</li><li>b</li></ul>')).toBe('First.\n\nPart two\n\na\n\nb');
    expect(fragmentText('<div><p>النص الأول.</p><p>النص الثاني.</p></div>')).toBe('النص الأول.\n\nالنص الثاني.');
  });

  it('leaves prose that quotes markup, and fragments that do not open with a block, to be read as text', () => {
    // Act / Assess
    expect(fragmentText('Use <p> to open a paragraph and </p> to close it.')).toBeNull();
    expect(fragmentText('<p> opens a paragraph; the rest of this sentence is prose')).toBeNull();
    expect(fragmentText('<span>inline</span>')).toBeNull();
    expect(fragmentText('plain words')).toBeNull();
  });
});

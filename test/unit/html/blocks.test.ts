import { describe, expect, it } from 'vitest';
import { blocksOf } from '../../../shared/core/html/blocks.js';
import { normaliseSpace } from '../../../shared/core/html/dom.js';
import { parse } from './helpers.js';

describe('Function: blocksOf', () => {
  it('reads headings, paragraphs, list items, quotes and table cells in order', () => {
    // Prepare
    const doc = parse(`<div><h2>Section one</h2><p>First <b>bold</b> paragraph.</p><ul><li>Item a</li><li>Item b</li></ul>
      <blockquote>A quote.</blockquote><table><tr><td>Cell 1</td><td>Cell 2</td></tr></table><h3>Section two</h3><p>Last.</p></div>`);

    // Act
    const blocks = blocksOf(doc);

    // Assess
    expect(blocks).toEqual([
      { kind: 'heading', text: 'Section one' },
      { kind: 'paragraph', text: 'First bold paragraph.' },
      { kind: 'paragraph', text: 'Item a' },
      { kind: 'paragraph', text: 'Item b' },
      { kind: 'paragraph', text: 'A quote.' },
      { kind: 'paragraph', text: 'Cell 1' },
      { kind: 'paragraph', text: 'Cell 2' },
      { kind: 'heading', text: 'Section two' },
      { kind: 'paragraph', text: 'Last.' },
    ]);
  });

  it('keeps <br> as a line break inside a block, and <pre> lines as written', () => {
    // Prepare
    const doc = parse('<p>Line one<br>Line   two<br><br></p><pre>a  b\n  c</pre>');

    // Act
    const blocks = blocksOf(doc);

    // Assess
    expect(blocks.map((b) => b.text)).toEqual(['Line one\nLine two', 'a  b\n  c']);
  });

  it('keeps figure captions as paragraphs and folds NBSP and other spaces', () => {
    // Prepare
    const doc = parse('<figure><img src="x.jpg"><figcaption>The\u00a0council   in session.</figcaption></figure><p>مرحبا\u3000بكم</p>');

    // Act
    const blocks = blocksOf(doc);

    // Assess
    expect(blocks.map((b) => b.text)).toEqual(['The council in session.', 'مرحبا بكم']);
  });
});

describe('Function: capDepth', () => {
  it('flattens absurdly deep trees (unclosed inline tags) so recursive walks cannot overflow', async () => {
    // Prepare
    const { capDepth, innerText } = await import('../../../shared/core/html/dom.js');
    const doc = parse(`<div>${'<b>'.repeat(5000)}deep text${'</b>'.repeat(5000)}</div>`);

    // Act
    capDepth(doc, 50);
    const blocks = blocksOf(doc);

    // Assess
    expect(innerText(doc)).toBe('deep text');
    expect(blocks).toEqual([{ kind: 'paragraph', text: 'deep text' }]);
  });
});

describe('Function: normaliseSpace', () => {
  it('folds every run of whitespace (NBSP, zero-width and ideographic spaces included) to one space, single spaces kept', () => {
    expect(normaliseSpace(' One  two\n\tthree\u00a0four\u200bfive \u200b six\u3000seven\ufeff ')).toBe('One two three four five six seven');
    expect(normaliseSpace('already single spaces')).toBe('already single spaces');
    expect(normaliseSpace('\u00a0\n')).toBe('');
  });
});

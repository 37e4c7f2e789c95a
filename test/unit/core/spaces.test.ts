import { describe, expect, it } from 'vitest';
import { foldSpaces } from '../../../shared/core/spaces.js';

describe('Function: foldSpaces', () => {
  it('folds every run of whitespace to one space as /\\s+/g does, and keeps single plain spaces', () => {
    const samples = ['one  two\n\tthree\u00a0four\u3000\u3000five', 'already single spaces', ' \n', '\n', ' ', '', 'a\u2028b \u200bc', 'x\ufeff y'];
    for (const s of samples) expect(foldSpaces(s)).toBe(s.replace(/\s+/g, ' '));
    expect(foldSpaces('one  two\n\tthree')).toBe('one two three');
  });
});

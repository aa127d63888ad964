import { describe, it, expect } from 'vitest';
import { lineIndex, lineOfOffset, lineStarts } from '../src/helpers.js';

describe('the one offset→line index', () => {
  const text = 'one\ntwo\r\n\nfour';
  it('gives the 1-based line and column of every offset, as counting newlines would', () => {
    const index = lineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      expect(index.lineOf(offset)).toBe(line);
      expect(index.positionOf(offset)).toEqual({ line, column: offset - (before.lastIndexOf('\n') + 1) + 1 });
    }
  });
  it('puts an offset past the end on the last line, and an empty text on line 1', () => {
    expect(lineIndex(text).lineOf(999)).toBe(4);
    expect(lineIndex('').positionOf(0)).toEqual({ line: 1, column: 1 });
  });
  it('shares its line starts with the parsers that keep them', () => {
    expect(lineStarts(text)).toEqual([0, 4, 9, 10]);
    expect(lineOfOffset(lineStarts(text), 9)).toBe(3);
  });
});

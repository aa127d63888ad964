/**
 * Offsets → lines: the one line index of the code base. Parsers that find
 * things by offset (manifests, licence headers, notices, registry JSON, the
 * secrets scan, the declaration) report `file:line:column`; each used to count
 * newlines its own way.
 */

/** A 1-based line and column. */
export interface TextPosition { line: number; column: number }

export interface LineIndex {
  /** 1-based line of an offset (an offset past the end is on the last line). */
  lineOf(offset: number): number;
  /** 1-based line and column of an offset. */
  positionOf(offset: number): TextPosition;
}

/** Offsets at which each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** 1-based line of an offset, given `lineStarts(text)` (binary search). */
export function lineOfOffset(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** The line index of a text; line starts are found on first use, once. */
export function lineIndex(text: string): LineIndex {
  let starts: number[] | undefined;
  const lineOf = (offset: number): number => lineOfOffset((starts ??= lineStarts(text)), offset);
  return {
    lineOf,
    positionOf(offset) {
      const line = lineOf(offset);
      return { line, column: offset - ((starts as number[])[line - 1] as number) + 1 };
    },
  };
}

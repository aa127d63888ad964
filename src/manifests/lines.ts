/** Line bookkeeping and comment removal shared by the manifest parsers. */

// The one offset→line index (src/text/line-index.ts), re-exported for the manifest parsers.
export { lineOfOffset, lineStarts } from '../text/line-index.js';

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** First line index (0-based) at or after `from` whose text matches, or -1. */
export function findLineIndex(lines: readonly string[], pattern: RegExp, from = 0): number {
  for (let index = Math.max(0, from); index < lines.length; index++) if (pattern.test(lines[index] as string)) return index;
  return -1;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every character but line breaks with a space, so offsets and lines stay where they were. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/** XML comments blanked out (a commented-out `<dependency>` is not a dependency). */
export function blankXmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(-->|$)/g, blank);
}

/**
 * `//` and `/* *\/` comments blanked out of C-like source (Gradle, Kotlin
 * script, go.mod), leaving string literals alone: `"https://…"` is not a comment.
 */
export function blankSlashComments(text: string): string {
  let out = '';
  let index = 0;
  let plainFrom = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === '"' || char === '\'' || char === '`') {
      const triple = text.startsWith(char.repeat(3), index);
      const close = triple ? char.repeat(3) : char;
      let end = index + close.length;
      while (end < text.length) {
        if (!triple && text[end] === '\\') { end += 2; continue; }
        if (!triple && text[end] === '\n') break;
        if (text.startsWith(close, end)) { end += close.length; break; }
        end++;
      }
      index = end;
      continue;
    }
    if (char === '/' && text[index + 1] === '/') {
      const end = text.indexOf('\n', index);
      const stop = end === -1 ? text.length : end;
      out += text.slice(plainFrom, index) + blank(text.slice(index, stop));
      index = plainFrom = stop;
      continue;
    }
    if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(plainFrom, index) + blank(text.slice(index, stop));
      index = plainFrom = stop;
      continue;
    }
    index++;
  }
  return out + text.slice(plainFrom);
}

/**
 * `#` comments blanked out of a line-oriented file (Ruby, Elixir, TOML-like,
 * requirements files), leaving `#` inside quoted strings alone.
 */
export function blankHashComments(text: string): string {
  return text.split('\n').map(blankHashCommentInLine).join('\n');
}

export function blankHashCommentInLine(line: string): string {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index] as string;
    if (quote !== undefined) {
      if (char === '\\') index++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === '\'') {
      quote = char;
    } else if (char === '#') {
      return line.slice(0, index) + blank(line.slice(index));
    }
  }
  return line;
}

/** A string without surrounding quotes. */
export function unquote(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length >= 2 && (trimmed[0] === '"' || trimmed[0] === '\'') && trimmed[trimmed.length - 1] === trimmed[0]) return trimmed.slice(1, -1);
  return trimmed;
}

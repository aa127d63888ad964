/**
 * Positions of the keys of a JSON document, for messages that point at the
 * line of a registry file (`nominees/x.json:12:7 license[0].spdx`). One pass
 * over the text, no second parse into YAML nodes: a registry batch locates
 * keys in every file, so this is on the hot path.
 */
import { formatKeyPath } from '../declaration/load.js';
import type { SourcePosition } from '../declaration/types.js';
import { lineIndex } from '../text/line-index.js';

/** Deeper documents are not declarations; positions below this depth are not recorded. */
const MAX_DEPTH = 64;

/** Key path (`license[0].spdx`) → offset where the key is written (for array items: where the item starts). */
export function scanJsonPositions(text: string): Map<string, number> {
  return scanJson(text).positions;
}

/** Offset of the first syntax error of a JSON text (Node 20's JSON.parse does not always say where), or undefined. */
export function jsonErrorOffset(text: string): number | undefined {
  return scanJson(text).errorAt;
}

const SCALAR = /(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/y;

function scanJson(text: string): { positions: Map<string, number>; errorAt?: number } {
  const positions = new Map<string, number>();
  const path: (string | number)[] = [];
  let i = 0;
  const length = text.length;

  const skipSpace = (): void => {
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) i++;
      else break;
    }
  };
  const readString = (): string | undefined => {
    const start = i;
    i++; // opening quote
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) i += 2;
      else if (c === 0x22) {
        i++;
        try {
          return JSON.parse(text.slice(start, i)) as string;
        } catch {
          return undefined;
        }
      } else i++;
    }
    return undefined;
  };
  const readScalar = (): boolean => {
    SCALAR.lastIndex = i;
    const match = SCALAR.exec(text);
    if (!match) return false;
    i += match[0].length;
    return true;
  };
  const failed = (): { positions: Map<string, number>; errorAt: number } => ({ positions, errorAt: Math.min(i, length) });

  // An explicit stack keeps a hostile document from exhausting the call stack.
  /** `open`: the container pushed a segment (its current member or item) onto `path`. */
  type Frame = { kind: 'object' | 'array'; index: number; open: boolean };
  const stack: Frame[] = [];
  positions.set(formatKeyPath([]), 0);
  skipSpace();
  let expectValue = true;
  while (i < length) {
    skipSpace();
    if (i >= length) break;
    const c = text[i]!;
    const frame = stack[stack.length - 1];
    if (expectValue) {
      if (c === '{' || c === '[') {
        if (stack.length >= MAX_DEPTH) return { positions };
        const opened: Frame = { kind: c === '{' ? 'object' : 'array', index: 0, open: false };
        stack.push(opened);
        i++;
        skipSpace();
        if (text[i] === (c === '{' ? '}' : ']')) {
          expectValue = false;
          continue;
        }
        opened.open = true;
        if (c === '[') {
          path.push(0);
          positions.set(formatKeyPath(path), i);
          expectValue = true;
        } else {
          expectValue = false;
          if (!readMember()) return failed();
        }
        continue;
      }
      if (c === '"') {
        if (readString() === undefined) return failed();
      } else if (!readScalar()) return failed();
      expectValue = false;
      if (stack.length === 0) {
        skipSpace();
        return i < length ? failed() : { positions };
      }
      continue;
    }
    // After a value: a comma, or the end of the container.
    if (!frame) {
      skipSpace();
      return i < length ? failed() : { positions };
    }
    if (c === ',') {
      i++;
      skipSpace();
      if (frame.kind === 'array') {
        frame.index += 1;
        path[path.length - 1] = frame.index;
        positions.set(formatKeyPath(path), i);
        expectValue = true;
      } else {
        path.pop();
        if (!readMember()) return failed();
      }
      continue;
    }
    if ((c === '}' && frame.kind === 'object') || (c === ']' && frame.kind === 'array')) {
      i++;
      if (stack.pop()?.open) path.pop();
      expectValue = false;
      if (stack.length === 0) {
        skipSpace();
        return i < length ? failed() : { positions };
      }
      continue;
    }
    return failed();
  }
  // The text ended inside a value or a container.
  return expectValue || stack.length > 0 ? failed() : { positions };

  /** At a member's key: records it and moves past the colon. */
  function readMember(): boolean {
    skipSpace();
    if (text[i] !== '"') return false;
    const at = i;
    const key = readString();
    if (key === undefined) return false;
    path.push(key);
    positions.set(formatKeyPath(path), at);
    skipSpace();
    if (text[i] !== ':') return false;
    i++;
    expectValue = true;
    return true;
  }
}

/** Offsets → 1-based line and column (the one line index, src/text/line-index.ts). */
export function lineLocator(text: string): (offset: number) => SourcePosition {
  const index = lineIndex(text);
  return (offset) => index.positionOf(offset);
}

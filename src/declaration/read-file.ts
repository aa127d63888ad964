/**
 * Reading a declaration file: bounded, never blocking on a FIFO, never throwing.
 */
import fs from 'node:fs';
import type { SourcePosition } from './types.js';
import { describeReadError, errorAt, failed, tooLargeMessage, type LoadedDeclaration } from './errors.js';
import { MAX_DECLARATION_BYTES, parseDeclaration } from './parse.js';

/** Reads at most `limit` bytes; refuses what is not a regular file (a FIFO would block forever). */
function readBounded(absPath: string, limit: number): Buffer {
  const stat = fs.statSync(absPath);
  if (stat.isDirectory()) throw Object.assign(new Error('it is a directory'), { code: 'EISDIR' });
  if (!stat.isFile()) throw Object.assign(new Error('it is not a regular file'), { code: 'ENOTFILE' });
  const nonBlocking = fs.constants.O_NONBLOCK ?? 0;
  const fd = fs.openSync(absPath, fs.constants.O_RDONLY | nonBlocking);
  try {
    const buffer = Buffer.alloc(limit);
    let filled = 0;
    while (filled < limit) {
      const count = fs.readSync(fd, buffer, filled, limit - filled, null);
      if (count === 0) break;
      filled += count;
    }
    return buffer.subarray(0, filled);
  } finally {
    fs.closeSync(fd);
  }
}

function bytePosition(bytes: Buffer, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The byte-order mark of UTF-32 (checked first: FF FE 00 00 also starts like UTF-16LE's). */
function utf32Order(bytes: Buffer): 'le' | 'be' | undefined {
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return 'le';
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return 'be';
  return undefined;
}

/** UTF-32 (TextDecoder has none); a code point out of range, or a dangling tail, is U+FFFD. */
function decodeUtf32(bytes: Buffer, order: 'le' | 'be'): string {
  const parts: string[] = [];
  for (let i = 4; i < bytes.length; i += 4) {
    if (i + 4 > bytes.length) { parts.push('\ufffd'); break; }
    const point = order === 'le' ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i);
    parts.push(point <= 0x10ffff && (point < 0xd800 || point > 0xdfff) ? String.fromCodePoint(point) : '\ufffd');
  }
  return parts.join('');
}

function decode(bytes: Buffer): string {
  const utf32 = utf32Order(bytes);
  if (utf32) return decodeUtf32(bytes, utf32);
  // UTF-16 files are full of NUL bytes but are text: honour their byte-order mark.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Not UTF-8: Latin-1 maps every byte to a character, so the answers stay readable.
    return bytes.toString('latin1');
  }
}

/**
 * Reads and parses a declaration file. Never throws: a missing, unreadable,
 * oversized, empty or binary file gives a located error instead.
 */
export function readDeclarationFile(absPath: string, shownAs: string): LoadedDeclaration {
  let bytes: Buffer;
  try {
    bytes = readBounded(absPath, MAX_DECLARATION_BYTES + 1);
  } catch (error) {
    return failed(shownAs, [errorAt(shownAs, `cannot read the declaration: ${describeReadError(error)}`)]);
  }
  if (bytes.length > MAX_DECLARATION_BYTES) return failed(shownAs, [errorAt(shownAs, tooLargeMessage(fileSize(absPath, bytes.length), 'bytes'))]);
  if (bytes.length === 0) return failed(shownAs, [errorAt(shownAs, 'the declaration is empty')]);
  const hasUtf16Mark = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || utf32Order(bytes) !== undefined;
  const nul = hasUtf16Mark ? -1 : bytes.indexOf(0);
  if (nul >= 0) {
    return failed(shownAs, [errorAt(shownAs, 'the declaration is a binary file (it contains NUL bytes), not YAML or JSON text', bytePosition(bytes, nul))]);
  }
  return parseDeclaration(decode(bytes), shownAs);
}

function fileSize(absPath: string, atLeast: number): number {
  try {
    return Math.max(fs.statSync(absPath).size, atLeast);
  } catch {
    return atLeast;
  }
}

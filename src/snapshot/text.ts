/**
 * Turning file bytes into text the way every source does it: binaries are
 * recognised by a NUL byte near the start (as git does), text is UTF-8 when
 * the bytes are valid UTF-8 and Latin-1 otherwise (a Latin-1 decode never
 * fails, so old licence files in ISO-8859-1 stay readable).
 */
import { isUtf8 } from 'node:buffer';
import type { FileText, TextSearch } from './types.js';

/** How far into a file a NUL byte marks it as binary (git looks at the first 8000 bytes). */
export const BINARY_SNIFF_BYTES = 8 * 1024;

export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0) !== -1;
}

/**
 * Decodes bytes, dropping a UTF-8 byte-order mark. When the bytes were cut at
 * a cap (`truncated`), a multi-byte character split by the cut is dropped
 * instead of turning the whole file into Latin-1.
 */
export function decodeText(bytes: Uint8Array, truncated: boolean): Pick<FileText, 'text' | 'encoding'> {
  const withoutBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const body = Buffer.from(withoutBom.buffer, withoutBom.byteOffset, withoutBom.byteLength);
  const complete = truncated ? body.subarray(0, completeUtf8Length(body)) : body;
  // isUtf8 (simdutf) then toString is several times faster than a fatal TextDecoder per file.
  if (isUtf8(complete)) return { text: complete.toString('utf8'), encoding: 'utf-8' };
  return { text: body.toString('latin1'), encoding: 'latin1' };
}

/** Length of `bytes` without a trailing, incomplete UTF-8 sequence (at most 3 bytes are dropped). */
function completeUtf8Length(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let index = end - 1; index >= Math.max(0, end - 4); index--) {
    const byte = bytes[index] as number;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const expected = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return index + expected > end ? index : end;
  }
  return end;
}

/**
 * Whether a search can be answered from bytes: every needle non-empty printable ASCII (see `TextSearch`), and the
 * key that identifies it (the same needles and extensions in any order are the same search).
 */
export function searchKey(search: TextSearch): string | undefined {
  // A rule's search is one frozen object, asked about for every candidate of a batch.
  if (keys.has(search)) return keys.get(search);
  const key = computeSearchKey(search);
  if (Object.isFrozen(search) && Object.isFrozen(search.needles) && (search.skippedExtensions === undefined || Object.isFrozen(search.skippedExtensions))) keys.set(search, key);
  return key;
}

const keys = new WeakMap<TextSearch, string | undefined>();

function computeSearchKey(search: TextSearch): string | undefined {
  if (!Array.isArray(search.needles) || search.needles.length === 0 || !search.needles.every(isPrintableAscii)) return undefined;
  const extensions = (search.skippedExtensions ?? []).filter((ext): ext is string => typeof ext === 'string').map((ext) => ext.toLowerCase());
  return JSON.stringify([[...new Set(search.needles)].sort(), [...new Set(extensions)].sort()]);
}

/** A non-empty string of printable ASCII characters: what a search needle (and a skipped extension) may be. */
export function isPrintableAscii(value: unknown): value is string {
  return typeof value === 'string' && /^[\x20-\x7e]+$/.test(value);
}

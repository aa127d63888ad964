/**
 * Reading an import's input files: bounded, decoded (UTF-8, else Latin-1),
 * parsed as JSON or YAML, with the position of every key. A bad file is a
 * located `error` note, never an exception.
 *
 * The registry keeps a few products' answers as git symbolic links; checked
 * out without symlink support they are one-line text files naming the target
 * (`digitalpublicgoods/commcare-android.json` holds `commcare.json`). Such a
 * "link file" is followed once, to a sibling in the same folder, and noted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { formatKeyPath, parseKeyPath, ROOT_KEY, MAX_DECLARATION_BYTES } from '../declaration/load.js';
import type { SourcePosition } from '../declaration/types.js';
import { jsonErrorOffset, lineLocator, scanJsonPositions } from './json-positions.js';
import type { ImportNote, SourceFile } from './types.js';

export interface ReadSource {
  file?: SourceFile;
  notes: ImportNote[];
}

const LINK_FILE = /^[\w][\w.-]*\.(json|ya?ml)$/;

/** Reads and parses one input file; `absPath` is read, `shownAs` is what messages say. */
export function readSourceFile(absPath: string, shownAs: string): ReadSource {
  const read = readText(absPath, shownAs);
  if ('error' in read) return { notes: [read.error] };
  const { text } = read;
  const link = text.trim();
  if (LINK_FILE.test(link) && !link.includes('\n') && !/^\s*[{[]/.test(text)) {
    const target = path.join(path.dirname(absPath), link);
    if (path.resolve(target) !== path.resolve(absPath) && fs.existsSync(target)) {
      const targetShown = path.posix.join(path.posix.dirname(toPosix(shownAs)), link);
      const followed = readText(target, targetShown);
      if ('error' in followed) return { notes: [followed.error] };
      const parsed = parseSource(followed.text, targetShown);
      const note: ImportNote = { kind: 'normalised', file: shownAs, key: ROOT_KEY, message: `is a link to ${link} (a symbolic link stored as text): its answers were read from ${targetShown}` };
      return { ...(parsed.file ? { file: parsed.file } : {}), notes: [note, ...parsed.notes] };
    }
  }
  return parseSource(text, shownAs);
}

/** Parses text already read: JSON for `.json` files and text that starts with `{`, YAML otherwise. */
export function parseSource(text: string, shownAs: string): ReadSource {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') return { notes: [errorNote(shownAs, 'the file is empty')] };
  const json = /\.json$/i.test(shownAs) || /^\s*[{[]/.test(source);
  return json ? parseJson(source, shownAs) : parseYaml(source, shownAs);
}

function parseJson(text: string, shownAs: string): ReadSource {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const stated = /position (\d+)/.exec(message)?.[1];
    const offset = stated !== undefined ? Number(stated) : jsonErrorOffset(text) ?? 0;
    const at = lineLocator(text)(offset);
    const reason = message.replace(/\s*(in JSON )?at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
    return { notes: [errorNote(shownAs, `invalid JSON: ${reason}`, at)] };
  }
  let positions: Map<string, number> | undefined;
  const toPosition = lineLocator(text);
  const file: SourceFile = {
    path: shownAs,
    text,
    data,
    locate(key) {
      positions ??= scanJsonPositions(text);
      const offset = positions.get(key) ?? positions.get(normalisedKey(key));
      return offset === undefined ? undefined : toPosition(offset);
    },
  };
  return { file, notes: [] };
}

function parseYaml(text: string, shownAs: string): ReadSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, resolveKnownTags: false, prettyErrors: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const { line, col } = lineCounter.linePos(first.pos[0]);
    return { notes: [errorNote(shownAs, `invalid YAML: ${first.message.split('\n')[0]}`, { line, column: col })] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return { notes: [errorNote(shownAs, `the YAML could not be read: ${error instanceof Error ? error.message : String(error)}`)] };
  }
  const file: SourceFile = {
    path: shownAs,
    text,
    data,
    locate(key) {
      const segments = parseKeyPath(key);
      if (segments === undefined) return undefined;
      let node: unknown = doc.contents;
      let at: YamlNode | undefined = doc.contents ?? undefined;
      for (const segment of segments) {
        if (isMap(node)) {
          const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
          if (!pair) return undefined;
          at = pair.key as YamlNode;
          node = pair.value;
        } else if (isSeq(node) && typeof segment === 'number') {
          node = node.items[segment];
          if (node === undefined) return undefined;
          at = node as YamlNode;
        } else return undefined;
      }
      const offset = at?.range?.[0];
      if (offset === undefined) return undefined;
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    },
  };
  return { file, notes: [] };
}

type TextRead = { text: string } | { error: ImportNote };

/**
 * A file read but not parsed: a dpg-check declaration in a batch folder is
 * parsed once, by the declaration loader, when it is checked — not a second
 * time just to recognise it.
 */
export function unparsedSource(shownAs: string, text: string): SourceFile {
  return { path: shownAs, text, data: undefined, locate: () => undefined };
}

/** Reads a file's text with the same bounds and decoding as `readSourceFile`, without parsing it. */
export function readInputText(absPath: string, shownAs: string): TextRead {
  return readText(absPath, shownAs);
}

function readText(absPath: string, shownAs: string): TextRead {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(absPath);
    if (stat.isDirectory()) return { error: errorNote(shownAs, 'cannot read it: it is a directory') };
    if (!stat.isFile()) return { error: errorNote(shownAs, 'cannot read it: it is not a regular file') };
    if (stat.size > MAX_DECLARATION_BYTES) return { error: errorNote(shownAs, `the file is too large (${stat.size} bytes; at most 1 MiB is read)`) };
    bytes = fs.readFileSync(absPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    return { error: errorNote(shownAs, `cannot read it: ${why}`) };
  }
  if (bytes.includes(0)) return { error: errorNote(shownAs, 'it is a binary file (it contains NUL bytes), not JSON or YAML') };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { text: bytes.toString('latin1') };
  }
}

function errorNote(file: string, message: string, at?: SourcePosition): ImportNote {
  return { kind: 'error', file, key: ROOT_KEY, message, ...(at ? { at } : {}) };
}

/** Key paths as `formatKeyPath` writes them, so `a.b[0]` and `["a"].b[0]` find the same position. */
function normalisedKey(key: string): string {
  const segments = parseKeyPath(key);
  return segments === undefined ? key : formatKeyPath(segments);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * What an importer produces: a declaration (valid against
 * `schema/declaration.schema.json` unless something required is missing),
 * where each answer came from, and notes on everything that could not be
 * carried over as written. Importers never throw on bad input: a malformed
 * file is an `error` note, located in the file it came from.
 */
import type { Declaration, SourcePosition } from '../declaration/types.js';

export type ImportFormat = 'registry' | 'publiccode';

/**
 * - `unmapped`: a real answer with no place in the declaration (kept in the
 *   imported YAML as a comment);
 * - `dropped`: a malformed or empty value left out (empty strings, `[""]`,
 *   an email address that is not one);
 * - `normalised`: a value carried over in a changed form (`https://` added to
 *   a bare domain, URLs taken out of a sentence, casing);
 * - `approximated`: an answer the form asked differently, mapped to the
 *   nearest declaration answer (the registry's "collects or stores PII: Yes");
 * - `error`: the file could not be read or the declaration misses something
 *   required (name, solution types).
 */
export type ImportNoteKind = 'unmapped' | 'dropped' | 'normalised' | 'approximated' | 'error';

export interface ImportNote {
  kind: ImportNoteKind;
  /** The input file, as shown to the user. */
  file: string;
  /** Key path in the input file (`license[0].spdx`), or `(root)`. */
  key: string;
  message: string;
  /** Line and column when known without the parsed file (syntax errors); otherwise located by `key`. */
  at?: SourcePosition;
}

/** Where an answer of the declaration was read: a file and a key path in it. */
export interface Origin {
  file: string;
  key: string;
}

/** One input file, read and parsed, with the positions of its keys. */
export interface SourceFile {
  /** The path as shown to the user (relative to the batch input or as given). */
  path: string;
  text: string;
  /** Parsed content; `undefined` when it could not be parsed. */
  data: unknown;
  /** Line and column of a key path in this file (`license[0].spdx`). */
  locate(key: string): SourcePosition | undefined;
}

export interface ImportResult {
  format: ImportFormat;
  /** The imported declaration; `valid` says whether it satisfies the schema. */
  declaration: Partial<Declaration>;
  valid: boolean;
  /** The file that speaks for the candidate (the nominee file, the publiccode.yml). */
  primary: SourceFile;
  /** Every file read, primary first. */
  files: SourceFile[];
  /** Declaration key (`licenses[0].spdx`) → where the answer came from. Containers too (`doNoHarm.dataPrivacy`). */
  origins: ReadonlyMap<string, Origin>;
  notes: ImportNote[];
  /** Registry metadata the declaration has no place for but a reviewer sorts by. */
  meta: { slug: string; stage?: string };
}

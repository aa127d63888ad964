/**
 * Declaration problems: each one located at `file:line:col key`, in plain words.
 */
import type { Declaration, SourcePosition } from './types.js';
import { ROOT_KEY } from './key-paths.js';
import { compareText } from '../text/compare.js';

export interface DeclarationError {
  file: string;
  line: number;
  column: number;
  /** Key path such as `licenses[0].spdx`, or `(root)` for the document itself. */
  key: string;
  message: string;
}

export interface LoadedDeclaration {
  /** The file as it should be shown (the path given, or root-relative when discovered). */
  file: string;
  /** The parsed declaration; `undefined` when it could not be parsed or is not a mapping. */
  data: Declaration | undefined;
  /** Parsed as YAML/JSON. */
  syntaxOk: boolean;
  /** Parsed and schema-valid. */
  valid: boolean;
  /** Syntax or schema errors, each located, sorted by line. */
  errors: DeclarationError[];
  /** Position of a key path such as `licenses[0].spdx`, `owner.name`, `sdgs[2]`. */
  locate(key: string): SourcePosition | undefined;
}

export function formatDeclarationError(e: DeclarationError): string {
  return `${e.file}:${e.line}:${e.column} ${e.key}: ${e.message}`;
}

export function failed(file: string, errors: DeclarationError[]): LoadedDeclaration {
  return { file, data: undefined, syntaxOk: false, valid: false, errors, locate: () => undefined };
}

export function errorAt(file: string, message: string, position: SourcePosition = { line: 1, column: 1 }, key = ROOT_KEY): DeclarationError {
  return { file, line: position.line, column: position.column, key, message };
}

export function sortAndDeduplicate(errors: DeclarationError[]): DeclarationError[] {
  const seen = new Set<string>();
  const unique = errors.filter((e) => {
    const id = `${e.line}:${e.column}:${e.key}:${e.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return unique.sort((a, b) => a.line - b.line || a.column - b.column || compareText(a.key, b.key));
}


export function tooLargeMessage(size: number, unit: 'bytes' | 'characters'): string {
  return `the declaration is too large (${size} ${unit}; at most 1 MiB is read)`;
}

export function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOTFILE') return 'it is not a regular file';
  if (code === 'ELOOP') return 'too many symbolic links';
  return error instanceof Error ? error.message : String(error);
}


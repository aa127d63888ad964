/**
 * Imported declarations keep pointing at the files they came from. A rule's
 * evidence such as `licenses[0].spdx` is reported at the registry file, line
 * and column where that answer was written (`nominees/x.json:7:17`), with the
 * declaration key the rule speaks of; an answer the registry lacks points at
 * the file that would hold it. Nothing refers to a generated file that does
 * not exist on disk.
 */
import { ROOT_KEY, type DeclarationError, type LoadedDeclaration } from '../declaration/load.js';
import type { Declaration, SourcePosition } from '../declaration/types.js';
import type { Evidence, Report } from '../model.js';
import { originOf } from './builder.js';
import type { ImportNote, ImportResult, SourceFile } from './types.js';

function fileNamed(result: ImportResult, path: string): SourceFile | undefined {
  return result.files.find((f) => f.path === path);
}

export function notePosition(result: ImportResult, note: ImportNote): SourcePosition | undefined {
  if (note.at) return note.at;
  if (note.key === ROOT_KEY) return undefined;
  return fileNamed(result, note.file)?.locate(note.key);
}

/** `nominees/x.json:12:7 license[0].spdx: message` (the position only when known), optionally with a label before the message. */
export function formatNote(result: ImportResult | undefined, note: ImportNote, label?: string): string {
  const at = result ? notePosition(result, note) : note.at;
  const where = at ? `${note.file}:${at.line}:${at.column}` : note.file;
  return `${where} ${note.key}: ${label ? `${label}: ` : ''}${note.message}`.replace(/[\u0000-\u0008\u000a-\u001f\u007f]+/g, ' ');
}

/** Where the answer to a declaration key was read: the file, and the position when the answer is there. */
export function answerLocation(result: ImportResult, key: string): { file: string; at?: SourcePosition } {
  // Rules cite the same keys again and again (and the report is relocated after them): look each up once.
  let cache = locations.get(result);
  if (!cache) {
    cache = new Map();
    locations.set(result, cache);
  }
  const known = cache.get(key);
  if (known) return known;
  const origin = result.origins.get(key) ?? originOf(result.origins, key);
  const at = origin ? fileNamed(result, origin.file)?.locate(origin.key) : undefined;
  const location = origin ? { file: origin.file, ...(at ? { at } : {}) } : { file: result.primary.path };
  cache.set(key, location);
  return location;
}

const locations = new WeakMap<ImportResult, Map<string, { file: string; at?: SourcePosition }>>();

/**
 * The import as the engine's LoadedDeclaration: shown as the primary file,
 * schema errors (only a missing name or types remain after the import's own
 * pruning) located in the registry file.
 */
export function toLoadedDeclaration(result: ImportResult): LoadedDeclaration {
  const errors: DeclarationError[] = result.valid
    ? []
    : result.notes.filter((n) => n.kind === 'error').map((n) => {
      const at = notePosition(result, n) ?? { line: 1, column: 1 };
      return { file: n.file, line: at.line, column: at.column, key: n.key, message: n.message };
    });
  if (!result.valid && errors.length === 0) errors.push({ file: result.primary.path, line: 1, column: 1, key: ROOT_KEY, message: 'the imported declaration is not valid' });
  return {
    file: result.primary.path,
    data: result.declaration as Declaration,
    syntaxOk: true,
    valid: result.valid,
    errors,
    locate(key) {
      const location = answerLocation(result, key);
      return location.file === result.primary.path ? location.at : undefined;
    },
  };
}

/**
 * Points the report's declaration evidence at the registry files: the engine
 * knows one declaration file (the primary one); answers read from the
 * screening file are moved there, with their line and column.
 */
export function relocateEvidence(report: Report, result: ImportResult): void {
  const primary = result.primary.path;
  const relocate = (evidence: Evidence): Evidence => {
    if (evidence.kind !== 'declaration' || evidence.path !== primary) return evidence;
    const location = answerLocation(result, evidence.key);
    const moved: Evidence = { kind: 'declaration', path: location.file, key: evidence.key };
    if (location.at) {
      moved.line = location.at.line;
      moved.column = location.at.column;
    }
    return moved;
  };
  for (const finding of report.findings) finding.evidence = finding.evidence.map(relocate);
}

/**
 * Shared bookkeeping of the importers: notes, where each declaration answer
 * came from, and the final schema check (see validate.ts).
 */
import { formatKeyPath, parseKeyPath, ROOT_KEY } from '../declaration/load.js';
import type { Declaration } from '../declaration/types.js';
import { pruneToSchema } from './validate.js';
import { excerpt } from './text.js';
import type { ImportFormat, ImportNote, ImportNoteKind, ImportResult, Origin, SourceFile } from './types.js';

export class ImportBuilder {
  readonly notes: ImportNote[] = [];
  readonly origins = new Map<string, Origin>();
  /** Empty answers per file, reported once per file rather than once per `""`. */
  private readonly blanks = new Map<string, string[]>();

  note(kind: ImportNoteKind, file: SourceFile, key: string, message: string): void {
    this.notes.push({ kind, file: file.path, key, message });
  }

  /** An empty answer (`""`, `[""]`, whitespace, "n/a") left out. */
  blank(file: SourceFile, key: string): void {
    const list = this.blanks.get(file.path) ?? [];
    list.push(key);
    this.blanks.set(file.path, list);
  }

  /** Records that declaration key `declarationKey` holds the answer at `sourceKey` of `file`. */
  from(declarationKey: string, file: SourceFile, sourceKey: string): void {
    this.origins.set(declarationKey, { file: file.path, key: sourceKey });
  }

  finish(input: {
    format: ImportFormat;
    declaration: Partial<Declaration>;
    primary: SourceFile;
    files: SourceFile[];
    meta: ImportResult['meta'];
  }): ImportResult {
    const before = new Map(this.origins);
    const data = input.declaration as Record<string, unknown>;
    const pruned = pruneToSchema(data, this.origins);
    for (const removed of pruned.removed) {
      const origin = originOf(before, removed.key) ?? { file: input.primary.path, key: ROOT_KEY };
      const shown = typeof removed.value === 'string' ? `"${excerpt(removed.value)}"` : 'the value';
      this.notes.push({ kind: 'dropped', file: origin.file, key: origin.key, message: `${shown} left out of ${removed.key}: ${removed.reason}` });
    }
    for (const missing of pruned.remaining) {
      const origin = originOf(before, missing.key);
      this.notes.push({
        kind: 'error',
        file: origin?.file ?? input.primary.path,
        key: origin?.key ?? ROOT_KEY,
        message: `the declaration's ${missing.key} ${missing.message}${missing.key === 'types' ? ' (the solution category: software, content, data, aimodel or standard)' : ''}`,
      });
    }
    for (const [file, keys] of this.blanks) {
      this.notes.push({
        kind: 'dropped',
        file,
        key: keys[0]!,
        message: keys.length === 1 ? 'empty answer left out' : `${keys.length} empty answers left out: ${keys.join(', ')}`,
      });
    }
    return {
      format: input.format,
      declaration: input.declaration,
      valid: pruned.valid,
      primary: input.primary,
      files: input.files,
      origins: this.origins,
      notes: this.notes,
      meta: input.meta,
    };
  }
}

/** The origin of a declaration key, or of its nearest ancestor that has one. */
export function originOf(origins: ReadonlyMap<string, Origin>, key: string): Origin | undefined {
  const exact = origins.get(key);
  if (exact) return exact;
  const segments = parseKeyPath(key);
  if (!segments) return undefined;
  for (let length = segments.length - 1; length > 0; length--) {
    const found = origins.get(formatKeyPath(segments.slice(0, length)));
    if (found) return found;
  }
  return undefined;
}

/** A record's entry, when the input is a mapping; anything else reads as absent. */
export function field(record: unknown, key: string): unknown {
  return typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as Record<string, unknown>)[key] : undefined;
}

/** A mapping's entry looked up without regard to case (`Type`, `SDGs`, `sdgs`). */
export function fieldAnyCase(record: unknown, key: string): { key: string; value: unknown } | undefined {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  const entries = record as Record<string, unknown>;
  if (key in entries) return { key, value: entries[key] };
  const lower = key.toLowerCase();
  const found = Object.keys(entries).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : { key: found, value: entries[found] };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Answers `dpg-check init` takes from what the owner already wrote elsewhere,
 * through the importers of `dpg-check import` (src/import/): the
 * repository's own `publiccode.yml`, and the DPGA registry answers given with
 * `--from` (a nominee file, and its screening file if any). An answer written
 * by the owner outranks a value guessed from the repository: the layers are
 * applied over the detected declaration, registry last.
 */
import path from 'node:path';
import type { Declaration } from '../declaration/types.js';
import type { Snapshot } from '../snapshot/types.js';
import { formatNote, importFiles, importPubliccode, parseSource, type ImportResult } from '../import/index.js';

/** Answers from one source, and where each came from (declaration key path → "publiccode.yml description"). */
export interface AnswerLayer {
  declaration: Partial<Declaration>;
  sources: Map<string, string>;
}

export class PrefillError extends Error {}

const PUBLICCODE_FILES = ['publiccode.yml', 'publiccode.yaml'];

/** The repository's publiccode.yml, imported; undefined when there is none or it says nothing usable. */
export function publiccodeAnswers(snapshot: Snapshot): AnswerLayer | undefined {
  const file = PUBLICCODE_FILES.find((name) => snapshot.has(name));
  const text = file ? snapshot.read(file)?.text : undefined;
  if (!file || text === undefined) return undefined;
  const parsed = parseSource(text, file);
  if (!parsed.file) return undefined;
  return layerOf(importPubliccode(parsed.file));
}

/** The registry answers of `--from` files (nominee and screening, paired by name as `dpg-check import` does). */
export function registryAnswers(files: readonly string[]): AnswerLayer {
  const outcomes = importFiles(files.map((file) => ({ absPath: path.resolve(file), shownAs: file })));
  const imported = outcomes.filter((o) => o.result);
  const problems = outcomes.flatMap((o) => o.notes).filter((n) => n.kind === 'error');
  if (imported.length !== 1 || problems.length > 0) {
    const why = problems.length > 0 ? problems.map((n) => formatNote(undefined, n)).join('; ') : imported.length === 0 ? 'no registry entry or publiccode.yml in it' : `${imported.length} different candidates in them`;
    throw new PrefillError(`--from ${files.join(' ')}: ${why}`);
  }
  return layerOf((imported[0] as { result: ImportResult }).result);
}

function layerOf(result: ImportResult): AnswerLayer {
  const { $schema: _schema, declarationVersion: _version, ...declaration } = result.declaration as Partial<Declaration> & { $schema?: unknown; declarationVersion?: unknown };
  const sources = new Map<string, string>();
  for (const key of leafKeys(declaration)) {
    const origin = result.origins.get(key);
    sources.set(key, origin ? `${origin.file} ${origin.key}` : result.primary.path);
  }
  return { declaration, sources };
}

/**
 * Applies `layer` over `base`: objects merge key by key, anything else (a
 * list, a scalar) is replaced whole; each replaced key takes the layer's source.
 */
export function applyLayer(base: Declaration, baseSources: Map<string, string>, layer: AnswerLayer, keep: ReadonlySet<string> = new Set()): Declaration {
  const merged = structuredClone(base) as unknown as Record<string, unknown>;
  for (const key of leafKeys(layer.declaration)) {
    if (keep.has(key.split('.')[0] as string)) continue;
    const value = valueAt(layer.declaration, key);
    if (value === undefined) continue;
    setAt(merged, key, structuredClone(value));
    // A source recorded for a container or a leaf under the replaced key no longer says where its value came from.
    for (const known of [...baseSources.keys()]) if (known === key || known.startsWith(`${key}.`) || key.startsWith(`${known}.`)) baseSources.delete(known);
    baseSources.set(key, layer.sources.get(key) ?? 'imported answers');
  }
  return merged as unknown as Declaration;
}

/** Leaf key paths of a declaration: plain objects are descended into, lists and scalars are leaves. */
export function leafKeys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, v]) => {
    const full = prefix === '' ? key : `${prefix}.${key}`;
    if (v === undefined) return [];
    return v && typeof v === 'object' && !Array.isArray(v) ? leafKeys(v as object, full) : [full];
  });
}

export function valueAt(declaration: object, key: string): unknown {
  let value: unknown = declaration;
  for (const part of key.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

function setAt(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (!next || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}

/**
 * Importing declarations from other formats: the DPGA registry's nominee and
 * screening JSON (merged by slug) and publiccode.yml. Used by
 * `dpg-check import` and by `dpg-check batch` over a registry folder.
 */
import path from 'node:path';
import { ROOT_KEY } from '../declaration/load.js';
import { importPubliccode, isPubliccode } from './publiccode.js';
import { importRegistry, registryFormatOf } from './registry.js';
import { readInputText, readSourceFile, unparsedSource } from './source.js';
import type { ImportNote, ImportResult, SourceFile } from './types.js';
import { compareText } from '../text/compare.js';

export type { ImportNote, ImportNoteKind, ImportResult, Origin, SourceFile } from './types.js';
export { importRegistry, registryFormatOf } from './registry.js';
export { importPubliccode, isPubliccode } from './publiccode.js';
export { readSourceFile, parseSource } from './source.js';
export { renderImportYaml } from './yaml.js';
export { formatNote, relocateEvidence, toLoadedDeclaration, answerLocation } from './locate.js';

export type InputKind = 'nominee' | 'screening' | 'both' | 'publiccode' | 'declaration' | 'json-schema' | 'unknown';

/** An input file, read and classified by its content. */
export interface ClassifiedFile {
  /** The path as shown (relative to the batch input, or as given). */
  shownAs: string;
  absPath: string;
  kind: InputKind;
  /** The parsed file; absent when it could not be read or parsed (see `notes`). */
  file?: SourceFile;
  notes: ImportNote[];
  /** File name without folder and extension: the registry pairs files by it. */
  slug: string;
  /** The folder the file is in, relative to the input (`nominees`), for pairing preferences. */
  folder: string;
}

export function slugOf(file: string): string {
  return path.basename(file).replace(/\.(json|ya?ml)$/i, '');
}

/** Reads a file and says what it is: a registry file, a publiccode.yml, a dpg declaration, a JSON Schema. */
export function classifyFile(absPath: string, shownAs: string): ClassifiedFile {
  const posix = shownAs.split(path.sep).join('/');
  const base = { shownAs: posix, absPath, slug: slugOf(posix), folder: path.posix.dirname(posix) };
  if (/\.ya?ml$/i.test(posix) && !/(^|\/)publiccode\.ya?ml$/i.test(posix)) {
    const text = readInputText(absPath, posix);
    if ('error' in text) return { ...base, kind: 'unknown', notes: [text.error] };
    // YAML that is not a publiccode.yml is taken for a declaration; the loader says what is wrong with it, if anything.
    if (!/^publiccodeYmlVersion\s*:/m.test(text.text)) return { ...base, kind: 'declaration', file: unparsedSource(posix, text.text), notes: [] };
  }
  const read = readSourceFile(absPath, posix);
  if (!read.file) return { ...base, kind: 'unknown', notes: read.notes };
  const data = read.file.data;
  const kind = kindOf(data, posix);
  return { ...base, kind, file: read.file, notes: read.notes };
}

function kindOf(data: unknown, file: string): InputKind {
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const record = data as Record<string, unknown>;
    if (typeof record.$schema === 'string' && /json-schema\.org/.test(record.$schema) && ('properties' in record || '$defs' in record || 'definitions' in record)) return 'json-schema';
    const registry = registryFormatOf(data);
    if (registry) return registry;
    if (isPubliccode(data) || /(^|\/)publiccode\.ya?ml$/i.test(file)) return 'publiccode';
    if ('name' in record || 'types' in record || 'declarationVersion' in record) return 'declaration';
  }
  return 'unknown';
}

/** Registry files merged into candidates: a nominee file with the screening file of the same slug. */
export interface RegistryGroup {
  slug: string;
  nominee?: ClassifiedFile;
  screening?: ClassifiedFile;
  /** One file in both formats. */
  combined?: ClassifiedFile;
}

/**
 * Pairs registry files by slug. Every nominee file is a candidate; a screening
 * file joins the nominee of the same slug in a folder named `nominees`, else
 * the first other one (by folder name); a screening file with no nominee is a
 * candidate of its own (reported as incomplete).
 */
export function pairRegistryFiles(files: readonly ClassifiedFile[]): RegistryGroup[] {
  const groups: RegistryGroup[] = [];
  const nominees = files.filter((f) => f.kind === 'nominee').sort((a, b) => compareText(a.shownAs, b.shownAs));
  for (const nominee of nominees) groups.push({ slug: nominee.slug, nominee });
  for (const combined of files.filter((f) => f.kind === 'both')) groups.push({ slug: combined.slug, combined });
  const preference = (group: RegistryGroup): number => (group.nominee?.folder.split('/').pop() === 'nominees' ? 0 : 1);
  for (const screening of files.filter((f) => f.kind === 'screening').sort((a, b) => compareText(a.shownAs, b.shownAs))) {
    const partner = groups
      .filter((g) => g.nominee && !g.screening && g.slug === screening.slug)
      .sort((a, b) => preference(a) - preference(b) || compareText(a.nominee!.folder, b.nominee!.folder))[0];
    if (partner) partner.screening = screening;
    else groups.push({ slug: screening.slug, screening });
  }
  return groups;
}

/** Imports one registry group. */
export function importRegistryGroup(group: RegistryGroup): ImportResult {
  if (group.combined?.file) return importRegistry({ nominee: group.combined.file, screening: group.combined.file, slug: group.slug, combined: true });
  const result = importRegistry({
    ...(group.nominee?.file ? { nominee: group.nominee.file } : {}),
    ...(group.screening?.file ? { screening: group.screening.file } : {}),
    slug: group.slug,
  });
  // Notes from reading the files (link files followed) come first.
  result.notes.unshift(...(group.nominee?.notes ?? []), ...(group.screening?.notes ?? []));
  return result;
}

/** What `dpg-check import` makes of a list of files: one result per candidate, or the notes saying why there is none. */
export interface ImportOutcome {
  slug: string;
  result?: ImportResult;
  /** Problems that prevented an import (unreadable, unrecognised files). */
  notes: ImportNote[];
}

export function importFiles(inputs: readonly { absPath: string; shownAs: string }[]): ImportOutcome[] {
  const classified = inputs.map((input) => classifyFile(input.absPath, input.shownAs));
  const outcomes: ImportOutcome[] = [];
  for (const file of classified) {
    if (!file.file) {
      outcomes.push({ slug: file.slug, notes: file.notes });
    } else if (file.kind === 'publiccode') {
      const result = importPubliccode(file.file);
      result.notes.unshift(...file.notes);
      outcomes.push({ slug: file.slug, result, notes: [] });
    } else if (file.kind === 'declaration' || file.kind === 'json-schema' || file.kind === 'unknown') {
      const what = file.kind === 'declaration' ? 'already a dpg-check declaration (check it with `dpg-check validate`)' : file.kind === 'json-schema' ? 'a JSON Schema, not an entry' : 'neither a DPGA registry entry (nominee or screening format) nor a publiccode.yml';
      outcomes.push({ slug: file.slug, notes: [...file.notes, { kind: 'error', file: file.shownAs, key: ROOT_KEY, message: `cannot import it: it is ${what}` }] });
    }
  }
  for (const group of pairRegistryFiles(classified.filter((f) => f.file && (f.kind === 'nominee' || f.kind === 'screening' || f.kind === 'both')))) {
    outcomes.push({ slug: group.slug, result: importRegistryGroup(group), notes: [] });
  }
  return outcomes;
}

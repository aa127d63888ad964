/**
 * What `dpg-check batch <input>` checks. The input is:
 *
 * - a folder of declarations: `*.json`, `*.yml`, `*.yaml` in it and in its
 *   direct subfolders, each classified by its content — DPGA registry files
 *   (nominee and screening formats, paired by slug: the layout of the
 *   registry, `nominees/` + `digitalpublicgoods/` + `archive/`, works as is),
 *   publiccode.yml files and dpg-check declarations; JSON Schema files are
 *   skipped;
 * - a text file of targets, one per line (`#` starts a comment): local
 *   directories, declaration files, git URLs, `github:owner/repo`;
 * - a CSV file with a header row naming a `target` column (optional `id`,
 *   `declaration`, `type`, `path`), or a JSON list of targets or of objects
 *   with those keys.
 *
 * Relative paths in a list are relative to the list file. Each candidate has
 * a stable id (the file's path in the folder, or the list's `id`, else the
 * target as written), which sharding, resume and the summary's order use.
 * Problems with the input itself throw `BatchInputError` (exit 2); a bad
 * entry is a candidate that becomes an error row.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { SOLUTION_TYPES, type SolutionType } from '../model.js';
import { classifyFile, pairRegistryFiles, type ClassifiedFile, type RegistryGroup } from '../import/index.js';
import { looksRemote } from '../sources/target.js';

export class BatchInputError extends Error {}

export type CandidateSpec =
  /** Registry entry (nominee + screening files), checked on its declaration only. */
  | { kind: 'registry'; group: RegistryGroup }
  /** A publiccode.yml, checked on its declaration only. */
  | { kind: 'publiccode'; file: ClassifiedFile }
  /** A dpg-check declaration file, checked on its own. */
  | { kind: 'declaration'; file: ClassifiedFile }
  /** A repository: a local directory, a git URL or a `github:` ref, checked with its sources. */
  | { kind: 'target'; target: string; resolved: string; remote: boolean; declarationFile?: string; types?: SolutionType[]; subPath?: string }
  /** An entry that cannot be checked at all (unreadable, unrecognised): an error row with this message. */
  | { kind: 'invalid'; location: string; message: string };

export interface Candidate {
  id: string;
  spec: CandidateSpec;
}

/** A file as sent to a worker process, which reads it again. */
export interface WireFile {
  absPath: string;
  shownAs: string;
}

/** A candidate in a form that crosses a process boundary (plain data: files by path, not parsed). */
export interface WireCandidate {
  id: string;
  spec:
    | { kind: 'registry'; slug: string; nominee?: WireFile; screening?: WireFile; combined?: WireFile }
    | { kind: 'publiccode' | 'declaration'; file: WireFile }
    | Extract<CandidateSpec, { kind: 'target' | 'invalid' }>;
}

export function toWire(candidate: Candidate): WireCandidate {
  const file = (f: ClassifiedFile | undefined): WireFile | undefined => (f ? { absPath: f.absPath, shownAs: f.shownAs } : undefined);
  const { spec } = candidate;
  switch (spec.kind) {
    case 'registry': {
      const { nominee, screening, combined } = spec.group;
      return {
        id: candidate.id,
        spec: {
          kind: 'registry', slug: spec.group.slug,
          ...(nominee ? { nominee: file(nominee)! } : {}), ...(screening ? { screening: file(screening)! } : {}), ...(combined ? { combined: file(combined)! } : {}),
        },
      };
    }
    case 'publiccode':
    case 'declaration':
      return { id: candidate.id, spec: { kind: spec.kind, file: file(spec.file)! } };
    default:
      return { id: candidate.id, spec };
  }
}

/** The worker's side of `toWire`: the files are read and classified again. */
export function fromWire(wire: WireCandidate): Candidate {
  const { spec } = wire;
  const file = (f: WireFile | undefined): ClassifiedFile | undefined => (f ? classifyFile(f.absPath, f.shownAs) : undefined);
  switch (spec.kind) {
    case 'registry': {
      const nominee = file(spec.nominee);
      const screening = file(spec.screening);
      const combined = file(spec.combined);
      return { id: wire.id, spec: { kind: 'registry', group: { slug: spec.slug, ...(nominee ? { nominee } : {}), ...(screening ? { screening } : {}), ...(combined ? { combined } : {}) } } };
    }
    case 'publiccode':
    case 'declaration':
      return { id: wire.id, spec: { kind: spec.kind, file: file(spec.file)! } };
    default:
      return { id: wire.id, spec };
  }
}

export interface BatchInput {
  /** What the input was, for messages: "registry folder", "list of targets". */
  description: string;
  candidates: Candidate[];
  /** Files the input held that are not candidates (JSON Schemas), for a note on stderr. */
  skipped: string[];
}

const DECLARATION_EXTENSIONS = /\.(json|ya?ml)$/i;
/** Remote targets: a URL git understands, or a `github:` / `gitlab:` ref. */
const REMOTE = /^(https?:\/\/|git@|ssh:\/\/|git:\/\/|github:|gitlab:)/i;

export function readBatchInput(input: string): BatchInput {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BatchInputError(`cannot read the batch input ${input}: ${code === 'ENOENT' ? 'no such file or directory' : code ?? (error as Error).message}`);
  }
  if (stat.isDirectory()) return readFolder(input);
  if (!stat.isFile()) throw new BatchInputError(`the batch input ${input} is neither a folder nor a file`);
  if (/\.csv$/i.test(input)) return readCsvList(input);
  if (/\.json$/i.test(input)) return readJsonList(input);
  return readTextList(input);
}

// ---------------------------------------------------------------------------
// A folder of declarations

function readFolder(folder: string): BatchInput {
  const { files, refused } = listDeclarationFiles(folder);
  const classified = files.map((relative) => classifyFile(path.join(folder, relative), relative));
  // A link the batch does not follow is still a file of the folder: it gets a row saying why it was not read.
  const candidates: Candidate[] = refused.map(({ relative, message }) => ({ id: relative, spec: { kind: 'invalid', location: relative, message: `${relative}: ${message}` } }));
  const skipped: string[] = [];
  const registry: ClassifiedFile[] = [];
  for (const file of classified) {
    switch (file.kind) {
      case 'nominee':
      case 'screening':
      case 'both':
        registry.push(file);
        break;
      case 'publiccode':
        candidates.push({ id: file.shownAs, spec: { kind: 'publiccode', file } });
        break;
      case 'declaration':
        candidates.push({ id: file.shownAs, spec: { kind: 'declaration', file } });
        break;
      case 'json-schema':
        skipped.push(file.shownAs);
        break;
      default: {
        // Unreadable or unrecognised: the file is still a candidate, so it gets a row saying why.
        const note = file.notes.find((n) => n.kind === 'error');
        const at = note?.at ? `:${note.at.line}:${note.at.column}` : '';
        const message = note ? `${file.shownAs}${at}: ${note.message}` : `${file.shownAs}: neither a DPGA registry entry, a publiccode.yml nor a dpg-check declaration`;
        candidates.push({ id: file.shownAs, spec: { kind: 'invalid', location: file.shownAs, message } });
      }
    }
  }
  for (const group of pairRegistryFiles(registry)) {
    const primary = group.nominee ?? group.combined ?? group.screening!;
    candidates.push({ id: primary.shownAs, spec: { kind: 'registry', group } });
  }
  const hasRegistry = registry.length > 0;
  return { description: hasRegistry ? 'registry folder' : 'folder of declarations', candidates: uniqueIds(withoutExtensions(candidates)), skipped };
}

/**
 * `nominees/dhis2.json` → `nominees/dhis2`: the registry's own way of naming
 * an entry, for every file of a folder (a file that cannot be parsed keeps
 * the id it will have once fixed). Two files that differ only by extension
 * keep theirs.
 */
function withoutExtensions(candidates: Candidate[]): Candidate[] {
  const stem = (id: string): string => id.replace(DECLARATION_EXTENSIONS, '');
  const count = new Map<string, number>();
  for (const candidate of candidates) count.set(stem(candidate.id), (count.get(stem(candidate.id)) ?? 0) + 1);
  return candidates.map((candidate) => (count.get(stem(candidate.id)) === 1 ? { ...candidate, id: stem(candidate.id) } : candidate));
}

/**
 * Declaration-like files in the folder and its direct subfolders (hidden ones left out), sorted; and the
 * symbolic links among them that are not followed (to outside the folder, to no file), with why.
 */
function listDeclarationFiles(folder: string): { files: string[]; refused: { relative: string; message: string }[] } {
  const found: string[] = [];
  const refused: { relative: string; message: string }[] = [];
  const visit = (relative: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(folder, relative), { withFileTypes: true });
    } catch (error) {
      if (depth === 0) throw new BatchInputError(`cannot read the folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      // Symbolic links are followed only to files in the folder: a batch reads what it was given.
      if (entry.isDirectory() && depth === 0) visit(child, depth + 1);
      else if ((entry.isFile() || entry.isSymbolicLink()) && DECLARATION_EXTENSIONS.test(entry.name)) {
        if (entry.isSymbolicLink() && !insideFolder(folder, child)) {
          refused.push({ relative: child, message: 'a symbolic link to outside the folder (or to no file): not followed, so not checked' });
          continue;
        }
        found.push(child);
      }
    }
  };
  visit('', 0);
  return { files: found.sort(), refused: refused.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0)) };
}

function insideFolder(folder: string, relative: string): boolean {
  try {
    const real = fs.realpathSync(path.join(folder, relative));
    const root = fs.realpathSync(folder);
    return real.startsWith(`${root}${path.sep}`) && fs.statSync(real).isFile();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// Lists of targets

interface ListEntry {
  target: string;
  id?: string;
  declaration?: string;
  types?: string;
  subPath?: string;
  /** Where the entry is written, for messages (`repos.csv:4`). */
  where: string;
}

function readListFile(file: string): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    throw new BatchInputError(`cannot read the batch input ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function readTextList(file: string): BatchInput {
  const entries: ListEntry[] = [];
  readListFile(file).split(/\r?\n/).forEach((raw, index) => {
    // `#` starts a comment at the start of a line or after a space (a URL may hold `#` itself).
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line !== '') entries.push({ target: line, where: `${file}:${index + 1}` });
  });
  return fromList(file, entries, 'list of targets');
}

function readCsvList(file: string): BatchInput {
  let records: string[][];
  try {
    records = parseCsv(readListFile(file), { relax_column_count: true, skip_empty_lines: true, trim: true, comment: '#' }) as string[][];
  } catch (error) {
    throw new BatchInputError(`${file}: invalid CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) return fromList(file, [], 'CSV list');
  const header = records[0]!.map((cell) => cell.toLowerCase());
  const column = (...names: string[]): number => header.findIndex((cell) => names.includes(cell));
  const targetColumn = column('target', 'repository', 'repo', 'url', 'path');
  const hasHeader = targetColumn !== -1;
  if (!hasHeader && records[0]!.some((cell) => /^(id|name|declaration|type|types)$/i.test(cell))) {
    throw new BatchInputError(`${file}: the header row has no "target" column (expected target, and optionally id, declaration, type, path)`);
  }
  const idColumn = hasHeader ? column('id') : -1;
  const declarationColumn = hasHeader ? column('declaration') : -1;
  const typeColumn = hasHeader ? column('type', 'types') : -1;
  const pathColumn = hasHeader && header[targetColumn] !== 'path' ? column('path', 'subpath') : -1;
  const entries: ListEntry[] = [];
  records.slice(hasHeader ? 1 : 0).forEach((record, index) => {
    const cell = (at: number): string | undefined => (at >= 0 && record[at] !== undefined && record[at] !== '' ? record[at] : undefined);
    const target = cell(hasHeader ? targetColumn : 0);
    if (target === undefined) return;
    entries.push({
      target,
      where: `${file}:${index + (hasHeader ? 2 : 1)}`,
      ...(cell(idColumn) !== undefined ? { id: cell(idColumn)! } : {}),
      ...(cell(declarationColumn) !== undefined ? { declaration: cell(declarationColumn)! } : {}),
      ...(cell(typeColumn) !== undefined ? { types: cell(typeColumn)! } : {}),
      ...(cell(pathColumn) !== undefined ? { subPath: cell(pathColumn)! } : {}),
    });
  });
  return fromList(file, entries, 'CSV list');
}

function readJsonList(file: string): BatchInput {
  let data: unknown;
  try {
    data = JSON.parse(readListFile(file));
  } catch (error) {
    throw new BatchInputError(`${file}: invalid JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(data) ? data : typeof data === 'object' && data !== null && Array.isArray((data as { candidates?: unknown }).candidates) ? (data as { candidates: unknown[] }).candidates : undefined;
  if (!list) throw new BatchInputError(`${file}: a JSON batch input is a list of targets, or an object with a "candidates" list (to check one declaration, use \`dpg-check --declaration ${file}\`)`);
  const entries: ListEntry[] = [];
  list.forEach((item, index) => {
    const where = `${file} [${index}]`;
    if (typeof item === 'string') {
      if (item.trim() !== '') entries.push({ target: item.trim(), where });
      return;
    }
    const record = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    const text = (key: string): string | undefined => (typeof record[key] === 'string' && (record[key] as string).trim() !== '' ? (record[key] as string).trim() : undefined);
    const target = text('target') ?? text('repository') ?? text('url') ?? text('path');
    if (target === undefined) throw new BatchInputError(`${where}: an entry needs a "target" (a folder, a declaration file, a git URL or github:owner/repo)`);
    const types = Array.isArray(record.types) ? record.types.join(',') : text('types') ?? text('type');
    entries.push({
      target,
      where,
      ...(text('id') !== undefined ? { id: text('id')! } : {}),
      ...(text('declaration') !== undefined ? { declaration: text('declaration')! } : {}),
      ...(types !== undefined ? { types } : {}),
      ...(text('subPath') ?? text('subpath') ? { subPath: (text('subPath') ?? text('subpath'))! } : {}),
    });
  });
  return fromList(file, entries, 'JSON list');
}

function fromList(listFile: string, entries: readonly ListEntry[], description: string): BatchInput {
  const base = path.dirname(path.resolve(listFile));
  const candidates = entries.map((entry): Candidate => ({ id: entry.id ?? entry.target, spec: specFor(entry, base) }));
  return { description, candidates: uniqueIds(candidates), skipped: [] };
}

function specFor(entry: ListEntry, base: string): CandidateSpec {
  let types: SolutionType[] | undefined;
  if (entry.types !== undefined) {
    const named = entry.types.split(/[,;|\s]+/).map((t) => t.trim().toLowerCase()).filter(Boolean);
    const unknown = named.filter((t) => !(SOLUTION_TYPES as readonly string[]).includes(t));
    if (unknown.length > 0 || named.length === 0) return { kind: 'invalid', location: entry.where, message: `${entry.where}: unknown solution type ${unknown.join(', ') || '(none)'}; expected ${SOLUTION_TYPES.join(', ')}` };
    types = named as SolutionType[];
  }
  const declarationFile = entry.declaration === undefined ? undefined : path.resolve(base, entry.declaration);
  const extras = { ...(declarationFile ? { declarationFile } : {}), ...(types ? { types } : {}), ...(entry.subPath ? { subPath: entry.subPath } : {}) };
  const resolved = path.resolve(base, entry.target);
  // Remote as the sources see it (`github:`, a URL, `user@host:path`), unless a file of that name is beside the list.
  if ((REMOTE.test(entry.target) || looksRemote(entry.target)) && !fs.existsSync(resolved)) {
    return { kind: 'target', target: entry.target, resolved: entry.target, remote: true, ...extras };
  }
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(resolved);
  } catch {
    stat = undefined;
  }
  if (stat?.isFile() && DECLARATION_EXTENSIONS.test(resolved) && !declarationFile && !entry.subPath) {
    // A declaration file named as a target is checked on its own, like a file of a declaration folder.
    const file = classifyFile(resolved, entry.target);
    if (file.kind === 'publiccode') return { kind: 'publiccode', file };
    if (file.kind === 'declaration') return { kind: 'declaration', file };
    if (file.kind === 'nominee' || file.kind === 'screening' || file.kind === 'both') {
      return { kind: 'registry', group: { slug: file.slug, ...(file.kind === 'nominee' ? { nominee: file } : file.kind === 'both' ? { combined: file } : { screening: file }) } };
    }
    const note = file.notes.find((n) => n.kind === 'error');
    return { kind: 'invalid', location: entry.target, message: `${entry.where}: ${entry.target}${note?.at ? `:${note.at.line}:${note.at.column}` : ''}: ${note?.message ?? 'not a declaration, registry entry or publiccode.yml'}` };
  }
  // A directory, or a path that is missing (the check reports it: the row says why).
  return { kind: 'target', target: entry.target, resolved, remote: false, ...extras };
}

/** The same id twice (a target listed twice) gets `#2`, `#3`… so every entry keeps its own row. */
function uniqueIds(candidates: Candidate[]): Candidate[] {
  const seen = new Map<string, number>();
  return candidates.map((candidate) => {
    const count = (seen.get(candidate.id) ?? 0) + 1;
    seen.set(candidate.id, count);
    return count === 1 ? candidate : { ...candidate, id: `${candidate.id}#${count}` };
  });
}

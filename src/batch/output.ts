/**
 * The batch's output folder (`--out`):
 *
 *     batch.json          what ran: input, shard, tool version (marks the folder as a batch's)
 *     reports/<name>.json one JSON report per checked candidate (schema/report.schema.json)
 *     rows/<name>.json    the candidate's summary row and input hash: written last, it marks the
 *                         candidate as done (`--resume` and `merge` read it)
 *     summary.json, summary.csv, summary.txt
 *
 * Every file is written whole to a temporary name in the same folder and
 * renamed into place, so an interruption (Ctrl-C, a killed runner) leaves each
 * file either complete or absent, never half written. Left-over temporary
 * files (`.*.tmp`) are removed by the next run.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SummaryRow } from './summary.js';
import { writeFileAtomic } from '../output-file.js';

export const BATCH_MARKER = 'batch.json';
export const REPORTS_DIR = 'reports';
export const ROWS_DIR = 'rows';
export const SUMMARY_FILES = { json: 'summary.json', csv: 'summary.csv', text: 'summary.txt' } as const;

/** The output folder cannot be used (not empty and not a batch's, not writable). */
export class OutputError extends Error {}

/** Every file of the folder is written redacted and atomically (src/output-file.ts). */
export { writeFileAtomic };

/** Removes temporary files an interrupted run left behind. */
export function removeTemporaryFiles(out: string): void {
  for (const directory of [out, path.join(out, REPORTS_DIR), path.join(out, ROWS_DIR)]) {
    let names: string[];
    try {
      names = fs.readdirSync(directory);
    } catch {
      continue;
    }
    for (const name of names) if (/^\..+\.\d+\.\d+\.tmp$/.test(name)) fs.rmSync(path.join(directory, name), { force: true });
  }
}

/**
 * A file name for a candidate id: readable (the id with unsafe characters
 * replaced) and unique (a hash of the exact id), so `nominees/dhis2` and
 * `Nominees/DHIS2` never share a file, on any file system.
 */
export function fileNameFor(id: string): string {
  const readable = id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 80) || 'candidate';
  const digest = crypto.createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 8);
  return `${readable}-${digest}.json`;
}

export function reportPathFor(id: string): string {
  return `${REPORTS_DIR}/${fileNameFor(id)}`;
}

/** What `rows/<name>.json` holds. */
export interface RowRecord {
  rowVersion: 1;
  id: string;
  inputHash: string;
  row: SummaryRow;
}

export function readRowRecord(out: string, id: string): RowRecord | undefined {
  const record = readJson(path.join(out, ROWS_DIR, fileNameFor(id)));
  if (!isRowRecord(record) || record.id !== id) return undefined;
  return record;
}

export function isRowRecord(value: unknown): value is RowRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<RowRecord>;
  return record.rowVersion === 1 && typeof record.id === 'string' && typeof record.inputHash === 'string' && typeof record.row === 'object' && record.row !== null;
}

export function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export interface BatchMarker {
  batchVersion: 1;
  tool: { name: 'dpg-check'; version: string };
  input: string;
  shard: string | null;
  /** How many candidates this run (or shard) has. */
  candidates: number;
}

/**
 * Prepares `--out`. A fresh run replaces the files of a previous batch there
 * (its rows, reports and summaries, nothing else); `--resume` keeps them.
 * A folder that holds other files and no batch is refused rather than mixed into.
 */
export function prepareOutput(out: string, resume: boolean): void {
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new OutputError(`cannot use ${out} as the output folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const isBatch = entries.includes(BATCH_MARKER);
  if (entries.length > 0 && !isBatch) {
    throw new OutputError(`the output folder ${out} is not empty and holds no dpg-check batch (${BATCH_MARKER}): choose an empty or new folder`);
  }
  fs.mkdirSync(path.join(out, REPORTS_DIR), { recursive: true });
  fs.mkdirSync(path.join(out, ROWS_DIR), { recursive: true });
  removeTemporaryFiles(out);
  if (isBatch && !resume) {
    for (const directory of [REPORTS_DIR, ROWS_DIR]) {
      for (const name of fs.readdirSync(path.join(out, directory))) if (name.endsWith('.json')) fs.rmSync(path.join(out, directory, name), { force: true });
    }
    for (const name of Object.values(SUMMARY_FILES)) fs.rmSync(path.join(out, name), { force: true });
  }
}

/** On `--resume`: rows and reports of candidates no longer in the input are removed, so the folder describes this input only. */
export function pruneStale(out: string, keepIds: readonly string[]): void {
  const keep = new Set(keepIds.map(fileNameFor));
  for (const directory of [REPORTS_DIR, ROWS_DIR]) {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(out, directory));
    } catch {
      continue;
    }
    for (const name of names) if (name.endsWith('.json') && !keep.has(name)) fs.rmSync(path.join(out, directory, name), { force: true });
  }
}

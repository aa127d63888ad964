/**
 * The batch's output folder (`--out`):
 *
 *     batch.json          what ran: input, shard, tool version (marks the folder as a batch's)
 *     reports/<name>.json one JSON report per checked candidate (schema/report.schema.json)
 *     reports/<name>.html the same report as a page (src/batch/dashboard.ts)
 *     rows.jsonl          the journal: one line per finished candidate (its summary row and input
 *                         hash), appended after its report is written, so a line marks the
 *                         candidate as done (`--resume` and `merge` read it)
 *     summary.json, summary.csv, summary.txt
 *     summary.html        the dashboard: every candidate × the eleven indicators, linked to its page
 *
 * Every other file is written whole to a temporary name in the same folder and
 * renamed into place, so an interruption (Ctrl-C, a killed runner) leaves each
 * file either complete or absent, never half written. Left-over temporary
 * files (`.*.tmp`) are removed by the next run. The journal is one open file
 * appended to, a line per candidate (not a file created and renamed per
 * candidate, which costs more than checking a declaration-only candidate); a
 * line an interruption cut short is dropped when the journal is next opened.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SummaryRow } from './summary.js';
import { redactForFile, writeFileAtomic } from '../output-file.js';

export const BATCH_MARKER = 'batch.json';
export const REPORTS_DIR = 'reports';
export const ROWS_JOURNAL = 'rows.jsonl';
export const SUMMARY_FILES = { json: 'summary.json', csv: 'summary.csv', text: 'summary.txt', html: 'summary.html' } as const;

/** The output folder cannot be used (not empty and not a batch's, not writable). */
export class OutputError extends Error {}

/** Every file of the folder is written redacted and atomically (src/output-file.ts). */
export { writeFileAtomic };

/** Removes temporary files an interrupted run left behind. */
export function removeTemporaryFiles(out: string): void {
  for (const directory of [out, path.join(out, REPORTS_DIR)]) {
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

/** The HTML report beside a JSON report: `reports/x.json` → `reports/x.html`. */
export function htmlPathFor(reportPath: string): string {
  return reportPath.replace(/\.json$/, '.html');
}

/** What a line of `rows.jsonl` holds. */
export interface RowRecord {
  rowVersion: 1;
  id: string;
  inputHash: string;
  row: SummaryRow;
}

/** The journal's rows by candidate id, a later line for an id replacing an earlier one; lines that do not parse are skipped. */
export function readRowJournal(out: string): Map<string, RowRecord> {
  const records = new Map<string, RowRecord>();
  let text: string;
  try {
    text = fs.readFileSync(path.join(out, ROWS_JOURNAL), 'utf8');
  } catch {
    return records;
  }
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      continue; // cut short by an interruption
    }
    if (isRowRecord(record)) records.set(record.id, record);
  }
  return records;
}

/** Replaces the journal with `records` (atomically): compaction on `--resume`, and `merge`. */
export function writeRowJournal(out: string, records: Iterable<RowRecord>): void {
  let text = '';
  for (const record of records) text += `${JSON.stringify(record)}\n`;
  writeFileAtomic(path.join(out, ROWS_JOURNAL), text);
}

/** The journal, open for appending during a run. */
export class RowJournal {
  private readonly descriptor: number;

  constructor(out: string) {
    const file = path.join(out, ROWS_JOURNAL);
    dropCutLine(file);
    this.descriptor = fs.openSync(file, 'a');
  }

  /** One line, written whole with one `write` (the report it names is already on disk). */
  append(record: RowRecord): void {
    // Redacted like every other file the CLI writes: a token can sit in a candidate's location or name.
    const line = Buffer.from(redactForFile(`${JSON.stringify(record)}\n`), 'utf8');
    for (let written = 0; written < line.length;) written += fs.writeSync(this.descriptor, line, written);
  }

  close(): void {
    fs.closeSync(this.descriptor);
  }
}

/** A journal not ending in a newline lost its last line to an interruption: cut it, so the next line starts clean. */
function dropCutLine(file: string): void {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return;
  }
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) fs.truncateSync(file, bytes.lastIndexOf(0x0a) + 1);
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
  removeTemporaryFiles(out);
  if (isBatch && !resume) {
    for (const name of fs.readdirSync(path.join(out, REPORTS_DIR))) if (name.endsWith('.json')) fs.rmSync(path.join(out, REPORTS_DIR, name), { force: true });
    for (const name of [...Object.values(SUMMARY_FILES), ROWS_JOURNAL]) fs.rmSync(path.join(out, name), { force: true });
  }
}

/**
 * On `--resume`: rows and reports of candidates no longer in the input are removed, so the folder describes this
 * input only, and the journal is compacted to one line per candidate. Returns the rows kept.
 */
export function pruneStale(out: string, keepIds: readonly string[]): Map<string, RowRecord> {
  const keep = new Set(keepIds.map(fileNameFor));
  let names: string[] = [];
  try {
    names = fs.readdirSync(path.join(out, REPORTS_DIR));
  } catch {
    // no reports yet
  }
  for (const name of names) if (name.endsWith('.json') && !keep.has(name)) fs.rmSync(path.join(out, REPORTS_DIR, name), { force: true });
  const ids = new Set(keepIds);
  const kept = new Map([...readRowJournal(out)].filter(([id]) => ids.has(id)));
  writeRowJournal(out, kept.values());
  return kept;
}

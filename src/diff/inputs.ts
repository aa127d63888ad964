/**
 * The two sides of `dpg-check diff`: a saved JSON report, or a batch `--out`
 * folder (its `summary.json` and the JSON report of each checked candidate).
 * Anything that cannot be read is a `CheckError` with a located message, so
 * the command exits 2 instead of comparing half an input.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Report } from '../model.js';
import type { SummaryRow } from '../batch/summary.js';
import { readReport } from '../commands/saved-report.js';
import { CheckError } from '../engine/check.js';

/** One candidate of a batch folder: checked (with its report) or not (with why). */
export interface BatchCandidate {
  id: string;
  name: string;
  report?: Report;
  /** Why it could not be checked (the summary row's message). */
  error?: string;
}

export type DiffInput =
  | { kind: 'report'; path: string; report: Report }
  | { kind: 'batch'; path: string; candidates: BatchCandidate[] };

const SUMMARY_FILE = 'summary.json';

export function readDiffInput(given: string): DiffInput {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(given);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CheckError(`cannot read ${given}: ${code === 'ENOENT' ? 'no such file or folder' : code ?? (error as Error).message}`);
  }
  if (!stats.isDirectory()) return { kind: 'report', path: given, report: readReport(given) };
  return { kind: 'batch', path: given, candidates: readBatchFolder(given) };
}

function readBatchFolder(folder: string): BatchCandidate[] {
  const summaryFile = path.join(folder, SUMMARY_FILE);
  if (!fs.existsSync(summaryFile)) throw new CheckError(`${folder}: not a batch output folder (no ${SUMMARY_FILE}; give a JSON report or the --out folder of \`dpg-check batch\`)`);
  let summary: unknown;
  try {
    summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  } catch (error) {
    throw new CheckError(`${summaryFile}: cannot read the batch summary (${error instanceof SyntaxError ? 'not JSON' : (error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const rows = (summary as { summaryVersion?: unknown; rows?: unknown } | null);
  if (typeof rows !== 'object' || rows === null || rows.summaryVersion !== 1 || !Array.isArray(rows.rows)) {
    throw new CheckError(`${summaryFile}:1:1: not a dpg-check batch summary of version 1 (summaryVersion, rows)`);
  }
  const root = path.resolve(folder);
  const seen = new Set<string>();
  return (rows.rows as unknown[]).map((value, index) => {
    const row = value as Partial<SummaryRow> | null;
    if (typeof row !== 'object' || row === null || typeof row.id !== 'string') throw new CheckError(`${summaryFile} rows[${index}]: a row without an id`);
    if (seen.has(row.id)) throw new CheckError(`${summaryFile} rows[${index}].id: ${JSON.stringify(row.id)} appears twice`);
    seen.add(row.id);
    const name = typeof row.name === 'string' ? row.name : row.id;
    if (typeof row.report !== 'string') return { id: row.id, name, error: typeof row.message === 'string' ? row.message : 'not checked' };
    const reportFile = path.resolve(root, row.report);
    // The summary is data: a report path leading out of the folder is refused, not followed.
    if (path.relative(root, reportFile).startsWith('..') || path.isAbsolute(path.relative(root, reportFile))) {
      throw new CheckError(`${summaryFile} rows[${index}].report: ${JSON.stringify(row.report)} is outside ${folder}`);
    }
    return { id: row.id, name, report: readReport(path.join(folder, row.report)) };
  });
}

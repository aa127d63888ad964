/**
 * `dpg-check merge <dirs…>`: joins the output folders of shards (or of any
 * batches) into one summary. Rows come from each folder's `summary.json`
 * (the rows of that run's input, nothing stale), and the merged summary is
 * built by the same code as a batch's, so merging the shards of a batch
 * reproduces the unsharded summary byte for byte. With `--out`, the reports
 * and rows are copied too, making the merged folder a batch output of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  BATCH_MARKER, REPORTS_DIR, SUMMARY_FILES, fileNameFor, prepareOutput, readJson, readRowJournal, writeFileAtomic, writeRowJournal,
  type BatchMarker, type RowRecord,
} from './output.js';
import { buildSummary, type Summary, type SummaryRow } from './summary.js';
import { writeSummaries } from './run.js';
import { TOOL_VERSION } from '../version.js';

export class MergeError extends Error {}

export interface MergeOutcome {
  summary: Summary;
  /** Problems worth a warning: incomplete shards, missing shards, a candidate in two folders. */
  warnings: string[];
}

export function mergeBatches(dirs: readonly string[], out?: string): MergeOutcome {
  if (dirs.length === 0) throw new MergeError('merge needs at least one batch output folder');
  const warnings: string[] = [];
  const rows = new Map<string, { row: SummaryRow; dir: string }>();
  let pending = 0;
  const shards = new Map<string, Set<number>>();
  for (const dir of dirs) {
    const summary = readJson(path.join(dir, SUMMARY_FILES.json));
    if (!isSummary(summary)) {
      throw new MergeError(`${dir} holds no batch summary (${SUMMARY_FILES.json}): give the --out folders of \`dpg-check batch\``);
    }
    if (!summary.complete) warnings.push(`${dir}: the batch there was interrupted (${summary.counts.pending} candidates not checked): finish it with \`dpg-check batch … --out ${dir} --resume\``);
    pending += summary.counts.pending;
    for (const row of summary.rows) {
      const earlier = rows.get(row.id);
      if (earlier) warnings.push(`${row.id} is in both ${earlier.dir} and ${dir}: the row of ${dir} is kept`);
      rows.set(row.id, { row, dir });
    }
    const marker = readJson(path.join(dir, BATCH_MARKER)) as Partial<BatchMarker> | undefined;
    const shard = typeof marker?.shard === 'string' ? /^(\d+)\/(\d+)$/.exec(marker.shard) : null;
    if (shard) {
      const seen = shards.get(shard[2]!) ?? new Set<number>();
      seen.add(Number(shard[1]));
      shards.set(shard[2]!, seen);
    }
  }
  for (const [count, seen] of shards) {
    const missing = Array.from({ length: Number(count) }, (_, i) => i + 1).filter((i) => !seen.has(i));
    if (missing.length > 0) warnings.push(`shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} of ${count} not given: the merged summary lacks their candidates`);
  }
  if (shards.size > 1) warnings.push(`the folders come from batches split in different ways (${[...shards.keys()].map((n) => `${n} shards`).join(', ')})`);

  const summary = buildSummary([...rows.values()].map((entry) => entry.row), pending);
  if (out) copyInto(out, [...rows.values()], summary);
  return { summary, warnings };
}

function isSummary(value: unknown): value is Summary {
  if (typeof value !== 'object' || value === null) return false;
  const summary = value as Partial<Summary>;
  return summary.summaryVersion === 1 && Array.isArray(summary.rows) && typeof summary.counts === 'object' && summary.counts !== null && typeof summary.complete === 'boolean';
}

function copyInto(out: string, rows: readonly { row: SummaryRow; dir: string }[], summary: Summary): void {
  const resolvedOut = path.resolve(out);
  if (rows.some((entry) => path.resolve(entry.dir) === resolvedOut)) throw new MergeError(`the merge output ${out} is one of the folders being merged: choose a new folder`);
  prepareOutput(out, false);
  const journals = new Map<string, Map<string, RowRecord>>();
  const records: RowRecord[] = [];
  for (const { row, dir } of rows) {
    const name = fileNameFor(row.id);
    if (row.report) {
      const report = path.join(dir, row.report);
      if (fs.existsSync(report)) writeFileAtomic(path.join(out, REPORTS_DIR, name), fs.readFileSync(report, 'utf8'));
    }
    let journal = journals.get(dir);
    if (!journal) journals.set(dir, (journal = readRowJournal(dir)));
    const record = journal.get(row.id);
    if (record) records.push(record);
  }
  writeRowJournal(out, records);
  const marker: BatchMarker = { batchVersion: 1, tool: { name: 'dpg-check', version: TOOL_VERSION }, input: `merge of ${rows.length} rows`, shard: null, candidates: summary.counts.candidates };
  writeFileAtomic(path.join(out, BATCH_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
  writeSummaries(out, summary);
}

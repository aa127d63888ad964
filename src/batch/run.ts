/**
 * Runs a batch: the candidates of the input (or of one shard of it), checked
 * with bounded concurrency, each within its own time budget and isolated (a
 * candidate that fails or times out is an error row; the batch goes on) —
 * in worker processes when the compiled worker is there (src/batch/pool.ts),
 * else in this process.
 * With an output folder, each finished candidate's report and row are
 * written at once, so an interrupted batch keeps what it finished and
 * `--resume` picks up the rest. Prints nothing: the CLI and tests read the
 * outcome and the progress callbacks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TOOL_VERSION } from '../version.js';
import type { FailOn } from '../model.js';
import { checkBatchCandidate, type CheckOutcome } from './check-one.js';
import { finishCandidate } from './finish.js';
import { inputHash, reviewerFingerprint, shardOf, type Shard } from './fingerprint.js';
import { readBatchInput, type BatchInput, type Candidate } from './inputs.js';
import { createWorkerPool, workerScript } from './pool.js';
import {
  BATCH_MARKER, RowJournal, SUMMARY_FILES, prepareOutput, pruneStale, writeFileAtomic, type BatchMarker, type RowRecord,
} from './output.js';
import { writeDashboard } from './dashboard.js';
import { buildSummary, renderSummary, rowExceeds, type Summary, type SummaryRow } from './summary.js';

export interface BatchOptions {
  input: string;
  /** Output folder for reports, rows and summaries; nothing is written without it. */
  out?: string;
  concurrency: number;
  /** Per-candidate time budget in milliseconds. */
  timeoutMs: number;
  shard?: Shard;
  /** Skip candidates whose row is in `out` with unchanged inputs. */
  resume: boolean;
  failOn: FailOn;
  /** Aborting stops the batch after the candidates in progress (Ctrl-C). */
  signal?: AbortSignal;
  /** Aborting stops the candidates in progress too (a second Ctrl-C): they stay pending for `--resume`. */
  stopSignal?: AbortSignal;
  /**
   * `process` (the default when the compiled worker is available): each concurrent candidate is checked in a
   * worker process, so a time-out stops it and a crash is its own; `in-process`: checked in this process.
   */
  isolation?: 'process' | 'in-process';
  /** Called once the candidates are known, then after each one. */
  onProgress?: (progress: BatchProgress) => void;
  /** The reviewer's config file for every candidate (`--config`); candidates' own configs never load packs. */
  config?: string;
  /** Checks one candidate (default: `checkBatchCandidate`); tests and embedders replace it. */
  check?: (candidate: Candidate) => Promise<CheckOutcome>;
}

export interface BatchProgress {
  total: number;
  done: number;
  /** Of `done`: found finished in `out` and not checked again. */
  resumed: number;
  errors: number;
  /** The candidate just finished, if any. */
  last?: SummaryRow;
}

export interface BatchOutcome {
  input: BatchInput;
  summary: Summary;
  /** Candidates checked by this run (not resumed). */
  checked: number;
  resumed: number;
  interrupted: boolean;
  /** Some row is above `--fail-on`. */
  exceeds: boolean;
}

export async function runBatch(options: BatchOptions): Promise<BatchOutcome> {
  const input = readBatchInput(options.input);
  const candidates = options.shard ? input.candidates.filter((c) => shardOf(c.id, options.shard!.count) === options.shard!.index) : input.candidates;
  const out = options.out;
  let previous = new Map<string, RowRecord>();
  if (out) {
    prepareOutput(out, options.resume);
    if (options.resume) previous = pruneStale(out, candidates.map((c) => c.id));
    writeMarker(out, options, candidates.length);
  }
  const journal = out ? new RowJournal(out) : undefined;

  const configFile = options.config ? path.resolve(options.config) : undefined;
  // A stored row made under another config (or its packs' code) is not this run's: --resume checks it again.
  const reviewer = out ? reviewerFingerprint(configFile) : '';
  const check = options.check ?? ((candidate: Candidate) => checkBatchCandidate(candidate, configFile ? { configFile } : {}));
  const script = options.check || options.isolation === 'in-process' ? undefined : workerScript();
  // Worker processes compete for the cores; an injected check or an in-process run does not.
  const limit = script ? cpuBoundLimit(candidates) : Infinity;
  const concurrency = Math.max(1, Math.min(options.concurrency, candidates.length, limit));
  const pool = script && candidates.length > 0 ? createWorkerPool(concurrency, script, configFile ? ['--config', configFile] : []) : undefined;
  const onStop = (): void => pool?.stop();
  options.stopSignal?.addEventListener('abort', onStop);
  const rows = new Map<string, SummaryRow>();
  const progress: BatchProgress = { total: candidates.length, done: 0, resumed: 0, errors: 0 };
  options.onProgress?.({ ...progress });
  let checked = 0;
  let interrupted = false;
  let failure: unknown;
  let next = 0;

  const finish = (row: SummaryRow, resumed: boolean): void => {
    rows.set(row.id, row);
    progress.done += 1;
    if (resumed) progress.resumed += 1;
    if (row.status === 'error') progress.errors += 1;
    options.onProgress?.({ ...progress, last: row });
  };

  // Candidates a worker's end handed back unstarted (src/batch/pool.ts, `requeue`): checked before the next ones.
  const handedBack: Candidate[] = [];
  const worker = async (lane: number): Promise<void> => {
    while ((handedBack.length > 0 || next < candidates.length) && !options.signal?.aborted && !options.stopSignal?.aborted && !interrupted && failure === undefined) {
      const candidate = handedBack.shift() ?? candidates[next++]!;
      // Only an output folder keeps the hash (for a later --resume); a directory's fingerprint walks its files.
      const hash = out ? inputHash(candidate, reviewer) : '';
      if (out && options.resume) {
        const stored = resumable(out, previous.get(candidate.id), hash);
        if (stored) {
          finish(stored.row, true);
          continue;
        }
      }
      let row: SummaryRow;
      try {
        if (pool) {
          const result = await pool.slots[lane % pool.slots.length]!.run(candidate, options.timeoutMs, out);
          // Stopped (a second Ctrl-C), or a Ctrl-C that reached the worker: the candidate stays pending.
          if (result === 'interrupted') {
            interrupted = true;
            return;
          }
          if (result === 'requeue') {
            handedBack.push(candidate);
            continue;
          }
          if ('writeFailure' in result) throw result.writeFailure;
          // A worker that finished the candidate wrote its reports; one stopped or crashed did not.
          row = 'row' in result ? result.row : finishCandidate(candidate, result, out);
        } else {
          row = finishCandidate(candidate, await withinTime(isolated(check, candidate), options.timeoutMs, candidate.id), out);
        }
        // After the reports: a row in the journal means its reports are complete.
        journal?.append({ rowVersion: 1, id: candidate.id, inputHash: hash, row });
      } catch (error) {
        failure ??= error;
        return;
      }
      checked += 1;
      finish(row, false);
    }
  };
  try {
    // Two lanes per worker process: each worker holds the candidate after the one it checks (src/batch/pool.ts).
    await Promise.all(Array.from({ length: pool ? concurrency * 2 : concurrency }, (_, lane) => worker(lane)));
  } finally {
    options.stopSignal?.removeEventListener('abort', onStop);
    pool?.close();
    journal?.close();
  }
  if (failure !== undefined) throw failure;
  interrupted ||= rows.size < candidates.length;

  const summary = buildSummary([...rows.values()], candidates.length - rows.size);
  if (out) writeSummaries(out, summary);
  return {
    input,
    summary,
    checked,
    resumed: progress.resumed,
    interrupted,
    exceeds: summary.rows.some((row) => rowExceeds(row, options.failOn)),
  };
}

/**
 * Local and declaration-only candidates keep a core busy from start to end (the check, then rendering and
 * writing the reports), so checking more of them at once than there are cores only makes them take turns: on
 * 2 cores, 4 at once took the registry corpus 27 % longer than 2. A remote candidate's time is mostly waiting
 * for the network, so with one in the input `--concurrency` is taken as given.
 */
function cpuBoundLimit(candidates: readonly Candidate[]): number {
  const remote = candidates.some((c) => c.spec.kind === 'target' && c.spec.remote);
  return remote ? Number.POSITIVE_INFINITY : os.availableParallelism();
}

/** A stored row the run can keep: same candidate, same inputs, checked (error rows are tried again), its report present. */
function resumable(out: string, stored: RowRecord | undefined, hash: string): RowRecord | undefined {
  if (!stored || stored.inputHash !== hash || stored.row.status !== 'checked') return undefined;
  if (stored.row.report && !fs.existsSync(path.join(out, stored.row.report))) return undefined;
  return stored;
}

export function writeSummaries(out: string, summary: Summary): void {
  writeFileAtomic(path.join(out, SUMMARY_FILES.json), renderSummary(summary, 'json'));
  writeFileAtomic(path.join(out, SUMMARY_FILES.csv), renderSummary(summary, 'csv'));
  writeFileAtomic(path.join(out, SUMMARY_FILES.text), renderSummary(summary, 'text'));
  writeDashboard(out, summary);
}

function writeMarker(out: string, options: BatchOptions, count: number): void {
  const marker: BatchMarker = {
    batchVersion: 1,
    tool: { name: 'dpg-check', version: TOOL_VERSION },
    input: options.input,
    shard: options.shard ? `${options.shard.index}/${options.shard.count}` : null,
    candidates: count,
  };
  writeFileAtomic(path.join(out, BATCH_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
}

/** Whatever a check throws is the candidate's error, not the batch's. */
async function isolated(check: (candidate: Candidate) => Promise<CheckOutcome>, candidate: Candidate): Promise<CheckOutcome> {
  try {
    return await check(candidate);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { error: `internal error while checking ${candidate.id}: ${message.split('\n')[0]}` };
  }
}

/**
 * A candidate's time budget. The check is left to finish in the background
 * (a remote fetch cannot always be cancelled) but the batch does not wait
 * for it: the row records the timeout and the slot goes to the next candidate.
 */
async function withinTime(work: Promise<CheckOutcome>, timeoutMs: number, id: string): Promise<CheckOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ error: `${id} was not checked within ${formatSeconds(timeoutMs)} (--timeout): skipped` }), timeoutMs);
  });
  // A late failure of abandoned work must not become an unhandled rejection.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function formatSeconds(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

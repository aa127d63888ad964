/**
 * The `batch`, `merge` and `import` commands, registered on the CLI's
 * commander program by `src/cli.ts`. Reports and summaries go to stdout or
 * the output folder; progress, notes and warnings to stderr; the progress
 * bar only when stderr is a terminal.
 *
 * Exit codes: 0 every candidate at or below `--fail-on`; 1 some candidate
 * above it (a candidate that could not be checked counts as above: it was
 * not shown to pass); 2 the batch itself could not run (unreadable input,
 * bad options, output folder not writable); 130 interrupted (Ctrl-C), with
 * every finished candidate kept for `--resume`. Ctrl-C once finishes the
 * candidates in progress, twice stops them too, three times quits at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { CheckError, loadReviewerConfig } from '../engine/check.js';
import { FAIL_ON_LEVELS, type FailOn } from '../model.js';
import { formatNote, importFiles, renderImportYaml, type ImportNote } from '../import/index.js';
import { parseShard } from './fingerprint.js';
import { BatchInputError } from './inputs.js';
import { mergeBatches, MergeError } from './merge.js';
import { OutputError } from './output.js';
import { writeFileAtomic } from '../output-file.js';
import { runBatch, type BatchProgress } from './run.js';
import { SUMMARY_FORMATS, renderSummary, rowExceeds, type SummaryFormat } from './summary.js';

export interface CommandIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
}

const EXIT_OK = 0;
const EXIT_ABOVE_FAIL_ON = 1;
const EXIT_INTERRUPTED = 130;

interface BatchFlags {
  out?: string; format: SummaryFormat; concurrency: string; timeout: string; shard?: string; resume?: boolean; failOn: FailOn; inProcess?: boolean; config?: string;
}

/** Adds the commands; `setExitCode` receives each command's exit code. */
export function registerBatchCommands(program: Command, io: CommandIo, setExitCode: (code: number) => void): void {
  program.command('batch <input>')
    .description('check many candidates: a folder of declarations (e.g. the DPGA registry), a text file of targets, or a CSV/JSON list')
    .option('--out <dir>', 'write each candidate\'s JSON and HTML report, the summary (summary.json, .csv, .txt) and the dashboard (summary.html) to this folder')
    .addOption(new Option('--format <format>', 'summary format on stdout').choices([...SUMMARY_FORMATS]).default('text'))
    .option('--concurrency <n>', 'candidates checked at the same time, each in a worker process (at most one per core unless the input has remote targets)', '4')
    .option('--timeout <seconds>', 'time budget of one candidate; past it, the candidate is an error row', '120')
    .option('--shard <i/n>', 'check only shard i of n (stable assignment by candidate id), for CI matrices; join with `merge`')
    .option('--resume', 'keep the candidates already finished in --out whose inputs are unchanged')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a candidate has a finding at or above this level').choices([...FAIL_ON_LEVELS]).default('fail'))
    .option('--config <file>', 'your config file for every candidate: rules turned off, ignored paths, rule packs (a candidate\'s own config never loads packs)')
    .option('--in-process', 'check candidates in this process rather than in worker processes (lighter; time-outs cannot stop a hung check)')
    .option('--debug', 'show stack traces of internal errors')
    .action(async (input: string, flags: BatchFlags) => {
      setExitCode(await batchCommand(input, flags, io));
    });

  program.command('merge <dirs...>')
    .description('join the --out folders of batch shards into one summary (the same summary as one unsharded run)')
    .option('--out <dir>', 'write the merged summary, reports and rows to this folder')
    .addOption(new Option('--format <format>', 'summary format on stdout').choices([...SUMMARY_FORMATS]).default('text'))
    .addOption(new Option('--fail-on <level>', 'exit 1 when a candidate has a finding at or above this level').choices([...FAIL_ON_LEVELS]).default('fail'))
    .action((dirs: string[], flags: { out?: string; format: SummaryFormat; failOn: FailOn }) => {
      setExitCode(mergeCommand(dirs, flags, io));
    });

  program.command('import <files...>')
    .description('convert DPGA registry entries (nominee and/or screening JSON, merged by file name) or a publiccode.yml into a declaration')
    .option('--output <path>', 'write the declaration to this file (a folder when several candidates are imported) instead of stdout')
    .action((files: string[], flags: { output?: string }) => {
      setExitCode(importCommand(files, flags, io));
    });
}

// ---------------------------------------------------------------------------
// batch

async function batchCommand(input: string, flags: BatchFlags, io: CommandIo): Promise<number> {
  const concurrency = wholeNumber(flags.concurrency, '--concurrency', 1, 256);
  const timeoutSeconds = Number(flags.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new CheckError(`--timeout needs a number of seconds above 0, got ${flags.timeout}`);
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  if (flags.shard !== undefined && !shard) throw new CheckError(`--shard needs i/n with 1 ≤ i ≤ n (e.g. 2/5), got ${flags.shard}`);
  if (flags.resume && !flags.out) throw new CheckError('--resume needs --out: the folder of the batch to finish');
  // A broken config (or a pack that cannot load) stops the batch before any candidate: it would fail every one.
  if (flags.config) await loadReviewerConfig(flags.config);

  // Ctrl-C once: finish the candidates in progress; twice: stop them too (they stay pending); three times: quit now.
  const finishing = new AbortController();
  const stopping = new AbortController();
  const onSigint = (): void => {
    if (stopping.signal.aborted) process.exit(EXIT_INTERRUPTED);
    if (finishing.signal.aborted) {
      stopping.abort();
      io.stderr.write('dpg-check: stopping the candidates in progress (Ctrl-C again to quit at once)\n');
      return;
    }
    finishing.abort();
    io.stderr.write('\ndpg-check: interrupted: finishing the candidates in progress (Ctrl-C again to stop them)\n');
  };
  process.on('SIGINT', onSigint);
  const progress = createProgress(io);
  try {
    const outcome = await runBatch({
      input,
      ...(flags.out ? { out: flags.out } : {}),
      concurrency,
      timeoutMs: Math.round(timeoutSeconds * 1000),
      ...(shard ? { shard } : {}),
      resume: Boolean(flags.resume),
      failOn: flags.failOn,
      signal: finishing.signal,
      stopSignal: stopping.signal,
      ...(flags.inProcess ? { isolation: 'in-process' as const } : {}),
      ...(flags.config ? { config: flags.config } : {}),
      onProgress: progress.update,
    });
    progress.stop();
    if (outcome.input.skipped.length > 0) io.stderr.write(`dpg-check: skipped ${outcome.input.skipped.length} JSON Schema file${outcome.input.skipped.length === 1 ? '' : 's'}: ${outcome.input.skipped.join(', ')}\n`);
    if (outcome.input.candidates.length === 0) io.stderr.write(`dpg-check: warning: ${input} holds no candidates\n`);
    io.stdout.write(renderSummary(outcome.summary, flags.format));
    if (outcome.resumed > 0) io.stderr.write(`dpg-check: ${outcome.resumed} candidate${outcome.resumed === 1 ? '' : 's'} kept from the previous run (--resume)\n`);
    if (outcome.interrupted) {
      io.stderr.write(`dpg-check: interrupted: ${outcome.summary.counts.pending} candidate${outcome.summary.counts.pending === 1 ? '' : 's'} not checked${flags.out ? `; finish with the same command and --resume` : ''}\n`);
      return EXIT_INTERRUPTED;
    }
    return outcome.exceeds ? EXIT_ABOVE_FAIL_ON : EXIT_OK;
  } catch (error) {
    progress.stop();
    if (error instanceof BatchInputError || error instanceof OutputError) throw new CheckError(error.message);
    if (isFileSystemError(error)) throw new CheckError(`cannot write the batch output: ${(error as Error).message}`);
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function isFileSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

function wholeNumber(text: string, option: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new CheckError(`${option} needs a whole number from ${min} to ${max}, got ${text}`);
  return value;
}

/** A progress bar on a terminal (counts, rate, ETA, errors); nothing at all otherwise. */
function createProgress(io: CommandIo): { update: (progress: BatchProgress) => void; stop: () => void } {
  if (!io.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const started = performance.now();
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(progress) {
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? (progress.done - progress.resumed) / seconds : 0;
      const payload = { rate: rate >= 10 ? rate.toFixed(0) : rate.toFixed(1), errors: progress.errors };
      if (!bar) {
        bar = new cliProgress.SingleBar({
          stream: io.stderr as unknown as NodeJS.WritableStream,
          format: 'checking {bar} {value}/{total} candidates | {rate}/s | ETA {eta_formatted} | {errors} could not be checked',
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 50,
          fps: 10,
        }, cliProgress.Presets.shades_classic);
        bar.start(progress.total, progress.done, payload);
      } else {
        bar.update(progress.done, payload);
      }
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

// ---------------------------------------------------------------------------
// merge

function mergeCommand(dirs: string[], flags: { out?: string; format: SummaryFormat; failOn: FailOn }, io: CommandIo): number {
  let outcome;
  try {
    outcome = mergeBatches(dirs, flags.out);
  } catch (error) {
    if (error instanceof MergeError || error instanceof OutputError) throw new CheckError(error.message);
    if (isFileSystemError(error)) throw new CheckError(`cannot write the merged output: ${(error as Error).message}`);
    throw error;
  }
  for (const warning of outcome.warnings) io.stderr.write(`dpg-check: warning: ${warning}\n`);
  io.stdout.write(renderSummary(outcome.summary, flags.format));
  // Candidates a shard did not reach were not shown to pass.
  if (outcome.summary.counts.pending > 0) return EXIT_ABOVE_FAIL_ON;
  return outcome.summary.rows.some((row) => rowExceeds(row, flags.failOn)) ? EXIT_ABOVE_FAIL_ON : EXIT_OK;
}

// ---------------------------------------------------------------------------
// import

const NOTE_LABELS: Readonly<Record<ImportNote['kind'], string>> = {
  unmapped: 'not mapped',
  dropped: 'left out',
  normalised: 'changed',
  approximated: 'approximated',
  error: 'error',
};

/** Exit 0: every file imported into a valid declaration; 1: a declaration lacks something required; 2: a file could not be imported. */
function importCommand(files: string[], flags: { output?: string }, io: CommandIo): number {
  const outcomes = importFiles(files.map((file) => ({ absPath: path.resolve(file), shownAs: file })));
  let code = EXIT_OK;
  const produced: { slug: string; folder: string; yaml: string }[] = [];
  for (const outcome of outcomes) {
    for (const note of outcome.notes) io.stderr.write(`${formatNote(undefined, note)}\n`);
    if (!outcome.result) {
      code = 2;
      continue;
    }
    for (const note of outcome.result.notes) io.stderr.write(`${formatNote(outcome.result, note, NOTE_LABELS[note.kind])}\n`);
    if (!outcome.result.valid && code === EXIT_OK) code = EXIT_ABOVE_FAIL_ON;
    produced.push({ slug: outcome.slug, folder: path.posix.dirname(outcome.result.primary.path), yaml: renderImportYaml(outcome.result) });
  }
  if (produced.length === 0) return code === EXIT_OK ? 2 : code;
  try {
    if (flags.output && produced.length === 1) {
      fs.mkdirSync(path.dirname(path.resolve(flags.output)), { recursive: true });
      writeFileAtomic(flags.output, produced[0]!.yaml);
    } else if (flags.output) {
      fs.mkdirSync(flags.output, { recursive: true });
      const used = new Set<string>();
      for (const { slug, folder, yaml } of produced) {
        // The same slug in two folders (nominees/x, archive/x) gets the folder in its name.
        let name = slug.replace(/[^A-Za-z0-9._-]+/g, '-');
        if (used.has(name)) name = `${folder}-${slug}`.replace(/[^A-Za-z0-9._-]+/g, '-');
        used.add(name);
        writeFileAtomic(path.join(flags.output, `${name}.dpg.yml`), yaml);
      }
    } else {
      io.stdout.write(produced.map((p) => p.yaml).join('---\n'));
    }
  } catch (error) {
    throw new CheckError(`cannot write ${flags.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return code;
}

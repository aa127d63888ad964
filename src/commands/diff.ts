/**
 * `dpg-check diff <old> <new>`: what changed between two saved JSON reports of
 * a candidate, or between two batch `--out` folders (candidates matched by id):
 * new and resolved fails and gaps per indicator, status changes, indicator
 * verdicts, the concluded licence and the closed components named. The exit
 * code is the check's, over what is new: 1 when something new reaches
 * `--fail-on`, 0 otherwise, 2 when an input cannot be read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { FAIL_ON_LEVELS, type FailOn } from '../model.js';
import { CheckError } from '../engine/check.js';
import { writeFileAtomic } from '../output-file.js';
import { readDiffInput } from '../diff/inputs.js';
import { diffReports, reachesFailOn } from '../diff/compare.js';
import { batchReachesFailOn, diffBatches } from '../diff/batch.js';
import { DIFF_FORMATS, renderDiff, type DiffDocument, type DiffFormat } from '../diff/render.js';

interface Io {
  stdout: { write(text: string): unknown };
}

interface DiffFlags { format: DiffFormat; failOn: FailOn; output?: string }

export function registerDiffCommand(program: Command, io: Io, setExitCode: (code: number) => void): void {
  program.command('diff <old> <new>')
    .description('what changed between two saved JSON reports, or two batch --out folders: new and resolved fails and gaps, verdicts, licence, closed components')
    .addOption(new Option('--format <format>', 'output format').choices([...DIFF_FORMATS]).default('text'))
    .option('--output <file>', 'write the diff to a file instead of stdout')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a new requirement finding is at or above this level').choices([...FAIL_ON_LEVELS]).default('fail'))
    .action((oldPath: string, newPath: string, flags: DiffFlags) => {
      setExitCode(runDiff(oldPath, newPath, flags, io));
    });
}

function runDiff(oldPath: string, newPath: string, flags: DiffFlags, io: Io): number {
  const before = readDiffInput(oldPath);
  const after = readDiffInput(newPath);
  let doc: DiffDocument;
  let fails: boolean;
  if (before.kind === 'report' && after.kind === 'report') {
    const diff = diffReports(before.report, after.report);
    doc = { kind: 'report', old: oldPath, new: newPath, diff };
    fails = reachesFailOn(diff, flags.failOn);
  } else if (before.kind === 'batch' && after.kind === 'batch') {
    const diff = diffBatches(before.candidates, after.candidates);
    doc = { kind: 'batch', old: oldPath, new: newPath, diff };
    fails = batchReachesFailOn(diff, after.candidates, flags.failOn);
  } else {
    throw new CheckError(`cannot compare ${before.kind === 'report' ? `the report ${oldPath}` : `the batch folder ${oldPath}`} with ${after.kind === 'report' ? `the report ${newPath}` : `the batch folder ${newPath}`}: give two reports or two batch --out folders`);
  }
  const text = renderDiff(doc, flags.format);
  if (flags.output) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(flags.output)), { recursive: true });
      // Redacted and atomic, as everything the CLI writes (src/output-file.ts).
      writeFileAtomic(flags.output, text);
    } catch (error) {
      throw new CheckError(`cannot write ${flags.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else {
    io.stdout.write(text);
  }
  return fails ? 1 : 0;
}

/**
 * `dpg-check report <report.json…>`: renders saved JSON reports with the same
 * reporters as a check, so `report r.json --format sarif` is the document
 * `check --format sarif` wrote when r.json was saved (from the same working
 * directory: SARIF URIs and links are relative to it, as in the check).
 *
 * One report → one document, on stdout or in `--output`. Several: text and
 * markdown one after the other, SARIF one log with a run per report; with
 * `--output` a folder gets one file per report. The exit code is the check's:
 * 1 when a report has a finding at or above `--fail-on` (only new ones, for a
 * report made with `--baseline`), 2 when a report cannot be read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { FAIL_ON_LEVELS, type FailOn } from '../model.js';
import { FORMATS, type Format } from '../reporters/index.js';
import { readReport } from './saved-report.js';
import { renderOptionsFor, renderReport, type RenderFlags } from './render.js';
import { failsOn } from './baseline.js';
import { writeFileAtomic } from '../output-file.js';
// What makes a command exit 2 with its message; the CLI prints it.
import { CheckError } from '../engine/check.js';

interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

interface ReportFlags extends RenderFlags {
  format: Format;
  output?: string;
}

export const FILE_EXTENSIONS: Readonly<Record<Format, string>> = { text: 'txt', json: 'json', markdown: 'md', sarif: 'sarif', junit: 'junit.xml', html: 'html' };

/** Formats whose documents can follow one another on stdout and still be one readable document. */
const JOINABLE: Readonly<Partial<Record<Format, string>>> = { text: '\n', markdown: '\n---\n\n' };


export function registerReportCommand(program: Command, io: Io, setExitCode: (code: number) => void, useColor: (flag: boolean, io: Io) => boolean): void {
  program.command('report <reports...>')
    .description('render saved JSON reports (check --format json) in any format, as the check would have; several reports: one document, or one file each with --output <folder>')
    .addOption(new Option('--format <format>', 'report format').choices([...FORMATS]).default('text'))
    .option('--output <file|folder>', 'write the report to a file (several reports: a folder, one file per report)')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a report has a requirement finding at or above this level').choices([...FAIL_ON_LEVELS]).default('fail'))
    .option('--quiet', 'show only what needs attention')
    .option('--verbose', 'list every finding, not-applicable ones included')
    .option('--no-color', 'no colour in the text report (also NO_COLOR=1)')
    .option('--sarif-all', 'SARIF: also list passes and n/a findings')
    .action((files: string[], flags: ReportFlags) => {
      setExitCode(runReport(files, flags, io, useColor));
    });
}

function runReport(files: readonly string[], flags: ReportFlags, io: Io, useColor: (flag: boolean, io: Io) => boolean): number {
  const reports = files.map((file) => ({ file, report: readReport(file) }));
  const color = flags.output ? false : useColor(flags.color, io);
  const rendered = reports.map(({ file, report }) => ({ file, text: renderReport(report, flags.format, renderOptionsFor(report, flags, io.env, color)) }));
  const single = rendered.length === 1 ? rendered[0] : undefined;

  if (flags.output && !single) {
    writeEach(rendered, flags.output, flags.format);
  } else {
    const text = single ? single.text : joined(rendered.map((r) => r.text), flags.format);
    if (flags.output) write(flags.output, text);
    else io.stdout.write(text);
  }
  return reports.some(({ report }) => failsOn(report, flags.failOn as FailOn)) ? 1 : 0;
}

function joined(texts: readonly string[], format: Format): string {
  const separator = JOINABLE[format];
  if (separator !== undefined) return texts.join(separator);
  if (format === 'sarif') {
    const logs = texts.map((text) => JSON.parse(text) as { runs: unknown[] } & Record<string, unknown>);
    return `${JSON.stringify({ ...logs[0], runs: logs.flatMap((log) => log.runs) }, null, 2)}\n`;
  }
  throw new CheckError(`several reports in ${format} are several documents: give --output <folder> for one file per report`);
}

/** One file per report in `folder`, named after the report (`dhis2.json` → `dhis2.html`); two reports of one name are refused. */
function writeEach(rendered: readonly { file: string; text: string }[], folder: string, format: Format): void {
  const names = rendered.map(({ file }) => `${path.basename(file).replace(/\.json$/i, '')}.${FILE_EXTENSIONS[format]}`);
  const clash = names.find((name, index) => names.indexOf(name) !== index);
  if (clash) throw new CheckError(`two reports would both be written to ${path.join(folder, clash)}: give reports with different file names`);
  if (fs.existsSync(folder) && !fs.statSync(folder).isDirectory()) throw new CheckError(`--output ${folder}: with several reports, --output is a folder, and this is a file`);
  for (const [index, { text }] of rendered.entries()) write(path.join(folder, names[index]!), text);
}

function write(file: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // Redacted and atomic, as everything the CLI writes (src/output-file.ts).
    writeFileAtomic(file, text);
  } catch (error) {
    throw new CheckError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

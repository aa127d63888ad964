/**
 * The command line. Wires sources, declaration loading, the engine and the
 * reporters together; nothing imports this module. `run` returns the exit
 * code instead of exiting, so tests drive it in-process.
 *
 * Exit codes: 0 no finding at or above `--fail-on`; 1 at least one; 2 the
 * check could not be carried out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { FAIL_ON_LEVELS, SOLUTION_TYPES, type Report, type SolutionType } from './model.js';
import { checkCandidate, CheckError } from './engine/check.js';
import { formatDeclarationError, readDeclarationFile } from './declaration/load.js';
import { FORMATS, type Format } from './reporters/index.js';
import { describeRules, explain, ExplainError } from './explain.js';
import { builtInRules } from '../rules/index.js';
import { TOOL_VERSION } from './version.js';
import { RequestLog, remoteSettings } from './sources/index.js';
import { redactingStream, secretsInEnvironment } from './sources/secrets.js';
import { describeRule, listRules } from './rule-docs.js';
import { registerBatchCommands } from './batch/commands.js';
import { registerInitCommand } from './init/command.js';
import { registerReportCommand } from './commands/report.js';
import { registerDiffCommand } from './commands/diff.js';
import { readBaseline } from './commands/saved-report.js';
import { applyBaseline, failsOn } from './commands/baseline.js';
import { renderOptionsFor, renderReport } from './commands/render.js';
import { reportCannotCheck, reportToGithubActions } from './commands/github-actions.js';

export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Read by `init` on a terminal (its questions); absent in tests and pipes. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_CANNOT_CHECK = 2;

class UsageError extends Error {}

interface CheckFlags {
  declaration?: string; type?: string; path?: string; format: string; output?: string;
  failOn: string; config?: string; quiet?: boolean; color: boolean; debug?: boolean;
  sarifAll?: boolean; explain?: string;
  online?: boolean; verbose?: boolean; cache: boolean; baseline?: string;
}

export async function run(argv: readonly string[], givenIo: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env, stdin: process.stdin }): Promise<number> {
  // Tokens from the environment are replaced by *** in everything written, whatever wrote it.
  const secrets = secretsInEnvironment(givenIo.env);
  const io: Io = { ...givenIo, stdout: redactingStream(givenIo.stdout, secrets), stderr: redactingStream(givenIo.stderr, secrets) };
  let exitCode = EXIT_OK;
  let debug = argv.includes('--debug');
  // Where the candidate is, once known: located messages of a check that cannot be carried out point into it.
  let candidateRoot: string | undefined;
  const program = new Command('dpg-check')
    .description('Check a digital solution against the Digital Public Goods Standard (v1.1.7): passes, failures and evidence gaps for all eleven indicators.')
    .version(TOOL_VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`dpg-check: ${text.replace(/^error: /, '')}`),
    });

  program.command('check [target]', { isDefault: true })
    .description('check a candidate: a directory (default: the current one), a git URL, github:owner/repo, or a GitHub or GitLab URL')
    .option('--declaration <file>', 'the declaration file (default: dpg.yml, dpg.yaml, dpg.json or .github/dpg.yml in the target)')
    .option('--type <types>', `solution types, comma-separated, overriding the declaration (${SOLUTION_TYPES.join(', ')})`)
    .option('--path <subdir>', 'check a subfolder of the target (monorepo)')
    .addOption(new Option('--format <format>', 'report format').choices([...FORMATS]).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a requirement finding is at or above this level (errors always count; advice never does)').choices([...FAIL_ON_LEVELS]).default('fail'))
    .option('--config <file>', 'config file (default: .dpg-check.yml in the target)')
    .option('--quiet', 'show only what needs attention')
    .option('--no-color', 'no colour in the text report (also NO_COLOR=1)')
    .option('--debug', 'show stack traces of internal errors')
    .option('--sarif-all', 'SARIF: also list passes and n/a findings (by default only fails and gaps)')
    .option('--explain <ruleId|indicator>', 'instead of the report, trace one rule\'s or indicator\'s verdict back to its evidence')
    .option('--online', 'check that the declaration\'s evidence URLs resolve (HEAD, then GET)')
    .option('--verbose', 'list every finding, not-applicable ones included, with excerpts and licence details; print the network requests made and their cost on stderr')
    .option('--no-cache', 'remote targets: neither read nor write the cache ($XDG_CACHE_HOME/dpg-check)')
    .option('--baseline <report.json>', 'a saved JSON report: mark each finding new or unchanged, list the resolved ones, and exit 1 only for new findings at or above --fail-on')
    .action(async (target: string | undefined, flags: CheckFlags) => {
      debug = Boolean(flags.debug);
      candidateRoot = path.resolve(target ?? '.', flags.path ?? '.');
      exitCode = await runCheck(target ?? '.', flags, io);
    });

  program.command('validate <declarations...>')
    .description('validate declaration files against the schema; errors as file:line:col key: message (exit 0 valid, 1 invalid, 2 unreadable)')
    .action((files: string[]) => {
      exitCode = Math.max(...files.map((file) => runValidate(file, io)));
    });

  program.command('rules')
    .description('list the rules: id, alias, indicator, solution types, title')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((flags: { format: 'text' | 'json' }) => {
      io.stdout.write(listRules(builtInRules, flags.format));
    });

  program.command('explain <rule>')
    .description('show a rule\'s documentation: what it checks, why, its messages and what to do')
    .action((name: string) => {
      const rule = builtInRules.find((r) => r.meta.id === name || r.meta.alias === name);
      if (!rule) throw new UsageError(`unknown rule ${name} (see \`dpg-check rules\`)`);
      io.stdout.write(describeRule(rule));
    });

  // batch, merge, import (src/batch/commands.ts)
  registerBatchCommands(program, io, (code) => {
    exitCode = code;
  });

  // init (src/init/command.ts)
  registerInitCommand(program, io, (code) => {
    exitCode = code;
  });

  // report: render saved JSON reports (src/commands/report.ts)
  registerReportCommand(program, io, (code) => {
    exitCode = code;
  }, useColor);

  // diff: what changed between two reports or batch folders (src/commands/diff.ts)
  registerDiffCommand(program, io, (code) => {
    exitCode = code;
  });

  program.addHelpText('after', `
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 could not check.
Examples:
  dpg-check                          check the current directory
  dpg-check ../my-project --format json --output report.json
  dpg-check init                     write dpg.yml prefilled from the repository
  dpg-check validate dpg.yml
  dpg-check explain dpg-2-02
  dpg-check batch ../shared/corpus/registry --out results --format csv
  dpg-check import nominees/dhis2.json digitalpublicgoods/dhis2.json --output dpg.yml
  dpg-check . --baseline last-year.json   exit 1 only for findings last year's report does not have
  dpg-check report report.json --format html --output report.html
  dpg-check diff last-year.json this-year.json   what is new, resolved and changed since last year`);

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK;
      reportCannotCheck(error.message.replace(/^error: /, ''), io);
      return EXIT_CANNOT_CHECK;
    }
    if (error instanceof UsageError || error instanceof CheckError) {
      io.stderr.write(`dpg-check: ${error.message}\n`);
      reportCannotCheck(error.message, io, candidateRoot);
      return EXIT_CANNOT_CHECK;
    }
    const message = error instanceof Error ? error.message : String(error);
    reportCannotCheck(`internal error: ${message}`, io);
    io.stderr.write(`dpg-check: internal error: ${message}\n${debug && error instanceof Error ? `${error.stack}\n` : '(run with --debug to see where)\n'}`);
    return EXIT_CANNOT_CHECK;
  }
  return exitCode;
}

async function runCheck(target: string, flags: CheckFlags, io: Io): Promise<number> {
  const types = parseTypes(flags.type);
  // Read before the check, so a baseline that cannot be read stops it before any work.
  const baseline = flags.baseline !== undefined ? readBaseline(flags.baseline) : undefined;
  const log = new RequestLog(flags.verbose ? (line) => io.stderr.write(`dpg-check: ${line}\n`) : undefined);
  let report: Report;
  try {
    report = await checkCandidate({
      target,
      ...(flags.path ? { subPath: flags.path } : {}),
      ...(flags.declaration ? { declarationFile: flags.declaration } : {}),
      ...(types ? { types } : {}),
      ...(flags.config ? { configFile: flags.config } : {}),
      online: Boolean(flags.online),
      network: { settings: remoteSettings(io.env, { cache: flags.cache !== false }), log },
    });
  } finally {
    if (flags.verbose) io.stderr.write(`dpg-check: ${log.summary()}\n`);
  }
  if (baseline) report = applyBaseline(report, baseline, flags.baseline ?? '');
  const color = flags.output ? false : useColor(flags.color, io);
  const renderOptions = renderOptionsFor(report, flags, io.env, color);
  const text = flags.explain !== undefined ? explainOrUsageError(report, flags.explain, describeRules(builtInRules)) : renderReport(report, flags.format as Format, renderOptions);
  if (flags.output) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(flags.output)), { recursive: true });
      fs.writeFileSync(flags.output, text);
    } catch (error) {
      throw new CheckError(`cannot write the report to ${flags.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else {
    io.stdout.write(text);
  }
  for (const warning of report.warnings ?? []) io.stderr.write(`dpg-check: warning: ${warning}\n`);
  if (io.env.GITHUB_ACTIONS === 'true') reportToGithubActions(report, renderOptions, io);
  return failsOn(report, renderOptions.failOn ?? 'fail') ? EXIT_FINDINGS : EXIT_OK;
}

function explainOrUsageError(report: Report, subject: string, rules: ReturnType<typeof describeRules>): string {
  try {
    return explain(report, subject, rules);
  } catch (error) {
    if (error instanceof ExplainError) throw new UsageError(error.message);
    throw error;
  }
}

function runValidate(file: string, io: Io): number {
  if (!fs.existsSync(file)) {
    io.stderr.write(`dpg-check: cannot read ${file}: no such file\n`);
    return EXIT_CANNOT_CHECK;
  }
  const loaded = readDeclarationFile(path.resolve(file), file);
  if (loaded.valid) {
    io.stdout.write(`${file}: valid declaration\n`);
    return EXIT_OK;
  }
  for (const error of loaded.errors) io.stderr.write(`${formatDeclarationError(error)}\n`);
  io.stderr.write(`dpg-check: ${file}: ${loaded.errors.length} problem${loaded.errors.length === 1 ? '' : 's'}\n`);
  return EXIT_FINDINGS;
}

function parseTypes(value: string | undefined): SolutionType[] | undefined {
  if (value === undefined) return undefined;
  const types = value.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  const unknown = types.filter((t) => !(SOLUTION_TYPES as readonly string[]).includes(t));
  if (types.length === 0 || unknown.length > 0) throw new UsageError(`--type: unknown solution type ${unknown.join(', ') || '(none)'}; expected ${SOLUTION_TYPES.join(', ')}`);
  return types as SolutionType[];
}

/** Colour only on a TTY; NO_COLOR and --no-color turn it off, FORCE_COLOR on. */
function useColor(flag: boolean, io: Pick<Io, 'stdout' | 'env'>): boolean {
  if (!flag) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return Boolean(io.stdout.isTTY);
}

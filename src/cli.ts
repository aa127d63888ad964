/**
 * The command line. Wires sources, declaration loading, the engine and the
 * reporters together; nothing imports this module. `run` returns the exit
 * code instead of exiting, so tests drive it in-process. `startBatchWorker`
 * is what a batch's worker process runs (dist/bundle/worker.js): the same
 * bundle, so that a worker starts from the command line's code cache.
 *
 * Exit codes: 0 no finding at or above `--fail-on`; 1 at least one; 2 the
 * check could not be carried out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { FAIL_ON_LEVELS, INDICATOR_IDS, SOLUTION_TYPES, type Report, type SolutionType } from './model.js';
// Start-up cost is paid on every CI run: only what every command needs is imported here; the engine, the
// declaration loader (ajv, yaml), the rules, the reporters and the batch and init commands are imported by the
// action that uses them (`--version` loads none of them).
import type { Format } from './reporters/index.js';
import type { describeRules as describeRuleSet } from './explain.js';
import { TOOL_VERSION } from './version.js';
import { redactingStream, secretsInEnvironment } from './sources/secrets.js';

/** The report formats, named here so that `--help` and `--version` load no reporter. */
const FORMATS = ['text', 'json', 'markdown', 'sarif', 'junit', 'html'] as const satisfies readonly Format[];
/** A format the reporters add and this list lacks does not compile. */
const everyFormatOffered: [Exclude<Format, (typeof FORMATS)[number]>] extends [never] ? true : never = true;
void everyFormatOffered;
import { redactFromWrittenFiles, writeFileAtomic } from './output-file.js';
import { suggestCommand } from './suggest.js';

export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
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

/** Makes this process a batch worker (src/batch/worker.ts): it checks the candidates its parent sends. */
export async function startBatchWorker(): Promise<void> {
  await import('./batch/worker.js');
}

/**
 * The process's own streams. `stdin` is a getter: Node makes `process.stdin` on first use (a stream, and the fs
 * streams' code, about 5 ms), and only `init` on a terminal reads it.
 */
function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, get stdin() { return process.stdin; } };
}

export async function run(argv: readonly string[], givenIo: Io = processIo()): Promise<number> {
  // Tokens from the environment are replaced by *** in everything written, whatever wrote it: streams and files.
  const secrets = secretsInEnvironment(givenIo.env);
  const io: Io = {
    stdout: redactingStream(givenIo.stdout, secrets),
    stderr: redactingStream(givenIo.stderr, secrets),
    env: givenIo.env,
    get stdin() { return givenIo.stdin; },
  };
  redactFromWrittenFiles(secrets);
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
    .addOption(new Option('-f, --format <format>', 'report format').choices([...FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a requirement finding is at or above this level (errors always count; advice never does)').choices([...FAIL_ON_LEVELS]).default('fail'))
    .option('-c, --config <file>', 'config file (default: .dpg-check.yml in the target; a remote target\'s own config is reported, never applied)')
    .option('-q, --quiet', 'show only what needs attention')
    .option('--no-color', 'no colour in the text report (also NO_COLOR=1)')
    .option('--debug', 'show stack traces of internal errors')
    .option('--sarif-all', 'SARIF: also list passes and n/a findings (by default only fails and gaps)')
    .option('--explain <ruleId|indicator>', 'instead of the report, trace one rule\'s or indicator\'s verdict back to its evidence')
    .option('--online', 'check that the declaration\'s evidence URLs resolve (HEAD, then GET)')
    .option('-v, --verbose', 'list every finding, not-applicable ones included, with excerpts and licence details; print the network requests made and their cost on stderr')
    .option('--no-cache', 'remote targets: neither read nor write the cache ($XDG_CACHE_HOME/dpg-check)')
    .option('--baseline <report.json>', 'a saved JSON report: mark each finding new or unchanged, list the resolved ones, and exit 1 only for new findings at or above --fail-on')
    .action(async (target: string | undefined, flags: CheckFlags) => {
      debug = Boolean(flags.debug);
      candidateRoot = path.resolve(target ?? '.', flags.path ?? '.');
      exitCode = await runCheck(target ?? '.', flags, io);
    });

  program.command('validate <declarations...>')
    .description('validate declaration files against the schema; errors as file:line:col key: message (exit 0 valid, 1 invalid, 2 unreadable)')
    .action(async (files: string[]) => {
      const { validateDeclarations } = await import('./commands/validate.js');
      exitCode = validateDeclarations(files, io);
    });

  program.command('rules')
    .description('list the rules: id, alias, indicator, solution types, title')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (flags: { format: 'text' | 'json' }) => {
      const [{ builtInRules }, { listRules }] = await Promise.all([import('../rules/index.js'), import('./rule-docs.js')]);
      io.stdout.write(listRules(builtInRules, flags.format));
    });

  program.command('explain <rule|indicator> [target]')
    .description('a rule\'s documentation (what it checks, why, its options, examples, messages and what to do); an indicator, or a rule with a target, is checked and explained as `--explain` does')
    .option('-c, --config <file>', 'config file (default: .dpg-check.yml in the target)')
    .action(async (name: string, target: string | undefined, flags: { config?: string }) => {
      const [{ builtInRules }, { describeRule }, { findRule }] = await Promise.all([import('../rules/index.js'), import('./rule-docs.js'), import('./engine/rule-names.js')]);
      const rule = findRule(builtInRules, name);
      const indicator = (INDICATOR_IDS as readonly string[]).includes(name.toLowerCase().replace(/^indicator\s*/, ''));
      if (rule && target === undefined) { io.stdout.write(describeRule(rule)); return; }
      if (!rule && !indicator) throw new UsageError(`unknown rule or indicator ${name} (indicators: ${INDICATOR_IDS.join(', ')}; rules: see \`dpg-check rules\`)`);
      exitCode = await runCheck(target ?? '.', { format: 'text', failOn: 'fail', color: true, cache: true, explain: name, ...(flags.config ? { config: flags.config } : {}) }, io);
    });

  // The batch, merge, import and init commands are loaded (and registered) only when a word of the command line
  // names one of them or help is asked for: commander can dispatch to them only then.
  const mayRun = (names: readonly string[]): boolean => argv.some((word) => names.includes(word) || word === 'help' || word === '--help' || word === '-h');
  // batch, merge, import (src/batch/commands.ts)
  if (mayRun(['batch', 'merge', 'import'])) (await import('./batch/commands.js')).registerBatchCommands(program, io, (code) => {
    exitCode = code;
  });

  // init (src/init/command.ts)
  if (mayRun(['init'])) (await import('./init/command.js')).registerInitCommand(program, io, (code) => {
    exitCode = code;
  });

  // report: render saved JSON reports (src/commands/report.ts)
  if (mayRun(['report'])) (await import('./commands/report.js')).registerReportCommand(program, io, (code) => {
    exitCode = code;
  }, useColor);

  // diff: what changed between two reports or batch folders (src/commands/diff.ts)
  if (mayRun(['diff'])) (await import('./commands/diff.js')).registerDiffCommand(program, io, (code) => {
    exitCode = code;
  });

  program.addHelpText('after', `
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 could not check.
Rule packs are code: a pack named in a config runs with your rights (it can read and write your files), like
any dependency you install. A local check loads the packs its own .dpg-check.yml names; batch and remote checks
never apply a candidate's own config, packs included — only your --config (see docs/security.md).
Examples:
  dpg-check                          check the current directory
  dpg-check ../my-project --format json --output report.json
  dpg-check init                     write dpg.yml prefilled from the repository
  dpg-check validate dpg.yml
  dpg-check explain dpg-2-02         a rule's documentation
  dpg-check explain 2 ../my-project  why indicator 2 has its verdict there (as --explain 2)
  dpg-check batch ../shared/corpus/registry --out results --format csv
  dpg-check import nominees/dhis2.json digitalpublicgoods/dhis2.json --output dpg.yml
  dpg-check . --baseline last-year.json   exit 1 only for findings last year's report does not have
  dpg-check report report.json --format html --output report.html
  dpg-check diff last-year.json this-year.json   what is new, resolved and changed since last year`);

  // `check` is the default command, so a mistyped command would be read as a directory to check.
  // The lazily registered commands count too: `bach` means batch even when batch is not loaded.
  const meant = suggestCommand(argv[0], [...new Set([...program.commands.map((c) => c.name()), 'batch', 'merge', 'import', 'init', 'report', 'diff'])]);
  if (meant) {
    io.stderr.write(`dpg-check: unknown command '${argv[0] ?? ''}' (did you mean '${meant}'?); to check a directory of that name, write ./${argv[0] ?? ''}\n`);
    return EXIT_CANNOT_CHECK;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    // GitHub Actions annotations for a check that could not be carried out (a no-op elsewhere).
    const { reportCannotCheck } = await import('./commands/github-actions.js');
    if (error instanceof CommanderError) {
      if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK;
      reportCannotCheck(error.message.replace(/^error: /, ''), io);
      return EXIT_CANNOT_CHECK;
    }
    if (error instanceof UsageError || error instanceof (await import('./engine/check.js')).CheckError) {
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
  const [{ checkCandidate, CheckError }, { RequestLog, remoteSettings }, { applyBaseline, failsOn }, { renderOptionsFor, renderReport }, { reportToGithubActions }] = await Promise.all([
    import('./engine/check.js'), import('./sources/index.js'), import('./commands/baseline.js'), import('./commands/render.js'), import('./commands/github-actions.js'),
  ]);
  const types = parseTypes(flags.type);
  // Read before the check, so a baseline that cannot be read stops it before any work. Reading one validates it
  // against the report schema, which loads ajv's compiler: only a check with --baseline pays for that.
  const baseline = flags.baseline !== undefined ? (await import('./commands/saved-report.js')).readBaseline(flags.baseline) : undefined;
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
  // On a terminal the text report wraps to its width (80 columns otherwise).
  const renderOptions = { ...renderOptionsFor(report, flags, io.env, color), ...(io.stdout.isTTY && io.stdout.columns ? { width: io.stdout.columns } : {}) };
  const text = flags.explain !== undefined ? await explainOrUsageError(report, flags.explain, [...(renderOptions.rules ?? [])]) : renderReport(report, flags.format as Format, renderOptions);
  if (flags.output) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(flags.output)), { recursive: true });
      writeFileAtomic(flags.output, text);
    } catch (error) {
      throw new CheckError(`cannot write the report to ${flags.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else {
    io.stdout.write(text);
  }
  for (const warning of report.warnings ?? []) io.stderr.write(`dpg-check: warning: ${warning}\n`);
  // Packs are code that ran with the user's rights: say which (docs/security.md).
  if (report.config?.packs.length) io.stderr.write(`dpg-check: loaded rule packs (code that runs with your rights): ${report.config.packs.join(', ')}\n`);
  if (io.env.GITHUB_ACTIONS === 'true') reportToGithubActions(report, renderOptions, io);
  return failsOn(report, renderOptions.failOn ?? 'fail') ? EXIT_FINDINGS : EXIT_OK;
}

async function explainOrUsageError(report: Report, subject: string, rules: ReturnType<typeof describeRuleSet>): Promise<string> {
  const { explain, ExplainError } = await import('./explain.js');
  try {
    return explain(report, subject, rules);
  } catch (error) {
    if (error instanceof ExplainError) throw new UsageError(error.message);
    throw error;
  }
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

#!/usr/bin/env node
// The entry script of the GitHub Action (action.yml at the repository root).
//
// Reads the action's inputs from INPUT_* variables (action.yml passes them
// explicitly), runs `dpg-check` once for the report the user asked for and,
// when SARIF upload is on, once more for the SARIF file. With
// GITHUB_ACTIONS=true the check itself appends the markdown report to
// $GITHUB_STEP_SUMMARY and writes `::error file=…,line=…::` annotations.
// Everything goes to stdout, the step's log, where the runner reads workflow
// commands (the CLI writes annotations on stderr so that a report on its
// stdout stays clean; here the report goes to a file or the log anyway).
//
// Outputs (to $GITHUB_OUTPUT): exit-code, report (the report file, when one
// was written) and sarif-file. The process exits with the check's exit code:
// 0 nothing at or above fail-on, 1 findings at or above it, 2 could not check.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** An input by its action.yml name (`fail-on`): INPUT_FAIL_ON, or INPUT_FAIL-ON as node actions name them. */
export function input(env, name, fallback = '') {
  const upper = name.toUpperCase();
  const value = env[`INPUT_${upper.replace(/-/g, '_')}`] ?? env[`INPUT_${upper}`] ?? '';
  return value.trim() === '' ? fallback : value.trim();
}

function appendOutput(env, name, value) {
  if (!env.GITHUB_OUTPUT) return;
  fs.appendFileSync(env.GITHUB_OUTPUT, `${name}=${String(value).replace(/[\r\n]/g, ' ')}\n`);
}

/**
 * Runs the action with `run` (the CLI's `run(argv, io)`); returns the exit
 * code. `log` receives everything the step prints.
 */
export async function runAction(env, log, run) {
  const format = input(env, 'format', 'text');
  const failOn = input(env, 'fail-on', 'fail');
  const output = input(env, 'output');
  const uploadSarif = input(env, 'upload-sarif', 'false') === 'true';
  const common = [input(env, 'target', '.')];
  for (const [name, flag] of [['path', '--path'], ['declaration', '--declaration'], ['config', '--config']]) {
    const value = input(env, name);
    if (value) common.push(flag, value);
  }
  // Extra arguments, split on whitespace (e.g. `--type software --quiet`).
  const extra = input(env, 'args').split(/\s+/).filter(Boolean);
  const io = { stdout: log, stderr: log, env };

  const code = await run([...common, '--format', format, '--fail-on', failOn, ...(output ? ['--output', output] : []), ...extra], io);
  appendOutput(env, 'exit-code', code);
  if (output && code !== 2) appendOutput(env, 'report', output);

  if (uploadSarif && code !== 2) {
    let sarifFile = input(env, 'sarif-file');
    if (format === 'sarif' && output) {
      sarifFile = output;
    } else {
      sarifFile ||= path.join(env.RUNNER_TEMP || os.tmpdir(), 'dpg-check.sarif');
      // The second run only writes the file: no annotations or summary twice, and its warnings were shown already.
      const quiet = { stdout: log, stderr: { write: () => true }, env: { ...env, GITHUB_ACTIONS: 'false' } };
      await run([...common, '--format', 'sarif', '--fail-on', failOn, '--output', sarifFile, ...extra], quiet);
    }
    if (fs.existsSync(sarifFile)) appendOutput(env, 'sarif-file', sarifFile);
  }
  return code;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const cli = fileURLToPath(new URL('../dist/bundle/cli.cjs', import.meta.url));
  if (!fs.existsSync(cli)) {
    process.stdout.write('::error title=dpg-check::dpg-check is not built; run `npm ci && npm run build` in the action\'s folder first\n');
    process.exit(2);
  }
  const { loadBundle } = await import('../bin/load-bundle.js');
  const { run } = loadBundle(cli).exports;
  process.exitCode = await runAction(process.env, process.stdout, run);
}

// Measuring: medians of timed runs (single and paired), child processes, and the baselines' tools.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const projectRoot = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));


export function runAsync(command, args, env = process.env, okCodes = [0]) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (okCodes.includes(code) ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim().split('\n').pop()}`))));
  });
}

/**
 * `licensee` on the PATH, installed from Debian (ruby-licensee) when absent and
 * possible (root, apt-get present); otherwise why not, for the skipped row.
 */
export function ensureLicensee() {
  const version = () => {
    const result = spawnSync('licensee', ['version'], { encoding: 'utf8' });
    return result.status === 0 ? `licensee ${result.stdout.trim()}` : undefined;
  };
  let found = version();
  if (found) return { available: true, version: found };
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { available: false, why: 'licensee is not installed, and installing ruby-licensee needs root' };
  if (spawnSync('apt-get', ['--version']).status !== 0) return { available: false, why: 'licensee is not installed, and apt-get is not available to install ruby-licensee' };
  process.stderr.write('bench: installing ruby-licensee (apt-get)…\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let install = spawnSync('apt-get', ['install', '-y', '-qq', 'ruby-licensee'], { env, encoding: 'utf8' });
  if (install.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { env });
    install = spawnSync('apt-get', ['install', '-y', '-qq', 'ruby-licensee'], { env, encoding: 'utf8' });
  }
  found = version();
  return found ? { available: true, version: found } : { available: false, why: `installing ruby-licensee failed: ${(install.stderr ?? '').trim().split('\n').pop() ?? 'unknown error'}` };
}


/** Git as the snapshot runs it: no optional locks, no repository redirection from the caller's environment. */
export function gitEnv() {
  const env = { ...process.env, GIT_OPTIONAL_LOCKS: '0' };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[name];
  return env;
}

/** Runs a check writing its JSON report to a temporary file and returns the parsed report, or why there is none. */
export function verifiedReport(argsFor) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'dpg-check-bench-report-'));
  const output = path.join(scratch, 'report.json');
  try {
    const result = spawnSync(process.execPath, argsFor(output), { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    const firstError = result.stderr?.toString('utf8').trim().split('\n')[0] ?? '';
    if (!existsSync(output)) return { problem: `the check wrote no report (exit ${result.status}${firstError ? `: ${firstError}` : ''})` };
    const report = JSON.parse(readFileSync(output, 'utf8'));
    if (!Number.isInteger(report?.reportVersion)) return { problem: 'the check wrote something that is not a report' };
    return { report };
  } catch (error) {
    return { problem: `the report could not be read: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function spawnChecked(command, args, okCodes = [0]) {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (!okCodes.includes(result.status ?? -1)) {
    throw new Error(`${path.basename(command)} ${args.join(' ')} exited with ${result.status}: ${result.stderr.toString('utf8').trim()}`);
  }
}

/** One untimed warm-up (page cache, JIT), then the median of `--runs` timed runs. */
export async function medianMs(action, runs) {
  await action();
  const samples = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await action();
    samples.push(performance.now() - start);
  }
  samples.sort((x, y) => x - y);
  const middle = Math.floor(samples.length / 2);
  return samples.length % 2 === 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
}

/**
 * Paired runs: each round runs every action once, in turn, so a baseline and what is compared with it see the same
 * machine (a shared machine's load changes from second to second). One untimed warm-up round, then `runs` rounds,
 * every other one in reverse order: a command run right after another finds the machine warmer (in 40 rounds of
 * two builds' fixture checks, whichever ran second was 4 % faster), and reversing gives each action both places.
 * Returns per action the median in ms, and the median over rounds of its time divided by `baseline`'s in that round.
 */
export async function pairedMedians(actions, runs, baseline) {
  const keys = Object.keys(actions);
  for (const key of keys) await actions[key]();
  const samples = Object.fromEntries(keys.map((key) => [key, []]));
  for (let run = 0; run < runs; run++) {
    for (const key of run % 2 === 0 ? keys : [...keys].reverse()) {
      const start = performance.now();
      await actions[key]();
      samples[key].push(performance.now() - start);
    }
  }
  const ms = Object.fromEntries(keys.map((key) => [key, middle(samples[key])]));
  const ratio = Object.fromEntries(keys.map((key) => [key, middle(samples[key].map((value, i) => value / samples[baseline][i]))]));
  const ratioOf = (key, to) => middle(samples[key].map((value, i) => value / samples[to][i]));
  return { ms, ratio, ratioOf };
}

/**
 * The build given with `--against DIR` (another checkout of dpg-check, built, such as a worktree of an older commit),
 * for sections that time it beside this one: its command line, and how to name it (its commit when git can say).
 */
export function againstBuild(dir) {
  if (dir === undefined) return undefined;
  const commit = spawnSync('git', ['-C', dir, 'log', '-1', '--format=%h'], { encoding: 'utf8' });
  const name = commit.status === 0 && commit.stdout.trim() ? `${dir} at ${commit.stdout.trim()}` : dir;
  return { root: dir, bin: path.join(dir, 'bin', 'dpg-check.js'), name };
}

function middle(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

/** Peak resident memory of a command in KiB, read from GNU time (`/usr/bin/time -f %M`); undefined without it. */
export function peakRssKiB(command, args, okCodes = [0]) {
  if (!existsSync('/usr/bin/time')) return undefined;
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (!okCodes.includes(result.status ?? -1)) return undefined;
  const value = Number(result.stderr.toString('utf8').trim().split('\n').pop());
  return Number.isFinite(value) ? value : undefined;
}

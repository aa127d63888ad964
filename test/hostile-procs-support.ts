/**
 * Helpers for the tests of issue 10's process, file and output breaks:
 * processes (alive or not, found by a marker in their environment), a fake
 * `git` that hangs the way a pathological `.gitignore` makes `ls-files
 * --others` hang, and the built CLI.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';

export const REPO = process.cwd();
export const CLI = path.join(REPO, 'bin', 'dpg-check.js');
export const onLinux = process.platform === 'linux';

/** A process counts as alive while it exists and is not a zombie (PID 1 in a container may never reap). */
export function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Live processes whose environment holds `NAME=value` (every process a command started inherits it). */
export function processesMarked(name: string, value: string): number[] {
  const needle = `${name}=${value}\0`;
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let environ: string;
    try {
      environ = fs.readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch {
      continue;
    }
    if (`${environ}\0`.includes(needle) && isAlive(Number(entry))) found.push(Number(entry));
  }
  return found;
}

/** Polls until `done()` or `ms` have passed; returns `done()`'s last answer. */
export async function waitFor(done: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return done();
}

export function killAll(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

export function readPids(file: string): number[] {
  try {
    return fs.readFileSync(file, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * A folder with a `git` that behaves like the real one except when given
 * `hangOn` (by default `--others`: `ls-files --others`), which starts a helper
 * (`sleep`) and waits for it, as git does on a `.gitignore` that takes hours;
 * both pids go to `$FAKE_GIT_PIDS`.
 */
export function hangingGitDir(parent: string, hangOn = '--others'): string {
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const bin = path.join(parent, 'fake-git-bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, 'git'), [
    '#!/bin/sh',
    'for argument in "$@"; do',
    `  if [ "$argument" = "${hangOn}" ]; then`,
    '    sleep 300 &',
    '    echo "$$ $!" >> "$FAKE_GIT_PIDS"',
    '    wait',
    '    exit 0',
    '  fi',
    'done',
    `exec ${realGit} "$@"`,
    '',
  ].join('\n'), { mode: 0o755 });
  return bin;
}

/** A git work tree with one committed and one untracked file. */
export function gitTree(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'dpg.yml'), 'name: tracked\ntypes: [software]\n');
  fs.writeFileSync(path.join(dir, 'untracked.md'), '# not yet added\n');
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: dir, stdio: 'ignore' });
  };
  git('init', '-q');
  git('add', 'dpg.yml');
  git('commit', '-q', '-m', 'init');
  return dir;
}

/** Runs `body` with these environment variables set (the git helper reads process.env, as git does). */
export async function withEnv<T>(vars: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  Object.assign(process.env, vars);
  try {
    return await body();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

export function scratchDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `dpg-${name}-`));
}

/** A function giving a new, numbered folder under `scratch` on each call. */
export function freshDirs(scratch: string): (name: string) => string {
  let counter = 0;
  return (name) => {
    const dir = path.join(scratch, `${name}-${++counter}`);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
}

/** Makes `fs.writeFileSync` write half its data, then fail with ENOSPC, as on a full disk, while `body` runs. */
export async function onFullDisk<T>(body: () => T | Promise<T>): Promise<T> {
  const real = fs.writeFileSync;
  const spy = vi.spyOn(fs, 'writeFileSync').mockImplementation((file, data, options) => {
    real(file, String(data).slice(0, 10), options);
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
  });
  try {
    return await body();
  } finally {
    spy.mockRestore();
  }
}

/**
 * The built CLI is as new as the sources (`npm test` builds first); a test of
 * a real process is skipped rather than run against stale code.
 */
export function builtCliIsCurrent(): boolean {
  const stamp = path.join(REPO, 'dist', '.tsbuildinfo');
  if (!fs.existsSync(stamp) || !fs.existsSync(path.join(REPO, 'dist', 'src', 'cli.js'))) return false;
  const built = fs.statSync(stamp).mtimeMs;
  const newest = (dir: string): number => fs.readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(full) : /\.(ts|json)$/.test(entry.name) ? fs.statSync(full).mtimeMs : 0);
  }, 0);
  return built >= Math.max(newest(path.join(REPO, 'src')), newest(path.join(REPO, 'rules')));
}

/**
 * Every git command dpg-check runs goes through here: each is bounded in time,
 * and when it is stopped (its time is up, its caller gives up, the process
 * exits or is interrupted) its whole process tree goes with it — git starts
 * helpers of its own (`git-remote-https`, `index-pack`, a pathological
 * `.gitignore`'s `ls-files` can run for hours), and killing git alone would
 * leave them running, reparented to init.
 *
 * Outside a batch worker, git runs in a process group of its own and that
 * group is killed. Inside a batch worker (src/batch/worker.ts), the worker is
 * already its own group, killed whole by the batch when a candidate's time is
 * up or by the worker's watchdog when the batch dies: git stays in that group,
 * so no git process can escape it, and a stop here kills git itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface GitExecOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Past this, git (and everything it started) is killed; the result says so. */
  timeoutMs: number;
  /** Written to git's stdin, which is then closed. */
  input?: string;
  /** Receives stdout instead of the result's buffer (a streaming parser). */
  onStdout?: (chunk: Buffer) => void;
  /** Most stdout bytes kept; past it, git is stopped (`stopped` names the limit). */
  maxStdoutBytes?: number;
}

export interface GitExecResult {
  /** Exit code; null when git was stopped or ended by a signal. */
  code: number | null;
  stdout: Buffer;
  stderr: string;
  ms: number;
  /** Why git was stopped before it finished, if it was. */
  stopped?: string;
  /** The stop was the time limit. */
  timedOut: boolean;
}

export interface GitExecution {
  result: Promise<GitExecResult>;
  /** Kills git and what it started; `result` then resolves with `stopped: why`. */
  stop(why: string): void;
}

/** Time allowed to one git call on a local tree (`ls-files` of a huge or hostile work tree). */
export const DEFAULT_LOCAL_GIT_TIMEOUT_MS = 120_000;

/** `DPG_CHECK_GIT_TIMEOUT_S` (seconds, above 0) or the default: the bound of the git calls that list a local tree. */
export function localGitTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.DPG_CHECK_GIT_TIMEOUT_S);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : DEFAULT_LOCAL_GIT_TIMEOUT_MS;
}

const STDERR_KEPT = 64 * 1024;
const canKillGroups = process.platform !== 'win32';
let insideKilledGroup = false;

/**
 * Called by a batch worker, which is its own process group: git stays in it
 * (see the module comment), so the batch's group kill reaches every git process.
 */
export function keepGitInThisProcessGroup(): void {
  insideKilledGroup = true;
}

export function execGit(args: readonly string[], options: GitExecOptions): Promise<GitExecResult> {
  return startGit(args, options).result;
}

export function startGit(args: readonly string[], options: GitExecOptions): GitExecution {
  const started = performance.now();
  const ownGroup = canKillGroups && !insideKilledGroup;
  let child: ChildProcess;
  try {
    child = spawn('git', [...args], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'], detached: ownGroup, windowsHide: true });
  } catch (error) {
    // A cwd that is not a directory, an argument with a NUL: spawn throws rather than emitting 'error'.
    const message = error instanceof Error ? error.message : String(error);
    return { result: Promise.resolve({ code: 127, stdout: Buffer.alloc(0), stderr: message, ms: 0, timedOut: false }), stop: () => undefined };
  }
  const pid = child.pid;
  if (ownGroup && pid !== undefined) addGroup(pid);
  let stopped: string | undefined;
  let timedOut = false;
  let ended = false;
  const kill = (): void => {
    if (ended) return;
    try {
      if (ownGroup && pid !== undefined) process.kill(-pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  const stop = (why: string): void => {
    if (stopped !== undefined || ended) return;
    stopped = why;
    kill();
  };
  const result = new Promise<GitExecResult>((resolve) => {
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    const timer = setTimeout(() => {
      timedOut = true;
      stop(`git did not finish within ${formatSeconds(options.timeoutMs)}`);
    }, options.timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (options.onStdout) return options.onStdout(chunk);
      stdoutBytes += chunk.length;
      if (options.maxStdoutBytes !== undefined && stdoutBytes > options.maxStdoutBytes) {
        stop(`git wrote more than ${options.maxStdoutBytes} bytes`);
        return;
      }
      stdout.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_KEPT) stderr += chunk.toString('utf8');
    });
    child.stdin?.on('error', () => undefined); // git may exit before reading all of its input
    child.stdin?.end(options.input ?? '');
    let settled = false;
    const finish = (code: number | null, extraStderr = ''): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        code: stopped !== undefined ? null : code, stdout: Buffer.concat(stdout), stderr: stderr + extraStderr, ms: performance.now() - started, timedOut,
        ...(stopped !== undefined ? { stopped } : {}),
      });
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      ended = true;
      if (ownGroup && pid !== undefined) removeGroup(pid);
      finish(127, error.code === 'ENOENT' ? 'git is not installed (or not on PATH)' : error.message);
    });
    child.on('exit', () => {
      // git itself is gone; helpers it left in its group go with the group now (nothing of ours may outlive git).
      if (ownGroup && pid !== undefined) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // the group is already empty
        }
        removeGroup(pid);
      }
      ended = true;
    });
    child.on('close', (code) => finish(code));
  });
  return { result, stop };
}

// ---------------------------------------------------------------------------
// Groups still running when this process ends are killed with it.

const liveGroups = new Set<number>();
const TERMINATING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function killLiveGroups(): void {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  liveGroups.clear();
}

/**
 * While a git group runs, a signal that would end this process (nothing else
 * listens for it: a single check) ends the groups first, then the process, as
 * the default action would. When something else listens (a batch's Ctrl-C
 * handling), that listener decides; if it exits, the 'exit' hook kills the groups.
 */
function onTerminatingSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  killLiveGroups();
  unwatchSignals();
  process.kill(process.pid, signal);
}

let watching = false;
function watchSignals(): void {
  if (watching) return;
  watching = true;
  process.on('exit', killLiveGroups);
  for (const signal of TERMINATING_SIGNALS) process.on(signal, onTerminatingSignal);
}

function unwatchSignals(): void {
  if (!watching) return;
  watching = false;
  process.off('exit', killLiveGroups);
  for (const signal of TERMINATING_SIGNALS) process.off(signal, onTerminatingSignal);
}

function addGroup(pid: number): void {
  liveGroups.add(pid);
  watchSignals();
}

function removeGroup(pid: number): void {
  liveGroups.delete(pid);
  if (liveGroups.size === 0) unwatchSignals();
}

function formatSeconds(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

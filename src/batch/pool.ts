/**
 * Worker processes for a batch: one child process per slot
 * (src/batch/worker.ts), started on first use and reused. A slot's worker
 * checks one candidate at a time and holds the next one already, so that it
 * never idles while this process takes the answer and sends more (about 1 ms
 * a candidate on a 2-core VM, measured in the worker). A candidate past its
 * time budget is stopped by killing its worker (a fresh one takes the slot);
 * a worker that dies is that candidate's error, not the batch's; the
 * candidate waiting behind it was not started, and is checked again.
 *
 * Each worker is the leader of a process group of its own, and the git
 * commands it runs stay in that group (src/snapshot/git-exec.ts): stopping a
 * candidate kills the group, so nothing the check started survives it. A
 * worker dies with the batch too — when this process exits, and, should it be
 * killed outright (SIGKILL), by the worker's own watchdog (src/batch/worker.ts).
 *
 * Workers run the compiled `worker.js`; when it is not there (the sources run
 * directly, as in the tests) the batch checks candidates in its own process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { secretsRedactedFromFiles } from '../output-file.js';
import { toWire, type Candidate } from './inputs.js';
import type { SummaryRow } from './summary.js';
import { OWN_GROUP_FLAG, type WorkerRequest, type WorkerResponse } from './worker-protocol.js';

/**
 * The candidate's row (its reports written into `out` by the worker), why the worker did not finish it (past its
 * time budget, crashed), why its reports could not be written, `interrupted` (it stays pending), or `requeue`: it
 * waited behind a candidate that ended its worker, was never started, and is to be checked again.
 */
export type SlotResult = { row: SummaryRow } | { error: string } | { writeFailure: Error } | 'interrupted' | 'requeue';

export interface WorkerSlot {
  /**
   * Checks one candidate in this slot's worker process, which writes its reports into `out` when given. Calls may
   * overlap: the worker checks them one after another, in order, each within its own time budget.
   */
  run(candidate: Candidate, timeoutMs: number, out: string | undefined): Promise<SlotResult>;
}

export interface WorkerPool {
  slots: WorkerSlot[];
  /** Stops every worker now; checks in progress resolve as `interrupted`. */
  stop(): void;
  /** Lets the workers exit once idle (closes their channel). */
  close(): void;
}

/**
 * The compiled worker next to this module (dist/src/batch/, or dist/bundle/ when bundled into cli.cjs), or
 * undefined when running from the TypeScript sources.
 */
export function workerScript(): string | undefined {
  const url = new URL('./worker.js', import.meta.url);
  if (!/\.c?js$/.test(import.meta.url)) return undefined;
  const file = fileURLToPath(url);
  return fs.existsSync(file) ? file : undefined;
}

/** `args` reach every worker's command line (e.g. the reviewer's `--config`). */
export function createWorkerPool(size: number, script: string, args: readonly string[] = []): WorkerPool {
  const slots: Slot[] = Array.from({ length: size }, () => new Slot(script, args));
  // However this process ends (process.exit on a third Ctrl-C included), its workers end with it.
  const killAll = (): void => slots.forEach((slot) => slot.kill());
  process.on('exit', killAll);
  return {
    slots,
    stop: () => {
      slots.forEach((slot) => slot.stop());
      process.off('exit', killAll);
    },
    close: () => {
      slots.forEach((slot) => slot.close());
      process.off('exit', killAll);
    },
  };
}

/** A candidate sent to a slot's worker: the head of the queue is being checked, the others wait in the worker. */
interface Queued {
  seq: number;
  id: string;
  timeoutMs: number;
  resolve: (result: SlotResult) => void;
}

class Slot implements WorkerSlot {
  private child: ChildProcess | undefined;
  private seq = 0;
  /** In the worker's order: it checks one candidate at a time, the next already sent so that it never waits for this process. */
  private queue: Queued[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly script: string, private readonly args: readonly string[]) {}

  run(candidate: Candidate, timeoutMs: number, out: string | undefined): Promise<SlotResult> {
    if (this.stopped) return Promise.resolve('interrupted');
    const child = this.ensureChild();
    const seq = ++this.seq;
    return new Promise<SlotResult>((resolve) => {
      this.queue.push({ seq, id: candidate.id, timeoutMs, resolve });
      if (this.queue.length === 1) this.startClock();
      const request: WorkerRequest = { seq, candidate: toWire(candidate), ...(out !== undefined ? { out } : {}), secrets: secretsRedactedFromFiles() };
      child.send(request, (error) => {
        // The channel failed: the worker is unusable, and every candidate queued on it starts again elsewhere.
        if (!error || !this.queue.some((queued) => queued.seq === seq)) return;
        this.kill();
        this.abandon((head) => ({ error: `the check of ${head.id} could not start: ${error.message}` }));
      });
    });
  }

  stop(): void {
    this.stopped = true;
    this.kill();
    this.settleAll(() => 'interrupted');
  }

  close(): void {
    if (this.child?.connected) this.child.disconnect();
  }

  /** The head's time budget runs from when the worker starts it: when the candidate before it is answered. */
  private startClock(): void {
    clearTimeout(this.timer);
    const head = this.queue[0];
    if (!head) return;
    this.timer = setTimeout(() => {
      // Past its budget: the worker is killed, so a hang cannot hold the slot; the next run starts a fresh one.
      this.kill();
      this.abandon(() => ({ error: `${head.id} was not checked within ${formatDuration(head.timeoutMs)} (--timeout): stopped` }));
    }, head.timeoutMs);
  }

  /** The head ends with `result`; the candidates queued behind it were not started and are handed back (`requeue`). */
  private abandon(result: (head: Queued) => SlotResult): void {
    clearTimeout(this.timer);
    const [head, ...waiting] = this.queue;
    this.queue = [];
    if (head) head.resolve(result(head));
    for (const queued of waiting) queued.resolve('requeue');
  }

  private settleAll(result: () => SlotResult): void {
    clearTimeout(this.timer);
    const queued = this.queue;
    this.queue = [];
    for (const item of queued) item.resolve(result());
  }

  private readonly onMessage = (response: WorkerResponse): void => {
    const head = this.queue[0];
    if (!head || response.seq !== head.seq) return;
    this.queue.shift();
    this.startClock();
    if ('row' in response) return head.resolve({ row: response.row });
    const { message, ...errno } = response.writeFailure;
    head.resolve({ writeFailure: Object.assign(new Error(message), errno) });
  };

  private ensureChild(): ChildProcess {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) return this.child;
    // No inherited flags (a profiler, the test runner's loaders); stdout is the parent's report channel, so not shared.
    // Its own process group (detached), so a kill reaches whatever the check started.
    const ownGroup = process.platform !== 'win32';
    const child = fork(this.script, [...this.args, ...(ownGroup ? [OWN_GROUP_FLAG] : [])], {
      execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced', detached: ownGroup,
    });
    child.on('message', this.onMessage);
    child.on('exit', (code: number | null, signal: NodeJS.Signals | null) => {
      // A worker this slot killed (a time-out, a stop) was settled for when it was killed.
      if (this.child !== child) return;
      this.child = undefined;
      // Stopped by the batch, or by a Ctrl-C that reached the whole process group: the candidates stay pending.
      if (this.stopped || signal === 'SIGINT') return this.settleAll(() => 'interrupted');
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      this.abandon((head) => ({ error: `the check of ${head.id} stopped unexpectedly (its worker process ended with ${how})` }));
    });
    // A worker between candidates must not keep the batch alive.
    child.unref();
    child.channel?.unref();
    this.child = child;
    return child;
  }

  /** Kills the worker's whole process group: the worker, the git commands it runs and what they started. */
  kill(): void {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    try {
      if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

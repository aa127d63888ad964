/**
 * A batch worker: a child process that checks the candidates its parent
 * (`dpg-check batch`) sends it, one at a time, and sends each outcome back.
 * Running checks out of the parent's process is the batch's isolation: a
 * candidate that hangs is stopped by killing its worker, a crash ends one
 * worker and not the batch, the workers use every core, and the parent —
 * which runs no rule — always sees Ctrl-C.
 */
import { Worker } from 'node:worker_threads';
import { keepGitInThisProcessGroup } from '../snapshot/git-exec.js';
import { redactFromWrittenFiles } from '../output-file.js';
import { checkBatchCandidate } from './check-one.js';
import { finishCandidate } from './finish.js';
import { fromWire } from './inputs.js';
import { OWN_GROUP_FLAG, type WorkerRequest, type WorkerResponse } from './worker-protocol.js';


/** The batch's own options, given on the worker's command line by the pool. */
const configAt = process.argv.indexOf('--config');
const workerOptions = configAt > 0 && process.argv[configAt + 1] ? { configFile: process.argv[configAt + 1] as string } : {};

/** Started by the pool as the leader of its own process group: ending means ending the group (git included). */
const ownGroup = process.argv.includes(OWN_GROUP_FLAG);

/**
 * The worker's watchdog: a thread of its own, so it runs even while a rule
 * holds the main thread in a synchronous loop (no event, no IPC 'disconnect'
 * can be handled then). When the parent is gone — killed outright included —
 * this process is re-parented, and the watchdog kills the worker's group.
 */
const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
const tick = new Int32Array(new SharedArrayBuffer(4));
for (;;) {
  Atomics.wait(tick, 0, 0, workerData.intervalMs);
  if (process.ppid !== workerData.parent) process.kill(workerData.ownGroup ? 0 : process.pid, 'SIGKILL');
}`;
const WATCHDOG_INTERVAL_MS = 200;

function endWorker(): never {
  if (ownGroup) process.kill(0, 'SIGKILL');
  process.exit(0);
}

/** Requests in the order they came: one candidate at a time, so each one's time budget is its own (src/batch/pool.ts). */
const queue: WorkerRequest[] = [];

async function checkQueued(): Promise<void> {
  while (queue.length > 0) {
    await handle(queue[0]!);
    queue.shift();
  }
}

if (process.send) {
  if (ownGroup) keepGitInThisProcessGroup();
  new Worker(WATCHDOG_SOURCE, { eval: true, workerData: { parent: process.ppid, ownGroup, intervalMs: WATCHDOG_INTERVAL_MS } }).unref();
  // Ctrl-C is the parent's to handle: it decides whether the check in progress finishes.
  process.on('SIGINT', () => undefined);
  // The parent is gone (finished, killed): nothing more will come, and nothing this worker started may stay.
  process.on('disconnect', endWorker);
  process.on('message', (message: WorkerRequest) => {
    queue.push(message);
    if (queue.length === 1) void checkQueued();
  });
}

async function handle({ seq, candidate: wire, out, secrets }: WorkerRequest): Promise<void> {
  redactFromWrittenFiles(secrets);
  const candidate = fromWire(wire);
  // checkBatchCandidate never throws: whatever goes wrong is the candidate's error.
  const outcome = await checkBatchCandidate(candidate, workerOptions);
  let response: WorkerResponse;
  try {
    response = { seq, row: finishCandidate(candidate, outcome, out) };
  } catch (error) {
    // Its reports could not be written (a full disk, a folder removed): the batch's error, not the candidate's.
    const { message, code, syscall } = error as NodeJS.ErrnoException;
    response = { seq, writeFailure: { message: String(message), ...(code ? { code } : {}), ...(syscall ? { syscall } : {}) } };
  }
  process.send?.(response);
}

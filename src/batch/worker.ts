/**
 * A batch worker: a child process that checks the candidates its parent
 * (`dpg-check batch`) sends it, one at a time, and sends each outcome back.
 * Running checks out of the parent's process is the batch's isolation: a
 * candidate that hangs is stopped by killing its worker, a crash ends one
 * worker and not the batch, the workers use every core, and the parent —
 * which runs no rule — always sees Ctrl-C.
 */
import { checkBatchCandidate } from './check-one.js';
import { fromWire, type WireCandidate } from './inputs.js';

export type WorkerRequest = { seq: number; candidate: WireCandidate };
export type WorkerResponse = { seq: number; outcome: Awaited<ReturnType<typeof checkBatchCandidate>> };

/** The batch's own options, given on the worker's command line by the pool. */
const configAt = process.argv.indexOf('--config');
const workerOptions = configAt > 0 && process.argv[configAt + 1] ? { configFile: process.argv[configAt + 1] as string } : {};

if (process.send) {
  // Ctrl-C is the parent's to handle: it decides whether the check in progress finishes.
  process.on('SIGINT', () => undefined);
  // The parent is gone (finished, killed): nothing more will come.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: WorkerRequest) => {
    void handle(message);
  });
}

async function handle({ seq, candidate }: WorkerRequest): Promise<void> {
  // checkBatchCandidate never throws: whatever goes wrong is the candidate's error.
  const response: WorkerResponse = { seq, outcome: await checkBatchCandidate(fromWire(candidate), workerOptions) };
  process.send?.(response);
}

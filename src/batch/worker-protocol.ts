/**
 * What the batch (`pool.ts`) and its worker processes (`worker.ts`) say to each other: the messages and the
 * command-line flag. Apart from both, so that neither imports the other.
 */
import type { checkBatchCandidate } from './check-one.js';
import type { WireCandidate } from './inputs.js';

export type WorkerRequest = { seq: number; candidate: WireCandidate };
export type WorkerResponse = { seq: number; outcome: Awaited<ReturnType<typeof checkBatchCandidate>> };

/** Tells a worker it leads its own process group (so its watchdog may kill that group). */
export const OWN_GROUP_FLAG = '--own-process-group';

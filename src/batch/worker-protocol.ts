/**
 * What the batch (`pool.ts`) and its worker processes (`worker.ts`) say to each other: the messages and the
 * command-line flag. Apart from both, so that neither imports the other.
 */
import type { WireCandidate } from './inputs.js';
import type { SummaryRow } from './summary.js';

/**
 * One candidate to check. With `out`, the worker writes its reports there (src/batch/finish.ts), redacting the
 * batch's `secrets` (the tokens of the environment the CLI was given, which may not be the worker's own).
 */
export type WorkerRequest = { seq: number; candidate: WireCandidate; out?: string; secrets: string[] };
/** The candidate's row (its reports written), or why its reports could not be written (which ends the batch). */
export type WorkerResponse = { seq: number; row: SummaryRow } | { seq: number; writeFailure: WriteFailure };
export type WriteFailure = { message: string; code?: string; syscall?: string };

/** Tells a worker it leads its own process group (so its watchdog may kill that group). */
export const OWN_GROUP_FLAG = '--own-process-group';

/**
 * The search ahead of a large local tree (`Snapshot.searchWithout`): which listed files hold none of a rule's
 * literal strings, found by a worker thread on the second core while this thread computes the facts and runs the
 * other rules. It replaced one `git grep --files-without-match` (issue 13, "use the second core (worker threads)
 * when the tree is large"): git took 340–520 ms over dhis2-core's 63 MB of text alone and up to 800 ms beside the
 * rules, so the check waited for it; the worker takes about 280 ms alone, and it searches walked trees and untracked
 * files too, which git did not.
 *
 * The worker only reads, and only what the snapshot itself could read: every folder on a file's path must be a
 * folder (not a link, checked once each with `lstat`), the file is opened with O_NOFOLLOW and O_NONBLOCK and read to
 * its end, which must come within the snapshot's per-file cap. A file it could not read that way (a folder, a FIFO,
 * a device, a file over the cap) is not in the answer, and the rule reads it as usual: the answer can only spare
 * reads.
 */
import { setTimeout as startTimer, clearTimeout as clearTimer } from 'node:timers';
import { Worker } from 'node:worker_threads';
import type { TextSearch } from './types.js';

/**
 * How long an asker waits for the answer when it does not say (`RunningSearch.answer`): the search runs beside the
 * rules, and a rule that stops waiting reads the files not yet cleared itself, within its own time limit.
 */
export const SEARCH_TIMEOUT_MS = 2000;

/**
 * The longest a search runs, from the moment it is handed the list, whatever its askers would wait: a worker past it
 * is stopped, and what it cleared by then is the answer. A search nobody asks about stops after SEARCH_TIMEOUT_MS;
 * each asker may lengthen it to the end of its own wait, up to this.
 */
export const SEARCH_LIMIT_MS = 10_000;

/**
 * Fewer listed files than this, and nothing is searched ahead: this thread reads a small tree in less time than
 * a worker takes to start (40–50 ms here; a 100-file tree is read in less).
 */
export const SEARCH_AHEAD_MIN_FILES = 1000;

export interface SearchAheadOptions {
  /** The snapshot's per-file cap (`ReadLimits.maxFileBytes`): a larger file is left to the rule. */
  maxFileBytes: number;
}

/** A worker started before the files are listed: it waits for the list (`search`) or is let go (`cancel`). */
export interface SearchAhead {
  /** Hands the worker the list, relative to the searched folder and `/`-separated. Called once. */
  search(paths: readonly string[]): RunningSearch;
  cancel(): void;
}

/** A search handed its list: askers share it, each waiting as long as it can afford. */
export interface RunningSearch {
  /**
   * The paths searched that hold none of the needles. Once the worker is done this is its whole answer (the same
   * set for every asker); until then an asker waits at most `waitMs` (default SEARCH_TIMEOUT_MS) and gets what the
   * worker had cleared by then, and the worker runs on for as long as its longest-waiting asker (at most
   * SEARCH_LIMIT_MS). An empty set when the worker could not start, failed or was cancelled. Never rejects.
   */
  answer(waitMs?: number): Promise<ReadonlySet<string>>;
}

const NOTHING: ReadonlySet<string> = new Set();
const ANSWERED_EMPTY: RunningSearch = { answer: () => Promise.resolve(NOTHING) };

/**
 * Starts the worker that will search `dir` for `search.needles`: it boots (40–50 ms, on the other core) while this
 * thread lists the files, and searches once `search(paths)` hands it the list. The askers' waits count from their
 * asking.
 */
export function startSearchAhead(dir: string, search: TextSearch, options: SearchAheadOptions): SearchAhead {
  const { maxFileBytes } = options;
  let worker: Worker | undefined;
  if (search.needles.length > 0) {
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { dir, needles: [...search.needles], skippedExtensions: (search.skippedExtensions ?? []).map((ext) => ext.toLowerCase()), maxFileBytes },
        // It prints nothing; a stray write must not reach the report on stdout.
        stdout: true,
        stderr: true,
      });
    } catch {
      worker = undefined;
    }
  }
  // What the worker has cleared so far: it reports as it goes, so an asker that stops waiting still gets the files
  // it got through (dhis2-core-sized trees on a loaded machine; without it the scan's verdict on a 20,000-file tree
  // flipped between pass and gap from one run to the next). Once settled, it is the answer and no longer grows.
  const cleared = new Set<string>();
  let settled = false;
  let stopTimer: ReturnType<typeof startTimer> | undefined;
  let stopAt = 0;
  let limitAt = Infinity;
  const waiting = new Set<(answer: ReadonlySet<string>) => void>();
  const finish = (): void => {
    if (settled) return;
    settled = true;
    if (stopTimer !== undefined) clearTimer(stopTimer);
    void worker?.terminate();
    for (const resolve of waiting) resolve(cleared);
    waiting.clear();
  };
  /** A failed or let-go worker answers nothing: what it cleared may be cut short anywhere. */
  const cancel = (): void => {
    if (settled) return;
    cleared.clear();
    finish();
  };
  /** The worker runs until `at` at least (within its limit): the longest wait of any asker. */
  const runUntil = (at: number): void => {
    const until = Math.min(at, limitAt);
    if (settled || until <= stopAt) return;
    stopAt = until;
    if (stopTimer !== undefined) clearTimer(stopTimer);
    stopTimer = startTimer(finish, Math.max(0, until - Date.now()));
  };
  // Until it is handed the list, the worker waiting for it must not keep the process alive.
  worker?.unref();
  worker?.on('error', cancel);
  worker?.on('exit', cancel);
  return {
    search(paths) {
      if (worker === undefined || settled || paths.length === 0) {
        cancel();
        return ANSWERED_EMPTY;
      }
      const running = worker;
      limitAt = Date.now() + SEARCH_LIMIT_MS;
      running.on('message', (message: unknown) => {
        // Once answered, the set belongs to the askers: a report arriving before the worker stops must not change it.
        if (settled) return;
        const { cleared: part, done } = (message ?? {}) as { cleared?: unknown; done?: unknown };
        if (part instanceof Uint32Array) for (const index of part) if (index < paths.length) cleared.add(paths[index] as string);
        if (done === true) finish();
      });
      running.ref();
      running.postMessage(paths);
      // Bounded even if nobody asks (a search started while listing for a rule that never runs): the default wait,
      // which any asker may lengthen.
      runUntil(Date.now() + SEARCH_TIMEOUT_MS);
      return {
        answer(waitMs = SEARCH_TIMEOUT_MS) {
          if (settled) return Promise.resolve(cleared);
          runUntil(Date.now() + waitMs);
          return new Promise((resolve) => {
            const timer = startTimer(() => {
              waiting.delete(deliver);
              resolve(new Set(cleared));
            }, waitMs);
            const deliver = (answer: ReadonlySet<string>): void => {
              clearTimer(timer);
              resolve(answer);
            };
            waiting.add(deliver);
          });
        },
      };
    },
    cancel,
  };
}

/** `startSearchAhead` and its `search` at once, for a tree already listed. */
export function searchFilesWithout(dir: string, paths: readonly string[], search: TextSearch, options: SearchAheadOptions): RunningSearch {
  return startSearchAhead(dir, search, options).search(paths);
}

/** The worker reports what it has cleared every this many paths (and at the end). */
const REPORT_EVERY = 2048;

/**
 * The worker, as plain JavaScript run with `eval` (no file to find beside the bundle, nothing to compile): given the
 * list of paths, it posts the indices of those it read in full and found no needle in, `REPORT_EVERY` paths at a
 * time (`{ cleared }`), then `{ cleared, done: true }`.
 *
 * The bytes are searched, not decoded text: every needle is printable ASCII (`TextSearch`), which UTF-8 and
 * Latin-1, the two decodings of `Snapshot.read`, keep as they are. Needles of four bytes or more are found
 * together in one pass (Wu–Manber: the last two bytes of each window say how far the next window may start, so
 * most of a file is skipped three bytes at a time); a shorter needle (`Q~`, `SG.`), which would stop the skipping,
 * is one `Buffer.indexOf` of its own, in C++. dhis2-core: 63 MB in about 115 ms for the long needles, 22 ms for
 * the two short ones, 60–90 ms to read the files.
 */
const WORKER_SOURCE = String.raw`'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');
const { dir, needles, skippedExtensions, maxFileBytes } = workerData;
const root = dir.endsWith(path.sep) ? dir : dir + path.sep;
const NO_FOLLOW = fs.constants.O_NOFOLLOW || 0;
const FLAGS = fs.constants.O_RDONLY | NO_FOLLOW | (fs.constants.O_NONBLOCK || 0);
const skipped = new Set(skippedExtensions);
const SHORT = 4;
const shortNeedles = needles.filter((n) => n.length < SHORT).map((n) => Buffer.from(n, 'latin1'));
const longNeedles = needles.filter((n) => n.length >= SHORT).map((n) => Buffer.from(n, 'latin1'));
const m = longNeedles.length === 0 ? 0 : Math.min(16, ...longNeedles.map((n) => n.length));
const shift = new Uint8Array(65536).fill(Math.max(1, m - 1));
const tails = new Array(65536).fill(null);
for (const n of longNeedles) {
  for (let j = 0; j < m - 1; j++) {
    const block = (n[j] << 8) | n[j + 1];
    if (m - 2 - j < shift[block]) shift[block] = m - 2 - j;
  }
  const last = (n[m - 2] << 8) | n[m - 1];
  (tails[last] || (tails[last] = [])).push(n);
}
function holdsLong(bytes, length) {
  let i = m - 1;
  while (i < length) {
    const block = (bytes[i - 1] << 8) | bytes[i];
    const step = shift[block];
    if (step !== 0) { i += step; continue; }
    const start = i - m + 1;
    for (const n of tails[block]) {
      if (start + n.length > length) continue;
      let j = 0;
      while (j < n.length && bytes[start + j] === n[j]) j++;
      if (j === n.length) return true;
    }
    i++;
  }
  return false;
}
function holdsNeedle(bytes, length) {
  const view = bytes.subarray(0, length);
  for (const n of shortNeedles) if (view.indexOf(n) !== -1) return true;
  return m > 0 && holdsLong(bytes, length);
}
const folders = new Map([['', true]]);
function folderIsPlain(folder) {
  let plain = folders.get(folder);
  if (plain !== undefined) return plain;
  const slash = folder.lastIndexOf('/');
  plain = folderIsPlain(slash < 0 ? '' : folder.slice(0, slash));
  if (plain) {
    try { plain = fs.lstatSync(path.join(dir, folder)).isDirectory(); } catch { plain = false; }
  }
  folders.set(folder, plain);
  return plain;
}
parentPort.once('message', (paths) => {
let buffer = Buffer.allocUnsafe(Math.min(maxFileBytes + 1, 1 << 20));
const cleared = new Uint32Array(Math.min(paths.length, ${REPORT_EVERY}));
let count = 0;
for (let index = 0; index < paths.length; index++) {
  if (index > 0 && index % ${REPORT_EVERY} === 0) {
    const part = cleared.slice(0, count);
    parentPort.postMessage({ cleared: part }, [part.buffer]);
    count = 0;
  }
  const file = paths[index];
  const slash = file.lastIndexOf('/');
  const dot = file.lastIndexOf('.');
  if (dot > slash && skipped.has(file.slice(dot + 1).toLowerCase())) continue;
  if (!folderIsPlain(slash < 0 ? '' : file.slice(0, slash))) continue;
  // The listing's paths are plain relative ones (no '.', '..' or doubled '/'): joined without path.join's
  // normalising, which cost 30–40 ms over 50,000 files.
  const abs = root + file;
  let descriptor;
  try {
    if (NO_FOLLOW === 0 && fs.lstatSync(abs).isSymbolicLink()) continue;
    descriptor = fs.openSync(abs, FLAGS);
  } catch { continue; }
  try {
    // Read to the end, past the cap by one byte at most, rather than asked its size first: an fstat and the Stats
    // object Node makes of it cost dhis2-core's search about 50 ms. A folder fails to read (EISDIR), a FIFO opened
    // non-blocking has nothing to read (EAGAIN), and a device that never ends goes past the cap: none is cleared.
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) {
        if (buffer.length > maxFileBytes) break;
        const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxFileBytes + 1));
        buffer.copy(larger, 0, 0, filled);
        buffer = larger;
      }
      const read = fs.readSync(descriptor, buffer, filled, buffer.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    if (filled <= maxFileBytes && !holdsNeedle(buffer, filled)) cleared[count++] = index;
  } catch {
    // Unread: left to the rule.
  } finally {
    fs.closeSync(descriptor);
  }
}
const part = cleared.slice(0, count);
parentPort.postMessage({ cleared: part, done: true }, [part.buffer]);
});
`;

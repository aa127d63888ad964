/**
 * Inputs some tests read from `../shared` (the corpus and the reference texts
 * beside the clone, as CI has them). A clone on its own has no such folder:
 * the tests that need one skip, and say which file or folder was missing, so
 * `npm test` passes anywhere and a skipped check is never silent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `../shared/<relative>` beside the clone, and whether it is there. Warns (once per call) when it is not. */
export function sharedInput(relative: string, testFile: string, what: string): { path: string; present: boolean } {
  const full = path.resolve(REPO, '..', 'shared', relative);
  const present = fs.existsSync(full);
  if (!present) console.warn(`${testFile}: skipped ${what} — ${full} is missing (../shared/${relative}, beside the clone in CI)`);
  return { path: full, present };
}

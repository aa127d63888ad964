/**
 * Temporary directories of remote checks (a partial clone lives in one for a
 * few seconds). Each is removed when its check ends, whatever the outcome;
 * the ones still there when the process exits — or is interrupted with
 * Ctrl-C or SIGTERM — are removed then.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const live = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let hooked = false;

function removeAllNow(): void {
  for (const dir of live) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Nothing more can be done while exiting.
    }
  }
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removeAllNow();
  unhook();
  // Re-raise so the process ends the way it would have without us.
  process.kill(process.pid, signal);
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', removeAllNow);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function unhook(): void {
  if (!hooked) return;
  hooked = false;
  process.off('exit', removeAllNow);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** `<prefix><pid>-XXXXXX`: the process id tells whose a leftover directory would be. */
export function createTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}${process.pid}-`));
  live.add(dir);
  hook();
  return dir;
}

export async function removeTempDir(dir: string): Promise<void> {
  try {
    await fs.promises.rm(dir, { recursive: true, force: true, maxRetries: 3 });
  } finally {
    live.delete(dir);
    if (live.size === 0) unhook();
  }
}

/** Directories not yet removed (for tests). */
export function liveTempDirs(): readonly string[] {
  return [...live];
}

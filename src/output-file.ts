/**
 * The one way the CLI writes a file (`--output` of check and import, every
 * file of a batch's `--out`, merged summaries, the GitHub step summary):
 *
 * - redacted: a token from the environment (src/sources/secrets.ts) that made
 *   its way into a report — in a declaration value, a `file://` path, a
 *   candidate id — is written as `***`, as on stdout and stderr;
 * - atomic: written whole to a temporary sibling (`.<name>.<pid>.<n>.tmp`)
 *   and renamed into place, so a full disk or a killed process leaves the old
 *   file or none, never a truncated one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { redactSecrets, secretsInEnvironment } from './sources/secrets.js';

/** Secrets of an environment other than this process's (the CLI's `Io.env`), redacted from every file too. */
const registeredSecrets = new Set<string>();

export function redactFromWrittenFiles(secrets: readonly string[]): void {
  for (const secret of secrets) registeredSecrets.add(secret);
}

/** The secrets given to `redactFromWrittenFiles`: a batch hands them to the worker processes that write its reports. */
export function secretsRedactedFromFiles(): string[] {
  return [...registeredSecrets];
}

/** `text` with every known token replaced by `***`. */
export function redactForFile(text: string): string {
  return redactSecrets(text, [...new Set([...registeredSecrets, ...secretsInEnvironment(process.env)])]);
}

let temporaryCounter = 0;

/**
 * Writes `content`, redacted, to `file` atomically: a temporary sibling, then a rename. A device or a FIFO
 * (`--output /dev/null`, `/dev/stdout`, a named pipe) is written to instead: renamed over, /dev/null would become a
 * regular file for everyone on the machine (as root, which CI containers often are), and a pipe's reader would
 * never see the report.
 */
export function writeFileAtomic(file: string, content: string): void {
  const text = redactForFile(content);
  if (isSpecialFile(file)) {
    fs.writeFileSync(file, text);
    return;
  }
  const directory = path.dirname(file);
  const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}.${++temporaryCounter}.tmp`);
  try {
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** True when `file` exists and is neither a regular file nor a directory (followed through symbolic links). */
function isSpecialFile(file: string): boolean {
  try {
    // No error made for a file not there yet, as every report of a new batch folder is: an exception's stack
    // trace for each of the 1,428 files the registry corpus writes.
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat !== undefined && !stat.isFile() && !stat.isDirectory();
  } catch {
    return false;
  }
}

/** Appends `content`, redacted, to `file` (a file others append to, such as `$GITHUB_STEP_SUMMARY`). */
export function appendFileRedacted(file: string, content: string): void {
  fs.appendFileSync(file, redactForFile(content));
}

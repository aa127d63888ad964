/**
 * `CheckError`: the check is impossible (exit 2) and its message says why,
 * plainly and located. Each step of the engine throws its own error class
 * (a source's, the config's, a pack's); `asCheckError` is the one place they
 * become a `CheckError`.
 */
import { SourceError } from '../sources/errors.js';
import { ConfigError } from './config.js';
import { PackError } from './packs.js';

export class CheckError extends Error {}

/** The error as the CLI and batch should report it: a `CheckError` for every known cause, anything else unchanged (a fault). */
export function asCheckError(error: unknown): unknown {
  if (error instanceof ConfigError) return new CheckError(`the config is not valid:\n${error.message}`);
  if (error instanceof SourceError || error instanceof PackError) return new CheckError(error.message);
  return error;
}

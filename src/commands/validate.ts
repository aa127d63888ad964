/**
 * `dpg-check validate <declarations...>`: each file against the declaration schema, its problems located as
 * `file:line:col key: message`. Exit 0 when every file is valid, 1 when one is not, 2 when one cannot be read.
 *
 * The command line runs it (src/cli.ts), and so does the entry of its own that the pre-commit hook's usual
 * command starts from (src/validate-main.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatDeclarationError, readDeclarationFile } from '../declaration/load.js';

interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_CANNOT_CHECK = 2;

/** Validates every file and returns the exit code of the worst. */
export function validateDeclarations(files: readonly string[], io: Output): number {
  return Math.max(EXIT_OK, ...files.map((file) => validateOne(file, io)));
}

function validateOne(file: string, io: Output): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr.write(`dpg-check: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code ?? (error as Error).message}\n`);
    return EXIT_CANNOT_CHECK;
  }
  // A directory, FIFO or device is not a declaration that is wrong: it could not be checked (and a FIFO would block).
  if (!stat.isFile()) {
    io.stderr.write(`dpg-check: cannot read ${file}: ${stat.isDirectory() ? 'a directory' : 'not a regular file'}, not a declaration\n`);
    return EXIT_CANNOT_CHECK;
  }
  const loaded = readDeclarationFile(path.resolve(file), file);
  if (loaded.valid) {
    io.stdout.write(`${file}: valid declaration\n`);
    return EXIT_OK;
  }
  for (const error of loaded.errors) io.stderr.write(`${formatDeclarationError(error)}\n`);
  io.stderr.write(`dpg-check: ${file}: ${loaded.errors.length} problem${loaded.errors.length === 1 ? '' : 's'}\n`);
  return EXIT_FINDINGS;
}

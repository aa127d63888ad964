/**
 * The entry `dpg-check validate <files...>` starts from when it is given file names only: the pre-commit hook's
 * command, run on every commit. bin/dpg-check.js runs its own bundle (dist/bundle/validate.cjs) instead of the
 * whole command line's, so the hook loads the declaration reader and the schema's validators and nothing else:
 * no commander, no engine (issue 13). Anything else (`validate --help`, no file) goes to src/cli.ts, which runs
 * the same `validateDeclarations`.
 */
import { validateDeclarations } from './commands/validate.js';
import { redactingStream, secretsInEnvironment } from './sources/secrets.js';

interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

/** Which arguments this entry answers: `validate` and one or more file names, no option (bin/dpg-check.js tests the same). */
export function isPlainValidate(argv: readonly string[]): boolean {
  return argv[0] === 'validate' && argv.length > 1 && argv.slice(1).every((arg) => !arg.startsWith('-'));
}

/** `argv` as src/cli.ts's `run` takes it (`['validate', ...files]`); resolves to the exit code. */
export async function run(argv: readonly string[], givenIo: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  // As src/cli.ts: a token from the environment is replaced by *** in everything written.
  const secrets = secretsInEnvironment(givenIo.env);
  const io = { stdout: redactingStream(givenIo.stdout, secrets), stderr: redactingStream(givenIo.stderr, secrets) };
  if (!isPlainValidate(argv)) {
    io.stderr.write('dpg-check: internal error: the validate entry was given other arguments than `validate <files...>`\n');
    return 2;
  }
  try {
    return validateDeclarations(argv.slice(1), io);
  } catch (error) {
    io.stderr.write(`dpg-check: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

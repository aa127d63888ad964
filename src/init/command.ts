/**
 * The `init [dir]` command, registered on the CLI's program (src/cli.ts).
 * Interactive only when both stdin and stdout are terminals and `--yes` is
 * not given; otherwise it writes what it detected, gaps as comments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { CheckError } from '../engine/check.js';
import { SOLUTION_TYPES, type SolutionType } from '../model.js';
import { InitError, runInit } from './index.js';

export interface InitIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

interface InitFlags { yes?: boolean; force?: boolean; type?: string; output?: string; from?: string[] }

/** Ctrl-C or Ctrl-D at a question: nothing is written. */
class InitCancelled extends Error {}

/** The shell's code for a command ended by Ctrl-C (128 + SIGINT). */
const EXIT_INTERRUPTED = 130;

export function registerInitCommand(program: Command, io: InitIo, setExitCode: (code: number) => void): void {
  program.command('init [dir]')
    .description('write dpg.yml prefilled with what the repository shows; every unanswered question is left as a GAP comment (asks on a terminal)')
    .option('--yes', 'accept the detected values without asking')
    .option('--force', 'overwrite an existing declaration')
    .option('--type <types>', `solution types, comma-separated (${SOLUTION_TYPES.join(', ')}), instead of guessing them`)
    .option('-o, --output <file>', 'write the declaration to this file instead of dpg.yml in the directory')
    .option('--from <files...>', 'prefill from the candidate\'s DPGA registry answers (nominees/x.json, and its screening file)')
    .action(async (dir: string | undefined, flags: InitFlags) => {
      const types = parseTypes(flags.type);
      refuseNonRegularTarget(flags.output ?? path.join(dir ?? '.', 'dpg.yml'));
      const interactive = !flags.yes && Boolean(io.stdin?.isTTY) && Boolean(io.stdout.isTTY);
      // Questions go to stdout (a terminal here); line editing only where the input can do it.
      const output = new Writable({ write(chunk: Buffer | string, _encoding, done) { io.stdout.write(chunk.toString()); done(); } });
      const editing = typeof (io.stdin as { setRawMode?: unknown } | undefined)?.setRawMode === 'function';
      const readline = interactive && io.stdin ? createInterface({ input: io.stdin, output, terminal: editing }) : undefined;
      // Ctrl-D (end of input) closes the interface, Ctrl-C on a terminal is its SIGINT: either ends the questions.
      const cancelled = new Promise<never>((_, reject) => {
        readline?.on('close', () => reject(new InitCancelled('end of input')));
        readline?.on('SIGINT', () => reject(new InitCancelled('interrupted')));
      });
      cancelled.catch(() => undefined);
      let asking = true;
      try {
        const result = await runInit({
          dir: dir ?? '.',
          ...(flags.output ? { output: flags.output } : {}),
          ...(flags.force ? { force: true } : {}),
          ...(types ? { types } : {}),
          ...(flags.from ? { from: flags.from } : {}),
          ...(readline ? { ask: (question: string) => (asking ? Promise.race([readline.question(question), cancelled]) : Promise.resolve('')), say: (text: string) => { io.stdout.write(`${text}\n`); } } : {}),
        });
        asking = false;
        io.stdout.write(`dpg-check: wrote ${result.file}: ${countOf(result.detected.length, 'value')} detected (from the repository${flags.from ? ' and the registry answers' : ''}), ${result.typed.length} answered here, ${countOf(result.gaps.length, 'question')} left as GAP comments.\n`);
        io.stdout.write(`Next: answer the GAPs in ${result.file}, then run \`dpg-check validate ${result.file}\` and \`dpg-check ${dir ?? '.'}\`.\n`);
        if (!interactive && !flags.yes) io.stderr.write('dpg-check: not a terminal, so nothing was asked: only detected values were written (use --yes to say so explicitly)\n');
        setExitCode(0);
      } catch (error) {
        if (error instanceof InitCancelled) {
          io.stderr.write(`\ndpg-check: init ${error.message === 'interrupted' ? 'interrupted (Ctrl-C)' : 'ended (end of input, Ctrl-D)'}: nothing written\n`);
          setExitCode(EXIT_INTERRUPTED);
          return;
        }
        if (error instanceof InitError) throw new CheckError(error.message);
        throw error;
      } finally {
        asking = false;
        readline?.close();
      }
    });
}

/**
 * An existing target that is not a regular file (a FIFO, a device, a
 * directory) is never written to: opening a FIFO for writing waits forever
 * for a reader. Symbolic links are init's own concern (it refuses them).
 */
function refuseNonRegularTarget(target: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch {
    return; // absent: init creates it
  }
  if (stat.isFile() || stat.isSymbolicLink()) return;
  const what = stat.isDirectory() ? 'a directory' : stat.isFIFO() ? 'a FIFO (named pipe)' : stat.isSocket() ? 'a socket' : 'a device';
  throw new CheckError(`${target} is ${what}, not a regular file: not written (remove it, or use --output)`);
}

const countOf = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function parseTypes(value: string | undefined): SolutionType[] | undefined {
  if (value === undefined) return undefined;
  const types = value.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  const unknown = types.filter((t) => !(SOLUTION_TYPES as readonly string[]).includes(t));
  if (types.length === 0 || unknown.length > 0) throw new CheckError(`--type: unknown solution type ${unknown.join(', ') || '(none)'}; expected ${SOLUTION_TYPES.join(', ')}`);
  return types as SolutionType[];
}

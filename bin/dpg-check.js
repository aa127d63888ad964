#!/usr/bin/env node
// The executable shim: everything else lives in dist/bundle/cli.cjs (src/cli.ts, compiled and bundled by
// scripts/build-bundle.mjs so that a command reads one file, compiled code included, instead of some 300).
// It is CommonJS (bin/package.json says so): Node starts a CommonJS entry about 5 ms sooner than a module.
'use strict';
const { existsSync, fstatSync, readFileSync, statSync, writeSync } = require('node:fs');
const path = require('node:path');
const { codeCachePath, loadBundle } = require('./load-bundle.js');

const cli = path.join(__dirname, '..', 'dist', 'bundle', 'cli.cjs');
if (!existsSync(cli)) {
  process.stderr.write('dpg-check: not built yet; run `npm run build` (or `npm start`, which builds first)\n');
  process.exit(2);
}
// `--version` alone is asked on every CI run and by every tool that probes for dpg-check: answer it from
// package.json without loading the command line (commander, the redaction, the commands' registry).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version}\n`);
  process.exit(0);
}
// Output to a pipe, a file or /dev/null (as CI and pre-commit give it) is written straight to the descriptor: a pipe's
// process.stdout or process.stderr loads Node's net and stream modules, some 6 ms of every command (measured with
// both piped). A terminal, whose width and colours the reports use and where progress is drawn, and anything else
// keep Node's streams.
const io = { stdout: outputTo(1, () => process.stdout), stderr: outputTo(2, () => process.stderr), env: process.env, get stdin() { return process.stdin; } };
// `validate <files...>`, the pre-commit hook's command, has a bundle of its own (src/validate-main.ts): the
// declaration reader and the schema's validators, a fifth of the command line's.
const validateOnly = args[0] === 'validate' && args.length > 1 && args.slice(1).every((arg) => !arg.startsWith('-'));
const validateBundle = path.join(__dirname, '..', 'dist', 'bundle', 'validate.cjs');
loadBundle(validateOnly && existsSync(validateBundle) ? validateBundle : cli).exports.run(args, io).then((code) => {
  process.exitCode = code;
});

/** A pipe, a file or /dev/null: written straight to the descriptor; else Node's stream, a reader closing early ending the command. */
function outputTo(fd, stream) {
  if (isWrittenDirectly(fd)) return descriptorWriter(fd);
  const node = stream();
  // A reader that closes early (`dpg-check | head`) is not an error worth a stack trace.
  node.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return node;
}

/** A pipe, a file, or /dev/null (a character device like a terminal, told apart by its device number). */
function isWrittenDirectly(fd) {
  try {
    const stats = fstatSync(fd);
    return stats.isFIFO() || stats.isFile() || (stats.isCharacterDevice() && stats.rdev === statSync('/dev/null').rdev);
  } catch {
    return false;
  }
}

/**
 * Writes text to a file descriptor synchronously, all of it: a pipe another process made non-blocking answers
 * EAGAIN while it is full (waited out a millisecond at a time); a reader that closed early ends the command as the
 * streams' EPIPE handler above does.
 */
function descriptorWriter(fd) {
  return {
    write(text) {
      let bytes = Buffer.from(String(text), 'utf8');
      while (bytes.length > 0) {
        try {
          bytes = bytes.subarray(writeSync(fd, bytes));
        } catch (error) {
          if (error.code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
          else if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
          else throw error;
        }
      }
      return true;
    },
  };
}

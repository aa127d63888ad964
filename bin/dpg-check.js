#!/usr/bin/env node
// The executable shim: everything else lives in dist/bundle/cli.cjs (src/cli.ts, compiled and bundled by
// scripts/build-bundle.mjs so that a command reads one file, compiled code included, instead of some 300).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { codeCachePath, loadBundle } from './load-bundle.js';

const cli = fileURLToPath(new URL('../dist/bundle/cli.cjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('dpg-check: not built yet; run `npm run build` (or `npm start`, which builds first)\n');
  process.exit(2);
}
// `--version` alone is asked on every CI run and by every tool that probes for dpg-check: answer it from
// package.json without loading the command line (commander, the redaction, the commands' registry).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
  process.exit(0);
}
// A reader that closes early (`dpg-check | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
// `validate` (the pre-commit hook's command) has a code cache of its own, a third of the size of the check's.
const { run } = loadBundle(cli, { cache: codeCachePath(cli, args[0] === 'validate' ? 'validate' : undefined) }).exports;
process.exitCode = await run(process.argv.slice(2));

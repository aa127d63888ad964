#!/usr/bin/env node
// The executable shim: everything else lives in dist/bundle/cli.cjs (src/cli.ts, compiled and bundled by
// scripts/build-bundle.mjs so that a command reads one file, compiled code included, instead of some 300).
// It is CommonJS (bin/package.json says so): Node starts a CommonJS entry about 5 ms sooner than a module.
'use strict';
const { existsSync, readFileSync } = require('node:fs');
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
// A reader that closes early (`dpg-check | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
// `validate <files...>`, the pre-commit hook's command, has a bundle of its own (src/validate-main.ts): the
// declaration reader and the schema's validators, a fifth of the command line's.
const validateOnly = args[0] === 'validate' && args.length > 1 && args.slice(1).every((arg) => !arg.startsWith('-'));
const bundle = validateOnly ? path.join(__dirname, '..', 'dist', 'bundle', 'validate.cjs') : cli;
const { run } = loadBundle(existsSync(bundle) ? bundle : cli).exports;
run(args).then((code) => {
  process.exitCode = code;
});

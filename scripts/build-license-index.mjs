#!/usr/bin/env node
// Build step (part of `npm run build` and `npm test`): prepares the reference
// index of licence texts once, so that a check only loads it.
//
// Reads every licence text of the SPDX License List (the `spdx-license-list`
// development dependency), normalises it the way candidate files are
// normalised (dist/src/licenses/normalize.js, compiled by `tsc` just before),
// and writes dist/license-index.json and dist/license-index.bin. See
// src/licenses/license-index.ts for the format and why it lives in dist/.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const compiled = path.join(root, 'dist', 'src', 'licenses', 'license-index.js');
if (!existsSync(compiled)) {
  process.stderr.write(`build-license-index: ${path.relative(root, compiled)} is missing: run tsc first (npm run build does)\n`);
  process.exit(2);
}
const { buildIndexFile, referenceList, INDEX_FILE_NAME, INDEX_TOKENS_FILE_NAME } = await import(pathToFileURL(compiled).href);
const output = path.join(root, 'dist', INDEX_FILE_NAME);
const tokensOutput = path.join(root, 'dist', INDEX_TOKENS_FILE_NAME);
const reference = referenceList();
if (!reference) {
  // An install without development dependencies keeps the index it shipped with.
  if (existsSync(output) && existsSync(tokensOutput)) process.exit(0);
  process.stderr.write('build-license-index: spdx-license-list is not installed (a development dependency): cannot build the licence index\n');
  process.exit(2);
}
const started = performance.now();
const { file: index, tokens } = buildIndexFile(reference.list, reference.deprecated, reference.source);
mkdirSync(path.dirname(output), { recursive: true });
writeFileSync(tokensOutput, tokens);
writeFileSync(output, `${JSON.stringify(index)}\n`);
const size = statSync(output).size + statSync(tokensOutput).size;
process.stderr.write(`licence index: ${index.entries.length} texts from ${reference.source} → ${path.relative(root, output)} and ${path.basename(tokensOutput)} (${(size / 1024 / 1024).toFixed(1)} MiB, ${Math.round(performance.now() - started)} ms)\n`);

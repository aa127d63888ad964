#!/usr/bin/env node
// `npm run bench` (builds to dist/ first): performance figures of BRIEF §10 and issue 13.
//
// Each section measures its figures together with baselines taken in the same
// run on the same machine (bare node, licensee, git ls-files…), and prints
// every figure as a ratio of those baselines: absolute milliseconds vary from
// machine to machine, ratios much less. A section whose inputs are missing
// says which and is skipped. Sections live in scripts/bench/ (one module
// each; the synthetic trees in scripts/bench/tree.mjs, measuring and printing
// beside them); add one by writing a module and listing it in `sections`.
//
// Options:
//   --files N        size of the synthetic tree of the large-tree section (default 50000)
//   --runs N         timed runs (rounds, for paired sections) per measurement, the median is reported (default 5)
//   --section TEXT   run only the sections whose name contains TEXT
//   --corpus DIR     a folder of real trees: named by registry slug for the verdicts section, and the trees of
//                    the real-trees section (default dhis2-core, fineract, kindly) (or DPG_CORPUS)
//   --trees A,B      the real-trees section's folders under --corpus
//   --against DIR    another built checkout of dpg-check (a worktree of an older commit, say): the start-up, real-trees
//                    and batch sections time its commands in the same rounds as this build's and print this build's
//                    time over that one's, so a change is measured before and after on the same machine at once
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusSection } from './bench-corpus.mjs';
import { batchSection } from './bench/batch.mjs';
import { largeTreeSection } from './bench/large-tree.mjs';
import { licencesSection } from './bench/licences.mjs';
import { describeMachine, printSection } from './bench/print.mjs';
import { realTreesSection } from './bench/real-trees.mjs';
import { remoteSections } from './bench/remote.mjs';
import { startUpSection } from './bench/start-up.mjs';

const projectRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const options = parseOptions(process.argv.slice(2));
const context = { projectRoot, options };

/**
 * A section is `{ name, run }`; `run` returns `{ title, notes, rows, baselines }`: rows are `{ key, label, ms }`
 * (or `{ key, label, skipped: 'why' }`, or `value` with the section's `unit`), and `baselines` names the row keys
 * every row is divided by (a row's `ratioTo` names one more, its own).
 */
const sections = [
  startUpSection(context),
  largeTreeSection(context),
  realTreesSection(context),
  batchSection(context),
  licencesSection(context),
  ...remoteSections(context),
  corpusSection({ projectRoot, corpus: options.corpus }),
];

function parseOptions(argv) {
  const parsed = { files: 50_000, runs: 5, section: undefined, corpus: process.env.DPG_CORPUS ? path.resolve(process.env.DPG_CORPUS) : undefined, trees: undefined, against: undefined };
  for (let index = 0; index < argv.length; index++) {
    const option = argv[index];
    const value = argv[index + 1];
    if (option === '--files' || option === '--runs') {
      const number = Number(value);
      if (!Number.isInteger(number) || number < 1) fail(`${option} needs a positive whole number, got ${value ?? 'nothing'}`);
      parsed[option.slice(2)] = number;
      index++;
    } else if (option === '--section') {
      if (value === undefined) fail('--section needs a name (or part of one)');
      parsed.section = value;
      index++;
    } else if (option === '--corpus') {
      if (value === undefined) fail('--corpus needs a folder');
      parsed.corpus = path.resolve(value);
      index++;
    } else if (option === '--trees') {
      if (value === undefined) fail('--trees needs folder names, comma-separated');
      parsed.trees = value.split(',').map((name) => name.trim()).filter(Boolean);
      index++;
    } else if (option === '--against') {
      if (value === undefined) fail('--against needs the folder of another dpg-check checkout');
      const dir = path.resolve(value);
      if (!existsSync(path.join(dir, 'bin', 'dpg-check.js')) || !existsSync(path.join(dir, 'dist', 'bundle', 'cli.cjs'))) {
        fail(`--against ${value}: not a built dpg-check checkout (bin/dpg-check.js and dist/bundle/cli.cjs are needed: run npm ci && npm run build there)`);
      }
      parsed.against = dir;
      index++;
    } else if (option === '--help' || option === '-h') {
      console.log('usage: node scripts/bench.mjs [--files N] [--runs N] [--section TEXT] [--corpus DIR] [--trees A,B] [--against DIR]');
      process.exit(0);
    } else {
      fail(`unknown option ${option}`);
    }
  }
  return parsed;
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

console.log('dpg-check benchmarks');
console.log(describeMachine(options.runs));
let failed = false;
const chosen = sections.filter((section) => options.section === undefined || section.name.includes(options.section));
if (chosen.length === 0) fail(`no section matches "${options.section}"; sections: ${sections.map((section) => section.name).join(', ')}`);
for (const section of chosen) {
  try {
    printSection(section.name, await section.run());
  } catch (error) {
    failed = true;
    console.log(`\n## ${section.name}\n   failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;

#!/usr/bin/env node
// `npm run bench` (builds to dist/ first): performance figures of BRIEF §10.
//
// Each section measures its figures together with baselines taken in the same
// run on the same machine, and prints every figure as a ratio of those
// baselines: absolute milliseconds vary from machine to machine, ratios much
// less. Add a benchmark by appending a section to `sections` below.
//
// Options:
//   --files N        size of the synthetic tree of the large-tree section (default 50000)
//   --runs N         timed runs per measurement, the median is reported (default 5)
//   --section TEXT   run only the sections whose name contains TEXT
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const options = parseOptions(process.argv.slice(2));

// ---------------------------------------------------------------------------
// sections

/**
 * A section returns `{ title, notes, rows, baselines }`: rows are
 * `{ key, label, ms }` (or `{ key, label, skipped: 'why' }`), and `baselines`
 * names the row keys every row is divided by.
 */
const sections = [
  {
    name: 'local check of a large tree',
    async run() {
      const files = options.files;
      const tree = ensureLargeTree(files);
      const listArgs = ['ls-files', '-z', '--cached', '--others', '--exclude-standard'];
      const listWithGit = () =>
        execFileSync('git', listArgs, { cwd: tree, maxBuffer: 1024 * 1024 * 1024, env: gitEnv() })
          .toString('utf8')
          .split('\0')
          .filter(Boolean);
      const rows = [];
      const notes = [`tree: ${tree} (${files.toLocaleString('en')} files + 4 project files, committed)`];

      rows.push({ key: 'a', label: '(a) git ls-files (cached + others, exclude-standard)', ms: await medianMs(listWithGit) });
      rows.push({
        key: 'b',
        label: '(b) git ls-files + read every file (fs.readFileSync)',
        ms: await medianMs(() => {
          for (const file of listWithGit()) readFileSync(path.join(tree, file));
        }),
      });

      const snapshotModule = path.join(projectRoot, 'dist', 'src', 'snapshot', 'local.js');
      if (existsSync(snapshotModule)) {
        const { createLocalSnapshot } = await import(pathToFileURL(snapshotModule).href);
        let listed = 0;
        rows.push({
          key: 'c',
          label: '(c) createLocalSnapshot (file list only)',
          ms: await medianMs(async () => {
            listed = (await createLocalSnapshot(tree)).paths.length;
          }),
        });
        rows.push({
          key: 'c2',
          label: '(c′) createLocalSnapshot + read every file',
          ms: await medianMs(async () => {
            const snapshot = await createLocalSnapshot(tree);
            for (const file of snapshot.paths) snapshot.read(file);
          }),
        });
        notes.push(`the snapshot lists ${listed.toLocaleString('en')} files`);
      } else {
        rows.push({ key: 'c', label: '(c) createLocalSnapshot', skipped: `${path.relative(projectRoot, snapshotModule)} not built` });
      }

      const bin = path.join(projectRoot, 'bin', 'dpg-check.js');
      const cli = path.join(projectRoot, 'dist', 'src', 'cli.js');
      rows.push({
        key: 'n',
        label: '    node start-up alone (node -e "")',
        ms: await medianMs(() => spawnChecked(process.execPath, ['-e', ''])),
      });
      if (existsSync(bin) && existsSync(cli)) {
        const fullCheck = (output) => [bin, tree, '--format', 'json', '--output', output];
        // One checked run first: a crash also exits non-zero, so the report itself must be there.
        const probe = verifiedReport(fullCheck);
        if (probe.report) {
          const { timings } = probe.report;
          if (timings) notes.push(`full check's own timings: snapshot ${timings.snapshotMs} ms, rules ${timings.rulesMs} ms, ${timings.files} files`);
          rows.push({
            key: 'd',
            label: '(d) full check: dpg-check <tree> --format json',
            // Exit code 1 is a verdict (the synthetic tree fails indicators), not a crash.
            ms: await medianMs(() => spawnChecked(process.execPath, fullCheck(os.devNull), [0, 1])),
          });
        } else {
          rows.push({ key: 'd', label: '(d) full check', skipped: probe.problem });
        }
      } else {
        rows.push({ key: 'd', label: '(d) full check', skipped: 'bin/dpg-check.js or dist/src/cli.js not built yet' });
      }
      return { title: `${files.toLocaleString('en')} files`, notes, rows, baselines: ['a', 'b'] };
    },
  },
];

// ---------------------------------------------------------------------------
// the large synthetic tree

const TREE_FORMAT = 1; // bump when the generated tree changes shape, to regenerate cached trees

/**
 * A committed git work tree of `count` small files in nested folders, plus the
 * files a real candidate has. Generated once and cached in the temp dir: making
 * 50,000 files and committing them takes far longer than any measurement.
 */
function ensureLargeTree(count) {
  const tree = path.join(os.tmpdir(), `dpg-check-bench-${count}`);
  const marker = path.join(tree, '.git', 'dpg-check-bench');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === String(TREE_FORMAT)) return tree;

  process.stderr.write(`bench: generating ${tree} (once)…\n`);
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  const perFolder = 20;
  const foldersPerPackage = 50;
  for (let index = 0; index < count; index++) {
    const folder = Math.floor(index / perFolder);
    const dir = path.join(tree, `packages`, `pkg-${Math.floor(folder / foldersPerPackage)}`, `src`, `mod-${folder % foldersPerPackage}`);
    if (index % perFolder === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, `file-${index}.ts`),
      `// generated file ${index}\nexport const value${index} = ${index};\nexport function f${index}(x: number): number {\n  return x + ${index};\n}\n`,
    );
  }
  writeFileSync(
    path.join(tree, 'README.md'),
    '# Bench candidate\n\nA synthetic project for benchmarks.\n\n## Install\n\n```\nnpm install\n```\n\n## Usage\n\nRun `npm start`.\n',
  );
  writeFileSync(path.join(tree, 'LICENSE'), MIT_LICENSE);
  writeFileSync(
    path.join(tree, 'package.json'),
    `${JSON.stringify({ name: 'bench-candidate', version: '1.0.0', license: 'MIT', dependencies: { express: '^4.19.0' } }, null, 2)}\n`,
  );
  writeFileSync(
    path.join(tree, 'dpg.yml'),
    [
      'name: Bench candidate',
      'types: [software]',
      'description: A synthetic project used to measure dpg-check.',
      'licenses:',
      '  - spdx: MIT',
      '    evidence: [LICENSE]',
      'owner:',
      '  name: Bench Org',
      '  type: non-profit',
      '  country: NL',
      '',
    ].join('\n'),
  );
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.email=bench@example.org', '-c', 'user.name=bench', '-c', 'commit.gpgsign=false', ...args], {
      cwd: tree,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: gitEnv(),
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'synthetic bench tree');
  writeFileSync(marker, String(TREE_FORMAT));
  return tree;
}

const MIT_LICENSE = `MIT License

Copyright (c) 2024 Bench Org

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

// ---------------------------------------------------------------------------
// measuring

/** Git as the snapshot runs it: no optional locks, no repository redirection from the caller's environment. */
function gitEnv() {
  const env = { ...process.env, GIT_OPTIONAL_LOCKS: '0' };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[name];
  return env;
}

/** Runs a check writing its JSON report to a temporary file and returns the parsed report, or why there is none. */
function verifiedReport(argsFor) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'dpg-check-bench-report-'));
  const output = path.join(scratch, 'report.json');
  try {
    const result = spawnSync(process.execPath, argsFor(output), { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    const firstError = result.stderr?.toString('utf8').trim().split('\n')[0] ?? '';
    if (!existsSync(output)) return { problem: `the check wrote no report (exit ${result.status}${firstError ? `: ${firstError}` : ''})` };
    const report = JSON.parse(readFileSync(output, 'utf8'));
    if (report?.reportVersion !== 1) return { problem: 'the check wrote something that is not a report' };
    return { report };
  } catch (error) {
    return { problem: `the report could not be read: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function spawnChecked(command, args, okCodes = [0]) {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (!okCodes.includes(result.status ?? -1)) {
    throw new Error(`${path.basename(command)} ${args.join(' ')} exited with ${result.status}: ${result.stderr.toString('utf8').trim()}`);
  }
}

/** One untimed warm-up (page cache, JIT), then the median of `--runs` timed runs. */
async function medianMs(action) {
  await action();
  const samples = [];
  for (let run = 0; run < options.runs; run++) {
    const start = performance.now();
    await action();
    samples.push(performance.now() - start);
  }
  samples.sort((x, y) => x - y);
  const middle = Math.floor(samples.length / 2);
  return samples.length % 2 === 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
}

// ---------------------------------------------------------------------------
// printing

function describeMachine() {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return [
    `machine: ${model} × ${cpus.length}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`,
    `runtime: node ${process.version}, ${process.platform} ${process.arch} (${os.release()})`,
    `method: median of ${options.runs} runs after one warm-up run; ratios against baselines measured in this run`,
  ].join('\n');
}

function printSection(name, result) {
  const { title, notes = [], rows, baselines } = result;
  console.log(`\n## ${name}${title ? ` (${title})` : ''}`);
  for (const note of notes) console.log(`   ${note}`);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const labelWidth = Math.max(...rows.map((row) => row.label.length), 'measurement'.length);
  const header = ['measurement'.padEnd(labelWidth), 'ms'.padStart(10), ...baselines.map((key) => `× (${key})`.padStart(9))];
  console.log(`   ${header.join('  ')}`);
  for (const row of rows) {
    if (row.skipped !== undefined) {
      console.log(`   ${row.label.padEnd(labelWidth)}  ${'skipped'.padStart(10)}  (${row.skipped})`);
      continue;
    }
    const ratios = baselines.map((key) => {
      const baseline = byKey.get(key);
      return (baseline?.ms ? (row.ms / baseline.ms).toFixed(2) : '–').padStart(9);
    });
    console.log(`   ${row.label.padEnd(labelWidth)}  ${row.ms.toFixed(1).padStart(10)}  ${ratios.join('  ')}`);
  }
}

function parseOptions(argv) {
  const parsed = { files: 50_000, runs: 5, section: undefined };
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
    } else if (option === '--help' || option === '-h') {
      console.log('usage: node scripts/bench.mjs [--files N] [--runs N] [--section TEXT]');
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

// ---------------------------------------------------------------------------

console.log('dpg-check benchmarks');
console.log(describeMachine());
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

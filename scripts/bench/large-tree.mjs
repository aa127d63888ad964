// Bench section: a local check of a large synthetic tree, against git ls-files (and reading every file) in the same run.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { medianMs, spawnChecked, verifiedReport, gitEnv } from './measure.mjs';
import { ensureLargeTree } from './tree.mjs';
/** Bench section: a local check of a large synthetic tree, against git ls-files (and reading every file) in the same run. */
export function largeTreeSection({ projectRoot, options }) {
  const median = (action) => medianMs(action, options.runs);
  return {
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

    rows.push({ key: 'a', label: '(a) git ls-files (cached + others, exclude-standard)', ms: await median(listWithGit) });
    rows.push({
      key: 'b',
      label: '(b) git ls-files + read every file (fs.readFileSync)',
      ms: await median(() => {
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
        ms: await median(async () => {
          listed = (await createLocalSnapshot(tree)).paths.length;
        }),
      });
      rows.push({
        key: 'c2',
        label: '(c′) createLocalSnapshot + read every file',
        ms: await median(async () => {
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
      ms: await median(() => spawnChecked(process.execPath, ['-e', ''])),
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
          ms: await median(() => spawnChecked(process.execPath, fullCheck(os.devNull), [0, 1])),
        });
      } else {
        rows.push({ key: 'd', label: '(d) full check', skipped: probe.problem });
      }
    } else {
      rows.push({ key: 'd', label: '(d) full check', skipped: 'bin/dpg-check.js or dist/bundle/cli.cjs not built yet' });
    }
    return { title: `${files.toLocaleString('en')} files`, notes, rows, baselines: ['a', 'b'] };
  },
};
}

// Bench section: start-up, against a bare `node -e 0` in the same rounds (paired runs).
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { againstBuild, pairedMedians, spawnChecked } from './measure.mjs';

/**
 * What every CI job pays before any work: `--version`, `validate` of a declaration, and a local check of a small
 * candidate (its fixed cost: module loading, the licence index, the rules on a handful of files).
 */
export function startUpSection({ projectRoot, options }) {
  return {
    name: 'start-up',
    async run() {
      const bin = path.join(projectRoot, 'bin', 'dpg-check.js');
      if (!existsSync(path.join(projectRoot, 'dist', 'bundle', 'cli.cjs'))) {
        return { title: 'skipped', notes: ['dist/bundle/cli.cjs not built'], rows: [], baselines: [] };
      }
      const candidate = path.join(projectRoot, 'fixtures', 'candidates', 'complete-software');
      const node = (args, okCodes) => () => spawnChecked(process.execPath, args, okCodes);
      // Each build validates its own complete example: a key the declaration gained since the other build would
      // make that build exit 1.
      const commands = (dpgCheck, root) => ({
        v: node([dpgCheck, '--version']),
        h: node([dpgCheck, '--help']),
        d: node([dpgCheck, 'validate', path.join(root, 'fixtures', 'declarations', 'complete.yml')]),
        c: node([dpgCheck, candidate, '--format', 'json', '--output', os.devNull], [0, 1]),
      });
      const labels = {
        n: '(n) node -e 0 (baseline)',
        v: '    dpg-check --version',
        h: '    dpg-check --help',
        d: '    dpg-check validate fixtures/declarations/complete.yml',
        c: '    dpg-check fixtures/candidates/complete-software --format json (a local check\'s fixed cost)',
      };
      const measured = Object.keys(labels).filter((k) => k !== 'n');
      // With --against, the other build's commands (keys `o:v`…) run in the same rounds, on this build's candidate.
      const against = againstBuild(options.against);
      const theirs = against ? Object.fromEntries(Object.entries(commands(against.bin, against.root)).map(([key, action]) => [`o:${key}`, action])) : {};
      const { ms, ratio, ratioOf } = await pairedMedians({ n: node(['-e', '0']), ...commands(bin, projectRoot), ...theirs }, options.runs, 'n');
      const notes = [
        `median of the per-round ratios to (n): ${measured.map((k) => `${k} ${ratio[k].toFixed(2)}×`).join(', ')}`,
        `goals (issue 13): --version and validate within 1.5× (n); a local check's fixed cost under 150 ms (here ${ms.c.toFixed(0)} ms, ${(ms.c - ms.n).toFixed(0)} ms over node's own start)`,
      ];
      const rows = Object.entries(labels).map(([key, label]) => ({ key, label, ms: ms[key] }));
      if (against) {
        notes.push(`this build over --against ${against.name} (median of per-round ratios): ${measured.map((k) => `${k} ${ratioOf(k, `o:${k}`).toFixed(2)}`).join(', ')}; fixed cost there ${(ms['o:c'] - ms.n).toFixed(0)} ms over node`);
        rows.push(...measured.map((key) => ({ key: `o:${key}`, label: `${labels[key]} (--against)`, ms: ms[`o:${key}`] })));
      }
      return { title: `${options.runs} paired rounds`, notes, rows, baselines: ['n'] };
    },
  };
}

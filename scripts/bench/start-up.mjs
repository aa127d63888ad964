// Bench section: start-up, against a bare `node -e 0` in the same rounds (paired runs).
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pairedMedians, spawnChecked } from './measure.mjs';

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
      const declaration = path.join(projectRoot, 'fixtures', 'declarations', 'complete.yml');
      const candidate = path.join(projectRoot, 'fixtures', 'candidates', 'complete-software');
      const node = (args, okCodes) => () => spawnChecked(process.execPath, args, okCodes);
      const actions = {
        n: node(['-e', '0']),
        v: node([bin, '--version']),
        h: node([bin, '--help']),
        d: node([bin, 'validate', declaration]),
        c: node([bin, candidate, '--format', 'json', '--output', os.devNull], [0, 1]),
      };
      const { ms, ratio } = await pairedMedians(actions, options.runs, 'n');
      const labels = {
        n: '(n) node -e 0 (baseline)',
        v: '    dpg-check --version',
        h: '    dpg-check --help',
        d: '    dpg-check validate fixtures/declarations/complete.yml',
        c: '    dpg-check fixtures/candidates/complete-software --format json (a local check\'s fixed cost)',
      };
      return {
        title: `${options.runs} paired rounds`,
        notes: [
          `median of the per-round ratios to (n): ${Object.keys(labels).filter((k) => k !== 'n').map((k) => `${k} ${ratio[k].toFixed(2)}×`).join(', ')}`,
          `goals (issue 13): --version and validate within 1.5× (n); a local check's fixed cost under 150 ms (here ${ms.c.toFixed(0)} ms, ${(ms.c - ms.n).toFixed(0)} ms over node's own start)`,
        ],
        rows: Object.entries(labels).map(([key, label]) => ({ key, label, ms: ms[key] })),
        baselines: ['n'],
      };
    },
  };
}

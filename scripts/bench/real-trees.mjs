// Bench section: full checks of real repositories, against `licensee detect` on the same tree (paired runs).
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { againstBuild, ensureLicensee, pairedMedians, peakRssKiB, spawnChecked } from './measure.mjs';

/** The trees of issue 13 §5: two large Java repositories and a small one (folder names under --corpus). */
export const DEFAULT_TREES = ['dhis2-core', 'fineract', 'kindly'];

/**
 * `--corpus DIR` holds the trees (extracted, never committed: see docs or scripts/bench-corpus.mjs); `--trees a,b`
 * picks which (default DEFAULT_TREES). A tree that is not there is skipped, and the section says which.
 */
export function realTreesSection({ projectRoot, options }) {
  return {
    name: 'real trees',
    async run() {
      const corpus = options.corpus;
      if (!corpus || !existsSync(corpus)) {
        return { title: 'skipped', notes: [`no corpus: pass --corpus DIR with the trees ${(options.trees ?? DEFAULT_TREES).join(', ')}${corpus ? ` (${corpus} does not exist)` : ''}`], rows: [], baselines: [] };
      }
      const licensee = ensureLicensee();
      if (!licensee.available) return { title: 'skipped', notes: [`no baseline: ${licensee.why}`], rows: [], baselines: [] };
      const bin = path.join(projectRoot, 'bin', 'dpg-check.js');
      const wanted = options.trees ?? DEFAULT_TREES;
      const present = wanted.filter((name) => existsSync(path.join(corpus, name)) && statSync(path.join(corpus, name)).isDirectory());
      const missing = wanted.filter((name) => !present.includes(name));
      const notes = [`corpus: ${corpus}; baseline: ${licensee.version} (licence detection only)`];
      if (missing.length > 0) notes.push(`skipped, not in the corpus: ${missing.join(', ')}`);
      // With --against, the other build checks each tree in the same rounds.
      const against = againstBuild(options.against);
      if (against) notes.push(`--against ${against.name}: its check runs in the same rounds`);
      const rows = [];
      for (const name of present) {
        const tree = path.join(corpus, name);
        const files = countFiles(tree);
        const check = (dpgCheck) => [dpgCheck, tree, '--format', 'json', '--output', os.devNull];
        const { ms, ratio, ratioOf } = await pairedMedians({
          l: () => spawnChecked('licensee', ['detect', tree], [0, 1]),
          d: () => spawnChecked(process.execPath, check(bin), [0, 1]),
          ...(against ? { o: () => spawnChecked(process.execPath, check(against.bin), [0, 1]) } : {}),
        }, options.runs, 'l');
        const peak = peakRssKiB(process.execPath, check(bin), [0, 1]);
        rows.push({ key: `l-${name}`, label: `(l) ${name}: licensee detect (${files.toLocaleString('en')} files)`, ms: ms.l });
        rows.push({ key: `d-${name}`, label: `    ${name}: dpg-check <tree> --format json`, ms: ms.d, ratioTo: `l-${name}` });
        if (against) rows.push({ key: `o-${name}`, label: `    ${name}: the same, --against build`, ms: ms.o, ratioTo: `l-${name}` });
        notes.push(`${name}: dpg-check ${ratio.d.toFixed(2)}× licensee (median of per-round ratios; goal ≤ 1.0×)${peak === undefined ? '' : `, peak RSS ${(peak / 1024).toFixed(0)} MiB (goal < 150 MiB for 10,000 files)`}${against ? `; --against build ${ratio.o.toFixed(2)}× licensee, this build over it ${ratioOf('d', 'o').toFixed(2)}` : ''}`);
      }
      if (present.length === 0) return { title: 'skipped', notes, rows: [], baselines: [] };
      return { title: `${present.length} trees, ${options.runs} paired rounds each`, notes, rows, baselines: [] };
    },
  };
}

function countFiles(dir) {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) count += entry.name === '.git' ? 0 : countFiles(path.join(dir, entry.name));
    else count++;
  }
  return count;
}

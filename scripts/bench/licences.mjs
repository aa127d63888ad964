// Bench section: licence identification, against licensee on its own labelled fixtures.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureLicensee, medianMs, spawnChecked } from './measure.mjs';
/** Bench section: licence identification, against licensee on its own labelled fixtures. */
export function licencesSection({ projectRoot, options }) {
  const median = (action) => medianMs(action, options.runs);
  return {
  // Licence identification (issue 3): index load, time per licence file and per repository, and a side-by-side
  // with GitHub's licensee (`licensee detect`, Debian package ruby-licensee) on licensee's own labelled fixtures.
  name: 'licences',
  async run() {
    const corpus = path.resolve(projectRoot, '..', 'shared', 'corpus', 'licensee-fixtures');
    const dist = (module) => pathToFileURL(path.join(projectRoot, 'dist', 'src', module)).href;
    if (!existsSync(path.join(projectRoot, 'dist', 'src', 'licenses', 'match.js'))) {
      return { title: 'skipped', notes: [], rows: [{ key: 'f', label: 'licences', skipped: 'dist/src/licenses/match.js not built' }], baselines: ['f'] };
    }
    if (!existsSync(corpus)) return { title: 'skipped', notes: [`${corpus} not found`], rows: [{ key: 'f', label: 'licences', skipped: 'corpus not found' }], baselines: ['f'] };
    if (!existsSync(path.join(projectRoot, 'dist', 'license-index.json'))) {
      spawnChecked(process.execPath, [path.join(projectRoot, 'scripts', 'build-license-index.mjs')]);
    }
    const { loadLicenseIndex, resetLicenseIndex } = await import(dist('licenses/license-index.js'));
    const { identifyLicenseText } = await import(dist('licenses/match.js'));
    const { identifyLicenses, summarizeLicenses } = await import(dist('licenses/identify.js'));
    const { createLocalSnapshot } = await import(dist('snapshot/local.js'));
    const { makeDeclarationView } = await import(dist('declaration/load.js'));
    const { licenseFamily } = await import(dist('licenses/policy.js'));
    const { parse } = await import('yaml');
    const labels = parse(readFileSync(path.join(corpus, 'fixtures.yml'), 'utf8'));
    const repositories = Object.keys(labels).map((name) => path.join(corpus, name));
    const files = [];
    const walk = (dir) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (!/\.(json|yml)$/.test(entry.name)) files.push(readFileSync(full, 'utf8'));
      }
    };
    for (const repository of repositories) walk(repository);
    const words = files.reduce((sum, text) => sum + text.split(/\s+/).length, 0);
    const rows = [];
    const notes = [`corpus: ${corpus} (${repositories.length} labelled repositories, ${files.length} files, ${words.toLocaleString('en')} words)`];

    rows.push({ key: 'n', label: '    node start-up alone (node -e "")', ms: await median(() => spawnChecked(process.execPath, ['-e', ''])) });
    rows.push({ key: 'x', label: '(x) load the licence index (dist/license-index.json and .bin)', ms: await median(() => { resetLicenseIndex(); loadLicenseIndex(); }) });
    const index = loadLicenseIndex();
    notes.push(`index: ${index.entries.length} reference texts from ${index.source}, loaded from ${index.loadedFrom}`);
    rows.push({ key: 'f', label: `(f) identify every file from its text (${files.length} files)`, ms: await median(() => { for (const text of files) identifyLicenseText(text); }) });
    const snapshots = [];
    for (const repository of repositories) snapshots.push(await createLocalSnapshot(repository));
    const summaries = new Map();
    rows.push({
      key: 'r',
      label: `(r) identify the licences of every repository (${repositories.length}, snapshots taken)`,
      ms: await median(() => {
        snapshots.forEach((snapshot, i) => summaries.set(path.basename(repositories[i]), summarizeLicenses(identifyLicenses(snapshot, makeDeclarationView(undefined)))));
      }),
    });
    const bin = path.join(projectRoot, 'bin', 'dpg-check.js');
    rows.push({
      key: 'c',
      label: `(c) dpg-check <repository> --format json, one process each (${repositories.length})`,
      ms: await median(() => { for (const repository of repositories) spawnChecked(process.execPath, [bin, repository, '--format', 'json', '--output', os.devNull], [0, 1]); }),
    });

    // Licence identification alone as a command, for a like-for-like comparison with `licensee detect`.
    const script = path.join(os.tmpdir(), `dpg-check-bench-licences-${process.pid}.mjs`);
    writeFileSync(script, [
      `import { identifyLicenses, summarizeLicenses } from ${JSON.stringify(dist('licenses/identify.js'))};`,
      `import { createLocalSnapshot } from ${JSON.stringify(dist('snapshot/local.js'))};`,
      `import { makeDeclarationView } from ${JSON.stringify(dist('declaration/load.js'))};`,
      'const snapshot = await createLocalSnapshot(process.argv[2]);',
      'console.log(JSON.stringify(summarizeLicenses(identifyLicenses(snapshot, makeDeclarationView(undefined)))));',
    ].join('\n'));
    try {
      rows.push({
        key: 'k',
        label: `(k) licence identification only, one node process each (${repositories.length})`,
        ms: await median(() => { for (const repository of repositories) spawnChecked(process.execPath, [script, repository]); }),
      });
    } finally {
      rmSync(script, { force: true });
    }

    const licensee = ensureLicensee();
    const detected = new Map();
    if (licensee.available) {
      rows.push({
        key: 'l',
        label: `(l) licensee detect --json <repository>, one process each (${repositories.length})`,
        ms: await median(() => {
          for (const repository of repositories) {
            const result = spawnSync('licensee', ['detect', '--json', repository], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
            if (result.error) throw result.error;
            const ids = (JSON.parse(result.stdout || '{}').licenses ?? []).map((l) => l.spdx_id).filter((id) => id && id !== 'NOASSERTION' && id !== 'NONE');
            detected.set(path.basename(repository), ids);
          }
        }),
      });
      notes.push(`licensee: ${licensee.version}`);
    } else {
      rows.push({ key: 'l', label: '(l) licensee detect', skipped: licensee.why });
    }

    // Agreement with the labels (the rule of test/licenses-identify.test.ts) and with each other.
    const known = new Set(Object.keys(JSON.parse(readFileSync(path.join(corpus, 'license-hashes.json'), 'utf8'))));
    const agrees = (label, families, review, unidentified) => {
      const plain = families.length === 1 && !review && unidentified === 0;
      if (label === null || label === undefined) return families.length === 0 && unidentified === 0;
      if (label === 'no-license') return families.length === 0;
      if (label === 'other') return !(plain && known.has(families[0]));
      return plain && families[0] === label;
    };
    let ours = 0;
    let theirs = 0;
    let same = 0;
    for (const [name, label] of Object.entries(labels)) {
      const summary = summaries.get(name);
      if (agrees(label.key, summary.licenses.map(licenseFamily), summary.review, summary.unidentified.length)) ours++;
      if (licensee.available) {
        const ids = detected.get(name) ?? [];
        const reviewed = ids.length === 0 && label.key === 'other';
        if (agrees(label.key, ids.map(licenseFamily), reviewed, 0) || (label.key === 'other' && ids.length !== 1)) theirs++;
        const a = [...new Set(summary.licenses.map(licenseFamily))].sort().join(' ');
        const b = [...new Set(ids.map(licenseFamily))].sort().join(' ');
        if (a === b) same++;
      }
    }
    const total = repositories.length;
    notes.push(`agreement with the labels: dpg-check ${ours}/${total} (${(100 * ours / total).toFixed(1)}%; ${ours + 1}/${total} counting description-license, where the label "other" is narrower than the MIT we find)${licensee.available ? `, licensee ${theirs}/${total} (${(100 * theirs / total).toFixed(1)}%); dpg-check and licensee name the same licences for ${same}/${total}` : ''}`);
    const byKey = Object.fromEntries(rows.filter((row) => row.ms !== undefined).map((row) => [row.key, row.ms]));
    notes.push(`per file ${(byKey.f / files.length).toFixed(2)} ms, per repository ${(byKey.r / total).toFixed(2)} ms in-process; ${(byKey.c / total).toFixed(0)} ms per repository as the full check CLI, ${(byKey.k / total).toFixed(0)} ms as identification alone (node start-up ${byKey.n.toFixed(0)} ms, index load ${byKey.x.toFixed(1)} ms)${byKey.l ? `, licensee ${(byKey.l / total).toFixed(0)} ms per repository` : ''}`);
    return { title: `${total} repositories`, notes, rows, baselines: licensee.available ? ['l', 'n'] : ['n'] };
  },
};
}

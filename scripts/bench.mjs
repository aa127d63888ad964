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
//   --corpus DIR     a folder of real DPG trees named by registry slug, for the verdicts section (or DPG_CORPUS)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { corpusSection } from './bench-corpus.mjs';

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
  {
    // `dpg-check batch` over the DPGA registry corpus (issue 5): candidates per second offline, peak memory, and
    // where the time goes (phases measured one by one over the same candidates).
    name: 'batch over the registry corpus',
    async run() {
      const corpus = path.resolve(projectRoot, '..', 'shared', 'corpus', 'registry');
      if (!existsSync(corpus)) return { title: 'skipped', notes: [`${corpus} not found`], rows: [{ key: 'a', label: 'corpus', skipped: 'not found' }], baselines: ['a'] };
      const dist = (module) => pathToFileURL(path.join(projectRoot, 'dist', 'src', module)).href;
      if (!existsSync(path.join(projectRoot, 'dist', 'src', 'batch', 'run.js'))) {
        return { title: 'skipped', notes: [], rows: [{ key: 'a', label: 'batch', skipped: 'dist/src/batch/run.js not built' }], baselines: ['a'] };
      }
      const { readBatchInput } = await import(dist('batch/inputs.js'));
      const { importRegistryGroup, toLoadedDeclaration } = await import(dist('import/index.js'));
      const { checkSnapshot } = await import(dist('engine/check.js'));
      const { createMemorySnapshot } = await import(dist('snapshot/memory.js'));
      const { renderJson } = await import(dist('reporters/json.js'));
      const { builtInRules } = await import(pathToFileURL(path.join(projectRoot, 'dist', 'rules', 'index.js')).href);
      const vm = await import('node:vm');
      const jsonFiles = ['nominees', 'archive', 'digitalpublicgoods'].flatMap((folder) => readdirSync(path.join(corpus, folder)).map((name) => path.join(corpus, folder, name)));
      const candidates = readBatchInput(corpus).candidates.filter((c) => c.spec.kind === 'registry');
      const count = candidates.length;
      const notes = [`corpus: ${corpus} (${jsonFiles.length} files, ${count} candidates), ${builtInRules.length} rules`];
      const rows = [];

      rows.push({ key: 'a', label: '(a) read + JSON.parse every registry file', ms: await medianMs(() => { for (const file of jsonFiles) JSON.parse(readFileSync(file, 'utf8').replace(/^[^{[]*$/, '{}')); }) });
      rows.push({ key: 'i', label: '    read and classify the input (readBatchInput)', ms: await medianMs(() => readBatchInput(corpus)) });
      let imported = [];
      rows.push({ key: 'm', label: '    import every entry (nominee + screening → declaration, validated)', ms: await medianMs(() => { imported = candidates.map((c) => importRegistryGroup(c.spec.group)); }) });
      let reports = [];
      const check = async () => {
        reports = [];
        for (const result of imported) {
          const snapshot = createMemorySnapshot({}, { source: { kind: 'declaration-only', location: result.primary.path } });
          reports.push(await checkSnapshot({ snapshot, declaration: toLoadedDeclaration(result), fallbackName: result.meta.slug }));
        }
      };
      rows.push({ key: 'r', label: '    run the rules (checkSnapshot, declaration-only)', ms: await medianMs(check) });
      rows.push({ key: 'j', label: '    render the JSON reports', ms: await medianMs(() => { for (const report of reports) renderJson(report); }) });
      const guardContext = vm.createContext({ call: () => undefined });
      const guardScript = new vm.Script('call()');
      // For comparison: what guarding each rule call separately would cost (the engine guards all of a candidate's rules at once).
      rows.push({ key: 'g', label: `      a vm guard per rule call instead (${(count * builtInRules.length).toLocaleString('en')} guarded calls)`, ms: await medianMs(() => { for (let i = 0; i < count * builtInRules.length; i++) guardScript.runInContext(guardContext, { timeout: 5000 }); }) });

      // The whole batch in a fresh process each time: the batch as a user runs it, and its peak memory.
      const script = path.join(os.tmpdir(), `dpg-check-bench-batch-${process.pid}.mjs`);
      writeFileSync(script, [
        `import { runBatch } from ${JSON.stringify(dist('batch/run.js'))};`,
        'const [input, out, isolation] = process.argv.slice(2);',
        'const started = performance.now();',
        "const outcome = await runBatch({ input, ...(out ? { out } : {}), concurrency: 4, timeoutMs: 120000, resume: false, failOn: 'fail', isolation });",
        'const ms = performance.now() - started;',
        'console.log(JSON.stringify({ ms, rows: outcome.summary.rows.length, errors: outcome.summary.counts.errors, maxRssKiB: process.resourceUsage().maxRSS }));',
      ].join('\n'));
      const scratch = mkdtempSync(path.join(os.tmpdir(), 'dpg-check-bench-batch-out-'));
      try {
        let last;
        const batch = (withOut, isolation = 'process') => () => {
          const out = withOut ? path.join(scratch, `out-${Math.random().toString(36).slice(2)}`) : '';
          const result = spawnSync(process.execPath, [script, corpus, out, isolation], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
          if (result.status !== 0) throw new Error(`the batch failed: ${result.stderr.trim().split('\n')[0]}`);
          last = JSON.parse(result.stdout.trim().split('\n').pop());
          if (out) rmSync(out, { recursive: true, force: true });
        };
        rows.push({ key: 'b', label: '(b) runBatch over the corpus, --in-process, no output folder', ms: await medianMs(batch(false, 'in-process')) });
        const inMemory = last;
        rows.push({ key: 'o', label: '(c) runBatch --in-process --out: reports, rows, summaries written', ms: await medianMs(batch(true, 'in-process')) });
        const written = last;
        rows.push({ key: 'w', label: '(d) runBatch --out, 4 worker processes (the default)', ms: await medianMs(batch(true)) });
        const workers = last;
        notes.push(`batch (b): ${inMemory.rows} rows, ${inMemory.errors} errors; ${inMemory.ms.toFixed(0)} ms = ${(inMemory.rows / inMemory.ms * 1000).toFixed(0)} candidates/s, peak RSS ${(inMemory.maxRssKiB / 1024).toFixed(0)} MiB`);
        notes.push(`batch (c): ${written.rows} rows; ${written.ms.toFixed(0)} ms = ${(written.rows / written.ms * 1000).toFixed(0)} candidates/s, peak RSS ${(written.maxRssKiB / 1024).toFixed(0)} MiB`);
        notes.push(`batch (d): ${workers.rows} rows; ${workers.ms.toFixed(0)} ms = ${(workers.rows / workers.ms * 1000).toFixed(0)} candidates/s on ${os.availableParallelism?.() ?? os.cpus().length} cores, peak RSS of the parent ${(workers.maxRssKiB / 1024).toFixed(0)} MiB (each worker holds its own engine)`);
        const byKey = Object.fromEntries(rows.map((row) => [row.key, row.ms]));
        notes.push(`per candidate: import ${(byKey.m / count).toFixed(2)} ms, rules ${(byKey.r / count).toFixed(2)} ms (a guard per rule call would add ${(byKey.g / count).toFixed(2)} ms), JSON ${(byKey.j / count).toFixed(2)} ms`);
      } finally {
        rmSync(script, { force: true });
        rmSync(scratch, { recursive: true, force: true });
      }
      return { title: `${count} candidates`, notes, rows, baselines: ['a', 'b'] };
    },
  },
  {
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

      rows.push({ key: 'n', label: '    node start-up alone (node -e "")', ms: await medianMs(() => spawnChecked(process.execPath, ['-e', ''])) });
      rows.push({ key: 'x', label: '(x) load the licence index (dist/license-index.json)', ms: await medianMs(() => { resetLicenseIndex(); loadLicenseIndex(); }) });
      const index = loadLicenseIndex();
      notes.push(`index: ${index.entries.length} reference texts from ${index.source}, loaded from ${index.loadedFrom}`);
      rows.push({ key: 'f', label: `(f) identify every file from its text (${files.length} files)`, ms: await medianMs(() => { for (const text of files) identifyLicenseText(text); }) });
      const snapshots = [];
      for (const repository of repositories) snapshots.push(await createLocalSnapshot(repository));
      const summaries = new Map();
      rows.push({
        key: 'r',
        label: `(r) identify the licences of every repository (${repositories.length}, snapshots taken)`,
        ms: await medianMs(() => {
          snapshots.forEach((snapshot, i) => summaries.set(path.basename(repositories[i]), summarizeLicenses(identifyLicenses(snapshot, makeDeclarationView(undefined)))));
        }),
      });
      const bin = path.join(projectRoot, 'bin', 'dpg-check.js');
      rows.push({
        key: 'c',
        label: `(c) dpg-check <repository> --format json, one process each (${repositories.length})`,
        ms: await medianMs(() => { for (const repository of repositories) spawnChecked(process.execPath, [bin, repository, '--format', 'json', '--output', os.devNull], [0, 1]); }),
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
          ms: await medianMs(() => { for (const repository of repositories) spawnChecked(process.execPath, [script, repository]); }),
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
          ms: await medianMs(() => {
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
  },
  {
    // Remote candidates (issue 4): what a git URL costs, requests and bytes, against a shallow clone of the same
    // repository, cold (empty cache) and warm (unchanged repository, cache kept). Served by `git http-backend` on
    // 127.0.0.1, which counts every request and byte; no internet.
    name: 'remote: bytes',
    async run() {
      const figures = await measureRemote();
      if (figures.skipped) return { title: 'skipped', notes: [], rows: [{ key: 's', label: 'remote', skipped: figures.skipped }], baselines: ['s'] };
      return {
        title: figures.title,
        notes: figures.notes,
        unit: 'bytes',
        rows: figures.rows.map((row) => ({ key: row.key, label: row.label, value: row.bytes })),
        baselines: ['s'],
      };
    },
  },
  {
    name: 'remote: requests',
    async run() {
      const figures = await measureRemote();
      if (figures.skipped) return { title: 'skipped', notes: [], rows: [{ key: 's', label: 'remote', skipped: figures.skipped }], baselines: ['s'] };
      return { title: figures.title, notes: [], unit: 'requests', rows: figures.rows.map((row) => ({ key: row.key, label: row.label, value: row.requests })), baselines: ['s'] };
    },
  },
];

let remoteFigures;

/** Measured once for both remote sections. */
async function measureRemote() {
  if (remoteFigures) return remoteFigures;
  const bin = path.join(projectRoot, 'bin', 'dpg-check.js');
  if (!existsSync(path.join(projectRoot, 'dist', 'src', 'sources', 'git.js'))) return (remoteFigures = { skipped: 'dist/src/sources/git.js not built' });
  const { buildBareRepository, startGitHttpServer } = await import(pathToFileURL(path.join(projectRoot, 'fixtures', 'remote', 'git-http-server.mjs')).href);
  const files = 5000;
  const root = mkdtempSync(path.join(os.tmpdir(), 'dpg-check-bench-remote-'));
  const server = await startGitHttpServer(root);
  try {
    buildBareRepository(root, 'large', remoteTree(files));
    const url = `${server.url}/large.git`;
    const cache = path.join(root, 'cache');
    const measure = async (action) => {
      server.reset();
      await action();
      return { requests: server.stats.requests, bytes: server.stats.bytes };
    };
    // The CLI runs in a child process, asynchronously: the server answering it lives in this one.
    const check = (extra = []) => runAsync(process.execPath, [bin, url, '--format', 'json', '--output', os.devNull, ...extra], { ...process.env, XDG_CACHE_HOME: cache }, [0, 1]);
    const shallow = path.join(root, 'shallow');
    const rows = [];
    rows.push({ key: 's', label: '(s) git clone --depth 1 --no-checkout (baseline)', ...(await measure(() => runAsync('git', ['clone', '-q', '--depth', '1', '--no-checkout', url, shallow]))) });
    rows.push({ key: 'sw', label: '(s′) warm: git fetch --depth 1 in that clone (nothing changed)', ...(await measure(() => runAsync('git', ['-C', shallow, 'fetch', '-q', '--depth', '1', 'origin']))) });
    rows.push({ key: 'p', label: '(p) cold: dpg-check <git URL> (partial clone + one blob batch)', ...(await measure(() => check())) });
    rows.push({ key: 'pw', label: '(p′) warm: dpg-check <git URL> again (cache: git ls-remote only)', ...(await measure(() => check())) });
    rows.push({ key: 'pn', label: '(p″) dpg-check <git URL> --no-cache', ...(await measure(() => check(['--no-cache']))) });
    const p = rows.find((row) => row.key === 'p');
    const s = rows.find((row) => row.key === 's');
    return (remoteFigures = {
      title: `${files.toLocaleString('en')}-file repository over git http-backend`,
      notes: [
        `cold: ${p.requests} HTTP requests and ${(p.bytes / 1024).toFixed(0)} KiB for dpg-check, against ${s.requests} requests and ${(s.bytes / 1024 / 1024).toFixed(1)} MiB for a shallow clone (${(100 * p.bytes / s.bytes).toFixed(1)} % of its bytes)`,
        'bytes are response bodies as sent by the server (packs are compressed), requests are HTTP requests (git protocol v2)',
      ],
      rows,
    });
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Source-like files (words from a small vocabulary: they compress about as real code does) in 50 folders. */
function remoteTree(count) {
  const files = {
    'README.md': '# Large\n\n## Install\n\nnpm install\n\n## Usage\n\nnpm start\n',
    LICENSE: 'MIT License\n\nCopyright (c) 2024 Large Org\n',
    'package.json': '{ "name": "large", "license": "MIT" }\n',
    'dpg.yml': 'name: Large\ntypes: [software]\nlicenses:\n  - spdx: MIT\n    evidence: [LICENSE]\n',
  };
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  const words = Array.from({ length: 400 }, (_, i) => `${['get', 'set', 'load', 'save', 'user', 'clinic', 'visit', 'date', 'list', 'map'][i % 10]}${i.toString(36)}`);
  for (let i = 0; i < count; i++) {
    const lines = [`// module ${i}`];
    const length = 2000 + (next() % 3000);
    for (let size = 0; size < length;) {
      const line = `export const ${words[next() % words.length]} = ${words[next() % words.length]}(${next() % 1000}, '${words[next() % words.length]}');`;
      lines.push(line);
      size += line.length + 1;
    }
    files[`src/module-${i % 50}/file-${i}.ts`] = `${lines.join('\n')}\n`;
  }
  return files;
}

function runAsync(command, args, env = process.env, okCodes = [0]) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (okCodes.includes(code) ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim().split('\n').pop()}`))));
  });
}

/**
 * `licensee` on the PATH, installed from Debian (ruby-licensee) when absent and
 * possible (root, apt-get present); otherwise why not, for the skipped row.
 */
function ensureLicensee() {
  const version = () => {
    const result = spawnSync('licensee', ['version'], { encoding: 'utf8' });
    return result.status === 0 ? `licensee ${result.stdout.trim()}` : undefined;
  };
  let found = version();
  if (found) return { available: true, version: found };
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { available: false, why: 'licensee is not installed, and installing ruby-licensee needs root' };
  if (spawnSync('apt-get', ['--version']).status !== 0) return { available: false, why: 'licensee is not installed, and apt-get is not available to install ruby-licensee' };
  process.stderr.write('bench: installing ruby-licensee (apt-get)…\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let install = spawnSync('apt-get', ['install', '-y', '-qq', 'ruby-licensee'], { env, encoding: 'utf8' });
  if (install.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { env });
    install = spawnSync('apt-get', ['install', '-y', '-qq', 'ruby-licensee'], { env, encoding: 'utf8' });
  }
  found = version();
  return found ? { available: true, version: found } : { available: false, why: `installing ruby-licensee failed: ${(install.stderr ?? '').trim().split('\n').pop() ?? 'unknown error'}` };
}

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
  if (rows.length === 0) return;
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const labelWidth = Math.max(...rows.map((row) => row.label.length), 'measurement'.length);
  // A section measuring something other than time says so with `unit`, and gives `value` instead of `ms`.
  const unit = result.unit ?? 'ms';
  const valueOf = (row) => row?.value ?? row?.ms;
  const header = ['measurement'.padEnd(labelWidth), unit.padStart(10), ...baselines.map((key) => `× (${key})`.padStart(9))];
  console.log(`   ${header.join('  ')}`);
  for (const row of rows) {
    if (row.skipped !== undefined) {
      console.log(`   ${row.label.padEnd(labelWidth)}  ${'skipped'.padStart(10)}  (${row.skipped})`);
      continue;
    }
    const ratios = baselines.map((key) => {
      const baseline = byKey.get(key);
      return (valueOf(baseline) ? (valueOf(row) / valueOf(baseline)).toFixed(unit === 'ms' ? 2 : 3) : '–').padStart(9);
    });
    console.log(`   ${row.label.padEnd(labelWidth)}  ${valueOf(row).toFixed(unit === 'ms' ? 1 : 0).padStart(10)}  ${ratios.join('  ')}`);
  }
}

function parseOptions(argv) {
  const parsed = { files: 50_000, runs: 5, section: undefined, corpus: process.env.DPG_CORPUS };
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
    } else if (option === '--help' || option === '-h') {
      console.log('usage: node scripts/bench.mjs [--files N] [--runs N] [--section TEXT] [--corpus DIR]');
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
sections.push(corpusSection({ projectRoot, corpus: options.corpus }));
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

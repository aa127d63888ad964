// Bench section: `dpg-check batch` over the DPGA registry corpus: candidates per second, peak memory, where the time goes.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { againstBuild, medianMs, pairedMedians, spawnChecked } from './measure.mjs';
/** Bench section: `dpg-check batch` over the DPGA registry corpus: candidates per second, peak memory, where the time goes. */
export function batchSection({ projectRoot, options }) {
  const median = (action) => medianMs(action, options.runs);
  return {
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

    rows.push({ key: 'a', label: '(a) read + JSON.parse every registry file', ms: await median(() => { for (const file of jsonFiles) JSON.parse(readFileSync(file, 'utf8').replace(/^[^{[]*$/, '{}')); }) });
    rows.push({ key: 'i', label: '    read and classify the input (readBatchInput)', ms: await median(() => readBatchInput(corpus)) });
    let imported = [];
    rows.push({ key: 'm', label: '    import every entry (nominee + screening → declaration, validated)', ms: await median(() => { imported = candidates.map((c) => importRegistryGroup(c.spec.group)); }) });
    let reports = [];
    const check = async () => {
      reports = [];
      for (const result of imported) {
        const snapshot = createMemorySnapshot({}, { source: { kind: 'declaration-only', location: result.primary.path } });
        reports.push(await checkSnapshot({ snapshot, declaration: toLoadedDeclaration(result), fallbackName: result.meta.slug }));
      }
    };
    rows.push({ key: 'r', label: '    run the rules (checkSnapshot, declaration-only)', ms: await median(check) });
    rows.push({ key: 'j', label: '    render the JSON reports', ms: await median(() => { for (const report of reports) renderJson(report); }) });
    const guardContext = vm.createContext({ call: () => undefined });
    const guardScript = new vm.Script('call()');
    // For comparison: what guarding each rule call separately would cost (the engine guards all of a candidate's rules at once).
    rows.push({ key: 'g', label: `      a vm guard per rule call instead (${(count * builtInRules.length).toLocaleString('en')} guarded calls)`, ms: await median(() => { for (let i = 0; i < count * builtInRules.length; i++) guardScript.runInContext(guardContext, { timeout: 5000 }); }) });

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
      rows.push({ key: 'b', label: '(b) runBatch over the corpus, --in-process, no output folder', ms: await median(batch(false, 'in-process')) });
      const inMemory = last;
      rows.push({ key: 'o', label: '(c) runBatch --in-process --out: reports, rows, summaries written', ms: await median(batch(true, 'in-process')) });
      const written = last;
      rows.push({ key: 'w', label: '(d) runBatch --out, --concurrency 4 (the default): a worker process per core', ms: await median(batch(true)) });
      const workers = last;
      notes.push(`batch (b): ${inMemory.rows} rows, ${inMemory.errors} errors; ${inMemory.ms.toFixed(0)} ms = ${(inMemory.rows / inMemory.ms * 1000).toFixed(0)} candidates/s, peak RSS ${(inMemory.maxRssKiB / 1024).toFixed(0)} MiB`);
      notes.push(`batch (c): ${written.rows} rows; ${written.ms.toFixed(0)} ms = ${(written.rows / written.ms * 1000).toFixed(0)} candidates/s, peak RSS ${(written.maxRssKiB / 1024).toFixed(0)} MiB`);
      notes.push(`batch (d): ${workers.rows} rows; ${workers.ms.toFixed(0)} ms = ${(workers.rows / workers.ms * 1000).toFixed(0)} candidates/s on ${os.availableParallelism?.() ?? os.cpus().length} cores, peak RSS of the parent ${(workers.maxRssKiB / 1024).toFixed(0)} MiB (each worker holds its own engine)`);
      const byKey = Object.fromEntries(rows.map((row) => [row.key, row.ms]));
      notes.push(`per candidate: import ${(byKey.m / count).toFixed(2)} ms, rules ${(byKey.r / count).toFixed(2)} ms (a guard per rule call would add ${(byKey.g / count).toFixed(2)} ms), JSON ${(byKey.j / count).toFixed(2)} ms`);
      // With --against: the command a reviewer runs, `dpg-check batch --out`, by each build in the same rounds.
      const against = againstBuild(options.against);
      if (against) {
        const command = (bin) => () => {
          const out = path.join(scratch, `cli-${Math.random().toString(36).slice(2)}`);
          spawnChecked(process.execPath, [bin, 'batch', '--out', out, corpus], [0, 1]);
          rmSync(out, { recursive: true, force: true });
        };
        const { ms, ratioOf } = await pairedMedians({ e: command(path.join(projectRoot, 'bin', 'dpg-check.js')), 'o:e': command(against.bin) }, options.runs, 'e');
        rows.push({ key: 'e', label: '(e) dpg-check batch --out <dir> <corpus>, the command line', ms: ms.e });
        rows.push({ key: 'o:e', label: '    the same, --against build', ms: ms['o:e'] });
        notes.push(`batch (e): ${(count / ms.e * 1000).toFixed(0)} candidates/s; --against ${against.name}: ${(count / ms['o:e'] * 1000).toFixed(0)}/s; this build over it ${ratioOf('e', 'o:e').toFixed(2)} (median of per-round ratios, ${options.runs} paired rounds)`);
      }
    } finally {
      rmSync(script, { force: true });
      rmSync(scratch, { recursive: true, force: true });
    }
    return { title: `${count} candidates`, notes, rows, baselines: ['a', 'b'] };
  },
};
}

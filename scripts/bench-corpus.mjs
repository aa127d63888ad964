// Bench section: verdicts on a corpus of real, recognised DPGs.
//
// Each tree is checked with its own registry answers, as a new user would:
//   dpg-check import nominees/<slug>.json digitalpublicgoods/<slug>.json --output <decl>
//   dpg-check --declaration <decl> <tree> --format json
// and the section prints, per indicator, the counts of pass, fail, gap, n/a and error, then every requirement
// fail with the judgement recorded for it in scripts/corpus-judgements.json (a fail judged false there and
// still present is a regression; one judged false but not fixed yet is listed as open; a fail nobody judged yet is
// listed to be judged).
//
// The corpus is not in the repository (fetched code is never committed): point --corpus (or DPG_CORPUS) at a
// folder of trees named by registry slug (the slugs of ../shared/corpus/real-dpgs.tsv). Without one, the section
// says so and is skipped.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const INDICATORS = ['1', '2', '3', '4', '5', '6', '7', '8', '9a', '9b', '9c'];
const STATUSES = ['pass', 'fail', 'gap', 'n/a', 'error'];

export function corpusSection({ projectRoot, corpus }) {
  return {
    name: 'verdicts on real DPGs',
    async run() {
      const registry = path.resolve(projectRoot, '..', 'shared', 'corpus', 'registry');
      if (!corpus || !existsSync(corpus)) {
        return { title: 'skipped', notes: [`no corpus: pass --corpus DIR (or DPG_CORPUS) with one folder per registry slug${corpus ? ` (${corpus} does not exist)` : ''}`], rows: [], baselines: [] };
      }
      if (!existsSync(registry)) return { title: 'skipped', notes: [`no registry at ${registry}`], rows: [], baselines: [] };
      const slugs = readdirSync(corpus).filter((slug) => statSync(path.join(corpus, slug)).isDirectory() && existsSync(path.join(registry, 'nominees', `${slug}.json`))).sort();
      const judgements = JSON.parse(readFileSync(path.join(projectRoot, 'scripts', 'corpus-judgements.json'), 'utf8')).judgements;
      const cli = path.join(projectRoot, 'bin', 'dpg-check.js');
      const work = mkdtempSync(path.join(os.tmpdir(), 'dpg-corpus-'));
      const counts = Object.fromEntries(INDICATORS.map((id) => [id, Object.fromEntries(STATUSES.map((s) => [s, 0]))]));
      const fails = [];
      const started = performance.now();
      try {
        for (const slug of slugs) {
          const decl = path.join(work, `${slug}.yml`);
          const inputs = [path.join(registry, 'nominees', `${slug}.json`), path.join(registry, 'digitalpublicgoods', `${slug}.json`)].filter(existsSync);
          execFileSync(process.execPath, [cli, 'import', ...inputs, '--output', decl], { stdio: 'ignore' });
          let output;
          try {
            output = execFileSync(process.execPath, [cli, '--declaration', decl, path.join(corpus, slug), '--format', 'json'], { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
          } catch (error) {
            if (error.status !== 1) throw new Error(`${slug}: dpg-check exited with ${error.status}`);
            output = error.stdout;
          }
          const report = JSON.parse(output.toString('utf8'));
          for (const indicator of report.indicators) counts[indicator.id][indicator.verdict] += 1;
          for (const finding of report.findings) {
            if (finding.status !== 'fail' || finding.level === 'advice') continue;
            const where = finding.evidence.find((e) => e.kind === 'file')?.path;
            const judged = judgements.find((j) => j.slug === slug && j.ruleId === finding.ruleId && (j.path === undefined || j.path === where) && (j.messageIncludes === undefined || finding.message.includes(j.messageIncludes)));
            fails.push({ slug, ruleId: finding.ruleId, where, judged });
          }
        }
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const table = [
        `${'indicator'.padEnd(10)}${STATUSES.map((s) => s.padStart(7)).join('')}`,
        ...INDICATORS.map((id) => `${id.padEnd(10)}${STATUSES.map((s) => String(counts[id][s]).padStart(7)).join('')}`),
      ];
      const passes = INDICATORS.reduce((sum, id) => sum + counts[id].pass, 0);
      const judgedFalse = fails.filter((f) => f.judged?.judgement === 'false-fail');
      const judgedTrue = fails.filter((f) => f.judged?.judgement === 'true-fail');
      const knownOpen = fails.filter((f) => f.judged?.judgement === 'false-fail-open');
      const unjudged = fails.filter((f) => !f.judged);
      return {
        title: `${slugs.length} candidates, ${seconds} s`,
        notes: [
          `corpus: ${corpus}; answers: ${registry}`,
          ...table,
          `pass verdicts: ${passes} of ${slugs.length * INDICATORS.length} indicator verdicts`,
          `requirement fails: ${fails.length} — judged true: ${judgedTrue.length}, known false fails not fixed yet: ${knownOpen.length}, recorded false fails still present: ${judgedFalse.length}, not judged yet: ${unjudged.length}`,
          ...judgedFalse.map((f) => `  FALSE FAIL (regression) ${f.slug} ${f.ruleId} ${f.where ?? ''}: ${f.judged.why}`),
          ...knownOpen.map((f) => `  false fail, open ${f.slug} ${f.ruleId} ${f.where ?? ''}: ${f.judged.why}`),
          ...judgedTrue.map((f) => `  true fail ${f.slug} ${f.ruleId} ${f.where ?? ''}: ${f.judged.why}`),
          ...unjudged.map((f) => `  to judge ${f.slug} ${f.ruleId} ${f.where ?? ''}`),
          `false fails recorded in scripts/corpus-judgements.json: ${judgements.filter((j) => j.judgement === 'false-fail').length} (each fixed, with a fixture of its pattern)`,
        ],
        rows: [],
        baselines: [],
      };
    },
  };
}

/**
 * A small batch for the dashboard tests: declarations with different verdicts
 * and solution types, one whose name is hostile HTML, one file that is not a
 * candidate at all (an error row). Checked through the CLI into an output folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { run } from '../src/cli.js';
import { buildSummary, type Summary, type SummaryRow } from '../src/batch/summary.js';
import { INDICATOR_IDS, SOLUTION_TYPES, type IndicatorId, type Status } from '../src/model.js';

export const HOSTILE_NAME = '<script>alert("name")</script><img src=x onerror=alert(1)> & "quoted" \'single\'';

const DECLARATIONS: Record<string, string> = {
  'clinic.yml': 'name: Open Clinic Scheduler\ntypes: [software]\nlicenses:\n  - spdx: MIT\n    evidence: [https://example.org/LICENSE]\n',
  'guide.yml': 'name: Field Guide to Malaria Prevention\ntypes: [content]\nlicenses:\n  - spdx: CC-BY-ND-4.0\n    evidence: [https://example.org/LICENSE]\n',
  'atlas.yml': 'name: Open Soil Atlas\ntypes: [data]\nlicenses:\n  - spdx: ODbL-1.0\n    evidence: [https://example.org/LICENSE]\n',
  'hostile.yml': `name: ${JSON.stringify(HOSTILE_NAME)}\ntypes: [software, data]\n`,
  'zebra.yml': 'name: Zebra Crossing Counter\ntypes: [software]\n',
};

/** Writes the input folder and runs `dpg-check batch <input> --out <out>`; returns the exit code and the summary. */
export async function runDashboardBatch(root: string): Promise<{ input: string; out: string; code: number; summary: Summary }> {
  const input = path.join(root, 'input');
  const out = path.join(root, 'out');
  fs.mkdirSync(input, { recursive: true });
  for (const [name, text] of Object.entries(DECLARATIONS)) fs.writeFileSync(path.join(input, name), text);
  fs.writeFileSync(path.join(input, 'broken.json'), '{ "not": "a candidate" ');
  const code = await run(['batch', input, '--out', out, '--in-process', '--concurrency', '2'], { stdout: { write: () => true }, stderr: { write: () => true }, env: {} });
  const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as Summary;
  return { input, out, code, summary };
}

/** A deterministic cohort of `count` candidates with every verdict and type, for size tests. */
export function syntheticSummary(count: number): Summary {
  const statuses: Status[] = ['pass', 'gap', 'gap', 'fail', 'n/a', 'pass', 'gap'];
  const rows: SummaryRow[] = Array.from({ length: count }, (_, i) => {
    const indicators = Object.fromEntries(INDICATOR_IDS.map((id, k) => [id, statuses[(i * 7 + k * 3) % statuses.length]!])) as Record<IndicatorId, Status>;
    const values = Object.values(indicators);
    const verdict: Status = values.includes('fail') ? 'fail' : values.includes('gap') ? 'gap' : 'pass';
    const id = `nominees/candidate-${String(i).padStart(4, '0')}`;
    return {
      id, name: `Candidate ${i} ${['Health', 'Education', 'Climate', 'Finance'][i % 4]}`, types: [SOLUTION_TYPES[i % SOLUTION_TYPES.length]!],
      source: 'declaration-only', location: `${id}.json`, stage: i % 3 === 0 ? 'DPG' : 'nominee', status: 'checked', verdict, indicators,
      findings: { pass: values.filter((v) => v === 'pass').length, fail: values.filter((v) => v === 'fail').length, gap: values.filter((v) => v === 'gap').length, 'n/a': values.filter((v) => v === 'n/a').length, error: 0 },
      report: `reports/candidate-${i}.json`,
    };
  });
  return buildSummary(rows, 0);
}

/** Where the system Chromium is (Debian package `chromium`); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) => fs.existsSync(file)) ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
export const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Shared by the reporter tests (test/reporters-*.test.ts, test/html-browser.test.ts):
 * hand-built reports (consistent: verdicts aggregated as the engine does),
 * a hostile report full of strings that try to break out of every format,
 * fixture reports with their volatile fields normalised, and an in-process CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { aggregate, INDICATOR_IDS, INDICATOR_TITLES, type Finding, type IndicatorId, type Report, type Status } from '../src/model.js';
import { checkCandidate, CheckError } from '../src/engine/check.js';
import { run } from '../src/cli.js';

export function buildReport(findings: Finding[], overrides: Partial<Report> = {}): Report {
  const indicators = INDICATOR_IDS.map((id) => ({
    id,
    title: INDICATOR_TITLES[id],
    verdict: aggregate(findings.filter((f) => f.indicator === id).map((f) => f.status)),
  }));
  return {
    reportVersion: 2,
    tool: { name: 'dpg-check', version: '0.1.0' },
    standard: { name: 'DPG Standard', version: '1.1.7' },
    candidate: {
      name: 'Example',
      types: ['software'],
      sources: [{ kind: 'local', location: '.', revision: '3f2a9c0d1e4b5a6978877665544332211000ffee' }],
      declaration: { path: 'dpg.yml', valid: true },
    },
    verdict: aggregate(indicators.map((i) => i.verdict)),
    indicators,
    findings,
    licenses: [{ spdx: 'MIT', path: 'LICENSE', confidence: 0.99, method: 'text', line: 1 }],
    timings: { totalMs: 42.4, snapshotMs: 30, rulesMs: 12, files: 17 },
    ...overrides,
  };
}

export function finding(indicator: IndicatorId, status: Status, extra: Partial<Finding> = {}): Finding {
  return {
    // Not a built-in id: like a pack rule, the reporters know it only from its findings.
    ruleId: `pack/example-${indicator}`,
    ruleAlias: `example-${indicator}`,
    indicator,
    level: 'requirement',
    status,
    messageId: 'example',
    message: `Indicator ${indicator} is ${status}.`,
    evidence: [],
    ...(status === 'fail' || status === 'gap' ? { remediation: `Fix indicator ${indicator}.` } : {}),
    docsUrl: `https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md#${indicator}`,
    ...extra,
  };
}

/** Every status, several outcomes per rule, every evidence kind. */
export function mixedReport(): Report {
  return buildReport([
    finding('1', 'pass', { evidence: [{ kind: 'declaration', path: 'dpg.yml', key: 'sdgs[0]', line: 4, column: 3 }] }),
    finding('2', 'fail', {
      ruleId: 'dpg-2-02', ruleAlias: 'license-approved',
      message: 'CC-BY-ND-4.0 is not an approved licence for content (`licenses[0]`).',
      evidence: [
        { kind: 'declaration', path: 'dpg.yml', key: 'licenses[0].spdx', line: 12, column: 5 },
        { kind: 'file', path: 'LICENSE', line: 1, excerpt: 'Attribution-NoDerivatives 4.0 International' },
      ],
    }),
    finding('2', 'pass', { ruleId: 'dpg-2-02', ruleAlias: 'license-approved', message: 'MIT is approved for software.' }),
    finding('2', 'pass', { ruleId: 'dpg-2-03', ruleAlias: 'license-file', evidence: [{ kind: 'file', path: 'LICENSE' }] }),
    finding('3', 'gap', { evidence: [{ kind: 'host', key: 'owner', value: 'example-org' }, { kind: 'note', text: 'No copyright line.' }] }),
    finding('5', 'pass', { evidence: [{ kind: 'url', url: 'https://example.org/docs' }] }),
    finding('8', 'error', { message: 'Rule pack/example-8 could not run: the rule threw: boom.', messageId: undefined, remediation: 'Report it to the rule\'s authors.' }),
    finding('9a', 'gap', { ruleId: 'dpg-9a-01' }),
    finding('9a', 'gap', { ruleId: 'dpg-9a-02', evidence: [{ kind: 'file', path: 'src/config/secrets.ts', line: 7, column: 12 }] }),
    finding('9b', 'n/a', { message: 'Does not apply to software.' }),
  ], {
    ignored: [{ ruleId: 'dpg-4-01', reason: 'reviewed by hand' }],
    warnings: ['skipped a link out of the root: docs/outside'],
  });
}

/** Strings that try to break out of HTML, markdown, XML, SARIF JSON and workflow commands. */
export const HOSTILE = {
  name: '<script>alert("name")</script><img src=x onerror=alert(1)> @octocat **bold** [x](javascript:alert(2)) | a & b',
  message: 'Bad: <iframe src="https://evil.example/"></iframe> ]]> <![CDATA[ x ]]> \u0000\u0007\u001b[31m @everyone `unclosed ![img](https://evil.example/p.png)\n::set-output name=x::y\r\n::error::forged',
  path: '"><svg onload=alert(3)>/a b&c.txt',
  url: 'javascript:alert(4)',
  excerpt: '</code><script>alert(5)</script>',
  key: "licenses[0]'\"><b>",
  reason: '<b onclick=alert(6)>reason</b>',
  spdx: '<MIT>',
} as const;

export function hostileReport(): Report {
  return buildReport([
    finding('2', 'fail', {
      ruleId: 'dpg-2-02', ruleAlias: 'license-approved', message: HOSTILE.message, remediation: `Fix ${HOSTILE.message}`,
      evidence: [
        { kind: 'file', path: HOSTILE.path, line: 3, excerpt: HOSTILE.excerpt },
        { kind: 'declaration', path: 'dpg.yml', key: HOSTILE.key, line: 2 },
        { kind: 'url', url: HOSTILE.url },
        { kind: 'url', url: 'https://example.org/a_(b)<c>"d' },
        { kind: 'host', key: 'owner', value: HOSTILE.name },
        { kind: 'note', text: HOSTILE.message },
      ],
      docsUrl: HOSTILE.url,
    }),
    finding('3', 'gap', { message: HOSTILE.name, evidence: [{ kind: 'file', path: HOSTILE.path }] }),
    finding('1', 'pass', { message: HOSTILE.message }),
  ], {
    candidate: {
      name: HOSTILE.name,
      types: ['software'],
      sources: [{ kind: 'local', location: HOSTILE.path, revision: HOSTILE.excerpt }],
      declaration: { path: HOSTILE.path, valid: true },
    },
    licenses: [{ spdx: HOSTILE.spdx, path: HOSTILE.path, confidence: 0.5, method: 'text' }],
    ignored: [{ ruleId: 'dpg-4-01', reason: HOSTILE.reason }, { path: HOSTILE.path, reason: HOSTILE.reason }],
    warnings: [HOSTILE.message],
  });
}

export const FIXTURES = 'fixtures/candidates';

/** Fixture candidates (folders under fixtures/candidates), sorted. */
export function fixtureNames(): string[] {
  return fs.readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

/** A fixture's report, or the CheckError that stopped it (a malformed declaration). */
export async function fixtureReport(name: string): Promise<Report | CheckError> {
  try {
    return normaliseReport(await checkCandidate({ target: path.join(FIXTURES, name) }), name);
  } catch (error) {
    if (error instanceof CheckError) return error;
    throw error;
  }
}

export const NORMALISED_REVISION = '0000000000000000000000000000000000000000';

/**
 * Removes what changes from run to run and machine to machine: timings, the
 * absolute checkout path and the commit the fixtures were checked at. Verdicts,
 * findings and evidence are kept exactly.
 */
export function normaliseReport(report: Report, name: string): Report {
  const roots = [process.cwd(), path.resolve(FIXTURES, name)].sort((a, b) => b.length - a.length);
  let json = JSON.stringify(report);
  for (const root of roots) json = json.split(JSON.stringify(root).slice(1, -1)).join('<root>');
  const normalised = JSON.parse(json) as Report;
  normalised.timings = { totalMs: 0, snapshotMs: 0, rulesMs: 0, files: report.timings.files };
  normalised.candidate.sources = normalised.candidate.sources.map((source) => ({
    ...source,
    location: source.kind === 'local' ? `${FIXTURES}/${name}` : source.location,
    ...(source.revision ? { revision: NORMALISED_REVISION } : {}),
  }));
  return normalised;
}

export async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env });
  return { code, stdout, stderr };
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

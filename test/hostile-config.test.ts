/**
 * A candidate exempts itself (issue 10 item 1) and a candidate's packs
 * (item 5): in batch and remote checks a candidate's own .dpg-check.yml is
 * reported, never applied; in a local check of one's own repository it
 * applies and the report names every exemption it makes. The trust model is
 * one pure function, resolveConfig (src/engine/config.ts), tested here first.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ConfigError, DEFAULT_CONFIG, configRequests, describeTrust, exemptionsOf, parseConfig, readCandidateConfig, refusalWarning, resolveConfig, type Config,
} from '../src/engine/config.js';
import { checkCandidate } from '../src/engine/check.js';
import { validateReport } from '../src/reporters/schema.js';
import { render } from '../src/reporters/index.js';
import { describeRules } from '../src/explain.js';
import type { Report } from '../src/model.js';

const REPO = path.resolve(import.meta.dirname, '..');
const created: string[] = [];
afterAll(() => { for (const dir of created) fs.rmSync(dir, { recursive: true, force: true }); });

const EXEMPTING = 'rules:\n  no-committed-secrets: off\n  security-policy: off\n  sdg-explained: { options: { minWords: 1 } }\nignore:\n  - path: "*"\n    reason: nothing to see here\npaths:\n  - path: src/\n    class: test\n    reason: all tests, honestly\npacks: [./pack.mjs]\nruleTimeoutMs: 600000\n';
const candidateConfig = (): Config => parseConfig(EXEMPTING, '.dpg-check.yml');
const reviewerConfig = (): Config => parseConfig('rules:\n  dpg-8-02: off\nignore:\n  - path: vendor/\n    reason: third-party code\n', 'review.yml');
const LEVELS: Record<string, 'requirement' | 'advice'> = { 'no-committed-secrets': 'requirement', 'dpg-9a-03': 'requirement', 'security-policy': 'advice', 'sdg-explained': 'requirement', 'dpg-8-02': 'requirement' };
const levelOf = (id: string) => LEVELS[id];

describe('resolveConfig: whose config applies', () => {
  it('an untrusted candidate (batch, remote): its config is not applied; everything it asks is refused', () => {
    const resolution = resolveConfig({ candidate: candidateConfig(), trusted: false });
    expect(resolution.config).toBe(DEFAULT_CONFIG);
    expect(resolution.source).toBe('defaults');
    expect(resolution.applied).toEqual([]);
    expect(resolution.refusedBecause).toBe('untrusted');
    expect(resolution.refused.map((r) => r.kind)).toEqual(['rule-off', 'rule-off', 'rule-options', 'ignore', 'path-class', 'pack', 'rule-timeout']);
    expect(resolution.refused[0]).toEqual({ kind: 'rule-off', file: '.dpg-check.yml', ruleId: 'no-committed-secrets' });
  });
  it('a trusted candidate (a local check of one\'s own repository): its config applies whole', () => {
    const candidate = candidateConfig();
    const resolution = resolveConfig({ candidate, trusted: true });
    expect(resolution.config).toBe(candidate);
    expect(resolution.source).toBe('candidate');
    expect(resolution.refused).toEqual([]);
    expect(resolution.refusedBecause).toBeUndefined();
    expect(resolution.applied).toHaveLength(7);
  });
  it('the reviewer\'s --config applies whole and replaces the candidate\'s, trusted or not', () => {
    for (const trusted of [true, false]) {
      const reviewer = reviewerConfig();
      const resolution = resolveConfig({ reviewer, candidate: candidateConfig(), trusted });
      expect(resolution.config).toBe(reviewer);
      expect(resolution.source).toBe('reviewer');
      expect(resolution.applied.map((r) => r.kind)).toEqual(['rule-off', 'ignore']);
      expect(resolution.refused).toHaveLength(7);
      expect(resolution.refusedBecause).toBe('replaced');
    }
  });
  it('no config at all: the defaults, nothing applied or refused', () => {
    for (const trusted of [true, false]) {
      expect(resolveConfig({ trusted })).toEqual({ config: DEFAULT_CONFIG, source: 'defaults', applied: [], refused: [] });
      expect(resolveConfig({ reviewer: reviewerConfig(), trusted }).refusedBecause).toBeUndefined();
    }
  });
});

describe('exemptions and their account in the report', () => {
  it('exemptions are requirement rules turned off (an unknown rule counts as one), ignores and path classes — not advice, options or packs', () => {
    const applied = [...configRequests(candidateConfig()), { kind: 'rule-off' as const, file: 'x.yml', ruleId: 'who-knows' }];
    expect(exemptionsOf(applied, levelOf).map((r) => `${r.kind} ${r.ruleId ?? r.path}`)).toEqual(['rule-off no-committed-secrets', 'ignore *', 'path-class src/', 'rule-off who-knows']);
  });
  it('describeTrust labels levels and words each entry; nothing to say is undefined', () => {
    const trust = describeTrust(resolveConfig({ candidate: candidateConfig(), trusted: false }), levelOf);
    expect(trust?.source).toBe('defaults');
    expect(trust?.exemptions).toEqual([]);
    expect(trust?.refused.map((r) => r.text)).toEqual([
      'turn off no-committed-secrets', 'turn off security-policy', 'change the options of sdg-explained', 'ignore * (nothing to see here)',
      'class src/ as test (all tests, honestly)', 'load the rule pack ./pack.mjs', 'set ruleTimeoutMs to 600000',
    ]);
    expect(trust?.refused[0]?.level).toBe('requirement');
    expect(trust?.packs).toEqual([]);
    expect(describeTrust(resolveConfig({ trusted: false }), levelOf)).toBeUndefined();
    const local = describeTrust(resolveConfig({ candidate: candidateConfig(), trusted: true }), levelOf);
    expect(local).toMatchObject({ source: 'candidate', file: '.dpg-check.yml', refused: [], packs: ['./pack.mjs'] });
    expect(local?.exemptions.map((e) => e.text)).toEqual(['turn off no-committed-secrets', 'ignore * (nothing to see here)', 'class src/ as test (all tests, honestly)']);
  });
  it('refusalWarning says what was asked and why it was not applied', () => {
    expect(refusalWarning(describeTrust(resolveConfig({ candidate: parseConfig('rules:\n  dpg-9a-03: off\n', '.dpg-check.yml'), trusted: false }), levelOf)))
      .toBe("the candidate's config .dpg-check.yml asks to turn off dpg-9a-03; not applied: a candidate's own config never exempts itself or runs code in batch and remote checks — pass your own --config to change the check");
    expect(refusalWarning(describeTrust(resolveConfig({ reviewer: reviewerConfig(), candidate: parseConfig('rules:\n  dpg-9a-03: off\n', '.dpg-check.yml'), trusted: true }), levelOf)))
      .toContain('not applied: your --config replaces it');
    expect(refusalWarning(undefined)).toBeUndefined();
  });
  it('readCandidateConfig: a broken config that will not be applied is a warning; one that would be is an error', () => {
    const broken = (): Config => { throw new ConfigError(['.dpg-check.yml:1:1 rulez: unknown key', '.dpg-check.yml:2:1 x: unknown key']); };
    const warnings: string[] = [];
    expect(readCandidateConfig('.dpg-check.yml', broken, false, warnings)).toBeUndefined();
    expect(warnings).toEqual(["the candidate's config .dpg-check.yml is not valid (.dpg-check.yml:1:1 rulez: unknown key, and 1 more problem); it was not applied"]);
    expect(() => readCandidateConfig('.dpg-check.yml', broken, true, [])).toThrow(ConfigError);
    expect(readCandidateConfig(undefined, broken, true, [])).toBeUndefined();
  });
});

const SECRET_ENV = 'DB_PASSWORD=Xk93jfQ0pLm2vB7nR4tZ\n';
const PACK_RAN = (dir: string): string => path.join(dir, 'pack-ran');

/** A candidate with a committed secret whose own config exempts it from everything, and names a pack that leaves a mark. */
function exemptingCandidate(root: string, name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dpg.yml'), `name: ${name}\ntypes: [software]\n`);
  fs.writeFileSync(path.join(dir, '.env'), SECRET_ENV);
  fs.writeFileSync(path.join(dir, '.dpg-check.yml'), EXEMPTING);
  fs.writeFileSync(path.join(dir, 'pack.mjs'), `import fs from 'node:fs';\nfs.writeFileSync(${JSON.stringify(PACK_RAN(root))}, 'ran');\nexport const rules = [{ meta: { id: 'mark/ran', alias: 'ran', indicator: '8', level: 'advice', title: 't', appliesTo: 'all', standardVersion: '1.1.7', motivation: 'm', messages: { ok: 'ok' }, remediation: 'r', docsUrl: 'https://example.org' }, check: () => ({ status: 'pass', messageId: 'ok' }) }];\n`);
  return dir;
}

function tempRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-hostile-config-'));
  created.push(root);
  return root;
}

const renderOptions = { rules: describeRules([]), color: false, quiet: false, verbose: false, failOn: 'fail' as const, sarifAll: false, pathPrefix: '' };

describe('a candidate cannot exempt itself in a batch', () => {
  it('its config is not applied (the secret still fails, no pack runs); the report and the summary say what it asked', () => {
    const root = tempRoot();
    exemptingCandidate(root, 'sneaky');
    fs.writeFileSync(path.join(root, 'list.txt'), 'sneaky\n');
    const out = path.join(root, 'out');
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin', 'dpg-check.js'), 'batch', path.join(root, 'list.txt'), '--out', out, '--format', 'text'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status, result.stderr).toBe(1);
    expect(fs.existsSync(PACK_RAN(root))).toBe(false);
    expect(result.stdout).toMatch(/FAIL .* sneaky \[config: 7 refused\]/);
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as { rows: { refused?: number; report: string; verdict: string }[] };
    expect(summary.rows[0]).toMatchObject({ verdict: 'fail', refused: 7 });
    expect(fs.readFileSync(path.join(out, 'summary.csv'), 'utf8').split('\n')[1]).toMatch(/,,7$/);
    const report = JSON.parse(fs.readFileSync(path.join(out, summary.rows[0]!.report), 'utf8')) as Report;
    expect(validateReport(report)).toEqual([]);
    expect(report.findings.find((f) => f.ruleId === 'dpg-9a-03')?.status).toBe('fail');
    expect(report.ignored).toBeUndefined();
    expect(report.config).toMatchObject({ source: 'defaults', exemptions: [], refusedBecause: 'untrusted', packs: [] });
    expect(report.config?.refused.find((r) => r.ruleId === 'no-committed-secrets')).toMatchObject({ kind: 'rule-off', level: 'requirement', text: 'turn off no-committed-secrets' });
    const text = render(report, 'text', renderOptions);
    expect(text).toContain("The candidate's config .dpg-check.yml asks to turn off no-committed-secrets (requirement) — not applied");
    expect(render(report, 'markdown', renderOptions)).toContain('asks to turn off no-committed-secrets (requirement)');
    expect(render(report, 'html', renderOptions)).toContain('asks to turn off no-committed-secrets (requirement)');
  }, 60_000);

  it('a broken config of the candidate does not make it uncheckable', async () => {
    const root = tempRoot();
    const dir = exemptingCandidate(root, 'broken');
    fs.writeFileSync(path.join(dir, '.dpg-check.yml'), 'rulez: {}\n');
    const report = await checkCandidate({ target: dir, trustCandidateConfig: false });
    expect(report.verdict).toBe('fail');
    expect(report.warnings).toContain("the candidate's config .dpg-check.yml is not valid (.dpg-check.yml:1:1 rulez: unknown key (expected rules, ignore, paths, packs or ruleTimeoutMs)); it was not applied");
  });
});

describe('a local check of one\'s own repository', () => {
  it('applies its config, and names every exemption with its reason and the packs it loaded', async () => {
    const root = tempRoot();
    const dir = exemptingCandidate(root, 'mine');
    const report = await checkCandidate({ target: dir });
    expect(fs.existsSync(PACK_RAN(root))).toBe(true);
    expect(validateReport(JSON.parse(JSON.stringify(report)))).toEqual([]);
    expect(report.findings.some((f) => f.ruleId === 'dpg-9a-03')).toBe(false);
    expect(report.config?.source).toBe('candidate');
    expect(report.config?.exemptions.map((e) => [e.text, e.level])).toEqual([
      ['turn off no-committed-secrets', 'requirement'], ['ignore * (nothing to see here)', undefined], ['class src/ as test (all tests, honestly)', undefined],
    ]);
    expect(report.config?.packs).toEqual(['./pack.mjs']);
    const text = render(report, 'text', { ...renderOptions, quiet: true });
    expect(text).toContain("Exemption made by the candidate's own config .dpg-check.yml: turn off no-committed-secrets (requirement)");
    expect(text).toContain('Rule packs loaded (code run with your rights): ./pack.mjs');
  });
  it('a rule turned off by a tag or a former id is named at its level: online (requirements) is an exemption, host (advice) is not', async () => {
    const dir = path.join(tempRoot(), 'tagged');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'dpg.yml'), 'name: tagged\ntypes: [software]\n');
    fs.writeFileSync(path.join(dir, '.dpg-check.yml'), 'rules:\n  online: off\n  host: off\n  dpg-9a-92: off\n');
    const report = await checkCandidate({ target: dir });
    expect(report.config?.exemptions.map((e) => [e.text, e.level])).toEqual([['turn off online', 'requirement'], ['turn off dpg-9a-92', 'requirement']]);
  });

  it('with --config, the candidate\'s config is replaced, and said so', async () => {
    const root = tempRoot();
    const dir = exemptingCandidate(root, 'reviewed');
    fs.writeFileSync(path.join(root, 'review.yml'), 'rules:\n  dpg-1-02: off\n');
    const report = await checkCandidate({ target: dir, configFile: path.join(root, 'review.yml') });
    expect(fs.existsSync(PACK_RAN(root))).toBe(false);
    expect(report.findings.find((f) => f.ruleId === 'dpg-9a-03')?.status).toBe('fail');
    expect(report.config).toMatchObject({ source: 'reviewer', refusedBecause: 'replaced', exemptions: [{ kind: 'rule-off', ruleId: 'dpg-1-02', level: 'requirement' }] });
  });
  it('the CLI prints which packs it loaded', () => {
    const root = tempRoot();
    const dir = exemptingCandidate(root, 'printed');
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin', 'dpg-check.js'), dir, '--quiet'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toContain('dpg-check: loaded rule packs (code that runs with your rights): ./pack.mjs');
  });
});

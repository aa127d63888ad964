/**
 * Requirements apart from advice: only requirement findings decide indicator
 * verdicts, the overall verdict, batch counts and the exit code; advice is
 * reported, labelled, and never counted. Every built-in requirement rule quotes
 * the sentence of the DPG Standard it enforces.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineRule, validateRuleMeta, type Rule, type RuleMeta } from '../src/rule-api.js';
import { checkSnapshot } from '../src/engine/check.js';
import { createMemorySnapshot } from '../src/snapshot/memory.js';
import { builtInRules } from '../rules/index.js';
import { renderText } from '../src/reporters/text.js';
import { renderSarif } from '../src/reporters/sarif.js';
import { renderMarkdown } from '../src/reporters/markdown.js';
import { renderJunit } from '../src/reporters/junit.js';
import { validateReport, reportInconsistencies } from '../src/reporters/schema.js';
import { rowFromReport, rowExceeds } from '../src/batch/summary.js';
import { questionnaireSummary } from '../src/declaration/questionnaire.js';
import type { Declaration } from '../src/declaration/types.js';
import { sharedInput } from './shared-inputs.js';

const QUOTE = { quote: 'Digital public goods require documentation of the source code, use cases, and/or functional requirements.', url: 'https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md' };

function rule(id: string, level: RuleMeta['level'], status: 'pass' | 'fail' | 'gap'): Rule {
  return defineRule({
    meta: {
      id, alias: id.replace('/', '-'), indicator: '5', level, ...(level === 'requirement' ? { requirement: QUOTE } : {}),
      title: `${level} ${status}`, appliesTo: 'all', standardVersion: '1.1.7', motivation: 'm', remediation: 'r',
      docsUrl: 'https://example.org', messages: { out: `${level} says ${status}` },
    },
    check: () => ({ status, messageId: 'out' }),
  });
}

async function check(rules: readonly Rule[]) {
  return checkSnapshot({ snapshot: createMemorySnapshot({ 'README.md': '# x\n' }), declaration: undefined, rules, fallbackName: 'x' });
}

describe('requirement and advice levels', () => {
  it('an advice fail never turns an indicator, the overall verdict or a batch row to fail', async () => {
    const report = await check([rule('t/req', 'requirement', 'pass'), rule('t/adv', 'advice', 'fail')]);
    expect(report.indicators.find((i) => i.id === '5')?.verdict).toBe('pass');
    expect(report.verdict).toBe('pass');
    expect(report.findings.map((f) => [f.ruleId, f.level, f.status])).toEqual([['t/req', 'requirement', 'pass'], ['t/adv', 'advice', 'fail']]);
    expect(rowExceeds(rowFromReport('x', report, {}), 'gap')).toBe(false);
    expect(validateReport(report)).toEqual([]);
    expect(reportInconsistencies(report)).toEqual([]);
  });

  it('a requirement gap decides; the same gap as advice does not', async () => {
    expect((await check([rule('t/req', 'requirement', 'gap')])).verdict).toBe('gap');
    expect((await check([rule('t/req', 'requirement', 'pass'), rule('t/adv', 'advice', 'gap')])).verdict).toBe('pass');
  });

  it('every format shows advice apart and labelled', async () => {
    const report = await check([rule('t/req', 'requirement', 'pass'), rule('t/adv', 'advice', 'fail')]);
    const text = renderText(report, { color: false, width: 200 });
    expect(text).toMatch(/Advice \(good practice the DPG Standard does not require; never changes a verdict\)\n\s+FAIL\s+\[5\] advice says fail/);
    expect(text).toContain('1 finding: 1 pass, 0 fail, 0 gap, 0 n/a, 0 error (+ 1 advice)');
    const sarif = JSON.parse(renderSarif(report)) as { runs: { results: { ruleId: string; level: string; properties: { level: string } }[] }[] };
    expect(sarif.runs[0]?.results.find((r) => r.ruleId === 't/adv')).toMatchObject({ level: 'note', properties: { level: 'advice' } });
    expect(renderMarkdown(report)).toMatch(/### 💡 Advice \(1\)/);
    const junit = renderJunit(report);
    expect(junit).toMatch(/<testsuite name="Advice[^"]*" id="advice" tests="1" failures="0" errors="0" skipped="1">/);
  });

  it('a rule must declare its level, and a requirement must quote the Standard', () => {
    const base = { id: 'x/y', alias: 'y', indicator: '1', title: 't', appliesTo: 'all', standardVersion: '1.1.7', motivation: 'm', remediation: 'r', docsUrl: 'https://x.org', messages: { a: 'a' } };
    const check = () => ({ status: 'pass' as const, messageId: 'a' });
    expect(validateRuleMeta({ meta: base, check })).toContain('meta.level must be "requirement" or "advice"');
    expect(validateRuleMeta({ meta: { ...base, level: 'requirement' }, check }).join()).toMatch(/meta.requirement must quote the sentence/);
    expect(validateRuleMeta({ meta: { ...base, level: 'requirement', requirement: { quote: 'short', url: 'https://x.org' } }, check }).join()).toMatch(/meta.requirement must quote/);
    expect(validateRuleMeta({ meta: { ...base, level: 'advice', requirement: QUOTE }, check })).toContain('meta.requirement is for requirement rules; advice quotes no requirement');
    expect(validateRuleMeta({ meta: { ...base, level: 'requirement', requirement: QUOTE }, check })).toEqual([]);
  });

  it('advice rules are the good practice the issue names: SECURITY.md, dependency automation, the authorised respondent, ownsAll', () => {
    const level = (alias: string) => builtInRules.find((r) => r.meta.alias === alias)?.meta.level;
    expect(level('security-policy')).toBe('advice');
    expect(level('dependency-updates')).toBe('advice');
    expect(level('authorized-respondent')).toBe('advice');
    expect(level('redistribution-rights')).toBe('advice');
    expect(level('license-approved')).toBe('requirement');
    expect(level('no-committed-secrets')).toBe('requirement');
  });

  const reference = sharedInput('reference/dpg-standard.md', 'test/levels.test.ts', 'the quote check of every requirement');
  const standard = reference.path;
  const changelog = sharedInput('reference/dpg-standard-changelog.md', 'test/levels.test.ts', 'the quote check of every requirement').path;
  it.skipIf(!reference.present)('every built-in requirement quotes a sentence of the DPG Standard or its 1.1.7 changelog', () => {
    // Markdown links and emphasis removed, so a quote can be compared with the text a reader sees.
    const plain = (text: string) => text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_]/g, '').replace(/\s+/g, ' ');
    const texts = plain(fs.readFileSync(standard, 'utf8')) + plain(fs.readFileSync(changelog, 'utf8'));
    for (const r of builtInRules.filter((x) => x.meta.level === 'requirement')) {
      const sentences = (r.meta.requirement?.quote ?? '').replace(/ \(1\.1\.7, #\d+\)(: .*)?\.?$/, '').split(/ \[\.\.\.\] |(?<=\.) /).map((s) => s.replace(/\.$/, '').trim()).filter(Boolean);
      for (const sentence of sentences) expect(texts, `${r.meta.id} quotes "${sentence}"`).toContain(sentence);
    }
  });
});

describe('questionnaire completeness', () => {
  it('counts the application questions answered, asks follow-ups only when they apply, and lists the rest', () => {
    const declaration = {
      name: 'X', types: ['software'], description: 'A tool.',
      platformIndependence: { closedComponents: false },
      doNoHarm: { dataPrivacy: { piiLevel: 'none' }, harassment: { userInteraction: false } },
    } as unknown as Declaration;
    const summary = questionnaireSummary(declaration, ['software']);
    const keys = summary.unanswered.map((q) => q.key);
    expect(keys).not.toContain('platformIndependence.closedComponents'); // an explicit "No" is an answer
    expect(keys).not.toContain('platformIndependence.components'); // asked only after a "Yes"
    expect(keys).not.toContain('doNoHarm.dataPrivacy.measures'); // no PII: not asked
    expect(keys).not.toContain('aiSystem.modelWeights'); // not an AI system
    expect(keys).toContain('sdgs');
    expect(summary.answered).toBe(6);
    expect(summary.total).toBe(summary.answered + summary.unanswered.length);
    expect(questionnaireSummary(declaration, ['aimodel']).unanswered.map((q) => q.key)).toContain('aiSystem.modelWeights');
  });

  it('takes an answer in words for the question the form asked in words', () => {
    const closed: Declaration = { name: 'x', types: ['software'], platformIndependence: { closedComponents: true } };
    const keys = (declaration: Declaration): string[] => questionnaireSummary(declaration, ['software']).unanswered.map((q) => q.key);
    expect(keys(closed)).toContain('platformIndependence.components');
    expect(keys({ ...closed, platformIndependence: { closedComponents: true, description: 'Mailgun sends the e-mails; any SMTP server can, through flask-mail.' } })).not.toContain('platformIndependence.components');
  });

  it('is in the report, and never a finding', async () => {
    const report = await check([rule('t/req', 'requirement', 'pass')]);
    expect(report.questionnaire?.answered).toBe(0);
    expect(report.findings).toHaveLength(1);
  });
});

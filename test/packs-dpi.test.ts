/**
 * The DPGs for DPI rule pack (packs/dpi): a third-party pack in every
 * respect (public API only, loaded through the config file), with valid and
 * invalid cases for every rule, fixtures and false-positive guards.
 * The pack imports `dpg-check`, i.e. the built package (npm test builds first).
 */
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RuleTester, runRuleCase } from '../src/testing/rule-tester.js';
import { checkCandidate } from '../src/engine/check.js';
import { validateRuleMeta, type Rule } from '../src/rule-api.js';
import type { Declaration } from '../src/declaration/types.js';

const pack = (await import('../packs/dpi/index.mjs')) as { rules: Rule[]; dpiRelevance: Rule; openSpecifications: Rule; modularDesign: Rule; ecosystemEnablement: Rule; federation: Rule; securityAtScale: Rule };
const criteria = JSON.parse(fs.readFileSync('packs/dpi/criteria.json', 'utf8')) as { standardVersion: string; criteriaVersion: string; source: string };

const REGISTRY = 'fixtures/candidates-evidence/dpi-registry';
const CLINIC = 'fixtures/candidates/complete-software';
const base: Declaration = { name: 'Example', types: ['software'] };
const statuses = (findings: { status: string }[]): string[] => findings.map((f) => f.status);

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

describe('the DPGs for DPI pack', () => {
  it('exports six well-formed rules, namespaced, tagged and linked to the criteria', () => {
    expect(pack.rules.map((r) => r.meta.id)).toEqual(['dpi/dpi-relevance', 'dpi/open-specifications', 'dpi/modular-design', 'dpi/ecosystem-enablement', 'dpi/federation', 'dpi/security-at-scale']);
    for (const rule of pack.rules) {
      expect(validateRuleMeta(rule)).toEqual([]);
      expect(rule.meta.docsUrl).toMatch(/^https:\/\/github\.com\/DPGAlliance\/dpg-standard\/blob\/main\/collections\/dpgs-for-dpi\/criteria\.md#/);
      expect(rule.meta.tags).toContain('collection:dpgs-for-dpi');
      expect(rule.meta.appliesTo).toEqual(['software']);
    }
    expect(pack.rules.map((r) => r.meta.indicator)).toEqual(['1', '8', '8', '8', '8', '9a']);
  });

  it('records its source and versions in its data table', () => {
    expect(criteria.standardVersion).toBe('1.1.7');
    expect(criteria.criteriaVersion).toBe('1.0');
    expect(criteria.source).toContain('collections/dpgs-for-dpi/criteria.md');
  });

  it('uses only the public API, like any third-party pack', () => {
    const source = fs.readFileSync('packs/dpi/index.mjs', 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)'/gm)].map((m) => m[1]);
    expect(imports).toEqual(['dpg-check', 'dpg-check/helpers', './criteria.json']);
    expect(source).not.toMatch(/node:fs|node:child_process|fetch\(/);
  });

  it('loads through the config file and reports beside the built-in rules', async () => {
    const report = await checkCandidate({ target: REGISTRY });
    const findings = report.findings.filter((f) => f.ruleId.startsWith('dpi/'));
    expect(findings).toHaveLength(18);
    expect(findings.every((f) => f.status === 'pass'), findings.filter((f) => f.status !== 'pass').map((f) => f.message).join('\n')).toBe(true);
    expect(report.findings.some((f) => f.ruleId === 'dpg-1-01')).toBe(true);
    expect(findings[0]?.docsUrl).toContain('#layer-2--dpi-relevance');
  });

  it('a sector application gets gaps, never fails; a config can turn a rule off and name evidence', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-dpi-'));
    dirs.push(dir);
    fs.cpSync(CLINIC, dir, { recursive: true });
    const packPath = path.resolve('packs/dpi/index.mjs');
    fs.writeFileSync(path.join(dir, '.dpg-check.yml'), `packs:\n  - ${packPath}\nrules:\n  dpi/security-at-scale: off\n  dpi/federation:\n    options:\n      evidence:\n        D2: [https://scheduler.example.org/docs/data-residency]\n        D3: [docs/no-such-page.md]\n`);
    const report = await checkCandidate({ target: dir });
    const findings = report.findings.filter((f) => f.ruleId.startsWith('dpi/'));
    expect(findings.some((f) => f.status === 'fail' || f.status === 'error')).toBe(false);
    expect(findings.some((f) => f.ruleId === 'dpi/security-at-scale')).toBe(false);
    expect(findings.find((f) => f.message.startsWith('The solution reads as sector-specific'))?.message).toContain('("Appointment scheduling")');
    const federation = findings.filter((f) => f.ruleId === 'dpi/federation').map((f) => `${f.status} ${f.messageId}`);
    expect(federation).toEqual(['gap missing', 'pass declared', 'gap declaredMissing']);
    // The collection's criteria are advice on top of the DPG Standard: shown, labelled, never part of a verdict.
    expect(findings.every((f) => f.level === 'advice')).toBe(true);
    const withoutPack = await checkCandidate({ target: CLINIC });
    expect(report.indicators).toEqual(withoutPack.indicators);
  });
});

RuleTester.run(pack.dpiRelevance, {
  valid: [
    { name: 'fixture: a civil registry reused across ministries at national scale', fixture: REGISTRY, expect: [{ status: 'pass', messageId: 'met', evidence: 'README.md' }, { status: 'pass', messageId: 'met' }, { status: 'pass', messageId: 'met' }] },
    {
      name: 'payments switch: domain and scale in the README (wrapped over two lines), reuse in the description',
      declaration: { ...base, description: 'Used by banks and government agencies alike: a building block for interoperable payments.' },
      files: { 'README.md': '# Switch\n\nAn instant payments switch for G2P transfers and merchant payments, designed for\nnational scale.\n' },
      expect: [{ status: 'pass', messageId: 'met' }, { status: 'pass', messageId: 'met', evidence: 'dpg.yml' }, { status: 'pass', messageId: 'met', evidence: 'README.md' }],
    },
    {
      name: 'domain named in the config, scale from a declared national deployment',
      declaration: { ...base, scale: { deployments: ['Exampleland national rollout (2024)'] } },
      options: { domains: ['Digital Identity'], evidence: { 'L2.2': ['https://id.example.org/reuse'] } },
      files: { 'README.md': '# ID\n\nSee the website.\n' },
      expect: [{ status: 'pass', messageId: 'met' }, { status: 'pass', messageId: 'declared', evidence: 'https://id.example.org/reuse' }, { status: 'pass', messageId: 'met', evidence: 'dpg.yml' }],
    },
  ],
  invalid: [
    {
      name: 'fixture: a clinic scheduler is a sector application',
      fixture: CLINIC,
      expect: [{ status: 'gap', messageId: 'missing' }, { status: 'gap', messageId: 'missing' }, { status: 'gap', messageId: 'missing' }, { status: 'gap', messageId: 'sectorSpecific', evidence: 'dpg.yml' }],
    },
    {
      name: 'false-positive guards: "identity" and "registry" alone, "single sign" prose, an npm registry',
      declaration: base,
      files: { 'README.md': '# Tool\n\nPublish it to the npm registry. Our brand identity is blue. It has a single sign-up form.\n' },
      expect: [{ status: 'gap', messageId: 'missing' }, { status: 'gap', messageId: 'missing' }, { status: 'gap', messageId: 'missing' }],
    },
  ],
});

RuleTester.run(pack.openSpecifications, {
  valid: [
    { name: 'fixture: OpenAPI, OIDC and VC, JSON Schema', fixture: REGISTRY, expect: [{ status: 'pass', messageId: 'met', evidence: 'openapi.yaml' }, { status: 'pass', messageId: 'met', evidence: 'README.md' }, { status: 'pass', messageId: 'met', evidence: 'schemas/birth-record.schema.json' }] },
    {
      name: 'AsyncAPI, ISO 20022 in the docs, an XSD',
      declaration: base,
      files: { 'api/asyncapi.yaml': 'asyncapi: 3.0.0\n', 'docs/messages.md': '# Messages\n\nTransfers are ISO 20022 pacs.008 messages.\n', 'xsd/pacs.008.xsd': '<xs:schema/>\n' },
      expect: [{ status: 'pass', messageId: 'met' }, { status: 'pass', messageId: 'met', evidence: 'docs/messages.md' }, { status: 'pass', messageId: 'met', evidence: 'xsd/pacs.008.xsd' }],
    },
  ],
  invalid: [
    {
      name: 'false-positive guards: an empty openapi.yaml, "oauth" in lower case prose, no schemas',
      declaration: base,
      files: { 'openapi.yaml': '# to do\n', 'README.md': '# x\n\nWe thought about oauthlike logins and a vc-funded future.\n' },
      expect: [{ status: 'gap', messageId: 'missing' }, { status: 'gap', messageId: 'missing' }, { status: 'gap', messageId: 'missing' }],
    },
  ],
});

RuleTester.run(pack.modularDesign, {
  valid: [
    { name: 'fixture: two services, building block, .env.example', fixture: REGISTRY, expect: [{ status: 'pass', messageId: 'met' }, { status: 'pass', messageId: 'met' }, { status: 'pass', messageId: 'met', evidence: '.env.example' }] },
    {
      name: 'architecture document, core/ beside plugins/, Helm values',
      declaration: base,
      files: { 'docs/architecture.md': '# Architecture\n', 'core/engine.ts': 'x', 'plugins/sms/index.ts': 'x', 'deploy/values.yaml': 'replicaCount: 1\n' },
      expect: [{ status: 'pass', messageId: 'met', evidence: 'docs/architecture.md' }, { status: 'pass', messageId: 'met', evidence: 'core/engine.ts' }, { status: 'pass', messageId: 'met', evidence: 'deploy/values.yaml' }],
    },
  ],
  invalid: [
    {
      name: 'false-positive guard: one Dockerfile is not a modular architecture',
      declaration: base,
      files: { Dockerfile: 'FROM node:20\n', 'README.md': '# App\n\nA single web application.\n' },
      expect: [{ status: 'gap', messageId: 'missing' }, { status: 'gap', messageId: 'missing' }, { status: 'gap', messageId: 'missing' }],
    },
  ],
});

RuleTester.run(pack.ecosystemEnablement, {
  valid: [
    { name: 'fixture: sdk/, ADOPTERS.md, self-hosted', fixture: REGISTRY, expect: [{ status: 'pass', messageId: 'met', evidence: 'sdk/js/index.js' }, { status: 'pass', messageId: 'met', evidence: 'ADOPTERS.md' }, { status: 'pass', messageId: 'met' }] },
    {
      name: 'developer docs, declared adopters, no closed components declared',
      declaration: { ...base, scale: { adopters: ['Ministry of Finance, Exampleland'] }, platformIndependence: { closedComponents: false } },
      files: { 'docs/developer-guide.md': '# Developers\n' },
      expect: [{ status: 'pass', messageId: 'met', evidence: 'docs/developer-guide.md' }, { status: 'pass', messageId: 'met', evidence: 'dpg.yml' }, { status: 'pass', messageId: 'met', evidence: 'dpg.yml' }],
    },
  ],
  invalid: [
    { name: 'nothing for third parties', declaration: base, files: { 'README.md': '# App\n\nOur internal tool.\n' }, expect: [{ status: 'gap', messageId: 'missing' }, { status: 'gap', messageId: 'missing' }, { status: 'gap', messageId: 'missing' }] },
  ],
});

RuleTester.run(pack.federation, {
  valid: [
    { name: 'fixture: federated nodes, in-country data, replicas', fixture: REGISTRY, expect: [{ status: 'pass', messageId: 'met', evidence: 'docs/architecture.md' }, { status: 'pass', messageId: 'met', evidence: 'docs/architecture.md' }, { status: 'pass', messageId: 'met' }] },
    {
      name: 'high availability from Helm values alone (replicaCount: 3)',
      declaration: base,
      options: { evidence: { D1: ['docs/topology.md'], D2: ['https://x.example.org/residency'] } },
      files: { 'docs/topology.md': '# Topology\n', 'charts/app/values.yaml': 'image: x\nreplicaCount: 3\n' },
      expect: [{ status: 'pass', messageId: 'declared', evidence: 'docs/topology.md' }, { status: 'pass', messageId: 'declared' }, { status: 'pass', messageId: 'met', evidence: 'charts/app/values.yaml' }],
    },
  ],
  invalid: [
    {
      name: 'false-positive guards: "Russian Federation", "distributed under the MIT licence", replicaCount: 1',
      declaration: base,
      files: { 'README.md': '# x\n\nUsed in the Russian Federation. Distributed under the MIT licence.\n', 'values.yaml': 'replicaCount: 1\n' },
      expect: [{ status: 'gap', messageId: 'missing' }, { status: 'gap', messageId: 'missing' }, { status: 'gap', messageId: 'missing' }],
    },
    { name: 'evidence named in the config but missing', declaration: base, options: { evidence: { D1: ['docs/nowhere.md'] } }, files: { 'README.md': '# x\n' }, expect: [{ status: 'gap', messageId: 'declaredMissing' }, { status: 'gap', messageId: 'missing' }, { status: 'gap', messageId: 'missing' }] },
  ],
});

RuleTester.run(pack.securityAtScale, {
  valid: [
    { name: 'fixture: SECURITY.md with all three safeguards, an audit report, privacy by design', fixture: REGISTRY, expect: [{ status: 'pass', messageId: 'met', evidence: 'SECURITY.md' }, { status: 'pass', messageId: 'met' }, { status: 'pass', messageId: 'met', evidence: 'docs/privacy.md' }] },
  ],
  invalid: [
    {
      name: 'false-positive guard: a disclosure policy without any assessment is not E2; encryption alone is not E1',
      declaration: base,
      files: { 'SECURITY.md': '# Security\n\nReport issues to security@x.example.org. Data is encrypted at rest.\n' },
      expect: [{ status: 'gap', messageId: 'missing' }, { status: 'gap', messageId: 'missing' }, { status: 'gap', messageId: 'missing' }],
    },
  ],
});

describe('dpi pack messages', () => {
  it('name the sub-criterion, where the evidence is, or what to publish', async () => {
    const found = await runRuleCase(pack.federation, { name: 'm', fixture: REGISTRY });
    expect(found[0]?.message).toBe('D1 federated, distributed or multi-instance deployment: docs/architecture.md:7 ("federated").');
    const missing = await runRuleCase(pack.securityAtScale, { name: 'n', declaration: base, files: { 'README.md': '# x\n' } });
    expect(statuses(missing)).toEqual(['gap', 'gap', 'gap']);
    expect(missing[1]?.message).toContain('E2 published vulnerability disclosure and regular security assessments: no evidence seen');
    expect(missing[1]?.remediation).toContain('vulnerability disclosure process');
  });
  it('does not apply to content, data or AI models', async () => {
    const findings = await runRuleCase(pack.openSpecifications, { name: 't', declaration: { name: 'D', types: ['data'] }, files: { 'x.csv': 'a\n' } });
    expect(statuses(findings)).toEqual(['n/a']);
  });
});

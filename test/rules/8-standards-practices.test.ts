import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { RuleTester } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/8-standards-practices/index.js';
import { standardsDeclared } from '../../rules/8-standards-practices/standards-declared.js';
import { practicesInRepository } from '../../rules/8-standards-practices/practices-in-repository.js';

const base: Declaration = { name: 'Example', types: ['software'] };

describe('indicator 8 rules', () => {
  it('data tables name their standard version and source', () => {
    const dir = new URL('../../rules/8-standards-practices/', import.meta.url);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const table = JSON.parse(fs.readFileSync(new URL(file, dir), 'utf8')) as { standardVersion?: unknown; source?: unknown };
      expect(table.standardVersion, file).toBe('1.1.7');
      expect(typeof table.source === 'string' && table.source.length > 20, file).toBe(true);
    }
  });
  it('exports its rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-8-01 standards-declared', 'dpg-8-02 practices-in-repository']);
  });
});

RuleTester.run(standardsDeclared, {
  valid: [
    { name: 'a standard with a validator link', declaration: { ...base, standards: { standards: [{ name: 'HL7 FHIR R4', evidence: ['https://example.org/fhir-validator-report'] }] } }, expect: [{ status: 'pass', messageId: 'declared', evidence: 'standards.standards[0].name' }] },
    {
      name: 'a best practice with evidence in the repository',
      declaration: { ...base, standards: { bestPractices: [{ name: 'Principles for Digital Development', evidence: ['docs/principles.md'] }] } },
      files: { 'docs/principles.md': '# Principles\n' },
      expect: [{ status: 'pass', messageId: 'declared', evidence: 'docs/principles.md' }],
    },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'nothing declared', declaration: base, expect: [{ status: 'gap', messageId: 'none', evidence: 'standards' }] },
    { name: 'placeholder names only', declaration: { ...base, standards: { standards: [{ name: 'N/A' }] } }, expect: [{ status: 'gap', messageId: 'none' }] },
    {
      name: 'one entry with evidence, one without',
      declaration: { ...base, standards: { standards: [{ name: 'OpenAPI 3.1', evidence: ['https://example.org/openapi.json'] }], bestPractices: [{ name: 'Semantic versioning' }] } },
      expect: [{ status: 'pass', messageId: 'declared' }, { status: 'gap', messageId: 'entryNoEvidence', evidence: 'standards.bestPractices[0]' }],
    },
    {
      name: 'evidence path missing',
      declaration: { ...base, standards: { standards: [{ name: 'WCAG 2.1 AA', evidence: ['docs/accessibility-audit.pdf'] }] } },
      files: { 'README.md': '# x\n' },
      expect: [{ status: 'gap', messageId: 'linkNotFound', evidence: 'standards.standards[0].evidence[0]' }],
    },
  ],
});

RuleTester.run(practicesInRepository, {
  valid: [
    {
      name: 'every practice visible',
      declaration: base,
      files: {
        '.github/workflows/ci.yml': 'on: push\n',
        'test/app.test.ts': '',
        'CONTRIBUTING.md': '# Contributing\n',
        'CHANGELOG.md': '# Changelog\n',
        '.github/dependabot.yml': 'version: 2\n',
        'eslint.config.js': 'export default [];\n',
        'publiccode.yml': 'publiccodeYmlVersion: "0.4"\n',
      },
      expect: [{ status: 'pass', messageId: 'found', evidence: '.github/workflows/ci.yml' }],
    },
    { name: 'some practices', declaration: null, files: { '.gitlab-ci.yml': 'test:\n  script: make test\n', 'pkg/parse_test.go': 'package pkg\n' }, expect: [{ status: 'pass', messageId: 'foundSome', evidence: '.gitlab-ci.yml' }] },
  ],
  invalid: [
    { name: 'declaration only', declaration: base, files: {}, expect: [{ status: 'gap', messageId: 'noRepository' }] },
    { name: 'no practice visible', declaration: base, files: { 'src/main.py': 'print(1)\n', 'README.md': '# x\n' }, expect: [{ status: 'gap', messageId: 'none' }] },
  ],
});

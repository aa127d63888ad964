import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { RuleTester } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/7-privacy-laws/index.js';
import { privacyLaws } from '../../rules/7-privacy-laws/privacy-laws.js';
import { authorizedRespondent } from '../../rules/7-privacy-laws/authorized-respondent.js';

const base: Declaration = { name: 'Example', types: ['software'] };

describe('indicator 7 rules', () => {
  it('data tables name their standard version and source', () => {
    const dir = new URL('../../rules/7-privacy-laws/', import.meta.url);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const table = JSON.parse(fs.readFileSync(new URL(file, dir), 'utf8')) as { standardVersion?: unknown; source?: unknown };
      expect(table.standardVersion, file).toBe('1.1.7');
      expect(typeof table.source === 'string' && table.source.length > 20, file).toBe(true);
    }
  });
  it('exports its rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-7-01 privacy-laws', 'dpg-7-02 authorized-respondent']);
  });
});

RuleTester.run(privacyLaws, {
  valid: [
    { name: 'laws with a URL', declaration: { ...base, privacy: { laws: ['GDPR', 'Kenya Data Protection Act 2019'], evidence: ['https://example.org/privacy'] } }, expect: [{ status: 'pass', messageId: 'declared', evidence: 'https://example.org/privacy' }] },
    {
      name: 'laws with a privacy policy in the repository',
      declaration: { ...base, privacy: { laws: ['General Data Protection Regulation (GDPR)'], evidence: ['./PRIVACY.md'] } },
      files: { 'PRIVACY.md': '# Privacy\n' },
      expect: [{ status: 'pass', messageId: 'declared', evidence: 'PRIVACY.md' }],
    },
  ],
  invalid: [
    { name: 'no declaration, a privacy policy in the repository', declaration: null, files: { 'PRIVACY.md': '# Privacy\n' }, expect: [{ status: 'gap', messageId: 'noDeclaration', evidence: 'PRIVACY.md' }] },
    { name: 'no laws', declaration: base, expect: [{ status: 'gap', messageId: 'noLaws', evidence: 'privacy.laws' }] },
    { name: 'placeholder laws only', declaration: { ...base, privacy: { laws: ['N/A', ' '] } }, expect: [{ status: 'gap', messageId: 'noLaws' }] },
    {
      name: 'laws without evidence, terms found in docs/',
      declaration: { ...base, privacy: { laws: ['GDPR'] } },
      files: { 'docs/privacy-policy.md': '# Privacy policy\n', 'docs/terms-of-service.md': '# Terms\n' },
      expect: [{ status: 'gap', messageId: 'noEvidence', evidence: 'docs/privacy-policy.md' }],
    },
    { name: 'generic laws', declaration: { ...base, privacy: { laws: ['All applicable laws'], evidence: ['https://example.org/terms'] } }, expect: [{ status: 'gap', messageId: 'vagueLaws', evidence: 'privacy.laws' }] },
    {
      name: 'evidence path missing from the repository',
      declaration: { ...base, privacy: { laws: ['GDPR'], evidence: ['legal/privacy.md'] } },
      files: { 'README.md': '# x\n' },
      expect: [{ status: 'gap', messageId: 'linkNotFound', evidence: 'privacy.evidence[0]' }],
    },
  ],
});

RuleTester.run(authorizedRespondent, {
  valid: [
    { name: 'name and email', declaration: { ...base, authorizedRespondent: { name: 'Ada Lovelace', email: 'ada@example.org' } }, expect: [{ status: 'pass', messageId: 'named', evidence: 'authorizedRespondent.name' }] },
    { name: 'name and title', declaration: { ...base, authorizedRespondent: { name: 'Ada Lovelace', title: 'Director' } }, expect: [{ status: 'pass', messageId: 'named' }] },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'nobody named', declaration: base, expect: [{ status: 'gap', messageId: 'missing', evidence: 'authorizedRespondent' }] },
    { name: 'name only', declaration: { ...base, authorizedRespondent: { name: 'Ada Lovelace' } }, expect: [{ status: 'gap', messageId: 'incomplete' }] },
    { name: 'email only', declaration: { ...base, authorizedRespondent: { email: 'ada@example.org' } }, expect: [{ status: 'gap', messageId: 'incomplete', evidence: 'authorizedRespondent' }] },
  ],
});

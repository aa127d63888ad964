import { describe, it, expect } from 'vitest';
import { RuleTester, runRuleCase } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/7-privacy-laws/index.js';
import { privacyLaws as privacyLawsDraft } from '../../rules/7-privacy-laws/privacy-laws.js';
import { authorizedRespondent as authorizedRespondentDraft } from '../../rules/7-privacy-laws/authorized-respondent.js';
import { legalDocuments as legalDocumentsDraft } from '../../rules/7-privacy-laws/legal-documents.js';
import { builtIn } from '../rules-support.js';

const privacyLaws = builtIn(privacyLawsDraft);
const authorizedRespondent = builtIn(authorizedRespondentDraft);
const legalDocuments = builtIn(legalDocumentsDraft);

const base: Declaration = { name: 'Example', types: ['software'] };

describe('indicator 7 rules', () => {
  it('exports its rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-7-01 privacy-laws', 'dpg-7-02 authorized-respondent', 'dpg-7-03 legal-documents']);
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
    // The questionnaire asks for links to "the privacy policy, terms of service or other relevant legal documentation": one in the repository is that evidence.
    {
      name: 'laws without evidence links, privacy policy and terms in docs/',
      declaration: { ...base, privacy: { laws: ['GDPR'] } },
      files: { 'docs/privacy-policy.md': '# Privacy policy\n', 'docs/terms-of-service.md': '# Terms\n' },
      expect: [{ status: 'pass', messageId: 'evidenceElsewhere', evidence: 'docs/privacy-policy.md' }],
    },
    {
      name: 'laws without evidence links, a privacy page given as PII evidence',
      declaration: { ...base, privacy: { laws: ['GDPR'] }, doNoHarm: { dataPrivacy: { piiLevel: 'none', evidence: ['https://github.com/acme/app/wiki/Privacy-and-security'] } } },
      expect: [{ status: 'pass', messageId: 'evidenceElsewhere', evidence: 'doNoHarm.dataPrivacy.evidence[0]' }],
    },
    {
      // An approved DPG's registry answer: the adherence steps in words, no document linked.
      name: 'laws with the steps taken to adhere described in words',
      declaration: { ...base, privacy: { laws: ['GDPR'], adherence: 'We do not collect cookies or store any personally identifiable data of our users.' } },
      expect: [{ status: 'pass', messageId: 'adherenceDescribed', evidence: 'privacy.adherence', message: '14 words' }],
    },
  ],
  invalid: [
    { name: 'no declaration, a privacy policy in the repository', declaration: null, files: { 'PRIVACY.md': '# Privacy\n' }, expect: [{ status: 'gap', messageId: 'noDeclaration', evidence: 'PRIVACY.md' }] },
    { name: 'no laws', declaration: base, expect: [{ status: 'gap', messageId: 'noLaws', evidence: 'privacy.laws' }] },
    { name: 'placeholder laws only', declaration: { ...base, privacy: { laws: ['N/A', ' '] } }, expect: [{ status: 'gap', messageId: 'noLaws' }] },
    { name: 'adherence in a word or two is no evidence', declaration: { ...base, privacy: { laws: ['GDPR'], adherence: 'We comply.' } }, expect: [{ status: 'gap', messageId: 'noEvidence', evidence: 'privacy.evidence' }] },
    {
      name: 'laws without evidence anywhere',
      declaration: { ...base, website: ['https://example.org/'], privacy: { laws: ['GDPR'] } },
      files: { 'README.md': '# x\n' },
      expect: [{ status: 'gap', messageId: 'noEvidence', evidence: 'privacy.evidence' }],
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

// ---------------------------------------------------------------------------
// Deeper evidence (issue 7): privacy policy and terms documents read for substance.

const POLICY = '# Privacy policy\n\nWe collect the name and phone number of each patient to book appointments; the data is used only for reminders.\nPatients may ask for their records to be exported or deleted. Records are encrypted and deleted after two years.\nWrite to privacy@clinic.example.org. We follow the Kenya Data Protection Act 2019.\n';
const pii = (level: 'none' | 'collected' | 'collected-stored'): Declaration => ({ ...base, doNoHarm: { dataPrivacy: { piiLevel: level } } });

RuleTester.run(legalDocuments, {
  valid: [
    { name: 'PRIVACY.md covering the elements, cited', files: { 'PRIVACY.md': POLICY }, declaration: { ...base, privacy: { laws: ['Kenya Data Protection Act 2019'], evidence: ['PRIVACY.md'] } }, expect: [{ status: 'pass', messageId: 'found', evidence: 'PRIVACY.md' }] },
    { name: 'fixture complete-software: a short docs/privacy.md still says laws and rights', fixture: 'fixtures/candidates/complete-software', expect: [{ status: 'pass', messageId: 'found', evidence: 'docs/privacy.md' }] },
    { name: 'a privacy section in the README', files: { 'README.md': `# App\n\nAn app.\n\n## Privacy\n\n${POLICY.split('\n').slice(2).join('\n')}\n## Licence\n\nMIT\n` }, declaration: base, expect: [{ status: 'pass', messageId: 'found', evidence: 'README.md' }] },
    { name: 'terms only, no personal data declared', files: { 'TERMS.md': '# Terms of use\n\nUse at your own risk.\n' }, declaration: pii('none'), expect: [{ status: 'pass', messageId: 'termsOnly', evidence: 'TERMS.md' }] },
    { name: 'nothing in the repository, a policy URL declared', files: { 'README.md': '# x\n' }, declaration: { ...base, privacy: { evidence: ['https://x.example.org/privacy'] } }, expect: [{ status: 'n/a', messageId: 'declaredElsewhere' }] },
    { name: 'nothing at all and no personal data (privacy-laws asks)', files: { 'README.md': '# x\n' }, declaration: null, expect: [{ status: 'n/a', messageId: 'none' }] },
    {
      name: 'false-positive guard: Markdown links and e-mail addresses in angle brackets are not placeholders',
      files: { 'PRIVACY.md': `${POLICY}\nSee [the data protection act](https://kenyalaw.org) or write to <privacy@clinic.example.org>.\n` },
      declaration: base,
      expect: [{ status: 'pass', messageId: 'found' }],
    },
  ],
  invalid: [
    { name: 'fixture: an unfilled template', fixture: 'fixtures/candidates-evidence/privacy-template', expect: [{ status: 'gap', messageId: 'template', evidence: 'docs/privacy-policy.md' }] },
    { name: 'a two-line stub', files: { 'docs/privacy.md': '# Privacy\n\nWe care about your privacy.\n' }, declaration: base, expect: [{ status: 'gap', messageId: 'thin', evidence: 'docs/privacy.md' }] },
    { name: 'personal data stored, no policy anywhere', files: { 'README.md': '# x\n' }, declaration: pii('collected-stored'), expect: [{ status: 'gap', messageId: 'nonePii', evidence: 'doNoHarm.dataPrivacy.piiLevel' }] },
    { name: 'personal data collected, terms only', files: { 'legal/terms-of-service.md': '# Terms\n' }, declaration: pii('collected'), expect: [{ status: 'gap', messageId: 'termsOnly', evidence: 'legal/terms-of-service.md' }] },
  ],
});

describe('legal-documents messages', () => {
  it('names the placeholder and its line', async () => {
    const [finding] = await runRuleCase(legalDocuments, { name: 't', fixture: 'fixtures/candidates-evidence/privacy-template' });
    expect(finding?.message).toContain('docs/privacy-policy.md:3 still has the template placeholder [Date]');
  });
  it('lists what the policy covers and asks to cite it when it is not', async () => {
    const [finding] = await runRuleCase(legalDocuments, { name: 'c', files: { 'PRIVACY.md': POLICY, 'TERMS.md': '# Terms\n' }, declaration: { ...base, privacy: { laws: ['GDPR'] } } });
    expect(finding?.message).toContain("what personal data is collected, why it is used, users' rights, retention and security, who to contact and the laws it follows");
    expect(finding?.message).toContain('PRIVACY.md and TERMS.md are not cited in `privacy.evidence`');
  });
});

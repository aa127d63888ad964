import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { RuleTester } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/9a-data-privacy-security/index.js';
import { piiHandling } from '../../rules/9a-data-privacy-security/pii-handling.js';
import { securityPolicy, findReportingChannel } from '../../rules/9a-data-privacy-security/security-policy.js';

const base: Declaration = { name: 'Example', types: ['software'] };
const MEASURES = 'Personal data is encrypted at rest and in transit, access is limited by role and audited, records are pseudonymised for analysis and deleted after the retention period set by each implementer.';
const pii = (dataPrivacy: NonNullable<NonNullable<Declaration['doNoHarm']>['dataPrivacy']>): Declaration => ({ ...base, doNoHarm: { dataPrivacy } });

describe('indicator 9a rules', () => {
  it('data tables name their standard version and source', () => {
    const dir = new URL('../../rules/9a-data-privacy-security/', import.meta.url);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const table = JSON.parse(fs.readFileSync(new URL(file, dir), 'utf8')) as { standardVersion?: unknown; source?: unknown };
      expect(table.standardVersion, file).toBe('1.1.7');
      expect(typeof table.source === 'string' && table.source.length > 20, file).toBe(true);
    }
  });
  it('exports its rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-9a-01 pii-handling', 'dpg-9a-02 security-policy']);
  });
  it('prefers an email address to other channels and skips placeholders', () => {
    expect(findReportingChannel('See https://example.org/releases\n\nMail security@acme.io')).toMatchObject({ kind: 'email address', value: 'security@acme.io', line: 3 });
    expect(findReportingChannel('Write to security@example.com')).toBeUndefined();
  });
});

RuleTester.run(piiHandling, {
  valid: [
    { name: 'no PII', declaration: pii({ piiLevel: 'none' }), expect: [{ status: 'pass', messageId: 'noPII', evidence: 'doNoHarm.dataPrivacy.piiLevel' }] },
    { name: 'PII with types and measures', declaration: pii({ piiLevel: 'collected-stored', piiTypes: ['name', 'phone number'], measures: MEASURES }), expect: [{ status: 'pass', messageId: 'measuresDescribed', evidence: 'doNoHarm.dataPrivacy.measures' }] },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'level not answered', declaration: { ...base, doNoHarm: {} }, expect: [{ status: 'gap', messageId: 'unanswered', evidence: 'doNoHarm.dataPrivacy' }] },
    { name: 'PII handled, no measures', declaration: pii({ piiLevel: 'collected-stored-distributed', piiTypes: ['email'] }), expect: [{ status: 'fail', messageId: 'noMeasures', evidence: 'doNoHarm.dataPrivacy.piiLevel' }] },
    { name: 'measures too short', declaration: pii({ piiLevel: 'collected', piiTypes: ['email'], measures: 'We use encryption.' }), expect: [{ status: 'gap', messageId: 'measuresTooShort', evidence: 'doNoHarm.dataPrivacy.measures' }] },
    { name: 'types not listed', declaration: pii({ piiLevel: 'collected-stored', measures: MEASURES }), expect: [{ status: 'gap', messageId: 'noTypes' }, { status: 'pass', messageId: 'measuresDescribed' }] },
    {
      name: 'evidence path missing',
      declaration: pii({ piiLevel: 'collected-stored', piiTypes: ['name'], measures: MEASURES, evidence: ['docs/security.md'] }),
      files: { 'README.md': '# x\n' },
      expect: [{ status: 'pass', messageId: 'measuresDescribed' }, { status: 'gap', messageId: 'linkNotFound', evidence: 'doNoHarm.dataPrivacy.evidence[0]' }],
    },
  ],
});

RuleTester.run(securityPolicy, {
  valid: [
    { name: 'SECURITY.md with an email address', declaration: base, files: { 'SECURITY.md': '# Security\n\nPlease report vulnerabilities to security@acme.io.\n' }, expect: [{ status: 'pass', messageId: 'policy', evidence: 'SECURITY.md' }] },
    { name: '.github/SECURITY.md pointing at advisories', declaration: null, files: { '.github/SECURITY.md': '# Security\n\nUse GitHub private vulnerability reporting.\n' }, expect: [{ status: 'pass', messageId: 'policy', evidence: '.github/SECURITY.md' }] },
    { name: 'policy from the host', declaration: base, files: { 'README.md': '# x\n' }, host: { securityPolicy: true }, expect: [{ status: 'pass', messageId: 'hostPolicy' }] },
  ],
  invalid: [
    {
      name: 'unedited GitHub template',
      declaration: base,
      files: { 'SECURITY.md': '# Security Policy\n\n## Reporting a Vulnerability\n\nUse this section to tell people how to report a vulnerability.\n' },
      expect: [{ status: 'gap', messageId: 'template', evidence: 'SECURITY.md' }],
    },
    { name: 'no channel, placeholder address', declaration: base, files: { 'docs/SECURITY.md': '# Security\n\nWrite to security@example.com.\n' }, expect: [{ status: 'gap', messageId: 'noChannel', evidence: 'docs/SECURITY.md' }] },
    { name: 'no security policy', declaration: base, files: { 'README.md': '# x\n' }, expect: [{ status: 'gap', messageId: 'missing' }] },
    { name: 'declaration only', declaration: base, files: {}, expect: [{ status: 'gap', messageId: 'noRepository' }] },
  ],
});

import { describe, it, expect } from 'vitest';
import { RuleTester } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/9c-harassment/index.js';
import { harassmentProtection as harassmentProtectionDraft } from '../../rules/9c-harassment/harassment-protection.js';
import { codeOfConduct as codeOfConductDraft } from '../../rules/9c-harassment/code-of-conduct.js';
import { builtIn } from '../rules-support.js';

const harassmentProtection = builtIn(harassmentProtectionDraft);
const codeOfConduct = builtIn(codeOfConductDraft);

const base: Declaration = { name: 'Example', types: ['software'] };
const PROTECTION = 'Every user can block and report another user from their profile; reports reach the moderation team, which suspends accounts that break the code of conduct and answers the reporter.';
const UNDERAGE = 'Accounts require verified adult teachers; pupils only use shared classroom devices without profiles.';
type Harassment = NonNullable<NonNullable<Declaration['doNoHarm']>['harassment']>;
const harassment = (h: Harassment): Declaration => ({ ...base, doNoHarm: { harassment: h } });

/** The enforcement paragraph of the Contributor Covenant 2.1, with and without its contact filled in. */
const covenant = (contact: string): string => `# Contributor Covenant Code of Conduct

## Our Pledge

We as members, contributors, and leaders pledge to make participation in our
community a harassment-free experience for everyone.

## Enforcement

Instances of abusive, harassing, or otherwise unacceptable behavior may be
reported to the community leaders responsible for enforcement at
${contact}.
All complaints will be reviewed and investigated promptly and fairly.

## Attribution

This Code of Conduct is adapted from the [Contributor Covenant][homepage],
version 2.1, available at
[https://www.contributor-covenant.org/version/2/1/code_of_conduct.html][v2.1].

Community Impact Guidelines were inspired by
[Mozilla's code of conduct enforcement ladder][Mozilla CoC].

[homepage]: https://www.contributor-covenant.org
[Mozilla CoC]: https://github.com/mozilla/diversity
`;

describe('indicator 9c rules', () => {
  it('exports its rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-9c-01 harassment-protection', 'dpg-9c-02 code-of-conduct']);
  });
});

RuleTester.run(harassmentProtection, {
  valid: [
    { name: 'no user interaction', declaration: harassment({ userInteraction: false }), expect: [{ status: 'n/a', messageId: 'noInteraction', evidence: 'doNoHarm.harassment.userInteraction' }] },
    {
      name: 'protection and underage safety described, code of conduct cited',
      declaration: harassment({ userInteraction: true, protection: PROTECTION, underageSafety: UNDERAGE }),
      files: { 'CODE_OF_CONDUCT.md': covenant('conduct@acme.io') },
      expect: [{ status: 'pass', messageId: 'protected', evidence: 'CODE_OF_CONDUCT.md' }],
    },
    // Word counts are not a reviewer's criterion: a short answer that names a process is an answer.
    { name: 'a short protection naming a code of conduct and mediation', declaration: harassment({ userInteraction: true, protection: 'We maintain a code of conduct and mediate issues between community members.', underageSafety: UNDERAGE }), expect: [{ status: 'pass', messageId: 'protected' }] },
    { name: 'a short protection naming monitored groups', declaration: harassment({ userInteraction: true, protection: 'The project relies on mailing lists that are monitored.', underageSafety: UNDERAGE }), expect: [{ status: 'pass', messageId: 'protected' }] },
    { name: 'the protection is a link to the code of conduct', declaration: harassment({ userInteraction: true, protection: 'https://example.org/acme/CODE_OF_CONDUCT.md', underageSafety: UNDERAGE }), expect: [{ status: 'pass', messageId: 'protected' }] },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'interaction not answered', declaration: base, expect: [{ status: 'gap', messageId: 'unanswered', evidence: 'doNoHarm.harassment' }] },
    {
      name: 'users interact, nothing described, no code of conduct',
      declaration: harassment({ userInteraction: true }),
      // A missing answer is a gap, never a fail.
      expect: [{ status: 'gap', messageId: 'noProtection', evidence: 'doNoHarm.harassment.userInteraction' }, { status: 'gap', messageId: 'noUnderageSafety' }],
    },
    {
      name: 'users interact, nothing described, but a code of conduct with a contact',
      declaration: harassment({ userInteraction: true, underageSafety: UNDERAGE }),
      files: { '.github/CODE_OF_CONDUCT.md': covenant('conduct@acme.io') },
      expect: [{ status: 'gap', messageId: 'protectionMissingConductFound', evidence: '.github/CODE_OF_CONDUCT.md' }],
    },
    { name: 'a short protection naming no process', declaration: harassment({ userInteraction: true, protection: 'We care about our users a lot.', underageSafety: UNDERAGE }), expect: [{ status: 'gap', messageId: 'protectionTooShort', evidence: 'doNoHarm.harassment.protection' }] },
    { name: 'underage safety too short', declaration: harassment({ userInteraction: true, protection: PROTECTION, underageSafety: 'Age check.' }), expect: [{ status: 'gap', messageId: 'underageTooShort', evidence: 'doNoHarm.harassment.underageSafety' }] },
    {
      name: 'evidence path missing',
      declaration: harassment({ userInteraction: true, protection: PROTECTION, underageSafety: UNDERAGE, evidence: ['docs/safety.md'] }),
      files: { 'README.md': '# x\n' },
      expect: [{ status: 'pass', messageId: 'protected' }, { status: 'gap', messageId: 'linkNotFound', evidence: 'doNoHarm.harassment.evidence[0]' }],
    },
  ],
});

RuleTester.run(codeOfConduct, {
  valid: [
    { name: 'Contributor Covenant with a real address', declaration: base, files: { 'CODE_OF_CONDUCT.md': covenant('conduct@acme.io') }, expect: [{ status: 'pass', messageId: 'contact', evidence: 'CODE_OF_CONDUCT.md' }] },
    { name: 'the repository\'s private reporting, linked relative to the file', declaration: null, files: { 'CODE_OF_CONDUCT.md': covenant('the maintainers through the repository\'s [private reporting](../../security/advisories/new)') }, expect: [{ status: 'pass', messageId: 'contact', evidence: 'CODE_OF_CONDUCT.md' }] },
    { name: 'a reporting form URL', declaration: null, files: { 'docs/code-of-conduct.md': covenant('https://acme.io/report-abuse') }, expect: [{ status: 'pass', messageId: 'contact', evidence: 'docs/code-of-conduct.md' }] },
    { name: 'a short file adopting an outside code', declaration: base, files: { 'CODE_OF_CONDUCT.md': 'This project follows the Acme Foundation code of conduct: https://acme.org/conduct\n' }, expect: [{ status: 'pass', messageId: 'adopts', evidence: 'https://acme.org/conduct' }] },
    // deon's and zamba's: "reported to the community leaders responsible for enforcement at the email: info AT drivendata.org."
    { name: 'an address written against harvesting', declaration: base, files: { 'CODE_OF_CONDUCT.md': covenant('the email: info AT acme.io') }, expect: [{ status: 'pass', messageId: 'contact', message: /info AT acme\.io/ }] },
    {
      // publiclab's code of conduct: the partnership guidelines' link is three lines above the words about contact, the
      // page that says how to contact the committee right below them.
      name: 'the contact nearest the words about reporting, not the first link in their window',
      declaration: base,
      files: { 'CODE_OF_CONDUCT.md': '# Code of Conduct\n\nFor interactions with additional groups, see our Partnership Guidelines at https://acme.io/partners.\n\nTo read the full Code of Conduct and learn how to contact the Conduct Committee, see:\n\nhttps://acme.io/conduct\n' },
      expect: [{ status: 'pass', messageId: 'contact', message: /acme\.io\/conduct \(line 7\)/ }],
    },
    { name: 'an address written with [at]', declaration: base, files: { 'CODE_OF_CONDUCT.md': covenant('conduct [at] acme.io') }, expect: [{ status: 'pass', messageId: 'contact', message: /conduct \[at\] acme\.io/ }] },
    // TruBudget's: "reported by contacting the owner of this repository, Jure Zakotnik (@jzakotnik)."
    { name: 'a person named by their GitHub handle', declaration: base, files: { 'CODE_OF_CONDUCT.md': covenant('the owner of this repository, Jo Maintainer (@jo-maintainer)') }, expect: [{ status: 'pass', messageId: 'contact', message: /@jo-maintainer \(line 12\)/ }] },
    // rahat's: a page of its own words, then "For a detailed code of conduct, please see our [Rahat: Code of Conduct](https://docs…)".
    {
      name: 'a longer file that links its detailed code of conduct',
      declaration: base,
      files: { 'CODE_OF_CONDUCT.md': `# Code of Conduct\n\n${'We are a community of contributors from all over the world, and we ask everyone to be kind. '.repeat(6)}\n\nFor the details, please see our [Acme: Code of Conduct](https://docs.acme.io/docs/next/community-guidelines/).\n` },
      expect: [{ status: 'pass', messageId: 'adopts', evidence: 'https://docs.acme.io/docs/next/community-guidelines/' }],
    },
    { name: 'inherited from the organisation', declaration: base, files: { 'README.md': '# x\n' }, host: { codeOfConduct: 'Contributor Covenant' }, expect: [{ status: 'pass', messageId: 'hostPolicy' }] },
    { name: 'a data set without user interaction', declaration: { name: 'D', types: ['data'], doNoHarm: { harassment: { userInteraction: false } } }, files: { 'x.csv': 'a\n' }, expect: [{ status: 'n/a', messageId: 'notExpected' }] },
    // The Standard asks for a process only when the solution facilitates interactions.
    { name: 'software declared without interaction and no code of conduct', declaration: { ...base, doNoHarm: { harassment: { userInteraction: false } } }, files: { 'src/a.ts': '' }, expect: [{ status: 'n/a', messageId: 'noInteraction' }] },
    // Without a code of conduct, whether any process is needed and which is dpg-9c-01's one question (h5p: both asked it).
    { name: 'software without a code of conduct, interaction not declared', declaration: base, files: { 'src/a.ts': '' }, expect: [{ status: 'n/a', messageId: 'missing', evidence: 'doNoHarm.harassment.userInteraction' }] },
    { name: 'users interact and no code of conduct', declaration: { ...base, doNoHarm: { harassment: { userInteraction: true } } }, files: { 'src/a.ts': '' }, expect: [{ status: 'n/a', messageId: 'missingInteraction', evidence: 'doNoHarm.harassment.userInteraction' }] },
    // A code of conduct is one process among others: the one the declaration describes is judged by harassment-protection.
    {
      name: 'users interact, no code of conduct, another process described',
      declaration: { ...base, doNoHarm: { harassment: { userInteraction: true, protection: 'Users can block and report each other; moderators review reports daily.' } } },
      files: { 'src/a.ts': '' },
      expect: [{ status: 'n/a', messageId: 'otherProcess', evidence: 'doNoHarm.harassment.protection' }],
    },
    // nmf.earth: an unfilled Contributor Covenant, no interaction declared. No worse than no code of conduct at all.
    {
      name: 'the template placeholder, and no interaction declared',
      declaration: { ...base, doNoHarm: { harassment: { userInteraction: false } } },
      files: { 'code_of_conduct.md': covenant('[INSERT CONTACT METHOD]') },
      expect: [{ status: 'n/a', messageId: 'placeholderNotNeeded', evidence: 'doNoHarm.harassment.userInteraction' }],
    },
    {
      // openspp: a code of conduct without a contact, and the declaration says there is no interaction.
      name: 'no contact, and no interaction declared',
      declaration: { ...base, doNoHarm: { harassment: { userInteraction: false } } },
      files: { 'CODE_OF_CONDUCT.md': covenant('the maintainers') },
      expect: [{ status: 'n/a', messageId: 'noContactNotNeeded', evidence: 'doNoHarm.harassment.userInteraction' }],
    },
    {
      name: 'no contact, users interact, another process described',
      declaration: { ...base, doNoHarm: { harassment: { userInteraction: true, protection: 'Reports go to moderators through the in-app form; they answer within a day.' } } },
      files: { 'CODE_OF_CONDUCT.md': covenant('the maintainers') },
      expect: [{ status: 'n/a', messageId: 'noContactNotNeeded', evidence: 'doNoHarm.harassment.protection' }],
    },
    {
      name: 'the template placeholder, users interact, another process described',
      declaration: { ...base, doNoHarm: { harassment: { userInteraction: true, protection: 'Reports go to moderators through the in-app form; they answer within a day.' } } },
      files: { 'CODE_OF_CONDUCT.md': covenant('[INSERT CONTACT METHOD]') },
      expect: [{ status: 'n/a', messageId: 'placeholderNotNeeded', evidence: 'doNoHarm.harassment.protection' }],
    },
  ],
  invalid: [
    {
      name: 'the template placeholder, users interact and no other process is described',
      declaration: { ...base, doNoHarm: { harassment: { userInteraction: true } } },
      files: { 'CODE-OF-CONDUCT.md': covenant('[INSERT CONTACT METHOD]') },
      expect: [{ status: 'fail', messageId: 'placeholder', evidence: 'CODE-OF-CONDUCT.md' }],
    },
    { name: 'Contributor Covenant 2 placeholder', declaration: base, files: { 'CODE_OF_CONDUCT.md': covenant('[INSERT CONTACT METHOD]') }, expect: [{ status: 'fail', messageId: 'placeholder', evidence: 'CODE_OF_CONDUCT.md' }] },
    {
      name: 'Contributor Covenant 1.4 placeholder in .github/',
      declaration: base,
      files: { '.github/CODE_OF_CONDUCT.md': 'Instances of abusive behavior may be reported by contacting the project team at [INSERT EMAIL ADDRESS].\n' },
      expect: [{ status: 'fail', messageId: 'placeholder', evidence: '.github/CODE_OF_CONDUCT.md' }],
    },
    { name: 'a relative link to something else is no contact', declaration: null, files: { 'CODE_OF_CONDUCT.md': covenant('the maintainers (see [our team](../../wiki/team))') }, expect: [{ status: 'gap', messageId: 'noContact', evidence: 'CODE_OF_CONDUCT.md' }] },
    {
      // iota's community guidelines: their last line credits the code they were adapted from; nobody enforces them.
      name: 'a longer file crediting the code of conduct it derives from names no contact',
      declaration: base,
      files: { 'CODE_OF_CONDUCT.md': `# Community Guidelines\n\n${'We are a community of contributors from all over the world, and we ask everyone to be kind. '.repeat(6)}\n\nThis work is a derivative of the [Community code of conduct by Acme](https://acme.org/community/code-of-conduct/), used under [CC BY-SA 3.0](https://creativecommons.org/licenses/by-sa/3.0/).\n` },
      expect: [{ status: 'gap', messageId: 'noContact', evidence: 'CODE_OF_CONDUCT.md' }],
    },
    { name: 'only template links, no contact', declaration: base, files: { 'CODE_OF_CONDUCT.md': covenant('the maintainers') }, expect: [{ status: 'gap', messageId: 'noContact', evidence: 'CODE_OF_CONDUCT.md' }] },
    {
      // A handle or an address away from the words about reporting is not a contact; an emailed "at" in prose is no address.
      name: 'a thank-you to a handle and an "at" in prose, far from the enforcement section',
      declaration: base,
      files: { 'CODE_OF_CONDUCT.md': `${covenant('the maintainers')}\n\n## Thanks\n\nThis text was adapted by @jo-maintainer.\n\nWe meet at acme.io once a year, and look AT github.com for news.\n` },
      expect: [{ status: 'gap', messageId: 'noContact' }],
    },
    {
      name: 'a long file whose only links are to other pages',
      declaration: base,
      files: { 'CODE_OF_CONDUCT.md': `# Code of Conduct\n\n${'We are a community of contributors from all over the world, and we ask everyone to be kind. '.repeat(6)}\n\nSee [our roadmap](https://docs.acme.io/roadmap/).\n` },
      expect: [{ status: 'gap', messageId: 'noContact' }],
    },

    { name: 'declaration only', declaration: base, files: {}, expect: [{ status: 'gap', messageId: 'noRepository' }] },
  ],
});

// ---------------------------------------------------------------------------
// Deeper evidence (issue 7): a placeholder mentioned in prose is not a placeholder left in.

RuleTester.run(codeOfConduct, {
  valid: [
    { name: 'fixture: the placeholder quoted in prose, a real contact below', fixture: 'fixtures/candidates-evidence/coc-prose', declaration: base, expect: [{ status: 'pass', messageId: 'contact', evidence: 'CODE_OF_CONDUCT.md' }] },
    {
      name: 'a line about replacing the template placeholder, with the contact on it',
      declaration: base,
      files: { 'CODE_OF_CONDUCT.md': '# Code of conduct\n\nWe replaced the template placeholder [INSERT CONTACT METHOD] with conduct@acme.io: report incidents there.\n' },
      expect: [{ status: 'pass', messageId: 'contact' }],
    },
  ],
  invalid: [
    { name: 'fixture: the Contributor Covenant placeholder left in', fixture: 'fixtures/candidates-evidence/coc-placeholder', declaration: base, expect: [{ status: 'fail', messageId: 'placeholder', evidence: 'CODE_OF_CONDUCT.md' }] },
    {
      name: 'the placeholder only in quotes and no contact anywhere: a gap, not a fail',
      declaration: base,
      files: { 'CODE_OF_CONDUCT.md': '# Code of conduct\n\nThe covenant asks projects to fill in "[INSERT CONTACT METHOD]"; we have not chosen one yet.\n' },
      expect: [{ status: 'gap', messageId: 'noContact' }],
    },
  ],
});

describe('placeholder mentions', () => {
  it('tells quoted and discussed placeholders from ones left in', async () => {
    const { isProseMention } = await import('../../rules/lib/read-code-of-conduct.js');
    const at = (line: string): RegExpExecArray => /\[INSERT CONTACT METHOD\]/.exec(line) as RegExpExecArray;
    expect(isProseMention('leave `[INSERT CONTACT METHOD]` in', at('leave `[INSERT CONTACT METHOD]` in'))).toBe(true);
    expect(isProseMention('the “[INSERT CONTACT METHOD]” text', at('the “[INSERT CONTACT METHOD]” text'))).toBe(true);
    expect(isProseMention('responsible for enforcement at [INSERT CONTACT METHOD].', at('responsible for enforcement at [INSERT CONTACT METHOD].'))).toBe(false);
    expect(isProseMention('reported at "[INSERT CONTACT METHOD] or email"', at('reported at "[INSERT CONTACT METHOD] or email"'))).toBe(false);
  });
});

import { describe, it, expect } from 'vitest';
import { RuleTester, runRuleCase } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/9b-inappropriate-content/index.js';
import { contentModeration as contentModerationDraft } from '../../rules/9b-inappropriate-content/content-moderation.js';
import { moderationPolicy as moderationPolicyDraft } from '../../rules/9b-inappropriate-content/moderation-policy.js';
import { builtIn } from '../rules-support.js';

const contentModeration = builtIn(contentModerationDraft);
const moderationPolicy = builtIn(moderationPolicyDraft);

const base: Declaration = { name: 'Example', types: ['software'] };
const MODERATION = 'Uploads are scanned automatically against known abuse hashes, any user can report a post, moderators review each report within a day and remove content that breaks the policy, notifying the uploader.';
type Content = NonNullable<NonNullable<Declaration['doNoHarm']>['content']>;
const content = (c: Content): Declaration => ({ ...base, doNoHarm: { content: c } });

describe('indicator 9b rules', () => {
  it('exports its rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-9b-01 content-moderation', 'dpg-9b-02 moderation-policy']);
  });
});

RuleTester.run(contentModeration, {
  valid: [
    { name: 'no content', declaration: content({ contentLevel: 'none' }), expect: [{ status: 'n/a', messageId: 'noContent', evidence: 'doNoHarm.content.contentLevel' }] },
    { name: 'distributed, moderated, response time given', declaration: content({ contentLevel: 'collected-stored-distributed', moderation: MODERATION, responseTime: '24 hours' }), expect: [{ status: 'pass', messageId: 'described', evidence: 'doNoHarm.content.moderation' }] },
    { name: 'stored only, moderated', declaration: content({ contentLevel: 'collected-stored', moderation: MODERATION }), files: { 'docs/moderation.md': '# Moderation\n' }, expect: [{ status: 'pass', messageId: 'described', evidence: 'docs/moderation.md' }] },
    {
      // Pre-moderation: nothing unapproved is published, so detecting, moderating and removing are one step; the linked form is the reporting channel a reviewer reads.
      name: 'pre-moderated submissions with a linked form',
      declaration: content({ contentLevel: 'collected-stored-distributed', moderation: 'Only content submitted through the suggestion form and approved by moderators is shared.', evidence: ['https://example.org/suggest'] }),
      expect: [{ status: 'pass', messageId: 'describedWithPolicy', evidence: 'https://example.org/suggest' }],
    },
    {
      name: 'a short answer pointing at the policy in a manual',
      declaration: content({ contentLevel: 'collected-stored-distributed', moderation: 'All published content follows a strict moderation policy described in our manual https://example.org/manual.pdf' }),
      expect: [{ status: 'pass', messageId: 'describedWithPolicy', evidence: 'https://example.org/manual.pdf' }],
    },
    {
      name: 'an administrator examines submissions, a response time in the text',
      declaration: content({ contentLevel: 'collected-stored-distributed', moderation: 'Every submission goes to the administrator, who within 24 hours examines it against the community guidelines; users can submit a complaint, and content found inappropriate is removed.' }),
      expect: [{ status: 'pass', messageId: 'described', evidence: 'doNoHarm.content.moderation' }],
    },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'level not answered', declaration: base, expect: [{ status: 'gap', messageId: 'unanswered', evidence: 'doNoHarm.content' }] },
    {
      name: 'distributed with no policy anywhere',
      declaration: content({ contentLevel: 'collected-stored-distributed' }),
      // A missing answer is a gap, never a fail.
      expect: [{ status: 'gap', messageId: 'distributedNoPolicy', evidence: 'doNoHarm.content.contentLevel' }],
    },
    {
      name: 'distributed, not described, but a policy file exists',
      declaration: content({ contentLevel: 'collected-stored-distributed', responseTime: '2 days' }),
      files: { 'COMMUNITY_GUIDELINES.md': '# Guidelines\n' },
      expect: [{ status: 'gap', messageId: 'moderationMissing', evidence: 'COMMUNITY_GUIDELINES.md' }],
    },
    { name: 'collected, not described', declaration: content({ contentLevel: 'collected' }), expect: [{ status: 'gap', messageId: 'moderationMissing' }] },
    { name: 'short and naming no step', declaration: content({ contentLevel: 'collected-stored', moderation: 'We take this very seriously.' }), expect: [{ status: 'gap', messageId: 'moderationTooShort', evidence: 'doNoHarm.content.moderation' }] },
    { name: 'short, one step, no policy linked', declaration: content({ contentLevel: 'collected-stored', moderation: 'We moderate content.' }), expect: [{ status: 'gap', messageId: 'stepsMissing', evidence: 'doNoHarm.content.moderation' }] },
    {
      name: 'long but no removal or reporting process',
      declaration: content({ contentLevel: 'collected-stored', moderation: 'Our team reviews every upload before publication and automated filters detect profanity in titles and descriptions so that the catalogue stays suitable for schools.' }),
      expect: [{ status: 'gap', messageId: 'stepsMissing' }],
    },
    {
      name: 'moderated but no response time, evidence missing',
      declaration: content({ contentLevel: 'collected-stored-distributed', moderation: MODERATION, evidence: ['MODERATION.md'] }),
      files: { 'README.md': '# x\n' },
      // The response time is a question of the form, not a requirement of the Standard: noted in the pass, not a gap.
      expect: [{ status: 'pass', messageId: 'described' }, { status: 'gap', messageId: 'linkNotFound', evidence: 'doNoHarm.content.evidence[0]' }],
    },
  ],
});

describe('content-moderation response time', () => {
  it('reads it from the moderation text, and notes a missing one without a gap', async () => {
    const inText = await runRuleCase(contentModeration, { name: 't', declaration: content({ contentLevel: 'collected-stored-distributed', moderation: 'Every submission goes to the administrator, who within 24 hours examines it against the community guidelines; users can submit a complaint, and content found inappropriate is removed.' }) });
    expect(inText[0]?.message).toContain('response time: "within 24 hours"');
    const none = await runRuleCase(contentModeration, { name: 'n', declaration: content({ contentLevel: 'collected-stored-distributed', moderation: 'Automated filters detect abusive uploads, moderators review them, users can report any post, and moderators remove what breaks the rules.' }) });
    expect(none.map((f) => f.status)).toEqual(['pass']);
    expect(none[0]?.message).toContain('no average response time is given');
  });
});

// ---------------------------------------------------------------------------
// Deeper evidence (issue 7): the repository's own moderation policy, where content is distributed.

const distributed = (extra: Partial<Content> = {}): Declaration => content({ contentLevel: 'collected-stored-distributed', ...extra });
const GUIDELINES = 'fixtures/candidates-evidence/content-platform';

RuleTester.run(moderationPolicy, {
  valid: [
    { name: 'fixture: community guidelines naming CSAM, four steps and a report channel', fixture: GUIDELINES, expect: [{ status: 'pass', messageId: 'policy', evidence: 'docs/community-guidelines.md' }] },
    { name: 'no content at all', declaration: content({ contentLevel: 'none' }), files: { 'README.md': '# x\n' }, expect: [{ status: 'n/a', messageId: 'notDistributed' }] },
    { name: 'content stored but not distributed', declaration: content({ contentLevel: 'collected-stored' }), files: { 'README.md': '# x\n' }, expect: [{ status: 'n/a', messageId: 'notDistributed' }] },
    { name: 'not declared: content-moderation asks', declaration: base, files: { 'TERMS.md': '# Terms\n' }, expect: [{ status: 'n/a', messageId: 'unanswered' }] },
    { name: 'distributed, policy linked outside the repository', declaration: distributed({ evidence: ['https://x.example.org/guidelines'] }), files: { 'README.md': '# x\n' }, expect: [{ status: 'n/a', messageId: 'declaredElsewhere' }] },
    {
      // cboard, kobotoolbox: the terms of use linked as indicator 7's evidence, beside the privacy policy.
      name: 'distributed, terms of use linked under another answer',
      declaration: { ...distributed(), privacy: { evidence: ['https://www.example.org/privacy/', 'https://www.example.org/terms-of-use/'] } },
      files: { 'README.md': '# x\n' },
      expect: [{ status: 'n/a', messageId: 'linkedUnderOtherAnswer', evidence: 'privacy.evidence[1]', message: /https:\/\/www\.example\.org\/terms-of-use\/ in `privacy\.evidence\[1\]`/ }],
    },
  ],
  invalid: [
    { name: 'distributed and no policy anywhere', declaration: distributed(), files: { 'README.md': '# x\n' }, expect: [{ status: 'gap', messageId: 'noDocument', evidence: 'doNoHarm.content.contentLevel' }] },
    {
      // The trap: a privacy policy, and pages merely about terms or guidelines of something else, are no content policy;
      // a link that is not valid percent-encoding is read as written, never an error.
      name: 'distributed, only a privacy policy and a design-guidelines page linked elsewhere',
      declaration: { ...distributed(), privacy: { evidence: ['https://www.example.org/privacy/', 'https://www.example.org/terms%zz'] }, standards: { standards: [{ name: 'Material design', evidence: ['https://material.io/design/guidelines-overview'] }] } },
      files: { 'README.md': '# x\n' },
      expect: [{ status: 'gap', messageId: 'noDocument', evidence: 'doNoHarm.content.contentLevel' }],
    },
    {
      name: 'a policy that names no prohibited content and no channel',
      declaration: distributed(),
      files: { 'MODERATION.md': '# Moderation\n\nModerators review posts and remove the ones that break the rules.\n' },
      expect: [{ status: 'gap', messageId: 'incomplete', evidence: 'MODERATION.md' }],
    },
    {
      name: 'false-positive guard: a terms page that only disclaims liability is not a moderation policy',
      declaration: distributed(),
      files: { 'docs/terms-of-use.md': '# Terms of use\n\nThe service is provided as is, without warranty. We may change these terms.\n' },
      expect: [{ status: 'gap', messageId: 'incomplete', evidence: 'docs/terms-of-use.md' }],
    },
  ],
});

describe('moderation-policy messages', () => {
  it('quotes the prohibited content and the lines', async () => {
    const [finding] = await runRuleCase(moderationPolicy, { name: 'm', fixture: GUIDELINES });
    expect(finding?.message).toContain('identifies prohibited content ("Illegal content", line 5)');
    expect(finding?.message).toContain('covers detecting, moderating, reporting and removing');
    expect(finding?.message).toContain('reporting channel (line 16)');
    expect(finding?.message).not.toContain('Link it');
  });
  it('lists everything an incomplete policy lacks', async () => {
    const [finding] = await runRuleCase(moderationPolicy, { name: 'i', declaration: distributed(), files: { 'MODERATION.md': '# Moderation\n\nModerators review posts and remove the ones that break the rules.\n' } });
    expect(finding?.message).toContain('does not identify which content is prohibited');
    expect(finding?.message).toContain('describes only moderating and removing');
    expect(finding?.message).toContain('names no reporting channel');
  });
});

import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { RuleTester } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/9b-inappropriate-content/index.js';
import { contentModeration } from '../../rules/9b-inappropriate-content/content-moderation.js';

const base: Declaration = { name: 'Example', types: ['software'] };
const MODERATION = 'Uploads are scanned automatically against known abuse hashes, any user can report a post, moderators review each report within a day and remove content that breaks the policy, notifying the uploader.';
type Content = NonNullable<NonNullable<Declaration['doNoHarm']>['content']>;
const content = (c: Content): Declaration => ({ ...base, doNoHarm: { content: c } });

describe('indicator 9b rules', () => {
  it('data tables name their standard version and source', () => {
    const dir = new URL('../../rules/9b-inappropriate-content/', import.meta.url);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const table = JSON.parse(fs.readFileSync(new URL(file, dir), 'utf8')) as { standardVersion?: unknown; source?: unknown };
      expect(table.standardVersion, file).toBe('1.1.7');
      expect(typeof table.source === 'string' && table.source.length > 20, file).toBe(true);
    }
  });
  it('exports its rule with a stable id', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-9b-01 content-moderation']);
  });
});

RuleTester.run(contentModeration, {
  valid: [
    { name: 'no content', declaration: content({ contentLevel: 'none' }), expect: [{ status: 'n/a', messageId: 'noContent', evidence: 'doNoHarm.content.contentLevel' }] },
    { name: 'distributed, moderated, response time given', declaration: content({ contentLevel: 'collected-stored-distributed', moderation: MODERATION, responseTime: '24 hours' }), expect: [{ status: 'pass', messageId: 'described', evidence: 'doNoHarm.content.moderation' }] },
    { name: 'stored only, moderated', declaration: content({ contentLevel: 'collected-stored', moderation: MODERATION }), files: { 'docs/moderation.md': '# Moderation\n' }, expect: [{ status: 'pass', messageId: 'described', evidence: 'docs/moderation.md' }] },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'level not answered', declaration: base, expect: [{ status: 'gap', messageId: 'unanswered', evidence: 'doNoHarm.content' }] },
    {
      name: 'distributed with no policy anywhere',
      declaration: content({ contentLevel: 'collected-stored-distributed' }),
      expect: [{ status: 'fail', messageId: 'distributedNoPolicy', evidence: 'doNoHarm.content.contentLevel' }, { status: 'gap', messageId: 'noResponseTime' }],
    },
    {
      name: 'distributed, not described, but a policy file exists',
      declaration: content({ contentLevel: 'collected-stored-distributed', responseTime: '2 days' }),
      files: { 'COMMUNITY_GUIDELINES.md': '# Guidelines\n' },
      expect: [{ status: 'gap', messageId: 'moderationMissing', evidence: 'COMMUNITY_GUIDELINES.md' }],
    },
    { name: 'collected, not described', declaration: content({ contentLevel: 'collected' }), expect: [{ status: 'gap', messageId: 'moderationMissing' }] },
    { name: 'too short', declaration: content({ contentLevel: 'collected-stored', moderation: 'We moderate content.' }), expect: [{ status: 'gap', messageId: 'moderationTooShort', evidence: 'doNoHarm.content.moderation' }] },
    {
      name: 'long but no removal or reporting process',
      declaration: content({ contentLevel: 'collected-stored', moderation: 'Our team reviews every upload before publication and automated filters detect profanity in titles and descriptions so that the catalogue stays suitable for schools.' }),
      expect: [{ status: 'gap', messageId: 'stepsMissing' }],
    },
    {
      name: 'moderated but no response time, evidence missing',
      declaration: content({ contentLevel: 'collected-stored-distributed', moderation: MODERATION, evidence: ['MODERATION.md'] }),
      files: { 'README.md': '# x\n' },
      expect: [{ status: 'pass', messageId: 'described' }, { status: 'gap', messageId: 'noResponseTime' }, { status: 'gap', messageId: 'linkNotFound', evidence: 'doNoHarm.content.evidence[0]' }],
    },
  ],
});

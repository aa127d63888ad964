/**
 * The rules of rules/host: pure functions of the host metadata a remote source
 * put in the snapshot (and of facts.links for the evidence-links rules).
 */
import { describe, expect, it } from 'vitest';
import { RuleTester } from '../src/testing/rule-tester.js';
import type { HostMetadata } from '../src/snapshot/types.js';
import type { Declaration } from '../src/declaration/types.js';
import { hostSdgTopics as hostSdgTopicsDraft } from '../rules/host/host-sdg-topics.js';
import { hostLicenseAgrees as hostLicenseAgreesDraft } from '../rules/host/host-license.js';
import { hostOwner as hostOwnerDraft } from '../rules/host/host-owner.js';
import { repositoryMaintained as repositoryMaintainedDraft } from '../rules/host/repository-maintained.js';
import { hostCodeOfConduct as hostCodeOfConductDraft, hostSecurityPolicy as hostSecurityPolicyDraft } from '../rules/host/host-community-files.js';
import { evidenceLinkRules, rules as hostRules } from '../rules/host/index.js';
import { RENAMED_RULE_IDS } from '../src/engine/rule-names.js';
import { builtInRules } from '../rules/index.js';
import { createMemorySnapshot } from '../src/snapshot/memory.js';
import { makeDeclarationView, parseDeclaration } from '../src/declaration/load.js';
import { computeFacts } from '../src/engine/facts.js';
import { createRuleContext } from '../src/engine/context.js';
import { runRule } from '../src/engine/runner.js';
import type { LinkStatus, Rule } from '../src/rule-api.js';
import { builtIn } from './rules-support.js';

const hostSdgTopics = builtIn(hostSdgTopicsDraft);
const hostLicenseAgrees = builtIn(hostLicenseAgreesDraft);
const hostOwner = builtIn(hostOwnerDraft);
const repositoryMaintained = builtIn(repositoryMaintainedDraft);
const hostCodeOfConduct = builtIn(hostCodeOfConductDraft);
const hostSecurityPolicy = builtIn(hostSecurityPolicyDraft);

const github = (extra: HostMetadata = {}): HostMetadata => ({ platform: 'github', fetchedAt: '2024-01-15T12:00:00.000Z', ...extra });
const base: Declaration = { name: 'Example', types: ['software'] };


RuleTester.run(hostLicenseAgrees, {
  valid: [
    { name: 'the host agrees with the declaration', files: { LICENSE: 'MIT License' }, declaration: { ...base, licenses: [{ spdx: 'MIT' }] }, host: github({ license: 'MIT' }), expect: [{ status: 'pass', messageId: 'agrees' }] },
    { name: 'GPL-3.0 and GPL-3.0-only are the same licence', files: { LICENSE: 'x' }, declaration: { ...base, licenses: [{ spdx: 'GPL-3.0-only OR MIT' }] }, host: github({ license: 'GPL-3.0' }), expect: [{ status: 'pass', messageId: 'agrees' }] },
    { name: 'no host', files: { LICENSE: 'x' }, expect: [{ status: 'n/a', messageId: 'noHost' }] },
    { name: 'the host detects no licence', files: { LICENSE: 'x' }, host: github(), expect: [{ status: 'n/a', messageId: 'noLicense' }] },
  ],
  invalid: [
    { name: 'the host detects another licence', files: { LICENSE: 'x' }, declaration: { ...base, licenses: [{ spdx: 'MIT' }] }, host: github({ license: 'Apache-2.0' }), expect: [{ status: 'gap', messageId: 'disagrees' }] },
    { name: 'the host cannot identify the licence', files: { LICENSE: 'x' }, declaration: { ...base, licenses: [{ spdx: 'MIT' }] }, host: github({ license: 'NOASSERTION' }), expect: [{ status: 'gap', messageId: 'unidentified' }] },
  ],
});


RuleTester.run(repositoryMaintained, {
  valid: [
    { name: 'pushed last month', files: { 'README.md': '# x' }, host: github({ pushedAt: '2023-12-10T00:00:00Z', archived: false }), expect: [{ status: 'pass', messageId: 'maintained' }] },
    { name: 'no host', files: { 'README.md': '# x' }, expect: [{ status: 'n/a', messageId: 'noHost' }] },
  ],
  invalid: [
    { name: 'archived', files: { 'README.md': '# x' }, host: github({ pushedAt: '2023-12-10T00:00:00Z', archived: true }), expect: [{ status: 'gap', messageId: 'archived' }] },
    { name: 'no push for three years before the metadata was fetched', files: { 'README.md': '# x' }, host: github({ pushedAt: '2020-11-01T00:00:00Z', archived: false }), expect: [{ status: 'gap', messageId: 'stale' }] },
  ],
});



/** Rules that never fail or gap (supporting evidence): run directly, since RuleTester wants a failing case. */
async function outcomes(rule: Rule, host?: HostMetadata): Promise<[string, string | undefined, string][]> {
  const snapshot = createMemorySnapshot({ 'README.md': '# x' }, host ? { host } : {});
  const view = makeDeclarationView(undefined);
  const findings = await runRule(rule, createRuleContext(snapshot, view, computeFacts(snapshot, view)), { timeoutMs: 1000 });
  return findings.map((f) => [f.status, f.messageId, f.message]);
}

describe('supporting-evidence host rules: pass with host evidence, n/a without', () => {
  it('host-sdg-topics', async () => {
    expect(await outcomes(hostSdgTopics, github({ topics: ['health', 'sdg-3', 'sdg10', 'SDGs-13'] }))).toEqual([['pass', 'topics', 'The repository\'s topics on GitHub name SDG 3, 10, 13 (`sdg-3`, `sdg10`, `SDGs-13`).']]);
    expect((await outcomes(hostSdgTopics, github({ topics: ['health', 'sdg-99'] })))[0]?.[1]).toBe('noTopics');
    expect((await outcomes(hostSdgTopics))[0]?.[1]).toBe('noHost');
  });
  it('host-owner', async () => {
    expect(await outcomes(hostOwner, github({ owner: 'openhealth', ownerType: 'organization' }))).toEqual([['pass', 'organization', 'The repository belongs to the GitHub organisation "openhealth".']]);
    expect((await outcomes(hostOwner, { platform: 'gitlab', owner: 'someone', ownerType: 'user' }))[0]?.[2]).toContain('GitLab user account "someone"');
    expect((await outcomes(hostOwner))[0]?.[0]).toBe('n/a');
  });
  it('host-security-policy and host-code-of-conduct', async () => {
    expect((await outcomes(hostSecurityPolicy, github({ securityPolicy: true })))[0]?.[0]).toBe('pass');
    expect((await outcomes(hostSecurityPolicy, github({ securityPolicy: false })))[0]?.[1]).toBe('noPolicy');
    expect((await outcomes(hostCodeOfConduct, github({ codeOfConduct: 'Contributor Covenant', codeOfConductUrl: 'https://x.example/coc' })))[0]).toEqual(['pass', 'conduct', 'GitHub recognises a code of conduct for the repository: Contributor Covenant (https://x.example/coc).']);
    expect((await outcomes(hostCodeOfConduct))[0]?.[1]).toBe('noHost');
  });
});

describe('the host rules', () => {
  it('are registered with ordinary ids of their indicator and a tag, host or online', () => {
    for (const rule of hostRules) {
      expect(builtInRules).toContain(rule);
      expect(rule.meta.id).toMatch(new RegExp(`^dpg-${rule.meta.indicator}-0\\d$`));
      expect(rule.meta.tags).toEqual([rule.meta.alias.startsWith('evidence-links-') ? 'online' : 'host']);
    }
    const ids = builtInRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keep their former dpg-<indicator>-91/-92 ids as deprecated aliases, each naming the rule it became', () => {
    expect(RENAMED_RULE_IDS.size).toBe(hostRules.length);
    for (const [former, current] of RENAMED_RULE_IDS) {
      const rule = hostRules.find((r) => r.meta.id === current);
      expect(rule?.meta.indicator, former).toBe(/^dpg-(\w+)-9[12]$/.exec(former)?.[1]);
      expect(rule?.meta.tags).toEqual([former.endsWith('-92') ? 'online' : 'host']);
    }
    expect(RENAMED_RULE_IDS.get('dpg-2-91')).toBe('dpg-2-07');
    expect(RENAMED_RULE_IDS.get('dpg-9c-92')).toBe('dpg-9c-04');
  });

  it('evidence-links: one rule per indicator, fed by facts.links', async () => {
    expect(evidenceLinkRules.map((r) => r.meta.indicator)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9a', '9b', '9c']);
    const declaration = parseDeclaration('name: X\ntypes: [software]\nlicenses:\n  - spdx: MIT\n    evidence: [LICENSE, "https://a.example/l", "https://a.example/m"]\n', 'dpg.yml');
    const view = makeDeclarationView(declaration);
    const snapshot = createMemorySnapshot({ LICENSE: 'MIT', 'dpg.yml': 'x' });
    const links = new Map<string, LinkStatus>([
      ['https://a.example/l', { state: 'broken', status: 410, reason: '410 Gone' }],
      ['https://a.example/m', { state: 'unverified', status: 403, reason: '403 Forbidden' }],
    ]);
    const facts = { ...computeFacts(snapshot, view), links };
    const rule = evidenceLinkRules[1]!;
    const findings = await runRule(rule, createRuleContext(snapshot, view, facts), { timeoutMs: 1000 });
    expect(findings.map((f) => [f.status, f.messageId])).toEqual([['gap', 'broken'], ['gap', 'unverified']]);
    expect(findings[0]?.message).toBe('Evidence URL(s) that do not resolve: https://a.example/l (410 Gone, `licenses[0].evidence[1]`). Which page shows this evidence now? Correct or replace the link.');
    expect(findings[0]?.evidence[0]).toMatchObject({ kind: 'declaration', key: 'licenses[0].evidence[1]', line: 5 });
    const offline = await runRule(rule, createRuleContext(snapshot, view, computeFacts(snapshot, view)), { timeoutMs: 1000 });
    expect(offline.map((f) => [f.status, f.messageId])).toEqual([['n/a', 'notChecked']]);
  });
});

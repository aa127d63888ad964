/**
 * dpg-9a-06 host-security-policy and dpg-9c-03 host-code-of-conduct: the
 * security policy and code of conduct the host recognises for the repository
 * (GitHub also recognises ones inherited from the organisation's `.github`
 * repository, which a file list cannot show). Supporting evidence only: pass
 * when the host recognises one, n/a otherwise — the rules of 9a and 9c judge
 * the files themselves.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { hostName } from '../lib/host.js';

export const hostSecurityPolicy = defineRuleDraft({
  meta: {
    id: 'dpg-9a-06',
    alias: 'host-security-policy',
    level: 'advice',
    policy: { fail: '—', gap: '— (advice)' },
    title: 'The host recognises a security policy for the repository',
    appliesTo: 'all',
    motivation: 'A security policy the host recognises is shown to anyone who wants to report a vulnerability, including one inherited from the organisation, which the repository\'s own files do not show.',
    messages: {
      policy: '{host} recognises a security policy for the repository{url}.',
      noPolicy: '{host} recognises no security policy for the repository (or did not say).',
      noHost: 'No host metadata (a local or plain git candidate): the host\'s security policy was not read.',
    },
    remediation: 'Add SECURITY.md (in the repository, or in the organisation\'s `.github` repository) saying how to report a vulnerability privately.',
    reads: [],
    tags: ['host'],
  },
  check(context: RuleContext): RuleOutcome {
    const host = context.snapshot.host;
    if (!host) return { status: 'n/a', messageId: 'noHost' };
    if (host.securityPolicy !== true) return { status: 'n/a', messageId: 'noPolicy', data: { host: hostName(host) } };
    const evidence: Evidence[] = [{ kind: 'host', key: 'securityPolicy', value: 'true' }];
    if (host.securityPolicyUrl) evidence.push({ kind: 'url', url: host.securityPolicyUrl });
    return { status: 'pass', messageId: 'policy', data: { host: hostName(host), url: host.securityPolicyUrl ? ` (${host.securityPolicyUrl})` : '' }, evidence };
  },
});

export const hostCodeOfConduct = defineRuleDraft({
  meta: {
    id: 'dpg-9c-03',
    alias: 'host-code-of-conduct',
    level: 'advice',
    policy: { fail: '—', gap: '— (advice)' },
    title: 'The host recognises a code of conduct for the repository',
    appliesTo: 'all',
    motivation: 'A code of conduct the host recognises is linked from the repository\'s community profile, including one inherited from the organisation; it is where people look for how harassment is handled.',
    messages: {
      conduct: '{host} recognises a code of conduct for the repository: {name}{url}.',
      noConduct: '{host} recognises no code of conduct for the repository (or did not say).',
      noHost: 'No host metadata (a local or plain git candidate): the host\'s code of conduct was not read.',
    },
    remediation: 'Add CODE_OF_CONDUCT.md (in the repository, or in the organisation\'s `.github` repository) with a real contact for reports.',
    reads: [],
    tags: ['host'],
  },
  check(context: RuleContext): RuleOutcome {
    const host = context.snapshot.host;
    if (!host) return { status: 'n/a', messageId: 'noHost' };
    if (!host.codeOfConduct) return { status: 'n/a', messageId: 'noConduct', data: { host: hostName(host) } };
    const evidence: Evidence[] = [{ kind: 'host', key: 'codeOfConduct', value: host.codeOfConduct }];
    if (host.codeOfConductUrl) evidence.push({ kind: 'url', url: host.codeOfConductUrl });
    return { status: 'pass', messageId: 'conduct', data: { host: hostName(host), name: host.codeOfConduct, url: host.codeOfConductUrl ? ` (${host.codeOfConductUrl})` : '' }, evidence };
  },
});

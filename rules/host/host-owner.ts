/**
 * dpg-3-06 host-owner: the account that holds the repository on its host (an
 * organisation or a user) — evidence for indicator 3 beside the copyright
 * notices and the declaration. Never a requirement: n/a without a host.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { hostName } from '../lib/host.js';

export const hostOwner = defineRuleDraft({
  meta: {
    id: 'dpg-3-06',
    alias: 'host-owner',
    level: 'advice',
    policy: { fail: '—', gap: '— (advice)' },
    title: 'The host names the account that holds the repository',
    appliesTo: 'all',
    motivation: 'The organisation holding the repository on GitHub or GitLab is public, verifiable evidence of who controls the solution\'s code, to set beside the owner the declaration names.',
    messages: {
      organization: 'The repository belongs to the {host} organisation "{owner}".',
      user: 'The repository belongs to the {host} user account "{owner}" (an individual\'s account: say in the declaration whether the owner is that person or an organisation).',
      owner: 'The repository belongs to the {host} account "{owner}".',
      noOwner: '{host} did not say who holds the repository.',
      noHost: 'No host metadata (a local or plain git candidate): the host account was not read.',
    },
    remediation: 'Keep the repository under an account of the owner the declaration names (`owner.name`), or explain the relationship in `owner.redistributionRights`.',
    reads: [],
    tags: ['host'],
  },
  check(context: RuleContext): RuleOutcome {
    const host = context.snapshot.host;
    if (!host) return { status: 'n/a', messageId: 'noHost' };
    if (!host.owner) return { status: 'n/a', messageId: 'noOwner', data: { host: hostName(host) } };
    const messageId = host.ownerType === 'organization' ? 'organization' : host.ownerType === 'user' ? 'user' : 'owner';
    return { status: 'pass', messageId, data: { host: hostName(host), owner: host.owner }, evidence: [{ kind: 'host', key: 'owner', value: host.owner }] };
  },
});

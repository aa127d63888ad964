/**
 * dpg-1-03 host-sdg-topics: the repository's topics on its host name SDGs
 * (`sdg-3`, `sdg3`, `sdgs-13`). Supporting evidence for indicator 1, never a
 * requirement: without a host, or without such topics, the rule does not apply.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { hostName } from '../lib/host.js';

const SDG_TOPIC = /^sdgs?-?(\d{1,2})$/i;

export const hostSdgTopics = defineRuleDraft({
  meta: {
    id: 'dpg-1-03',
    alias: 'host-sdg-topics',
    level: 'advice',
    policy: { fail: '—', gap: "— (advice: the host's topics name no SDG)" },
    title: 'The repository\'s topics on its host name the SDGs it serves',
    appliesTo: 'all',
    motivation: 'Topics such as `sdg-3` are how owners tag their repositories for the Sustainable Development Goals on GitHub and GitLab; they corroborate the SDGs the declaration claims.',
    messages: {
      topics: 'The repository\'s topics on {host} name SDG {sdgs} ({topics}).',
      noTopics: 'The repository\'s topics on {host} name no SDG.',
      noHost: 'No host metadata (a local or plain git candidate): topics were not read.',
    },
    remediation: 'Add topics such as `sdg-3` (one per SDG the solution serves) to the repository on its host; they do not replace the declaration\'s `sdgs` answers.',
    reads: [],
    tags: ['host'],
  },
  check(context: RuleContext): RuleOutcome {
    const host = context.snapshot.host;
    if (!host) return { status: 'n/a', messageId: 'noHost' };
    const matched = (host.topics ?? []).map((topic) => ({ topic, sdg: Number(SDG_TOPIC.exec(topic)?.[1]) })).filter((t) => t.sdg >= 1 && t.sdg <= 17);
    if (matched.length === 0) return { status: 'n/a', messageId: 'noTopics', data: { host: hostName(host) } };
    const sdgs = [...new Set(matched.map((t) => t.sdg))].sort((a, b) => a - b);
    return {
      status: 'pass', messageId: 'topics',
      data: { host: hostName(host), sdgs: sdgs.join(', '), topics: matched.map((t) => `\`${t.topic}\``).join(', ') },
      evidence: matched.map((t) => ({ kind: 'host', key: 'topics', value: t.topic })),
    };
  },
});

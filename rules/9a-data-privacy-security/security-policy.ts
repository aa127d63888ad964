/**
 * dpg-9a-02 security-policy: the repository says how to report a
 * vulnerability privately (supporting evidence for indicator 9a: the
 * security and integrity of the data depend on vulnerabilities being
 * reported and fixed).
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { compilePatterns, fileEvidence, hasRepositoryFiles, pathsMatching, readText } from '../../src/helpers.js';
import table from './security-policy.json' with { type: 'json' };

const POLICY_FILES = compilePatterns(table.policyFiles);
const CHANNELS = table.channels.map((c) => ({ kind: c.kind, pattern: new RegExp(c.pattern, 'i') }));
const PLACEHOLDER_EMAIL = new RegExp(table.placeholderEmailDomains, 'i');
const IGNORED_URL = new RegExp(table.ignoredUrls, 'i');

export interface ReportingChannel { kind: string; value: string; line: number; excerpt: string }

export const securityPolicy = defineRuleDraft({
  meta: {
    id: 'dpg-9a-02',
    alias: 'security-policy',
    level: 'advice',
    policy: { fail: '—', gap: 'no security policy with a reporting channel (advice)' },
    title: 'A security policy says how to report vulnerabilities',
    appliesTo: ['software', 'aimodel'],
    motivation: 'Ensuring the security and integrity of the data a solution handles depends on vulnerabilities reaching the maintainers privately; a security policy with a reporting channel is how they do.',
    messages: {
      noRepository: 'There are no repository files to read (declaration only), so no security policy could be checked.',
      policy: '{path} gives a way to report vulnerabilities ({kind}: {value}, line {line}).',
      hostPolicy: 'The host reports a security policy for the repository (probably inherited from the organisation); its reporting channel was not checked.',
      template: '{path} is still the unedited template ("{sentence}"): say where to report a vulnerability (an email address, a URL, or GitHub security advisories).',
      noChannel: '{path} gives no way to report a vulnerability (no email address, URL or security-advisories link): add one.',
      missing: 'No security policy (SECURITY.md at the root, in .github/ or in docs/): add one saying how to report a vulnerability privately.',
    },
    remediation: 'Add SECURITY.md saying how to report a vulnerability privately (a security email address, a form, or GitHub private vulnerability reporting), which versions get fixes and how fast you answer.',
    reads: ['SECURITY*', '/security.md', '.github/security.md', 'docs/security.md', '.well-known/security.txt'],
    tags: ['repository'],
  },
  check(context: RuleContext): RuleOutcome {
    const { snapshot } = context;
    const hostPolicy = snapshot.host?.securityPolicy === true;
    if (!hasRepositoryFiles(snapshot)) {
      return hostPolicy ? { status: 'pass', messageId: 'hostPolicy', evidence: [{ kind: 'host', key: 'securityPolicy', value: 'true' }] } : { status: 'gap', messageId: 'noRepository' };
    }
    const paths = pathsMatching(snapshot, POLICY_FILES);
    if (paths.length === 0) {
      return hostPolicy ? { status: 'pass', messageId: 'hostPolicy', evidence: [{ kind: 'host', key: 'securityPolicy', value: 'true' }] } : { status: 'gap', messageId: 'missing' };
    }
    for (const path of paths) {
      const channel = findReportingChannel(readText(snapshot, path) ?? '');
      if (channel) return { status: 'pass', messageId: 'policy', data: { path, kind: channel.kind, value: channel.value, line: channel.line }, evidence: [fileEvidence(path, channel)] };
    }
    const path = paths[0] as string;
    const text = readText(snapshot, path) ?? '';
    const sentence = table.templateSentences.find((s) => text.toLowerCase().includes(s.toLowerCase()));
    if (sentence !== undefined) {
      const at = text.toLowerCase().split(/\r?\n/).findIndex((l) => l.includes(sentence.toLowerCase()));
      return { status: 'gap', messageId: 'template', data: { path, sentence }, evidence: [fileEvidence(path, { line: at + 1, excerpt: sentence })] };
    }
    return { status: 'gap', messageId: 'noChannel', data: { path }, evidence: [fileEvidence(path)] };
  },
});

/**
 * The reporting channel of a policy, by preference: a real email address, a
 * private-advisories link, a bounty platform, then any other URL (a releases
 * link in a "supported versions" table is a weaker sign than an address).
 */
export function findReportingChannel(text: string): ReportingChannel | undefined {
  const lines = text.split(/\r?\n/);
  for (const channel of CHANNELS) {
    const global = new RegExp(channel.pattern.source, 'gi');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      for (const match of line.matchAll(global)) {
        const value = match[0];
        if (channel.kind === 'email address' && PLACEHOLDER_EMAIL.test(value)) continue;
        if (channel.kind === 'URL' && IGNORED_URL.test(value)) continue;
        return { kind: channel.kind, value, line: i + 1, excerpt: line.trim().slice(0, 200) };
      }
    }
  }
  return undefined;
}

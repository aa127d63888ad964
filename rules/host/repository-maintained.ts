/**
 * dpg-5-07 repository-maintained: the repository is not archived and was
 * pushed to in the last two years. An archived or dormant repository is a
 * warning sign for documentation (and everything else) being current — a gap
 * for a reviewer, never a fail. "Now" is when the host gave the metadata
 * (`host.fetchedAt`), not the clock, so the rule stays a pure function.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { hostName } from '../lib/host.js';

const STALE_AFTER_DAYS = 2 * 365;
const DAY_MS = 24 * 60 * 60 * 1000;

export const repositoryMaintained = defineRuleDraft({
  meta: {
    id: 'dpg-5-07',
    alias: 'repository-maintained',
    level: 'advice',
    policy: { fail: '—', gap: '— (advice: archived, or no push in two years)' },
    title: 'The repository is maintained: not archived, pushed to in the last two years',
    appliesTo: 'all',
    motivation: 'Documentation of a solution nobody maintains drifts from what runs; the DPGA reviews whether a digital public good is still alive, and an archived or dormant repository is the first sign it is not.',
    messages: {
      maintained: 'The repository was last pushed to on {date} and is not archived.',
      archived: '{host} marks the repository as archived (read-only); last push {date}.',
      stale: 'The repository has not been pushed to since {date} ({years} years before {checked}).',
      unknown: '{host} did not say when the repository was last pushed to.',
      noHost: 'No host metadata (a local or plain git candidate): archive status and last push were not read.',
    },
    remediation: 'If the solution is maintained elsewhere, point `repositories` in the declaration at the live repository; if it is no longer maintained, say so, since the DPGA reviews whether a registered solution is still maintained.',
    reads: [],
    tags: ['host'],
  },
  check(context: RuleContext): RuleOutcome {
    const host = context.snapshot.host;
    if (!host) return { status: 'n/a', messageId: 'noHost' };
    const pushed = host.pushedAt ? Date.parse(host.pushedAt) : NaN;
    const date = Number.isFinite(pushed) ? new Date(pushed).toISOString().slice(0, 10) : 'unknown';
    const evidence = [
      ...(host.archived !== undefined ? [{ kind: 'host' as const, key: 'archived', value: String(host.archived) }] : []),
      ...(host.pushedAt ? [{ kind: 'host' as const, key: 'pushedAt', value: host.pushedAt }] : []),
    ];
    if (host.archived) return { status: 'gap', messageId: 'archived', data: { host: hostName(host), date }, evidence };
    if (!Number.isFinite(pushed)) return { status: 'n/a', messageId: 'unknown', data: { host: hostName(host) } };
    const checked = host.fetchedAt ? Date.parse(host.fetchedAt) : NaN;
    if (Number.isFinite(checked) && checked - pushed > STALE_AFTER_DAYS * DAY_MS) {
      const years = Math.floor((checked - pushed) / (365 * DAY_MS));
      return { status: 'gap', messageId: 'stale', data: { date, years, checked: new Date(checked).toISOString().slice(0, 10) }, evidence };
    }
    return { status: 'pass', messageId: 'maintained', data: { date }, evidence };
  },
});

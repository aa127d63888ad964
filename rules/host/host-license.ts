/**
 * dpg-2-07 host-license-agrees: the licence the host detected (GitHub's and
 * GitLab's licence detection read the root licence file) agrees with the
 * licences declared and found in the repository. A disagreement is a gap for
 * a reviewer, not a fail: the host's detector can be wrong, and the licence
 * rules of indicator 2 judge the licence itself.
 * https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md#2-use-of-approved-open-licenses
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { hostName } from '../lib/host.js';

/** What hosts say when they found a licence file but could not name it. */
const UNIDENTIFIED = /^(NOASSERTION|other)$/i;

export const hostLicenseAgrees = defineRuleDraft({
  meta: {
    id: 'dpg-2-07',
    alias: 'host-license-agrees',
    level: 'advice',
    policy: { fail: '—', gap: "— (advice: the host's detected licence disagrees or is unidentified)" },
    title: 'The licence the host detected agrees with the licences declared and found',
    appliesTo: 'all',
    motivation: 'Reviewers and users see the licence the host shows on the repository page first; when it differs from the declared licence, one of them is wrong, and the DPGA asks which.',
    messages: {
      agrees: '{host} detects {license}, which the repository also shows ({where}).',
      disagrees: '{host} detects {license}, but the repository declares or shows {others}: make sure the licence file at the root is the licence you declare.',
      unidentified: '{host} found a licence file it could not identify ({license}): an approved licence used verbatim is recognised; a modified or custom text is not.',
      noLicense: '{host} detects no licence.',
      noHost: 'No host metadata (a local or plain git candidate): the host\'s licence was not read.',
    },
    remediation: 'Keep one licence file at the root with the unmodified text of the licence you declare in `licenses[].spdx`, so that the host, the declaration and the repository agree.',
    reads: [],
    tags: ['host'],
  },
  check(context: RuleContext): RuleOutcome {
    const host = context.snapshot.host;
    if (!host) return { status: 'n/a', messageId: 'noHost' };
    const name = hostName(host);
    const detected = host.license;
    if (!detected) return { status: 'n/a', messageId: 'noLicense', data: { host: name } };
    const evidence = [{ kind: 'host' as const, key: 'license', value: detected }];
    if (UNIDENTIFIED.test(detected)) return { status: 'gap', messageId: 'unidentified', data: { host: name, license: detected }, evidence };
    const shown = context.facts.licenses.filter((l) => l.method !== 'host');
    if (shown.length === 0) return { status: 'n/a', messageId: 'noLicense', data: { host: name } };
    const matching = shown.filter((l) => mentions(l.spdx, detected));
    if (matching.length > 0) {
      return { status: 'pass', messageId: 'agrees', data: { host: name, license: detected, where: [...new Set(matching.map((l) => l.path))].join(', ') }, evidence };
    }
    const others = [...new Set(shown.map((l) => `${l.spdx} (${l.path})`))].join(', ');
    return { status: 'gap', messageId: 'disagrees', data: { host: name, license: detected, others }, evidence };
  },
});

/** Whether an SPDX expression names the id (case aside; `GPL-3.0` and `GPL-3.0-only` alike). */
function mentions(expression: string, id: string): boolean {
  const wanted = id.toLowerCase().replace(/-only$/, '');
  return expression.split(/\s+(?:AND|OR|WITH)\s+|[()]/i).some((part) => part.trim().toLowerCase().replace(/-only$|\+$/, '') === wanted);
}

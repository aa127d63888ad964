/**
 * dpg-7-01 privacy-laws: the owner names the privacy and other laws the
 * solution complies with, and links evidence of adherence (DPG Standard,
 * indicator 7).
 *
 * Policy (https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md#7-adherence-to-privacy-and-applicable-laws):
 * the questionnaire asks for "link(s) to the privacy policy, terms of service
 * or other relevant legal documentation as demonstrate adherence". When
 * `privacy.evidence` is empty, such a document elsewhere is still that
 * evidence: a privacy policy or terms file in the repository, or a link
 * elsewhere in the declaration whose address names a privacy, terms, legal
 * or data-protection page (the website, the ownership or PII evidence, a URL
 * written in the laws answer). Then a reviewer judges it. The steps taken
 * to adhere, described in words (`privacy.adherence`, the application form's
 * "adherence steps" that reviewers of approved DPGs accepted), are evidence
 * too when they say something concrete (at least a sentence). Only when
 * nothing is found anywhere is the evidence a gap.
 */
import { defineRuleDraft, isUrl, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { answeredEntries, sortEvidenceLinks, declared, fileEvidence, linkEvidence, listOf, pathsMatching, unresolvedLinks, wordCount, REQUIREMENT } from '../../src/helpers.js';
import table from './legal-documents.json' with { type: 'json' };

const POLICY_FILES = table.policyFiles.map((p) => new RegExp(p, 'i'));
const GENERIC_LAW = new RegExp(table.genericLaws, 'i');
const LEGAL_URL = new RegExp(table.legalUrl, 'i');
/** A sentence, not a word: "We comply." says nothing a reviewer can weigh. */
const MIN_ADHERENCE_WORDS = 8;
const LAWS_QUESTION = 'Provide a list of relevant privacy, domestic and other applicable international laws your solution complies with';
const EVIDENCE_QUESTION = 'Provide evidence(s) of adherence with the laws mentioned above';

export const privacyLaws = defineRuleDraft({
  meta: {
    id: 'dpg-7-01',
    alias: 'privacy-laws',
    level: 'requirement',
    requirement: REQUIREMENT['7'],
    policy: { fail: '—', gap: 'no laws are named, only generic ones, or no evidence of adherence is linked, described or found' },
    title: 'Applicable privacy and other laws are named, with evidence of adherence',
    appliesTo: 'all',
    motivation: 'Digital public goods must be designed and developed to comply with privacy and other applicable laws; the owner names those laws and shows adherence, for example through a privacy policy or terms of service.',
    messages: {
      noDeclaration: `There is no declaration: create dpg.yml (\`dpg-check init\`), answer "${LAWS_QUESTION}" in \`privacy.laws\` and "${EVIDENCE_QUESTION}" in \`privacy.evidence\`{found}.`,
      noLaws: `No laws are declared: answer "${LAWS_QUESTION}" in \`privacy.laws\` and "${EVIDENCE_QUESTION}" in \`privacy.evidence\` of dpg.yml{found}.`,
      vagueLaws: 'The declared laws ({laws}) name no specific law: list each law by name (e.g. the General Data Protection Regulation (GDPR), the Indian IT Act, the Americans with Disabilities Act) in `privacy.laws`.',
      noEvidence: `Laws are declared ({laws}) but no evidence of adherence: answer "${EVIDENCE_QUESTION}" in \`privacy.evidence\` with links to the privacy policy, terms of service or other legal documentation{found}.`,
      declared: 'Compliance with {laws} is declared, with evidence {evidence}; a reviewer must still judge that the evidence shows adherence.',
      adherenceDescribed: 'Compliance with {laws} is declared, and the steps taken to adhere are described ({words} words in `privacy.adherence`); a reviewer must still judge them. Linking the privacy policy or terms in `privacy.evidence` makes the evidence checkable.',
      evidenceElsewhere: 'Compliance with {laws} is declared; `privacy.evidence` is empty, but {evidence} may show adherence: a reviewer judges it. Cite it in `privacy.evidence`.',
      linkNotFound: 'The declared evidence {link} {reason}: fix it in `{key}`.',
    },
    remediation: 'List the applicable laws by name in `privacy.laws` and link the privacy policy, terms of service or other legal documentation showing adherence in `privacy.evidence`; this must be answered by someone authorised to speak for the owner.',
    reads: [],
  },
  check(context: RuleContext): RuleOutcome[] {
    const { snapshot, declaration } = context;
    const policies = pathsMatching(snapshot, POLICY_FILES);
    const policyEvidence: Evidence[] = policies.map((path) => fileEvidence(path));
    const found = policies.length > 0 ? ` (the repository has ${listOf(policies.slice(0, 3))}, which could be cited)` : '';
    if (declaration.data === undefined) {
      return [{ status: 'gap', messageId: 'noDeclaration', data: { found }, evidence: [declared(declaration, 'privacy.laws'), ...policyEvidence] }];
    }
    const privacy = declaration.data.privacy;
    const laws = answeredEntries(privacy?.laws);
    if (laws.length === 0) return [{ status: 'gap', messageId: 'noLaws', data: { found }, evidence: [declared(declaration, 'privacy.laws'), ...policyEvidence] }];
    const outcomes: RuleOutcome[] = [];
    if (laws.every((law) => GENERIC_LAW.test(law))) {
      outcomes.push({ status: 'gap', messageId: 'vagueLaws', data: { laws: quoted(laws) }, evidence: [declared(declaration, 'privacy.laws')] });
    }
    const links = sortEvidenceLinks(privacy?.evidence, snapshot);
    const broken = unresolvedLinks(privacy?.evidence, 'privacy.evidence', snapshot);
    if (links.good.length > 0 && outcomes.length === 0) {
      outcomes.push({ status: 'pass', messageId: 'declared', data: { laws: listOf(laws), evidence: listOf(links.good) }, evidence: [declared(declaration, 'privacy.laws'), ...linkEvidence(links.good)] });
    } else if (links.good.length === 0 && broken.length === 0 && outcomes.length === 0 && (policies.length > 0 || legalLinksElsewhere(context, laws).length > 0)) {
      const elsewhere = legalLinksElsewhere(context, laws);
      const where = [...policies.slice(0, 3), ...elsewhere.slice(0, 3).map((l) => l.url)];
      outcomes.push({ status: 'pass', messageId: 'evidenceElsewhere', data: { laws: listOf(laws), evidence: listOf(where) }, evidence: [declared(declaration, 'privacy.laws'), ...policyEvidence, ...elsewhere.map((l) => declared(declaration, l.key))] });
    } else if (links.good.length === 0 && broken.length === 0 && outcomes.length === 0 && wordCount(privacy?.adherence) >= MIN_ADHERENCE_WORDS) {
      outcomes.push({ status: 'pass', messageId: 'adherenceDescribed', data: { laws: listOf(laws), words: wordCount(privacy?.adherence) }, evidence: [declared(declaration, 'privacy.laws'), declared(declaration, 'privacy.adherence')] });
    } else if (links.good.length === 0 && broken.length === 0) {
      outcomes.push({ status: 'gap', messageId: 'noEvidence', data: { laws: listOf(laws), found }, evidence: [declared(declaration, 'privacy.evidence'), ...policyEvidence] });
    }
    for (const bad of broken) outcomes.push({ status: 'gap', messageId: 'linkNotFound', data: bad, evidence: [declared(declaration, bad.key)] });
    return outcomes;
  },
});

/** Links elsewhere in the declaration whose address names a privacy, terms or legal page, with the key they are under. */
function legalLinksElsewhere(context: RuleContext, laws: readonly string[]): { url: string; key: string }[] {
  const data = context.declaration.data;
  if (!data) return [];
  const lists: [string, readonly string[] | undefined][] = [
    ['website', data.website],
    ['owner.evidence', data.owner?.evidence],
    ['doNoHarm.dataPrivacy.evidence', data.doNoHarm?.dataPrivacy?.evidence],
    ['doNoHarm.content.evidence', data.doNoHarm?.content?.evidence],
    ['documentation.links', data.documentation?.links],
    ['privacy.laws', laws.flatMap((law) => law.match(/https?:\/\/[^\s,;)]+/g) ?? [])],
  ];
  const found: { url: string; key: string }[] = [];
  for (const [key, list] of lists) {
    (list ?? []).forEach((url, index) => {
      const trimmed = typeof url === 'string' ? url.trim() : '';
      if (isUrl(trimmed) && LEGAL_URL.test(trimmed.replace(/^https?:\/\/[^/]+/, '')) && !found.some((f) => f.url === trimmed)) found.push({ url: trimmed, key: key === 'privacy.laws' ? key : `${key}[${index}]` });
    });
  }
  return found;
}

function quoted(items: readonly string[]): string {
  return listOf(items.map((item) => `"${item}"`));
}

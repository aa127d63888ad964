/**
 * dpg-3-05 contributor-agreement: how outside contributions come under the
 * owner's control — a Contributor License Agreement (CLA.md, cla.yml,
 * .clabot, a CLA workflow) or the Developer Certificate of Origin (DCO),
 * found in the repository or its CONTRIBUTING guide, and compared with
 * `owner.contributorAgreement` (DPG Standard questionnaire, indicator 3: the
 * right to redistribute what the owner does not own — "for code, a
 * Contributor License Agreement").
 *
 * The standard requires such evidence only when the owner does not own
 * everything, so its absence is a gap only then (`owner.ownsAll: false`).
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { sortEvidenceLinks, compilePatterns, filterMatchingAny, declared, fileEvidence, findLine, hasRepositoryFiles, isVendored, linkEvidence, listOf, readText } from '../../src/helpers.js';
import table from './ownership.json' with { type: 'json' };

const CLA_FILES = compilePatterns(table.claFiles);
const DCO_FILES = compilePatterns(table.dcoFiles);
const CONTRIBUTING = compilePatterns(table.contributingFiles);
const AGREEMENT_NAMES = [...CLA_FILES, ...DCO_FILES, ...CONTRIBUTING];
const CLA_MENTION = new RegExp(table.claMention, 'i');
const DCO_MENTION = new RegExp(table.dcoMention, 'i');

export interface AgreementSighting { kind: 'CLA' | 'DCO'; path: string; line?: number; excerpt?: string }

/** CLA and DCO files, and CONTRIBUTING lines that require one. */
export function findContributorAgreements(context: Pick<RuleContext, 'snapshot'>): AgreementSighting[] {
  const { snapshot } = context;
  const found: AgreementSighting[] = [];
  // The paths any of the three lists could take, found in one pass: the lists' eight patterns tested one by one
  // over every path of a large tree cost more than the rest of the rule.
  const named = filterMatchingAny(snapshot.paths, AGREEMENT_NAMES);
  for (const path of named) {
    if (isVendored(path)) continue;
    if (CLA_FILES.some((re) => re.test(path))) found.push({ kind: 'CLA', path });
    else if (DCO_FILES.some((re) => re.test(path))) found.push({ kind: 'DCO', path });
  }
  for (const path of named.filter((p) => CONTRIBUTING.some((re) => re.test(p)))) {
    const text = readText(snapshot, path) ?? '';
    for (const [kind, pattern] of [['CLA', CLA_MENTION], ['DCO', DCO_MENTION]] as const) {
      const at = findLine(text, pattern);
      if (at && !found.some((f) => f.kind === kind && f.path === path)) found.push({ kind, path, line: at.line, excerpt: at.excerpt });
    }
  }
  return found;
}

export const contributorAgreement = defineRuleDraft({
  meta: {
    id: 'dpg-3-05',
    alias: 'contributor-agreement',
    level: 'advice',
    policy: { fail: '—', gap: 'a declared CLA or DCO is not found, or none is declared where not everything is owned (advice)' },
    title: 'Contributions are covered by a CLA or DCO',
    appliesTo: 'all',
    motivation: 'Code contributed by outsiders belongs to its authors unless they sign it over or license it; a Contributor License Agreement (or the Developer Certificate of Origin) is the evidence the questionnaire names for the owner\'s right to redistribute what it does not own.',
    messages: {
      found: 'Contributions are covered: {found}.{declaredNote}',
      declaredOnly: 'The declared contributor agreement {link} was not seen in the repository (no CLA or DCO file, no mention in CONTRIBUTING); a reviewer checks the link.',
      declaredMissing: 'The declared contributor agreement {link} {reason}: fix `owner.contributorAgreement`.',
      declaredNoneButFound: 'The declaration says no contributor agreement is used (`owner.contributorAgreement: false`), but the repository has {found}: link it in `owner.contributorAgreement`.',
      notOwnedNone: 'Not everything is owned (`owner.ownsAll: false`) and no CLA or DCO was found (no CLA.md, cla.yml, .clabot or DCO file, no mention in CONTRIBUTING): show the right to redistribute contributions with a Contributor License Agreement in `owner.contributorAgreement`, or other evidence in `owner.redistributionRights.evidence`.',
      none: 'No CLA or DCO was found (no CLA.md, cla.yml, .clabot or DCO file, no mention in CONTRIBUTING). The standard asks for one only as evidence of the right to redistribute contributions the owner does not own.',
      noRepository: 'There are no repository files to read (declaration only), and no contributor agreement is declared.',
    },
    remediation: 'If outside contributors keep their copyright, adopt a Contributor License Agreement (e.g. with CLA Assistant) or the Developer Certificate of Origin, say so in CONTRIBUTING, and link it in `owner.contributorAgreement` of dpg.yml.',
    reads: ['CONTRIBUTING*', '.github/CONTRIBUTING*', 'docs/CONTRIBUTING*', 'CLA*', '.clabot', '.github/*cla*', '.github/workflows/*'],
  },
  check(context: RuleContext): RuleOutcome {
    const { declaration, snapshot } = context;
    const owner = declaration.data?.owner;
    const agreement = owner?.contributorAgreement;
    const declaredLink = typeof agreement === 'string' && agreement.trim() !== '' ? agreement.trim() : undefined;
    const at = declared(declaration, 'owner.contributorAgreement');
    const sightings = hasRepositoryFiles(snapshot) ? findContributorAgreements(context) : [];
    const foundText = listOf(sightings.slice(0, 4).map((s) => `${s.kind === 'CLA' ? 'a CLA' : 'the DCO'} (${s.path}${s.line ? ` line ${s.line}` : ''})`));
    const sightingEvidence: Evidence[] = sightings.map((s) => fileEvidence(s.path, s.line ? { line: s.line, ...(s.excerpt !== undefined ? { excerpt: s.excerpt } : {}) } : undefined));

    if (declaredLink) {
      const links = sortEvidenceLinks([declaredLink], snapshot);
      if (links.outside.length > 0) return { status: 'gap', messageId: 'declaredMissing', data: { link: declaredLink, reason: 'points outside the repository and is never read' }, evidence: [at] };
      if (links.missing.length > 0 && hasRepositoryFiles(snapshot)) return { status: 'gap', messageId: 'declaredMissing', data: { link: declaredLink, reason: 'is not a file or folder of the repository' }, evidence: [at] };
    }
    if (sightings.length > 0) {
      if (agreement === false) return { status: 'gap', messageId: 'declaredNoneButFound', data: { found: foundText }, evidence: [at, ...sightingEvidence] };
      const declaredNote = declaredLink ? ` Declared in \`owner.contributorAgreement\`: ${declaredLink}.` : declaration.data ? ' Link it in `owner.contributorAgreement` of the declaration.' : '';
      return { status: 'pass', messageId: 'found', data: { found: foundText, declaredNote }, evidence: [...sightingEvidence, ...(declaredLink ? [at, ...linkEvidence([declaredLink])] : [])] };
    }
    if (declaredLink) return { status: 'pass', messageId: 'declaredOnly', data: { link: declaredLink }, evidence: [at, ...linkEvidence([declaredLink])] };
    if (owner?.ownsAll === false) return { status: 'gap', messageId: 'notOwnedNone', evidence: [declared(declaration, 'owner.ownsAll')] };
    if (!hasRepositoryFiles(snapshot)) return { status: 'n/a', messageId: 'noRepository', evidence: [at] };
    return { status: 'n/a', messageId: 'none', evidence: [at] };
  },
});

/**
 * dpg-2-02 license-approved: each licence is on the DPGA's approved list for
 * the part of the solution it covers (DPG Standard, indicator 2: OSI licences
 * for software, Creative Commons for content, Open Definition conformant
 * licences for data). Since 1.1.7 a content collection or data set must be
 * fully under one open licence: several licences across its entries fail.
 *
 * Which licence speaks for which part:
 * - an entry with `appliesTo` covers that part only;
 * - entries without it cover every solution type no scoped entry covers; when
 *   several do, a type is satisfied by any one approved for it (MIT and
 *   CC-BY-4.0 for software + content is fine), and an entry approved for none
 *   of the types is reported on its own.
 * With no declared licence, the project's licences found in the repository
 * (licence files, SPDX headers, root manifests) are judged instead, so a
 * candidate without dpg.yml still learns that `SSPL-1.0` in package.json
 * will not do.
 *
 * Components (issue 14 §3: a part of the candidate under its own licence, such
 * as a sub-package, a script's SPDX header, `LICENSE.data.md`, a folder of
 * brand assets) are judged for the part they cover, apart from the project:
 * approved, a note; a content or data licence for a part the candidate has
 * not declared (no such type, no `appliesTo`), a gap that asks whether it has
 * that part; a component software licence not approved, a gap (it may be
 * optional or third-party); a content or data part of the candidate under a
 * licence not approved for it (an ND licence on content), a fail.
 *
 * Mixed collections (1.1.7, #186: REQUIREMENT.collections): a collection
 * whose parts are all under approved licences is a gap for a reviewer to
 * confirm; one under no or an unapproved licence fails (its own finding).
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence, Facts, SolutionType } from '../../src/rule-api.js';
import { licenseFamily, licenseIdsOf, type LicenseJudgement, type LicenseKind } from '../../src/helpers.js';
import { declared, listOf, REQUIREMENT } from '../../src/helpers.js';
import conformant from './open-definition-conformant.json' with { type: 'json' };
import {
  APPROVED_LICENSES, APPROVED_LIST_URL, PART_KIND, QUESTION_WHICH_LICENSES, TYPE_KIND, alternativesFor, declarationFile,
  LICENSE_READS, approvedForSomePart, componentLicenses, declaredLicenses, foundEvidence, foundWhere, partName, projectLicenses, unclearLicenses, type LicensePart,
} from '../lib/licensing.js';
import { componentPart, isTopLevelPart } from '../../src/helpers.js';

interface Speaker {
  spdx: string;
  appliesTo?: LicensePart;
  /** `licenses[0]` for a declared entry. */
  key?: string;
  /** `package.json line 3` for a found one. */
  where?: string;
  evidence: Evidence[];
}

interface Slot { label: string; kind: LicenseKind; isType: boolean }

export const licenseApproved = defineRuleDraft({
  meta: {
    id: 'dpg-2-02',
    alias: 'license-approved',
    level: 'requirement',
    requirement: REQUIREMENT['2'],
    policy: { fail: 'a licence is not approved for the part it covers (e.g. ND on content, BSD-4-Clause or EUPL-1.1 software), or a collection part is under no or an unapproved licence', gap: 'a licence cannot be identified (NOASSERTION), a content or data licence beside the software is undeclared, or a mixed collection of approved licences needs a reviewer, or a data licence conforms to the Open Definition but is not in the DPGA table' },
    title: 'Licences are approved for what they cover',
    appliesTo: 'all',
    motivation: 'Only licences on the DPGA\'s approved list qualify: OSI-approved licences for software, Creative Commons licences (no NoDerivatives) for content, Open Definition conformant licences for data; since DPG Standard 1.1.7 content collections and data sets must be fully openly licensed.',
    messages: {
      approved: '{reason} (`{key}`, for the {part}).',
      approvedFound: '{reason} (found in {where}, for the {part}; declare it in `licenses` of dpg.yml).',
      notApproved: '{reason} (`{key}`, for the {part}). Use an approved licence for the {part}, e.g. {alternatives} (full list: {listUrl}).',
      notApprovedFound: '{reason} (found in {where}, for the {part}). Use an approved licence for the {part}, e.g. {alternatives} (full list: {listUrl}).',
      unparseable: '{reason} (`{key}`).',
      unparseableFound: '{reason} (found in {where}).',
      conformantNotListed: '{spdx} ({where}, for the {part}) conforms to the Open Definition, which the DPGA accepts for data, but is not in its table of approved licences: ask the DPGA to confirm it, or use a listed licence such as CC-BY-4.0 or ODbL-1.0.',
      partUncovered: `No declared licence covers the {part}: the licences are declared for {covered} only. Add a \`licenses\` entry with \`appliesTo: {part}\` (answer "${QUESTION_WHICH_LICENSES}" for it).`,
      mixedCollection: 'The {part} is under {count} different licences ({licenses}), and not all of them are approved for {part}: DPG Standard 1.1.7 requires content collections and data sets to be fully openly licensed. Relicense what is not under an approved licence, or move it out of the collection.',
      mixedCollectionApproved: 'The {part} is under {count} different licences ({licenses}), each approved for {part}: DPG Standard 1.1.7 requires content collections and data sets to be fully openly licensed, which a reviewer confirms part by part. Say in the declaration which part is under which licence (`appliesTo`, evidence), or relicense the collection under one licence.',
      componentApproved: '{spdx} in {where} covers {covers}, a part of the candidate ({part}): {reason}.',
      componentAsks: '{where} gives {spdx} to {covers} ({part}), a part the candidate has not declared: if the candidate has {part} of its own, declare it (`types`, and a `licenses` entry with `appliesTo: {appliesTo}`); {reason}.',
      componentNotApproved: '{spdx} in {where} covers {covers} ({part}), a part of the candidate: {reason}. If the part is the candidate\'s own and required, relicense it under an approved licence (e.g. {alternatives}); if it is optional or third-party, say so in the declaration or move it to a vendor/ folder.',
      componentNotApprovedPart: '{spdx} in {where} covers {covers}, the candidate\'s {part}: {reason}. Use an approved licence for the {part}, e.g. {alternatives} (full list: {listUrl}).',
      noDeclaration: `No declaration file and no licence found in the repository: create dpg.yml (\`dpg-check init\`) and answer "${QUESTION_WHICH_LICENSES}" in \`licenses\`, with SPDX ids.`,
      noLicenses: `No licence is declared and none was found in the repository: answer "${QUESTION_WHICH_LICENSES}" in \`licenses\` of {file}, with SPDX ids.`,
      unclearFound: `No licence is declared, and the repository's licence could not be confirmed ({found}; see dpg-2-06): answer "${QUESTION_WHICH_LICENSES}" in \`licenses\` of {file}, with SPDX ids, and keep the licence file the standard text.`,
    },
    remediation: 'Release each part under a licence on the DPGA\'s approved list (https://github.com/DPGAlliance/dpg-resources/wiki/2.-Open-Licensing) — for software an OSI-approved licence such as Apache-2.0 or MIT, for content CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0, for data e.g. ODbL-1.0 or CC-BY-4.0 — and declare it in `licenses` of dpg.yml as an SPDX id, with `appliesTo` when it covers one part only.',
    reads: LICENSE_READS,
  },
  check(context: RuleContext): RuleOutcome[] {
    const { declaration, facts } = context;
    const speakers = collectSpeakers(context);
    if (speakers.length === 0) {
      const unclear = unclearLicenses(facts);
      if (unclear.length > 0) {
        // Modified or unidentified licence texts are never judged as the licence they resemble.
        const found = listOf(unclear.map((l) => (l.spdx === 'NOASSERTION' ? `${l.path}: no licence identified` : `${l.path}: probably ${l.spdx}, modified`)));
        return [{ status: 'gap', messageId: 'unclearFound', data: { found, file: declarationFile(declaration) }, evidence: [declared(declaration, 'licenses'), ...unclear.map(foundEvidence)] }];
      }
      const evidence = [declared(declaration, 'licenses')];
      return declaration.data === undefined
        ? [{ status: 'gap', messageId: 'noDeclaration', evidence }]
        : [{ status: 'gap', messageId: 'noLicenses', data: { file: declarationFile(declaration) }, evidence }];
    }
    const slots = slotsFor(facts.types, speakers);
    const unscoped = speakers.filter((s) => s.appliesTo === undefined);
    const outcomes: RuleOutcome[] = [];
    /** Unscoped speakers approved for some type, or already reported. */
    const settled = new Set<Speaker>();
    for (const slot of slots) {
      const scoped = speakers.filter((s) => s.appliesTo === slot.label);
      if (scoped.length > 0) {
        for (const speaker of scoped) outcomes.push(outcomeFor(speaker, slot, facts.judgeLicense(speaker.spdx, slot.kind, APPROVED_LICENSES)));
        continue;
      }
      if (unscoped.length === 0) {
        const covered = [...new Set(speakers.map((s) => partName(s.appliesTo ?? '')))];
        outcomes.push({ status: 'gap', messageId: 'partUncovered', data: { part: partName(slot.label), covered: listOf(covered) }, evidence: [declared(declaration, 'licenses')] });
        continue;
      }
      const judged = unscoped.map((speaker) => ({ speaker, judgement: facts.judgeLicense(speaker.spdx, slot.kind, APPROVED_LICENSES) }));
      const approved = judged.filter((j) => j.judgement.verdict === 'approved');
      // One unscoped licence must fit every type; among several, one fitting each type is enough.
      const report = unscoped.length === 1 || approved.length === 0 ? judged : approved;
      for (const { speaker, judgement } of report) {
        outcomes.push(outcomeFor(speaker, slot, judgement));
        settled.add(speaker);
      }
    }
    // An unscoped licence that fits none of the types is a problem of its own.
    const firstType = slots.find((s) => s.isType);
    if (firstType) {
      for (const speaker of unscoped) {
        if (!settled.has(speaker)) outcomes.push(outcomeFor(speaker, firstType, facts.judgeLicense(speaker.spdx, firstType.kind, APPROVED_LICENSES)));
      }
    }
    outcomes.push(...mixedCollections(context, speakers));
    outcomes.push(...componentOutcomes(context));
    return outcomes;
  },
});

/** Each component licence judged for the part it covers (see the module comment). */
function componentOutcomes(context: RuleContext): RuleOutcome[] {
  const { declaration, facts } = context;
  const declaredParts = new Set(declaredLicenses(declaration).map((l) => l.appliesTo).filter((p): p is LicensePart => p !== undefined));
  const outcomes: RuleOutcome[] = [];
  const seen = new Set<string>();
  for (const license of componentLicenses(facts)) {
    const key = `${license.spdx}\u0000${license.covers ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const part = componentPart(license);
    const kind = PART_KIND[part];
    // Documentation is content, and is as often under the code's licence: either list will do.
    const judgement = judgeFor(facts, license.spdx, part === 'documentation' ? ['content', 'software'] : [kind]);
    if (judgement.verdict === 'unparseable') continue;
    // The candidate has this part: software always (a sub-package, a script); other parts when declared.
    const has = part === 'software' || facts.types.some((t) => TYPE_KIND[t] === kind) || declaredParts.has(part) || (part === 'documentation' && declaredParts.has('content'));
    const data = { spdx: license.spdx, where: foundWhere(license), covers: license.covers ?? license.path, part: partName(part), appliesTo: part, reason: judgement.reason };
    const evidence = [foundEvidence(license)];
    // Content or data beside the software at the top of the tree, not declared: ask whether the candidate has it
    // (documentation goes with any software; it is a note).
    const ask = !has && part !== 'documentation' && isTopLevelPart(license);
    if (ask) {
      outcomes.push({ status: 'gap', messageId: 'componentAsks', data, evidence });
    } else if (judgement.verdict === 'approved' || (part === 'software' || !has) && approvedForSomePart(facts, license.spdx)) {
      // Approved for its part; or an open licence on a part whose kind is only guessed from its folder (CC0 on a package).
      outcomes.push({ status: 'pass', messageId: 'componentApproved', data: judgement.verdict === 'approved' ? data : { ...data, reason: `${license.spdx} is an approved open licence (not for ${partName(part)}: check which part this is)` }, evidence });
    } else if (part !== 'software' && has) {
      outcomes.push({ status: 'fail', messageId: 'componentNotApprovedPart', data: { ...data, alternatives: alternativesFor(kind), listUrl: APPROVED_LIST_URL }, evidence });
    } else {
      outcomes.push({ status: 'gap', messageId: 'componentNotApproved', data: { ...data, alternatives: alternativesFor(kind) }, evidence });
    }
  }
  return outcomes;
}

/** Approved if approved for any of the kinds; the first kind's judgement otherwise. */
function judgeFor(facts: Facts, spdx: string, kinds: readonly LicenseKind[]): LicenseJudgement {
  const judgements = kinds.map((kind) => facts.judgeLicense(spdx, kind, APPROVED_LICENSES));
  return judgements.find((j) => j.verdict === 'approved') ?? (judgements[0] as LicenseJudgement);
}

function collectSpeakers(context: RuleContext): Speaker[] {
  const { declaration, facts } = context;
  const declaredList = declaredLicenses(declaration);
  if (declaredList.length > 0) {
    return declaredList.map((l) => ({
      spdx: l.spdx,
      ...(l.appliesTo ? { appliesTo: l.appliesTo } : {}),
      key: `licenses[${l.index}]`,
      evidence: [declared(declaration, `licenses[${l.index}].spdx`)],
    }));
  }
  // The same value found in several places is judged once, with every place as evidence. Modified
  // and unidentified licence texts are not judged as the licence they resemble (dpg-2-06 reports them).
  const byValue = new Map<string, Speaker>();
  for (const found of projectLicenses(facts)) {
    const existing = byValue.get(found.spdx);
    if (existing) {
      existing.where = `${existing.where}, ${foundWhere(found)}`;
      existing.evidence.push(foundEvidence(found));
    } else {
      byValue.set(found.spdx, { spdx: found.spdx, where: foundWhere(found), evidence: [foundEvidence(found)] });
    }
  }
  return [...byValue.values()];
}

/** The solution's types, then any other part a licence is scoped to. */
function slotsFor(types: readonly SolutionType[], speakers: readonly Speaker[]): Slot[] {
  const slots: Slot[] = types.map((type) => ({ label: type, kind: TYPE_KIND[type], isType: true }));
  for (const speaker of speakers) {
    const part = speaker.appliesTo;
    if (part && !slots.some((s) => s.label === part)) slots.push({ label: part, kind: PART_KIND[part], isType: false });
  }
  return slots;
}

const OPEN_DEFINITION_DATA: ReadonlySet<string> = new Set(conformant.data);

function outcomeFor(speaker: Speaker, slot: Slot, judgement: LicenseJudgement): RuleOutcome {
  const part = partName(slot.label);
  const found = speaker.key === undefined;
  const data = { reason: judgement.reason, part, ...(found ? { where: speaker.where ?? '' } : { key: speaker.key as string }) };
  switch (judgement.verdict) {
    case 'approved':
      return { status: 'pass', messageId: found ? 'approvedFound' : 'approved', data, evidence: speaker.evidence };
    case 'not-approved':
      // Open data: the DPGA accepts licences conformant to the Open Definition; one missing from its table is a question.
      if (slot.kind === 'data' && OPEN_DEFINITION_DATA.has(speaker.spdx)) {
        return { status: 'gap', messageId: 'conformantNotListed', data: { spdx: speaker.spdx, part, where: speaker.key ? `\`${speaker.key}\`` : speaker.where ?? '' }, evidence: speaker.evidence };
      }
      return {
        status: 'fail',
        messageId: found ? 'notApprovedFound' : 'notApproved',
        data: { ...data, alternatives: alternativesFor(slot.kind), listUrl: APPROVED_LIST_URL },
        evidence: speaker.evidence,
      };
    case 'unparseable':
      return { status: 'gap', messageId: found ? 'unparseableFound' : 'unparseable', data, evidence: speaker.evidence };
  }
}

/**
 * DPG Standard 1.1.7: no mixed-licence content collections or data sets.
 * A collection's licences are the entries scoped to it, or the unscoped ones
 * when the solution is only content and/or data (otherwise an unscoped MIT
 * is most likely the software's, not the collection's).
 */
function mixedCollections(context: RuleContext, speakers: readonly Speaker[]): RuleOutcome[] {
  const types = context.facts.types;
  const onlyCollections = types.every((t) => t === 'content' || t === 'data');
  const outcomes: RuleOutcome[] = [];
  for (const part of ['content', 'data'] as const) {
    const scoped = speakers.filter((s) => s.appliesTo === part);
    const members = scoped.length > 0 ? scoped : onlyCollections && types.includes(part) ? speakers.filter((s) => s.appliesTo === undefined) : [];
    const distinct = new Map<string, Speaker>();
    for (const speaker of members) {
      const key = licenseIdsOf(speaker.spdx)?.map(licenseFamily).sort().join(' ') ?? speaker.spdx.toLowerCase();
      if (!distinct.has(key)) distinct.set(key, speaker);
    }
    if (distinct.size > 1) {
      const kind = PART_KIND[part];
      const allApproved = [...distinct.values()].every((s) => context.facts.judgeLicense(s.spdx, kind, APPROVED_LICENSES).verdict === 'approved');
      outcomes.push({
        status: allApproved ? 'gap' : 'fail',
        messageId: allApproved ? 'mixedCollectionApproved' : 'mixedCollection',
        data: { part: partName(part), count: distinct.size, licenses: listOf([...distinct.values()].map((s) => s.spdx)) },
        evidence: members.flatMap((s) => s.evidence),
      });
    }
  }
  return outcomes;
}

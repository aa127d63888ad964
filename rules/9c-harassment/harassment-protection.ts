/**
 * dpg-9c-01 harassment-protection: when users or contributors interact, the
 * owner describes how they can protect themselves from harassment and how
 * underage users are kept safe (DPG Standard, indicator 9c).
 *
 * Policy (https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md#9-do-no-harm-by-design):
 * "there must be a process for users and contributors to protect themselves
 * against grief, abuse, and harassment. The project must have system(s) to
 * address the safety and security of underage users." Both are required. A
 * missing description is a gap (a missing answer is never a fail). A short
 * description is judged by what it names, not by its length: one that names
 * a process or policy (a code of conduct, reporting, blocking, moderation,
 * monitored channels, a link) passes for a reviewer to judge; a short one
 * naming none is a gap asking what the process is.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { sortEvidenceLinks, declared, fileEvidence, isAnswered, linkEvidence, unresolvedLinks, wordCount, REQUIREMENT } from '../../src/helpers.js';
import { readCodeOfConduct } from '../lib/read-code-of-conduct.js';
import table from './code-of-conduct.json' with { type: 'json' };

const PROCESS = new RegExp(table.protectionProcess, 'i');
const QUESTION = 'Does your solution facilitate or enable interactions with or between users and/or contributors?';
const PROTECTION_QUESTION = 'How does your solution enable users and contributors to protect themselves from harassment?';

export const harassmentProtection = defineRuleDraft({
  meta: {
    id: 'dpg-9c-01',
    alias: 'harassment-protection',
    level: 'requirement',
    requirement: REQUIREMENT['9c'],
    policy: { fail: '—', gap: 'users interact and no protection process is described, or nothing addresses underage users' },
    title: 'Users and contributors are protected from harassment',
    appliesTo: 'all',
    motivation: 'If a digital public good facilitates interactions with or between users or contributors, there must be a process for them to protect themselves against grief, abuse and harassment, and systems for the safety and security of underage users.',
    messages: {
      noDeclaration: `There is no declaration: create dpg.yml (\`dpg-check init\`) and answer "${QUESTION}" in \`doNoHarm.harassment.userInteraction\`.`,
      unanswered: `Not answered: "${QUESTION}" — set \`doNoHarm.harassment.userInteraction\` (true or false) in dpg.yml.`,
      noInteraction: 'There is no interaction with or between users (declared).',
      protected: 'Protection from harassment is described ({words} words{conduct}) and so is the safety of underage users; a reviewer must still judge both processes.',
      noProtection: `Users interact and the declaration does not say how they are protected from harassment: answer "${PROTECTION_QUESTION}" in \`doNoHarm.harassment.protection\` (policies such as a code of conduct, and how users can block, report or get help).`,
      protectionMissingConductFound: `Users interact and the declaration does not describe how they are protected from harassment, though {path} exists: answer "${PROTECTION_QUESTION}" in \`doNoHarm.harassment.protection\`, citing it.`,
      protectionTooShort: `The protection from harassment ({words} words) names no process or policy: answer "${PROTECTION_QUESTION}" in \`doNoHarm.harassment.protection\` — which policy (e.g. a code of conduct) and which process (reporting, blocking, moderation) can users and contributors use?`,
      noUnderageSafety: 'Users interact but nothing is said about underage users: describe the systems addressing the safety and security of underage users in `doNoHarm.harassment.underageSafety`.',
      underageTooShort: 'The description of underage users\' safety is too short to judge ({words} words): say in `doNoHarm.harassment.underageSafety` what systems address the safety and security of underage users.',
      linkNotFound: 'The declared evidence {link} {reason}: fix it in `{key}`.',
    },
    remediation: 'Describe in `doNoHarm.harassment.protection` the code of conduct and the processes users and contributors can use against harassment (reporting, blocking, moderation), and in `doNoHarm.harassment.underageSafety` the systems protecting underage users; link them in `doNoHarm.harassment.evidence`.',
    reads: ['CODE_OF_CONDUCT*', 'CODE-OF-CONDUCT*', 'code_of_conduct*', 'code-of-conduct*'],
  },
  check(context: RuleContext): RuleOutcome[] {
    const { snapshot, declaration } = context;
    if (declaration.data === undefined) return [{ status: 'gap', messageId: 'noDeclaration', evidence: [declared(declaration, 'doNoHarm.harassment.userInteraction')] }];
    const harassment = declaration.data.doNoHarm?.harassment;
    if (harassment?.userInteraction === undefined) return [{ status: 'gap', messageId: 'unanswered', evidence: [declared(declaration, 'doNoHarm.harassment')] }];
    if (harassment.userInteraction === false) return [{ status: 'n/a', messageId: 'noInteraction', evidence: [declared(declaration, 'doNoHarm.harassment.userInteraction')] }];

    const conduct = readCodeOfConduct(snapshot);
    const conductEvidence: Evidence[] = conduct ? [fileEvidence(conduct.path, 'line' in conduct ? conduct : undefined)] : [];
    const protection = isAnswered(harassment.protection) ? harassment.protection : undefined;
    const underage = isAnswered(harassment.underageSafety) ? harassment.underageSafety : undefined;
    const protectionWords = wordCount(protection);
    const underageWords = wordCount(underage);
    const outcomes: RuleOutcome[] = [];
    if (protection === undefined) {
      // A code of conduct with a real contact is a process, even if the declaration does not describe it yet.
      outcomes.push(conduct && (conduct.kind === 'contact' || conduct.kind === 'adopts')
        ? { status: 'gap', messageId: 'protectionMissingConductFound', data: { path: conduct.path }, evidence: [declared(declaration, 'doNoHarm.harassment.protection'), ...conductEvidence] }
        : { status: 'gap', messageId: 'noProtection', evidence: [declared(declaration, 'doNoHarm.harassment.userInteraction'), ...conductEvidence] });
    } else if (protectionWords < table.minimumProtectionWords && !PROCESS.test(protection) && sortEvidenceLinks(harassment.evidence, snapshot).good.length === 0) {
      outcomes.push({ status: 'gap', messageId: 'protectionTooShort', data: { words: protectionWords, minimum: table.minimumProtectionWords }, evidence: [declared(declaration, 'doNoHarm.harassment.protection')] });
    }
    if (underage === undefined) {
      outcomes.push({ status: 'gap', messageId: 'noUnderageSafety', evidence: [declared(declaration, 'doNoHarm.harassment')] });
    } else if (underageWords < table.minimumUnderageWords) {
      outcomes.push({ status: 'gap', messageId: 'underageTooShort', data: { words: underageWords }, evidence: [declared(declaration, 'doNoHarm.harassment.underageSafety')] });
    }
    if (outcomes.length === 0) {
      const links = sortEvidenceLinks(harassment.evidence, snapshot).good;
      outcomes.push({
        status: 'pass',
        messageId: 'protected',
        data: { words: protectionWords, conduct: conduct && conduct.kind === 'contact' ? `; code of conduct ${conduct.path} names a contact` : '' },
        evidence: [declared(declaration, 'doNoHarm.harassment.protection'), declared(declaration, 'doNoHarm.harassment.underageSafety'), ...linkEvidence(links), ...conductEvidence],
      });
    }
    for (const bad of unresolvedLinks(harassment.evidence, 'doNoHarm.harassment.evidence', snapshot)) {
      outcomes.push({ status: 'gap', messageId: 'linkNotFound', data: bad, evidence: [declared(declaration, bad.key)] });
    }
    return outcomes;
  },
});

/**
 * dpg-3-02 ownership-evidence: the declaration links to evidence of ownership
 * (DPG Standard, indicator 3: "Provide evidence(s) of ownership" — copyright,
 * trademarks, or a public page saying who owns the solution). Paths must
 * exist in the candidate. Without links, a copyright line of the candidate's
 * own licence or notice files naming the declared owner is evidence found
 * (primero's LICENSE: "Copyright (c) 2014 UNICEF. All rights reserved.", its
 * declared owner UNICEF). Anything short of that is a gap: whether a page
 * really proves ownership is for a reviewer to judge.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { sortEvidenceLinks, declared, linkEvidence, listOf, REQUIREMENT } from '../../src/helpers.js';
import { copyrightEvidence, findCopyrightLines } from '../lib/copyright.js';
import { compareNames } from '../lib/holders.js';
import { QUESTION_OWNER_EVIDENCE, declarationFile } from '../lib/ownership.js';

export const ownershipEvidence = defineRuleDraft({
  meta: {
    id: 'dpg-3-02',
    alias: 'ownership-evidence',
    level: 'requirement',
    requirement: REQUIREMENT['3'],
    policy: { fail: '—', gap: 'no evidence of ownership is linked or found, or a linked path is missing' },
    title: 'Ownership is evidenced',
    appliesTo: 'all',
    motivation: 'Ownership must be documented, not just stated: the application asks for links to the copyright, trademarks or public ownership documentation.',
    messages: {
      evidenced: 'Evidence of ownership is declared: {links}. A reviewer judges whether it shows the owner.',
      noDeclaration: `No declaration file: create dpg.yml (\`dpg-check init\`) and answer "${QUESTION_OWNER_EVIDENCE}" in \`owner.evidence\` (links to the copyright notice, trademarks, or a public page saying who owns the solution).`,
      copyrightNamesOwner: 'No evidence of ownership is declared (`owner.evidence`), and the repository documents it: {path} (line {line}), "{excerpt}", names the declared owner {owner} ({reason}). List `{path}` in `owner.evidence` of {file} so that the declaration says so too.',
      noEvidence: `No evidence of ownership is declared: answer "${QUESTION_OWNER_EVIDENCE}" in \`owner.evidence\` of {file} (links to the copyright notice, trademarks, or a public page saying who owns the solution).{hint}`,
      missingPaths: 'The ownership evidence {paths} is not in the candidate: correct `owner.evidence` or add the file(s).',
      outsidePaths: 'The ownership evidence {paths} points outside the candidate and is never read: use a URL or a path inside the repository in `owner.evidence`.',
    },
    remediation: 'List in `owner.evidence` of dpg.yml links that show who owns the solution: the file with its copyright notice (e.g. LICENSE or NOTICE), a trademark registration, terms of service, or the owner\'s web page presenting the solution.',
    reads: ['LICENSE*', 'LICENCE*', 'COPYING*', 'NOTICE*', 'COPYRIGHT*', 'README*'],
  },
  check(context: RuleContext): RuleOutcome[] {
    const { declaration, snapshot, facts } = context;
    const at = declared(declaration, 'owner.evidence');
    if (declaration.data === undefined) return [{ status: 'gap', messageId: 'noDeclaration', evidence: [at] }];
    const raw = declaration.data.owner?.evidence;
    const links = sortEvidenceLinks(Array.isArray(raw) ? raw.filter((l): l is string => typeof l === 'string') : [], snapshot);
    const outcomes: RuleOutcome[] = [];
    if (links.outside.length > 0) outcomes.push({ status: 'gap', messageId: 'outsidePaths', data: { paths: listOf(links.outside) }, evidence: [at] });
    if (links.missing.length > 0) outcomes.push({ status: 'gap', messageId: 'missingPaths', data: { paths: listOf(links.missing) }, evidence: [at] });
    if (outcomes.length > 0) return outcomes;
    if (links.good.length > 0) return [{ status: 'pass', messageId: 'evidenced', data: { links: listOf(links.good) }, evidence: [at, ...linkEvidence(links.good)] }];
    const lines = findCopyrightLines(snapshot, facts, 3);
    const owner = declaration.data.owner?.name;
    const naming = typeof owner === 'string' && owner.trim() !== ''
      ? lines.map((line) => ({ line, match: compareNames(owner, line.holder) })).find((l) => l.match.verdict !== 'different')
      : undefined;
    if (naming) {
      const { line, match } = naming;
      return [{
        status: 'pass', messageId: 'copyrightNamesOwner',
        data: { path: line.path, line: line.line, excerpt: line.excerpt, owner: (owner as string).trim(), reason: match.reason, file: declarationFile(declaration) },
        evidence: [at, ...copyrightEvidence([line])],
      }];
    }
    const first = lines[0];
    const hint = first ? ` The copyright line in ${first.path} (line ${first.line}) could serve: list \`${first.path}\` there.` : '';
    return [{ status: 'gap', messageId: 'noEvidence', data: { file: declarationFile(declaration), hint }, evidence: [at, ...copyrightEvidence(lines)] }];
  },
});

/**
 * dpg-3-01 owner-named: the declaration names who owns the solution (DPG
 * Standard, indicator 3: "Who owns this digital solution?"), as `owner.name`
 * or an organisation with the role `owner`. When it does not, copyright lines
 * in the licence, NOTICE, COPYRIGHT and README files are reported as evidence
 * of who the owner may be — a gap, since only the owner can say.
 */
import { defineRule, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/model.js';
import { STANDARD, declared, guidanceUrl, isAnswered, listOf, REQUIREMENT } from '../shared.js';
import { copyrightEvidence, describeHolders, findCopyrightLines } from './copyright.js';
import { QUESTION_OWNER, declarationFile } from './ownership.js';

export const ownerNamed = defineRule({
  meta: {
    id: 'dpg-3-01',
    alias: 'owner-named',
    indicator: '3',
    level: 'requirement',
    requirement: REQUIREMENT['3'],
    title: 'The owner is named',
    appliesTo: 'all',
    standardVersion: STANDARD,
    motivation: 'Ownership of the assets a digital public good produces must be clearly defined and documented, for example through copyright, trademark or other publicly available information.',
    messages: {
      named: 'The owner is declared: {owner}.{copyright}',
      copyrightOnly: `The copyright line(s) name {holders}, but the declaration names no owner: answer "${QUESTION_OWNER}" in \`owner.name\` of {file}.`,
      noDeclarationCopyright: `The copyright line(s) name {holders}, but there is no declaration naming the owner: create dpg.yml (\`dpg-check init\`) and answer "${QUESTION_OWNER}" in \`owner.name\`.`,
      noOwner: `No owner is named: the declaration does not say, and no copyright line was found in the licence, NOTICE, COPYRIGHT or README files. Answer "${QUESTION_OWNER}" in \`owner.name\` of {file} (if there is no formal organisation, the names of the people who own it).{host}`,
      noDeclaration: `No owner is named: there is no declaration, and no copyright line was found in the licence, NOTICE, COPYRIGHT or README files. Create dpg.yml (\`dpg-check init\`) and answer "${QUESTION_OWNER}" in \`owner.name\`.{host}`,
    },
    remediation: 'Name the owner in `owner.name` of dpg.yml (an organisation, or the people who own the solution when there is none), and state it in the repository too, e.g. a `Copyright (c) <year> <owner>` line in LICENSE or NOTICE.',
    docsUrl: guidanceUrl('3'),
    reads: ['LICENSE*', 'LICENCE*', 'COPYING*', 'UNLICENSE*', 'NOTICE*', 'COPYRIGHT*', 'README*'],
  },
  check(context: RuleContext): RuleOutcome {
    const { declaration, snapshot, facts } = context;
    const data = declaration.data;
    const lines = findCopyrightLines(snapshot, facts);
    const names: string[] = [];
    const evidence: Evidence[] = [];
    if (isAnswered(data?.owner?.name)) {
      names.push((data?.owner?.name as string).trim());
      evidence.push(declared(declaration, 'owner.name'));
    }
    (Array.isArray(data?.organizations) ? data.organizations : []).forEach((org, index) => {
      if (org?.role === 'owner' && isAnswered(org.name) && !names.includes(org.name.trim())) {
        names.push(org.name.trim());
        evidence.push(declared(declaration, `organizations[${index}].name`));
      }
    });
    if (names.length > 0) {
      const copyright = lines.length > 0 ? ` Copyright lines name ${describeHolders(lines)}.` : '';
      return { status: 'pass', messageId: 'named', data: { owner: listOf(names), copyright }, evidence: [...evidence, ...copyrightEvidence(lines)] };
    }
    const at = declared(declaration, 'owner.name');
    if (lines.length > 0) {
      const holders = describeHolders(lines);
      return data === undefined
        ? { status: 'gap', messageId: 'noDeclarationCopyright', data: { holders }, evidence: [...copyrightEvidence(lines), at] }
        : { status: 'gap', messageId: 'copyrightOnly', data: { holders, file: declarationFile(declaration) }, evidence: [...copyrightEvidence(lines), at] };
    }
    const hostOwner = snapshot.host?.owner;
    const host = hostOwner ? ` The repository's host account is "${hostOwner}".` : '';
    const hostEvidence: Evidence[] = hostOwner ? [{ kind: 'host', key: 'owner', value: hostOwner }] : [];
    return data === undefined
      ? { status: 'gap', messageId: 'noDeclaration', data: { host }, evidence: [at, ...hostEvidence] }
      : { status: 'gap', messageId: 'noOwner', data: { host, file: declarationFile(declaration) }, evidence: [at, ...hostEvidence] };
  },
});

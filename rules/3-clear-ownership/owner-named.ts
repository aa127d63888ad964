/**
 * dpg-3-01 owner-named: the declaration names who owns the solution (DPG
 * Standard, indicator 3: "Who owns this digital solution?"), as `owner.name`
 * or an organisation with the role `owner`. When it does not, copyright lines
 * in the licence, NOTICE, COPYRIGHT and README files are reported as evidence
 * of who the owner may be.
 *
 * Policy (https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md#3-clear-ownership):
 * "Ownership [...] must be clearly defined and documented. For example,
 * through copyright, trademark or other publicly available information." A
 * copyright notice in the licence, NOTICE, COPYRIGHT or README files is that
 * documentation, so it passes even when `owner.name` is unanswered (the
 * questionnaire count shows the missing answer). So do source-file headers
 * of the candidate's own code naming, in two files or more, a holder that a
 * declared organisation matches. Without either, the gap asks the one
 * question — who owns it — naming the organisations the declaration lists in
 * other roles as the likely answer.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { declared, isAnswered, listOf, REQUIREMENT } from '../../src/helpers.js';
import { copyrightEvidence, describeHolders, findCopyrightLines, type CopyrightLine } from '../lib/copyright.js';
import { compareNames, sampleHeaderCopyright } from '../lib/holders.js';
import { QUESTION_OWNER, declarationFile } from '../lib/ownership.js';

export const ownerNamed = defineRuleDraft({
  meta: {
    id: 'dpg-3-01',
    alias: 'owner-named',
    level: 'requirement',
    requirement: REQUIREMENT['3'],
    policy: { fail: '—', gap: 'no owner is named in the declaration and no copyright notice names one' },
    title: 'The owner is named',
    appliesTo: 'all',
    motivation: 'Ownership of the assets a digital public good produces must be clearly defined and documented, for example through copyright, trademark or other publicly available information.',
    messages: {
      named: 'The owner is declared: {owner}.{copyright}',
      copyrightOnly: `Ownership is documented through copyright: the copyright line(s) name {holders}. The declaration does not answer "${QUESTION_OWNER}": set \`owner.name\` in {file}.`,
      headersOrganisation: `Ownership is documented through copyright: the headers of {files} source files name {holder} ({where}), the organisation the declaration lists as {role}. The declaration does not answer "${QUESTION_OWNER}": set \`owner.name\` in {file}.`,
      noDeclarationCopyright: `The copyright line(s) name {holders}, but there is no declaration naming the owner: create dpg.yml (\`dpg-check init\`) and answer "${QUESTION_OWNER}" in \`owner.name\`.`,
      noOwner: `No owner is named: the declaration does not say, and no copyright line was found in the licence, NOTICE, COPYRIGHT or README files. Answer "${QUESTION_OWNER}" in \`owner.name\` of {file} (if there is no formal organisation, the names of the people who own it).{organisations}{host}`,
      noDeclaration: `No owner is named: there is no declaration, and no copyright line was found in the licence, NOTICE, COPYRIGHT or README files. Create dpg.yml (\`dpg-check init\`) and answer "${QUESTION_OWNER}" in \`owner.name\`.{host}`,
    },
    remediation: 'Name the owner in `owner.name` of dpg.yml (an organisation, or the people who own the solution when there is none), and state it in the repository too, e.g. a `Copyright (c) <year> <owner>` line in LICENSE or NOTICE.',
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
        : { status: 'pass', messageId: 'copyrightOnly', data: { holders, file: declarationFile(declaration) }, evidence: [...copyrightEvidence(lines), at] };
    }
    const organisations = (Array.isArray(data?.organizations) ? data.organizations : []).filter((org) => isAnswered(org?.name));
    if (data !== undefined && organisations.length > 0) {
      // Headers of the candidate's own files only: vendored, test and example code carries other holders.
      const headers = sampleHeaderCopyright(snapshot, undefined, facts.paths.isOwn).lines;
      const byHolder = new Map<string, typeof headers>();
      for (const line of headers) byHolder.set(line.holder.toLowerCase(), [...(byHolder.get(line.holder.toLowerCase()) ?? []), line]);
      const ranked = [...byHolder.values()].sort((a, b) => b.length - a.length);
      const top = ranked[0];
      const org = top && top.length >= 2 ? organisations.find((o) => compareNames(o.name, (top[0] as CopyrightLine).holder).verdict !== 'different') : undefined;
      if (top && org) {
        const first = top[0] as CopyrightLine;
        return { status: 'pass', messageId: 'headersOrganisation', data: { files: top.length, holder: `"${first.holder}"`, where: `${first.path} line ${first.line}`, role: org.role, file: declarationFile(declaration) }, evidence: [...copyrightEvidence(top.slice(0, 3)), at] };
      }
    }
    const organisationsText = organisations.length > 0
      ? ` The declaration lists ${listOf(organisations.map((o) => `"${o.name.trim()}" (${o.role})`))}: if ${organisations.length === 1 ? 'it is' : 'one of them is'} the owner, say so.`
      : '';
    const hostOwner = snapshot.host?.owner;
    const host = hostOwner ? ` The repository's host account is "${hostOwner}".` : '';
    const hostEvidence: Evidence[] = hostOwner ? [{ kind: 'host', key: 'owner', value: hostOwner }] : [];
    return data === undefined
      ? { status: 'gap', messageId: 'noDeclaration', data: { host }, evidence: [at, ...hostEvidence] }
      : { status: 'gap', messageId: 'noOwner', data: { host, organisations: organisationsText, file: declarationFile(declaration) }, evidence: [at, ...hostEvidence] };
  },
});

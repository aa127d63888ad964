/**
 * dpg-3-04 copyright-consistent: the owner the declaration names is the one
 * the repository's copyright notices name (DPG Standard, indicator 3:
 * ownership "clearly defined and documented, for example through copyright").
 * A reviewer compares the declared owner with the LICENSE/NOTICE line and the
 * host account; this rule does it for them, fuzzily and with the reason
 * ("Open Health Collective" and "openhealth" are likely the same), and also
 * reads the headers of a bounded sample of source files.
 *
 * A mismatch is a gap, never a fail: the declared owner may hold the rights
 * by assignment or licence, which only the owner can explain.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { declared, hasRepositoryFiles, isAnswered, listOf } from '../../src/helpers.js';
import type { CopyrightLine } from '../lib/copyright.js';
import { allCopyrightLines, collectiveProject, compareNames, type NameMatch } from '../lib/holders.js';

/** Most holders named in a message; the evidence lists them all. */
const LISTED = 4;

interface Holder { name: string; lines: CopyrightLine[]; match?: { owner: string; result: NameMatch; collective: boolean } }

export const copyrightConsistent = defineRuleDraft({
  meta: {
    id: 'dpg-3-04',
    alias: 'copyright-consistent',
    level: 'advice',
    policy: { fail: '—', gap: 'the copyright notices name someone other than the declared owner (advice)' },
    title: 'The copyright notices name the declared owner',
    appliesTo: 'all',
    motivation: 'Ownership must be clearly defined and documented, for example through copyright. When the repository\'s copyright notices name someone other than the declared owner, a reviewer will ask who really owns the solution and who may license it.',
    messages: {
      consistent: 'The declared owner {owner} is the copyright holder: {matches}.{others}{host}',
      mismatch: 'The declared owner {owner} is not among the copyright holders the repository names ({holders}): if they own the solution, correct `owner.name`; if {owner} holds the rights by assignment or licence, say so in `owner.redistributionRights` with the agreement linked.{host}',
      headersOnly: 'No licence, NOTICE or COPYRIGHT file names a copyright holder, and the headers of {sampled} sampled source file(s) name {holders}, not the declared owner {owner}: add a `Copyright <year> {owner}` line to LICENSE or NOTICE, or explain the relationship in `owner.redistributionRights`.{host}',
      hostOnly: 'No copyright notice names a holder; the host account {hostOwner} is {verdict} the declared owner {owner} ({reason}). Adding a `Copyright <year> {owner}` line to LICENSE or NOTICE would document the ownership.',
      nothingToCompare: 'No copyright notice in the licence, NOTICE, COPYRIGHT or README files nor in the {sampled} sampled source-file header(s), and no host account, to compare with the declared owner {owner}.',
      noOwner: 'No owner is declared, so there is nothing to compare the copyright notices with (`owner-named` reports it).',
      noRepository: 'There are no repository files to read (declaration only), so the copyright notices could not be compared with the declared owner.',
    },
    remediation: 'Make the copyright notice (LICENSE, NOTICE or COPYRIGHT) name the owner declared in `owner.name`; when the declared owner holds the rights another way (assignment, licence, a CLA), explain it in `owner.redistributionRights` and link the agreement.',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { maxHeaderFiles: { type: 'integer', minimum: 1, description: 'How many source files are sampled for copyright headers.' } },
    },
    // Source headers are sampled from whatever the snapshot can read; only the notice files are worth prefetching.
    reads: ['LICENSE*', 'LICENCE*', 'COPYING*', 'NOTICE*', 'COPYRIGHT*', 'README*'],
  },
  check(context: RuleContext): RuleOutcome {
    const { declaration, snapshot, facts } = context;
    const data = declaration.data;
    const owners: { name: string; key: string }[] = [];
    if (isAnswered(data?.owner?.name)) owners.push({ name: (data?.owner?.name as string).trim(), key: 'owner.name' });
    (Array.isArray(data?.organizations) ? data.organizations : []).forEach((org, index) => {
      if (org?.role === 'owner' && isAnswered(org.name) && !owners.some((o) => o.name === org.name.trim())) owners.push({ name: org.name.trim(), key: `organizations[${index}].name` });
    });
    if (owners.length === 0) return { status: 'n/a', messageId: 'noOwner', evidence: [declared(declaration, 'owner.name')] };
    if (!hasRepositoryFiles(snapshot)) return { status: 'n/a', messageId: 'noRepository', evidence: [declared(declaration, 'owner.name')] };
    const ownerText = listOf(owners.map((o) => `"${o.name}"`));
    const ownerEvidence = owners.map((o) => declared(declaration, o.key));
    const maxFiles = positiveInteger(context.options.maxHeaderFiles);
    const { notices, headers } = allCopyrightLines(snapshot, facts, maxFiles);
    const projectName = isAnswered(data?.name) ? data.name : undefined;

    const best = (holder: string): Holder['match'] => {
      const collective = collectiveProject(holder);
      // "The Foo Authors": the project's contributors collectively, which is the owner's project when Foo is its name.
      const candidates = [...owners.map((o) => ({ name: o.name, collective: false })), ...(collective !== undefined && projectName ? [{ name: projectName, collective: true }] : [])];
      let found: Holder['match'];
      for (const candidate of candidates) {
        const result = compareNames(holder, candidate.name);
        if (result.verdict === 'different') continue;
        if (!found || (found.result.verdict === 'likely' && result.verdict === 'same')) found = { owner: candidate.name, result, collective: candidate.collective };
      }
      return found;
    };
    const group = (lines: readonly CopyrightLine[]): Holder[] => {
      const byName = new Map<string, Holder>();
      for (const line of lines) {
        const key = line.holder.toLowerCase();
        const holder = byName.get(key) ?? { name: line.holder, lines: [] };
        holder.lines.push(line);
        byName.set(key, holder);
      }
      return [...byName.values()].map((h) => ({ ...h, match: best(h.name) }));
    };
    const noticeHolders = group(notices);
    const headerHolders = group(headers.lines);

    const hostOwner = snapshot.host?.owner;
    const hostMatch = hostOwner ? owners.map((o) => ({ owner: o.name, result: compareNames(hostOwner, o.name) })).sort((a, b) => rank(a.result) - rank(b.result))[0] : undefined;
    const hostNote = hostOwner && hostMatch
      ? hostMatch.result.verdict === 'different'
        ? ` The host account "${hostOwner}" does not look like the declared owner (${hostMatch.result.reason}); forks and umbrella organisations often differ, but a reviewer may ask.`
        : ` The host account "${hostOwner}" is ${hostMatch.result.verdict === 'same' ? 'the same' : 'likely the same'} (${hostMatch.result.reason}).`
      : '';
    const hostEvidence: Evidence[] = hostOwner ? [{ kind: 'host', key: 'owner', value: hostOwner }] : [];

    const matched = [...noticeHolders, ...headerHolders].filter((h) => h.match);
    if (noticeHolders.length > 0 || headerHolders.length > 0) {
      const primary = noticeHolders.length > 0 ? noticeHolders : headerHolders;
      const primaryMatched = primary.filter((h) => h.match);
      if (primaryMatched.length > 0) {
        const others = [...noticeHolders, ...headerHolders].filter((h) => !h.match);
        const othersText = others.length > 0
          ? ` Other holders named: ${describe(others)}${headerHolders.length > 0 ? ` (headers of ${headers.sampled} sampled source file(s) read)` : ''}: a reviewer may ask how their contributions or material come to be licensed by the project.`
          : '';
        return {
          status: 'pass', messageId: 'consistent',
          data: { owner: ownerText, matches: listOf(primaryMatched.slice(0, LISTED).map(matchText)), others: othersText, host: hostNote },
          evidence: [...ownerEvidence, ...lineEvidence(matched), ...lineEvidence(others), ...hostEvidence],
        };
      }
      const messageId = noticeHolders.length > 0 ? 'mismatch' : 'headersOnly';
      return {
        status: 'gap', messageId,
        data: { owner: ownerText, holders: describe(primary), sampled: headers.sampled, host: hostNote },
        evidence: [...ownerEvidence, ...lineEvidence(primary), ...hostEvidence],
      };
    }
    if (hostOwner && hostMatch) {
      const verdict = hostMatch.result.verdict === 'same' ? 'the same as' : hostMatch.result.verdict === 'likely' ? 'likely the same as' : 'not obviously';
      return {
        status: hostMatch.result.verdict === 'different' ? 'n/a' : 'pass', messageId: 'hostOnly',
        data: { owner: ownerText, hostOwner: `"${hostOwner}"`, verdict, reason: hostMatch.result.reason },
        evidence: [...ownerEvidence, ...hostEvidence],
      };
    }
    return { status: 'n/a', messageId: 'nothingToCompare', data: { owner: ownerText, sampled: headers.sampled }, evidence: ownerEvidence };
  },
});

function rank(match: NameMatch): number {
  return match.verdict === 'same' ? 0 : match.verdict === 'likely' ? 1 : 2;
}

function matchText(holder: Holder): string {
  const first = holder.lines[0] as CopyrightLine;
  const how = holder.match?.result.verdict === 'same' ? holder.match.result.reason : `likely: ${holder.match?.result.reason ?? ''}`;
  const collective = holder.match?.collective ? ', the project\'s contributors collectively' : '';
  return `"${holder.name}" in ${first.path} line ${first.line} (${how}${collective})`;
}

function describe(holders: readonly Holder[]): string {
  const shown = holders.slice(0, LISTED).map((h) => {
    const first = h.lines[0] as CopyrightLine;
    const more = h.lines.length > 1 ? ` and ${h.lines.length - 1} more` : '';
    return `"${h.name}" (${first.path} line ${first.line}${more})`;
  });
  return holders.length > LISTED ? `${shown.join(', ')} and ${holders.length - LISTED} other(s)` : listOf(shown);
}

function lineEvidence(holders: readonly Holder[]): Evidence[] {
  return holders.flatMap((h) => h.lines.slice(0, 3)).map((l) => ({ kind: 'file', path: l.path, line: l.line, excerpt: l.excerpt }));
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * dpg-8-01 standards-declared: the owner lists the open standards and best
 * practices the solution follows and demonstrates adherence (DPG Standard,
 * indicator 8).
 *
 * Policy (https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md#8-adherence-to-standards--best-practices):
 * the Standard asks that the solution "align with relevant standards, best
 * practices, and/or principles"; the questionnaire asks to "demonstrate
 * adherence" and says "You may provide link(s) to a validator, open test
 * suite, etc". So an entry is demonstrated by an evidence link (in `evidence`,
 * or a URL written in its name), or by the repository itself: the standard's
 * specification file, library, data format or README/docs mention
 * (rules/lib/detect-standards.ts), or the practice's CI, tests or lint configuration.
 * One demonstrated entry meets the "and/or" requirement: entries named
 * without evidence are listed in the pass message for the owner to
 * complete, not a gap of the indicator. Naming only, with nothing anywhere,
 * stays a gap that asks for the evidence.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { sortEvidenceLinks, declared, hasRepositoryFiles, isAnswered, isDescriptionNotLink, linkEvidence, listOf, unresolvedLinks, REQUIREMENT } from '../../src/helpers.js';
import { detectPractices, detectStandards, isDeclared, practiceClaimed } from '../lib/detect-standards.js';

/** Most entries named in a message and cited as evidence. */
const NAMED = 3;
const CITED = 10;
const STANDARDS_QUESTION = 'Provide a list of the open standards your solution adheres to and demonstrate adherence';
const PRACTICES_QUESTION = 'Provide a list of best practices & principles your solution adheres to and demonstrate adherence';

export const standardsDeclared = defineRuleDraft({
  meta: {
    id: 'dpg-8-01',
    alias: 'standards-declared',
    level: 'requirement',
    requirement: REQUIREMENT['8'],
    policy: { fail: '—', gap: 'no standard or practice is declared, or none is demonstrated by a link or by the repository' },
    title: 'Open standards and best practices are declared with evidence',
    appliesTo: 'all',
    motivation: 'Digital public goods must be designed and developed to align with relevant standards, best practices and/or principles; the application asks for each to be listed and its adherence demonstrated.',
    messages: {
      noDeclaration: `There is no declaration: create dpg.yml (\`dpg-check init\`), answer "${STANDARDS_QUESTION}" in \`standards.standards\` and "${PRACTICES_QUESTION}" in \`standards.bestPractices\`.`,
      none: `No standards or best practices are declared: answer "${STANDARDS_QUESTION}" in \`standards.standards\` and "${PRACTICES_QUESTION}" in \`standards.bestPractices\` of dpg.yml.`,
      declared: 'Declared with evidence: {entries}; a reviewer must still judge that the evidence demonstrates adherence.{undemonstrated}{described}',
      entryNoEvidence: 'The {kind} "{name}" is named but nothing demonstrates adherence (no evidence link, and the repository shows no specification file, library, test or documentation of it): how does the solution adhere to it? Add a link (a validator, an open test suite, documentation) in `{key}`.',
      noneDemonstrated: 'None of the {count} declared standards and best practices is demonstrated (no evidence link, and the repository shows no specification file, library, test or documentation of them): {entries}. One is enough for this indicator: which does the solution adhere to, and what shows it? Add a link (a validator, an open test suite, documentation) in its `evidence`.',
      linkNotFound: 'The declared evidence {link} {reason}: fix it in `{key}`.',
      linkNotFoundRepeated: 'The declared evidence {link} {reason}: fix it in `{key}` and in the {others} other entries that repeat it.',
    },
    remediation: 'List the open standards in `standards.standards` and the best practices and principles in `standards.bestPractices`, each with evidence links (a validator, an open test suite, documentation showing adherence).',
    reads: [],
  },
  check(context: RuleContext): RuleOutcome[] {
    const { snapshot, declaration } = context;
    if (declaration.data === undefined) return [{ status: 'gap', messageId: 'noDeclaration', evidence: [declared(declaration, 'standards')] }];
    const section = declaration.data.standards;
    const entries = [
      ...(section?.standards ?? []).map((entry, index) => ({ entry, kind: 'standard', key: `standards.standards[${index}]` })),
      ...(section?.bestPractices ?? []).map((entry, index) => ({ entry, kind: 'best practice', key: `standards.bestPractices[${index}]` })),
    ].filter(({ entry }) => isAnswered(entry.name));
    if (entries.length === 0) return [{ status: 'gap', messageId: 'none', evidence: [declared(declaration, 'standards')] }];

    const detected = hasRepositoryFiles(snapshot) ? detectStandards(context) : [];
    const practices = hasRepositoryFiles(snapshot) ? detectPractices(snapshot) : [];
    const outcomes: RuleOutcome[] = [];
    const brokenLinks = new Map<string, { bad: { link: string; key: string; reason: string }; keys: string[] }>();
    const supported: string[] = [];
    const supportEvidence: Evidence[] = [];
    const unsupported: { kind: string; name: string; key: string }[] = [];
    for (const { entry, kind, key } of entries) {
      const name = entry.name.trim();
      // A URL written in the name (registry answers often put the evidence there) is evidence too.
      const inName = (name.match(/https?:\/\/[^\s,;)]+/g) ?? []).filter((u) => !(entry.evidence ?? []).includes(u));
      const good = sortEvidenceLinks([...(entry.evidence ?? []), ...inName], snapshot).good;
      const broken = unresolvedLinks(entry.evidence, `${key}.evidence`, snapshot);
      const shown = good.length > 0 ? undefined : repositoryShows(name);
      if (good.length > 0) {
        supported.push(label(name));
        supportEvidence.push(declared(declaration, `${key}.name`), ...linkEvidence(good));
      } else if (shown) {
        supported.push(`${label(name)} (the repository shows it: ${shown.where})`);
        supportEvidence.push(declared(declaration, `${key}.name`), shown.evidence);
      } else if (broken.length === 0) {
        unsupported.push({ kind, name: label(name), key: `${key}.evidence` });
      }
      for (const bad of broken) {
        const seen = brokenLinks.get(bad.link);
        if (seen) seen.keys.push(bad.key);
        else brokenLinks.set(bad.link, { bad, keys: [bad.key] });
      }
    }
    // Registry answers give one list of evidence for all their standards, so one bad entry recurs in each: it is
    // one thing to fix, asked once with every place it is in (treejer-protocol: 8 standards, 8 gaps before).
    // Once an entry is demonstrated the indicator is met, and a sentence in an evidence list (reveal, sunbird,
    // treejer-protocol: the registry's free-text answer) is a description for the reviewer to read, not a broken link
    // to fix: it is said in the pass. A wrong path is still a gap, and so is a sentence when nothing is demonstrated.
    const described: string[] = [];
    for (const [link, { bad, keys }] of brokenLinks) {
      if (supported.length === 0 || !isDescriptionNotLink(bad.link)) continue;
      described.push(`"${label(bad.link)}" (\`${bad.key}\`${keys.length > 1 ? ` and ${keys.length - 1} other entr${keys.length === 2 ? 'y' : 'ies'}` : ''})`);
      brokenLinks.delete(link);
    }
    for (const { bad, keys } of brokenLinks.values()) {
      outcomes.push(keys.length === 1
        ? { status: 'gap', messageId: 'linkNotFound', data: bad, evidence: [declared(declaration, bad.key)] }
        : { status: 'gap', messageId: 'linkNotFoundRepeated', data: { ...bad, others: keys.length - 1 }, evidence: keys.map((key) => declared(declaration, key)) });
    }
    if (supported.length > 0) {
      const undemonstrated = unsupported.length === 0 ? '' : ` Named without evidence of adherence: ${listOf(unsupported.map((u) => `"${u.name}" (\`${u.key}\`)`))}; add a link for each.`;
      const inWords = described.length === 0 ? '' : ` Described in words where a link was asked for: ${listOf(described)}.`;
      outcomes.unshift({ status: 'pass', messageId: 'declared', data: { entries: listOf(supported), undemonstrated, described: inWords }, evidence: supportEvidence });
    } else if (unsupported.length === 1) {
      const [u] = unsupported as [{ kind: string; name: string; key: string }];
      outcomes.push({ status: 'gap', messageId: 'entryNoEvidence', data: u, evidence: [declared(declaration, u.key.replace(/\.evidence$/, ''))] });
    } else if (unsupported.length > 1) {
      // The indicator asks for standards "and/or" practices: one demonstrated entry meets it, so several undemonstrated
      // ones are one question, not one each (vivoosvr: five paragraphs in the standards lists, five gaps before).
      const named = unsupported.slice(0, NAMED).map((u) => `"${u.name}" (\`${u.key.replace(/\.evidence$/, '')}\`)`);
      if (unsupported.length > NAMED) named.push(`${unsupported.length - NAMED} more`);
      outcomes.push({
        status: 'gap', messageId: 'noneDemonstrated',
        data: { count: unsupported.length, entries: listOf(named) },
        evidence: unsupported.slice(0, CITED).map((u) => declared(declaration, u.key.replace(/\.evidence$/, ''))),
      });
    }
    return outcomes;

    /** What in the repository demonstrates a declared name: a detected standard it names, or a practice it claims. */
    function repositoryShows(name: string): { where: string; evidence: Evidence } | undefined {
      const standard = detected.find((d) => isDeclared(d.name, [name]));
      if (standard) return { where: `${standard.name}, ${standard.where}`, evidence: standard.evidence };
      const claimed = practiceClaimed(name);
      const practice = practices.find((p) => claimed.includes(p.name));
      return practice ? { where: `${practice.name}, ${practice.path}`, evidence: { kind: 'file', path: practice.path } } : undefined;
    }
  },
});

/** Names are sometimes whole paragraphs: keep messages readable. */
function label(name: string): string {
  const flat = name.replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

/**
 * dpg-5-01 readme-usable: the README lets a technical newcomer install, run
 * and use the solution (DPG Standard, indicator 5).
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence, SolutionType } from '../../src/rule-api.js';
import { compilePatterns, fileEvidence, hasRepositoryFiles, headings, listOf, readText, wordCount } from '../../src/helpers.js';
import { declaredBeyondFound, findDocumentation, hasDocumentationElsewhere, type FoundDocumentation } from '../lib/find-documentation.js';
import table from './readme-topics.json' with { type: 'json' };

type Topic = keyof typeof table.topics;
const TOPICS = Object.keys(table.topics) as Topic[];
const TOPIC_PATTERNS = Object.fromEntries(TOPICS.map((topic) => [topic, {
  label: table.topics[topic].label,
  headings: compilePatterns(table.topics[topic].headings),
  lines: compilePatterns(table.topics[topic].lines),
}])) as Record<Topic, { label: string; headings: RegExp[]; lines: RegExp[] }>;
/** Per type, the requirements; each is met by any one of its topics. */
const REQUIRED = table.requiredTopics as Partial<Record<SolutionType, Topic[][]>>;
const POINTS_TO_DOCS = new RegExp(table.pointsToDocumentation, 'i');
/** GitHub shows a README from `.github/` or `docs/` when the root has none. */
const README_ELSEWHERE = /^(\.github|docs)\/readme(\.(md|markdown|rst|txt|adoc|asciidoc|org))?$/i;

export const readmeUsable = defineRuleDraft({
  meta: {
    id: 'dpg-5-01',
    alias: 'readme-usable',
    level: 'advice',
    policy: { fail: 'no README, or a stub (advice)', gap: 'the README does not say how to install, run and use the solution (advice)' },
    title: 'README explains how to install, run and use the solution',
    appliesTo: ['software', 'aimodel', 'standard'],
    motivation: 'The DPG Standard asks for technical documentation that would allow a technical person unfamiliar with the project to launch and run the software; the README is where such a person starts.',
    messages: {
      noRepository: 'There are no repository files to read (declaration only), so the README could not be checked: name the repository in `repositories`, or link the documentation in `documentation.links` of dpg.yml.',
      noReadme: 'No README: the repository has none at its root, in .github/ or in docs/, and no other documentation was found, so a newcomer has nothing telling them how to launch and run the solution.',
      noReadmeDocsElsewhere: 'No README at the repository root; documentation was found elsewhere ({where}): add a README that says what the solution is and how to get started, linking to it.',
      unreadable: 'The README {path} could not be read ({reason}).',
      tooShort: 'The README {path} has only {words} words of text (at least {minimum} expected) and no other documentation was found: it cannot tell a newcomer how to install, run and use the solution.',
      tooShortDocsElsewhere: 'The README {path} has only {words} words of text; documentation was found elsewhere ({where}): check that it explains how to install, run and use the solution, and say so in the README.',
      usable: 'The README {path} ({words} words) covers {found}.',
      sectionsMissing: 'The README {path} does not cover {missing} (found: {found}): add sections on them, or link to the documentation that does.',
    },
    remediation: 'Give the README sections a newcomer needs: how to install (prerequisites, setup), how to run or deploy, and how to use or configure the solution, or link to documentation that covers them.',
    reads: ['README*', '.github/README*', 'docs/README*', '**/conf.py'],
    tags: ['repository'],
  },
  check(context: RuleContext): RuleOutcome {
    const { snapshot, facts } = context;
    if (!hasRepositoryFiles(snapshot)) return { status: 'gap', messageId: 'noRepository' };
    const path = facts.readme ?? snapshot.paths.find((p) => README_ELSEWHERE.test(p));
    const documentation = findDocumentation(context);
    const elsewhere = hasDocumentationElsewhere(documentation, path);
    if (!path) {
      return elsewhere
        ? { status: 'gap', messageId: 'noReadmeDocsElsewhere', data: { where: describeElsewhere(documentation) }, evidence: elsewhereEvidence(documentation) }
        : { status: 'fail', messageId: 'noReadme' };
    }
    const text = readText(snapshot, path);
    if (text === undefined) return { status: 'gap', messageId: 'unreadable', data: { path, reason: snapshot.skipped(path) ?? 'unreadable' }, evidence: [fileEvidence(path)] };
    const words = proseWords(text, path);
    if (words < table.minimumWords) {
      const pointsOut = POINTS_TO_DOCS.test(text);
      if (elsewhere || pointsOut) {
        const where = [describeElsewhere(documentation), pointsOut ? 'a documentation link in the README' : ''].filter((w) => w !== '').join('; ');
        return { status: 'gap', messageId: 'tooShortDocsElsewhere', data: { path, words, where }, evidence: [fileEvidence(path), ...elsewhereEvidence(documentation)] };
      }
      return { status: 'fail', messageId: 'tooShort', data: { path, words, minimum: table.minimumWords }, evidence: [fileEvidence(path)] };
    }
    const found = findTopics(text, path);
    const requirements = new Map(facts.types.flatMap((type) => REQUIRED[type] ?? []).map((group) => [group.join('|'), group]));
    const missing = [...requirements.values()].filter((group) => !group.some((topic) => found.has(topic)));
    const foundText = found.size === 0 ? 'none' : listOf([...found].map(([topic, at]) => `${TOPIC_PATTERNS[topic].label} (line ${at.line})`));
    const evidence: Evidence[] = [...found.values()].map((at) => fileEvidence(path, at));
    if (evidence.length === 0) evidence.push(fileEvidence(path));
    if (missing.length === 0) return { status: 'pass', messageId: 'usable', data: { path, words, found: foundText }, evidence };
    return { status: 'gap', messageId: 'sectionsMissing', data: { path, missing: listOf(missing.map((group) => group.map((t) => TOPIC_PATTERNS[t].label).join(' or '))), found: foundText }, evidence };
  },
});

/** Words a reader actually reads: headings, links' targets, images, HTML tags and URLs left out. */
function proseWords(text: string, path: string): number {
  const headingLines = new Set(headings(text, path).map((h) => h.line));
  const body = text.split(/\r?\n/).filter((_, i) => !headingLines.has(i + 1)).join('\n')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\]\([^)]*\)/g, '] ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ');
  return wordCount(body);
}

/** First heading (else first command line) of each topic, with its line. */
function findTopics(text: string, path: string): Map<Topic, { line: number; excerpt: string }> {
  const found = new Map<Topic, { line: number; excerpt: string }>();
  // The document title names the project (which may well be "Example" or "Runner"), not a section.
  const titles = headings(text, path).filter((h, i) => !(i === 0 && h.level === 1));
  const code = codeLines(text);
  for (const topic of TOPICS) {
    const patterns = TOPIC_PATTERNS[topic];
    const heading = titles.find((h) => patterns.headings.some((re) => re.test(h.text)));
    if (heading) { found.set(topic, { line: heading.line, excerpt: heading.text.slice(0, 200) }); continue; }
    const command = code.find((c) => patterns.lines.some((re) => re.test(c.text)));
    if (command) found.set(topic, { line: command.line, excerpt: command.text.trim().slice(0, 200) });
  }
  // Report in document order.
  return new Map([...found].sort((a, b) => a[1].line - b[1].line));
}

/**
 * Lines that are code: fenced or indented blocks, `$ ` prompts and inline
 * code spans. Commands are only looked for there, so that prose such as
 * "Python is required" is not taken for `python app.py`.
 */
function codeLines(text: string): { line: number; text: string }[] {
  const result: { line: number; text: string }[] = [];
  let fence: string | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    const mark = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1]?.[0];
    if (mark !== undefined) { fence = fence === undefined ? mark : fence === mark ? undefined : fence; return; }
    if (fence !== undefined || /^( {4}|\t)\s*\S/.test(line) || /^\s*[$>]\s/.test(line)) { result.push({ line: i + 1, text: line }); return; }
    for (const span of line.matchAll(/`([^`]+)`/g)) result.push({ line: i + 1, text: span[1] as string });
  });
  return result;
}

function describeElsewhere(found: FoundDocumentation): string {
  return listOf([
    ...found.folders.map((f) => `${f.path}/`),
    ...found.sites.map((s) => `${s.generator} site ${s.path}`),
    ...found.linked.slice(0, 3).map((l) => `${l.url} (linked from line ${l.line})`),
    ...found.repositories.map((r) => `the documentation repository ${r.url}`),
    ...declaredBeyondFound(found).map((l) => `declared ${l}`),
  ]);
}

function elsewhereEvidence(found: FoundDocumentation): Evidence[] {
  return [
    ...found.folders.map((f): Evidence => ({ kind: 'file', path: `${f.path}/` })),
    ...found.sites.map((s): Evidence => ({ kind: 'file', path: s.path })),
    ...found.linked.slice(0, 3).map((l): Evidence => ({ kind: 'url', url: l.url })),
  ];
}

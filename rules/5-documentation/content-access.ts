/**
 * dpg-5-05 content-access: a content collection says how to access it — the
 * apps, software or hardware that open it and how to use it (DPG Standard,
 * indicator 5: "For content collections, this should include all
 * relevant/compatible apps, software, or hardware required to access the
 * content collection, and instructions regarding how to use it").
 *
 * Read from the README (a section on access, formats or requirements, or a
 * line naming the reader, player or app) and from the documentation the
 * declaration links; the content files' own formats are reported alongside.
 */
import { defineRuleDraft, isUrl, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { sortEvidenceLinks, compilePatterns, declared, fileEvidence, findLine, hasRepositoryFiles, headings, listOf, NOT_THE_PRODUCT, readText, REQUIREMENT, compareText } from '../../src/helpers.js';
import table from './content-access.json' with { type: 'json' };

const ACCESS_HEADING = new RegExp(table.accessHeadings, 'i');
const ACCESS_LINES = compilePatterns(table.accessLines);
const CONTENT_EXTENSIONS = new Set(table.contentExtensions);
/** Documents read besides the README: declared Markdown/text links, at most this many. */
const MAX_DOCUMENTS = 5;

export const contentAccess = defineRuleDraft({
  meta: {
    id: 'dpg-5-05',
    alias: 'content-access',
    level: 'requirement',
    requirement: REQUIREMENT['5'],
    policy: { fail: '—', gap: 'a content collection does not say which apps or software access it and how to use it' },
    title: 'A content collection says how to access and use it',
    appliesTo: ['content'],
    motivation: 'For content collections the DPG Standard asks for documentation naming the apps, software or hardware needed to access the content and instructions on how to use it: open content nobody can open is not usable.',
    messages: {
      explained: '{where} says how to access the content: {what}.{formats}',
      declaredOnly: 'How to access the content is documented at {links} (declared); its contents were not read offline, a reviewer checks them.{formats}',
      missing: 'Nothing says how to access the content: {checked} name no app, reader, player or website and have no section on access, formats or requirements.{formats} Say which apps, software or hardware open it and how to use it, and list that page in `documentation.links` of dpg.yml.',
      noReadme: 'There is no README and no declared documentation saying how to access the content.{formats} Add a README naming the apps, software or hardware that open it and how to use it.',
      noRepository: 'There are no repository files to read (declaration only) and no documentation is declared: link the page saying how to access the content in `documentation.links`.',
    },
    remediation: 'In the README (or a linked page), name the apps, software or hardware that open the content (e.g. "any PDF or EPUB reader", "Kolibri 0.16+", "a web browser"), where to get it, and how to use it; list that page in `documentation.links`.',
    reads: ['README*'],
  },
  check(context: RuleContext): RuleOutcome {
    const { snapshot, facts, declaration } = context;
    const links = declaration.data?.documentation?.links ?? [];
    const good = sortEvidenceLinks(links, snapshot).good;
    const formats = describeFormats(context);
    if (!hasRepositoryFiles(snapshot)) {
      const urls = good.filter((l) => isUrl(l));
      return urls.length > 0
        ? { status: 'pass', messageId: 'declaredOnly', data: { links: listOf(urls), formats: '' }, evidence: [declared(declaration, 'documentation.links'), ...urls.map((url): Evidence => ({ kind: 'url', url }))] }
        : { status: 'gap', messageId: 'noRepository', evidence: [declared(declaration, 'documentation.links')] };
    }
    const documents = [
      ...(facts.readme ? [facts.readme] : []),
      ...good.filter((l) => !isUrl(l)).map((l) => l.replace(/^\.\//, '')).filter((p) => /\.(md|markdown|rst|txt|adoc|html?)$/i.test(p) && snapshot.has(p)),
    ].filter((p, i, all) => all.indexOf(p) === i).slice(0, MAX_DOCUMENTS);
    for (const path of documents) {
      const text = readText(snapshot, path) ?? '';
      const heading = headings(text, path).filter((h, i) => !(i === 0 && h.level === 1)).find((h) => ACCESS_HEADING.test(h.text));
      const line = ACCESS_LINES.map((re) => findLine(text, re)).filter((at) => at !== undefined).sort((a, b) => a.line - b.line)[0];
      const found = line ?? (heading ? { line: heading.line, excerpt: heading.text } : undefined);
      if (found) {
        const what = line ? `"${line.excerpt.slice(0, 120)}" (line ${line.line})` : `the section "${heading?.text ?? ''}" (line ${found.line})`;
        return { status: 'pass', messageId: 'explained', data: { where: path, what, formats: formats.text }, evidence: [fileEvidence(path, found), ...formats.evidence] };
      }
    }
    const urls = good.filter((l) => isUrl(l));
    if (urls.length > 0) return { status: 'pass', messageId: 'declaredOnly', data: { links: listOf(urls), formats: formats.text }, evidence: [declared(declaration, 'documentation.links'), ...urls.map((url): Evidence => ({ kind: 'url', url }))] };
    if (documents.length === 0) return { status: 'gap', messageId: 'noReadme', data: { formats: formats.text }, evidence: [declared(declaration, 'documentation.links'), ...formats.evidence] };
    return { status: 'gap', messageId: 'missing', data: { checked: listOf(documents), formats: formats.text }, evidence: [...documents.map((p) => fileEvidence(p)), declared(declaration, 'documentation.links')] };
  },
});

/** " The collection's files are 12 PDF and 3 EPUB." — the formats a reader must be able to open. */
function describeFormats(context: RuleContext): { text: string; evidence: Evidence[] } {
  const counts = new Map<string, { count: number; first: string }>();
  // The collection's own files: a vendored viewer's sample PDFs or a test's fixtures are not its content.
  for (const path of context.snapshot.paths) {
    if (NOT_THE_PRODUCT.has(context.facts.paths.classOf(path)) || /(^|\/)(readme|license|licence|notice|changelog|contributing|code_of_conduct|security)(\.[a-z]+)?$/i.test(path) || /^\.|\/\./.test(path) || /(^|\/)dpg\.(ya?ml|json)$/.test(path)) continue;
    const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
    if (!path.includes('.') || !CONTENT_EXTENSIONS.has(extension)) continue;
    const entry = counts.get(extension) ?? { count: 0, first: path };
    entry.count++;
    counts.set(extension, entry);
  }
  if (counts.size === 0) return { text: '', evidence: [] };
  const top = [...counts].sort((a, b) => b[1].count - a[1].count || compareText(a[0], b[0])).slice(0, 4);
  return {
    text: ` The collection's files are ${listOf(top.map(([ext, e]) => `${e.count} ${ext.toUpperCase()}`))}${counts.size > 4 ? ' and others' : ''}.`,
    evidence: top.map(([, e]) => fileEvidence(e.first)),
  };
}

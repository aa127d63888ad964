/**
 * dpg-6-02 open-data-formats: a data set's files are published in at least
 * one non-proprietary format (DPG Standard, indicator 6; BRIEF §6 "data only
 * in proprietary formats").
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { answeredEntries, declared, fileEvidence, hasRepositoryFiles, isVendored, listOf, REQUIREMENT, compareText } from '../../src/helpers.js';
import { dataFileKind, namedFormats, type DataFileKind } from '../lib/formats.js';

/** Most files cited as evidence: enough to find them, not a listing of the repository. */
const CITED = 5;

export const openDataFormats = defineRuleDraft({
  meta: {
    id: 'dpg-6-02',
    alias: 'open-data-formats',
    level: 'requirement',
    requirement: REQUIREMENT['6'],
    policy: { fail: 'the data files are in proprietary formats only', gap: 'only spreadsheets, or closed files where open ones are declared' },
    title: 'Data files are available in a non-proprietary format',
    appliesTo: ['data'],
    motivation: 'Non-PII data must be extractable in a non-proprietary format; a data set published only in a vendor format (SPSS, Stata, Access…) can only be used with that vendor\'s tools.',
    messages: {
      noRepository: 'There are no repository files to read (declaration only); the declared extraction mechanism (dpg-6-01) is what counts.',
      noDataFiles: 'No data files are in the repository (the data may be hosted elsewhere); the declared extraction mechanism (dpg-6-01) is what counts.',
      openFiles: 'Data files are in non-proprietary formats: {formats}.',
      spreadsheetOnly: 'The data files are only in spreadsheet or vendor formats ({formats}): a reviewer must judge whether that is non-proprietary enough; publish CSV (or another open format) alongside.',
      closedFilesDeclaredOpen: 'The data files in the repository are only in {formats}, but the declaration says the data can be extracted as {declared}: a reviewer checks that export.',
      proprietaryOnly: 'The data files are only in proprietary formats ({formats}) and no non-proprietary extraction is declared: publish the data in an open format such as CSV, JSON or Parquet.',
    },
    remediation: 'Publish the data in a non-proprietary format (CSV, JSON, GeoJSON, Parquet…) next to any vendor-format files, and describe the mechanism in `dataExtraction.mechanism`.',
    reads: [],
  },
  check(context: RuleContext): RuleOutcome {
    const { snapshot, declaration, facts } = context;
    if (!hasRepositoryFiles(snapshot)) return { status: 'n/a', messageId: 'noRepository' };
    const byKind: Record<DataFileKind, { path: string; extension: string }[]> = { open: [], review: [], proprietary: [] };
    for (const path of snapshot.paths) {
      // The data set's own files: a test's or an example's data (thinking-machines' tests/data/, examples/data/),
      // a vendored library's or a documentation site's say nothing of the formats the data set is published in.
      if (isVendored(path) || !facts.paths.isOwn(path)) continue;
      const found = dataFileKind(path);
      if (found) byKind[found.kind].push({ path, extension: found.extension });
    }
    const cite = (files: readonly { path: string }[]): Evidence[] => files.slice(0, CITED).map((f) => fileEvidence(f.path));
    if (byKind.open.length > 0) return { status: 'pass', messageId: 'openFiles', data: { formats: countByExtension(byKind.open) }, evidence: cite(byKind.open) };
    const closed = [...byKind.proprietary, ...byKind.review];
    if (closed.length === 0) return { status: 'n/a', messageId: 'noDataFiles' };
    const extraction = declaration.data?.dataExtraction;
    const declaredOpen = namedFormats([extraction?.mechanism ?? '', ...answeredEntries(extraction?.formats)].join('\n')).open;
    if (extraction?.collectsNonPII !== false && declaredOpen.length > 0) {
      return { status: 'gap', messageId: 'closedFilesDeclaredOpen', data: { formats: countByExtension(closed), declared: listOf(declaredOpen) }, evidence: [...cite(closed), declared(declaration, 'dataExtraction')] };
    }
    // A spreadsheet among them is for a reviewer to weigh; only vendor formats alone are a clear fail.
    if (byKind.review.length > 0) return { status: 'gap', messageId: 'spreadsheetOnly', data: { formats: countByExtension(closed) }, evidence: cite(closed) };
    return { status: 'fail', messageId: 'proprietaryOnly', data: { formats: countByExtension(closed) }, evidence: cite(closed) };
  },
});

/** `CSV (12 files), JSON (1 file)`, most frequent first. */
function countByExtension(files: readonly { extension: string }[]): string {
  const counts = new Map<string, number>();
  for (const f of files) counts.set(f.extension, (counts.get(f.extension) ?? 0) + 1);
  return listOf([...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).map(([ext, n]) => `${ext.toUpperCase()} (${n} file${n === 1 ? '' : 's'})`));
}

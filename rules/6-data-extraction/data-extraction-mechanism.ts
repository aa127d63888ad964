/**
 * dpg-6-01 data-extraction-mechanism: non-PII data can be extracted or
 * imported in a non-proprietary format (DPG Standard, indicator 6).
 */
import { defineRuleDraft, isUrl, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { answeredEntries, sortEvidenceLinks, declared, linkEvidence, fileEvidence, hasRepositoryFiles, isAnswered, isVendored, listOf, pathsMatching, unresolvedLinks, wordCount, REQUIREMENT } from '../../src/helpers.js';
import { checkedRepository, pathOfUrl } from '../lib/repository-url.js';
import { EXTRACTION_READS, extractionEvidenceIn } from '../lib/extraction-evidence.js';
import { API_SPEC_FILES, MINIMUM_MECHANISM_WORDS, NOT_ITS_API_FILES, dataFileKind, namedFormats } from '../lib/formats.js';

const QUESTION = 'Does your solution collect, use or generate non-PII data and/or content?';
/** Most specification files named in a message; the evidence holds them all. */
const LISTED = 3;

export const dataExtractionMechanism = defineRuleDraft({
  meta: {
    id: 'dpg-6-01',
    alias: 'data-extraction-mechanism',
    level: 'requirement',
    requirement: REQUIREMENT['6'],
    policy: { fail: 'the only extraction formats declared are proprietary', gap: 'no mechanism is described, or it is vague, spreadsheet-only or its evidence path is missing' },
    title: 'Non-PII data can be extracted in a non-proprietary format',
    appliesTo: 'all',
    motivation: 'Digital public goods with non-PII data must be designed so that the data and content can be extracted or imported in a non-proprietary format, so that users are never locked in.',
    messages: {
      noDeclaration: `There is no declaration: create dpg.yml (\`dpg-check init\`) and answer "${QUESTION}" in \`dataExtraction.collectsNonPII\`, and if yes describe the mechanism in \`dataExtraction.mechanism\`{hint}.`,
      unanswered: `Not answered: "${QUESTION}" — set \`dataExtraction.collectsNonPII\` in dpg.yml, and if yes describe the mechanism in \`dataExtraction.mechanism\`{hint}.`,
      noNonPII: 'The solution is declared not to collect, use or generate non-PII data or content, so there is nothing to extract.',
      described: 'A mechanism for extracting or importing non-PII data is described ({words} words in `dataExtraction.mechanism`, naming {formats}){spec}; a reviewer must still judge that it covers all the non-PII data.',
      noMechanism: 'Non-PII data is declared but the mechanism is not described: answer "Describe the mechanism for extracting or importing non-PII data from or into the system in a non-proprietary format" in `dataExtraction.mechanism`{hint}.',
      repositoryData: 'The mechanism points to `{location}` in the repository, whose data files are in non-proprietary formats ({formats}: {files}); a reviewer must still judge that it covers all the non-PII data.',
      shortShown: 'The mechanism is told in {words} words (`dataExtraction.mechanism`, naming {formats}), and the repository shows it: {shown}; a reviewer must still judge that it covers all the non-PII data.',
      vague: 'The extraction mechanism is too vague to judge ({reason}): describe how the data is exported or imported and name the non-proprietary format or API (CSV, JSON, XML, REST API…) in `dataExtraction.mechanism`.',
      spreadsheetOnly: 'The only format named for extraction is {formats}: a reviewer must judge whether that is non-proprietary enough; offering CSV (or another open format) alongside settles it.',
      proprietaryOnly: 'The only formats named for extracting non-PII data are proprietary ({formats}): the DPG Standard requires a non-proprietary format (CSV, JSON, XML, an open API…).',
      linkNotFound: 'The declared evidence {link} {reason}: fix it in `{key}`.',
    },
    remediation: 'Describe in `dataExtraction.mechanism` how non-PII data is exported or imported (an export feature, an API, database dumps) and list the non-proprietary formats in `dataExtraction.formats`, with links to the API specification or export documentation in `dataExtraction.evidence`.',
    reads: EXTRACTION_READS,
  },
  check(context: RuleContext): RuleOutcome[] {
    const { snapshot, declaration, facts } = context;
    const specs = pathsMatching(snapshot, API_SPEC_FILES).filter((path) => !NOT_ITS_API_FILES.has(facts.paths.classOf(path)));
    const specEvidence: Evidence[] = specs.map((path) => fileEvidence(path));
    const specNames = specs.length > LISTED ? `${specs.slice(0, LISTED).join(', ')} and ${specs.length - LISTED} more` : listOf(specs);
    const hint = specs.length > 0 ? ` (the repository has an API description, ${specNames}, that may be the mechanism)` : '';
    const data = declaration.data;
    if (data === undefined) return [{ status: 'gap', messageId: 'noDeclaration', data: { hint }, evidence: [declared(declaration, 'dataExtraction.collectsNonPII'), ...specEvidence] }];
    const extraction = data.dataExtraction;
    if (extraction?.collectsNonPII === undefined) {
      return [{ status: 'gap', messageId: 'unanswered', data: { hint }, evidence: [declared(declaration, 'dataExtraction'), ...specEvidence] }];
    }
    if (extraction.collectsNonPII === false) {
      return [{ status: 'pass', messageId: 'noNonPII', evidence: [declared(declaration, 'dataExtraction.collectsNonPII')] }];
    }
    const outcomes: RuleOutcome[] = [mechanismOutcome(context, specs, specNames, specEvidence, hint)];
    for (const bad of unresolvedLinks(extraction.evidence, 'dataExtraction.evidence', snapshot)) {
      outcomes.push({ status: 'gap', messageId: 'linkNotFound', data: bad, evidence: [declared(declaration, bad.key)] });
    }
    return outcomes;
  },
});

/**
 * The first of `links` (URLs into the checked repository, or repository paths) that is a folder or file of the
 * tree holding data files in open formats, outside vendored trees, with those files.
 */
function dataInRepository(context: RuleContext, links: readonly string[]): { data: { location: string; formats: string; files: string }; files: string[] } | undefined {
  const { snapshot, declaration } = context;
  const here = checkedRepository(snapshot.source, declaration);
  for (const link of links) {
    const location = isUrl(link) ? pathOfUrl(link, here, snapshot.paths) : sortEvidenceLinks([link], snapshot).good.length > 0 ? link.trim().replace(/^\.\//, '').replace(/\/$/, '') : undefined;
    if (location === undefined || location === '') continue;
    const files = snapshot.paths.filter((path) => (path === location || path.startsWith(`${location}/`)) && !isVendored(path) && dataFileKind(path)?.kind === 'open');
    if (files.length === 0) continue;
    const formats = listOf([...new Set(files.map((path) => (dataFileKind(path)?.extension ?? '').toUpperCase()))]);
    const named = files.length > LISTED ? `${files.slice(0, LISTED).join(', ')} and ${files.length - LISTED} more` : listOf(files);
    return { data: { location, formats, files: named }, files };
  }
  return undefined;
}

function mechanismOutcome(context: RuleContext, specs: readonly string[], specNames: string, specEvidence: Evidence[], hint: string): RuleOutcome {
  const { declaration } = context;
  const extraction = declaration.data?.dataExtraction ?? {};
  const mechanism = isAnswered(extraction.mechanism) ? extraction.mechanism : undefined;
  const formats = answeredEntries(extraction.formats);
  if (mechanism === undefined && formats.length === 0) {
    return { status: 'gap', messageId: 'noMechanism', data: { hint }, evidence: [declared(declaration, 'dataExtraction.mechanism'), ...specEvidence] };
  }
  const named = namedFormats([mechanism ?? '', ...formats].join('\n'));
  const key = mechanism !== undefined ? 'dataExtraction.mechanism' : 'dataExtraction.formats';
  const evidence: Evidence[] = [declared(declaration, key), ...specEvidence];
  if (named.open.length === 0 && named.proprietary.length > 0) {
    return { status: 'fail', messageId: 'proprietaryOnly', data: { formats: listOf([...named.proprietary, ...named.review]) }, evidence };
  }
  if (named.open.length === 0 && named.review.length > 0) {
    return { status: 'gap', messageId: 'spreadsheetOnly', data: { formats: listOf(named.review) }, evidence };
  }
  const words = wordCount(mechanism);
  if (named.open.length === 0) {
    // "The data set is in our public repository: <link to its folder>" (kindly) names no format, but the folder
    // it points to is in the checked tree, and its files show the formats.
    const inText = (mechanism?.match(/https?:\/\/[^\s)\]>"']+/g) ?? []).map((url) => url.replace(/[.,;:!?]+$/, ''));
    const shown = dataInRepository(context, [...inText, ...(extraction.evidence ?? [])]);
    if (shown) return { status: 'pass', messageId: 'repositoryData', data: shown.data, evidence: [...evidence, fileEvidence(shown.data.location), ...shown.files.slice(0, LISTED).map((path) => fileEvidence(path))] };
    return { status: 'gap', messageId: 'vague', data: { reason: 'it names no non-proprietary format or API' }, evidence };
  }
  if (words < MINIMUM_MECHANISM_WORDS) {
    // "CSV & REST are supported" is short, but not vague when the repository shows the export (Global Open Facility
    // Registry: export code writing CSV): what dpg-6-03 finds settles what the answer leaves out.
    const shown = mechanism !== undefined && hasRepositoryFiles(context.snapshot) ? extractionEvidenceIn(context).items[0] : undefined;
    if (shown) return { status: 'pass', messageId: 'shortShown', data: { words, formats: listOf(named.open), shown: shown.label }, evidence: [...evidence, shown.evidence] };
    const reason = mechanism === undefined ? `formats are listed (${listOf(named.open)}) but the mechanism is not described` : `${words} word${words === 1 ? '' : 's'}, at least ${MINIMUM_MECHANISM_WORDS} expected`;
    return { status: 'gap', messageId: 'vague', data: { reason }, evidence };
  }
  const spec = specs.length > 0 ? `; API description in the repository: ${specNames}` : '';
  const links = sortEvidenceLinks(extraction.evidence, context.snapshot).good;
  return { status: 'pass', messageId: 'described', data: { formats: listOf(named.open), words, spec }, evidence: [...evidence, ...linkEvidence(links)] };
}

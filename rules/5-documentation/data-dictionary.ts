/**
 * dpg-5-03 data-dictionary: a data set documents its fields and how it was
 * collected (DPG Standard, indicator 5, for data projects).
 */
import { defineRuleDraft, isUrl, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { sortEvidenceLinks, compilePatterns, declared, fileEvidence, findLine, headings, listOf, NOT_THE_PRODUCT, pathsMatching, readText, REQUIREMENT } from '../../src/helpers.js';
import table from './data-dictionary.json' with { type: 'json' };

const DICTIONARY_FILES = compilePatterns(table.dictionaryFiles);
const PROVENANCE_FILES = compilePatterns(table.provenanceFiles);
const FIELD_HEADING = new RegExp(table.fieldHeadings, 'i');
const PROVENANCE_HEADING = new RegExp(table.provenanceHeadings, 'i');
const FRONT_MATTER_FIELDS = new RegExp(table.frontMatterFields, 'im');
const FRONT_MATTER_PROVENANCE = new RegExp(table.frontMatterProvenance, 'im');
const DATAPACKAGE_PROVENANCE = new RegExp(table.datapackageProvenance, 'i');
/** Provenance written as a labelled line or a sentence rather than a section. */
const PROVENANCE_LINES = compilePatterns(table.provenanceLines);
/** Dictionaries whose prose may also say where the data comes from. */
const PROSE_FILE = /\.(md|markdown|rst|txt|adoc)$/i;
/** A declared URL whose address says it is a dictionary (contents cannot be read offline). */
const DICTIONARY_URL = /dictionary|codebook|datapackage|schema|metadata|data[-_]?card|datasheet/i;
/** Most places listed in a message; the evidence holds them all. */
const LISTED = 3;

interface Place { label: string; evidence: Evidence }

export const dataDictionary = defineRuleDraft({
  meta: {
    id: 'dpg-5-03',
    alias: 'data-dictionary',
    level: 'requirement',
    requirement: REQUIREMENT['5'],
    policy: { fail: '—', gap: 'a data set has no data dictionary describing its fields, or no provenance' },
    title: 'Data set has a data dictionary and provenance',
    appliesTo: ['data'],
    motivation: 'For data projects the DPG Standard asks for documentation that describes all the fields in the set and provides context on how the dataset was collected and how it should be interpreted.',
    messages: {
      documented: 'The data is documented: fields in {fields}; how it was collected in {provenance}.',
      fields: 'The fields are described in {fields}.',
      noProvenance: 'No description of how the data was collected was found (no sources or methodology section, datasheet, or `sources` in datapackage.json): document the data sources, the collection method and how to interpret the data.',
      noFields: 'No data dictionary was found ({provenance} gives background, but the fields are not described): add a data dictionary, codebook or datapackage.json describing every field, and list it in `documentation.links` of dpg.yml.',
      none: 'No data dictionary was found (no datapackage.json, codebook, schema file or README section describing the fields): add one describing every field and how the data was collected, and list it in `documentation.links` of dpg.yml.',
    },
    remediation: 'Add a data dictionary (datapackage.json with a Table Schema, a codebook, or a README section describing every field) and a section on the data sources and collection method; list them in `documentation.links`.',
    reads: ['README*', '**/datapackage.json'],
  },
  check(context: RuleContext): RuleOutcome[] {
    const { snapshot, declaration, facts } = context;
    // The data set's own documents: a test fixture's schema.json (healthsites' `api/fixtures/schema.json`, an API
    // description with no field in it), an example's datapackage.json or a vendored library's schema describe no
    // field of this data set. A declared link counts wherever it points (below).
    const own = (path: string): boolean => !NOT_THE_PRODUCT.has(facts.paths.classOf(path));
    const fields: Place[] = pathsMatching(snapshot, DICTIONARY_FILES).filter(own).map((path) => ({ label: path, evidence: fileEvidence(path) }));
    const provenance: Place[] = pathsMatching(snapshot, PROVENANCE_FILES).filter(own).map((path) => ({ label: path, evidence: fileEvidence(path) }));
    // Declared links count when they name a dictionary: candidate paths by the same file patterns, URLs by their address.
    const links = declaration.data?.documentation?.links ?? [];
    sortEvidenceLinks(links, snapshot).good.forEach((link) => {
      const named = isUrl(link) ? DICTIONARY_URL.test(link) : DICTIONARY_FILES.some((re) => re.test(link));
      if (named && !fields.some((f) => f.label === link)) fields.push({ label: `declared ${link}`, evidence: declared(declaration, `documentation.links[${links.indexOf(link)}]`) });
    });
    for (const path of fields.map((f) => f.label).filter((p) => /(^|\/)datapackage\.json$/i.test(p))) {
      const at = findLine(readText(snapshot, path) ?? '', DATAPACKAGE_PROVENANCE);
      if (at) provenance.push({ label: `${path} (sources)`, evidence: fileEvidence(path, at) });
    }
    if (facts.readme) readReadme(facts.readme, readText(snapshot, facts.readme) ?? '', fields, provenance);
    if (provenance.length === 0) {
      const prose = [...(facts.readme ? [facts.readme] : []), ...fields.map((f) => f.label).filter((p) => PROSE_FILE.test(p) && snapshot.has(p))];
      for (const path of prose) {
        const text = readText(snapshot, path) ?? '';
        const at = PROVENANCE_LINES.map((re) => findLine(text, re)).find((found) => found !== undefined);
        if (at) { provenance.push({ label: `${path}:${at.line}`, evidence: fileEvidence(path, at) }); break; }
      }
    }

    if (fields.length > 0 && provenance.length > 0) {
      return [{ status: 'pass', messageId: 'documented', data: { fields: labels(fields), provenance: labels(provenance) }, evidence: [...fields, ...provenance].map((p) => p.evidence) }];
    }
    if (fields.length > 0) {
      return [
        { status: 'pass', messageId: 'fields', data: { fields: labels(fields) }, evidence: fields.map((p) => p.evidence) },
        { status: 'gap', messageId: 'noProvenance', evidence: facts.readme ? [fileEvidence(facts.readme)] : [] },
      ];
    }
    if (provenance.length > 0) {
      return [{ status: 'gap', messageId: 'noFields', data: { provenance: labels(provenance) }, evidence: [...provenance.map((p) => p.evidence), declared(declaration, 'documentation.links')] }];
    }
    return [{ status: 'gap', messageId: 'none', evidence: [declared(declaration, 'documentation.links')] }];
  },
});

/** README sections (or dataset-card front matter) describing fields and provenance. */
function readReadme(path: string, text: string, fields: Place[], provenance: Place[]): void {
  const titles = headings(text, path);
  const fieldHeading = titles.find((h) => FIELD_HEADING.test(h.text));
  const provenanceHeading = titles.find((h) => PROVENANCE_HEADING.test(h.text));
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  const fieldsAt = fieldHeading ? { line: fieldHeading.line, excerpt: fieldHeading.text } : FRONT_MATTER_FIELDS.test(frontMatter) ? findLine(text, FRONT_MATTER_FIELDS) : undefined;
  const provenanceAt = provenanceHeading ? { line: provenanceHeading.line, excerpt: provenanceHeading.text } : FRONT_MATTER_PROVENANCE.test(frontMatter) ? findLine(text, FRONT_MATTER_PROVENANCE) : undefined;
  if (fieldsAt) fields.push({ label: `${path}:${fieldsAt.line}`, evidence: fileEvidence(path, fieldsAt) });
  if (provenanceAt) provenance.push({ label: `${path}:${provenanceAt.line}`, evidence: fileEvidence(path, provenanceAt) });
}

function labels(places: readonly Place[]): string {
  const shown = places.slice(0, LISTED).map((p) => p.label);
  return places.length > LISTED ? `${shown.join(', ')} and ${places.length - LISTED} more` : listOf(shown);
}

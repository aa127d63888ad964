/**
 * dpg-6-03 extraction-evidence: the repository itself shows how non-PII data
 * can be extracted (DPG Standard, indicator 6: "non-proprietary formats such
 * as CSV/XML/JSON etc or via exposing the non-PII data through APIs"):
 *
 * - an API description, recognised by its content, not its name: OpenAPI or
 *   Swagger (with paths or components), AsyncAPI, a GraphQL schema (type
 *   Query…, not client operations), RAML, a Protocol Buffers service, WSDL;
 * - a framework that serves such a description at run time (FastAPI,
 *   springdoc-openapi, Apollo Server…), from the dependency manifests;
 * - export code: source files named for export, download or dump that write
 *   an open format;
 * - documented export: a README or docs page saying data can be exported or
 *   downloaded in an open format or through an API.
 *
 * A file named like an API description that is not one is reported as a gap.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { sortEvidenceLinks, declared, fileEvidence, hasRepositoryFiles, linkEvidence, listOf } from '../../src/helpers.js';
import { EXTRACTION_READS, extractionEvidenceIn } from '../lib/extraction-evidence.js';

export { describeApi } from '../lib/extraction-evidence.js';

/** Kinds of evidence named in one message. */
const NAMED = 3;
const CITED = 10;

export const extractionEvidence = defineRuleDraft({
  meta: {
    id: 'dpg-6-03',
    alias: 'extraction-evidence',
    level: 'advice',
    policy: { fail: '—', gap: 'the repository shows no export, import or API (advice)' },
    title: 'The repository shows how data can be extracted',
    appliesTo: ['software'],
    motivation: 'A declared extraction mechanism is more convincing when the code shows it: an API description (OpenAPI, AsyncAPI, GraphQL), an API framework that publishes one, export code writing open formats, or documentation telling users how to get their data out.',
    messages: {
      noRepository: 'There are no repository files to read (declaration only); the declared extraction mechanism (dpg-6-01) is what counts.',
      noNonPII: 'The solution is declared not to collect, use or generate non-PII data or content, so there is nothing to extract.',
      found: 'The repository shows how data can be extracted: {items}.',
      declaredOnly: 'No API description, export code or documented export was recognised in the repository, but the declaration links evidence of the mechanism: {links}.',
      notASpec: '{path} is named like an API description but is not one (no `openapi`, `swagger` or `asyncapi` version with paths, channels or components): fix or remove it.',
      noEvidence: 'No API description (OpenAPI, AsyncAPI, GraphQL schema…), API framework that publishes one, export code or documented export was found: document how users extract non-PII data in an open format, and link it in `dataExtraction.evidence`.',
    },
    remediation: 'Publish an API description (an OpenAPI or AsyncAPI file, or a GraphQL schema) or document the export (which data, which open format: CSV, JSON, GeoJSON…, and how), and link it in `dataExtraction.evidence` of dpg.yml.',
    reads: EXTRACTION_READS,
    tags: ['repository'],
  },
  check(context: RuleContext): RuleOutcome[] {
    const { snapshot, declaration } = context;
    if (declaration.data?.dataExtraction?.collectsNonPII === false) return [{ status: 'n/a', messageId: 'noNonPII', evidence: [declared(declaration, 'dataExtraction.collectsNonPII')] }];
    if (!hasRepositoryFiles(snapshot)) return [{ status: 'n/a', messageId: 'noRepository' }];
    const outcomes: RuleOutcome[] = [];
    const { items, notSpecs } = extractionEvidenceIn(context);
    for (const path of notSpecs.slice(0, NAMED)) outcomes.push({ status: 'gap', messageId: 'notASpec', data: { path }, evidence: [fileEvidence(path)] });

    if (items.length > 0) {
      const labels = items.slice(0, NAMED + 1).map((i) => i.label);
      if (items.length > NAMED + 1) labels.push(`${items.length - NAMED - 1} more`);
      outcomes.unshift({ status: 'pass', messageId: 'found', data: { items: listOf(labels) }, evidence: items.slice(0, CITED).map((i) => i.evidence) });
      return outcomes;
    }
    const links = sortEvidenceLinks(declaration.data?.dataExtraction?.evidence, snapshot).good;
    if (links.length > 0) {
      outcomes.unshift({ status: 'pass', messageId: 'declaredOnly', data: { links: listOf(links) }, evidence: [declared(declaration, 'dataExtraction.evidence'), ...linkEvidence(links)] });
      return outcomes;
    }
    outcomes.unshift({ status: 'gap', messageId: 'noEvidence', evidence: [declared(declaration, 'dataExtraction.evidence')] });
    return outcomes;
  },
});


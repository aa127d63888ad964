/**
 * What a repository shows of extracting its non-PII data (DPG Standard, indicator 6): API descriptions recognised by
 * their content, frameworks that publish one, export code writing an open format, documented export. dpg-6-03
 * reports it; dpg-6-01 counts it for a short answer that names an open format. Pure: it reads through the rule's
 * context only.
 */
import type { Evidence, RuleContext } from '../../src/rule-api.js';
import { fileEvidence, isVendored, lineIndex, normalisePythonName, NOT_THE_PRODUCT, sortPaths } from '../../src/helpers.js';
import { API_SPEC_FILES } from './formats.js';
import table from '../6-data-extraction/extraction-evidence.json' with { type: 'json' };

/** The files the evidence is read from, for a rule's `meta.reads` (sources prefetch them). */
export const EXTRACTION_READS: readonly string[] = ['**/*openapi*', '**/*swagger*', '**/*asyncapi*', '**/*api*.{yaml,yml,json}', '**/*.graphql', '**/*.proto', '**/*.raml', '**/*.wsdl', 'dependency manifests', '**/*export*', '**/*download*', 'README*', 'docs/**/*.md'];

const SPEC_KEYS = new RegExp(table.specKeys, 'm');
const SPEC_BODY = new RegExp(table.specBodyKeys, 'm');
const JSON_SPEC_KEYS = new RegExp(table.jsonSpecKeys);
const JSON_SPEC_BODY = new RegExp(table.jsonSpecBodyKeys);
const SPEC_CANDIDATES = new RegExp(table.specCandidates, 'i');
const GRAPHQL_SCHEMA = new RegExp(table.graphqlSchema);
const RAML = new RegExp(table.ramlHeader);
const PROTO_SERVICE = new RegExp(table.protoService);
const WSDL = new RegExp(table.wsdlRoot, 'i');
const EXPORT_PATH = new RegExp(table.exportPaths);
const SOURCE_EXTENSIONS = new Set(table.sourceExtensions);
const EXPORT_FORMATS = new RegExp(table.exportFormats, 'i');
const STRONG_EXPORT_FORMATS = new RegExp(table.strongExportFormats, 'i');
const DOCUMENTED_EXPORT = new RegExp(table.documentedExport, 'i');
/** "The module exports a JSON schema" is about code, not about users getting their data. */
const CODE_EXPORT = new RegExp(table.codeExportWords, 'i');
const DOCUMENTATION = new RegExp(table.documentationFiles, 'i');
/**
 * Test and example folders show how to test, not how users get their data out. The shared path classes
 * (`NOT_THE_PRODUCT`) also know test files by name (eviction-maps' `download-form.component.spec.ts`) and vendored
 * code (Highcharts' export module); this pattern keeps what they leave own (a `samples/` folder inside sources).
 */
const NOT_THE_PRODUCT_FOLDER = /(^|\/)(test|tests|__tests__|spec|specs|e2e|fixtures?|testdata|__mocks__|examples?|samples?)\//i;
const DOT_FOLDER = /(^|\/)\.[^/]+\//;

const GENERATORS = new Map<string, { name: string; kind: string }>();
for (const generator of table.generators) {
  for (const name of generator.names) GENERATORS.set(`${generator.ecosystem}\u0000${generator.ecosystem === 'pypi' ? normalisePythonName(name) : name.toLowerCase()}`, { name: generator.name, kind: generator.kind });
}
export interface ExtractionItem { label: string; evidence: Evidence }

export interface ExtractionEvidence { readonly items: readonly ExtractionItem[]; readonly notSpecs: readonly string[] }

/** Per check (its facts, made once for every rule of it): dpg-6-01 and dpg-6-03 share one search. */
const searched = new WeakMap<object, ExtractionEvidence>();

/**
 * What the repository shows, in dpg-6-03's order (API descriptions, frameworks, export code, documented export),
 * and the files named like an API description that are not one. Found once per check.
 */
export function extractionEvidenceIn(context: RuleContext): ExtractionEvidence {
  const known = searched.get(context.facts);
  if (known) return known;
  const files = candidateFiles(context.snapshot.paths, (path) => !NOT_THE_PRODUCT.has(context.facts.paths.classOf(path)));
  const specs = apiDescriptions(context, files.specs);
  const items: ExtractionItem[] = [...specs.found, ...generators(context)];
  const code = exportCode(context, files.exportCode);
  if (code) items.push(code);
  const documented = documentedExport(context, files.documentation);
  if (documented) items.push(documented);
  const found: ExtractionEvidence = Object.freeze({ items: Object.freeze(items), notSpecs: Object.freeze(specs.notSpecs) });
  searched.set(context.facts, found);
  return found;
}

const SPEC_EXTENSIONS = new Set(['yaml', 'yml', 'json', 'graphql', 'graphqls', 'gql', 'raml', 'proto', 'wsdl']);
const DOCUMENT_EXTENSIONS = new Set(['md', 'markdown', 'rst', 'adoc', 'asciidoc', 'txt', 'org']);

/**
 * The files worth reading, in one pass over the file list: the extension
 * decides which tests a path gets (a large tree is mostly source files), and
 * the folder rules apply to the few candidates left.
 */
function candidateFiles(all: readonly string[], isProduct: (path: string) => boolean): { specs: string[]; exportCode: string[]; documentation: string[] } {
  const specs: string[] = [];
  const exportCode: string[] = [];
  const documentation: string[] = [];
  for (const path of all) {
    const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
    let list: string[] | undefined;
    if (SPEC_EXTENSIONS.has(extension)) {
      if (API_SPEC_FILES.some((re) => re.test(path)) || SPEC_CANDIDATES.test(path) || extension === 'proto' || extension === 'wsdl') list = specs;
    } else if (SOURCE_EXTENSIONS.has(extension)) {
      if (EXPORT_PATH.test(path)) list = exportCode;
    }
    if (DOCUMENT_EXTENSIONS.has(extension) && DOCUMENTATION.test(path)) list = documentation;
    if (list && !isVendored(path) && !DOT_FOLDER.test(path) && !NOT_THE_PRODUCT_FOLDER.test(path) && isProduct(path)) list.push(path);
  }
  return { specs, exportCode, documentation };
}

/** API descriptions recognised by content; files named like one that are not, separately. */
function apiDescriptions(context: RuleContext, paths: readonly string[]): { found: ExtractionItem[]; notSpecs: string[] } {
  const found: ExtractionItem[] = [];
  const notSpecs: string[] = [];
  const candidates = paths.slice(0, table.limits.specFiles);
  for (const path of candidates) {
    const text = context.snapshot.read(path)?.text;
    if (text === undefined) continue;
    const kind = describeApi(path, text);
    if (kind) found.push({ label: `${kind.label} (${path})`, evidence: fileEvidence(path, kind.line ? { line: kind.line, excerpt: kind.excerpt ?? '' } : undefined) });
    else if (API_SPEC_FILES.some((re) => re.test(path)) && /(openapi|swagger|asyncapi)/i.test(path)) notSpecs.push(path);
  }
  return { found, notSpecs };
}

/** What kind of API description a text is, if any. Exported for tests. */
export function describeApi(path: string, text: string): { label: string; line?: number; excerpt?: string } | undefined {
  const head = text.slice(0, 200_000);
  if (/\.(ya?ml|json)$/i.test(path)) {
    const json = /\.json$/i.test(path);
    const key = (json ? JSON_SPEC_KEYS : SPEC_KEYS).exec(head);
    if (!key || !(json ? JSON_SPEC_BODY : SPEC_BODY).test(head)) return undefined;
    const name = (key[1] as string).toLowerCase();
    const label = name === 'asyncapi' ? `AsyncAPI ${key[2]} description` : name === 'swagger' ? `Swagger ${key[2]} (OpenAPI) description` : `OpenAPI ${key[2]} description`;
    const line = lineIndex(head).lineOf(key.index);
    return { label, line, excerpt: (text.split(/\r?\n/)[line - 1] ?? '').trim().slice(0, 120) };
  }
  if (/\.(graphqls?|gql)$/i.test(path)) return GRAPHQL_SCHEMA.test(head) ? { label: 'GraphQL schema' } : undefined;
  if (/\.raml$/i.test(path)) return RAML.test(head) ? { label: 'RAML API description' } : undefined;
  if (/\.proto$/i.test(path)) return PROTO_SERVICE.test(head) ? { label: 'gRPC service definition' } : undefined;
  if (/\.wsdl$/i.test(path)) return WSDL.test(head) ? { label: 'WSDL service description' } : undefined;
  return undefined;
}

/** Frameworks among the runtime dependencies that publish an OpenAPI description or a GraphQL schema. */
function generators(context: RuleContext): ExtractionItem[] {
  const items: ExtractionItem[] = [];
  const seen = new Set<string>();
  for (const { path, parsed } of context.facts.dependencies.manifests) {
    if (isVendored(path) || NOT_THE_PRODUCT.has(context.facts.paths.classOf(path)) || DOT_FOLDER.test(path) || NOT_THE_PRODUCT_FOLDER.test(path) || !parsed) continue;
    for (const dependency of parsed.dependencies) {
      if (dependency.scope !== 'runtime' && dependency.scope !== 'optional') continue;
      const key = `${dependency.ecosystem}\u0000${dependency.ecosystem === 'pypi' ? normalisePythonName(dependency.name) : dependency.name.toLowerCase()}`;
      const generator = GENERATORS.get(key);
      if (!generator || seen.has(key)) continue;
      seen.add(key);
      const what = generator.kind === 'GraphQL' ? 'a GraphQL schema' : 'an OpenAPI description';
      const text = context.snapshot.read(path)?.text ?? '';
      items.push({ label: `${generator.name} ${dependency.name}, which publishes ${what} (${path}:${dependency.line})`, evidence: fileEvidence(path, { line: dependency.line, excerpt: (text.split(/\r?\n/)[dependency.line - 1] ?? '').trim().slice(0, 120) }) });
    }
  }
  return items;
}

/** The first source file named for export, download or dump that names an open format. */
function exportCode(context: RuleContext, paths: readonly string[]): ExtractionItem | undefined {
  const candidates = paths.slice(0, table.limits.exportCodeFiles);
  for (const path of candidates) {
    const text = context.snapshot.read(path)?.text;
    if (text === undefined) continue;
    const lines = text.split(/\r?\n/);
    // A content type or a format name says more than a JSON.stringify in passing.
    let pattern = STRONG_EXPORT_FORMATS;
    let index = lines.findIndex((line) => pattern.test(line));
    if (index === -1) {
      pattern = EXPORT_FORMATS;
      index = lines.findIndex((line) => pattern.test(line));
    }
    if (index === -1) continue;
    const format = (pattern.exec(lines[index] as string)?.[0] ?? '').toLowerCase();
    return { label: `export code producing ${format} (${path}:${index + 1})`, evidence: fileEvidence(path, { line: index + 1, excerpt: (lines[index] as string).trim().slice(0, 120) }) };
  }
  return undefined;
}

/** The first README or documentation line saying data can be exported or downloaded in an open format or through an API. */
function documentedExport(context: RuleContext, paths: readonly string[]): ExtractionItem | undefined {
  const documents = sortPaths([...paths]).slice(0, table.limits.documentationFiles);
  for (const path of documents) {
    const text = context.snapshot.read(path)?.text;
    if (text === undefined) continue;
    const lines = text.split(/\r?\n/);
    const index = lines.findIndex((line) => DOCUMENTED_EXPORT.test(line) && !CODE_EXPORT.test(line));
    if (index === -1) continue;
    return { label: `documented export (${path}:${index + 1})`, evidence: fileEvidence(path, { line: index + 1, excerpt: (lines[index] as string).trim().slice(0, 160) }) };
  }
  return undefined;
}

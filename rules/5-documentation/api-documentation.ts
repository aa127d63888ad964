/**
 * dpg-5-06 api-documentation: software that exposes an API documents it — a
 * machine-readable specification (OpenAPI, AsyncAPI, GraphQL schema, gRPC
 * .proto…), a documentation generator wired into the code (Swagger UI,
 * springdoc, drf-spectacular; FastAPI generates one by itself), API pages in
 * the docs, or an API section in the README (DPG Standard, indicator 5:
 * "documentation of the source code, use cases, and/or functional
 * requirements"; the questionnaire asks software for developer docs).
 *
 * Whether there is an API at all is read from the manifests (a web framework
 * among the dependencies), from specification files and from route or
 * controller folders; without any of these the rule does not apply.
 */
import { defineRuleDraft, isUrl, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { sortEvidenceLinks, compilePatterns, declared, fileEvidence, hasRepositoryFiles, headings, listOf, pathsMatching, readText } from '../../src/helpers.js';
import { dependencyIs, readDependencies, type Dependency, type Ecosystem } from '../lib/dependencies.js';
import { NOT_ITS_API_FILES } from '../lib/formats.js';
import table from './api-documentation.json' with { type: 'json' };

const SPEC_FILES = compilePatterns(table.specFiles);
const SPEC_CONTENT = new RegExp(table.specContent, 'im');
const DOC_PATHS = compilePatterns(table.docPaths);
const SERVER_PATHS = new RegExp(table.serverPaths, 'i');
const README_API = new RegExp(table.readmeApiHeading, 'i');
const FRAMEWORKS = table.serverFrameworks as Record<Ecosystem, string[]>;
const GENERATORS = table.docGenerators as Record<Ecosystem, string[]>;
/** Most places named in a message. */
const LISTED = 3;

export interface ApiReading {
  /** What shows there is an API: frameworks, specification files, route folders. */
  signals: string[];
  signalEvidence: Evidence[];
  /** Where it is documented. */
  docs: string[];
  docEvidence: Evidence[];
}

export function readApi(context: RuleContext): ApiReading {
  const { snapshot, facts, declaration } = context;
  const reading: ApiReading = { signals: [], signalEvidence: [], docs: [], docEvidence: [] };
  const dependencies = readDependencies(facts.dependencies);
  const frameworks = dependencies.filter((d) => dependencyIs(d, FRAMEWORKS[d.ecosystem] ?? []));
  const generators = dependencies.filter((d) => dependencyIs(d, GENERATORS[d.ecosystem] ?? []));
  const uniqueByName = (list: Dependency[]): Dependency[] => list.filter((d, i) => list.findIndex((o) => o.name === d.name) === i);
  for (const d of uniqueByName(frameworks).slice(0, LISTED)) {
    reading.signals.push(`${d.name} (${d.path}:${d.line})`);
    reading.signalEvidence.push(fileEvidence(d.path, { line: d.line }));
  }
  const specs = pathsMatching(snapshot, SPEC_FILES).filter((path) => !NOT_ITS_API_FILES.has(facts.paths.classOf(path)));
  const realSpecs = specs.filter((path) => SPEC_CONTENT.test(readText(snapshot, path)?.slice(0, 64 * 1024) ?? ''));
  if (specs.length > 0) {
    reading.signals.push(`specification file${specs.length === 1 ? '' : 's'} ${labels(specs)}`);
    reading.signalEvidence.push(...specs.slice(0, LISTED).map((p) => fileEvidence(p)));
  }
  const routes = snapshot.paths.filter((p) => SERVER_PATHS.test(p) && !/(^|\/)(node_modules|vendor|test|tests|__tests__|fixtures?)\//i.test(p));
  if (routes.length > 0) {
    const folder = (routes[0] as string).replace(/\/[^/]+$/, '/');
    reading.signals.push(`route/controller code in ${folder}${routes.length > 1 ? ` (${routes.length} files)` : ''}`);
    reading.signalEvidence.push(fileEvidence(routes[0] as string));
  }

  if (realSpecs.length > 0) {
    reading.docs.push(`machine-readable specification ${labels(realSpecs)}`);
    reading.docEvidence.push(...realSpecs.slice(0, LISTED).map((p) => fileEvidence(p)));
  }
  for (const d of uniqueByName(generators).slice(0, LISTED)) {
    reading.docs.push(`${d.name}, which ${frameworks.some((f) => f.name === d.name) ? 'generates the API documentation from the code' : 'publishes API documentation'} (${d.path}:${d.line})`);
    reading.docEvidence.push(fileEvidence(d.path, { line: d.line }));
  }
  const docPages = pathsMatching(snapshot, DOC_PATHS);
  if (docPages.length > 0) {
    reading.docs.push(`API pages ${labels(docPages)}`);
    reading.docEvidence.push(...docPages.slice(0, LISTED).map((p) => fileEvidence(p)));
  }
  const readme = facts.readme;
  const readmeText = readme ? readText(snapshot, readme) : undefined;
  if (readme && readmeText) {
    const heading = headings(readmeText, readme).filter((h, i) => !(i === 0 && h.level === 1)).find((h) => README_API.test(h.text));
    if (heading) {
      reading.docs.push(`the README section "${heading.text}" (${readme}:${heading.line})`);
      reading.docEvidence.push(fileEvidence(readme, { line: heading.line, excerpt: heading.text }));
    }
  }
  const links = declaration.data?.documentation?.links ?? [];
  for (const link of sortEvidenceLinks(links, snapshot).good.filter((l) => isUrl(l) && /\bapi\b|swagger|openapi|redoc|graphql/i.test(l))) {
    reading.docs.push(`declared ${link}`);
    reading.docEvidence.push(declared(declaration, `documentation.links[${links.indexOf(link)}]`), { kind: 'url', url: link });
  }
  return reading;
}

export const apiDocumentation = defineRuleDraft({
  meta: {
    id: 'dpg-5-06',
    alias: 'api-documentation',
    level: 'advice',
    policy: { fail: '—', gap: 'the software exposes an API that nothing documents (advice)' },
    title: 'An API the software exposes is documented',
    appliesTo: ['software'],
    motivation: 'Other systems can only build on, integrate with or replace a solution whose API is documented; the questionnaire asks software for developer documentation and technical specifications, and an API specification is the part a machine can check.',
    messages: {
      documented: 'The API ({signals}) is documented: {docs}.',
      documentationOnly: 'API documentation found: {docs}.',
      undocumented: 'The software exposes an API ({signals}) but no API documentation was found (no OpenAPI/AsyncAPI/GraphQL/gRPC specification, documentation generator, docs/api pages or README API section): publish a specification or API reference and list it in `documentation.links` of dpg.yml.',
      noApi: 'No API was detected (no web or RPC framework among the dependencies, no specification file, no route or controller folder), so API documentation is not expected.',
      noRepository: 'There are no repository files to read (declaration only), so whether the software has a documented API could not be seen.',
    },
    remediation: 'Publish the API as a machine-readable specification (OpenAPI 3 for REST, AsyncAPI for events, the GraphQL schema, .proto files for gRPC) or generate it from the code (e.g. swagger-ui, springdoc-openapi, drf-spectacular), keep it in the repository, and link it in `documentation.links`.',
    reads: ['README*', '**/package.json', '**/requirements*.txt', '**/pyproject.toml', '**/pom.xml', '**/build.gradle*', '**/go.mod', '**/Gemfile', '**/composer.json', '**/openapi*', '**/swagger*', '**/asyncapi*'],
    tags: ['repository'],
  },
  check(context: RuleContext): RuleOutcome {
    if (!hasRepositoryFiles(context.snapshot)) return { status: 'n/a', messageId: 'noRepository' };
    const reading = readApi(context);
    if (reading.signals.length === 0 && reading.docs.length === 0) return { status: 'n/a', messageId: 'noApi' };
    const signals = listOf(reading.signals);
    if (reading.docs.length > 0) {
      return reading.signals.length > 0
        ? { status: 'pass', messageId: 'documented', data: { signals, docs: listOf(reading.docs) }, evidence: [...reading.docEvidence, ...reading.signalEvidence] }
        : { status: 'pass', messageId: 'documentationOnly', data: { docs: listOf(reading.docs) }, evidence: reading.docEvidence };
    }
    return { status: 'gap', messageId: 'undocumented', data: { signals }, evidence: [...reading.signalEvidence, declared(context.declaration, 'documentation.links')] };
  },
});

function labels(paths: readonly string[]): string {
  const shown = paths.slice(0, LISTED);
  return paths.length > LISTED ? `${shown.join(', ')} and ${paths.length - LISTED} more` : listOf(shown);
}

// @ts-check
/**
 * dpg-check rule pack: the DPGA's "DPGs for DPI" collection criteria (version
 * 1.0): Layer 2, DPI relevance (domain fit, cross-sector reusability,
 * population-scale intent), and Layer 3, DPI architecture alignment, A–E
 * (open specifications, minimalist and reusable building blocks, ecosystem
 * enablement, federation and data residency, security and privacy at scale).
 * Source and reading: criteria.json, README.md.
 *
 * A third-party pack in every respect: it imports only the public API
 * (`dpg-check` and its toolbox `dpg-check/helpers`, nothing by relative
 * path but its own data table), does no I/O in its rules, and is loaded through the config
 * file (`packs: [./packs/dpi/index.mjs]`).
 *
 * Every sub-criterion (A1, A2, …) is one finding: `pass` with where the
 * evidence was seen, or `gap` naming the evidence the criteria ask for. Never
 * `fail`: the collection's criteria are a lens on top of the DPG Standard,
 * and a solution that does not meet them is no worse a DPG. Evidence the
 * repository does not show can be pointed to in the config:
 *
 *   rules:
 *     dpi/federation:
 *       options: { evidence: { D2: [https://docs.example.org/data-residency] } }
 */
import { defineRule } from 'dpg-check';
import { fileEvidence, isVendored, linkEvidence, pathsMatching, sortEvidenceLinks } from 'dpg-check/helpers';
import criteria from './criteria.json' with { type: 'json' };

const CRITERIA_URL = 'https://github.com/DPGAlliance/dpg-standard/blob/main/collections/dpgs-for-dpi/criteria.md';
const STANDARD_VERSION = criteria.standardVersion;
const TAGS = ['collection:dpgs-for-dpi', `criteria:${criteria.criteriaVersion}`];

/** @param {string} source @param {string} [flags] */
const re = (source, flags = 'i') => new RegExp(source, flags);
/** @param {readonly string[]} list */
const res = (list) => list.map((p) => re(p));
const DOCUMENTS = re(criteria.scan.documents);

/**
 * @typedef {import('dpg-check').RuleContext} RuleContext
 * @typedef {import('dpg-check').RuleOutcome} RuleOutcome
 * @typedef {import('dpg-check').Evidence} Evidence
 * @typedef {{ path: string, line?: number, excerpt?: string, label: string }} Sighting
 * @typedef {{ id: string, title: string, ask: string, looked: string, find: (context: RuleContext, docs: Doc[]) => Sighting | undefined }} SubCriterion
 * @typedef {{ path: string, text: string, firstLine?: number }} Doc
 */

/** The README, docs and policy files, shallowest first, at most `scan.maxDocuments`. @param {RuleContext} context @returns {Doc[]} */
function documents(context) {
  const { snapshot } = context;
  return snapshot.paths
    .filter((p) => DOCUMENTS.test(p) && !isVendored(p))
    // The README speaks for the project first; then the shallowest files.
    .sort((a, b) => Number(!/^readme/i.test(a)) - Number(!/^readme/i.test(b)) || a.split('/').length - b.split('/').length || a.localeCompare(b))
    .slice(0, criteria.scan.maxDocuments)
    .map((path) => ({ path, text: snapshot.read(path)?.text ?? '' }))
    .filter((d) => d.text !== '');
}

/**
 * First line of any document matching `pattern`. Prose wraps, so each line is
 * read together with the next: "designed for national / scale" is found, at
 * the line where it starts.
 * @param {Doc[]} docs @param {RegExp} pattern @returns {Sighting | undefined}
 */
function mention(docs, pattern) {
  for (const doc of docs) {
    const lines = doc.text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = /** @type {string} */ (lines[i]);
      const match = pattern.exec(`${line} ${(lines[i + 1] ?? '').trim()}`);
      const at = (doc.firstLine ?? 1) + i;
      if (match && match.index < line.length) return { path: doc.path, line: at, excerpt: line.trim().slice(0, 160), label: `${doc.path}:${at} ("${match[0].replace(/\s+/g, ' ')}")` };
    }
  }
  return undefined;
}

/** Candidate paths (vendored trees left out) matching any pattern, shallowest first. @param {RuleContext} context @param {RegExp[]} patterns */
const paths = (context, patterns) => pathsMatching(context.snapshot, patterns);

/** @param {RuleContext} context @param {RegExp[]} patterns @param {string} what @returns {Sighting | undefined} */
function file(context, patterns, what) {
  const found = paths(context, patterns);
  return found[0] ? { path: found[0], label: `${what} ${found[0]}${found.length > 1 ? ` and ${found.length - 1} more` : ''}` } : undefined;
}

/** Links the config's `options.evidence.<id>` names for a sub-criterion. @param {RuleContext} context @param {string} id @returns {string[]} */
function declaredLinks(context, id) {
  const evidence = context.options.evidence;
  if (typeof evidence !== 'object' || evidence === null) return [];
  const links = /** @type {Record<string, unknown>} */ (evidence)[id];
  return Array.isArray(links) ? links.filter((l) => typeof l === 'string' && l.trim() !== '').map((l) => l.trim()) : [];
}

/** @param {Sighting} s @returns {Evidence} */
function evidenceOf(s) {
  return fileEvidence(s.path, s.line ? { line: s.line, ...(s.excerpt ? { excerpt: s.excerpt } : {}) } : undefined);
}

const MESSAGES = {
  met: '{criterion} {title}: {where}.',
  declared: '{criterion} {title}: evidence named in the config ({links}); a reviewer checks it.',
  declaredMissing: '{criterion} {title}: the evidence named in the config ({links}) is not in the repository: correct `options.evidence.{criterion}` of this rule.',
  missing: '{criterion} {title}: no evidence seen ({looked}). {ask}',
};

/**
 * A rule over sub-criteria: one outcome each.
 * @param {{ id: string, alias: string, indicator: import('dpg-check').IndicatorId, title: string, motivation: string, remediation: string, anchor: string, reads: string[], subCriteria: SubCriterion[], messages?: Record<string, string>, extra?: (context: RuleContext, docs: Doc[]) => RuleOutcome[] }} spec
 */
function criterionRule(spec) {
  return defineRule({
    meta: {
      id: spec.id,
      alias: spec.alias,
      indicator: spec.indicator,
      // The collection's criteria are a lens on top of the DPG Standard, not its requirements.
      level: 'advice',
      title: spec.title,
      appliesTo: ['software'],
      standardVersion: STANDARD_VERSION,
      motivation: spec.motivation,
      messages: { ...MESSAGES, ...(spec.messages ?? {}) },
      remediation: spec.remediation,
      docsUrl: `${CRITERIA_URL}${spec.anchor}`,
      reads: spec.reads,
      tags: TAGS,
    },
    check(context) {
      const docs = documents(context);
      /** @type {RuleOutcome[]} */
      const outcomes = [];
      for (const sub of spec.subCriteria) {
        const base = { criterion: sub.id, title: sub.title };
        const links = declaredLinks(context, sub.id);
        const sorted = sortEvidenceLinks(links, context.snapshot);
        const missingPaths = links.filter((l) => sorted.missing.includes(l) || sorted.outside.includes(l));
        if (missingPaths.length > 0) { outcomes.push({ status: 'gap', messageId: 'declaredMissing', data: { ...base, links: missingPaths.join(', ') } }); continue; }
        const found = sub.find(context, docs);
        if (found) { outcomes.push({ status: 'pass', messageId: 'met', data: { ...base, where: found.label }, evidence: [evidenceOf(found)] }); continue; }
        if (links.length > 0) {
          outcomes.push({ status: 'pass', messageId: 'declared', data: { ...base, links: links.join(', ') }, evidence: linkEvidence(links) });
          continue;
        }
        outcomes.push({ status: 'gap', messageId: 'missing', data: { ...base, looked: sub.looked, ask: sub.ask } });
      }
      return [...outcomes, ...(spec.extra ? spec.extra(context, docs) : [])];
    },
  });
}

// ---------------------------------------------------------------------------
// Layer 2 — DPI relevance

const DOMAINS = Object.entries(criteria.domains).map(([name, pattern]) => ({ name, pattern: re(pattern) }));
const SECTOR_SPECIFIC = re(criteria.sectorSpecific);

/** Host description and topics, and the declaration's description, as one more "document". @param {RuleContext} context @returns {Doc[]} */
function describedBy(context) {
  /** @type {Doc[]} */
  const extra = [];
  const description = context.declaration.data?.description;
  if (typeof description === 'string' && description.trim() !== '' && context.declaration.path) {
    extra.push({ path: context.declaration.path, text: description, firstLine: context.declaration.locate('description')?.line ?? 1 });
  }
  return extra;
}

export const dpiRelevance = criterionRule({
  id: 'dpi/dpi-relevance',
  alias: 'dpi-relevance',
  indicator: '1',
  title: 'DPI relevance: a DPI domain, reusable across sectors, at population scale',
  motivation: 'The DPGs for DPI collection asks one question first: does the solution function as a building block for digital public infrastructure (identity, payments, data exchange, registries, trust services), reusable across sectors and designed for population scale — or is it general-purpose govtech?',
  remediation: 'Say in the README which DPI domain the solution serves (Digital Identity, Digital Payments, Data Exchange, Foundational Registries, Trust Infrastructure), how its core is reused across sectors without modification, and that it is designed for national or population scale; or name that evidence in `options.evidence` of this rule.',
  anchor: '#layer-2--dpi-relevance',
  reads: ['README*', 'docs/**/*.md', 'ARCHITECTURE*', 'ADOPTERS*'],
  subCriteria: [
    {
      id: 'L2.1',
      title: 'domain fit',
      looked: 'no Digital Identity, Digital Payments, Data Exchange, Foundational Registries or Trust Infrastructure function named in the README, docs or description',
      ask: 'Name the DPI domain(s) the solution provides functions in.',
      find(context, docs) {
        const all = [...describedBy(context), ...docs];
        const hits = DOMAINS.map((d) => ({ name: d.name, at: mention(all, d.pattern) })).filter((h) => h.at !== undefined);
        const declared = Array.isArray(context.options.domains) ? context.options.domains.filter((d) => typeof d === 'string' && DOMAINS.some((k) => k.name === d)) : [];
        const first = hits[0]?.at;
        if (first) return { ...first, label: hits.map((h) => `${h.name} (${h.at?.label})`).join(', ') };
        if (declared.length > 0) return { path: '.dpg-check.yml', label: `${declared.join(', ')} (declared in the config's options.domains)` };
        return undefined;
      },
    },
    {
      id: 'L2.2',
      title: 'cross-sector reusability',
      looked: 'nothing says the core is reused across sectors, ministries or by public and private actors',
      ask: 'Say how the core capabilities are used by several sectors or actors without sector-specific changes to the core.',
      find: (context, docs) => mention([...describedBy(context), ...docs], re(criteria.crossSector)),
    },
    {
      id: 'L2.3',
      title: 'population-scale intent',
      looked: 'nothing says the solution is designed for national or population scale, and no national deployment is declared',
      ask: 'Say that the solution is designed to operate at national or population scale (and where it does), not for one project or institution.',
      find(context, docs) {
        const said = mention([...describedBy(context), ...docs], re(criteria.populationScale));
        if (said) return said;
        const deployments = context.declaration.data?.scale?.deployments ?? [];
        const national = deployments.find((d) => /\bnation(al|wide)|country-?wide|population/i.test(d));
        return national && context.declaration.path ? { path: context.declaration.path, label: `declared deployment "${national}"` } : undefined;
      },
    },
  ],
  messages: { sectorSpecific: 'The solution reads as sector-specific ({where}): the criteria count sector applications (health records, learning management, tax filing) as general-purpose govtech unless they expose cross-sector infrastructure capabilities.' },
  extra(context, docs) {
    // Only worth saying when no DPI domain was found: a payments switch that mentions health is still a switch.
    const all = [...describedBy(context), ...docs];
    if (DOMAINS.some((d) => mention(all, d.pattern))) return [];
    const sector = mention(all, SECTOR_SPECIFIC);
    return sector ? [{ status: 'gap', messageId: 'sectorSpecific', data: { where: sector.label }, evidence: [evidenceOf(sector)] }] : [];
  },
});

// ---------------------------------------------------------------------------
// Layer 3 — A. Interoperability through open specifications

const SPEC_FILES = res(criteria.specFiles);
const SPEC_CONTENT = re(criteria.specContent, 'im');
const DOMAIN_STANDARDS = Object.entries(criteria.domainStandards).map(([name, pattern]) => ({ name, pattern: re(pattern, '') }));

export const openSpecifications = criterionRule({
  id: 'dpi/open-specifications',
  alias: 'dpi-open-specifications',
  indicator: '8',
  title: 'A. Interoperability through open specifications',
  motivation: 'Other systems must be able to connect to a DPI building block without modifying its core or coordinating with its owner: externally published API specifications, domain open standards and open data formats with published schemas.',
  remediation: 'Publish the external API as an OpenAPI or AsyncAPI document in the repository, name the domain standards implemented (OAuth 2.0, OpenID Connect, ISO 20022, FHIR, W3C Verifiable Credentials…) in the docs, and publish the schemas of the data exchanged (JSON Schema, XSD, Protocol Buffers).',
  anchor: '#a-interoperability-through-open-specifications',
  reads: ['README*', 'docs/**/*.md', '**/openapi*', '**/swagger*', '**/asyncapi*'],
  subCriteria: [
    {
      id: 'A1',
      title: 'externally accessible APIs documented with a standard specification',
      looked: 'no OpenAPI or AsyncAPI document in the repository',
      ask: 'Publish the API description (OpenAPI, AsyncAPI) and link it.',
      find(context) {
        const found = paths(context, SPEC_FILES).find((p) => SPEC_CONTENT.test((context.snapshot.read(p)?.text ?? '').slice(0, 65536)));
        return found ? { path: found, label: `specification ${found}` } : undefined;
      },
    },
    {
      id: 'A2',
      title: 'domain-relevant open standards',
      looked: 'no OAuth 2.0, OpenID Connect, FIDO2, ISO 20022, FHIR, W3C Verifiable Credentials, SCIM or X-Road named in the README or docs',
      ask: 'List the domain standards, protocols and specifications the solution implements, with links.',
      find(context, docs) {
        const hits = DOMAIN_STANDARDS.map((s) => ({ name: s.name, at: mention(docs, s.pattern) })).filter((h) => h.at !== undefined);
        const first = hits[0]?.at;
        return first ? { ...first, label: hits.map((h) => `${h.name} (${h.at?.path}:${h.at?.line})`).join(', ') } : undefined;
      },
    },
    {
      id: 'A3',
      title: 'open data formats with published schemas',
      looked: 'no JSON Schema, XSD, Avro or Protocol Buffers schema in the repository',
      ask: 'Publish the schemas of the data the solution exchanges.',
      find: (context) => file(context, res(criteria.schemaFiles), 'schema'),
    },
  ],
});

// ---------------------------------------------------------------------------
// B. Minimalist and reusable building block design

const M = criteria.modular;

export const modularDesign = criterionRule({
  id: 'dpi/modular-design',
  alias: 'dpi-modular-design',
  indicator: '8',
  title: 'B. Minimalist and reusable building block design',
  motivation: 'A DPI building block does one foundational thing well and exposes it for reuse: its components deploy and update independently, its core is separate from applications built on it, and it adapts to a country by configuration rather than by forking.',
  remediation: 'Document the architecture (components and how they deploy), say what is the reusable core and what is application on top, and document the configuration that adapts the solution to a country context without forking.',
  anchor: '#b-minimalist-and-reusable-building-block-design',
  reads: ['README*', 'docs/**/*.md', 'ARCHITECTURE*', '**/Dockerfile', '**/docker-compose*.yml', '**/Chart.yaml'],
  subCriteria: [
    {
      id: 'B1',
      title: 'modular architecture, components deployable independently',
      looked: 'no architecture document, no several deployable services (Dockerfiles, Compose, Helm charts) and no mention of a modular or microservice design',
      ask: 'Document the architecture: its components and how each is deployed, updated or replaced.',
      find(context, docs) {
        const deployables = paths(context, [re(M.deployables)]);
        if (deployables.length >= 2) return { path: /** @type {string} */ (deployables[0]), label: `${deployables.length} deployable services (${deployables.slice(0, 3).join(', ')})` };
        return file(context, res(M.architectureDocs), 'architecture documentation') ?? mention(docs, re(M.modularWords));
      },
    },
    {
      id: 'B2',
      title: 'the reusable core separated from applications on top',
      looked: 'nothing distinguishes a core or building block from applications, plugins or extensions',
      ask: 'Say which components are the reusable infrastructure layer and which are applications built on top.',
      find(context, docs) {
        const core = paths(context, [re(M.coreFolders)])[0];
        const apps = paths(context, [re(M.appFolders)])[0];
        if (core && apps) return { path: core, label: `a core (${core.replace(/\/.*$/, '/')}) beside applications or extensions (${apps.replace(/\/[^/]*$/, '/')})` };
        return mention(docs, re(M.coreSeparation));
      },
    },
    {
      id: 'B3',
      title: 'configuration-driven adaptability',
      looked: 'no configuration documentation, example environment file, configuration folder or Helm values',
      ask: 'Document how the solution is configured for a country context without forking the code.',
      find: (context, docs) => file(context, res(M.configuration), 'configuration in') ?? mention(docs, re(M.configurationWords)),
    },
  ],
});

// ---------------------------------------------------------------------------
// C. Ecosystem enablement

const E = criteria.ecosystem;

export const ecosystemEnablement = criterionRule({
  id: 'dpi/ecosystem-enablement',
  alias: 'dpi-ecosystem-enablement',
  indicator: '8',
  title: 'C. Ecosystem enablement',
  motivation: 'A system only its creator can use is not infrastructure: third parties must be able to build on it through documented APIs, SDKs or extension points, at least one outside organisation should have done so, and nothing in the architecture should tie it to one implementer or vendor.',
  remediation: 'Publish developer documentation, SDKs or extension points (and a sandbox if there is one), document at least one external integration or adopter (ADOPTERS.md, a case study, `scale.adopters` in dpg.yml), and state that the solution can be deployed by any implementer without vendor lock-in.',
  anchor: '#c-ecosystem-enablement',
  reads: ['README*', 'docs/**/*.md', 'ADOPTERS*'],
  subCriteria: [
    {
      id: 'C1',
      title: 'third parties can build on it (APIs, SDKs, extension points)',
      looked: 'no SDK, client library, plugin or developer documentation',
      ask: 'Publish the developer documentation, SDKs or extension points third parties build with.',
      find: (context, docs) => file(context, res(E.sdkPaths), 'developer material in') ?? mention(docs, re(E.sdkWords)),
    },
    {
      id: 'C2',
      title: 'at least one documented external integration',
      looked: 'no ADOPTERS file, integration page or case study, and no adopters or deployments declared',
      ask: 'Document at least one external organisation integrating with or building on the solution.',
      find(context, docs) {
        const adopters = [...(context.declaration.data?.scale?.adopters ?? []), ...(context.declaration.data?.scale?.deployments ?? [])];
        if (adopters.length > 0 && context.declaration.path) return { path: context.declaration.path, label: `declared adopters or deployments (${adopters.slice(0, 3).join(', ')})` };
        return file(context, res(E.integrationPaths), 'integrations documented in') ?? mention(docs, re(E.integrationWords));
      },
    },
    {
      id: 'C3',
      title: 'no single-vendor architectural constraint',
      looked: 'no statement of multi-actor deployability, and the declaration does not say `platformIndependence.closedComponents: false`',
      ask: 'State (and show) that any organisation or vendor can deploy and operate the solution.',
      find(context, docs) {
        const said = mention(docs, re(E.lockInWords));
        if (said) return said;
        return context.declaration.data?.platformIndependence?.closedComponents === false && context.declaration.path
          ? { path: context.declaration.path, label: 'no closed component declared (`platformIndependence.closedComponents: false`)' }
          : undefined;
      },
    },
  ],
});

// ---------------------------------------------------------------------------
// D. Federation and decentralisation readiness

const F = criteria.federation;

export const federation = criterionRule({
  id: 'dpi/federation',
  alias: 'dpi-federation',
  indicator: '8',
  title: 'D. Federation and decentralisation readiness',
  motivation: 'National infrastructure must respect jurisdictional boundaries and avoid centralising all data or control in one node: it runs as several or federated instances, keeps data within borders where the law requires, and has no single point of failure.',
  remediation: 'Document the deployment topologies supported (federated, distributed or multi-instance), the data-residency options (self-hosting, in-country deployment), and a high-availability configuration (replicas, failover).',
  anchor: '#d-federation-and-decentralization-readiness',
  reads: ['README*', 'docs/**/*.md', '**/values*.yaml', '**/Chart.yaml', '**/docker-compose*.yml'],
  subCriteria: [
    {
      id: 'D1',
      title: 'federated, distributed or multi-instance deployment',
      looked: 'no mention of federated, decentralised, multi-instance or distributed deployment',
      ask: 'Document the deployment topology: that several instances can run, federated or distributed, rather than one central instance.',
      find: (context, docs) => mention(docs, re(F.federatedWords)),
    },
    {
      id: 'D2',
      title: 'data sovereignty: data can stay within jurisdictional boundaries',
      looked: 'no mention of data residency, data sovereignty, in-country or self-hosted deployment',
      ask: 'Document the data-residency options (e.g. self-hosted, in-country deployment).',
      find: (context, docs) => mention(docs, re(F.residencyWords)),
    },
    {
      id: 'D3',
      title: 'high availability, no single point of failure',
      looked: 'no high-availability or failover documentation and no replicated deployment configuration',
      ask: 'Document a high-availability configuration (replicas, failover, load balancing).',
      find(context, docs) {
        const said = mention(docs, re(F.availabilityWords));
        if (said) return said;
        const configs = paths(context, [/(^|\/)values[^/]*\.ya?ml$/i, /(^|\/)(k8s|kubernetes|manifests|deploy(ment)?|helm|charts)\/.*\.ya?ml$/i, /(^|\/)(docker-)?compose[^/]*\.ya?ml$/i]).slice(0, 20);
        return mention(configs.map((path) => ({ path, text: context.snapshot.read(path)?.text ?? '' })), re(F.replicaConfig, 'im'));
      },
    },
  ],
});

// ---------------------------------------------------------------------------
// E. Security and privacy at infrastructure scale

const S = criteria.security;

export const securityAtScale = criterionRule({
  id: 'dpi/security-at-scale',
  alias: 'dpi-security-at-scale',
  indicator: '9a',
  title: 'E. Security and privacy at infrastructure scale',
  motivation: 'Population-scale infrastructure needs infrastructure-grade safeguards: encryption at rest and in transit, role-based access control and audit logging; a published vulnerability disclosure process with regular security assessments; and privacy by design that adapts to each jurisdiction\'s data protection law.',
  remediation: 'Document encryption at rest and in transit, role-based access control and audit logging (SECURITY.md or the docs); publish a vulnerability disclosure process and the security assessments or audits done; document privacy by design (data minimisation, consent) or a data protection impact assessment.',
  anchor: '#e-security-and-privacy-at-infrastructure-scale',
  reads: ['README*', 'SECURITY*', '.github/SECURITY*', 'docs/**/*.md'],
  subCriteria: [
    {
      id: 'E1',
      title: 'encryption at rest and in transit, role-based access control, audit logging',
      looked: 'the security documentation does not name all three of encryption, role-based access control and audit logging',
      ask: 'Document the three safeguards: encryption (at rest and in transit), role-based access control and audit logging.',
      find(context, docs) {
        const parts = [re(S.encryptionWords), re(S.accessWords), re(S.auditWords)].map((p) => mention(docs, p));
        if (parts.some((p) => p === undefined)) return undefined;
        const [encryption, access, audit] = /** @type {Sighting[]} */ (parts);
        return { ...encryption, label: `encryption (${encryption.path}:${encryption.line}), access control (${access.path}:${access.line}) and audit logging (${audit.path}:${audit.line})` };
      },
    },
    {
      id: 'E2',
      title: 'published vulnerability disclosure and regular security assessments',
      looked: 'no SECURITY policy with a reporting channel together with a security audit, assessment or penetration test',
      ask: 'Publish a vulnerability disclosure process (SECURITY.md with a private channel) and the security assessments done (audit reports, penetration tests).',
      find(context, docs) {
        const policy = docs.find((d) => re(S.policyFile).test(d.path) && re(S.disclosureWords).test(d.text));
        const assessed = file(context, res(S.assessmentPaths), 'assessment report') ?? mention(docs, re(S.assessmentWords));
        return policy && assessed ? { ...assessed, label: `disclosure policy ${policy.path}; assessments: ${assessed.label}` } : undefined;
      },
    },
    {
      id: 'E3',
      title: 'privacy by design across jurisdictions',
      looked: 'no mention of privacy by design, data minimisation, consent mechanisms or a data protection impact assessment',
      ask: 'Document the privacy-by-design measures (data minimisation, consent) and how the solution adapts to each jurisdiction\'s data protection law.',
      find: (context, docs) => mention(docs, re(S.privacyWords)),
    },
  ],
});

export const rules = [dpiRelevance, openSpecifications, modularDesign, ecosystemEnablement, federation, securityAtScale];
export default { rules };

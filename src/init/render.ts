/**
 * Writes the declaration `dpg-check init` prepared as YAML: detected values
 * with where they came from, and every unanswered questionnaire item as a
 * clearly marked gap. The schema allows no blank answers, so a gap is a YAML
 * comment — `# GAP (indicator 3): <the question>` followed by a commented
 * example to fill in and uncomment — and the file stays valid as it is.
 */
import { stringify } from 'yaml';
import type { Declaration } from '../declaration/types.js';
import { declarationSchema } from '../declaration/load.js';

/** One key of the declaration: its place, its gap example, its children. */
export interface Slot {
  key: string;
  /** Key path as rules and messages write it: `owner.type`, `doNoHarm.dataPrivacy.piiLevel`. */
  path: string;
  /** DPG indicator the question belongs to ('' for general information). */
  indicator: string;
  /** YAML lines, at the key's own indentation, shown commented out when the answer is missing. */
  example?: string[];
  children?: Slot[];
  /** For lists of objects: the slots of each item (`sdgs[].explanation`). */
  itemChildren?: Slot[];
  /** Asked only when this holds (AI-system questions for AI systems). */
  when?: (declaration: Declaration) => boolean;
}

const slot = (path: string, indicator: string, example?: string[], more: Partial<Slot> = {}): Slot => ({
  key: path.slice(path.lastIndexOf('.') + 1),
  path,
  indicator,
  ...(example ? { example } : {}),
  ...more,
});

const LEVELS = '# none | collected | collected-stored | collected-stored-distributed';

// Follow-up questions apply unless the answer they follow rules them out (an unanswered level still asks them).
const handlesPii = (d: Declaration): boolean => d.doNoHarm?.dataPrivacy?.piiLevel !== 'none';
const handlesContent = (d: Declaration): boolean => d.doNoHarm?.content?.contentLevel !== 'none';
const usersInteract = (d: Declaration): boolean => d.doNoHarm?.harassment?.userInteraction !== false;

/** The questionnaire, in the schema's order. */
export const LAYOUT: readonly Slot[] = [
  slot('name', ''),
  slot('types', ''),
  slot('description', '', ['description: What the solution does and for whom, in a tweet.']),
  slot('website', '', ['website: [https://example.org]']),
  slot('contactEmail', '', ['contactEmail: team@example.org']),
  slot('repositories', '', ['repositories:', '  - url: https://github.com/owner/repository']),
  slot('sdgs', '1', ['sdgs:', '  - sdg: 3                  # 1–17', '    explanation: How the solution advances this goal, in a couple of sentences naming its targets.', '    targets: ["3.8"]'], {
    itemChildren: [slot('sdgs[].explanation', '1', ['explanation: How the solution advances this goal, in a couple of sentences naming its targets (e.g. 3.8).']), slot('sdgs[].targets', '1', ['targets: ["3.8"]'])],
  }),
  slot('licenses', '2', ['licenses:', '  - spdx: Apache-2.0', '    evidence: [LICENSE]']),
  slot('owner', '3', undefined, {
    children: [
      slot('owner.name', '3', ['name: Example Organisation']),
      slot('owner.type', '3', ['type: non-profit         # government | multilateral | non-profit | academic | private-sector | individual | community | other']),
      slot('owner.country', '3', ['country: KE              # ISO 3166-1 alpha-2 code, or the country name']),
      slot('owner.website', '3', ['website: https://example.org']),
      slot('owner.evidence', '3', ['evidence: [LICENSE, https://example.org/about]']),
      slot('owner.ownsAll', '3', ['ownsAll: true            # false: show the right to redistribute in redistributionRights']),
      slot('owner.contributorAgreement', '3', ['contributorAgreement: false   # or a link to the Contributor License Agreement']),
    ],
  }),
  slot('platformIndependence', '4', undefined, {
    children: [
      slot('platformIndependence.coreTechnologies', '4', ['coreTechnologies: [PostgreSQL, Python]']),
      slot('platformIndependence.closedComponents', '4', ['closedComponents: false   # true: list each in components, with its open alternatives']),
    ],
  }),
  slot('documentation', '5', undefined, { children: [slot('documentation.links', '5', ['links: [README.md, docs/]'])] }),
  slot('dataExtraction', '6', undefined, {
    children: [
      slot('dataExtraction.collectsNonPII', '6', ['collectsNonPII: true']),
      slot('dataExtraction.mechanism', '6', ['mechanism: How non-PII data is exported or imported in open formats (CSV/JSON export, an API).']),
      slot('dataExtraction.formats', '6', ['formats: [CSV, JSON]']),
      slot('dataExtraction.evidence', '6', ['evidence: [docs/export.md]']),
    ],
  }),
  slot('privacy', '7', undefined, {
    children: [
      slot('privacy.laws', '7', ['laws: [General Data Protection Regulation (GDPR)]']),
      slot('privacy.evidence', '7', ['evidence: [https://example.org/privacy]']),
    ],
  }),
  slot('standards', '8', undefined, {
    children: [
      slot('standards.standards', '8', ['standards:', '  - name: OpenAPI 3.1', '    evidence: [openapi.yaml]']),
      slot('standards.bestPractices', '8', ['bestPractices:', '  - name: Principles for Digital Development', '    evidence: [https://digitalprinciples.org]']),
    ],
  }),
  slot('doNoHarm', '9', undefined, {
    children: [
      slot('doNoHarm.dataPrivacy', '9a', undefined, {
        children: [
          slot('doNoHarm.dataPrivacy.piiLevel', '9a', [`piiLevel: none           ${LEVELS}`]),
          slot('doNoHarm.dataPrivacy.piiTypes', '9a', ['piiTypes: [name, phone number]'], { when: handlesPii }),
          slot('doNoHarm.dataPrivacy.measures', '9a', ['measures: How the privacy, security and integrity of personal data are ensured.'], { when: handlesPii }),
          slot('doNoHarm.dataPrivacy.thirdPartySharing', '9a', ['thirdPartySharing: false'], { when: handlesPii }),
          slot('doNoHarm.dataPrivacy.evidence', '9a', ['evidence: [SECURITY.md]']),
        ],
      }),
      slot('doNoHarm.content', '9b', undefined, {
        children: [
          slot('doNoHarm.content.contentLevel', '9b', [`contentLevel: none       ${LEVELS}`]),
          slot('doNoHarm.content.moderation', '9b', ['moderation: How inappropriate and illegal content is detected, moderated, reported and removed.'], { when: handlesContent }),
          slot('doNoHarm.content.responseTime', '9b', ['responseTime: 24 hours'], { when: handlesContent }),
          slot('doNoHarm.content.evidence', '9b', ['evidence: [docs/moderation.md]']),
        ],
      }),
      slot('doNoHarm.harassment', '9c', undefined, {
        children: [
          slot('doNoHarm.harassment.userInteraction', '9c', ['userInteraction: false']),
          slot('doNoHarm.harassment.protection', '9c', ['protection: How users and contributors protect themselves from harassment (code of conduct, blocking, reporting).'], { when: usersInteract }),
          slot('doNoHarm.harassment.underageSafety', '9c', ['underageSafety: The systems that keep underage users safe.'], { when: usersInteract }),
          slot('doNoHarm.harassment.evidence', '9c', ['evidence: [CODE_OF_CONDUCT.md]']),
        ],
      }),
    ],
  }),
  slot('authorizedRespondent', '7–9', undefined, {
    children: [
      slot('authorizedRespondent.name', '7–9', ['name: Full Name']),
      slot('authorizedRespondent.title', '7–9', ['title: Executive Director']),
      slot('authorizedRespondent.email', '7–9', ['email: name@example.org']),
    ],
  }),
  slot('aiSystem', '2', undefined, {
    when: (d) => d.types.includes('aimodel'),
    children: [
      slot('aiSystem.modelWeights', '2', ['modelWeights: { location: https://huggingface.co/owner/model, license: Apache-2.0 }']),
      slot('aiSystem.trainingCode', '2', ['trainingCode: { location: train.py, license: Apache-2.0 }']),
      slot('aiSystem.trainingData', '2', ['trainingData: { location: https://example.org/dataset, license: CC-BY-4.0 }']),
    ],
  }),
];

export interface RenderInput {
  declaration: Declaration;
  /** Key path → where the value was seen. */
  sources: ReadonlyMap<string, string>;
  /** Lines for the file's opening comment. */
  header: readonly string[];
}

export interface Rendered {
  text: string;
  /** Key paths left as gaps, in order. */
  gaps: string[];
}

export function renderDeclaration(input: RenderInput): Rendered {
  const out: string[] = [...input.header.map((l) => (l === '' ? '#' : `# ${l}`)), ''];
  const gaps: string[] = [];
  out.push('$schema: https://unpkg.com/dpg-check/schema/declaration.schema.json', 'declarationVersion: 1');
  const record = input.declaration as unknown as Record<string, unknown>;
  for (const top of LAYOUT) {
    if (top.when && !top.when(input.declaration) && record[top.key] === undefined) continue;
    const before = out.length;
    renderSlot(top, record[top.key], 0, out, gaps, input);
    // A blank line between sections with answers or gaps, for reading.
    if (out.length > before && (top.children || top.itemChildren || top.example && top.example.length > 1 || record[top.key] === undefined)) out.splice(before, 0, '');
  }
  // Answers with no question of their own in the layout (imported `organizations`, `aliases`, `scale`…) are kept as written.
  const laidOut = new Set(LAYOUT.map((top) => top.key));
  for (const [key, value] of Object.entries(record)) {
    if (laidOut.has(key) || key === '$schema' || key === 'declarationVersion' || value === undefined) continue;
    const source = input.sources.get(key);
    out.push('', ...(source ? [`# detected: ${source}`] : []), ...plain(key, value, 0));
  }
  return { text: `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`, gaps };
}

function renderSlot(s: Slot, value: unknown, indent: number, out: string[], gaps: string[], input: RenderInput): void {
  const pad = ' '.repeat(indent);
  if (value === undefined) {
    const example = exampleOf(s, input.declaration);
    if (example.length === 0) return;
    gaps.push(s.path);
    const about = s.indicator === '' ? 'general information' : `${s.indicator.includes('–') ? 'indicators' : 'indicator'} ${s.indicator}`;
    // One line per question (not wrapped), so that every other commented line below it is the example to fill in.
    out.push(`${pad}# GAP (${about}): ${question(s.path)}`);
    out.push(...example.map((line) => `${pad}# ${line}`));
    return;
  }
  const source = input.sources.get(s.path);
  if (s.children && isPlainObject(value)) {
    if (source) out.push(`${pad}# detected: ${source}`);
    out.push(`${pad}${s.key}:`);
    const known = new Set(s.children.map((c) => c.key));
    for (const child of s.children) {
      // A question that does not apply is not asked; an answer given anyway is kept.
      if (child.when && !child.when(input.declaration) && value[child.key] === undefined) continue;
      renderSlot(child, value[child.key], indent + 2, out, gaps, input);
    }
    for (const [key, v] of Object.entries(value)) if (!known.has(key) && v !== undefined) out.push(...plain(key, v, indent + 2));
    return;
  }
  if (s.itemChildren && Array.isArray(value) && value.every(isPlainObject)) {
    if (source) out.push(`${pad}# detected: ${source}`);
    out.push(`${pad}${s.key}:`);
    value.forEach((item, index) => {
      const lines: string[] = [];
      for (const [key, v] of Object.entries(item)) if (v !== undefined) lines.push(...plain(key, v, indent + 4));
      for (const child of s.itemChildren ?? []) {
        const key = child.key.replace(/^.*\]\./, '');
        if (item[key] === undefined) renderSlot({ ...child, key, path: `${s.key}[${index}].${key}` }, undefined, indent + 4, lines, gaps, input);
      }
      const first = lines.findIndex((l) => !l.trimStart().startsWith('#'));
      if (first >= 0) lines[first] = `${pad}  - ${(lines[first] as string).slice(indent + 4)}`;
      out.push(...lines);
    });
    return;
  }
  const lines = plain(s.key, value, indent);
  if (source) {
    const comment = `  # detected: ${source}`;
    if (lines.length === 1 && (lines[0] as string).length + comment.length <= 110) lines[0] += comment;
    else out.push(`${pad}# detected: ${source}`);
  }
  out.push(...lines);
}

/** The example of a slot, or of all its children under its key, for a section left unanswered. */
function exampleOf(s: Slot, declaration: Declaration): string[] {
  if (s.example) return s.example;
  if (!s.children) return [];
  const children = s.children.filter((c) => !c.when || c.when(declaration)).flatMap((c) => exampleOf(c, declaration).map((l) => `  ${l}`));
  return children.length > 0 ? [`${s.key}:`, ...children] : [];
}

/** A key and its value as YAML at `indent`: scalars and lists of scalars on one line, the rest as blocks. */
function plain(key: string, value: unknown, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const flat = value === null || typeof value !== 'object' || (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object'));
  if (flat) {
    const text = Array.isArray(value)
      ? `[${value.map((v) => scalar(v)).join(', ')}]`
      : scalar(value);
    return [`${pad}${key}: ${text}`];
  }
  if (Array.isArray(value)) {
    // A list of mappings: each item's keys one per line, lists of scalars inside them on one line.
    const lines = [`${pad}${key}:`];
    for (const item of value) {
      const itemLines = isPlainObject(item)
        ? Object.entries(item).filter(([, v]) => v !== undefined).flatMap(([k, v]) => plain(k, v, indent + 4))
        : [`${' '.repeat(indent + 4)}${scalar(item)}`];
      if (itemLines.length === 0) continue;
      itemLines[0] = `${pad}  - ${(itemLines[0] as string).slice(indent + 4)}`;
      lines.push(...itemLines);
    }
    return lines;
  }
  return [`${pad}${key}:`, ...Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).flatMap(([k, v]) => plain(k, v, indent + 2))];
}

function scalar(value: unknown): string {
  // A multi-line answer (imported from the registry) as one double-quoted line: a block scalar would need the key's indentation.
  if (typeof value === 'string' && /[\r\n]/.test(value)) return JSON.stringify(value);
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The questionnaire's wording for a key, from the schema's description (titles as a fallback). */
export function question(path: string): string {
  let node: Record<string, unknown> | undefined = declarationSchema as Record<string, unknown>;
  for (const segment of path.replace(/\[\d*\]/g, '.[]').split('.').filter((s) => s !== '')) {
    if (!node) break;
    if (segment === '[]') { node = node.items as Record<string, unknown> | undefined; continue; }
    node = (node.properties as Record<string, Record<string, unknown>> | undefined)?.[segment];
  }
  const text = (node?.description ?? node?.title ?? path) as string;
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The DPGA registry's two legacy formats, merged by slug into one declaration:
 * the nominee file (`nominees/<slug>.json` or `archive/<slug>.json`, see
 * `nominee-schema.json`: name, licences, SDGs, types, repositories,
 * organisations, stage) and the screening file
 * (`digitalpublicgoods/<slug>.json`, `screening-schema.json`: indicators 3–9).
 *
 * Everything the declaration can hold is carried over; the rest (sectors,
 * development countries, the Yes/No gates that have no declaration key, free
 * text the declaration has no field for) is reported as `unmapped`. SPDX ids
 * are kept exactly as written (`GPL-3.0` stays `GPL-3.0`): judging them is
 * the licence rules' job. Where the form asked a coarser question than the
 * declaration (PII "collected or stored"), the answer is mapped to the
 * nearest level and the note says so. See docs/batch.md.
 */
import { formatKeyPath } from '../declaration/load.js';
import type { Declaration, HandlingLevel } from '../declaration/types.js';
import type { SolutionType } from '../model.js';
import { ImportBuilder, field, fieldAnyCase, isRecord } from './builder.js';
import { readAlternatives } from './alternatives.js';
import { emailsIn, excerpt, isPlaceholder, linksOf, oneLine, textOf, uriOf, withoutBullet, yesNoOf, type YesNo } from './text.js';
import type { ImportResult, SourceFile } from './types.js';

export interface RegistryInput {
  /** The nominee-format file (name, licences, SDGs…). */
  nominee?: SourceFile;
  /** The screening-format file (indicators 3–9). */
  screening?: SourceFile;
  slug: string;
  /** One file holding both formats' keys (nominee and screening answers together). */
  combined?: boolean;
}

const NOMINEE_KEYS = ['name', 'aliases', 'description', 'website', 'license', 'SDGs', 'sectors', 'type', 'repositories', 'organizations', 'stage'];
const SCREENING_KEYS = ['name', 'clearOwnership', 'platformIndependence', 'documentation', 'NonPII', 'privacy', 'standards', 'doNoHarm', 'locations'];

/** Which registry format a parsed JSON file is in, judged by its keys (any casing). */
export function registryFormatOf(data: unknown): 'nominee' | 'screening' | 'both' | undefined {
  if (!isRecord(data)) return undefined;
  const keys = new Set(Object.keys(data).map((k) => k.toLowerCase()));
  const nominee = ['license', 'sdgs', 'stage', 'organizations', 'type'].filter((k) => keys.has(k)).length;
  const screening = ['clearownership', 'platformindependence', 'nonpii', 'donoharm', 'locations'].filter((k) => keys.has(k)).length;
  if (nominee >= 2 && screening >= 2) return 'both';
  if (nominee >= 2) return 'nominee';
  if (screening >= 2) return 'screening';
  return undefined;
}

const TYPE_WORDS: Readonly<Record<string, SolutionType>> = {
  software: 'software', 'open software': 'software', 'open source software': 'software',
  content: 'content', 'open content': 'content',
  data: 'data', 'open data': 'data', dataset: 'data',
  aimodel: 'aimodel', 'ai model': 'aimodel', 'ai-model': 'aimodel', ai: 'aimodel', 'open ai model': 'aimodel', 'ai system': 'aimodel',
  standard: 'standard', 'open standard': 'standard',
};

type Role = NonNullable<Declaration['organizations']>[number]['role'];
const ROLES: readonly Role[] = ['owner', 'maintainer', 'funder', 'implementer', 'partner'];

export function importRegistry(input: RegistryInput): ImportResult {
  const primary = input.nominee ?? input.screening;
  if (!primary) throw new Error('importRegistry needs a nominee or a screening file');
  const b = new ImportBuilder();
  const out = new Sections();
  if (input.nominee) readNominee(b, input.nominee, out, input.combined === true);
  if (input.screening) readScreening(b, input.screening, out, input.nominee, input.combined === true);
  if (!input.nominee) {
    b.note('error', input.screening!, '(root)', `no nominee file for "${input.slug}": the solution's types, licences and SDGs are in the nominee format (nominees/${input.slug}.json)`);
  }
  return b.finish({ format: 'registry', declaration: out.assemble(), primary, files: [input.nominee, input.screening].filter((f): f is SourceFile => f !== undefined), meta: { slug: input.slug, ...(out.stage ? { stage: out.stage } : {}) } });
}

/** The declaration's sections while they are filled, assembled in schema order at the end. */
class Sections {
  name?: string;
  aliases: string[] = [];
  types: SolutionType[] = [];
  description?: string;
  website: string[] = [];
  repositories: NonNullable<Declaration['repositories']> = [];
  sdgs: NonNullable<Declaration['sdgs']> = [];
  licenses: NonNullable<Declaration['licenses']> = [];
  owner: NonNullable<Declaration['owner']> = {};
  organizations: NonNullable<Declaration['organizations']> = [];
  platformIndependence: NonNullable<Declaration['platformIndependence']> = {};
  documentation: NonNullable<Declaration['documentation']> = {};
  dataExtraction: NonNullable<Declaration['dataExtraction']> = {};
  privacy: NonNullable<Declaration['privacy']> = {};
  standards: NonNullable<Declaration['standards']> = {};
  dataPrivacy: NonNullable<NonNullable<Declaration['doNoHarm']>['dataPrivacy']> = {};
  content: NonNullable<NonNullable<Declaration['doNoHarm']>['content']> = {};
  harassment: NonNullable<NonNullable<Declaration['doNoHarm']>['harassment']> = {};
  scale: NonNullable<Declaration['scale']> = {};
  stage?: string;

  assemble(): Partial<Declaration> {
    const d: Partial<Declaration> & Record<string, unknown> = {
      $schema: 'https://unpkg.com/dpg-check/schema/declaration.schema.json',
      declarationVersion: 1,
    };
    if (this.name !== undefined) d.name = this.name;
    if (this.aliases.length > 0) d.aliases = this.aliases;
    if (this.types.length > 0) d.types = this.types;
    if (this.description !== undefined) d.description = this.description;
    if (this.website.length > 0) d.website = this.website;
    if (this.repositories.length > 0) d.repositories = this.repositories;
    if (this.sdgs.length > 0) d.sdgs = this.sdgs;
    if (this.licenses.length > 0) d.licenses = this.licenses;
    if (Object.keys(this.owner).length > 0) d.owner = this.owner;
    if (this.organizations.length > 0) d.organizations = this.organizations;
    if (Object.keys(this.platformIndependence).length > 0) d.platformIndependence = this.platformIndependence;
    if (Object.keys(this.documentation).length > 0) d.documentation = this.documentation;
    if (Object.keys(this.dataExtraction).length > 0) d.dataExtraction = this.dataExtraction;
    if (Object.keys(this.privacy).length > 0) d.privacy = this.privacy;
    if (Object.keys(this.standards).length > 0) d.standards = this.standards;
    const doNoHarm: NonNullable<Declaration['doNoHarm']> = {};
    if (Object.keys(this.dataPrivacy).length > 0) doNoHarm.dataPrivacy = this.dataPrivacy;
    if (Object.keys(this.content).length > 0) doNoHarm.content = this.content;
    if (Object.keys(this.harassment).length > 0) doNoHarm.harassment = this.harassment;
    if (Object.keys(doNoHarm).length > 0) d.doNoHarm = doNoHarm;
    if (Object.keys(this.scale).length > 0) d.scale = this.scale;
    return d;
  }
}

const k = (...segments: (string | number)[]): string => formatKeyPath(segments);

/** The items of a list answer with their keys; blanks and placeholders are noted and left out. */
function listItems(b: ImportBuilder, file: SourceFile, key: string, value: unknown): { text: string; key: string }[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  const items: { text: string; key: string }[] = [];
  list.forEach((entry, index) => {
    const itemKey = Array.isArray(value) ? `${key}[${index}]` : key;
    const text = textOf(entry);
    if (text === undefined || isPlaceholder(text)) {
      if (typeof entry === 'string' || entry === null) b.blank(file, itemKey);
      else b.note('dropped', file, itemKey, `${describe(entry)} left out: expected text`);
      return;
    }
    if (!items.some((item) => item.text === text)) items.push({ text, key: itemKey });
  });
  return items;
}

/** A text answer; blanks are noted. */
function textAt(b: ImportBuilder, file: SourceFile, key: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = textOf(value);
  if (text === undefined || isPlaceholder(text)) {
    if (typeof value === 'string' || value === null) b.blank(file, key);
    else b.note('dropped', file, key, `${describe(value)} left out: expected text`);
    return undefined;
  }
  return text;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a mapping';
  return JSON.stringify(value);
}

/** Evidence links out of a field, with a `normalised` note when they had to be taken out of text. */
function links(b: ImportBuilder, file: SourceFile, key: string, text: string): string[] {
  const reading = linksOf(text);
  if (reading.change) b.note('normalised', file, key, reading.change);
  return reading.links;
}

// ---------------------------------------------------------------------------
// The nominee format

function readNominee(b: ImportBuilder, file: SourceFile, out: Sections, combined: boolean): void {
  const data = file.data;
  if (!isRecord(data)) {
    b.note('error', file, '(root)', 'the nominee file is not a JSON object');
    return;
  }
  const get = (name: string): { key: string; value: unknown } => fieldAnyCase(data, name) ?? { key: name, value: undefined };

  const name = get('name');
  const nameText = textAt(b, file, name.key, name.value);
  if (nameText !== undefined) {
    out.name = nameText;
    b.from('name', file, name.key);
  }

  const aliases = get('aliases');
  for (const alias of listItems(b, file, aliases.key, aliases.value)) {
    if (alias.text === out.name) continue;
    b.from(k('aliases', out.aliases.length), file, alias.key);
    out.aliases.push(alias.text);
  }

  const description = get('description');
  const descriptionText = textAt(b, file, description.key, description.value);
  if (descriptionText !== undefined) {
    out.description = descriptionText;
    b.from('description', file, description.key);
  }

  const website = get('website');
  for (const site of listItems(b, file, website.key, website.value)) {
    const uri = uriOf(site.text);
    if (!uri) {
      b.note('dropped', file, site.key, `"${excerpt(site.text)}" left out of website: not a URL`);
      continue;
    }
    if (uri.change) b.note('normalised', file, site.key, uri.change);
    b.from(k('website', out.website.length), file, site.key);
    out.website.push(uri.uri);
  }

  readLicenses(b, file, get('license'), out);
  readSdgs(b, file, get('SDGs'), out);

  const sectors = get('sectors');
  const sectorList = listItems(b, file, sectors.key, sectors.value);
  if (sectorList.length > 0) b.note('unmapped', file, sectors.key, `${sectorList.map((s) => s.text).join(', ')} (the declaration has no key for sectors)`);

  const types = get('type');
  for (const type of listItems(b, file, types.key, types.value)) {
    const word = type.text.toLowerCase().replace(/[_\s]+/g, ' ').trim();
    const mapped = TYPE_WORDS[word];
    if (!mapped) {
      b.note('dropped', file, type.key, `"${excerpt(type.text)}" left out of types: not a solution category (software, content, data, aimodel, standard)`);
      continue;
    }
    if (mapped !== type.text) b.note('normalised', file, type.key, `read solution category "${type.text}" as ${mapped}`);
    if (out.types.includes(mapped)) continue;
    if (out.types.length === 0) b.from('types', file, types.key);
    b.from(k('types', out.types.length), file, type.key);
    out.types.push(mapped);
  }

  readRepositories(b, file, get('repositories'), out);
  readOrganizations(b, file, get('organizations'), out);

  const stage = get('stage');
  const stageText = textOf(stage.value);
  if (stageText !== undefined) out.stage = stageText;

  for (const key of Object.keys(data)) {
    const known = combined ? [...NOMINEE_KEYS, ...SCREENING_KEYS] : NOMINEE_KEYS;
    if (!known.some((name) => name.toLowerCase() === key.toLowerCase()) && key !== '$schema') {
      b.note('unmapped', file, k(key), `key "${key}" is not part of the nominee format`);
    }
  }
}

function readLicenses(b: ImportBuilder, file: SourceFile, entry: { key: string; value: unknown }, out: Sections): void {
  const list = Array.isArray(entry.value) ? entry.value : entry.value === undefined ? [] : [entry.value];
  list.forEach((item, index) => {
    const key = Array.isArray(entry.value) ? k(entry.key, index) : entry.key;
    // A bare string is a licence id written without its object.
    const spdxValue = typeof item === 'string' ? item : field(item, 'spdx');
    const spdx = textOf(spdxValue);
    const urlValue = field(item, 'licenseURL') ?? field(item, 'licenseUrl') ?? field(item, 'url');
    const url = textOf(urlValue);
    if (spdx === undefined) {
      if (url !== undefined) b.note('dropped', file, key, `a licence with no SPDX id left out (its link: ${excerpt(url)})`);
      else b.blank(file, key);
      return;
    }
    const at = out.licenses.length;
    const licence: NonNullable<Declaration['licenses']>[number] = { spdx };
    b.from(k('licenses', at), file, key);
    b.from(k('licenses', at, 'spdx'), file, typeof item === 'string' ? key : `${key}.spdx`);
    if (url !== undefined) {
      licence.evidence = links(b, file, `${key}.licenseURL`, url);
      b.from(k('licenses', at, 'evidence'), file, `${key}.licenseURL`);
    } else if (isRecord(item) && 'licenseURL' in item) {
      b.blank(file, `${key}.licenseURL`);
    }
    out.licenses.push(licence);
  });
}

function readSdgs(b: ImportBuilder, file: SourceFile, entry: { key: string; value: unknown }, out: Sections): void {
  const list = Array.isArray(entry.value) ? entry.value : entry.value === undefined ? [] : [entry.value];
  list.forEach((item, index) => {
    const key = Array.isArray(entry.value) ? k(entry.key, index) : entry.key;
    const numberValue = typeof item === 'number' || typeof item === 'string' ? item : field(item, 'SDGNumber') ?? field(item, 'sdgNumber') ?? field(item, 'sdg');
    const number = typeof numberValue === 'string' ? Number(numberValue.trim().replace(/^sdg\s*/i, '')) : numberValue;
    if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 17) {
      b.note('dropped', file, key, `${numberValue === undefined ? 'an SDG with no number' : `SDG ${JSON.stringify(numberValue)}`} left out: SDGs are numbered 1 to 17`);
      return;
    }
    if (typeof numberValue === 'string') b.note('normalised', file, key, `read SDG "${numberValue}" as ${number}`);
    const at = out.sdgs.length;
    const sdg: NonNullable<Declaration['sdgs']>[number] = { sdg: number };
    b.from(k('sdgs', at), file, key);
    b.from(k('sdgs', at, 'sdg'), file, isRecord(item) ? `${key}.SDGNumber` : key);
    const explanation = isRecord(item) ? textAt(b, file, `${key}.evidenceText`, item.evidenceText) : undefined;
    if (explanation !== undefined) {
      sdg.explanation = explanation;
      b.from(k('sdgs', at, 'explanation'), file, `${key}.evidenceText`);
    }
    const url = isRecord(item) ? textAt(b, file, `${key}.evidenceURL`, item.evidenceURL) : undefined;
    if (url !== undefined) {
      sdg.evidence = links(b, file, `${key}.evidenceURL`, url);
      b.from(k('sdgs', at, 'evidence'), file, `${key}.evidenceURL`);
    }
    out.sdgs.push(sdg);
  });
}

function readRepositories(b: ImportBuilder, file: SourceFile, entry: { key: string; value: unknown }, out: Sections): void {
  const list = Array.isArray(entry.value) ? entry.value : entry.value === undefined ? [] : [entry.value];
  list.forEach((item, index) => {
    const key = Array.isArray(entry.value) ? k(entry.key, index) : entry.key;
    const urlText = textOf(typeof item === 'string' ? item : field(item, 'url'));
    const name = textOf(field(item, 'name'));
    if (urlText === undefined) {
      if (name !== undefined) b.note('dropped', file, key, `repository "${excerpt(name)}" left out: it has no URL`);
      else b.blank(file, `${key}.url`);
      return;
    }
    const uri = uriOf(urlText);
    if (!uri) {
      b.note('dropped', file, `${key}.url`, `"${excerpt(urlText)}" left out of repositories: not a URL`);
      return;
    }
    if (uri.change) b.note('normalised', file, `${key}.url`, uri.change);
    const at = out.repositories.length;
    b.from(k('repositories', at), file, key);
    b.from(k('repositories', at, 'url'), file, typeof item === 'string' ? key : `${key}.url`);
    if (name !== undefined) b.from(k('repositories', at, 'name'), file, `${key}.name`);
    out.repositories.push({ url: uri.uri, ...(name !== undefined ? { name } : {}) });
  });
}

function readOrganizations(b: ImportBuilder, file: SourceFile, entry: { key: string; value: unknown }, out: Sections): void {
  const list = Array.isArray(entry.value) ? entry.value : entry.value === undefined ? [] : [entry.value];
  list.forEach((item, index) => {
    const key = Array.isArray(entry.value) ? k(entry.key, index) : entry.key;
    if (!isRecord(item)) {
      if (textOf(item) === undefined) b.blank(file, key);
      else b.note('dropped', file, key, `${describe(item)} left out of organizations: expected an organisation`);
      return;
    }
    const name = textAt(b, file, `${key}.name`, item.name);
    const roleText = textOf(item.org_type ?? item.role ?? item.type);
    const role = ROLES.find((r) => r === roleText?.toLowerCase());
    if (name === undefined) {
      b.note('dropped', file, key, 'an organisation with no name left out');
      return;
    }
    if (!role) {
      b.note('dropped', file, key, `organisation "${excerpt(name)}" left out: its role ${roleText === undefined ? 'is missing' : `"${roleText}" is not one of ${ROLES.join(', ')}`}`);
      return;
    }
    if (roleText !== role) b.note('normalised', file, `${key}.org_type`, `read role "${roleText}" as ${role}`);
    const at = out.organizations.length;
    const organization: NonNullable<Declaration['organizations']>[number] = { name, role };
    b.from(k('organizations', at), file, key);
    b.from(k('organizations', at, 'name'), file, `${key}.name`);
    b.from(k('organizations', at, 'role'), file, `${key}.org_type`);
    const websiteText = textAt(b, file, `${key}.website`, item.website);
    if (websiteText !== undefined) {
      const uri = uriOf(websiteText);
      if (uri) {
        if (uri.change) b.note('normalised', file, `${key}.website`, uri.change);
        organization.website = uri.uri;
        b.from(k('organizations', at, 'website'), file, `${key}.website`);
      } else {
        b.note('dropped', file, `${key}.website`, `"${excerpt(websiteText)}" left out: not a URL`);
      }
    }
    const contactName = textAt(b, file, `${key}.contact_name`, item.contact_name);
    if (contactName !== undefined) {
      organization.contactName = contactName;
      b.from(k('organizations', at, 'contactName'), file, `${key}.contact_name`);
    }
    const emailText = textAt(b, file, `${key}.contact_email`, item.contact_email);
    if (emailText !== undefined) {
      const emails = emailsIn(emailText);
      if (emails.length === 0) {
        b.note('dropped', file, `${key}.contact_email`, `"${excerpt(emailText)}" left out: not an email address`);
      } else {
        organization.contactEmail = emails[0]!;
        b.from(k('organizations', at, 'contactEmail'), file, `${key}.contact_email`);
        if (emails.length > 1) b.note('unmapped', file, `${key}.contact_email`, `only the first address is kept (an organisation has one contact email); also given: ${emails.slice(1).join(', ')}`);
        else if (emails[0] !== emailText) b.note('normalised', file, `${key}.contact_email`, `read "${excerpt(emailText)}" as ${emails[0]}`);
      }
    }
    out.organizations.push(organization);
    // The first owner organisation answers "Who owns this digital solution?".
    if (role === 'owner' && out.owner.name === undefined) {
      out.owner.name = name;
      b.from('owner', file, key);
      b.from('owner.name', file, `${key}.name`);
      if (organization.website) {
        out.owner.website = organization.website;
        b.from('owner.website', file, `${key}.website`);
      }
    }
  });
}

// ---------------------------------------------------------------------------
// The screening format (indicators 3–9)

interface Gate {
  file: SourceFile;
  key: string;
  value: unknown;
}

/** A Yes/No answer that has no declaration key: "Yes" is implied by the answers that follow it; anything else is kept as a note. */
function gate(b: ImportBuilder, { file, key, value }: Gate, question: string): YesNo | undefined {
  const answer = yesNoOf(value);
  if (answer === undefined || answer === 'yes') return answer;
  const shown = typeof answer === 'object' ? `"${excerpt(answer.other)}"` : `"${answer === 'no' ? 'No' : 'Unknown'}"`;
  b.note('unmapped', file, key, `${question}: ${shown} (the declaration has no key for this answer)`);
  return typeof answer === 'object' ? undefined : answer;
}

/** A Yes/No answer mapped to a boolean key. */
function booleanAnswer(b: ImportBuilder, file: SourceFile, key: string, value: unknown, question: string): boolean | undefined {
  const answer = yesNoOf(value);
  if (answer === 'yes') return true;
  if (answer === 'no') return false;
  if (answer === undefined) {
    if (typeof value === 'string') b.blank(file, key);
    return undefined;
  }
  b.note('unmapped', file, key, `${question}: "${typeof answer === 'object' ? excerpt(answer.other) : 'Unknown'}" (only yes or no can be declared)`);
  return undefined;
}

function readScreening(b: ImportBuilder, file: SourceFile, out: Sections, nominee: SourceFile | undefined, combined: boolean): void {
  const data = file.data;
  if (!isRecord(data)) {
    b.note('error', file, '(root)', 'the screening file is not a JSON object');
    return;
  }
  const section = (name: string): { key: string; value: Record<string, unknown> } | undefined => {
    const found = fieldAnyCase(data, name);
    if (!found) return undefined;
    if (!isRecord(found.value)) {
      if (found.value !== undefined && found.value !== null && textOf(found.value) !== undefined) b.note('dropped', file, found.key, `${describe(found.value)} left out: expected a section of answers`);
      return undefined;
    }
    return { key: found.key, value: found.value };
  };
  const at = (s: { key: string; value: Record<string, unknown> }, name: string): { key: string; value: unknown } => {
    const found = fieldAnyCase(s.value, name);
    return found ? { key: `${s.key}.${found.key}`, value: found.value } : { key: `${s.key}.${name}`, value: undefined };
  };

  const name = textOf(fieldAnyCase(data, 'name')?.value);
  if (name !== undefined) {
    if (out.name === undefined) {
      out.name = name;
      b.from('name', file, 'name');
    } else if (name.toLowerCase() !== out.name.toLowerCase()) {
      b.note('unmapped', file, 'name', `the screening file names the solution "${excerpt(name)}"; the nominee file's "${excerpt(out.name)}" is kept`);
    }
  }

  // 3. Clear ownership
  const ownership = section('clearOwnership');
  if (ownership) {
    gate(b, { file, ...at(ownership, 'isOwnershipExplicit') }, 'is ownership clearly defined and documented');
    const copyright = at(ownership, 'copyrightURL');
    const copyrightText = textAt(b, file, copyright.key, copyright.value);
    if (copyrightText !== undefined) {
      out.owner.evidence = links(b, file, copyright.key, copyrightText);
      if (!nominee || out.owner.name === undefined) b.from('owner', file, ownership.key);
      b.from('owner.evidence', file, copyright.key);
    }
  }

  // 4. Platform independence
  const platform = section('platformIndependence');
  if (platform) {
    b.from('platformIndependence', file, platform.key);
    const restrictive = at(platform, 'mandatoryDepsCreateMoreRestrictions');
    const closed = booleanAnswer(b, file, restrictive.key, restrictive.value, 'mandatory dependencies that create more restrictions');
    if (closed !== undefined) {
      out.platformIndependence.closedComponents = closed;
      b.from('platformIndependence.closedComponents', file, restrictive.key);
    }
    const independent = at(platform, 'isSoftwarePltIndependent');
    const independentAnswer = yesNoOf(independent.value);
    const description = at(platform, 'pltIndependenceDesc');
    const descriptionText = textAt(b, file, description.key, description.value);
    if (independentAnswer !== undefined) {
      const shown = typeof independentAnswer === 'object' ? excerpt(independentAnswer.other) : independentAnswer;
      b.note('unmapped', file, independent.key, `independent of the closed components / open alternatives exist: "${shown}" (declare each closed component with its open alternatives in platformIndependence.components)`);
    }
    if (descriptionText !== undefined) {
      // Read the answer for what it says: a closed component named with its open alternative becomes a component; the sentence is its migration.
      const read = readAlternatives(descriptionText);
      if (read.length > 0) {
        out.platformIndependence.components = read.map((c) => ({ name: c.name, openAlternatives: c.openAlternatives, migration: c.migration, ...(c.evidence.length > 0 ? { evidence: c.evidence } : {}) }));
        b.from('platformIndependence.components', file, description.key);
        read.forEach((_, i) => b.from(k('platformIndependence', 'components', i), file, description.key));
        b.note('approximated', file, description.key, `read ${read.map((c) => `${c.name} (open alternative: ${c.openAlternatives.join(', ')})`).join('; ')} out of the free text; each component's migration is the sentence that says so`);
      }
      b.note('unmapped', file, description.key, `how the solution is independent of closed components: "${oneLine(descriptionText)}" (free text${read.length > 0 ? '; the components it names with an open alternative are in platformIndependence.components' : ': the declaration lists components by name with their open alternatives'})`);
    }
  }

  // 5. Documentation
  const documentation = section('documentation');
  if (documentation) {
    gate(b, { file, ...at(documentation, 'isDocumentationAvailable') }, 'does documentation exist');
    const urls = at(documentation, 'documentationURL');
    const items = listItems(b, file, urls.key, urls.value);
    const found: string[] = [];
    let described = false;
    for (const item of items) {
      const reading = linksOf(item.text);
      if (reading.change) described = true;
      for (const link of reading.links) if (!found.includes(link)) found.push(link);
    }
    if (found.length > 0) {
      out.documentation.links = found;
      b.from('documentation', file, documentation.key);
      b.from('documentation.links', file, urls.key);
    }
    // Entries written as "Developer docs - https://…": the links go to `links`, the words to `description`.
    if (described) {
      out.documentation.description = items.map((item) => item.text).join('\n');
      b.from('documentation.description', file, urls.key);
    }
  }

  // 6. Data extraction
  const nonPii = section('NonPII');
  if (nonPii) {
    b.from('dataExtraction', file, nonPii.key);
    const collects = at(nonPii, 'collectsNonPII');
    const collectsAnswer = booleanAnswer(b, file, collects.key, collects.value, 'collects or uses non-PII data');
    if (collectsAnswer !== undefined) {
      out.dataExtraction.collectsNonPII = collectsAnswer;
      b.from('dataExtraction.collectsNonPII', file, collects.key);
    }
    gate(b, { file, ...at(nonPii, 'checkNonPIIAccessMechanism') }, 'is there a mechanism for extracting non-PII data');
    const mechanism = at(nonPii, 'nonPIIAccessMechanism');
    const mechanismText = textAt(b, file, mechanism.key, mechanism.value);
    if (mechanismText !== undefined) {
      out.dataExtraction.mechanism = mechanismText;
      b.from('dataExtraction.mechanism', file, mechanism.key);
      const urls = linksOf(mechanismText).links.filter((l) => /^https?:/i.test(l));
      if (urls.length > 0) {
        out.dataExtraction.evidence = urls;
        b.from('dataExtraction.evidence', file, mechanism.key);
      }
    }
  }

  // 7. Privacy and applicable laws
  const privacy = section('privacy');
  if (privacy) {
    b.from('privacy', file, privacy.key);
    gate(b, { file, ...at(privacy, 'isPrivacyCompliant') }, 'has the project taken steps to adhere to privacy and applicable laws');
    const lawList = at(privacy, 'privacyComplianceList');
    const laws: string[] = [];
    const evidence: string[] = [];
    for (const item of listItems(b, file, lawList.key, lawList.value)) {
      const law = withoutBullet(item.text);
      if (law === '' || laws.includes(law)) continue;
      if (law !== item.text) b.note('normalised', file, item.key, `read "${excerpt(item.text)}" as "${excerpt(law)}"`);
      b.from(k('privacy', 'laws', laws.length), file, item.key);
      laws.push(law);
    }
    const steps = at(privacy, 'adherenceSteps');
    const stepItems = listItems(b, file, steps.key, steps.value);
    for (const step of stepItems) {
      for (const url of linksOf(step.text).links.filter((l) => /^https?:/i.test(l))) if (!evidence.includes(url)) evidence.push(url);
    }
    const described = stepItems.filter((step) => !/^https?:\/\/\S+$/i.test(step.text));
    if (described.length > 0) {
      // The steps in words: reviewers read them as evidence of adherence (7-01 weighs them when no document is linked).
      out.privacy.adherence = described.map((step) => oneLine(step.text)).join(' ');
      b.from('privacy.adherence', file, steps.key);
    }
    if (laws.length > 0) {
      out.privacy.laws = laws;
      b.from('privacy.laws', file, lawList.key);
    }
    if (evidence.length > 0) {
      out.privacy.evidence = evidence;
      b.from('privacy.evidence', file, steps.key);
    }
  }

  // 8. Standards and best practices
  const standards = section('standards');
  if (standards) {
    b.from('standards', file, standards.key);
    gate(b, { file, ...at(standards, 'supportStandards') }, 'does the project support standards');
    gate(b, { file, ...at(standards, 'implementBestPractices') }, 'was the project built according to best practices');
    const support = at(standards, 'evidenceStandardSupport');
    const general: string[] = [];
    for (const item of listItems(b, file, support.key, support.value)) {
      for (const link of links(b, file, item.key, item.text)) if (!general.includes(link)) general.push(link);
    }
    const list = at(standards, 'standardsList');
    const entries: NonNullable<NonNullable<Declaration['standards']>['standards']> = [];
    for (const item of listItems(b, file, list.key, list.value)) {
      const own = linksOf(item.text).links.filter((l) => /^https?:/i.test(l) && l !== item.text);
      const index = entries.length;
      b.from(k('standards', 'standards', index), file, item.key);
      b.from(k('standards', 'standards', index, 'name'), file, item.key);
      // The form asked for evidence of standards support as a whole: it backs every standard, after the links the entry gives itself
      // (a link in the entry is often the standard's own page, not evidence of support, so the general evidence is never dropped).
      const evidence = [...own, ...general.filter((l) => !own.includes(l))];
      if (evidence.length > 0) b.from(k('standards', 'standards', index, 'evidence'), file, own.length > 0 ? item.key : support.key);
      entries.push({ name: item.text, ...(evidence.length > 0 ? { evidence } : {}) });
    }
    if (entries.length > 0) out.standards.standards = entries;
    else if (general.length > 0) b.note('unmapped', file, support.key, `evidence of standards support (${general.join(', ')}) with no standard named: the declaration attaches evidence to named standards`);
    const practices = at(standards, 'bestPracticesList');
    const practiceEntries: NonNullable<NonNullable<Declaration['standards']>['bestPractices']> = [];
    for (const item of listItems(b, file, practices.key, practices.value)) {
      const own = linksOf(item.text).links.filter((l) => /^https?:/i.test(l) && l !== item.text);
      const index = practiceEntries.length;
      b.from(k('standards', 'bestPractices', index), file, item.key);
      b.from(k('standards', 'bestPractices', index, 'name'), file, item.key);
      if (own.length > 0) b.from(k('standards', 'bestPractices', index, 'evidence'), file, item.key);
      practiceEntries.push({ name: item.text, ...(own.length > 0 ? { evidence: own } : {}) });
    }
    if (practiceEntries.length > 0) out.standards.bestPractices = practiceEntries;
  }

  // 9. Do no harm
  const harm = section('doNoHarm');
  if (harm) {
    const sub = (name: string): { key: string; value: Record<string, unknown> } | undefined => {
      const found = fieldAnyCase(harm.value, name);
      return found && isRecord(found.value) ? { key: `${harm.key}.${found.key}`, value: found.value } : undefined;
    };
    const prevent = sub('preventHarm');
    if (prevent) {
      gate(b, { file, ...at(prevent, 'stepsToPreventHarm') }, 'does the project take steps to anticipate, prevent and do no harm');
      const extra = at(prevent, 'additionalInfoMechanismProcessesPolicies');
      const extraText = textAt(b, file, extra.key, extra.value);
      if (extraText !== undefined) b.note('unmapped', file, extra.key, `additional information on avoiding harm: "${oneLine(extraText)}" (the declaration has no general do-no-harm answer)`);
    }
    readDataPrivacy(b, file, sub('dataPrivacySecurity'), out, at);
    readContent(b, file, sub('inappropriateIllegalContent'), out, at);
    readHarassment(b, file, sub('protectionFromHarassment'), out, at);
  }

  // Locations
  const locations = section('locations');
  if (locations) {
    const deployment = at(locations, 'deploymentCountries');
    const countries = listItems(b, file, deployment.key, deployment.value).map((c) => c.text);
    if (countries.length > 0) {
      out.scale.deployments = countries;
      b.from('scale', file, locations.key);
      b.from('scale.deployments', file, deployment.key);
    }
    const development = at(locations, 'developmentCountries');
    const developed = listItems(b, file, development.key, development.value).map((c) => c.text);
    if (developed.length > 0) b.note('unmapped', file, development.key, `developed in ${developed.join(', ')} (the declaration records where the owner is based, not where it was developed)`);
  }

  for (const key of combined ? [] : Object.keys(data)) {
    if (!SCREENING_KEYS.some((known) => known.toLowerCase() === key.toLowerCase()) && key !== '$schema') {
      b.note('unmapped', file, k(key), `key "${key}" is not part of the screening format`);
    }
  }
}

type At = (s: { key: string; value: Record<string, unknown> }, name: string) => { key: string; value: unknown };

function urlsOfTexts(texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of texts) for (const url of linksOf(text).links.filter((l) => /^https?:/i.test(l))) if (!found.includes(url)) found.push(url);
  return found;
}

function readDataPrivacy(b: ImportBuilder, file: SourceFile, section: { key: string; value: Record<string, unknown> } | undefined, out: Sections, at: At): void {
  if (!section) return;
  const privacy = out.dataPrivacy;
  b.from('doNoHarm', file, section.key.split('.')[0]!);
  b.from('doNoHarm.dataPrivacy', file, section.key);
  const collects = at(section, 'collectsPII');
  const sharing = at(section, 'thirdPartyDataSharing');
  const shares = booleanAnswer(b, file, sharing.key, sharing.value, 'shares PII with third parties');
  const answer = yesNoOf(collects.value);
  let level: HandlingLevel | undefined;
  if (answer === 'no') level = 'none';
  else if (answer === 'yes') {
    // The form asked "collect or store"; the declaration's levels tell them apart. Sharing with third parties is distribution.
    level = shares ? 'collected-stored-distributed' : 'collected-stored';
    b.note('approximated', file, collects.key, `"collects or stores PII: Yes" read as piiLevel ${level}${shares ? ' (PII is shared with third parties)' : ' (the form does not tell collected from stored)'}`);
  } else if (answer !== undefined) {
    b.note('unmapped', file, collects.key, `collects or stores PII: "${typeof answer === 'object' ? excerpt(answer.other) : 'Unknown'}" (the declaration needs one of the four levels)`);
  } else if (typeof collects.value === 'string') b.blank(file, collects.key);
  if (level) {
    privacy.piiLevel = level;
    b.from('doNoHarm.dataPrivacy.piiLevel', file, collects.key);
  }
  const types = at(section, 'typesOfDataCollected');
  const typeItems = listItems(b, file, types.key, types.value);
  if (typeItems.length > 0) {
    privacy.piiTypes = typeItems.map((t) => t.text);
    b.from('doNoHarm.dataPrivacy.piiTypes', file, types.key);
  }
  if (shares !== undefined) {
    privacy.thirdPartySharing = shares;
    b.from('doNoHarm.dataPrivacy.thirdPartySharing', file, sharing.key);
  }
  const circumstances = at(section, 'dataSharingCircumstances');
  const circumstanceItems = listItems(b, file, circumstances.key, circumstances.value);
  if (circumstanceItems.length > 0) b.note('unmapped', file, circumstances.key, `when PII is shared with third parties: ${circumstanceItems.map((c) => `"${oneLine(c.text)}"`).join('; ')} (the declaration has no key for this answer)`);
  gate(b, { file, ...at(section, 'ensurePrivacySecurity') }, 'does the project ensure the privacy, security and integrity of this data');
  const description = at(section, 'privacySecurityDescription');
  const measures = textAt(b, file, description.key, description.value);
  if (measures !== undefined) {
    privacy.measures = measures;
    b.from('doNoHarm.dataPrivacy.measures', file, description.key);
    const urls = urlsOfTexts([measures]);
    if (urls.length > 0) {
      privacy.evidence = urls;
      b.from('doNoHarm.dataPrivacy.evidence', file, description.key);
    }
  }
}

function readContent(b: ImportBuilder, file: SourceFile, section: { key: string; value: Record<string, unknown> } | undefined, out: Sections, at: At): void {
  if (!section) return;
  const content = out.content;
  b.from('doNoHarm', file, section.key.split('.')[0]!);
  b.from('doNoHarm.content', file, section.key);
  const handles = at(section, 'collectStoreDistribute');
  const answer = yesNoOf(handles.value);
  if (answer === 'no') content.contentLevel = 'none';
  else if (answer === 'yes') {
    // "Collect, store or distribute": the declaration's strictest level, so no moderation question is skipped.
    content.contentLevel = 'collected-stored-distributed';
    b.note('approximated', file, handles.key, '"collects, stores or distributes content: Yes" read as contentLevel collected-stored-distributed (the form does not tell the three apart)');
  } else if (answer !== undefined) {
    b.note('unmapped', file, handles.key, `collects, stores or distributes content: "${typeof answer === 'object' ? excerpt(answer.other) : 'Unknown'}" (the declaration needs one of the four levels)`);
  } else if (typeof handles.value === 'string') b.blank(file, handles.key);
  if (content.contentLevel) b.from('doNoHarm.content.contentLevel', file, handles.key);
  const type = at(section, 'type');
  const typeText = textAt(b, file, type.key, type.value);
  if (typeText !== undefined) {
    content.contentTypes = [typeText];
    b.from('doNoHarm.content.contentTypes', file, type.key);
  }
  gate(b, { file, ...at(section, 'contentFilter') }, 'are there policies describing inappropriate content');
  gate(b, { file, ...at(section, 'illegalContentDetection') }, 'are there processes for detecting and moderating inappropriate content');
  const evidence: string[] = [];
  const policy = at(section, 'policyGuidelinesDocumentationLink');
  const policyText = textAt(b, file, policy.key, policy.value);
  if (policyText !== undefined) for (const link of links(b, file, policy.key, policyText)) if (!evidence.includes(link)) evidence.push(link);
  const mechanism = at(section, 'illegalContentDetectionMechanism');
  const moderation = textAt(b, file, mechanism.key, mechanism.value);
  if (moderation !== undefined) {
    content.moderation = moderation;
    b.from('doNoHarm.content.moderation', file, mechanism.key);
    for (const url of urlsOfTexts([moderation])) if (!evidence.includes(url)) evidence.push(url);
  }
  if (evidence.length > 0) {
    content.evidence = evidence;
    b.from('doNoHarm.content.evidence', file, policyText !== undefined ? policy.key : mechanism.key);
  }
}

function readHarassment(b: ImportBuilder, file: SourceFile, section: { key: string; value: Record<string, unknown> } | undefined, out: Sections, at: At): void {
  if (!section) return;
  const harassment = out.harassment;
  b.from('doNoHarm', file, section.key.split('.')[0]!);
  b.from('doNoHarm.harassment', file, section.key);
  const interaction = at(section, 'userInteraction');
  const interacts = booleanAnswer(b, file, interaction.key, interaction.value, 'facilitates interactions with or between users');
  if (interacts !== undefined) {
    harassment.userInteraction = interacts;
    b.from('doNoHarm.harassment.userInteraction', file, interaction.key);
  }
  gate(b, { file, ...at(section, 'addressSafetySecurityUnderageUsers') }, 'does the project address the safety of underage users');
  gate(b, { file, ...at(section, 'griefAbuseHarassmentProtection') }, 'does the project help users protect themselves against harassment');
  const underage = at(section, 'stepsAddressRiskPreventSafetyUnderageUsers');
  const underageItems = listItems(b, file, underage.key, underage.value).map((s) => s.text);
  if (underageItems.length > 0) {
    harassment.underageSafety = underageItems.join('\n');
    b.from('doNoHarm.harassment.underageSafety', file, underage.key);
  }
  const protection = at(section, 'harassmentProtectionSteps');
  const protectionItems = listItems(b, file, protection.key, protection.value).map((s) => s.text);
  if (protectionItems.length > 0) {
    harassment.protection = protectionItems.join('\n');
    b.from('doNoHarm.harassment.protection', file, protection.key);
  }
  const urls = urlsOfTexts([...underageItems, ...protectionItems]);
  if (urls.length > 0) {
    harassment.evidence = urls;
    b.from('doNoHarm.harassment.evidence', file, protectionItems.length > 0 ? protection.key : underage.key);
  }
}

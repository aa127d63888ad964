/**
 * `publiccode.yml` (https://github.com/publiccodeyml/publiccode.yml, core
 * 0.2–0.7 and the deprecated Italian extension) into a declaration:
 *
 * - licence: `legal.license` (an SPDX expression, kept as written);
 * - owner and organisations: `legal.mainCopyrightOwner` (else `repoOwner`,
 *   else `organisation.name`), `organisation`, `maintenance.contractors`,
 *   `fundedBy`; `legal.authorsFile` as ownership evidence;
 * - documentation: `description.<lang>.documentation` and `apiDocumentation`;
 * - indicator 4: `dependsOn.proprietary` (mandatory ones) as closed components
 *   with no open alternative declared yet, `dependsOn.open` as core
 *   technologies; when `dependsOn` is given without proprietary dependencies,
 *   no closed components;
 * - indicators 7 and 8: `supports` (0.7: `alias:gdpr`, `alias:eidas`,
 *   `alias:nis2`, `alias:cra` are laws; `alias:spid`… and URIs are standards)
 *   and the Italian `IT.conforme` / `IT.piattaforme` flags;
 * - scale: `usedBy`, `localisation`, videos and awards as highlights.
 *
 * A publiccode.yml describes software, so the solution type is `software`.
 */
import { formatKeyPath } from '../declaration/load.js';
import type { Declaration } from '../declaration/types.js';
import { ImportBuilder, field, isRecord } from './builder.js';
import { emailsIn, excerpt, oneLine, textOf, uriOf } from './text.js';
import type { ImportResult, SourceFile } from './types.js';

const k = (...segments: (string | number)[]): string => formatKeyPath(segments);

/** Whether a parsed YAML document is a publiccode.yml. */
export function isPubliccode(data: unknown): boolean {
  return isRecord(data) && ('publiccodeYmlVersion' in data || ('legal' in data && 'maintenance' in data));
}

/** `supports` aliases of publiccode.yml 0.7 that name laws (indicator 7); the others name platforms or standards (8). */
const LAW_ALIASES: Readonly<Record<string, string>> = {
  gdpr: 'GDPR (Regulation (EU) 2016/679)',
  eidas: 'eIDAS (Regulation (EU) No 910/2014)',
  nis2: 'NIS2 (Directive (EU) 2022/2555)',
  cra: 'Cyber Resilience Act (Regulation (EU) 2024/2847)',
};
const PLATFORM_ALIASES: Readonly<Record<string, string>> = {
  spid: 'SPID (Italian public digital identity system)',
  cie: 'CIE (Italian electronic identity card)',
  anpr: 'ANPR (Italian national resident population register)',
  pagopa: 'pagoPA (Italian public payments platform)',
  io: 'IO (Italian public services app)',
};
/** The deprecated `IT.conforme` flags. */
const IT_CONFORMITY: Readonly<Record<string, { kind: 'law' | 'standard' | 'practice'; name: string }>> = {
  gdpr: { kind: 'law', name: LAW_ALIASES.gdpr! },
  lineeGuidaDesign: { kind: 'standard', name: 'Linee guida di design per i servizi digitali della PA (L. 4/2004 accessibility)' },
  modelloInteroperabilita: { kind: 'standard', name: 'Linee guida sull\'interoperabilità tecnica delle PA (AgID)' },
  misureMinimeSicurezza: { kind: 'practice', name: 'Misure minime di sicurezza ICT per le PA (AgID)' },
};

/** Top-level keys read above. */
const MAPPED: readonly string[] = [
  'name', 'url', 'landingURL', 'description', 'legal', 'maintenance', 'localisation', 'dependsOn', 'supports', 'organisation',
  'organizationUri', 'usedBy', 'fundedBy', 'IT', 'it',
];

const NOT_MAPPED: readonly string[] = [
  'publiccodeYmlVersion', 'applicationSuite', 'isBasedOn', 'softwareVersion', 'releaseDate', 'logo', 'monochromeLogo', 'inputTypes',
  'outputTypes', 'platforms', 'categories', 'roadmap', 'developmentStatus', 'softwareType', 'intendedAudience',
];

export function importPubliccode(file: SourceFile): ImportResult {
  const b = new ImportBuilder();
  const data = file.data;
  const d: Partial<Declaration> & Record<string, unknown> = {
    $schema: 'https://unpkg.com/dpg-check/schema/declaration.schema.json',
    declarationVersion: 1,
  };
  if (!isRecord(data)) {
    b.note('error', file, '(root)', 'the publiccode.yml is not a mapping of keys');
    return b.finish({ format: 'publiccode', declaration: d, primary: file, files: [file], meta: { slug: slugOf(file.path) } });
  }

  const name = textOf(data.name);
  if (name !== undefined) {
    d.name = name;
    b.from('name', file, 'name');
  }
  d.types = ['software'];
  b.note('normalised', file, '(root)', 'a publiccode.yml describes software: types set to [software]');

  const description = pickLanguage(data.description);
  const aliases: string[] = [];
  for (const [lang, texts] of description.all) {
    const localised = textOf(field(texts, 'localisedName'));
    if (localised !== undefined && localised !== name && !aliases.includes(localised)) {
      b.from(k('aliases', aliases.length), file, k('description', lang, 'localisedName'));
      aliases.push(localised);
    }
  }
  if (aliases.length > 0) d.aliases = aliases;
  if (description.chosen) {
    const [lang, texts] = description.chosen;
    const short = textOf(field(texts, 'shortDescription'));
    if (short !== undefined) {
      d.description = short;
      b.from('description', file, k('description', lang, 'shortDescription'));
    }
    if (textOf(field(texts, 'longDescription')) !== undefined) b.note('unmapped', file, k('description', lang, 'longDescription'), 'the long description has no place in the declaration (description is the short one)');
    const features = field(texts, 'features');
    if (Array.isArray(features) && features.length > 0) b.note('unmapped', file, k('description', lang, 'features'), features.map((f) => textOf(f)).filter(Boolean).join('; '));
    if (description.all.length > 1) b.note('normalised', file, 'description', `the ${lang} description was used (of ${description.all.map(([l]) => l).join(', ')})`);
  }

  const landing = textOf(data.landingURL);
  const landingUri = landing === undefined ? undefined : uriOf(landing);
  if (landingUri) {
    d.website = [landingUri.uri];
    b.from('website', file, 'landingURL');
    b.from('website[0]', file, 'landingURL');
  }

  const url = textOf(data.url);
  const urlUri = url === undefined ? undefined : uriOf(url);
  if (urlUri) {
    d.repositories = [{ url: urlUri.uri }];
    b.from('repositories', file, 'url');
    b.from('repositories[0].url', file, 'url');
  } else if (url !== undefined) b.note('dropped', file, 'url', `"${excerpt(url)}" left out of repositories: not a URL`);

  // 2. Licence
  const legal = isRecord(data.legal) ? data.legal : {};
  const license = textOf(legal.license);
  if (license !== undefined) {
    d.licenses = [{ spdx: license }];
    b.from('licenses', file, 'legal.license');
    b.from('licenses[0]', file, 'legal.license');
    b.from('licenses[0].spdx', file, 'legal.license');
  }

  // 3. Ownership
  const organisation = isRecord(data.organisation) ? data.organisation : undefined;
  const organisationName = textOf(organisation?.name);
  const organisationUri = textOf(organisation?.uri) ?? textOf(data.organizationUri);
  const copyrightOwner = textOf(legal.mainCopyrightOwner);
  const repoOwner = textOf(legal.repoOwner);
  const owner: NonNullable<Declaration['owner']> = {};
  const ownerName = copyrightOwner ?? repoOwner ?? organisationName;
  if (ownerName !== undefined) {
    owner.name = ownerName;
    const key = copyrightOwner !== undefined ? 'legal.mainCopyrightOwner' : repoOwner !== undefined ? 'legal.repoOwner' : 'organisation.name';
    b.from('owner', file, key);
    b.from('owner.name', file, key);
  }
  const ownerWebsite = organisationUri === undefined ? undefined : uriOf(organisationUri);
  if (ownerWebsite && /^https?:/i.test(ownerWebsite.uri) && (organisationName === undefined || organisationName === ownerName)) {
    owner.website = ownerWebsite.uri;
    b.from('owner.website', file, organisation?.uri !== undefined ? 'organisation.uri' : 'organizationUri');
  }
  // An Italian public-administration code (codice iPA) means a public body.
  const italy = isRecord(data.IT) ? { key: 'IT', value: data.IT } : isRecord(data.it) ? { key: 'it', value: data.it } : undefined;
  const ipaKey = organisationUri?.startsWith('urn:x-italian-pa:') ? 'organisation.uri'
    : italy && textOf(field(italy.value.riuso, 'codiceIPA')) !== undefined ? k(italy.key, 'riuso', 'codiceIPA') : undefined;
  if (ipaKey) {
    owner.type = 'government';
    b.from('owner.type', file, ipaKey);
    b.note('normalised', file, ipaKey, 'an Italian public-administration code: owner type set to government');
  }
  const authors = textOf(legal.authorsFile);
  if (authors !== undefined) {
    owner.evidence = [authors];
    b.from('owner.evidence', file, 'legal.authorsFile');
  }
  if (Object.keys(owner).length > 0) d.owner = owner;

  const organizations: NonNullable<Declaration['organizations']> = [];
  const addOrganization = (entry: NonNullable<Declaration['organizations']>[number], key: string): void => {
    if (organizations.some((o) => o.name === entry.name && o.role === entry.role)) return;
    b.from(k('organizations', organizations.length), file, key);
    organizations.push(entry);
  };
  if (organisationName !== undefined) addOrganization({ name: organisationName, role: 'owner', ...(ownerWebsite && /^https?:/i.test(ownerWebsite.uri) ? { website: ownerWebsite.uri } : {}) }, 'organisation');
  else if (copyrightOwner !== undefined) addOrganization({ name: copyrightOwner, role: 'owner' }, 'legal.mainCopyrightOwner');
  if (repoOwner !== undefined && repoOwner !== ownerName) b.note('unmapped', file, 'legal.repoOwner', `the repository is owned by "${excerpt(repoOwner)}", the copyright by "${excerpt(ownerName ?? '')}" (the declaration names one owner)`);
  const maintenance = isRecord(data.maintenance) ? data.maintenance : {};
  const contractors = Array.isArray(maintenance.contractors) ? maintenance.contractors : [];
  contractors.forEach((contractor, index) => {
    const contractorName = textOf(field(contractor, 'name'));
    if (contractorName === undefined) return;
    const website = textOf(field(contractor, 'website'));
    const websiteUri = website === undefined ? undefined : uriOf(website);
    const email = emailsIn(textOf(field(contractor, 'email')) ?? '')[0];
    addOrganization({ name: contractorName, role: 'maintainer', ...(websiteUri ? { website: websiteUri.uri } : {}), ...(email ? { contactEmail: email } : {}) }, k('maintenance', 'contractors', index));
  });
  const contacts = Array.isArray(maintenance.contacts) ? maintenance.contacts : [];
  contacts.forEach((contact, index) => {
    const contactName = textOf(field(contact, 'name'));
    const affiliation = textOf(field(contact, 'affiliation'));
    const email = emailsIn(textOf(field(contact, 'email')) ?? '')[0];
    if (affiliation !== undefined && contactName !== undefined) {
      addOrganization({ name: affiliation, role: 'maintainer', contactName, ...(email ? { contactEmail: email } : {}) }, k('maintenance', 'contacts', index));
    } else if (contactName !== undefined) {
      b.note('unmapped', file, k('maintenance', 'contacts', index), `maintainer contact ${contactName}${email ? ` <${email}>` : ''} has no affiliation (the declaration lists organisations)`);
    } else {
      b.blank(file, k('maintenance', 'contacts', index, 'name'));
    }
  });
  const funders = Array.isArray(data.fundedBy) ? data.fundedBy : [];
  funders.forEach((funder, index) => {
    const funderName = textOf(field(funder, 'name'));
    if (funderName === undefined) return;
    const uri = textOf(field(funder, 'uri'));
    const website = uri === undefined ? undefined : uriOf(uri);
    addOrganization({ name: funderName, role: 'funder', ...(website && /^https?:/i.test(website.uri) ? { website: website.uri } : {}) }, k('fundedBy', index));
  });
  if (textOf(maintenance.type) === 'none') b.note('unmapped', file, 'maintenance.type', 'the software is not actively maintained (maintenance.type: none)');
  if (organizations.length > 0) d.organizations = organizations;

  // 4. Platform independence
  const dependsOn = isRecord(data.dependsOn) ? data.dependsOn : undefined;
  if (dependsOn) {
    const platform: NonNullable<Declaration['platformIndependence']> = {};
    b.from('platformIndependence', file, 'dependsOn');
    const core: string[] = [];
    (Array.isArray(dependsOn.open) ? dependsOn.open : []).forEach((dependency, index) => {
      const named = dependencyName(dependency);
      if (named === undefined || core.includes(named)) return;
      b.from(k('platformIndependence', 'coreTechnologies', core.length), file, k('dependsOn', 'open', index));
      core.push(named);
    });
    if (core.length > 0) platform.coreTechnologies = core;
    const components: NonNullable<NonNullable<Declaration['platformIndependence']>['components']> = [];
    (Array.isArray(dependsOn.proprietary) ? dependsOn.proprietary : []).forEach((dependency, index) => {
      const named = dependencyName(dependency);
      if (named === undefined) return;
      const key = k('dependsOn', 'proprietary', index);
      // An optional proprietary dependency is not a mandatory one: the solution runs without it (DPG Standard, indicator 4).
      if (field(dependency, 'optional') === true) {
        b.note('unmapped', file, key, `optional proprietary dependency ${named}: not a closed component the solution depends on (list it in platformIndependence.components if it is needed in practice)`);
        return;
      }
      b.from(k('platformIndependence', 'components', components.length), file, key);
      b.from(k('platformIndependence', 'components', components.length, 'name'), file, `${key}.name`);
      components.push({ name: named, openAlternatives: [] });
    });
    platform.closedComponents = components.length > 0;
    b.from('platformIndependence.closedComponents', file, Array.isArray(dependsOn.proprietary) ? 'dependsOn.proprietary' : 'dependsOn');
    if (components.length > 0) {
      platform.components = components;
      b.note('normalised', file, 'dependsOn.proprietary', `${components.length} mandatory proprietary ${components.length === 1 ? 'dependency' : 'dependencies'} listed as closed components with no open alternative yet: add each one's openAlternatives and migration`);
    }
    d.platformIndependence = platform;
    const hardware = Array.isArray(dependsOn.hardware) ? dependsOn.hardware.map(dependencyName).filter((n): n is string => n !== undefined) : [];
    if (hardware.length > 0) b.note('unmapped', file, 'dependsOn.hardware', `hardware dependencies: ${hardware.join(', ')}`);
  }

  // 5. Documentation
  const documentation: string[] = [];
  for (const [lang, texts] of description.all) {
    for (const key of ['documentation', 'apiDocumentation']) {
      const link = textOf(field(texts, key));
      if (link !== undefined && !documentation.includes(link)) {
        if (documentation.length === 0) b.from('documentation', file, k('description', lang, key));
        b.from(k('documentation', 'links', documentation.length), file, k('description', lang, key));
        documentation.push(link);
      }
    }
  }
  if (documentation.length > 0) d.documentation = { links: documentation };

  // 7 and 8: supported laws, standards and platforms
  const laws: string[] = [];
  const standards: { name: string; evidence?: string[] }[] = [];
  const practices: { name: string }[] = [];
  const supports = Array.isArray(data.supports) ? data.supports : [];
  supports.forEach((entry, index) => {
    const key = k('supports', index);
    const id = textOf(typeof entry === 'string' ? entry : field(entry, 'id'));
    if (id === undefined) return;
    const alias = /^alias:(.+)$/i.exec(id)?.[1]?.toLowerCase();
    // Own entries only: `alias:__proto__` or `alias:constructor` must not find Object.prototype's.
    const law = alias !== undefined && Object.hasOwn(LAW_ALIASES, alias) ? LAW_ALIASES[alias] : undefined;
    const platform = alias !== undefined && Object.hasOwn(PLATFORM_ALIASES, alias) ? PLATFORM_ALIASES[alias] : undefined;
    if (law) {
      b.from(k('privacy', 'laws', laws.length), file, key);
      laws.push(law);
    } else if (platform) {
      b.from(k('standards', 'standards', standards.length), file, key);
      standards.push({ name: platform });
    } else if (alias) {
      b.from(k('standards', 'standards', standards.length), file, key);
      standards.push({ name: alias });
    } else {
      b.from(k('standards', 'standards', standards.length), file, key);
      standards.push({ name: id, ...(/^https?:\/\//i.test(id) ? { evidence: [id] } : {}) });
    }
  });
  if (italy) {
    const conforme = isRecord(italy.value.conforme) ? italy.value.conforme : {};
    for (const [flag, meaning] of Object.entries(IT_CONFORMITY)) {
      if (conforme[flag] !== true) continue;
      const key = k(italy.key, 'conforme', flag);
      if (meaning.kind === 'law' && !laws.includes(meaning.name)) {
        b.from(k('privacy', 'laws', laws.length), file, key);
        laws.push(meaning.name);
      } else if (meaning.kind === 'standard') {
        b.from(k('standards', 'standards', standards.length), file, key);
        standards.push({ name: meaning.name });
      } else if (meaning.kind === 'practice') {
        b.from(k('standards', 'bestPractices', practices.length), file, key);
        practices.push({ name: meaning.name });
      }
    }
    const platforms = isRecord(italy.value.piattaforme) ? italy.value.piattaforme : {};
    for (const [flag, value] of Object.entries(platforms)) {
      const named = PLATFORM_ALIASES[flag.toLowerCase()];
      if (value !== true || !named || standards.some((s) => s.name === named)) continue;
      b.from(k('standards', 'standards', standards.length), file, k(italy.key, 'piattaforme', flag));
      standards.push({ name: named });
    }
  }
  if (laws.length > 0) {
    d.privacy = { laws };
    b.from('privacy', file, 'supports');
    b.from('privacy.laws', file, 'supports');
  }
  if (standards.length > 0 || practices.length > 0) {
    d.standards = { ...(standards.length > 0 ? { standards } : {}), ...(practices.length > 0 ? { bestPractices: practices } : {}) };
    b.from('standards', file, supports.length > 0 ? 'supports' : italy?.key ?? 'supports');
  }

  // Scale
  const scale: NonNullable<Declaration['scale']> = {};
  const usedBy = (Array.isArray(data.usedBy) ? data.usedBy : []).map((u) => textOf(u)).filter((u): u is string => u !== undefined);
  if (usedBy.length > 0) {
    scale.adopters = usedBy;
    b.from('scale.adopters', file, 'usedBy');
  }
  const localisation = isRecord(data.localisation) ? data.localisation : undefined;
  if (typeof localisation?.localisationReady === 'boolean') {
    scale.multilingual = localisation.localisationReady;
    b.from('scale.multilingual', file, 'localisation.localisationReady');
  }
  const languages = (Array.isArray(localisation?.availableLanguages) ? localisation.availableLanguages : []).map((l) => textOf(l)).filter((l): l is string => l !== undefined);
  if (languages.length > 0) {
    scale.languages = languages;
    b.from('scale.languages', file, 'localisation.availableLanguages');
  }
  const highlights: string[] = [];
  for (const [lang, texts] of description.all) {
    for (const key of ['videos', 'awards']) {
      const list = field(texts, key);
      for (const item of Array.isArray(list) ? list : []) {
        const text = textOf(item);
        if (text !== undefined && !highlights.includes(text)) highlights.push(text);
      }
      if (Array.isArray(list) && list.length > 0 && !b.origins.has('scale.highlights')) b.from('scale.highlights', file, k('description', lang, key));
    }
  }
  if (highlights.length > 0) scale.highlights = highlights;
  if (Object.keys(scale).length > 0) {
    d.scale = scale;
    b.from('scale', file, usedBy.length > 0 ? 'usedBy' : 'localisation');
  }

  for (const key of NOT_MAPPED) {
    if (data[key] === undefined) continue;
    const value = data[key];
    const shown = typeof value === 'string' || typeof value === 'number' ? String(value) : Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') : JSON.stringify(value);
    b.note('unmapped', file, key, excerpt(oneLine(shown), 120));
  }
  for (const key of Object.keys(data)) {
    if (!MAPPED.includes(key) && !NOT_MAPPED.includes(key)) b.note('unmapped', file, k(key), `key "${key}" is not a publiccode.yml key dpg-check knows`);
  }

  return b.finish({ format: 'publiccode', declaration: orderLike(d), primary: file, files: [file], meta: { slug: slugOf(file.path) } });
}

/** The English description, else the first language given. */
function pickLanguage(description: unknown): { chosen?: [string, unknown]; all: [string, unknown][] } {
  if (!isRecord(description)) return { all: [] };
  const all = Object.entries(description).filter(([, texts]) => isRecord(texts));
  const chosen = all.find(([lang]) => /^en(-|$)/i.test(lang)) ?? all[0];
  return { ...(chosen ? { chosen } : {}), all };
}

/** `PostgreSQL 3.2`, `MySQL 1.1–1.3`, from a publiccode.yml dependency. */
function dependencyName(dependency: unknown): string | undefined {
  const name = textOf(typeof dependency === 'string' ? dependency : field(dependency, 'name'));
  if (name === undefined) return undefined;
  const version = textOf(field(dependency, 'version'));
  const min = textOf(field(dependency, 'versionMin'));
  const max = textOf(field(dependency, 'versionMax'));
  if (version !== undefined) return `${name} ${version}`;
  if (min !== undefined && max !== undefined) return `${name} ${min}–${max}`;
  if (min !== undefined) return `${name} ${min}+`;
  if (max !== undefined) return `${name} up to ${max}`;
  return name;
}

const ORDER = ['$schema', 'declarationVersion', 'name', 'aliases', 'types', 'description', 'website', 'repositories', 'sdgs', 'licenses', 'owner', 'organizations', 'platformIndependence', 'documentation', 'dataExtraction', 'privacy', 'standards', 'doNoHarm', 'scale'];

function orderLike(d: Record<string, unknown>): Partial<Declaration> {
  const ordered: Record<string, unknown> = {};
  for (const key of ORDER) if (d[key] !== undefined) ordered[key] = d[key];
  for (const key of Object.keys(d)) if (!(key in ordered)) ordered[key] = d[key];
  return ordered as Partial<Declaration>;
}

function slugOf(file: string): string {
  const base = file.split('/').pop() ?? file;
  return base.replace(/\.(ya?ml|json)$/i, '').replace(/^publiccode$/i, 'publiccode');
}

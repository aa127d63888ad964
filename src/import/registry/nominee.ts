/**
 * The nominee format (`nominees/<slug>.json` or `archive/<slug>.json`): name,
 * licences, SDGs, types, repositories, organisations, stage.
 */
import type { Declaration } from '../../declaration/types.js';
import type { SolutionType } from '../../model.js';
import { field, fieldAnyCase, isRecord, type ImportBuilder } from '../builder.js';
import { emailsIn, excerpt, textOf, uriOf } from '../text.js';
import type { SourceFile } from '../types.js';
import { NOMINEE_KEYS, SCREENING_KEYS, describe, k, links, listItems, textAt, type Sections } from './answers.js';


const TYPE_WORDS: Readonly<Record<string, SolutionType>> = {
  software: 'software', 'open software': 'software', 'open source software': 'software',
  content: 'content', 'open content': 'content',
  data: 'data', 'open data': 'data', dataset: 'data',
  aimodel: 'aimodel', 'ai model': 'aimodel', 'ai-model': 'aimodel', ai: 'aimodel', 'open ai model': 'aimodel', 'ai system': 'aimodel',
  standard: 'standard', 'open standard': 'standard',
};

type Role = NonNullable<Declaration['organizations']>[number]['role'];
const ROLES: readonly Role[] = ['owner', 'maintainer', 'funder', 'implementer', 'partner'];

// ---------------------------------------------------------------------------
// The nominee format

export function readNominee(b: ImportBuilder, file: SourceFile, out: Sections, combined: boolean): void {
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

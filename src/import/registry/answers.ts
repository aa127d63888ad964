/**
 * What both registry formats' readers share: the declaration's sections while
 * they are filled, and the readers of one answer (a list, a text, a Yes/No).
 */
import { formatKeyPath } from '../../declaration/load.js';
import type { Declaration } from '../../declaration/types.js';
import type { SolutionType } from '../../model.js';
import { isRecord, type ImportBuilder } from '../builder.js';
import { excerpt, isPlaceholder, linksOf, textOf, yesNoOf, type YesNo } from '../text.js';
import type { SourceFile } from '../types.js';

/** The top-level keys of each registry format (a combined file may hold both). */
export const NOMINEE_KEYS = ['name', 'aliases', 'description', 'website', 'license', 'SDGs', 'sectors', 'type', 'repositories', 'organizations', 'stage'];
export const SCREENING_KEYS = ['name', 'clearOwnership', 'platformIndependence', 'documentation', 'NonPII', 'privacy', 'standards', 'doNoHarm', 'locations'];

/** A section of the screening form: its key path and its answers. */
export interface Section {
  key: string;
  value: Record<string, unknown>;
}

/** An answer inside a section, looked up in any casing. */
export type At = (s: Section, name: string) => { key: string; value: unknown };

/** What every screening section reader is given. */
export interface ScreeningReader {
  b: ImportBuilder;
  file: SourceFile;
  out: Sections;
  at: At;
  /** The nominee file, when there is one (the owner's name comes from it). */
  nominee: SourceFile | undefined;
}

export /** The declaration's sections while they are filled, assembled in schema order at the end. */
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

export const k = (...segments: (string | number)[]): string => formatKeyPath(segments);

/** The items of a list answer with their keys; blanks and placeholders are noted and left out. */
export function listItems(b: ImportBuilder, file: SourceFile, key: string, value: unknown): { text: string; key: string }[] {
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
export function textAt(b: ImportBuilder, file: SourceFile, key: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = textOf(value);
  if (text === undefined || isPlaceholder(text)) {
    if (typeof value === 'string' || value === null) b.blank(file, key);
    else b.note('dropped', file, key, `${describe(value)} left out: expected text`);
    return undefined;
  }
  return text;
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a mapping';
  return JSON.stringify(value);
}

/** Evidence links out of a field, with a `normalised` note when they had to be taken out of text. */
export function links(b: ImportBuilder, file: SourceFile, key: string, text: string): string[] {
  const reading = linksOf(text);
  if (reading.change) b.note('normalised', file, key, reading.change);
  return reading.links;
}

export interface Gate {
  file: SourceFile;
  key: string;
  value: unknown;
}

/** A Yes/No answer that has no declaration key: "Yes" is implied by the answers that follow it; anything else is kept as a note. */
export function gate(b: ImportBuilder, { file, key, value }: Gate, question: string): YesNo | undefined {
  const answer = yesNoOf(value);
  if (answer === undefined || answer === 'yes') return answer;
  const shown = typeof answer === 'object' ? `"${excerpt(answer.other)}"` : `"${answer === 'no' ? 'No' : 'Unknown'}"`;
  b.note('unmapped', file, key, `${question}: ${shown} (the declaration has no key for this answer)`);
  return typeof answer === 'object' ? undefined : answer;
}

/** A Yes/No answer mapped to a boolean key. */
export function booleanAnswer(b: ImportBuilder, file: SourceFile, key: string, value: unknown, question: string): boolean | undefined {
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

export function urlsOfTexts(texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of texts) for (const url of linksOf(text).links.filter((l) => /^https?:/i.test(l))) if (!found.includes(url)) found.push(url);
  return found;
}

/**
 * The screening format (`digitalpublicgoods/<slug>.json`, indicators 3–9): one
 * reader per section of the form, called in the form's order.
 */
import type { Declaration } from '../../declaration/types.js';
import { fieldAnyCase, isRecord, type ImportBuilder } from '../builder.js';
import { readAlternatives } from '../alternatives.js';
import { excerpt, linksOf, oneLine, textOf, withoutBullet, yesNoOf } from '../text.js';
import type { SourceFile } from '../types.js';
import { SCREENING_KEYS, booleanAnswer, describe, gate, k, links, listItems, textAt, type ScreeningReader, type Section, type Sections } from './answers.js';
import { readDoNoHarm } from './do-no-harm.js';


export function readScreening(b: ImportBuilder, file: SourceFile, out: Sections, nominee: SourceFile | undefined, combined: boolean): void {
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

  const reader: ScreeningReader = { b, file, out, at, nominee };
  for (const [sectionKey, read] of INDICATOR_READERS) {
    const found = section(sectionKey);
    if (found) read(reader, found);
  }

  for (const key of combined ? [] : Object.keys(data)) {
    if (!SCREENING_KEYS.some((known) => known.toLowerCase() === key.toLowerCase()) && key !== '$schema') {
      b.note('unmapped', file, k(key), `key "${key}" is not part of the screening format`);
    }
  }
}

/** 3. Clear ownership. */
function readOwnership({ b, file, out, at, nominee }: ScreeningReader, ownership: Section): void {
  gate(b, { file, ...at(ownership, 'isOwnershipExplicit') }, 'is ownership clearly defined and documented');
  const copyright = at(ownership, 'copyrightURL');
  const copyrightText = textAt(b, file, copyright.key, copyright.value);
  if (copyrightText !== undefined) {
    out.owner.evidence = links(b, file, copyright.key, copyrightText);
    if (!nominee || out.owner.name === undefined) b.from('owner', file, ownership.key);
    b.from('owner.evidence', file, copyright.key);
  }
}

/** 4. Platform independence. */
function readPlatformIndependence({ b, file, out, at }: ScreeningReader, platform: Section): void {
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
    // The answer itself, in words, after the components read out of it: what a reviewer reads (dpg-4-01 passes on it
    // when no component is listed).
    out.platformIndependence.description = descriptionText;
    b.from('platformIndependence.description', file, description.key);
  }
}

/** 5. Documentation. */
function readDocumentation({ b, file, out, at }: ScreeningReader, documentation: Section): void {
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

/** 6. Data extraction. */
function readDataExtraction({ b, file, out, at }: ScreeningReader, nonPii: Section): void {
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

/** 7. Privacy and applicable laws. */
function readPrivacy({ b, file, out, at }: ScreeningReader, privacy: Section): void {
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

/** 8. Standards and best practices. */
function readStandards({ b, file, out, at }: ScreeningReader, standards: Section): void {
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

/** Locations (deployment countries). */
function readLocations({ b, file, out, at }: ScreeningReader, locations: Section): void {
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

/** The form's sections in its order, each with its reader. */
const INDICATOR_READERS: readonly (readonly [string, (reader: ScreeningReader, section: Section) => void])[] = [
  ['clearOwnership', readOwnership],
  ['platformIndependence', readPlatformIndependence],
  ['documentation', readDocumentation],
  ['NonPII', readDataExtraction],
  ['privacy', readPrivacy],
  ['standards', readStandards],
  ['doNoHarm', readDoNoHarm],
  ['locations', readLocations],
];

/**
 * dpg-4-02 core-technologies-open: the declared core technologies are checked
 * against the components the DPGA's platform-independence guide names as
 * closed or source-available (MongoDB, Firebase, Elasticsearch and Kibana
 * 7.11–8.15, Redis 7.4–7.x, Mapbox GL JS 2+) and the well-known cloud-only
 * services and proprietary SDKs of closed-components.json, with their open
 * alternatives. Names match exactly; a version decides where only some
 * versions are closed, and its absence is a gap. Dependency manifests are not
 * scanned here: this compares the declaration with the guide.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { declared, isAnswered, listOf, REQUIREMENT } from '../../src/helpers.js';
import { KNOWN_CLOSED, describeClosedVersions, knownClosed, normaliseName, parseTechnology, versionStatus, type KnownClosedComponent } from '../lib/known-closed.js';
import { QUESTION_CLOSED, QUESTION_CORE } from '../lib/platform.js';

export const coreTechnologiesOpen = defineRuleDraft({
  meta: {
    id: 'dpg-4-02',
    alias: 'core-technologies-open',
    level: 'requirement',
    requirement: REQUIREMENT['4'],
    policy: { fail: 'a declared core technology is a known closed component the declaration calls open', gap: 'a declared core technology may be closed (version-dependent, or not listed as closed)' },
    title: 'Declared core technologies are not known closed components',
    appliesTo: 'all',
    motivation: 'The DPGA\'s platform-independence guide names common dependencies that are closed or source-available; a solution depending on one needs an open alternative to stay independent of it.',
    messages: {
      noneKnownClosed: 'None of the declared core technologies ({technologies}) is a known closed component ({known}: the platform-independence guide\'s examples and well-known cloud-only services). Only declared names are compared here; dpg-4-03 reads the dependency manifests.',
      openVersion: '{technology}: {license} applies to {closedVersions}, not to the declared version. {openFrom}',
      closedListed: '{technology} is a known closed component ({license}) and is declared among the closed components, with its alternatives checked by dpg-4-01.',
      noDeclaration: `No declaration file: create dpg.yml (\`dpg-check init\`) and answer "${QUESTION_CORE}" in \`platformIndependence.coreTechnologies\`.`,
      noCoreTechnologies: `No core technologies are declared, so none is compared with the guide's closed components ("${QUESTION_CORE}" is optional; answering it in \`platformIndependence.coreTechnologies\` lets this check run).`,
      closedButDeclaredOpen: '{technology} is declared as a core technology, but {source} names it as closed: {license}. The declaration says there are no closed components (`platformIndependence.closedComponents: false`). Replace it, or declare it in `platformIndependence.components` with open alternatives such as {alternatives}.{note}',
      closedNotListed: '{technology} is a known closed component ({license}) but is not listed in `platformIndependence.components`: add it there with open alternatives such as {alternatives} and how to migrate.{note}',
      closedUnanswered: `{technology} is a known closed component ({license}): answer "${QUESTION_CLOSED}" in \`platformIndependence.closedComponents\` (true) and list it in \`platformIndependence.components\` with open alternatives such as {alternatives}.{note}`,
      versionNeeded: '{technology}: {closedVersions} are not openly licensed ({license}), and the declared "{declared}" does not say which version is used: write the version in `{key}` (e.g. "{example}"). {openFrom}',
    },
    remediation: 'Replace closed core technologies with the open alternatives the DPGA suggests (e.g. FerretDB or PostgreSQL for MongoDB, Supabase or Appwrite for Firebase, OpenSearch for Elasticsearch, Valkey for Redis, MapLibre GL JS for Mapbox GL JS), or declare them in `platformIndependence.components` with open alternatives and migration instructions; state versions in `platformIndependence.coreTechnologies`.',
  },
  check(context: RuleContext): RuleOutcome[] {
    const { declaration } = context;
    if (declaration.data === undefined) return [{ status: 'gap', messageId: 'noDeclaration', evidence: [declared(declaration, 'platformIndependence.coreTechnologies')] }];
    const platform = declaration.data.platformIndependence;
    const core = (Array.isArray(platform?.coreTechnologies) ? platform.coreTechnologies : [])
      .map((text, index) => ({ text, index }))
      .filter((t): t is { text: string; index: number } => typeof t.text === 'string' && isAnswered(t.text));
    if (core.length === 0) return [{ status: 'n/a', messageId: 'noCoreTechnologies', evidence: [declared(declaration, 'platformIndependence.coreTechnologies')] }];
    const listedNames = new Set((Array.isArray(platform?.components) ? platform.components : [])
      .filter((c) => typeof c?.name === 'string')
      .map((c) => parseTechnology(c.name).name));
    const closedAnswer = platform?.closedComponents;
    const outcomes: RuleOutcome[] = [];
    for (const { text, index } of core) {
      const technology = parseTechnology(text);
      const component = knownClosed(technology);
      if (!component) continue;
      const key = `platformIndependence.coreTechnologies[${index}]`;
      const evidence = [declared(declaration, key)];
      const data = describe(component, text.trim());
      const status = versionStatus(component, technology.version);
      if (status === 'open') {
        outcomes.push({ status: 'pass', messageId: 'openVersion', data, evidence });
        continue;
      }
      const listed = component.names.some((n) => listedNames.has(normaliseName(n))) || listedNames.has(technology.name);
      if (closedAnswer === true && listed) {
        outcomes.push({ status: 'pass', messageId: 'closedListed', data, evidence: [...evidence, declared(declaration, 'platformIndependence.components')] });
      } else if (status === 'unknown') {
        outcomes.push({ status: 'gap', messageId: 'versionNeeded', data: { ...data, declared: text.trim(), key, example: exampleVersion(component, technology.name) }, evidence });
      } else if (closedAnswer === false) {
        outcomes.push({ status: 'fail', messageId: 'closedButDeclaredOpen', data, evidence: [...evidence, declared(declaration, 'platformIndependence.closedComponents')] });
      } else if (closedAnswer === true) {
        outcomes.push({ status: 'gap', messageId: 'closedNotListed', data, evidence });
      } else {
        outcomes.push({ status: 'gap', messageId: 'closedUnanswered', data, evidence });
      }
    }
    if (outcomes.length === 0) {
      const names = KNOWN_CLOSED.map((c) => c.names[0] as string);
      const known = listOf(names.length > 6 ? [...names.slice(0, 6), `${names.length - 6} more`] : names);
      outcomes.push({ status: 'pass', messageId: 'noneKnownClosed', data: { technologies: listOf(core.map((t) => t.text.trim())), known }, evidence: [declared(declaration, 'platformIndependence.coreTechnologies')] });
    }
    return outcomes;
  },
});

function describe(component: KnownClosedComponent, technology: string): Record<string, string> {
  return {
    technology,
    license: component.license,
    closedVersions: describeClosedVersions(component),
    alternatives: anyOf(component.alternatives),
    source: component.alternativesFrom === 'dpg-check' ? 'dpg-check\'s table of closed components' : 'the DPGA\'s platform-independence guide',
    openFrom: component.openFrom ?? '',
    note: component.note ? ` ${component.note}` : '',
  };
}

/** "A, B or C" for alternatives. */
function anyOf(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] as string}`;
}

/** "Redis 8.0": a version outside the closed range, to show the expected form. */
function exampleVersion(component: KnownClosedComponent, name: string): string {
  const range = component.closedVersions?.[0];
  const display = component.names.find((n) => normaliseName(n) === name) ?? component.names[0] ?? name;
  return `${display} ${range?.before ?? range?.from ?? '1.0'}`;
}

/**
 * dpg-2-05 ai-components-licensed: an AI system publishes its model weights,
 * training code and training data, each under an approved open licence
 * (DPG Standard 1.1.7, "mandatory components for AI systems"). Each part is
 * read from `aiSystem.<part>` (location + licence) and from `licenses[]`
 * entries scoped to it (`appliesTo: model-weights | training-code | training-data`).
 */
import { defineRule, isUrl, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/model.js';
import { judgeLicense, type LicenseKind } from '../../src/licenses/policy.js';
import { STANDARD, checkLinks, declared, guidanceUrl, linkEvidence, REQUIREMENT } from '../shared.js';
import { APPROVED_LICENSES, APPROVED_LIST_URL, alternativesFor, declaredLicenses } from './licensing.js';

const PARTS = [
  { key: 'modelWeights', part: 'model-weights', name: 'model weights', kind: 'model-weights' },
  { key: 'trainingCode', part: 'training-code', name: 'training code', kind: 'training-code' },
  { key: 'trainingData', part: 'training-data', name: 'training data', kind: 'training-data' },
] as const satisfies readonly { key: string; part: string; name: string; kind: LicenseKind }[];

export const aiComponentsLicensed = defineRule({
  meta: {
    id: 'dpg-2-05',
    alias: 'ai-components-licensed',
    indicator: '2',
    level: 'requirement',
    requirement: REQUIREMENT['ai'],
    title: 'AI model weights, training code and training data are openly licensed',
    appliesTo: ['aimodel'],
    standardVersion: STANDARD,
    motivation: 'Since DPG Standard 1.1.7 an AI system qualifies only when its model weights, its training code and its training data are all published under approved open licences.',
    messages: {
      open: 'The {name}: published at {location}; {reason}.',
      noDeclaration: 'No declaration file: create dpg.yml (`dpg-check init`) and declare where the model weights, training code and training data are published and under which licence, in `aiSystem.modelWeights`, `aiSystem.trainingCode` and `aiSystem.trainingData` (`location`, `license`).',
      partMissing: 'Nothing is declared for the {name}: DPG Standard 1.1.7 requires AI systems to publish open {name}. Add `aiSystem.{key}` with `location` and `license` (an approved licence such as {alternatives}).',
      noLocation: 'The {name}: a licence is declared but no location: say where they are published in `aiSystem.{key}.location` (a URL, or a path in the repository).',
      locationMissing: 'The {name}: the location {location} is not in the candidate: correct `aiSystem.{key}.location` or publish them there.',
      locationOutside: 'The {name}: the location {location} points outside the candidate and is never read: give a URL or a path inside the repository in `aiSystem.{key}.location`.',
      noLicense: 'The {name}: no licence is declared: declare it in `aiSystem.{key}.license` (an approved licence such as {alternatives}).',
      notApproved: '{reason} (`{at}`). DPG Standard 1.1.7 requires openly licensed {name}: use an approved licence, e.g. {alternatives} (full list: {listUrl}).',
      unparseable: '{reason} (`{at}`).',
    },
    remediation: 'Publish the model weights, the training code and the training data, each under an approved open licence (weights e.g. Apache-2.0 or CC-BY-4.0, code an OSI licence, data e.g. CC-BY-4.0 or ODbL-1.0), and declare location and licence of each in `aiSystem` of dpg.yml.',
    docsUrl: guidanceUrl('2'),
  },
  check(context: RuleContext): RuleOutcome[] {
    const { declaration, snapshot } = context;
    if (declaration.data === undefined) return [{ status: 'gap', messageId: 'noDeclaration', evidence: [declared(declaration, 'aiSystem')] }];
    const ai = declaration.data.aiSystem;
    const scoped = declaredLicenses(declaration);
    const outcomes: RuleOutcome[] = [];
    for (const { key, part, name, kind } of PARTS) {
      const entry = ai?.[key];
      const location = typeof entry?.location === 'string' && entry.location.trim() !== '' ? entry.location.trim() : undefined;
      const licenses: { spdx: string; at: string }[] = [
        ...(typeof entry?.license === 'string' && entry.license.trim() !== '' ? [{ spdx: entry.license.trim(), at: `aiSystem.${key}.license` }] : []),
        ...scoped.filter((l) => l.appliesTo === part).map((l) => ({ spdx: l.spdx, at: `licenses[${l.index}].spdx` })),
      ];
      const base = { name, key, alternatives: alternativesFor(kind) };
      if (!location && licenses.length === 0) {
        outcomes.push({ status: 'fail', messageId: 'partMissing', data: base, evidence: [declared(declaration, entry ? `aiSystem.${key}` : 'aiSystem')] });
        continue;
      }
      const locationEvidence: Evidence[] = [];
      if (!location) {
        outcomes.push({ status: 'gap', messageId: 'noLocation', data: base, evidence: [declared(declaration, `aiSystem.${key}`)] });
      } else if (!isUrl(location)) {
        const links = checkLinks([location], snapshot);
        const at = declared(declaration, `aiSystem.${key}.location`);
        if (links.outside.length > 0) outcomes.push({ status: 'fail', messageId: 'locationOutside', data: { ...base, location }, evidence: [at] });
        else if (links.missing.length > 0) outcomes.push({ status: 'gap', messageId: 'locationMissing', data: { ...base, location }, evidence: [at] });
        else locationEvidence.push(at, ...linkEvidence(links.good));
      } else {
        locationEvidence.push(declared(declaration, `aiSystem.${key}.location`), { kind: 'url', url: location });
      }
      if (licenses.length === 0) {
        outcomes.push({ status: 'gap', messageId: 'noLicense', data: base, evidence: [declared(declaration, `aiSystem.${key}`)] });
        continue;
      }
      for (const license of licenses) {
        const judgement = judgeLicense(license.spdx, kind, APPROVED_LICENSES);
        const evidence = [declared(declaration, license.at)];
        if (judgement.verdict === 'not-approved') {
          outcomes.push({ status: 'fail', messageId: 'notApproved', data: { ...base, reason: judgement.reason, at: license.at, listUrl: APPROVED_LIST_URL }, evidence });
        } else if (judgement.verdict === 'unparseable') {
          outcomes.push({ status: 'gap', messageId: 'unparseable', data: { reason: judgement.reason, at: license.at }, evidence });
        } else if (location && locationEvidence.length > 0) {
          outcomes.push({ status: 'pass', messageId: 'open', data: { name, location, reason: judgement.reason }, evidence: [...evidence, ...locationEvidence] });
        }
      }
    }
    return outcomes;
  },
});


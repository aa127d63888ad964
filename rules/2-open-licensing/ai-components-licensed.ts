/**
 * dpg-2-05 ai-components-licensed: an AI system publishes its model weights,
 * training code and training data, each under an approved open licence
 * (DPG Standard 1.1.7, "mandatory components for AI systems",
 * https://github.com/DPGAlliance/dpg-standard/issues/193). Each part is read
 * from `aiSystem.<part>` (location + licence) and from `licenses[]` entries
 * scoped to it (`appliesTo: model-weights | training-code | training-data`).
 *
 * Policy (issue 14): a part with no answer is a gap, never a fail: the rule
 * then looks in the repository for it (training scripts and notebooks, model
 * files, links to published weights or data sets, data folders and their
 * licences, see ai-components.json) and reports what it found. Training code
 * or model files in the candidate's own tree under its approved project
 * licence pass on that evidence. Only a part declared closed or unlicensed
 * (a declared licence that is not approved, `NONE`, `UNLICENSED`) fails.
 */
import { defineRuleDraft, isUrl, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence, IdentifiedLicense } from '../../src/rule-api.js';
import type { LicenseKind } from '../../src/helpers.js';
import { lineIndex } from '../../src/helpers.js';
import { sortEvidenceLinks, declared, fileEvidence, linkEvidence, listOf, readText, REQUIREMENT } from '../../src/helpers.js';
import { APPROVED_LICENSES, APPROVED_LIST_URL, alternativesFor, confirmedLicenses, declaredLicenses, foundEvidence, foundWhere } from '../lib/licensing.js';
import table from './ai-components.json' with { type: 'json' };

const PARTS = [
  { key: 'modelWeights', part: 'model-weights', name: 'model weights', kind: 'model-weights' },
  { key: 'trainingCode', part: 'training-code', name: 'training code', kind: 'training-code' },
  { key: 'trainingData', part: 'training-data', name: 'training data', kind: 'training-data' },
] as const satisfies readonly { key: string; part: string; name: string; kind: LicenseKind }[];

export const aiComponentsLicensed = defineRuleDraft({
  meta: {
    id: 'dpg-2-05',
    alias: 'ai-components-licensed',
    level: 'requirement',
    requirement: REQUIREMENT['ai'],
    policy: { fail: 'a model-weights, training-code or training-data component is declared under no licence or one not approved for it', gap: 'a component is not declared (what the repository shows is reported), or its location is outside the candidate' },
    title: 'AI model weights, training code and training data are openly licensed',
    appliesTo: ['aimodel'],
    motivation: 'Since DPG Standard 1.1.7 an AI system qualifies only when its model weights, its training code and its training data are all published under approved open licences.',
    messages: {
      open: 'The {name}: published at {location}; {reason}.',
      noDeclaration: 'No declaration file: create dpg.yml (`dpg-check init`) and declare where the model weights, training code and training data are published and under which licence, in `aiSystem.modelWeights`, `aiSystem.trainingCode` and `aiSystem.trainingData` (`location`, `license`).',
      notFound: 'Nothing is declared for the {name}, and the repository shows none ({looked}). DPG Standard 1.1.7 requires AI systems to publish open {name}: declare their location and licence in `aiSystem.{key}` (`location` and `license`, an approved licence such as {alternatives}).',
      foundUndeclared: 'Nothing is declared for the {name}; the repository shows {found}{licence}. A reviewer confirms these are the {name} and their licence: declare them in `aiSystem.{key}` (`location` and `license`, an approved licence such as {alternatives}).',
      foundOpen: 'The {name}: not declared, but the repository holds {found}, under the project licence {spdx} ({where}); {reason}. Declare them in `aiSystem.{key}` (`location`, `license`) so the answer is on record.',
      noLocation: 'The {name}: a licence is declared but no location: say where they are published in `aiSystem.{key}.location` (a URL, or a path in the repository).',
      locationMissing: 'The {name}: the location {location} is not in the candidate: correct `aiSystem.{key}.location` or publish them there.',
      locationOutside: 'The {name}: the location {location} points outside the candidate and was not read: give a URL or a path inside the repository in `aiSystem.{key}.location`.',
      noLicense: 'The {name}: no licence is declared: declare it in `aiSystem.{key}.license` (an approved licence such as {alternatives}).',
      notApproved: '{reason} (`{at}`). DPG Standard 1.1.7 requires openly licensed {name}: use an approved licence, e.g. {alternatives} (full list: {listUrl}).',
      unparseable: '{reason} (`{at}`).',
    },
    remediation: 'Publish the model weights, the training code and the training data, each under an approved open licence (weights e.g. Apache-2.0 or CC-BY-4.0, code an OSI licence, data e.g. CC-BY-4.0 or ODbL-1.0), and declare location and licence of each in `aiSystem` of dpg.yml.',
  },
  check(context: RuleContext): RuleOutcome[] {
    const { declaration, snapshot } = context;
    if (declaration.data === undefined) return [{ status: 'gap', messageId: 'noDeclaration', evidence: [declared(declaration, 'aiSystem')] }];
    const ai = declaration.data.aiSystem;
    const scoped = declaredLicenses(declaration);
    const outcomes: RuleOutcome[] = [];
    const sightings = lookInRepository(context);
    for (const { key, part, name, kind } of PARTS) {
      const entry = ai?.[key];
      const location = typeof entry?.location === 'string' && entry.location.trim() !== '' ? entry.location.trim() : undefined;
      const licenses: { spdx: string; at: string }[] = [
        ...(typeof entry?.license === 'string' && entry.license.trim() !== '' ? [{ spdx: entry.license.trim(), at: `aiSystem.${key}.license` }] : []),
        ...scoped.filter((l) => l.appliesTo === part).map((l) => ({ spdx: l.spdx, at: `licenses[${l.index}].spdx` })),
      ];
      const base = { name, key, alternatives: alternativesFor(kind) };
      if (!location && licenses.length === 0) {
        // No answer: a gap, with what the repository shows (DPG Standard 1.1.7, #193; issue 14).
        outcomes.push(undeclared(context, { key, name, kind }, sightings[key], declared(declaration, entry ? `aiSystem.${key}` : 'aiSystem')));
        continue;
      }
      const locationEvidence: Evidence[] = [];
      if (!location) {
        outcomes.push({ status: 'gap', messageId: 'noLocation', data: base, evidence: [declared(declaration, `aiSystem.${key}`)] });
      } else if (!isUrl(location)) {
        const links = sortEvidenceLinks([location], snapshot);
        const at = declared(declaration, `aiSystem.${key}.location`);
        if (links.outside.length > 0) outcomes.push({ status: 'gap', messageId: 'locationOutside', data: { ...base, location }, evidence: [at] });
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
        const judgement = context.facts.judgeLicense(license.spdx, kind, APPROVED_LICENSES);
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

// ---------------------------------------------------------------------------
// What the repository shows of a part nobody declared

type PartKey = (typeof PARTS)[number]['key'];

interface Sighting {
  /** "train.py", "3 model files in models/", "a Hugging Face link in README.md line 12". */
  what: string;
  evidence: Evidence[];
  /** In the candidate's own tree, so under its licence unless a licence beside it says otherwise. */
  inTree: boolean;
  /** A licence found in the sighting's own folder (a data folder's LICENSE). */
  license?: IdentifiedLicense;
}

const TRAINING_FILES = table.trainingCodeFiles.map((p) => new RegExp(p, 'i'));
const TRAINING_DIR = new RegExp(table.trainingCodeDirs, 'i');
const NOTEBOOK = new RegExp(table.notebook, 'i');
const TRAINING_MARKERS = new RegExp(table.trainingMarkers);
const CODE_FILE = /\.(py|r|jl|ipynb)$/i;
const WEIGHT_FILE = new RegExp(table.weightFiles, 'i');
const DATA_DIR = new RegExp(table.dataDirs, 'i');
const LINK_FILES = new RegExp(table.linkFiles, 'i');
const LINKS = table.links.map((l) => ({ re: new RegExp(l.pattern, 'gi'), parts: l.parts as PartKey[], host: l.host, needsContext: 'needsContext' in l && l.needsContext === true }));
const WEIGHT_WORDS = new RegExp(table.weightWords, 'i');
const DATA_WORDS = new RegExp(table.dataWords, 'i');
/** Notebooks read for training calls, at most (a notebook is read whole). */
const MAX_NOTEBOOKS = 40;
const SHOWN = 4;

const LOOKED: Readonly<Record<PartKey, string>> = {
  modelWeights: 'no model files such as .h5, .pt, .onnx, .pkl, .tflite or .safetensors, and no link to published weights on Hugging Face, Kaggle, Zenodo or Google Drive in the README or docs',
  trainingCode: 'no training script (train*.py), training notebook or training/ folder',
  trainingData: 'no data/ or dataset/ folder, and no link to a published data set in the README or docs',
};

function lookInRepository(context: RuleContext): Record<PartKey, Sighting[]> {
  const { snapshot, facts } = context;
  const own = snapshot.paths.filter((p) => facts.paths.isOwn(p));
  const found: Record<PartKey, Sighting[]> = { modelWeights: [], trainingCode: [], trainingData: [] };

  // Training code: scripts named for training, a training folder, notebooks that train.
  const named = own.filter((p) => TRAINING_FILES.some((re) => re.test(p)));
  for (const path of named.slice(0, SHOWN)) found.trainingCode.push({ what: path, evidence: [fileEvidence(path)], inTree: true });
  if (named.length > SHOWN) found.trainingCode.push({ what: `${named.length - SHOWN} more training scripts`, evidence: [], inTree: true });
  const dirs = groupByFolder(own.filter((p) => CODE_FILE.test(p) && !named.includes(p)), TRAINING_DIR);
  for (const [folder, files] of dirs) found.trainingCode.push({ what: `${folder} (${count(files.length, 'code file')})`, evidence: [fileEvidence(files[0] as string)], inTree: true });
  const notebooks = own.filter((p) => NOTEBOOK.test(p) && !named.includes(p) && ![...dirs.values()].some((files) => files.includes(p)));
  for (const path of notebooks.slice(0, MAX_NOTEBOOKS)) {
    const text = readText(snapshot, path);
    const match = text === undefined ? null : TRAINING_MARKERS.exec(text);
    if (!match || text === undefined) continue;
    const line = lineIndex(text).lineOf(match.index);
    found.trainingCode.push({ what: `the notebook ${path} (it trains a model: \`${match[0]}\`)`, evidence: [fileEvidence(path, { line, excerpt: match[0] })], inTree: true });
  }

  // Model weights: serialised models in the tree.
  const weights = own.filter((p) => WEIGHT_FILE.test(p));
  if (weights.length > 0) {
    found.modelWeights.push({
      what: weights.length === 1 ? `the model file ${weights[0] as string}` : `${weights.length} model files (${listOf(weights.slice(0, SHOWN))}${weights.length > SHOWN ? ', …' : ''})`,
      evidence: weights.slice(0, SHOWN).map((p) => fileEvidence(p)),
      inTree: true,
    });
  }

  // Training data: data folders, with a licence of their own when they have one.
  const licences = confirmedLicenses(facts);
  for (const [folder, files] of groupByFolder(own, DATA_DIR)) {
    const license = licences.find((l) => l.path.startsWith(folder));
    const licenceFile = facts.licenseFiles.find((p) => p.startsWith(folder));
    const licenceText = license ? `, with its own licence ${license.spdx} (${foundWhere(license)})` : licenceFile ? `, with a licence file ${licenceFile} that could not be identified` : '';
    found.trainingData.push({
      what: `the data folder ${folder} (${count(files.length, 'file')}${licenceText})`,
      evidence: [fileEvidence(license?.path ?? licenceFile ?? (files[0] as string))],
      inTree: true,
      ...(license ? { license } : {}),
    });
  }

  // Links to published weights and data sets, in the README, model cards and docs.
  const linkFiles = snapshot.paths.filter((p) => LINK_FILES.test(p) && ['own', 'docs-site'].includes(facts.paths.classOf(p)));
  const seen = new Set<string>();
  for (const path of linkFiles.slice(0, 60)) {
    const text = readText(snapshot, path);
    if (text === undefined) continue;
    text.split(/\r?\n/).forEach((lineText, index) => {
      for (const link of LINKS) {
        for (const match of lineText.matchAll(link.re)) {
          const url = match[0].replace(/[).,;\]]+$/, '');
          const weightsSaid = WEIGHT_WORDS.test(lineText);
          const dataSaid = DATA_WORDS.test(lineText);
          if (link.needsContext && !weightsSaid && !dataSaid) continue;
          let parts = link.parts;
          if (parts.length > 1 && weightsSaid !== dataSaid) parts = parts.filter((p) => (p === 'modelWeights' ? weightsSaid : dataSaid));
          for (const part of parts) {
            if (seen.has(`${part} ${url}`)) continue;
            seen.add(`${part} ${url}`);
            found[part].push({ what: `a ${link.host} link in ${path} line ${index + 1} (${url}; its licence is not read offline)`, evidence: [fileEvidence(path, { line: index + 1, excerpt: lineText.trim().slice(0, 200) }), { kind: 'url', url }], inTree: false });
          }
        }
      }
    });
  }
  return found;
}

/** Files under the shallowest folder of each path whose name matches, keyed by that folder (`models/training/`). */
function groupByFolder(paths: readonly string[], folder: RegExp): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const path of paths) {
    const parts = path.split('/');
    const at = parts.slice(0, -1).findIndex((part) => folder.test(part));
    if (at < 0) continue;
    const root = `${parts.slice(0, at + 1).join('/')}/`;
    groups.set(root, [...(groups.get(root) ?? []), path]);
  }
  return groups;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The candidate's own licence(s): identified at the root of the tree, not in a sub-folder or vendored copy. */
function projectLicenses(facts: RuleContext['facts']): IdentifiedLicense[] {
  return confirmedLicenses(facts).filter((l) => (l.scope !== undefined ? l.scope === 'project' : l.method === 'host' || !l.path.includes('/')));
}

function undeclared(context: RuleContext, part: { key: PartKey; name: string; kind: LicenseKind }, sightings: readonly Sighting[], at: Evidence): RuleOutcome {
  const base = { name: part.name, key: part.key, alternatives: alternativesFor(part.kind) };
  if (sightings.length === 0) return { status: 'gap', messageId: 'notFound', data: { ...base, looked: LOOKED[part.key] }, evidence: [at] };
  const found = listOf(sightings.map((s) => s.what));
  const evidence = [...sightings.flatMap((s) => s.evidence), at];
  // Code and model files in the candidate's own tree are published under its licence: approved, that is the evidence asked for.
  // A data folder may be sample or test data rather than the training data, so only a reviewer can say.
  const inTree = sightings.filter((s) => s.inTree);
  if (part.key !== 'trainingData' && inTree.length > 0) {
    const judged = projectLicenses(context.facts).map((license) => ({ license, judgement: context.facts.judgeLicense(license.spdx, part.kind, APPROVED_LICENSES) }));
    const open = judged.find((j) => j.judgement.verdict === 'approved');
    if (open) {
      return {
        status: 'pass',
        messageId: 'foundOpen',
        data: { ...base, found: listOf(inTree.map((s) => s.what)), spdx: open.license.spdx, where: foundWhere(open.license), reason: open.judgement.reason },
        evidence: [...inTree.flatMap((s) => s.evidence), foundEvidence(open.license)],
      };
    }
    const other = judged[0];
    const licence = other ? `, under the project licence ${other.license.spdx} (${foundWhere(other.license)}): ${other.judgement.reason}` : ', and no project licence was identified';
    return { status: 'gap', messageId: 'foundUndeclared', data: { ...base, found, licence }, evidence };
  }
  const licensed = sightings.find((s) => s.license);
  const judgement = licensed?.license ? context.facts.judgeLicense(licensed.license.spdx, part.kind, APPROVED_LICENSES) : undefined;
  const licence = judgement ? ` (${judgement.reason})` : '';
  return { status: 'gap', messageId: 'foundUndeclared', data: { ...base, found, licence }, evidence };
}

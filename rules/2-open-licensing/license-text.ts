/**
 * dpg-2-06 license-text: the licence files hold standard licence texts.
 * A licence is approved by its text, not its name: an MIT file with a
 * sentence added ("The Software may not be used for military purposes") is
 * no longer the MIT licence the DPGA approved, and a file that matches no
 * licence at all is a custom licence (DPG Standard, indicator 2: "approved
 * open licences" only). The text identifier (src/licenses/match.ts) says
 * which texts differ from their licence, and shows the difference; whether a
 * difference matters is a person's call, so these are gaps, never guesses.
 *
 * It also lists what was identified where: the report's licences, under
 * indicator 2.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence, IdentifiedLicense } from '../../src/rule-api.js';
import { listOf, namesNoLicense, REQUIREMENT } from '../../src/helpers.js';
import { describeFound, foundEvidence, foundLicenses } from '../lib/licensing.js';
import families from './licence-families.json' with { type: 'json' };

/** The words naming each licence family, whatever the version (licence-families.json). */
const FAMILY_WORDS = new Map(Object.entries(families.families).map(([family, words]) => [family, new RegExp(words, 'i')]));

/** An SPDX id's family: the id without its version (`GPL-3.0-or-later` → `GPL`, `CC-BY-SA-4.0` → `CC-BY-SA`). */
function familyOf(spdx: string): string {
  return spdx.replace(/-(\d.*)$/, '');
}

/** The folder of a path (`''` at the root), to compare where a manifest and a licence text are. */
function folderOf(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}

/** Licences of licence texts (not manifests or headers, which carry no text to compare). */
const TEXT_METHODS = new Set<IdentifiedLicense['method']>(['text', 'notice', 'filename']);

export const licenseText = defineRuleDraft({
  meta: {
    id: 'dpg-2-06',
    alias: 'license-text',
    level: 'requirement',
    requirement: REQUIREMENT['2'],
    policy: { fail: '—', gap: "a licence file's text is modified or matches no licence" },
    title: 'Licence files hold standard licence texts',
    appliesTo: 'all',
    motivation: 'A licence is approved by its wording: a standard licence with a clause added or removed, or a licence of the project\'s own, is not the approved licence whatever it is called, and reviewers check the text.',
    messages: {
      standard: 'Licence texts identified: {found}.',
      modified: '{path} is probably {spdx}, but its text differs from {spdx}: {diff}. A modified licence is not the approved {spdx}: restore the standard text (keep notices and extra terms out of it), or have the change reviewed.',
      unidentified: '{path}: {why}.',
      componentUnidentified: '{path}: {why}. It is a package inside the candidate with no licence file of its own, so the project licence ({project}) covers it unless it says otherwise; say which licence it is under if it differs.',
      versionInText: '{path} names "{raw}" without a version, and the licence text beside it says which: {text} is {spdx}.',
      privateBesideText: '{path} says "{raw}", which names no licence, but the package is private (`"private": true`: npm never publishes it) and {text} beside it is {spdx}: that text is the licence. Setting the field to {spdx} would make the two agree.',
      notLicenseText: 'No licence text to compare: the licences found are declared, in manifests or in SPDX headers only ({found}).',
      none: 'No licence file was found to read.',
    },
    remediation: 'Keep the licence file the unmodified standard text of an approved licence (from https://spdx.org/licenses/); put additional notices in NOTICE or the README, and declare several licences with an SPDX expression rather than by editing one text.',
    reads: ['**/LICENSE*', '**/LICENCE*', '**/COPYING*', '**/UNLICENSE*', 'LICENSES/*', '**/PATENTS*', 'README*'],
  },
  check(context: RuleContext): RuleOutcome[] {
    const found = foundLicenses(context.facts);
    const texts = found.filter((l) => TEXT_METHODS.has(l.method) || l.spdx === 'NOASSERTION');
    if (texts.length === 0) {
      if (found.length === 0) return [{ status: 'n/a', messageId: 'none' }];
      return [{ status: 'pass', messageId: 'notLicenseText', data: { found: listOf(found.map(describeFound)) }, evidence: found.map(foundEvidence) }];
    }
    const outcomes: RuleOutcome[] = [];
    const standard = texts.filter((l) => l.review !== true && l.spdx !== 'NOASSERTION');
    if (standard.length > 0) {
      outcomes.push({ status: 'pass', messageId: 'standard', data: { found: listOf(standard.map(describeFound)) }, evidence: standard.map(foundEvidence) });
    }
    // A sub-package's manifest that names no licence ("GPL", "UNLICENSED" as npm scaffolds private packages) inside
    // a candidate whose own licence is known, with no licence file in that folder: a note, not a gap (issue 14 §2).
    const project = found.filter((l) => l.scope === 'project' && l.spdx !== 'NOASSERTION' && l.review !== true).map((l) => l.spdx);
    const folderHasText = (dir: string): boolean => found.some((l) => l.method !== 'manifest' && folderOf(l.path) === dir);
    // A manifest naming a licence family without a version ("GPL" in setup.py, PyPI's classifier "Apache Software
    // License", which has none) beside a licence text of that family: the text says which licence is meant, and a
    // reviewer would not ask (inasafe, automated-data-agreements).
    const textBeside = (license: IdentifiedLicense, dir: string): IdentifiedLicense | undefined => {
      const raw = license.raw ?? '';
      if (license.method !== 'manifest' || raw === '' || /\d/.test(raw)) return undefined;
      return standard.find((text) => text.method !== 'manifest' && folderOf(text.path) === dir && !/\s/.test(text.spdx) && FAMILY_WORDS.get(familyOf(text.spdx))?.test(raw) === true);
    };
    // A private npm package's licence field that names no licence ("UNLICENSED", as npm scaffolds private packages,
    // or a copyright line left from before the code was opened) beside a standard licence text: npm never publishes
    // the package, so the field licenses nothing, and the text beside it is what a reviewer reads (harmony's
    // package.json, "Copyright Zenysis Technologies", beside the AGPL-3.0 text).
    const privateBeside = (license: IdentifiedLicense, dir: string): IdentifiedLicense | undefined => {
      if (license.method !== 'manifest' || license.path.slice(license.path.lastIndexOf('/') + 1) !== 'package.json' || !namesNoLicense(license.raw ?? '')) return undefined;
      if (!isPrivatePackage(context, license.path)) return undefined;
      // A licence text, identified from its words: a README's notice alone is not the licence.
      return standard.find((text) => text.method === 'text' && folderOf(text.path) === dir);
    };
    for (const license of texts) {
      const dir = folderOf(license.path);
      const beside = license.spdx === 'NOASSERTION' ? textBeside(license, dir) : undefined;
      const privateText = license.spdx === 'NOASSERTION' && !beside ? privateBeside(license, dir) : undefined;
      if (beside) {
        outcomes.push({ status: 'pass', messageId: 'versionInText', data: { path: license.path, raw: license.raw ?? '', text: beside.path, spdx: beside.spdx }, evidence: [foundEvidence(license), foundEvidence(beside)] });
      } else if (privateText) {
        outcomes.push({ status: 'pass', messageId: 'privateBesideText', data: { path: license.path, raw: license.raw ?? '', text: privateText.path, spdx: privateText.spdx }, evidence: [foundEvidence(license), foundEvidence(privateText)] });
      } else if (license.spdx === 'NOASSERTION' && license.method === 'manifest' && license.scope === 'component' && project.length > 0 && !folderHasText(dir)) {
        outcomes.push({ status: 'pass', messageId: 'componentUnidentified', data: { path: license.path, why: license.note ?? 'no licence named', project: [...new Set(project)].join(', ') }, evidence: [foundEvidence(license)] });
      } else if (license.spdx === 'NOASSERTION') {
        outcomes.push({ status: 'gap', messageId: 'unidentified', data: { path: license.path, why: license.note ?? 'no SPDX licence matches this text' }, evidence: [foundEvidence(license)] });
      } else if (license.review === true) {
        const diff = license.diff && license.diff.length > 0 ? license.diff.join('; ') : license.note ?? 'it differs from the standard text';
        const evidence: Evidence[] = [foundEvidence(license), ...(license.diff ?? []).slice(0, 3).map((text): Evidence => ({ kind: 'note', text }))];
        outcomes.push({ status: 'gap', messageId: 'modified', data: { path: license.path, spdx: license.spdx, diff }, evidence });
      }
    }
    return outcomes;
  },
});

/** An npm manifest that says `"private": true`: npm refuses to publish it. */
function isPrivatePackage(context: RuleContext, path: string): boolean {
  const text = context.snapshot.read(path)?.text;
  if (text === undefined) return false;
  try {
    const manifest: unknown = JSON.parse(text);
    return typeof manifest === 'object' && manifest !== null && (manifest as { private?: unknown }).private === true;
  } catch {
    return false;
  }
}

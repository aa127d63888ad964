/**
 * Which part of the candidate each identified licence covers (issue 14 §3):
 * - `project`: the candidate's own licence (the root's licence files, REUSE
 *   `LICENSES/`, root manifests, the README, the declaration, the host);
 * - `component`: a part of the candidate under its own licence, with the
 *   folder or file it `covers`: a package in a subfolder (`gofr-backend/`), a
 *   helper script's SPDX header, a folder of brand assets, and a root licence
 *   file whose name scopes it (`LICENSE.data.md`, `LICENSE-docs` cover the
 *   data, the documentation);
 * - `third-party`: vendored code (the path class `vendored`) and notices of
 *   dependencies.
 * A component licence is a note about that part, never the project's
 * licence; the rules judge it for the part it covers (`componentPart`).
 */
import type { IdentifiedLicense, PathClass } from '../model.js';
import { basename, dirname } from './files.js';
import { licenseFamily, licenseIdsOf } from './policy.js';

/** The parts a component can be: the declaration's `appliesTo` values the rules judge. */
export type ComponentPart = 'software' | 'content' | 'data' | 'documentation' | 'model-weights';

/** Words of a file or folder name that name a part other than the software. */
const PART_WORDS: readonly [RegExp, ComponentPart][] = [
  [/^(data|datasets?|database|db|open[-_]?data)$/i, 'data'],
  [/^(docs?|documentation|manual|handbook|guides?|wiki)$/i, 'documentation'],
  [/^(content|contents|assets|brand|branding|logos?|images?|img|media|artwork|art|fonts?|design|graphics|icons|illustrations|videos?|audio|texts?|curriculum|lessons|courses?|books?|articles|translations?)$/i, 'content'],
  [/^(models?|weights|checkpoints)$/i, 'model-weights'],
];

/** Notices of dependencies: not the candidate's licence. */
const THIRD_PARTY_NOTICE = /^(third[-_ ]?party[-_ ]?(notices?|licen[cs]es?)|thirdpartynotices|notice[-_]?third[-_]?party|dependencies[-_]licen[cs]es?|licen[cs]es[-_]third[-_]?party|attributions?)(\.[a-z]+)?$/i;

/** The part a root licence file's name scopes it to: `LICENSE.data.md`, `LICENSE-docs`, `DATA-LICENSE`, `COPYING.content`. */
export function partOfLicenseFileName(fileName: string): ComponentPart | undefined {
  const stem = fileName.replace(/\.(md|markdown|txt|text|rst|html?|adoc|org)$/i, '');
  const words = stem.split(/[-._ ]+/).filter((w) => !/^(un)?licen[cs]es?$|^copying$/i.test(w));
  for (const word of words) {
    const part = partOfWord(word);
    if (part) return part;
  }
  return undefined;
}

function partOfWord(word: string): ComponentPart | undefined {
  return PART_WORDS.find(([pattern]) => pattern.test(word))?.[1];
}

/**
 * The part a component covers, from its `covers` (a part name, a folder or a
 * file) and what found it: a manifest describes a software package (a FHIR package at the root, content); a folder
 * is what its own name says (`content/`, `data/`, `docs/`, `assets/brand/`),
 * otherwise software (a package, a script). Only the folder's own name
 * counts: `assets/components/lodash/` is a library, not content.
 */
export function componentPart(license: Pick<IdentifiedLicense, 'covers' | 'method'> & { path?: string }): ComponentPart {
  const covers = (license.covers ?? '').replace(/\/+$/, '');
  // A root manifest covering `content` is a FHIR package (src/licenses/identify.ts): a root manifest has no folder.
  if (license.method === 'manifest') return covers === 'content' && !(license.path ?? '').includes('/') ? 'content' : 'software';
  const last = covers.slice(covers.lastIndexOf('/') + 1);
  return partOfWord(last) ?? 'software';
}

/** A component at the top of the tree (`LICENSE.data.md`, `content/`, a README's "Data: …"): a part of the candidate beside the software. */
export function isTopLevelPart(license: Pick<IdentifiedLicense, 'covers'>): boolean {
  const covers = license.covers?.replace(/\/+$/, '');
  // The software's own assets (a brand folder, fonts, icons) are part of the application, not a collection it publishes.
  return covers !== undefined && !covers.includes('/') && !ASSETS.test(covers);
}

const ASSETS = /^(assets|brand|branding|logos?|fonts?|icons|images?|img|graphics|artwork|art|design|media)$/i;

/**
 * Scope and `covers` for every entry that has none yet (readers that know
 * better, the README's per-part section and REUSE annotations, set their own).
 */
export function scopeLicenses(licenses: readonly IdentifiedLicense[], classOf: (path: string) => PathClass = () => 'own'): IdentifiedLicense[] {
  const projectFamilies = new Set<string>();
  const scoped = licenses.map((license) => (license.scope ? license : { ...license, ...scopeOf(license, classOf) }));
  for (const l of scoped) if (l.scope === 'project' && l.method !== 'declared') for (const id of licenseIdsOf(l.spdx) ?? []) projectFamilies.add(licenseFamily(id));
  // An SPDX header deep in the tree that says the project's licence is the project's licence, not a component.
  return scoped.map((l) => {
    if (l.method !== 'spdx-header' || l.scope !== 'component' || l.path === 'REUSE.toml' || l.path === '.reuse/dep5') return l;
    const ids = licenseIdsOf(l.spdx) ?? [];
    if (ids.length === 0 || !ids.every((id) => projectFamilies.has(licenseFamily(id)))) return l;
    const { covers: _covers, ...rest } = l;
    return { ...rest, scope: 'project' as const };
  });
}

function scopeOf(license: IdentifiedLicense, classOf: (path: string) => PathClass): Pick<IdentifiedLicense, 'scope' | 'covers'> {
  if (license.method === 'declared' || license.method === 'host') return { scope: 'project' };
  const path = license.path;
  if (classOf(path) === 'vendored' || THIRD_PARTY_NOTICE.test(basename(path))) return { scope: 'third-party', covers: dirname(path) || path };
  // A source file's header covers that file; a licence file (even one holding only an SPDX line) covers its folder.
  const licenseFile = /^(un)?licen[cs]e|^copying/i.test(basename(path));
  if (license.method === 'spdx-header' && path.includes('/') && !licenseFile) return { scope: 'component', covers: path };
  if (!path.includes('/') || /^LICENSES\/[^/]+$/.test(path)) {
    // A root file: the project's, unless its name scopes it to a part (LICENSE.data.md).
    const part = license.method === 'text' || license.method === 'notice' || (license.method === 'spdx-header' && licenseFile) ? partOfLicenseFileName(basename(path)) : undefined;
    if (part && !/^readme/i.test(basename(path))) return { scope: 'component', covers: part };
    if (license.method === 'spdx-header' && path !== 'REUSE.toml' && path !== '.reuse/dep5' && !licenseFile) return { scope: 'component', covers: path };
    return { scope: 'project' };
  }
  return { scope: 'component', covers: dirname(path).replace(/\/LICENSES$/, '') };
}

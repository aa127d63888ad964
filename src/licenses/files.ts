/**
 * Where licences are looked for: licence-like file names, ranked, and the
 * trees that hold other projects' licences rather than the candidate's.
 */
import { anyOf } from '../text/any-of.js';
import { compareText } from '../text/compare.js';

/**
 * Licence-like names: LICENSE, LICENCE, COPYING, UNLICENSE, with extensions
 * and suffixes (`LICENSE.md`, `LICENSE-CODE`, `LICENSE.data.md`,
 * `LICENSE_1_0.txt`, `COPYING.LESSER`), and `<name>-LICENSE` (`MIT-LICENSE`).
 */
export const LICENSE_FILE = /^(un)?licen[cs]e([-._][\w.-]*)?$|^copying([-._][\w.-]*)?$|^[\w.]+[-_]licen[cs]e(\.[a-z]{1,8})?$/i;

/** Extensions of texts (anything else after LICENSE. is a suffix, e.g. `.LESSER`, `.data`). */
const TEXT_EXTENSION = /\.(md|markdown|mdown|txt|text|rst|html?|adoc|asciidoc|org|pod|rtf)$/i;
/** Code, data and configuration files are not licence texts, whatever their name (`license.go`, `license.json`). */
const NOT_A_TEXT = /\.(js|mjs|cjs|ts|tsx|jsx|py|rb|go|java|kt|c|h|cc|cpp|hpp|cs|php|rs|swift|m|pl|ex|exs|erl|scala|sh|bat|ps1|json|ya?ml|toml|xml|lock|css|scss|less|vue|svelte|erb|tmpl|tpl|sql|csv|png|jpe?g|gif|svg|pdf|docx?|odt|zip|gz)$/i;

/**
 * Rank of a licence-like file name, as licensee ranks them (higher is more
 * likely the project's licence): `LICENSE` 1, `LICENSE.md` 0.95, `COPYING` 0.9,
 * `COPYING.txt` 0.85, `LICENSE-CODE` 0.8, `COPYING.LESSER` 0.75,
 * `MIT-LICENSE` 0.7. `undefined` for other names.
 */
export function licenseFileRank(fileName: string): number | undefined {
  if (!LICENSE_FILE.test(fileName) || NOT_A_TEXT.test(fileName)) return undefined;
  const lower = fileName.toLowerCase();
  const stem = lower.replace(TEXT_EXTENSION, '');
  if (/^(un)?licen[cs]e$/.test(stem)) return stem === lower ? 1 : 0.95;
  if (stem === 'copying') return stem === lower ? 0.9 : 0.85;
  if (/^(un)?licen[cs]e/.test(stem)) return 0.8;
  if (stem.startsWith('copying')) return 0.75;
  return 0.7;
}

/**
 * Trees holding other projects' files: dependencies and vendored code, and
 * test fixtures (sample projects with licences of their own).
 */
const THIRD_PARTY = /(^|\/)(node_modules|bower_components|jspm_packages|vendor|vendors|vendored|third[-_]?party|3rd[-_]?party|thirdparty|external|externals|extern|deps|_deps|Godeps|site-packages|dist-packages|\.venv|venv|\.tox|\.git|\.cargo|Pods|Carthage|packages\/cache)\//i;
const TEST_TREES = /(^|\/)(test|tests|__tests__|spec|fixtures?|__fixtures__|testdata|test-data|test_data|testing)\//i;
/** Notices of dependencies, not the candidate's licence. */
const THIRD_PARTY_FILE = /(^|\/)((?:third|3rd)[-_ ]?party[-_ ]?(notices?|licen[cs]es?)|thirdpartynotices|notice[-_]?third[-_]?party|dependencies[-_]licen[cs]es?|licen[cs]es?[-_](?:third|3rd)[-_]?party|attributions?)(\.[a-z]+)?$/i;

/** Vendored and dependency trees, test fixtures and third-party notices hold other projects' licences. */
export function isThirdParty(path: string): boolean {
  return OTHER_PROJECTS(path);
}
/** The three as one alternation: half the time of three tests, over every path of a tree, several times a check. */
const OTHER_PROJECTS = anyOf([THIRD_PARTY, TEST_TREES, THIRD_PARTY_FILE]);

/** The candidate's licence-like files, root first, then by rank and name. */
export function findLicenseFiles(paths: readonly string[]): string[] {
  const ranked: { path: string; rank: number; depth: number }[] = [];
  for (const path of paths) {
    // The name first: it rules out nearly every path, at one test against the name instead of four against the path.
    const rank = licenseFileRank(basename(path));
    if (rank === undefined || isThirdParty(path) || isReuseLicense(path)) continue;
    ranked.push({ path, rank, depth: path.split('/').length });
  }
  return ranked.sort((a, b) => a.depth - b.depth || b.rank - a.rank || compareText(a.path, b.path)).map((r) => r.path);
}

/** A file of a REUSE `LICENSES/` folder (at the root or at a package root). */
export function isReuseLicense(path: string): boolean {
  return /(^|\/)LICENSES\/[^/]+$/.test(path) && !isThirdParty(path);
}

/** The SPDX id (or LicenseRef) a REUSE file name stands for: `LICENSES/MIT.txt` → `MIT`. */
export function reuseLicenseId(path: string): string {
  return basename(path).replace(/\.(txt|md|markdown|rst|html?)$/i, '');
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirname(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

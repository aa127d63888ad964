/**
 * Facts: values derived once per candidate and shared by every rule, so rules
 * stay small and agree with each other (which file is the README, which
 * solution types apply, which licences were identified).
 */
import type { Facts, DeclarationView } from '../rule-api.js';
import type { Snapshot } from '../snapshot/types.js';
import { SOLUTION_TYPES, type SolutionType } from '../model.js';
import { identifyLicenses } from '../licenses/identify.js';

const README = /^readme(\.(md|markdown|rst|txt|adoc|asciidoc|org))?$/i;
/** Licence-like names: LICENSE, LICENCE, COPYING, UNLICENSE, with extensions and suffixes (LICENSE-CODE, COPYING.LESSER). */
export const LICENSE_FILE = /^(un)?licen[cs]e([-._][\w.-]*)?$|^copying([-._][\w.-]*)?$/i;

export function computeFacts(snapshot: Snapshot, declaration: DeclarationView, typeOverride?: readonly SolutionType[]): Facts {
  const declared = (declaration.data?.types ?? []).filter((t): t is SolutionType => (SOLUTION_TYPES as readonly string[]).includes(t));
  const [types, typesSource] = typeOverride && typeOverride.length > 0
    ? [[...typeOverride], 'option' as const]
    : declared.length > 0 ? [declared, 'declaration' as const] : [['software' as SolutionType], 'default' as const];
  const rootFiles = snapshot.paths.filter((p) => !p.includes('/'));
  const readme = rootFiles.filter((p) => README.test(p)).sort(preferMarkdown)[0];
  const licenseFiles = snapshot.paths
    .filter((p) => LICENSE_FILE.test(basename(p)) && !isThirdParty(p))
    .sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  return Object.freeze({
    types: Object.freeze(types),
    typesSource,
    ...(readme ? { readme } : {}),
    licenseFiles: Object.freeze(licenseFiles),
    licenses: Object.freeze(identifyLicenses(snapshot, declaration, licenseFiles)),
  });
}

const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
const depth = (p: string): number => p.split('/').length;
const preferMarkdown = (a: string, b: string): number => Number(!/\.md$/i.test(a)) - Number(!/\.md$/i.test(b)) || a.localeCompare(b);

/** Vendored and dependency trees hold other projects' licences, not the candidate's. */
export function isThirdParty(path: string): boolean {
  return /(^|\/)(node_modules|vendor|third[-_]party|external|bower_components|\.git)\//i.test(path);
}

/**
 * `dpg-check/helpers`: the toolbox the built-in rules use, published for rule
 * packs (as markdownlint publishes markdownlint-rule-helpers). The built-in
 * rules import nothing else from the engine but `src/rule-api.ts` (the
 * `dpg-check` entry's rule API) and this module, so a pack can do all a
 * built-in rule does. Everything here is pure: it reads what a rule context
 * already holds, and does no I/O.
 */

// Evidence, declarations, text: the helpers every indicator's rules share, and the Standard's quoted requirements.
export * from './helpers/common.js';
// The declaration's evidence keys: one list, read by the evidence rules and by `--online`.
export { declaredEvidenceLinks, type DeclaredEvidenceLink } from './declaration/evidence-keys.js';
// The one order names are sorted in (not the machine's locale).
export { compareText, comparePaths, compareNumbered, sortPaths } from './text/compare.js';
// Testing many paths against a list of patterns as one alternation.
export { filterMatchingAny } from './text/any-of.js';
// Offsets → lines.
export { lineIndex, lineOfOffset, lineStarts, type LineIndex, type TextPosition } from './text/line-index.js';
// The licence judgement: SPDX expressions against the DPGA's approved-licence table, by kind of work.
export {
  LICENSE_KINDS, approvedIdsFor, isCustomLicense, isNoDerivatives, isOpenHardware, judgeLicense, kindLabel, licenseFamily, licenseIdsOf,
  parseLicenseExpression, sameLicense, satisfiedBy, suggestedLicenses,
  type ApprovedLicenseTable, type LicenseJudgement, type LicenseKind, type LicenseTree, type LicenseVerdict, type ParsedLicense,
} from './licenses/policy.js';
// Licence fields that name no licence (`UNLICENSED`, a copyright line).
export { namesNoLicense } from './licenses/spdx.js';
// Which part of a solution a licence covers (software, content, data, documentation, model weights).
export { componentPart, isTopLevelPart, partOfLicenseFileName, type ComponentPart } from './licenses/scope.js';
// Dependency manifests, lockfiles and container files: which files they are, what they declare (with scopes), version spans.
export {
  findManifests, parseManifest, resolveCatalogs, parseImageReference, normalisePythonName,
  versionSpans, tagSpans, spanStatus, leadingVersion, prefixSpan, compareVersions,
  type CatalogReference, type Dependency, type DependencyScope, type Ecosystem, type ManifestKind, type ParsedManifest,
  type ImageReference, type VersionSpan, type ClosedRange, type SpanStatus, type TildeStyle,
} from './manifests/index.js';
// What each path is to the candidate (own, test, vendored, example, docs-site, dev-env, ci): `facts.paths` answers with these.
export { NOT_THE_PRODUCT, PATH_CLASSES, type PathClass, type PathClasses } from './engine/path-classes.js';

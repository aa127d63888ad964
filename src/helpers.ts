/**
 * `dpg-check/helpers`: the toolbox the built-in rules use, published for rule
 * packs (as markdownlint publishes markdownlint-rule-helpers). Everything here
 * is pure: it reads what a rule context already holds.
 */
export { declaredEvidenceLinks, type DeclaredEvidenceLink } from './declaration/evidence-keys.js';
export { lineIndex, lineOfOffset, lineStarts, type LineIndex, type TextPosition } from './text/line-index.js';

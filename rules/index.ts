/**
 * The built-in rules, one module per indicator, in report order. A rule pack
 * exports its rules in exactly this shape.
 */
import type { Rule } from '../src/rule-api.js';
import { rules as sdgRelevance } from './1-sdg-relevance/index.js';
import { rules as openLicensing } from './2-open-licensing/index.js';
import { rules as clearOwnership } from './3-clear-ownership/index.js';
import { rules as platformIndependence } from './4-platform-independence/index.js';
import { rules as documentation } from './5-documentation/index.js';
import { rules as dataExtraction } from './6-data-extraction/index.js';
import { rules as privacyLaws } from './7-privacy-laws/index.js';
import { rules as standardsPractices } from './8-standards-practices/index.js';
import { rules as dataPrivacySecurity } from './9a-data-privacy-security/index.js';
import { rules as inappropriateContent } from './9b-inappropriate-content/index.js';
import { rules as harassment } from './9c-harassment/index.js';
import { rules as hostEvidence } from './host/index.js';

export const builtInRules: readonly Rule[] = Object.freeze([
  ...sdgRelevance,
  ...openLicensing,
  ...clearOwnership,
  ...platformIndependence,
  ...documentation,
  ...dataExtraction,
  ...privacyLaws,
  ...standardsPractices,
  ...dataPrivacySecurity,
  ...inappropriateContent,
  ...harassment,
  ...hostEvidence,
]);

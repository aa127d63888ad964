/** Indicator 6 — Mechanism for extracting data and content. */
import { defineIndicatorRules, type Rule } from '../../src/rule-api.js';
import { STANDARD, guidanceUrl } from '../../src/helpers.js';
import { dataExtractionMechanism } from './data-extraction-mechanism.js';
import { openDataFormats } from './open-data-formats.js';
import { extractionEvidence } from './extraction-evidence.js';

// Declared once for the indicator's rules: its number, the Standard's version, its guidance page.
export const rules: readonly Rule[] = defineIndicatorRules({ indicator: '6', standardVersion: STANDARD, docsUrl: guidanceUrl('6') }, [dataExtractionMechanism, openDataFormats, extractionEvidence]);

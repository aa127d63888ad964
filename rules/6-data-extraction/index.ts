/** Indicator 6 — Mechanism for extracting data and content. */
import type { Rule } from '../../src/rule-api.js';
import { dataExtractionMechanism } from './data-extraction-mechanism.js';
import { openDataFormats } from './open-data-formats.js';
import { extractionEvidence } from './extraction-evidence.js';

export const rules: readonly Rule[] = [dataExtractionMechanism, openDataFormats, extractionEvidence];

/** Indicator 6 — Mechanism for extracting data and content. */
import type { Rule } from '../../src/rule-api.js';
import { dataExtractionMechanism } from './data-extraction-mechanism.js';
import { openDataFormats } from './open-data-formats.js';

export const rules: readonly Rule[] = [dataExtractionMechanism, openDataFormats];

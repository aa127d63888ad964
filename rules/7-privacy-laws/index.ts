/** Indicator 7 — Adherence to privacy and applicable laws. */
import type { Rule } from '../../src/rule-api.js';
import { privacyLaws } from './privacy-laws.js';
import { authorizedRespondent } from './authorized-respondent.js';
import { legalDocuments } from './legal-documents.js';

export const rules: readonly Rule[] = [privacyLaws, authorizedRespondent, legalDocuments];

/** Indicator 7 — Adherence to privacy and applicable laws. */
import { defineIndicatorRules, type Rule } from '../../src/rule-api.js';
import { STANDARD, guidanceUrl } from '../../src/helpers.js';
import { privacyLaws } from './privacy-laws.js';
import { authorizedRespondent } from './authorized-respondent.js';
import { legalDocuments } from './legal-documents.js';

// Declared once for the indicator's rules: its number, the Standard's version, its guidance page.
export const rules: readonly Rule[] = defineIndicatorRules({ indicator: '7', standardVersion: STANDARD, docsUrl: guidanceUrl('7') }, [privacyLaws, authorizedRespondent, legalDocuments]);

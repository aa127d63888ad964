/** Indicator 5 — Documentation. */
import { defineIndicatorRules, type Rule } from '../../src/rule-api.js';
import { STANDARD, guidanceUrl } from '../../src/helpers.js';
import { readmeUsable } from './readme-usable.js';
import { documentationAvailable } from './documentation-available.js';
import { dataDictionary } from './data-dictionary.js';
import { modelCard } from './model-card.js';
import { contentAccess } from './content-access.js';
import { apiDocumentation } from './api-documentation.js';

// Declared once for the indicator's rules: its number, the Standard's version, its guidance page.
export const rules: readonly Rule[] = defineIndicatorRules({ indicator: '5', standardVersion: STANDARD, docsUrl: guidanceUrl('5') }, [readmeUsable, documentationAvailable, dataDictionary, modelCard, contentAccess, apiDocumentation]);

/** Indicator 5 — Documentation. */
import type { Rule } from '../../src/rule-api.js';
import { readmeUsable } from './readme-usable.js';
import { documentationAvailable } from './documentation-available.js';
import { dataDictionary } from './data-dictionary.js';
import { modelCard } from './model-card.js';
import { contentAccess } from './content-access.js';
import { apiDocumentation } from './api-documentation.js';

export const rules: readonly Rule[] = [readmeUsable, documentationAvailable, dataDictionary, modelCard, contentAccess, apiDocumentation];

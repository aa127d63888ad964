/** Indicator 3 — Clear Ownership. */
import { defineIndicatorRules, type Rule } from '../../src/rule-api.js';
import { STANDARD, guidanceUrl } from '../../src/helpers.js';
import { ownerNamed } from './owner-named.js';
import { ownershipEvidence } from './ownership-evidence.js';
import { redistributionRights } from './redistribution-rights.js';
import { copyrightConsistent } from './copyright-consistent.js';
import { contributorAgreement } from './contributor-agreement.js';

// Declared once for the indicator's rules: its number, the Standard's version, its guidance page.
export const rules: readonly Rule[] = defineIndicatorRules({ indicator: '3', standardVersion: STANDARD, docsUrl: guidanceUrl('3') }, [ownerNamed, ownershipEvidence, redistributionRights, copyrightConsistent, contributorAgreement]);

/** Indicator 3 — Clear Ownership. */
import type { Rule } from '../../src/rule-api.js';
import { ownerNamed } from './owner-named.js';
import { ownershipEvidence } from './ownership-evidence.js';
import { redistributionRights } from './redistribution-rights.js';
import { copyrightConsistent } from './copyright-consistent.js';
import { contributorAgreement } from './contributor-agreement.js';

export const rules: readonly Rule[] = [ownerNamed, ownershipEvidence, redistributionRights, copyrightConsistent, contributorAgreement];

/** Indicator 9a — Data privacy & security. */
import { defineIndicatorRules, type Rule } from '../../src/rule-api.js';
import { STANDARD, guidanceUrl } from '../../src/helpers.js';
import { piiHandling } from './pii-handling.js';
import { securityPolicy } from './security-policy.js';
import { committedSecrets } from './committed-secrets.js';
import { dependencyUpdates } from './dependency-updates.js';
import { secretsOutsideProduct } from './secrets-outside-product.js';

// Declared once for the indicator's rules: its number, the Standard's version, its guidance page.
export const rules: readonly Rule[] = defineIndicatorRules({ indicator: '9a', standardVersion: STANDARD, docsUrl: guidanceUrl('9a') }, [piiHandling, securityPolicy, committedSecrets, dependencyUpdates, secretsOutsideProduct]);

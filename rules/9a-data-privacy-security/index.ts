/** Indicator 9a — Data privacy & security. */
import type { Rule } from '../../src/rule-api.js';
import { piiHandling } from './pii-handling.js';
import { securityPolicy } from './security-policy.js';
import { committedSecrets } from './committed-secrets.js';
import { dependencyUpdates } from './dependency-updates.js';
import { secretsOutsideProduct } from './secrets-outside-product.js';

export const rules: readonly Rule[] = [piiHandling, securityPolicy, committedSecrets, dependencyUpdates, secretsOutsideProduct];

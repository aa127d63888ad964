/** Indicator 2 — Use of Approved Open Licenses. */
import type { Rule } from '../../src/rule-api.js';
import { licenseDeclared } from './license-declared.js';
import { licenseApproved } from './license-approved.js';
import { licenseFile } from './license-file.js';
import { licenseConsistent } from './license-consistent.js';
import { aiComponentsLicensed } from './ai-components-licensed.js';
import { licenseText } from './license-text.js';

export const rules: readonly Rule[] = [licenseDeclared, licenseApproved, licenseFile, licenseConsistent, aiComponentsLicensed, licenseText];

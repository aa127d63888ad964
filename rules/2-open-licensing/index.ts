/** Indicator 2 — Use of Approved Open Licenses. */
import { defineIndicatorRules, type Rule } from '../../src/rule-api.js';
import { STANDARD, guidanceUrl } from '../../src/helpers.js';
import { licenseDeclared } from './license-declared.js';
import { licenseApproved } from './license-approved.js';
import { licenseFile } from './license-file.js';
import { licenseConsistent } from './license-consistent.js';
import { aiComponentsLicensed } from './ai-components-licensed.js';
import { licenseText } from './license-text.js';

// Declared once for the indicator's rules: its number, the Standard's version, its guidance page.
export const rules: readonly Rule[] = defineIndicatorRules({ indicator: '2', standardVersion: STANDARD, docsUrl: guidanceUrl('2') }, [licenseDeclared, licenseApproved, licenseFile, licenseConsistent, aiComponentsLicensed, licenseText]);

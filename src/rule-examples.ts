/**
 * A passing and a failing `dpg.yml` for the built-in rules whose verdict the
 * declaration decides, for docs/rules.md and `dpg-check explain <rule>`.
 * Keyed by alias (stable across id renumbering). A rule pack declares its own
 * in `meta.examples`, which wins. test/rule-examples.test.ts checks every
 * example: the rule reports the status shown on a candidate holding just
 * that declaration (and the files given).
 */
import type { Rule, RuleExample } from './rule-api.js';

const HEAD = 'name: Open Clinic Scheduler\ntypes: [software]\n';

const BUILT_IN: Readonly<Record<string, { pass?: RuleExample; fail?: RuleExample }>> = {
  'sdgs-declared': {
    pass: { declaration: `${HEAD}sdgs:\n  - sdg: 3\n` },
    fail: { declaration: HEAD, status: 'gap', note: 'No SDG is declared: a gap (a missing answer is never a fail).' },
  },
  'sdg-explained': {
    pass: { declaration: `${HEAD}sdgs:\n  - sdg: 3\n    explanation: >-\n      Clinics book antenatal visits and send reminders, so more mothers complete the recommended\n      visits and maternal deaths fall (target 3.1).\n    targets: ["3.1"]\n` },
    fail: { declaration: `${HEAD}sdgs:\n  - sdg: 3\n    explanation: Good health and well-being.\n`, status: 'gap', note: 'The explanation restates the goal instead of saying how the solution advances it.' },
  },
  'closed-components-declared': {
    pass: { declaration: `${HEAD}platformIndependence:\n  closedComponents: false\n` },
    fail: { declaration: `${HEAD}platformIndependence:\n  closedComponents: true\n  components:\n    - name: Oracle Database\n      openAlternatives: []\n`, note: 'A closed component with no open alternative.' },
  },
  'data-extraction-mechanism': {
    pass: { declaration: `${HEAD}dataExtraction:\n  collectsNonPII: true\n  mechanism: Administrators export every table as CSV or JSON from the settings page, and the REST API serves the same data.\n  formats: [CSV, JSON]\n` },
    fail: { declaration: `${HEAD}dataExtraction:\n  collectsNonPII: true\n`, status: 'gap', note: 'Non-PII data is collected, but how it is extracted is not said.' },
  },
  'privacy-laws': {
    pass: { declaration: `${HEAD}privacy:\n  laws: [General Data Protection Regulation (GDPR), Kenya Data Protection Act 2019]\n  evidence: [https://example.org/privacy]\n` },
    fail: { declaration: HEAD, status: 'gap', note: 'No privacy law is named.' },
  },
  'authorized-respondent': {
    pass: { declaration: `${HEAD}authorizedRespondent:\n  name: Amina Otieno\n  title: Executive Director\n` },
    fail: { declaration: `${HEAD}authorizedRespondent:\n  name: Amina Otieno\n`, status: 'gap', note: 'A name without a title or an email (advice: never a fail).' },
  },
  'standards-declared': {
    pass: { declaration: `${HEAD}standards:\n  standards:\n    - name: HL7 FHIR R4\n      evidence: [https://hl7.org/fhir/R4/]\n` },
    fail: { declaration: HEAD, status: 'gap', note: 'No standard or best practice is declared.' },
  },
  'pii-handling': {
    pass: { declaration: `${HEAD}doNoHarm:\n  dataPrivacy:\n    piiLevel: none\n` },
    fail: { declaration: `${HEAD}doNoHarm:\n  dataPrivacy:\n    piiLevel: collected-stored\n`, status: 'gap', note: 'Personal data is stored, but neither its types nor the measures protecting it are given.' },
  },
  'content-moderation': {
    pass: { declaration: `${HEAD}doNoHarm:\n  content:\n    contentLevel: collected-stored-distributed\n    moderation: Moderators review every post before publication and remove illegal content within 24 hours of a report.\n    responseTime: 24 hours\n    evidence: [https://example.org/moderation]\n` },
    fail: { declaration: `${HEAD}doNoHarm:\n  content:\n    contentLevel: collected-stored-distributed\n`, status: 'gap', note: 'Content is distributed, but how it is moderated is not said.' },
  },
  'harassment-protection': {
    pass: { declaration: `${HEAD}doNoHarm:\n  harassment:\n    userInteraction: true\n    protection: Our code of conduct explains how to report abuse; moderators block and ban offenders.\n    underageSafety: Accounts are for adults only; we verify age at sign-up.\n` },
    fail: { declaration: `${HEAD}doNoHarm:\n  harassment:\n    userInteraction: true\n`, status: 'gap', note: 'Users interact, but how they are protected from harassment is not said.' },
  },
};

/** The examples of a rule: its own `meta.examples`, else the built-in ones of its alias. */
export function ruleExamples(rule: Rule): { pass?: RuleExample; fail?: RuleExample } {
  return rule.meta.examples ?? BUILT_IN[rule.meta.alias] ?? {};
}

/** The aliases with built-in examples (for the test that checks them). */
export const RULES_WITH_EXAMPLES: readonly string[] = Object.keys(BUILT_IN);

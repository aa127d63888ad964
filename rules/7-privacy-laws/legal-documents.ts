/**
 * dpg-7-03 legal-documents: the repository's privacy policy and terms are
 * real documents (DPG Standard questionnaire, indicator 7: "Please provide
 * link(s) to the privacy policy, terms of service or other relevant legal
 * documentation"). A privacy policy is read for what a reader needs from it —
 * what is collected, why, the users' rights, retention and security, whom to
 * contact, the laws it follows — and for template placeholders left in
 * ("[Company Name]"). Whether it is adequate in law is for the authorised
 * respondent and the reviewer; this rule shows what the document says.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { sortEvidenceLinks, declared, fileEvidence, findLine, hasRepositoryFiles, headings, listOf, pathsMatching, readText } from '../../src/helpers.js';
import table from './legal-documents.json' with { type: 'json' };

const POLICY_FILES = table.policyFiles.map((p) => new RegExp(p, 'i'));
const PRIVACY_FILE = new RegExp(table.privacyFile, 'i');
const TERMS_FILE = new RegExp(table.termsFile, 'i');
const README_PRIVACY = new RegExp(table.readmePrivacyHeading, 'i');
const ELEMENTS = Object.entries(table.privacyElements).map(([name, pattern]) => ({ name, pattern: new RegExp(pattern, 'i') }));
const PLACEHOLDER = new RegExp(table.placeholders, 'i');

export interface PrivacyReading { path: string; line?: number; covers: string[]; placeholder?: { line: number; excerpt: string; text: string } }

/** Privacy documents (by name, or a privacy section of the README) and terms documents of the candidate. */
export function findLegalDocuments(context: Pick<RuleContext, 'snapshot' | 'facts'>): { privacy: PrivacyReading[]; terms: string[] } {
  const { snapshot, facts } = context;
  const files = pathsMatching(snapshot, POLICY_FILES);
  const privacy: PrivacyReading[] = files.filter((p) => PRIVACY_FILE.test(p) || !TERMS_FILE.test(p)).map((path) => readPrivacy(path, readText(snapshot, path) ?? ''));
  const terms = files.filter((p) => TERMS_FILE.test(p) && !PRIVACY_FILE.test(p));
  if (facts.readme) {
    const text = readText(snapshot, facts.readme) ?? '';
    const heading = headings(text, facts.readme).find((h) => README_PRIVACY.test(h.text));
    if (heading) {
      // The section runs to the next heading of the same or a higher level.
      const lines = text.split(/\r?\n/);
      const next = headings(text, facts.readme).find((h) => h.line > heading.line && h.level <= heading.level);
      const section = lines.slice(heading.line, next ? next.line - 1 : lines.length).join('\n');
      privacy.push({ ...readPrivacy(facts.readme, section, heading.line), line: heading.line });
    }
  }
  return { privacy, terms };
}

function readPrivacy(path: string, text: string, offset = 0): PrivacyReading {
  const covers = ELEMENTS.filter((e) => e.pattern.test(text)).map((e) => e.name);
  const placeholder = findLine(text, PLACEHOLDER);
  return placeholder
    ? { path, covers, placeholder: { line: placeholder.line + offset, excerpt: placeholder.excerpt, text: (PLACEHOLDER.exec(placeholder.excerpt) as RegExpExecArray)[0] } }
    : { path, covers };
}

export const legalDocuments = defineRuleDraft({
  meta: {
    id: 'dpg-7-03',
    alias: 'legal-documents',
    level: 'advice',
    policy: { fail: '—', gap: 'a privacy policy in the repository is a template or too thin, or none where PII is handled (advice)' },
    title: 'The privacy policy and terms in the repository are real documents',
    appliesTo: 'all',
    motivation: 'The questionnaire asks for links to the privacy policy, terms of service or other legal documentation as evidence of compliance with privacy and applicable laws; a template with placeholders or a two-line stub is no evidence.',
    messages: {
      found: '{path} is a privacy statement covering {covers}.{terms}{cite}',
      template: '{path}:{line} still has the template placeholder {placeholder}: the privacy policy is an unfinished template. Fill it in (or remove it) before citing it as evidence.',
      thin: '{path} is too thin to be a privacy policy: it covers {covers} (at least {minimum} of {elements} expected). Say what personal data is collected and why, the users\' rights, retention and security, whom to contact and the laws followed.',
      termsOnly: 'Terms of use were found ({terms}) but no privacy policy; {why}{cite}',
      declaredElsewhere: 'No privacy policy or terms document is in the repository; the declared evidence ({links}) is outside it and was not read offline.',
      nonePii: 'Personal data is {level} (declared), but the repository has no privacy policy (no PRIVACY.md, docs/privacy…, no privacy section in the README) and none is linked in `privacy.evidence`: publish one and link it.',
      none: 'No privacy policy or terms document in the repository (no PRIVACY.md, docs/privacy…, TERMS…, no privacy section in the README); `privacy-laws` asks for the evidence in the declaration.',
      noRepository: 'There are no repository files to read (declaration only), so no privacy policy or terms document could be read.',
    },
    remediation: 'Publish a complete privacy policy (what personal data is collected and why, users\' rights, retention and security, contact, applicable laws) and any terms of use, in the repository (e.g. PRIVACY.md) or on the website, and link them in `privacy.evidence` of dpg.yml.',
    reads: ['README*', 'PRIVACY*', 'TERMS*', 'docs/privacy*', 'docs/terms*', 'legal/*'],
  },
  check(context: RuleContext): RuleOutcome {
    const { snapshot, declaration } = context;
    const evidenceLinks = declaration.data?.privacy?.evidence ?? [];
    const cited = sortEvidenceLinks(evidenceLinks, snapshot).good.map((l) => l.replace(/^\.\//, '').replace(/#.*$/, ''));
    const urls = evidenceLinks.filter((l) => /^https?:\/\//i.test(l.trim()));
    if (!hasRepositoryFiles(snapshot)) {
      return urls.length > 0
        ? { status: 'n/a', messageId: 'declaredElsewhere', data: { links: listOf(urls) }, evidence: [declared(declaration, 'privacy.evidence')] }
        : { status: 'n/a', messageId: 'noRepository' };
    }
    const { privacy, terms } = findLegalDocuments(context);
    const termsNote = terms.length > 0 ? ` Terms: ${listOf(terms.slice(0, 3))}.` : '';
    const uncited = (paths: string[]): string => {
      const missing = paths.filter((p) => !cited.includes(p));
      if (missing.length === 0 || declaration.data === undefined) return '';
      return ` ${listOf(missing)} ${missing.length === 1 ? 'is' : 'are'} not cited in \`privacy.evidence\`: list ${missing.length === 1 ? 'it' : 'them'} there.`;
    };
    const termsEvidence: Evidence[] = terms.slice(0, 3).map((p) => fileEvidence(p));
    const template = privacy.find((p) => p.placeholder);
    if (template?.placeholder) {
      return { status: 'gap', messageId: 'template', data: { path: template.path, line: template.placeholder.line, placeholder: template.placeholder.text }, evidence: [fileEvidence(template.path, template.placeholder)] };
    }
    const best = [...privacy].sort((a, b) => b.covers.length - a.covers.length)[0];
    if (best && best.covers.length >= table.minimumElements) {
      return {
        status: 'pass', messageId: 'found',
        data: { path: best.line ? `${best.path} (section at line ${best.line})` : best.path, covers: listOf(best.covers), terms: termsNote, cite: uncited([best.path, ...terms]) },
        evidence: [fileEvidence(best.path, best.line ? { line: best.line } : undefined), ...termsEvidence],
      };
    }
    if (best) {
      return {
        status: 'gap', messageId: 'thin',
        data: { path: best.path, covers: best.covers.length > 0 ? listOf(best.covers) : 'none of them', minimum: table.minimumElements, elements: ELEMENTS.length },
        evidence: [fileEvidence(best.path, best.line ? { line: best.line } : undefined)],
      };
    }
    const piiLevel = declaration.data?.doNoHarm?.dataPrivacy?.piiLevel;
    const handlesPii = piiLevel !== undefined && piiLevel !== 'none';
    const level = piiLevel === 'collected' ? 'collected' : piiLevel === 'collected-stored' ? 'collected and stored' : 'collected, stored and distributed';
    if (terms.length > 0) {
      const why = handlesPii ? `personal data is ${level} (declared), so a privacy policy is expected as well.` : 'a privacy policy is the usual evidence for indicator 7.';
      return { status: handlesPii ? 'gap' : 'pass', messageId: 'termsOnly', data: { terms: listOf(terms.slice(0, 3)), why, cite: handlesPii ? '' : uncited(terms) }, evidence: termsEvidence };
    }
    if (urls.length > 0) return { status: 'n/a', messageId: 'declaredElsewhere', data: { links: listOf(urls) }, evidence: [declared(declaration, 'privacy.evidence')] };
    if (handlesPii) return { status: 'gap', messageId: 'nonePii', data: { level }, evidence: [declared(declaration, 'doNoHarm.dataPrivacy.piiLevel')] };
    return { status: 'n/a', messageId: 'none' };
  },
});

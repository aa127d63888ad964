/**
 * dpg-9c-02 code-of-conduct: a code of conduct exists and names a real
 * enforcement contact, not a template placeholder (supporting evidence for
 * indicator 9c).
 *
 * Policy (https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md#9-do-no-harm-by-design):
 * the Standard asks for "a process for users and contributors to protect
 * themselves against grief, abuse, and harassment" when the solution
 * facilitates interactions; a code of conduct is one such process, not the
 * only one. So: a code of conduct whose only contact is the template
 * placeholder fails (the process cannot be used), unless the declaration says
 * there is no interaction or describes another process. A missing code of
 * conduct is `n/a` here: whether the Standard asks for any process, and which,
 * is the question dpg-9c-01 (harassment-protection) asks — whether users
 * interact, then how they are protected — and a reviewer asks it once (h5p's
 * report asked "do users interact?" in both rules).
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { declared, fileEvidence, hasRepositoryFiles, isAnswered, REQUIREMENT } from '../../src/helpers.js';
import { readCodeOfConduct } from '../lib/read-code-of-conduct.js';

export const codeOfConduct = defineRuleDraft({
  meta: {
    id: 'dpg-9c-02',
    alias: 'code-of-conduct',
    level: 'requirement',
    requirement: REQUIREMENT['9c'],
    policy: { fail: "the code of conduct's only contact is the template placeholder, and it is the process users who interact would have (no other is declared)", gap: 'the code of conduct names no contact (or cannot be read), and it is the process users who interact would have; no code of conduct at all is dpg-9c-01\'s question' },
    title: 'A code of conduct names a real enforcement contact',
    appliesTo: 'all',
    motivation: 'A code of conduct is the usual process by which users and contributors protect themselves against abuse and harassment; it only works if it says whom to contact, and a template placeholder means nobody can be reached.',
    messages: {
      contact: '{path} names an enforcement contact: {contact} (line {line}).',
      adopts: '{path} adopts the code of conduct at {url} (line {line}); a reviewer checks that it names who enforces it.',
      hostPolicy: 'The host reports a code of conduct ({name}), probably inherited from the organisation; its enforcement contact was not checked.',
      placeholder: '{path}:{line} still has the template placeholder {placeholder}: nobody can report a violation. Replace it with a real contact (an email address or a form URL).',
      placeholderNotNeeded: '{path}:{line} still has the template placeholder {placeholder}; {why}, so this code of conduct is not the process the Standard looks for. Replace the placeholder with a real contact all the same: contributors read it.',
      noContact: '{path} names no enforcement contact (no email address, URL or link to the repository\'s private reporting or issue tracker near "report", "contact" or "enforcement"): say whom to contact to report unacceptable behaviour.',
      noContactNotNeeded: '{path} names no enforcement contact; {why}, so this code of conduct is not the process the Standard looks for. Name a contact in it all the same: contributors read it.',
      unreadable: '{path} could not be read, so its enforcement contact could not be checked.',
      missing: 'No code of conduct (CODE_OF_CONDUCT.md at the root, in .github/ or in docs/); whether the Standard asks for a process depends on whether users interact, the question dpg-9c-01 asks (`doNoHarm.harassment.userInteraction`). If they do, a code of conduct with a real enforcement contact is the usual process.',
      missingInteraction: 'No code of conduct, and users interact (declared) with no other process described: how they are protected is the question dpg-9c-01 asks (`doNoHarm.harassment.protection`); a CODE_OF_CONDUCT.md with a real enforcement contact is the usual answer.',
      otherProcess: 'No code of conduct in the repository; the declaration describes another process against harassment (`doNoHarm.harassment.protection`, judged by harassment-protection). A CODE_OF_CONDUCT.md with an enforcement contact is still good practice.',
      noInteraction: 'No code of conduct; the declaration says there is no interaction with or between users or contributors, so the Standard asks for no process. A CODE_OF_CONDUCT.md is still good practice for contributors.',
      noRepository: 'There are no repository files to read (declaration only), so no code of conduct could be checked.',
      notExpected: 'No code of conduct, and none is expected: the solution is not software and there is no interaction with or between users (declared).',
    },
    remediation: 'Add CODE_OF_CONDUCT.md (e.g. the Contributor Covenant) and fill in its enforcement contact with a monitored email address or a reporting form URL.',
    reads: ['CODE_OF_CONDUCT*', 'CODE-OF-CONDUCT*', 'code_of_conduct*', 'code-of-conduct*'],
    tags: ['repository'],
  },
  check(context: RuleContext): RuleOutcome {
    const { snapshot, declaration, facts } = context;
    const interaction = declaration.data?.doNoHarm?.harassment?.userInteraction;
    const conduct = hasRepositoryFiles(snapshot) ? readCodeOfConduct(snapshot) : undefined;
    if (conduct) {
      switch (conduct.kind) {
        case 'contact': return { status: 'pass', messageId: 'contact', data: { path: conduct.path, contact: conduct.contact, line: conduct.line }, evidence: [fileEvidence(conduct.path, conduct)] };
        case 'adopts': return { status: 'pass', messageId: 'adopts', data: { path: conduct.path, url: conduct.url, line: conduct.line }, evidence: [fileEvidence(conduct.path, conduct), { kind: 'url', url: conduct.url }] };
        case 'placeholder': {
          // An unfilled template where the Standard asks for no process (no interaction declared), or where the
          // declared process is another (judged by harassment-protection), must not score worse than no file.
          const data = { path: conduct.path, line: conduct.line, placeholder: conduct.placeholder };
          const protection = declaration.data?.doNoHarm?.harassment?.protection;
          if (interaction === false) return { status: 'n/a', messageId: 'placeholderNotNeeded', data: { ...data, why: 'the declaration says there is no interaction with or between users or contributors' }, evidence: [fileEvidence(conduct.path, conduct), declared(declaration, 'doNoHarm.harassment.userInteraction')] };
          if (isAnswered(protection)) return { status: 'n/a', messageId: 'placeholderNotNeeded', data: { ...data, why: 'the declaration describes another process against harassment (`doNoHarm.harassment.protection`)' }, evidence: [fileEvidence(conduct.path, conduct), declared(declaration, 'doNoHarm.harassment.protection')] };
          return { status: 'fail', messageId: 'placeholder', data, evidence: [fileEvidence(conduct.path, conduct)] };
        }
        case 'unreadable': return { status: 'gap', messageId: 'unreadable', data: { path: conduct.path }, evidence: [fileEvidence(conduct.path)] };
        case 'no-contact': {
          // As for a placeholder: where the Standard asks for no process, or the declared process is another
          // (openspp declares no interaction), a code of conduct without a contact is not the question.
          const protection = declaration.data?.doNoHarm?.harassment?.protection;
          if (interaction === false) return { status: 'n/a', messageId: 'noContactNotNeeded', data: { path: conduct.path, why: 'the declaration says there is no interaction with or between users or contributors' }, evidence: [fileEvidence(conduct.path), declared(declaration, 'doNoHarm.harassment.userInteraction')] };
          if (isAnswered(protection)) return { status: 'n/a', messageId: 'noContactNotNeeded', data: { path: conduct.path, why: 'the declaration describes another process against harassment (`doNoHarm.harassment.protection`)' }, evidence: [fileEvidence(conduct.path), declared(declaration, 'doNoHarm.harassment.protection')] };
          return { status: 'gap', messageId: 'noContact', data: { path: conduct.path }, evidence: [fileEvidence(conduct.path)] };
        }
      }
    }
    const hostConduct = snapshot.host?.codeOfConduct;
    if (hostConduct) return { status: 'pass', messageId: 'hostPolicy', data: { name: hostConduct }, evidence: [{ kind: 'host', key: 'codeOfConduct', value: hostConduct }] };
    if (!hasRepositoryFiles(snapshot)) return { status: 'gap', messageId: 'noRepository' };
    const at = [declared(declaration, 'doNoHarm.harassment.userInteraction')];
    if (interaction === false) {
      return facts.types.includes('software')
        ? { status: 'n/a', messageId: 'noInteraction', evidence: at }
        : { status: 'n/a', messageId: 'notExpected', evidence: at };
    }
    if (interaction === true) {
      return isAnswered(declaration.data?.doNoHarm?.harassment?.protection)
        ? { status: 'n/a', messageId: 'otherProcess', evidence: [declared(declaration, 'doNoHarm.harassment.protection')] }
        : { status: 'n/a', messageId: 'missingInteraction', evidence: at };
    }
    return { status: 'n/a', messageId: 'missing', evidence: at };
  },
});

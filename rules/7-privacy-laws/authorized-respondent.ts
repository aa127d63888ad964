/**
 * dpg-7-02 authorized-respondent: someone authorised to speak for the owner
 * is named for the answers to indicators 7–9 (DPG Standard, note under the
 * indicator table).
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { declared, isAnswered, listOf, standardUrl } from '../../src/helpers.js';

const WHY = 'Evidence for 7–9 can only be given by someone authorised to speak on behalf of the project';

export const authorizedRespondent = defineRuleDraft({
  meta: {
    id: 'dpg-7-02',
    alias: 'authorized-respondent',
    level: 'advice',
    policy: { fail: '—', gap: 'no authorised respondent is named (advice)' },
    title: 'An authorised person answers indicators 7–9',
    appliesTo: 'all',
    motivation: 'The DPG Standard notes that evidence for requirements 7–9 can only be given by someone authorised to speak on behalf of the project, and collects their title, name and contact to confirm it.',
    messages: {
      noDeclaration: `There is no declaration: create dpg.yml (\`dpg-check init\`) and name in \`authorizedRespondent\` (name, and title or email) the person answering indicators 7–9. ${WHY}.`,
      missing: `No authorised respondent is named: fill \`authorizedRespondent\` in dpg.yml with the name, and the title or email, of the person answering indicators 7–9. ${WHY}.`,
      incomplete: `The authorised respondent is incomplete: \`authorizedRespondent\` lacks {missing}. ${WHY}.`,
      named: 'Answers to indicators 7–9 are attested by {name} ({contact}); a reviewer confirms their authority to speak for the owner.',
    },
    remediation: 'Fill `authorizedRespondent` in dpg.yml with the name, title and email of a person authorised to speak on behalf of the owner.',
    docsUrl: standardUrl(),
    reads: [],
  },
  check(context: RuleContext): RuleOutcome {
    const { declaration } = context;
    if (declaration.data === undefined) return { status: 'gap', messageId: 'noDeclaration', evidence: [declared(declaration, 'authorizedRespondent')] };
    const respondent = declaration.data.authorizedRespondent;
    const name = isAnswered(respondent?.name) ? respondent.name.trim() : undefined;
    const title = isAnswered(respondent?.title) ? respondent.title.trim() : undefined;
    const email = isAnswered(respondent?.email) ? respondent.email.trim() : undefined;
    if (!name && !title && !email) return { status: 'gap', messageId: 'missing', evidence: [declared(declaration, 'authorizedRespondent')] };
    if (!name || (!title && !email)) {
      const missing = [...(!name ? ['a name'] : []), ...(!title && !email ? ['a title or an email'] : [])];
      return { status: 'gap', messageId: 'incomplete', data: { missing: listOf(missing) }, evidence: [declared(declaration, 'authorizedRespondent')] };
    }
    return { status: 'pass', messageId: 'named', data: { name, contact: [title, email].filter((v) => v !== undefined).join(', ') }, evidence: [declared(declaration, 'authorizedRespondent.name')] };
  },
});

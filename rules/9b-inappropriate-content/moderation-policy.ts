/**
 * dpg-9b-02 moderation-policy: where content is distributed, the repository's
 * own policy document (moderation policy, acceptable use, community
 * guidelines, terms) identifies inappropriate and illegal content, describes
 * the processes for detecting, moderating, reporting and removing it, and
 * says how to report (DPG Standard, indicator 9b: "policies identifying
 * inappropriate and illegal content such as child sexual abuse materials in
 * addition to processes for detecting, moderating, reporting and removing
 * inappropriate/illegal content"). `content-moderation` checks what the
 * declaration says; this rule reads the document itself.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { DeclarationView, Evidence } from '../../src/rule-api.js';
import { sortEvidenceLinks, compilePatterns, declared, declaredEvidenceLinks, fileEvidence, findLine, hasRepositoryFiles, listOf, pathsMatching, readText, REQUIREMENT } from '../../src/helpers.js';
import { decoded, httpUrl } from '../lib/repository-url.js';
import table from './content-moderation.json' with { type: 'json' };

const POLICY_FILES = compilePatterns(table.policyFiles);
const STEPS = Object.entries(table.steps).map(([name, pattern]) => ({ name, pattern: new RegExp(pattern, 'i') }));
const ILLEGAL = new RegExp(table.illegalContent, 'i');
const CHANNEL = new RegExp(table.reportingChannel, 'i');

interface PolicyReading { path: string; steps: string[]; illegal?: { line: number; excerpt: string }; channel?: { line: number; excerpt: string } }

function readPolicy(path: string, text: string): PolicyReading {
  const illegal = findLine(text, ILLEGAL);
  const channel = findLine(text, CHANNEL);
  return { path, steps: STEPS.filter((s) => s.pattern.test(text)).map((s) => s.name), ...(illegal ? { illegal } : {}), ...(channel ? { channel } : {}) };
}

function score(reading: PolicyReading): number {
  return reading.steps.length + (reading.illegal ? 2 : 0) + (reading.channel ? 1 : 0);
}

export const moderationPolicy = defineRuleDraft({
  meta: {
    id: 'dpg-9b-02',
    alias: 'moderation-policy',
    level: 'requirement',
    requirement: REQUIREMENT['9b'],
    policy: { fail: '—', gap: 'content is distributed and no moderation policy document is published' },
    title: 'Distributed content has a published moderation policy',
    appliesTo: 'all',
    motivation: 'A solution that distributes content must have a policy identifying inappropriate and illegal content, such as child sexual abuse material, and processes to detect, moderate, report and remove it; users can only follow a policy that is published, and only report through a channel it names.',
    messages: {
      policy: '{path} identifies prohibited content ("{illegal}", line {illegalLine}), covers {steps} and names a reporting channel (line {channelLine}).{cite}',
      incomplete: '{path} is the content policy, but it {problems}: the DPG Standard asks for a policy identifying inappropriate and illegal content (such as child sexual abuse material) and processes for detecting, moderating, reporting and removing it.',
      noDocument: 'Content is distributed (declared), but the repository has no moderation policy, acceptable-use policy, community guidelines or terms, and none is linked: publish one and link it in `doNoHarm.content.evidence`.',
      declaredElsewhere: 'Content is distributed; the policy is linked outside the repository ({links}) and was not read offline: a reviewer checks that it identifies illegal content and describes detection, moderation, reporting and removal.',
      linkedUnderOtherAnswer: 'Content is distributed; terms or a content policy are linked under another answer ({links}) and were not read offline: a reviewer checks that they identify illegal content and describe detection, moderation, reporting and removal. Link them in `doNoHarm.content.evidence` too.',
      notDistributed: 'Content is not distributed (declared `{level}`); no published moderation policy is expected.',
      unanswered: 'Whether content is distributed is not declared (`content-moderation` asks for `doNoHarm.content.contentLevel`), so whether a published moderation policy is needed is not known.',
      noRepository: 'There are no repository files to read (declaration only), so no moderation policy could be read.',
    },
    remediation: 'Publish a content policy (e.g. MODERATION.md, docs/acceptable-use.md or community guidelines) that names the prohibited content, including child sexual abuse material and other illegal content, explains how it is detected, moderated and removed, and how anyone can report it (an address or form); link it in `doNoHarm.content.evidence`.',
    reads: ['MODERATION*', 'docs/*moderation*', 'docs/*acceptable*', 'docs/*guidelines*', 'TERMS*', 'docs/terms*', '.github/*'],
  },
  check(context: RuleContext): RuleOutcome {
    const { snapshot, declaration } = context;
    const content = declaration.data?.doNoHarm?.content;
    const level = content?.contentLevel;
    if (level === undefined) return { status: 'n/a', messageId: 'unanswered', evidence: [declared(declaration, 'doNoHarm.content.contentLevel')] };
    // "Where content is distributed": collected or stored content reaches no other user.
    if (level !== 'collected-stored-distributed') return { status: 'n/a', messageId: 'notDistributed', data: { level }, evidence: [declared(declaration, 'doNoHarm.content.contentLevel')] };
    const links = content?.evidence ?? [];
    const urls = sortEvidenceLinks(links, snapshot).good.filter((l) => /^https?:\/\//i.test(l));
    if (!hasRepositoryFiles(snapshot)) {
      if (urls.length > 0) return { status: 'n/a', messageId: 'declaredElsewhere', data: { links: listOf(urls) }, evidence: [declared(declaration, 'doNoHarm.content.evidence')] };
      return linkedUnderOtherAnswer(declaration) ?? { status: 'n/a', messageId: 'noRepository' };
    }
    const readings = pathsMatching(snapshot, POLICY_FILES).map((path) => readPolicy(path, readText(snapshot, path) ?? ''));
    const best = readings.sort((a, b) => score(b) - score(a))[0];
    if (best) {
      const problems = [
        ...(best.illegal ? [] : ['does not identify which content is prohibited (illegal content such as child sexual abuse material, hate speech…)']),
        ...(best.steps.length >= table.minimumPolicySteps ? [] : [`describes only ${best.steps.length > 0 ? listOf(best.steps) : 'none of the steps'} of detecting, moderating, reporting and removing`]),
        ...(best.channel ? [] : ['names no reporting channel (an address, a form URL or a report button)']),
      ];
      const evidence: Evidence[] = [fileEvidence(best.path, best.illegal ?? best.channel)];
      if (problems.length > 0) return { status: 'gap', messageId: 'incomplete', data: { path: best.path, problems: listOf(problems) }, evidence };
      const cited = sortEvidenceLinks(links, snapshot).good.some((l) => l.replace(/^\.\//, '') === best.path);
      const cite = cited || declaration.data === undefined ? '' : ` Link it in \`doNoHarm.content.evidence\`.`;
      return {
        status: 'pass', messageId: 'policy',
        data: { path: best.path, illegal: (ILLEGAL.exec(best.illegal?.excerpt ?? '')?.[0] ?? ''), illegalLine: best.illegal?.line ?? 0, steps: listOf(best.steps), channelLine: best.channel?.line ?? 0, cite },
        evidence: [fileEvidence(best.path, best.illegal), ...(best.channel ? [fileEvidence(best.path, best.channel)] : [])],
      };
    }
    if (urls.length > 0) return { status: 'n/a', messageId: 'declaredElsewhere', data: { links: listOf(urls) }, evidence: [declared(declaration, 'doNoHarm.content.evidence')] };
    return linkedUnderOtherAnswer(declaration) ?? { status: 'gap', messageId: 'noDocument', evidence: [declared(declaration, 'doNoHarm.content.contentLevel')] };
  },
});

/**
 * cboard's and kobotoolbox's answers: their terms of use (https://www.cboard.io/terms-of-use/,
 * https://www.kobotoolbox.org/terms/) are linked as the evidence of indicator 7, not of 9b. A page of the
 * declaration's evidence whose last path segment is named as a content policy is (terms, acceptable use, community
 * guidelines, moderation: `policyFiles`) is the policy to read, wherever it is linked. A privacy policy is not one.
 */
function linkedUnderOtherAnswer(declaration: DeclarationView): RuleOutcome | undefined {
  const linked = declaredEvidenceLinks(declaration.data).filter((l) => l.listKey !== 'doNoHarm.content.evidence' && isPolicyPage(l.link));
  if (linked.length === 0) return undefined;
  return {
    status: 'n/a', messageId: 'linkedUnderOtherAnswer',
    data: { links: listOf(linked.map((l) => `${l.link} in \`${l.key}\``)) },
    evidence: linked.map((l) => declared(declaration, l.key)),
  };
}

/** A web page named as a content policy: its last path segment, as `policyFiles` name such a file. */
function isPolicyPage(link: string): boolean {
  const last = httpUrl(link)?.pathname.split('/').filter(Boolean).pop();
  return last !== undefined && POLICY_FILES.some((pattern) => pattern.test(decoded(last).toLowerCase()));
}

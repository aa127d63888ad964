/**
 * evidence-links-<indicator> (tagged `online`): with `--online`, the URLs the
 * declaration gives as evidence for the indicator lead somewhere. One rule per
 * indicator, so a dead privacy-policy link shows under 7 and a dead licence
 * link under 2. A link that does not resolve (404, 410, unknown host, bad
 * certificate, redirect loop) fails: the evidence it stands for is gone. A
 * link the check could not verify (401/403/429, server error, timeout) is a
 * gap for a reviewer, never a fail. Without `--online` nothing was checked:
 * n/a. The link statuses come from `facts.links`, collected before the rules
 * run; rules do no I/O.
 */
import { defineRuleDraft, isUrl, type DeclarationView, type RuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { declaredEvidenceLinks } from '../../src/helpers.js';
import type { Evidence, IndicatorId } from '../../src/rule-api.js';
import { REQUIREMENT } from '../../src/helpers.js';

interface DeclaredUrl { key: string; url: string }

/** The indicator's evidence URLs, from the one list of evidence keys (the `--online` checker reads the same list). */
function declaredUrls(indicator: IndicatorId, declaration: DeclarationView): DeclaredUrl[] {
  return declaredEvidenceLinks(declaration.data, indicator).filter((item) => isUrl(item.link)).map((item) => ({ key: item.key, url: item.link }));
}

function evidenceFor(declaration: DeclarationView, items: readonly DeclaredUrl[]): Evidence[] {
  return items.flatMap((item) => [declaration.evidence(item.key), { kind: 'url' as const, url: item.url }]);
}

function describe(items: readonly (DeclaredUrl & { reason: string })[]): string {
  return items.map((item) => `${item.url} (${item.reason}, \`${item.key}\`)`).join(', ');
}

/** The evidence-links rule of an indicator; its id is the indicator's next number (rules/host/index.ts gives it). */
export function evidenceLinksRule(indicator: IndicatorId, id: string): RuleDraft {
  return defineRuleDraft({
    meta: {
      id,
      alias: `evidence-links-${indicator}`,
      // A broken evidence link is evidence that is not there: a gap in the indicator it supports.
      level: 'requirement',
      requirement: REQUIREMENT[indicator],
      policy: { fail: '—', gap: `an evidence URL for indicator ${indicator} does not resolve, or its server would not say (--online)` },
      title: `The declaration's evidence URLs for indicator ${indicator} resolve (--online)`,
      appliesTo: 'all',
      motivation: 'Reviewers follow the links a declaration gives as evidence; a link that leads nowhere is evidence that is not there, and it is the first thing a reviewer sends back.',
      messages: {
        resolve: 'All {count} evidence URL(s) resolve: {urls}.',
        broken: 'Evidence URL(s) that do not resolve: {links}. Which page shows this evidence now? Correct or replace the link.',
        unverified: 'Evidence URL(s) that could not be verified (the server would not say, or did not answer): {links}.',
        notChecked: '{count} evidence URL(s) were not checked (run with --online to check them).',
        noUrls: 'The declaration gives no evidence URL for this indicator.',
      },
      remediation: 'Fix or replace each evidence URL that does not resolve (a moved page, a private document, a typo); for one that could not be verified, check it in a browser and make it public if it is not.',
      reads: [],
      tags: ['online'],
    },
    check(context: RuleContext): RuleOutcome | RuleOutcome[] {
      const urls = declaredUrls(indicator, context.declaration);
      if (urls.length === 0) return { status: 'n/a', messageId: 'noUrls' };
      const statuses = context.facts.links;
      if (!statuses) return { status: 'n/a', messageId: 'notChecked', data: { count: urls.length } };
      const broken: (DeclaredUrl & { reason: string })[] = [];
      const unverified: (DeclaredUrl & { reason: string })[] = [];
      for (const item of urls) {
        const status = statuses.get(item.url);
        if (!status) unverified.push({ ...item, reason: 'not checked' });
        else if (status.state === 'broken') broken.push({ ...item, reason: status.reason });
        else if (status.state === 'unverified') unverified.push({ ...item, reason: status.reason });
      }
      const outcomes: RuleOutcome[] = [];
      // A link that leads nowhere is evidence that is not there (a gap a reviewer sends back), not proof the requirement is unmet.
      if (broken.length > 0) outcomes.push({ status: 'gap', messageId: 'broken', data: { links: describe(broken) }, evidence: evidenceFor(context.declaration, broken) });
      if (unverified.length > 0) outcomes.push({ status: 'gap', messageId: 'unverified', data: { links: describe(unverified) }, evidence: evidenceFor(context.declaration, unverified) });
      if (outcomes.length > 0) return outcomes;
      return { status: 'pass', messageId: 'resolve', data: { count: urls.length, urls: urls.map((u) => u.url).join(', ') }, evidence: evidenceFor(context.declaration, urls) };
    },
  });
}


/**
 * dpg-<indicator>-92 evidence-links-<indicator>: with `--online`, the URLs the
 * declaration gives as evidence for the indicator lead somewhere. One rule per
 * indicator, so a dead privacy-policy link shows under 7 and a dead licence
 * link under 2. A link that does not resolve (404, 410, unknown host, bad
 * certificate, redirect loop) fails: the evidence it stands for is gone. A
 * link the check could not verify (401/403/429, server error, timeout) is a
 * gap for a reviewer, never a fail. Without `--online` nothing was checked:
 * n/a. The link statuses come from `facts.links`, collected before the rules
 * run; rules do no I/O.
 */
import { defineRule, isUrl, type DeclarationView, type Rule, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Declaration } from '../../src/declaration/types.js';
import type { Evidence, IndicatorId } from '../../src/model.js';
import { REQUIREMENT, STANDARD, guidanceUrl } from '../shared.js';

/** The declaration keys holding evidence links, per indicator (key paths as `DeclarationView.locate` takes them). */
const EVIDENCE_KEYS: Readonly<Record<IndicatorId, (data: Readonly<Declaration>) => { key: string; links: readonly unknown[] }[]>> = {
  '1': (d) => (d.sdgs ?? []).map((s, i) => ({ key: `sdgs[${i}].evidence`, links: s?.evidence ?? [] })),
  '2': (d) => (d.licenses ?? []).map((l, i) => ({ key: `licenses[${i}].evidence`, links: l?.evidence ?? [] })),
  '3': (d) => [
    { key: 'owner.evidence', links: d.owner?.evidence ?? [] },
    { key: 'owner.redistributionRights.evidence', links: d.owner?.redistributionRights?.evidence ?? [] },
    { key: 'owner.contributorAgreement', links: typeof d.owner?.contributorAgreement === 'string' ? [d.owner.contributorAgreement] : [] },
  ],
  '4': (d) => (d.platformIndependence?.components ?? []).map((c, i) => ({ key: `platformIndependence.components[${i}].evidence`, links: c?.evidence ?? [] })),
  '5': (d) => [{ key: 'documentation.links', links: d.documentation?.links ?? [] }],
  '6': (d) => [{ key: 'dataExtraction.evidence', links: d.dataExtraction?.evidence ?? [] }],
  '7': (d) => [{ key: 'privacy.evidence', links: d.privacy?.evidence ?? [] }],
  '8': (d) => [
    ...(d.standards?.standards ?? []).map((s, i) => ({ key: `standards.standards[${i}].evidence`, links: s?.evidence ?? [] })),
    ...(d.standards?.bestPractices ?? []).map((s, i) => ({ key: `standards.bestPractices[${i}].evidence`, links: s?.evidence ?? [] })),
  ],
  '9a': (d) => [{ key: 'doNoHarm.dataPrivacy.evidence', links: d.doNoHarm?.dataPrivacy?.evidence ?? [] }],
  '9b': (d) => [{ key: 'doNoHarm.content.evidence', links: d.doNoHarm?.content?.evidence ?? [] }],
  '9c': (d) => [{ key: 'doNoHarm.harassment.evidence', links: d.doNoHarm?.harassment?.evidence ?? [] }],
};

interface DeclaredUrl { key: string; url: string }

function declaredUrls(indicator: IndicatorId, declaration: DeclarationView): DeclaredUrl[] {
  const data = declaration.data;
  if (!data) return [];
  const found: DeclaredUrl[] = [];
  for (const { key, links } of EVIDENCE_KEYS[indicator](data)) {
    (Array.isArray(links) ? links : []).forEach((link, index) => {
      if (typeof link !== 'string' || !isUrl(link)) return;
      found.push({ key: key === 'owner.contributorAgreement' ? key : `${key}[${index}]`, url: link.trim() });
    });
  }
  return found;
}

function evidenceFor(declaration: DeclarationView, items: readonly DeclaredUrl[]): Evidence[] {
  return items.flatMap((item) => [declaration.evidence(item.key), { kind: 'url' as const, url: item.url }]);
}

function describe(items: readonly (DeclaredUrl & { reason: string })[]): string {
  return items.map((item) => `${item.url} (${item.reason}, \`${item.key}\`)`).join(', ');
}

function evidenceLinksRule(indicator: IndicatorId): Rule {
  return defineRule({
    meta: {
      id: `dpg-${indicator}-92`,
      alias: `evidence-links-${indicator}`,
      indicator,
      // A broken evidence link is evidence that is not there: a gap in the indicator it supports.
      level: 'requirement',
      requirement: REQUIREMENT[indicator],
      policy: { fail: '—', gap: `an evidence URL for indicator ${indicator} does not resolve, or its server would not say (--online)` },
      title: `The declaration's evidence URLs for indicator ${indicator} resolve (--online)`,
      appliesTo: 'all',
      standardVersion: STANDARD,
      motivation: 'Reviewers follow the links a declaration gives as evidence; a link that leads nowhere is evidence that is not there, and it is the first thing a reviewer sends back.',
      messages: {
        resolve: 'All {count} evidence URL(s) resolve: {urls}.',
        broken: 'Evidence URL(s) that do not resolve: {links}. Which page shows this evidence now? Correct or replace the link.',
        unverified: 'Evidence URL(s) that could not be verified (the server would not say, or did not answer): {links}.',
        notChecked: '{count} evidence URL(s) were not checked (run with --online to check them).',
        noUrls: 'The declaration gives no evidence URL for this indicator.',
      },
      remediation: 'Fix or replace each evidence URL that does not resolve (a moved page, a private document, a typo); for one that could not be verified, check it in a browser and make it public if it is not.',
      docsUrl: guidanceUrl(indicator),
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

export const evidenceLinkRules: readonly Rule[] = (['1', '2', '3', '4', '5', '6', '7', '8', '9a', '9b', '9c'] as const).map(evidenceLinksRule);

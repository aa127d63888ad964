/**
 * The declaration's evidence keys: every place a declaration gives links (URLs
 * or repository paths) as evidence, with the indicator each supports. One list,
 * read by the rules that check the paths exist and by `--online` for the URLs,
 * so that no key is checked by one and forgotten by the other.
 */
import type { Declaration } from './types.js';
import type { IndicatorId } from '../model.js';

/** One evidence link as written in the declaration, with its key path (`sdgs[0].evidence[1]`, as `DeclarationView.locate` takes it). */
export interface DeclaredEvidenceLink {
  readonly indicator: IndicatorId;
  /** The list's key (`sdgs[0].evidence`), or the key itself for a single link (`owner.contributorAgreement`). */
  readonly listKey: string;
  /** The link's own key (`sdgs[0].evidence[1]`, `owner.contributorAgreement`). */
  readonly key: string;
  /** Trimmed. */
  readonly link: string;
}

interface EvidenceList { indicator: IndicatorId; key: string; links: unknown; single?: true }

const each = <T>(list: readonly T[] | undefined): T[] => (Array.isArray(list) ? list : []);

/** Every evidence list of a declaration, in indicator order. The one list of evidence keys. */
function evidenceLists(d: Readonly<Declaration>): EvidenceList[] {
  return [
    ...each(d.sdgs).map((s, i) => ({ indicator: '1' as const, key: `sdgs[${i}].evidence`, links: s?.evidence })),
    ...each(d.licenses).map((l, i) => ({ indicator: '2' as const, key: `licenses[${i}].evidence`, links: l?.evidence })),
    { indicator: '3', key: 'owner.evidence', links: d.owner?.evidence },
    { indicator: '3', key: 'owner.redistributionRights.evidence', links: d.owner?.redistributionRights?.evidence },
    { indicator: '3', key: 'owner.contributorAgreement', links: d.owner?.contributorAgreement, single: true },
    ...each(d.platformIndependence?.components).map((c, i) => ({ indicator: '4' as const, key: `platformIndependence.components[${i}].evidence`, links: c?.evidence })),
    { indicator: '5', key: 'documentation.links', links: d.documentation?.links },
    { indicator: '6', key: 'dataExtraction.evidence', links: d.dataExtraction?.evidence },
    { indicator: '7', key: 'privacy.evidence', links: d.privacy?.evidence },
    ...each(d.standards?.standards).map((s, i) => ({ indicator: '8' as const, key: `standards.standards[${i}].evidence`, links: s?.evidence })),
    ...each(d.standards?.bestPractices).map((s, i) => ({ indicator: '8' as const, key: `standards.bestPractices[${i}].evidence`, links: s?.evidence })),
    { indicator: '9a', key: 'doNoHarm.dataPrivacy.evidence', links: d.doNoHarm?.dataPrivacy?.evidence },
    { indicator: '9b', key: 'doNoHarm.content.evidence', links: d.doNoHarm?.content?.evidence },
    { indicator: '9c', key: 'doNoHarm.harassment.evidence', links: d.doNoHarm?.harassment?.evidence },
  ];
}

/** Every non-empty evidence link the declaration gives (URLs and paths), optionally only an indicator's. */
export function declaredEvidenceLinks(declaration: Readonly<Declaration> | undefined, indicator?: IndicatorId): DeclaredEvidenceLink[] {
  if (!declaration || typeof declaration !== 'object') return [];
  const found: DeclaredEvidenceLink[] = [];
  for (const list of evidenceLists(declaration)) {
    if (indicator !== undefined && list.indicator !== indicator) continue;
    const links: unknown[] = list.single ? [list.links] : Array.isArray(list.links) ? list.links : [];
    links.forEach((link, index) => {
      if (typeof link !== 'string' || link.trim() === '') return;
      found.push({ indicator: list.indicator, listKey: list.key, key: list.single ? list.key : `${list.key}[${index}]`, link: link.trim() });
    });
  }
  return found;
}

/**
 * Rules fed by what only a host or the network can tell: host metadata
 * (topics, detected licence, owner, archive status and last push, recognised
 * security policy and code of conduct; tagged `host`) and, with `--online`,
 * whether the declaration's evidence URLs resolve (tagged `online`). Each
 * takes the next number of its indicator (`dpg-2-07`); config can turn a
 * whole tag off (`rules: { host: off }`). Their former ids
 * (`dpg-<indicator>-91`, `-92`) stay accepted as deprecated aliases
 * (renamed.json). Without a host (a local or plain git candidate) or without
 * `--online`, they report `n/a`.
 */
import { defineIndicatorRules, type IndicatorFields, type IndicatorId, type Rule, type RuleDraft } from '../../src/rule-api.js';
import { STANDARD, guidanceUrl } from '../../src/helpers.js';
import { hostSdgTopics } from './host-sdg-topics.js';
import { hostLicenseAgrees } from './host-license.js';
import { hostOwner } from './host-owner.js';
import { repositoryMaintained } from './repository-maintained.js';
import { hostCodeOfConduct, hostSecurityPolicy } from './host-community-files.js';
import { evidenceLinksRule } from './evidence-links.js';

/** The rules here span indicators, so each group declares its indicator's fields, as an indicator folder does. */
const indicatorFields = (indicator: IndicatorId): IndicatorFields => ({ indicator, standardVersion: STANDARD, docsUrl: guidanceUrl(indicator) });
const ofIndicator = (indicator: IndicatorId, drafts: readonly RuleDraft[]): readonly Rule[] => defineIndicatorRules(indicatorFields(indicator), drafts);

/** The evidence-links rule's id in each indicator: the number after the indicator folder's (and host) rules. */
const EVIDENCE_LINK_IDS: Readonly<Record<IndicatorId, string>> = {
  1: 'dpg-1-04', 2: 'dpg-2-08', 3: 'dpg-3-07', 4: 'dpg-4-04', 5: 'dpg-5-08', 6: 'dpg-6-04', 7: 'dpg-7-04', 8: 'dpg-8-04', '9a': 'dpg-9a-07', '9b': 'dpg-9b-03', '9c': 'dpg-9c-04',
};

export const hostRules: readonly Rule[] = [
  ...ofIndicator('1', [hostSdgTopics]),
  ...ofIndicator('2', [hostLicenseAgrees]),
  ...ofIndicator('3', [hostOwner]),
  ...ofIndicator('5', [repositoryMaintained]),
  ...ofIndicator('9a', [hostSecurityPolicy]),
  ...ofIndicator('9c', [hostCodeOfConduct]),
];

export const evidenceLinkRules: readonly Rule[] = (Object.keys(EVIDENCE_LINK_IDS) as IndicatorId[])
  .flatMap((indicator) => ofIndicator(indicator, [evidenceLinksRule(indicator, EVIDENCE_LINK_IDS[indicator])]));

export const rules: readonly Rule[] = [...hostRules, ...evidenceLinkRules];

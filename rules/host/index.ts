/**
 * Rules fed by what only a host or the network can tell: host metadata
 * (topics, detected licence, owner, archive status and last push, recognised
 * security policy and code of conduct) and, with `--online`, whether the
 * declaration's evidence URLs resolve. Their ids are `dpg-<indicator>-9x` so
 * that they sit with their indicator without taking the indicator folders'
 * numbers. Without a host (a local or plain git candidate) or without
 * `--online`, they report `n/a`: supporting evidence, never a requirement.
 */
import type { Rule } from '../../src/rule-api.js';
import { hostSdgTopics } from './host-sdg-topics.js';
import { hostLicenseAgrees } from './host-license.js';
import { hostOwner } from './host-owner.js';
import { repositoryMaintained } from './repository-maintained.js';
import { hostCodeOfConduct, hostSecurityPolicy } from './host-community-files.js';
import { evidenceLinkRules } from './evidence-links.js';

export const rules: readonly Rule[] = [hostSdgTopics, hostLicenseAgrees, hostOwner, repositoryMaintained, hostSecurityPolicy, hostCodeOfConduct, ...evidenceLinkRules];

/**
 * Indicator 9 of the screening format: do no harm, with 9a data privacy and
 * security, 9b inappropriate and illegal content, 9c protection from harassment.
 */
import type { HandlingLevel } from '../../declaration/types.js';
import { fieldAnyCase, isRecord } from '../builder.js';
import { excerpt, oneLine, yesNoOf } from '../text.js';
import { booleanAnswer, gate, links, listItems, textAt, urlsOfTexts, type ScreeningReader, type Section } from './answers.js';

/** 9. Do no harm: the general question, then 9a data privacy, 9b content, 9c harassment. */
export function readDoNoHarm(r: ScreeningReader, harm: Section): void {
  const { b, file, at } = r;
  const sub = (name: string): { key: string; value: Record<string, unknown> } | undefined => {
    const found = fieldAnyCase(harm.value, name);
    return found && isRecord(found.value) ? { key: `${harm.key}.${found.key}`, value: found.value } : undefined;
  };
  const prevent = sub('preventHarm');
  if (prevent) {
    gate(b, { file, ...at(prevent, 'stepsToPreventHarm') }, 'does the project take steps to anticipate, prevent and do no harm');
    const extra = at(prevent, 'additionalInfoMechanismProcessesPolicies');
    const extraText = textAt(b, file, extra.key, extra.value);
    if (extraText !== undefined) b.note('unmapped', file, extra.key, `additional information on avoiding harm: "${oneLine(extraText)}" (the declaration has no general do-no-harm answer)`);
  }
  readDataPrivacy(r, sub('dataPrivacySecurity'));
  readContent(r, sub('inappropriateIllegalContent'));
  readHarassment(r, sub('protectionFromHarassment'));
}

function readDataPrivacy(r: ScreeningReader, section: Section | undefined): void {
  if (!section) return;
  const { b, file, out, at } = r;
  const privacy = out.dataPrivacy;
  b.from('doNoHarm', file, section.key.split('.')[0]!);
  b.from('doNoHarm.dataPrivacy', file, section.key);
  const collects = at(section, 'collectsPII');
  const sharing = at(section, 'thirdPartyDataSharing');
  const shares = booleanAnswer(b, file, sharing.key, sharing.value, 'shares PII with third parties');
  const answer = yesNoOf(collects.value);
  let level: HandlingLevel | undefined;
  if (answer === 'no') level = 'none';
  else if (answer === 'yes') {
    // The form asked "collect or store"; the declaration's levels tell them apart. Sharing with third parties is distribution.
    level = shares ? 'collected-stored-distributed' : 'collected-stored';
    b.note('approximated', file, collects.key, `"collects or stores PII: Yes" read as piiLevel ${level}${shares ? ' (PII is shared with third parties)' : ' (the form does not tell collected from stored)'}`);
  } else if (answer !== undefined) {
    b.note('unmapped', file, collects.key, `collects or stores PII: "${typeof answer === 'object' ? excerpt(answer.other) : 'Unknown'}" (the declaration needs one of the four levels)`);
  } else if (typeof collects.value === 'string') b.blank(file, collects.key);
  if (level) {
    privacy.piiLevel = level;
    b.from('doNoHarm.dataPrivacy.piiLevel', file, collects.key);
  }
  const types = at(section, 'typesOfDataCollected');
  const typeItems = listItems(b, file, types.key, types.value);
  if (typeItems.length > 0) {
    privacy.piiTypes = typeItems.map((t) => t.text);
    b.from('doNoHarm.dataPrivacy.piiTypes', file, types.key);
  }
  if (shares !== undefined) {
    privacy.thirdPartySharing = shares;
    b.from('doNoHarm.dataPrivacy.thirdPartySharing', file, sharing.key);
  }
  const circumstances = at(section, 'dataSharingCircumstances');
  const circumstanceItems = listItems(b, file, circumstances.key, circumstances.value);
  if (circumstanceItems.length > 0) b.note('unmapped', file, circumstances.key, `when PII is shared with third parties: ${circumstanceItems.map((c) => `"${oneLine(c.text)}"`).join('; ')} (the declaration has no key for this answer)`);
  gate(b, { file, ...at(section, 'ensurePrivacySecurity') }, 'does the project ensure the privacy, security and integrity of this data');
  const description = at(section, 'privacySecurityDescription');
  const measures = textAt(b, file, description.key, description.value);
  if (measures !== undefined) {
    privacy.measures = measures;
    b.from('doNoHarm.dataPrivacy.measures', file, description.key);
    const urls = urlsOfTexts([measures]);
    if (urls.length > 0) {
      privacy.evidence = urls;
      b.from('doNoHarm.dataPrivacy.evidence', file, description.key);
    }
  }
}

function readContent(r: ScreeningReader, section: Section | undefined): void {
  if (!section) return;
  const { b, file, out, at } = r;
  const content = out.content;
  b.from('doNoHarm', file, section.key.split('.')[0]!);
  b.from('doNoHarm.content', file, section.key);
  const handles = at(section, 'collectStoreDistribute');
  const answer = yesNoOf(handles.value);
  if (answer === 'no') content.contentLevel = 'none';
  else if (answer === 'yes') {
    // "Collect, store or distribute": the declaration's strictest level, so no moderation question is skipped.
    content.contentLevel = 'collected-stored-distributed';
    b.note('approximated', file, handles.key, '"collects, stores or distributes content: Yes" read as contentLevel collected-stored-distributed (the form does not tell the three apart)');
  } else if (answer !== undefined) {
    b.note('unmapped', file, handles.key, `collects, stores or distributes content: "${typeof answer === 'object' ? excerpt(answer.other) : 'Unknown'}" (the declaration needs one of the four levels)`);
  } else if (typeof handles.value === 'string') b.blank(file, handles.key);
  if (content.contentLevel) b.from('doNoHarm.content.contentLevel', file, handles.key);
  const type = at(section, 'type');
  const typeText = textAt(b, file, type.key, type.value);
  if (typeText !== undefined) {
    content.contentTypes = [typeText];
    b.from('doNoHarm.content.contentTypes', file, type.key);
  }
  gate(b, { file, ...at(section, 'contentFilter') }, 'are there policies describing inappropriate content');
  gate(b, { file, ...at(section, 'illegalContentDetection') }, 'are there processes for detecting and moderating inappropriate content');
  const evidence: string[] = [];
  const policy = at(section, 'policyGuidelinesDocumentationLink');
  const policyText = textAt(b, file, policy.key, policy.value);
  if (policyText !== undefined) for (const link of links(b, file, policy.key, policyText)) if (!evidence.includes(link)) evidence.push(link);
  const mechanism = at(section, 'illegalContentDetectionMechanism');
  const moderation = textAt(b, file, mechanism.key, mechanism.value);
  if (moderation !== undefined) {
    content.moderation = moderation;
    b.from('doNoHarm.content.moderation', file, mechanism.key);
    for (const url of urlsOfTexts([moderation])) if (!evidence.includes(url)) evidence.push(url);
  }
  if (evidence.length > 0) {
    content.evidence = evidence;
    b.from('doNoHarm.content.evidence', file, policyText !== undefined ? policy.key : mechanism.key);
  }
}

function readHarassment(r: ScreeningReader, section: Section | undefined): void {
  if (!section) return;
  const { b, file, out, at } = r;
  const harassment = out.harassment;
  b.from('doNoHarm', file, section.key.split('.')[0]!);
  b.from('doNoHarm.harassment', file, section.key);
  const interaction = at(section, 'userInteraction');
  const interacts = booleanAnswer(b, file, interaction.key, interaction.value, 'facilitates interactions with or between users');
  if (interacts !== undefined) {
    harassment.userInteraction = interacts;
    b.from('doNoHarm.harassment.userInteraction', file, interaction.key);
  }
  gate(b, { file, ...at(section, 'addressSafetySecurityUnderageUsers') }, 'does the project address the safety of underage users');
  gate(b, { file, ...at(section, 'griefAbuseHarassmentProtection') }, 'does the project help users protect themselves against harassment');
  const underage = at(section, 'stepsAddressRiskPreventSafetyUnderageUsers');
  const underageItems = listItems(b, file, underage.key, underage.value).map((s) => s.text);
  if (underageItems.length > 0) {
    harassment.underageSafety = underageItems.join('\n');
    b.from('doNoHarm.harassment.underageSafety', file, underage.key);
  }
  const protection = at(section, 'harassmentProtectionSteps');
  const protectionItems = listItems(b, file, protection.key, protection.value).map((s) => s.text);
  if (protectionItems.length > 0) {
    harassment.protection = protectionItems.join('\n');
    b.from('doNoHarm.harassment.protection', file, protection.key);
  }
  const urls = urlsOfTexts([...underageItems, ...protectionItems]);
  if (urls.length > 0) {
    harassment.evidence = urls;
    b.from('doNoHarm.harassment.evidence', file, protectionItems.length > 0 ? protection.key : underage.key);
  }
}

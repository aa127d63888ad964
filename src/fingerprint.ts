/**
 * The identity of a finding across runs: what `--baseline` matches on, and
 * what a diff of two reports or a SARIF `partialFingerprints` entry should use
 * (one module, so all three agree on what "the same finding" is).
 *
 * Not to be confused with `src/batch/fingerprint.ts`, the hash of a batch
 * candidate's *inputs* that `batch --resume` compares.
 *
 * A finding is the same finding when it has the same rule, indicator and
 * message id (what kind of thing the rule says), the same primary location
 * (the file, or the declaration key) and the same subject: the evidence that
 * names what it is about (declaration keys, normalised file excerpts, URLs,
 * host metadata). Left out on purpose:
 * - the message text and remediation, so rewording a message is no change;
 * - line and column numbers, so an edit above a finding does not make it new;
 * - `note` evidence, which is the tool's own wording, like the message;
 * - the status, which callers compare on its own (a gap turning into a fail is
 *   the same finding, changed).
 * Findings that are alike in all of that (two secrets on identical lines of one
 * file) are told apart by their order: the second gets `:2`.
 */
import { lazyCrypto } from './lazy-crypto.js';
import type { Evidence, Finding } from './model.js';

/** Bump when what goes into the fingerprint changes: fingerprints of different versions never match. */
export const FINGERPRINT_VERSION = 1;

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The part of one evidence item that says what the finding is about; undefined for the tool's own words. */
function subjectOf(evidence: Evidence): string | undefined {
  switch (evidence.kind) {
    case 'file':
      return `file:${evidence.path}${evidence.excerpt ? `:${normalise(evidence.excerpt)}` : ''}`;
    case 'declaration':
      return `declaration:${evidence.key}`;
    case 'url':
      return `url:${evidence.url.trim()}`;
    case 'host':
      return `host:${evidence.key}=${evidence.value === undefined ? '' : normalise(evidence.value)}`;
    default:
      return undefined;
  }
}

/** Where the finding is: the path of its first located evidence (the declaration's key, for declaration evidence). */
function primaryPlace(finding: Finding): string {
  const located = finding.evidence.filter((e): e is Extract<Evidence, { kind: 'file' | 'declaration' }> => e.kind === 'file' || e.kind === 'declaration');
  const primary = located.find((e) => e.line !== undefined) ?? located[0];
  if (!primary) return '';
  return primary.kind === 'declaration' ? `${primary.path}#${primary.key}` : primary.path;
}

/** The fingerprint of one finding, without the ordinal that tells identical findings apart (32 hex digits). */
export function findingFingerprint(finding: Finding): string {
  const subject = finding.evidence.map(subjectOf).filter((s): s is string => s !== undefined).sort();
  const parts = [
    `v${FINGERPRINT_VERSION}`,
    finding.ruleId,
    finding.indicator,
    // An engine-made finding (a rule that could not run) has no message id: its kind is that it is an error.
    finding.messageId ?? (finding.status === 'error' ? '(error)' : ''),
    primaryPlace(finding),
    ...subject,
  ];
  return lazyCrypto().createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/** Fingerprints of a list of findings, in order; the n-th finding alike in everything gets `:n` (n ≥ 2). */
export function fingerprintAll(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const base = findingFingerprint(finding);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}:${count}`;
  });
}

/**
 * The SARIF 2.1.0 reporter: findings become code-scanning alerts.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 *
 * - `tool.driver.rules`: one entry per rule that reported (id, name, short and
 *   full description, help with the remediation, help URI into the standard).
 * - `results`: fail → level `error`, gap → level `warning` (both kind `fail`,
 *   so code scanning shows them); pass → kind `pass`, n/a → kind
 *   `notApplicable` (level `none`), only with `--sarif-all`.
 * - A rule that could not run (`error`) is a fault of the tool, not of the
 *   code: SARIF says that with `invocations[].toolExecutionNotifications`
 *   and `executionSuccessful: false`, not with an alert.
 * - With `--baseline`: every result has its `baselineState` (`new`,
 *   `unchanged`), and the baseline's fails and gaps that are gone follow as
 *   results with `baselineState: absent`.
 * - Tracking: every result has `partialFingerprints["dpgCheckFinding/v1"]`, the
 *   finding's fingerprint (src/fingerprint.ts: rule, indicator, message id,
 *   primary place and subject; not the wording, not line numbers), so code
 *   scanning keeps one alert per finding across runs and rewordings.
 * - Locations: the first file or declaration evidence (with its line) is the
 *   result's location, further ones are related locations. URIs are relative
 *   to the repository root (`%SRCROOT%`; the caller gives the candidate's
 *   folder in it as `pathPrefix`). Declaration evidence about a key that is
 *   not there points at the line of its nearest parent key that is (missing
 *   `privacy.laws` → the line of `privacy:`), else at line 1 of the
 *   declaration. A finding with no file (about the candidate as a whole) is
 *   attached to line 1 of the declaration file, or of the README when there is
 *   no declaration, since code scanning places alerts in files, not folders.
 */
import { FINGERPRINT_VERSION, fingerprintAll } from '../fingerprint.js';
import type { Evidence, Finding, Report, Status } from '../model.js';
import {
  describeRule, fileLocation, findingsByRule, withPrefix, type FileLocation, type RuleDescriptor,
} from './common.js';

export interface SarifOptions {
  /** Also report passes and n/a findings (`--sarif-all`). */
  all?: boolean;
  /** Rule metadata the caller knows (titles, motivation); rules missing here are described from their findings. */
  rules?: readonly RuleDescriptor[];
  /** Repository-relative folder of the candidate: artifact URIs are relative to `%SRCROOT%`, the repository root. */
  pathPrefix?: string;
  /**
   * Where a key of the declaration file `file` is (its line, 1-based), when the caller can read the file;
   * used to place findings about a missing key at the line of its parent. Without it, the report's own evidence is used.
   */
  locateDeclarationKey?: (file: string, key: string) => number | undefined;
}

/** The `partialFingerprints` key: ours, versioned with the fingerprint, so a change of what goes in never matches old alerts. */
export const SARIF_FINGERPRINT_KEY = `dpgCheckFinding/v${FINGERPRINT_VERSION}`;

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

interface SarifMessage { text: string; markdown?: string }
interface SarifPhysicalLocation {
  artifactLocation: { uri: string; uriBaseId: string };
  region?: { startLine: number; startColumn?: number };
}
interface SarifLocation { id?: number; physicalLocation: SarifPhysicalLocation; message?: SarifMessage }
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  kind?: 'pass' | 'notApplicable' | 'fail';
  level: 'error' | 'warning' | 'note' | 'none';
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  /** With `--baseline`: `new`, `unchanged`, or `absent` for the baseline's results this run no longer has. */
  baselineState?: 'new' | 'unchanged' | 'absent';
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}

const LEVELS: Readonly<Record<Exclude<Status, 'error'>, { level: SarifResult['level']; kind?: SarifResult['kind'] }>> = {
  fail: { level: 'error' },
  gap: { level: 'warning' },
  pass: { level: 'none', kind: 'pass' },
  'n/a': { level: 'none', kind: 'notApplicable' },
};

/** A URI reference for a candidate-relative path: each segment percent-encoded, `/` kept. */
function artifactUri(prefix: string | undefined, filePath: string): string {
  const full = withPrefix(prefix, filePath);
  return full.split('/').map((segment) => encodeURIComponent(segment)).join('/');
}

function physical(location: FileLocation, prefix: string | undefined): SarifPhysicalLocation {
  const result: SarifPhysicalLocation = { artifactLocation: { uri: artifactUri(prefix, location.path), uriBaseId: SRCROOT } };
  if (location.line !== undefined) {
    result.region = { startLine: location.line };
    if (location.column !== undefined) result.region.startColumn = location.column;
  }
  return result;
}

/** `privacy.laws` → `privacy`; `licenses[0].evidence` → `licenses[0]` → `licenses`; a top-level key → undefined. */
function parentKey(key: string): string | undefined {
  const parent = key.replace(/(?:\.[^.[\]]*|\[\d+\])$/, '');
  return parent === key || parent === '' ? undefined : parent;
}

/** Where findings are placed: the declaration's key lines, and the file candidate-wide findings are attached to. */
interface Placement {
  /** The line of a declaration key, from the caller's reading of the file or from the report's own evidence. */
  lineOf(file: string, key: string): number | undefined;
  /** The declaration file, else the README, else `dpg.yml` (where the declaration would go). */
  candidateFile: string;
  /** Declaration evidence points into a file that exists: false when the candidate has no declaration. */
  hasDeclaration: boolean;
}

const README = /^readme(?:\.[a-z0-9]+)?$/i;
const outsideCandidate = (file: string): boolean => file.startsWith('/') || file.startsWith('../') || /^[a-z]:[\\/]/i.test(file);

function placement(report: Report, locate: SarifOptions['locateDeclarationKey']): Placement {
  const known = new Map<string, number>();
  for (const finding of report.findings) {
    for (const e of finding.evidence) if (e.kind === 'declaration' && e.line !== undefined && !known.has(`${e.path}#${e.key}`)) known.set(`${e.path}#${e.key}`, e.line);
  }
  const declaration = report.candidate.declaration.path;
  const readme = report.findings.flatMap((f) => f.evidence).find((e): e is Extract<Evidence, { kind: 'file' }> => e.kind === 'file' && README.test(e.path))?.path;
  return {
    lineOf: (file, key) => locate?.(file, key) ?? known.get(`${file}#${key}`),
    candidateFile: declaration !== null && !outsideCandidate(declaration) ? declaration : readme ?? 'dpg.yml',
    hasDeclaration: declaration !== null,
  };
}

/** A located place for one evidence item; declaration keys that are not there take their nearest parent's line, else line 1. */
function locationOf(evidence: Evidence, place: Placement): FileLocation | undefined {
  if (evidence.kind === 'declaration') {
    // Without a declaration the key's file does not exist: the finding is about the candidate as a whole.
    if (!place.hasDeclaration) return undefined;
    if (evidence.line !== undefined) return fileLocation(evidence);
    for (let key = parentKey(evidence.key); key !== undefined; key = parentKey(key)) {
      const line = place.lineOf(evidence.path, key);
      if (line !== undefined) return { path: evidence.path, line };
    }
    return { path: evidence.path, line: 1 };
  }
  return fileLocation(evidence);
}

function ruleEntry(rule: RuleDescriptor): Record<string, unknown> {
  const name = rule.alias ?? rule.id;
  const helpText = [rule.remediation ?? 'See the rule\'s documentation.', rule.docsUrl ? `DPG Standard: ${rule.docsUrl}` : ''].filter(Boolean).join('\n\n');
  const entry: Record<string, unknown> = {
    id: rule.id,
    name: name.replace(/(^|[-_/])([a-z0-9])/g, (_, _sep: string, char: string) => char.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.motivation ? `${rule.title}. ${rule.motivation}` : rule.title },
    help: {
      text: helpText,
      markdown: `**What to do:** ${rule.remediation ?? 'See the rule\'s documentation.'}${rule.docsUrl ? `\n\n[DPG Standard, indicator ${rule.indicator}](${rule.docsUrl})` : ''}`,
    },
    defaultConfiguration: { level: 'error' },
    properties: { indicator: rule.indicator, tags: ['dpg-standard', `dpg-indicator-${rule.indicator}`], ...(rule.alias ? { alias: rule.alias } : {}) },
  };
  if (rule.docsUrl) entry.helpUri = rule.docsUrl;
  return entry;
}

function resultOf(finding: Finding, ruleIndex: number, fingerprint: string, prefix: string | undefined, place: Placement): SarifResult {
  const mapping = LEVELS[finding.status as Exclude<Status, 'error'>];
  const located = finding.evidence.flatMap((evidence) => {
    const location = locationOf(evidence, place);
    return location ? [{ location, ownLine: 'line' in evidence && evidence.line !== undefined }] : [];
  });
  // As the fingerprint's primary place: the first evidence with a line of its own (a parent key's line is a stand-in), else the first.
  const primary = (located.find((l) => l.ownLine) ?? located[0])?.location ?? { path: place.candidateFile, line: 1 };
  const others = located.map((l) => l.location).filter((l) => l !== primary);
  const lines = [finding.message, ...(finding.remediation && (finding.status === 'fail' || finding.status === 'gap') ? [`What to do: ${finding.remediation}`] : [])];
  const result: SarifResult = {
    ruleId: finding.ruleId,
    ruleIndex,
    ...(mapping.kind ? { kind: mapping.kind } : {}),
    // Advice is never an alert: a note, whatever its status.
    level: finding.level === 'advice' && mapping.level !== 'none' ? 'note' : mapping.level,
    message: { text: lines.join('\n\n') },
    locations: [{ physicalLocation: physical(primary, prefix) }],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: fingerprint },
    properties: {
      indicator: finding.indicator,
      status: finding.status,
      level: finding.level,
      ...(finding.messageId ? { messageId: finding.messageId } : {}),
      // Evidence that has no file location (URLs, host metadata, notes) still belongs with the alert.
      ...(finding.evidence.some((e) => !fileLocation(e)) ? { evidence: finding.evidence.filter((e) => !fileLocation(e)) } : {}),
    },
  };
  if (finding.baseline) result.baselineState = finding.baseline;
  if (others.length > 0) {
    result.relatedLocations = others.map((location, index) => ({ id: index + 1, physicalLocation: physical(location, prefix) }));
  }
  return result;
}

export function renderSarif(report: Report, options: SarifOptions = {}): string {
  // The baseline's results that are gone are results too (baselineState `absent`), so they need their rules.
  const absent = report.baseline?.absent ?? [];
  const byRule = findingsByRule([...report.findings, ...absent]);
  const ruleIds = [...byRule.keys()];
  const rules = ruleIds.map((id) => ruleEntry(describeRule(id, byRule.get(id) ?? [], options.rules)));
  const reported = report.findings.filter((f) => f.status === 'fail' || f.status === 'gap' || (options.all === true && (f.status === 'pass' || f.status === 'n/a')));
  // Fingerprints over every finding (then the absent ones), so the `:n` of alike findings does not depend on --sarif-all.
  const everything = [...report.findings, ...absent];
  const prints = new Map(fingerprintAll(everything).map((print, index) => [everything[index]!, print]));
  const place = placement(report, options.locateDeclarationKey);
  const results = [...reported, ...absent.filter((f) => f.status === 'fail' || f.status === 'gap')]
    .map((finding) => resultOf(finding, ruleIds.indexOf(finding.ruleId), prints.get(finding)!, options.pathPrefix, place));
  const faults = report.findings.filter((f) => f.status === 'error' && f.level !== 'advice');

  const source = report.candidate.sources[0];
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: report.tool.name,
        version: report.tool.version,
        semanticVersion: report.tool.version,
        rules,
      },
    },
    invocations: [{
      executionSuccessful: faults.length === 0,
      ...(faults.length > 0 ? {
        toolExecutionNotifications: faults.map((fault) => ({
          level: 'error',
          message: { text: fault.message },
          associatedRule: { id: fault.ruleId, index: ruleIds.indexOf(fault.ruleId) },
        })),
      } : {}),
    }],
    // The report's own summary, so a SARIF consumer can see the verdicts without recomputing them.
    properties: {
      candidate: report.candidate.name,
      types: report.candidate.types,
      standard: `${report.standard.name} ${report.standard.version}`,
      verdict: report.verdict,
      indicators: Object.fromEntries(report.indicators.map((i) => [i.id, i.verdict])),
    },
    results,
  };
  if (source?.revision && /^https?:\/\//.test(source.location)) {
    run.versionControlProvenance = [{ repositoryUri: source.location, revisionId: source.revision }];
  }
  const log = { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
}

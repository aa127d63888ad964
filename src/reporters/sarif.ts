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
 * - Locations: the first file or declaration evidence (with its line) is the
 *   result's location, further ones are related locations. Findings about the
 *   repository as a whole point at the candidate's root folder, so code
 *   scanning (which needs a physical location) still accepts them.
 */
import type { Finding, Report, Status } from '../model.js';
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
}

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

/** The candidate's root folder: where repository-level findings live. */
function rootLocation(prefix: string | undefined): SarifPhysicalLocation {
  const folder = prefix ? prefix.replace(/\/+$/, '') : '';
  return { artifactLocation: { uri: folder === '' ? './' : `${artifactUri(undefined, folder)}/`, uriBaseId: SRCROOT } };
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

function resultOf(finding: Finding, ruleIndex: number, prefix: string | undefined): SarifResult {
  const mapping = LEVELS[finding.status as Exclude<Status, 'error'>];
  const located = finding.evidence.map(fileLocation).filter((l): l is FileLocation => l !== undefined);
  const primary = located.find((l) => l.line !== undefined) ?? located[0];
  const others = located.filter((l) => l !== primary);
  const lines = [finding.message, ...(finding.remediation && (finding.status === 'fail' || finding.status === 'gap') ? [`What to do: ${finding.remediation}`] : [])];
  const result: SarifResult = {
    ruleId: finding.ruleId,
    ruleIndex,
    ...(mapping.kind ? { kind: mapping.kind } : {}),
    // Advice is never an alert: a note, whatever its status.
    level: finding.level === 'advice' && mapping.level !== 'none' ? 'note' : mapping.level,
    message: { text: lines.join('\n\n') },
    locations: [{ physicalLocation: primary ? physical(primary, prefix) : rootLocation(prefix) }],
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
  const results = [...reported, ...absent.filter((f) => f.status === 'fail' || f.status === 'gap')]
    .map((finding) => resultOf(finding, ruleIds.indexOf(finding.ruleId), options.pathPrefix));
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

/**
 * The JSON reporter: the report as its versioned contract
 * (`schema/report.schema.json`). Keys are written in the contract's order
 * whatever order the engine built the objects in, so reports diff cleanly
 * and read top-down (verdict before detail).
 */
import type { Evidence, Finding, IdentifiedLicense, IndicatorVerdict, Report, SourceInfo } from '../model.js';

type Plain = Record<string, unknown>;

/**
 * Copies `value` with `order`'s keys first, in that order, then any other keys
 * as they came. Unknown keys are kept, not dropped: a field the engine adds
 * without updating the schema must stay visible so schema tests catch it.
 */
function ordered(value: object, order: readonly string[], nested: Readonly<Record<string, (v: unknown) => unknown>> = {}): Plain {
  const source = value as Plain;
  const result: Plain = {};
  for (const key of [...order, ...Object.keys(source).filter((k) => !order.includes(k))]) {
    if (!(key in source) || source[key] === undefined) continue;
    const transform = nested[key];
    result[key] = transform ? transform(source[key]) : source[key];
  }
  return result;
}

function list<T extends object>(transform: (item: T) => Plain): (v: unknown) => unknown {
  return (v) => (Array.isArray(v) ? (v as T[]).map(transform) : v);
}

function object<T extends object>(transform: (item: T) => Plain): (v: unknown) => unknown {
  return (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? transform(v as T) : v);
}

const EVIDENCE_ORDER: Readonly<Record<Evidence['kind'], readonly string[]>> = {
  file: ['kind', 'path', 'line', 'column', 'excerpt'],
  declaration: ['kind', 'path', 'key', 'line', 'column'],
  url: ['kind', 'url'],
  host: ['kind', 'key', 'value'],
  note: ['kind', 'text'],
};

const orderEvidence = (evidence: Evidence): Plain => ordered(evidence, EVIDENCE_ORDER[evidence.kind] ?? ['kind']);

const orderFinding = (finding: Finding): Plain =>
  ordered(finding, ['ruleId', 'ruleAlias', 'indicator', 'level', 'status', 'messageId', 'message', 'evidence', 'remediation', 'docsUrl', 'baseline'], {
    evidence: list(orderEvidence),
  });

const orderIndicator = (indicator: IndicatorVerdict): Plain => ordered(indicator, ['id', 'title', 'verdict']);
const orderSource = (source: SourceInfo): Plain => ordered(source, ['kind', 'location', 'revision']);
const orderLicense = (license: IdentifiedLicense): Plain => ordered(license, ['spdx', 'raw', 'scope', 'covers', 'path', 'confidence', 'method', 'line']);

/** The report with every object's keys in contract order. */
export function canonicalReport(report: Report): Plain {
  return ordered(
    report,
    ['reportVersion', 'tool', 'standard', 'candidate', 'verdict', 'indicators', 'findings', 'licenses', 'questionnaire', 'pathClasses', 'timings', 'ignored', 'warnings', 'baseline'],
    {
      tool: object((tool: Report['tool']) => ordered(tool, ['name', 'version'])),
      standard: object((standard: Report['standard']) => ordered(standard, ['name', 'version'])),
      candidate: object((candidate: Report['candidate']) =>
        ordered(candidate, ['name', 'types', 'sources', 'declaration', 'license'], {
          sources: list(orderSource),
          declaration: object((declaration: Report['candidate']['declaration']) => ordered(declaration, ['path', 'valid', 'errors'])),
        }),
      ),
      indicators: list(orderIndicator),
      findings: list(orderFinding),
      licenses: list(orderLicense),
      timings: object((timings: Report['timings']) => ordered(timings, ['totalMs', 'snapshotMs', 'rulesMs', 'files'])),
      baseline: object((baseline: NonNullable<Report['baseline']>) => ordered(baseline, ['path', 'absent'], { absent: list(orderFinding) })),
      ignored: list((entry: NonNullable<Report['ignored']>[number]) => ordered(entry, ['ruleId', 'path', 'reason'])),
    },
  );
}

/** Pretty JSON (2 spaces) with a final newline. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(canonicalReport(report), null, 2)}\n`;
}

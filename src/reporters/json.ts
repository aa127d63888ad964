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
  const copy = (key: string): void => {
    if (source[key] === undefined) return;
    const transform = nested[key];
    result[key] = transform ? transform(source[key]) : source[key];
  };
  for (const key of order) if (key in source) copy(key);
  // A batch orders some 60 findings per report: each order's keys are a set, made once.
  let known = orderSets.get(order);
  if (!known) orderSets.set(order, (known = new Set(order)));
  for (const key of Object.keys(source)) if (!known.has(key)) copy(key);
  return result;
}

const orderSets = new WeakMap<readonly string[], ReadonlySet<string>>();

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

const FINDING_ORDER = ['ruleId', 'ruleAlias', 'indicator', 'level', 'status', 'messageId', 'message', 'evidence', 'remediation', 'docsUrl', 'baseline'];
const FINDING_NESTED = { evidence: list(orderEvidence) };
const orderFinding = (finding: Finding): Plain => ordered(finding, FINDING_ORDER, FINDING_NESTED);

const INDICATOR_ORDER = ['id', 'title', 'verdict'];
const orderIndicator = (indicator: IndicatorVerdict): Plain => ordered(indicator, INDICATOR_ORDER);
const SOURCE_ORDER = ['kind', 'location', 'revision'];
const orderSource = (source: SourceInfo): Plain => ordered(source, SOURCE_ORDER);
const LICENSE_ORDER = ['spdx', 'raw', 'scope', 'covers', 'path', 'confidence', 'method', 'line'];
const orderLicense = (license: IdentifiedLicense): Plain => ordered(license, LICENSE_ORDER);

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

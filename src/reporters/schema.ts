/**
 * Validation of a report against the shipped JSON Schema
 * (`schema/report.schema.json`). Tests across the project use
 * `validateReport` so that any drift between the report model in code and the
 * published contract is caught where it is introduced.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { aggregate, decisive, type Report, type Status } from '../model.js';

export const REPORT_SCHEMA_ID = 'https://unpkg.com/dpg-check/schema/report.schema.json';
const SCHEMA_RELATIVE_PATH = path.join('schema', 'report.schema.json');

/**
 * The schema file lives at the package root, outside `src/`; walking up from
 * this module finds it both when run from source (`src/reporters/`) and when
 * compiled (`dist/src/reporters/`), without copying it into the build.
 */
export function reportSchemaPath(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(directory, SCHEMA_RELATIVE_PATH);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`cannot find ${SCHEMA_RELATIVE_PATH} above ${fileURLToPath(import.meta.url)}`);
    directory = parent;
  }
}

let cachedSchema: Record<string, unknown> | undefined;

/** The report schema as a parsed JSON object (read once). */
export function loadReportSchema(): Record<string, unknown> {
  cachedSchema ??= JSON.parse(fs.readFileSync(reportSchemaPath(), 'utf8')) as Record<string, unknown>;
  return cachedSchema;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  // ajv is required here, on first use, not imported: the module is part of every command's start (the `report`
  // command imports it), and loading ajv's 2020 dialect cost `--help` about 50 ms (issue 13).
  const require = createRequire(import.meta.url);
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as typeof import('ajv-formats');
  // `discriminator` makes ajv report the errors of the evidence branch named by
  // `kind` only, instead of every branch of the oneOf.
  // verbose: errors carry the offending value, quoted back in messages ("got …").
  // strictRequired is off because `anyOf: [{required: [a]}, {required: [b]}]` ("one of these keys") is meant.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true, discriminator: true });
  // ajv-formats is CommonJS: `module.exports` is the plugin, with the same plugin as `.default`.
  addFormats.default(ajv);
  compiled = ajv.compile(loadReportSchema());
  return compiled;
}

/** `/findings/0/evidence/1/line` → `findings[0].evidence[1].line`, the same key style as declaration errors. */
function keyPath(instancePath: string): string {
  if (instancePath === '') return '(report)';
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((key, segment) => (/^\d+$/.test(segment) ? `${key}[${segment}]` : key === '' ? segment : `${key}.${segment}`), '');
}

function describeError(error: ErrorObject): string {
  const where = keyPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unknown key "${String(params.additionalProperty)}"`;
    case 'required':
      return `${where}: missing required key "${String(params.missingProperty)}"`;
    case 'enum':
      return `${where}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} (got ${JSON.stringify(error.data)})`;
    case 'const':
      return `${where}: must be ${JSON.stringify(params.allowedValue)} (got ${JSON.stringify(error.data)})`;
    case 'minItems':
    case 'maxItems':
      return `${where}: ${error.message ?? 'has the wrong number of items'} (got ${Array.isArray(error.data) ? error.data.length : '?'})`;
    case 'discriminator':
      return `${where}: evidence "kind" must be one of "file", "declaration", "url", "host", "note" (got ${JSON.stringify((error.data as Record<string, unknown> | null)?.kind)})`;
    default:
      return `${where}: ${error.message ?? `fails ${error.keyword}`}`;
  }
}

/**
 * `anyOf: [{required: [a]}, {required: [b]}]` fails with one error per branch
 * and one for the anyOf; say it once: `must have one of the keys "a", "b"`.
 */
function collapseAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  const result: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword !== 'anyOf') {
      result.push(error);
      continue;
    }
    const branchPrefix = `${error.schemaPath}/`;
    const branches = result.filter((e) => e.schemaPath.startsWith(branchPrefix) && e.instancePath === error.instancePath);
    if (branches.length === 0 || !branches.every((e) => e.keyword === 'required')) {
      result.push(error);
      continue;
    }
    const keys = branches.map((e) => JSON.stringify((e.params as { missingProperty: string }).missingProperty));
    for (const branch of branches) result.splice(result.indexOf(branch), 1);
    result.push({ ...error, message: `must have one of the keys ${keys.join(', ')}` });
  }
  return result;
}

/**
 * Validates a report against `schema/report.schema.json`. Returns readable
 * problems such as `licenses[0].confidence: must be <= 1`; empty when valid.
 */
export function validateReport(report: unknown): string[] {
  const validate = validator();
  if (validate(report)) return [];
  return [...new Set(collapseAlternatives(validate.errors ?? []).map(describeError))];
}

/**
 * What the schema cannot say: verdicts must be the aggregates of the findings
 * (BRIEF §2), of requirement findings only. Separate from `validateReport` so hand-built partial reports in
 * tests can still be checked for shape alone. Assumes a schema-valid report.
 */
export function reportInconsistencies(report: Report): string[] {
  const problems: string[] = [];
  for (const [index, indicator] of report.indicators.entries()) {
    const expected: Status = aggregate(decisive(report.findings).filter((f) => f.indicator === indicator.id).map((f) => f.status));
    if (indicator.verdict !== expected) {
      problems.push(`indicators[${index}].verdict: is "${indicator.verdict}" but its findings aggregate to "${expected}"`);
    }
  }
  // Against the findings, not the stated indicator verdicts, so one wrong indicator verdict is reported once.
  const overall = aggregate(decisive(report.findings).map((f) => f.status));
  if (report.verdict !== overall) problems.push(`verdict: is "${report.verdict}" but the findings aggregate to "${overall}"`);
  return problems;
}

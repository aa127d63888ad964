/**
 * Turning ajv's schema errors into plain, located sentences.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { errorAt, type DeclarationError } from './errors.js';
import { formatKeyPath, instanceSegments, type Segment } from './key-paths.js';
import { keyPosition, valuePosition, type SourceMap } from './source-map.js';

type SchemaNode = Record<string, unknown>;

export function explainSchemaErrors(ajvErrors: readonly ErrorObject[], data: unknown, map: SourceMap, file: string): DeclarationError[] {
  // An `anyOf` is explained once, as a whole; its branches' own complaints would only confuse.
  const alternatives = ajvErrors.filter((e) => e.keyword === 'anyOf');
  const relevant = ajvErrors.filter(
    (e) => !alternatives.some((alt) => alt !== e && e.instancePath === alt.instancePath && e.schemaPath.startsWith(`${alt.schemaPath}/`)),
  );
  return relevant.map((error) => explainOne(error, data, map, file));
}

function explainOne(error: ErrorObject, data: unknown, map: SourceMap, file: string): DeclarationError {
  const at = instanceSegments(error.instancePath, data);
  const parentSchema = (error.parentSchema ?? {}) as SchemaNode;
  const params = error.params as Record<string, unknown>;
  const located = (segments: Segment[], message: string, where: 'key' | 'value' = 'value'): DeclarationError => {
    const position = (where === 'key' ? keyPosition(map, segments) : valuePosition(map, segments)) ?? { line: 1, column: 1 };
    return errorAt(file, message, position, formatKeyPath(segments));
  };

  switch (error.keyword) {
    case 'additionalProperties': {
      const unknownKey = String(params.additionalProperty);
      const allowed = Object.keys((parentSchema.properties ?? {}) as SchemaNode);
      return located([...at, unknownKey], unknownKeyMessage(unknownKey, allowed), 'key');
    }
    case 'required': {
      const missing = String(params.missingProperty);
      const position = valuePosition(map, at) ?? { line: 1, column: 1 };
      return errorAt(file, 'is required', position, formatKeyPath([...at, missing]));
    }
    case 'uniqueItems': {
      // ajv reports the later duplicate as `j` and the earlier one as `i`.
      const later = Number(params.j);
      const earlier = Number(params.i);
      const list = error.data as unknown[];
      return located([...at, Math.max(later, earlier)], `must not repeat ${JSON.stringify(list[Math.max(later, earlier)])} (already at ${formatKeyPath([...at, Math.min(later, earlier)])})`);
    }
    case 'minItems':
      return located(at, minItemsMessage(parentSchema, Number(params.limit)));
    case 'minLength':
      return located(at, 'must not be empty');
    case 'type':
      return located(at, `must be ${expectedNoun(parentSchema)}, not ${describeValue(error.data)}${listHint(parentSchema, error.data)}`);
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'format':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return located(at, `must be ${expectedNoun(parentSchema)}`);
    default:
      return located(at, error.message ?? `does not satisfy "${error.keyword}"`);
  }
}

function minItemsMessage(schema: SchemaNode, limit: number): string {
  const items = schema.items as SchemaNode | undefined;
  if (limit === 1 && Array.isArray(items?.enum)) return `must list at least one of ${(items.enum as unknown[]).join(', ')}`;
  return limit === 1 ? 'must not be empty' : `must list at least ${limit} items`;
}

/** What a schema accepts, as a noun phrase: "a URL", "one of a, b", "an integer from 1 to 17". */
function expectedNoun(schema: SchemaNode): string {
  if (Array.isArray(schema.enum)) return `one of ${(schema.enum as unknown[]).map(String).join(', ')}`;
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as SchemaNode[]).map(expectedNoun).join(' or ');
  if (schema.format === 'uri') return 'a URL (e.g. https://example.org)';
  if (schema.format === 'email') return 'an email address';
  switch (schema.type) {
    case 'integer': {
      const { minimum, maximum } = schema;
      if (typeof minimum === 'number' && typeof maximum === 'number') return `an integer from ${minimum} to ${maximum}`;
      return 'an integer';
    }
    case 'number':
      return 'a number';
    case 'string':
      return schema.minLength === 1 ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping of keys to values';
    default:
      return 'something else';
  }
}

/** What was found, briefly: `a string ("abc")`, `the number 3`, `an empty value`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `a string (${JSON.stringify(shown)})`;
  }
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  // Only a `%YAML 1.1` document can produce these; quoting the value keeps it text.
  if (value instanceof Date) return 'a date (quote it to keep it as text)';
  if (ArrayBuffer.isView(value)) return 'binary data';
  if (value instanceof Set || value instanceof Map) return 'a set';
  return 'a mapping';
}

/** The commonest slip: one item written where a list is expected. */
function listHint(schema: SchemaNode, value: unknown): string {
  if (schema.type !== 'array' || (typeof value !== 'string' && typeof value !== 'number')) return '';
  return ` (write ${JSON.stringify([value])} for a single item)`;
}

function unknownKeyMessage(unknownKey: string, allowed: readonly string[]): string {
  const suggestion = closestKey(unknownKey, allowed);
  if (suggestion) return `unknown key "${unknownKey}" (did you mean "${suggestion}"?)`;
  if (allowed.length > 0 && allowed.length <= 8) return `unknown key "${unknownKey}" (expected one of ${allowed.join(', ')})`;
  return `unknown key "${unknownKey}"`;
}

/** The allowed key nearest to a typo, if it is near enough to be a likely intent. */
function closestKey(typed: string, allowed: readonly string[]): string | undefined {
  const lowered = typed.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const distance = editDistance(lowered, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = typed.length <= 4 ? 1 : typed.length <= 7 ? 2 : 3;
  return best !== undefined && bestDistance <= tolerance ? best : undefined;
}

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
    }
  }
  return rows[a.length]![b.length]!;
}

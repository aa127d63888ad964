/**
 * The safety net under the importers: the declaration they build is checked
 * against `schema/declaration.schema.json`, and any value the schema still
 * refuses (a URL `new URL` accepts but the schema's stricter `uri` format
 * does not, an odd email address) is left out with a `dropped` note, so the
 * result is valid whenever the input named the solution and its types.
 * Validation runs on the data directly: no YAML is written and parsed again
 * on the batch's hot path.
 */
import { Ajv2020, addFormatsModule, type ErrorObject, type ValidateFunction } from '../declaration/validator.js';
import { declarationSchema, formatKeyPath, instanceSegments, parseKeyPath } from '../declaration/load.js';
import type { Origin } from './types.js';

let compiled: ValidateFunction | undefined;

/** The same schema and formats the declaration loader validates with (compiled once, on first use). */
export function declarationValidator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormatsModule.default(ajv, ['uri', 'email']);
  compiled = ajv.compile(declarationSchema);
  return compiled;
}

export interface Pruned {
  valid: boolean;
  /** Values left out: the declaration key, the value and why. */
  removed: { key: string; value: unknown; reason: string }[];
  /** What still fails (something required is missing): declaration key and message. */
  remaining: { key: string; message: string }[];
}

type Container = Record<string, unknown> | unknown[];

/**
 * Validates `declaration` in place, removing what the schema refuses, until it
 * is valid or only missing required keys remain. `origins` is kept in step
 * when list items are removed (later items move up one place).
 */
export function pruneToSchema(declaration: Record<string, unknown>, origins: Map<string, Origin>): Pruned {
  const validate = declarationValidator();
  const removed: Pruned['removed'] = [];
  for (let round = 0; round < 8; round++) {
    if (validate(declaration)) return { valid: true, removed, remaining: [] };
    const errors = validate.errors ?? [];
    const removable = errors.filter((e) => e.keyword !== 'required' || e.instancePath !== '');
    if (removable.length === 0) break;
    // Deepest and last first, so removing one value does not shift the path of another.
    const targets = [...new Set(removable.map((e) => targetPath(e)))].sort(comparePaths).reverse();
    let changed = false;
    for (const pointer of targets) {
      const reason = reasonFor(errors.find((e) => targetPath(e) === pointer)!);
      const segments = instanceSegments(pointer, declaration);
      if (segments.length === 0) continue;
      const value = removeAt(declaration, segments, origins);
      if (value !== REMOVED_NOTHING) {
        removed.push({ key: formatKeyPath(segments), value, reason });
        changed = true;
      }
    }
    if (!changed) break;
  }
  if (validate(declaration)) return { valid: true, removed, remaining: [] };
  const remaining = (validate.errors ?? []).map((e) => ({
    key: formatKeyPath([...instanceSegments(e.instancePath, declaration), ...(e.keyword === 'required' ? [String((e.params as { missingProperty: string }).missingProperty)] : [])]),
    message: e.keyword === 'required' ? 'is required' : reasonFor(e),
  }));
  return { valid: false, removed, remaining };
}

/** The value to remove for an error: the offending value, or for a list item missing a required key, the item. */
function targetPath(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    return `${error.instancePath}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  }
  return error.instancePath;
}

function reasonFor(error: ErrorObject): string {
  const schema = (error.parentSchema ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case 'format':
      return schema.format === 'email' ? 'not an email address' : 'not a URL the schema accepts';
    case 'required':
      return `lacks ${String((error.params as { missingProperty: string }).missingProperty)}`;
    case 'minLength':
      return 'empty';
    case 'enum':
      return `not one of ${(schema.enum as unknown[]).join(', ')}`;
    case 'additionalProperties':
      return `unknown key ${String((error.params as { additionalProperty: string }).additionalProperty)}`;
    default:
      return error.message ?? error.keyword;
  }
}

function comparePaths(a: string, b: string): number {
  const sa = a.split('/');
  const sb = b.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i] === sb[i]) continue;
    const na = Number(sa[i]);
    const nb = Number(sb[i]);
    if (Number.isInteger(na) && Number.isInteger(nb)) return na - nb;
    return sa[i]! < sb[i]! ? -1 : 1;
  }
  return sa.length - sb.length;
}

const REMOVED_NOTHING = Symbol('nothing removed');

function removeAt(root: Record<string, unknown>, segments: (string | number)[], origins: Map<string, Origin>): unknown {
  let parent: unknown = root;
  for (const segment of segments.slice(0, -1)) {
    parent = (parent as Record<string | number, unknown> | undefined)?.[segment as never];
    if (typeof parent !== 'object' || parent === null) return REMOVED_NOTHING;
  }
  const last = segments[segments.length - 1]!;
  const container = parent as Container;
  const key = formatKeyPath(segments);
  if (Array.isArray(container) && typeof last === 'number') {
    if (last >= container.length) return REMOVED_NOTHING;
    const [value] = container.splice(last, 1);
    shiftOrigins(origins, formatKeyPath(segments.slice(0, -1)), last);
    // An emptied list says nothing: take it out too, so `[]` is never written for `[""]`.
    if (container.length === 0 && segments.length > 1) removeAt(root, segments.slice(0, -1), origins);
    return value;
  }
  if (!Array.isArray(container) && typeof last === 'string' && last in container) {
    const value = container[last];
    delete container[last];
    for (const known of [...origins.keys()]) if (known === key || known.startsWith(`${key}.`) || known.startsWith(`${key}[`)) origins.delete(known);
    return value;
  }
  return REMOVED_NOTHING;
}

/** After `list[index]` is removed: drop its origins and move those of later items up one place. */
function shiftOrigins(origins: Map<string, Origin>, listKey: string, index: number): void {
  const entries = [...origins.entries()];
  const prefix = listKey === '(root)' ? '' : listKey;
  for (const [key] of entries) if (key.startsWith(`${prefix}[`)) origins.delete(key);
  for (const [key, origin] of entries) {
    if (!key.startsWith(`${prefix}[`)) continue;
    const segments = parseKeyPath(key);
    const listSegments = parseKeyPath(listKey === '(root)' ? '' : listKey) ?? [];
    const item = segments?.[listSegments.length];
    if (segments === undefined || typeof item !== 'number' || item === index) continue;
    const moved = [...segments];
    moved[listSegments.length] = item > index ? item - 1 : item;
    origins.set(formatKeyPath(moved), origin);
  }
}

/**
 * Loading the declaration: bounded reading, YAML/JSON parsing and JSON Schema
 * validation, with every problem located at `file:line:col key` so that an
 * owner can go straight to the line to fix. Nothing here throws on bad input:
 * a declaration is user data, and user data is never a crash.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { CST, Lexer, LineCounter, Parser, isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import type { Evidence } from '../model.js';
import type { DeclarationView } from '../rule-api.js';
import type { Declaration, SourcePosition } from './types.js';

export interface DeclarationError {
  file: string;
  line: number;
  column: number;
  /** Key path such as `licenses[0].spdx`, or `(root)` for the document itself. */
  key: string;
  message: string;
}

export interface LoadedDeclaration {
  /** The file as it should be shown (the path given, or root-relative when discovered). */
  file: string;
  /** The parsed declaration; `undefined` when it could not be parsed or is not a mapping. */
  data: Declaration | undefined;
  /** Parsed as YAML/JSON. */
  syntaxOk: boolean;
  /** Parsed and schema-valid. */
  valid: boolean;
  /** Syntax or schema errors, each located, sorted by line. */
  errors: DeclarationError[];
  /** Position of a key path such as `licenses[0].spdx`, `owner.name`, `sdgs[2]`. */
  locate(key: string): SourcePosition | undefined;
}

export const ROOT_KEY = '(root)';

/** Candidate-root paths searched for a declaration, in discovery order. */
export const DECLARATION_FILE_NAMES: readonly string[] = Object.freeze(['dpg.yml', 'dpg.yaml', 'dpg.json', '.github/dpg.yml']);

/** A declaration is a page of answers; anything above this is a mistake or an attack. */
export const MAX_DECLARATION_BYTES = 1024 * 1024;

/**
 * Aliases are legitimate YAML, but each expansion multiplies the data; a small
 * cap stops "billion laughs" documents before they are expanded.
 */
const MAX_ALIAS_COUNT = 50;

/**
 * Real declarations nest five or six levels. The YAML composer recurses once
 * per level, and near the stack limit V8 can abort the whole process (a fatal
 * "RegExpCompiler Allocation failed", not a catchable RangeError) — ten
 * kilobytes of `[` were enough. So depth is measured before composing.
 */
export const MAX_NESTING_DEPTH = 64;

export function formatDeclarationError(e: DeclarationError): string {
  return `${e.file}:${e.line}:${e.column} ${e.key}: ${e.message}`;
}

export function findDeclaration(has: (relPath: string) => boolean): string | undefined {
  return DECLARATION_FILE_NAMES.find((name) => has(name));
}

// ---------------------------------------------------------------------------
// The schema

/** Found by walking up from this module, so it works from `src/` (tests) and from `dist/src/` (package). */
function loadSchema(): Record<string, unknown> {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level < 6; level++) {
    const candidate = path.join(dir, 'schema', 'declaration.schema.json');
    if (fs.existsSync(candidate)) return JSON.parse(fs.readFileSync(candidate, 'utf8')) as Record<string, unknown>;
    dir = path.dirname(dir);
  }
  throw new Error('dpg-check is incomplete: schema/declaration.schema.json was not found beside the package');
}

/** The declaration's JSON Schema (draft 2020-12), parsed. */
export const declarationSchema: object = Object.freeze(loadSchema());

let compiledValidator: ValidateFunction | undefined;

/** Compiled on first use: most commands that import this module never validate. */
function validator(): ValidateFunction {
  if (compiledValidator) return compiledValidator;
  // `verbose` keeps each error's schema and data, from which the plain messages are written.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
  addFormatsModule.default(ajv, ['uri', 'email']);
  compiledValidator = ajv.compile(declarationSchema);
  return compiledValidator;
}

// ---------------------------------------------------------------------------
// Key paths: `licenses[0].spdx`, `owner.name`, `["odd key"]`

type Segment = string | number;

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

export function formatKeyPath(segments: readonly Segment[]): string {
  if (segments.length === 0) return ROOT_KEY;
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Inverse of `formatKeyPath`; `undefined` for a malformed path. */
export function parseKeyPath(key: string): Segment[] | undefined {
  const trimmed = key.trim();
  if (trimmed === '' || trimmed === ROOT_KEY) return [];
  const segments: Segment[] = [];
  let rest = trimmed;
  let first = true;
  while (rest.length > 0) {
    if (rest.startsWith('[')) {
      const index = /^\[(\d+)\]/.exec(rest);
      if (index) {
        segments.push(Number(index[1]));
        rest = rest.slice(index[0].length);
      } else {
        const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest);
        if (!quoted) return undefined;
        try {
          segments.push(JSON.parse(quoted[1]!) as string);
        } catch {
          return undefined;
        }
        rest = rest.slice(quoted[0].length);
      }
    } else {
      if (!first) {
        if (!rest.startsWith('.')) return undefined;
        rest = rest.slice(1);
      }
      const name = /^[^.[]+/.exec(rest);
      if (!name) return undefined;
      segments.push(name[0]);
      rest = rest.slice(name[0].length);
    }
    first = false;
  }
  return segments;
}

// ---------------------------------------------------------------------------
// Finding nodes in the YAML document

interface Located {
  /** The key of a mapping entry (absent for sequence items and the root). */
  keyNode?: YamlNode;
  /** The value; `null` for `key:` with nothing after it. */
  valueNode: YamlNode | null;
}

interface SourceMap {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

function positionOf(map: SourceMap, node: YamlNode | null | undefined): SourcePosition | undefined {
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = map.lineCounter.linePos(offset);
  return { line, column: col };
}

function scalarKey(node: unknown): string | undefined {
  if (isScalar(node)) return String(node.value);
  return undefined;
}

function findNode(map: SourceMap, segments: readonly Segment[]): Located | undefined {
  let located: Located = { valueNode: (map.doc.contents as YamlNode | null) ?? null };
  for (const segment of segments) {
    let current: unknown = located.valueNode;
    // Follow an alias only to go deeper; the alias itself is where its value is written.
    if (isAlias(current)) current = current.resolve(map.doc);
    if (isMap(current)) {
      // The last entry wins, as it does when the document is converted to data.
      const pair = [...current.items].reverse().find((item) => scalarKey(item.key) === String(segment));
      if (!pair) return undefined;
      located = { keyNode: pair.key as YamlNode, valueNode: (pair.value as YamlNode | null) ?? null };
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment];
      if (item === undefined) return undefined;
      located = { valueNode: (item as YamlNode | null) ?? null };
    } else {
      return undefined;
    }
  }
  return located;
}

/** Where a key is written: the key of a mapping entry, the start of a list item. */
function keyPosition(map: SourceMap, segments: readonly Segment[]): SourcePosition | undefined {
  const located = findNode(map, segments);
  if (!located) return undefined;
  return positionOf(map, located.keyNode) ?? positionOf(map, located.valueNode) ?? { line: 1, column: 1 };
}

/** Where a value is written; for an empty value (`key:`), its key. */
function valuePosition(map: SourceMap, segments: readonly Segment[]): SourcePosition | undefined {
  const located = findNode(map, segments);
  if (!located) return undefined;
  const value = located.valueNode;
  const empty = value === null || (isScalar(value) && value.value === null && value.range != null && value.range[0] === value.range[1]);
  return (empty ? undefined : positionOf(map, value)) ?? positionOf(map, located.keyNode) ?? { line: 1, column: 1 };
}

// ---------------------------------------------------------------------------
// Parsing

function failed(file: string, errors: DeclarationError[]): LoadedDeclaration {
  return { file, data: undefined, syntaxOk: false, valid: false, errors, locate: () => undefined };
}

function errorAt(file: string, message: string, position: SourcePosition = { line: 1, column: 1 }, key = ROOT_KEY): DeclarationError {
  return { file, line: position.line, column: position.column, key, message };
}

function sortAndDeduplicate(errors: DeclarationError[]): DeclarationError[] {
  const seen = new Set<string>();
  const unique = errors.filter((e) => {
    const id = `${e.line}:${e.column}:${e.key}:${e.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return unique.sort((a, b) => a.line - b.line || a.column - b.column || a.key.localeCompare(b.key));
}

/** JSON.parse's complaint, with the offset it names (Node 20 says "at position N"; later versions add line and column). */
function strictJsonProblem(text: string): { message: string; offset: number } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : text.length;
    return { message: message.replace(/\s*(in JSON )?at position \d+.*$/s, '').replace(/^JSON\.parse: /, ''), offset };
  }
}

function looksLikeJson(file: string, text: string): boolean {
  return /\.json$/i.test(file) || /^\s*[{[]/.test(text);
}

/** Parses and validates a declaration's text. Never throws. */
export function parseDeclaration(text: string, file: string): LoadedDeclaration {
  try {
    return parseUnguarded(text, file);
  } catch (error) {
    // Pathological input (e.g. nesting deep enough to exhaust the stack) ends here, not in a crash.
    const reason = error instanceof RangeError ? 'it is nested too deeply' : error instanceof Error ? error.message : String(error);
    return failed(file, [errorAt(file, `the declaration could not be read: ${reason}`)]);
  }
}

function parseUnguarded(text: string, file: string): LoadedDeclaration {
  if (text.length > MAX_DECLARATION_BYTES) return failed(file, [errorAt(file, tooLargeMessage(text.length, 'characters'))]);
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') return failed(file, [errorAt(file, 'the declaration is empty')]);

  const tooDeepAt = excessiveNesting(source);
  if (tooDeepAt !== undefined) {
    const message = `the declaration nests lists or mappings more than ${MAX_NESTING_DEPTH} levels deep`;
    return failed(file, [errorAt(file, message, offsetPosition(source, tooDeepAt))]);
  }

  // A .json file must be strict JSON: YAML would quietly accept trailing commas and comments that other JSON tools reject.
  if (/\.json$/i.test(file)) {
    const problem = strictJsonProblem(source);
    if (problem) return failed(file, [errorAt(file, `invalid JSON: ${problem.message}`, offsetPosition(source, problem.offset))]);
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(source, {
    lineCounter,
    prettyErrors: true,
    uniqueKeys: true,
    // Plain data: no !!binary, !!set or !!timestamp objects in YAML 1.2 answers (a `%YAML 1.1` document still gets
    // 1.1 types, which the schema then rejects with a message saying what was read).
    resolveKnownTags: false,
  });
  const map: SourceMap = { doc, lineCounter };
  const syntax = looksLikeJson(file, source) ? 'JSON' : 'YAML';

  if (doc.errors.length > 0) {
    const errors = doc.errors.map((error) => {
      const start = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
      // prettyErrors appends "at line L, column C:" and an excerpt; the position is already in front.
      const message = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '').trim();
      return errorAt(file, `invalid ${syntax}: ${message}`, { line: start.line, column: start.col });
    });
    return failed(file, sortAndDeduplicate(errors));
  }

  const locate = (key: string): SourcePosition | undefined => {
    const segments = parseKeyPath(key);
    return segments === undefined ? undefined : keyPosition(map, segments);
  };

  const contents = doc.contents as YamlNode | null;
  if (contents === null) return { ...failed(file, [errorAt(file, 'the declaration is empty')]), syntaxOk: true, locate };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/excessive alias count/i.test(message)) {
      return failed(file, [
        errorAt(
          file,
          `too many alias expansions (more than ${MAX_ALIAS_COUNT}): write the values out instead of repeating *aliases`,
          firstAliasPosition(map),
        ),
      ]);
    }
    throw error;
  }

  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const position = positionOf(map, contents) ?? { line: 1, column: 1 };
    const message = `the declaration must be a mapping of keys to answers (e.g. \`name: My solution\`), not ${describeValue(data)}`;
    return { file, data: undefined, syntaxOk: true, valid: false, errors: [errorAt(file, message, position)], locate };
  }

  const validate = validator();
  const schemaOk = validate(data) === true;
  const errors = schemaOk ? [] : sortAndDeduplicate(explainSchemaErrors(validate.errors ?? [], data, map, file));
  return { file, data: data as Declaration, syntaxOk: true, valid: errors.length === 0, errors, locate };
}

/**
 * Offset where nesting first exceeds MAX_NESTING_DEPTH, or undefined. A lexer
 * pass (iterative, stops at the first excess) catches flow brackets and
 * same-line `- - -` exactly and bounds block nesting by indentation; only when
 * that bound is inconclusive is the iterative CST parser asked for the exact depth.
 */
function excessiveNesting(source: string): number | undefined {
  // Cheapest bound first: every flow collection needs a bracket, and a block
  // collection starts after its line's indentation plus the `-` / `?` on it.
  let brackets = 0;
  for (let i = source.indexOf('['); i !== -1; i = source.indexOf('[', i + 1)) brackets += 1;
  for (let i = source.indexOf('{'); i !== -1; i = source.indexOf('{', i + 1)) brackets += 1;
  let widestLine = 0;
  for (const line of source.split(/\r?\n|\r/)) {
    let width = /^ */.exec(line)![0].length;
    for (let i = line.indexOf('-'); i !== -1; i = line.indexOf('-', i + 1)) width += 1;
    for (let i = line.indexOf('?'); i !== -1; i = line.indexOf('?', i + 1)) width += 1;
    widestLine = Math.max(widestLine, width);
  }
  if (brackets + 2 * (widestLine + 1) <= MAX_NESTING_DEPTH) return undefined;

  let offset = 0;
  let flowDepth = 0;
  let maxFlowDepth = 0;
  let indent = 0;
  let indicatorsOnLine = 0;
  let blockBound = 0;
  let atLineStart = true;
  for (const token of new Lexer().lex(source)) {
    const type = CST.tokenType(token);
    switch (type) {
      case 'flow-map-start':
      case 'flow-seq-start':
        flowDepth += 1;
        if (flowDepth > MAX_NESTING_DEPTH) return offset;
        maxFlowDepth = Math.max(maxFlowDepth, flowDepth);
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        flowDepth = Math.max(0, flowDepth - 1);
        break;
      case 'seq-item-ind':
      case 'explicit-key-ind':
        // Each `-` or `?` on one line opens a collection inside the previous one.
        if (flowDepth === 0 && ++indicatorsOnLine > MAX_NESTING_DEPTH) return offset;
        break;
      case 'space':
        if (atLineStart) indent = /^ */.exec(token)![0].length;
        break;
      case 'newline':
        blockBound = Math.max(blockBound, indent + 2 * indicatorsOnLine);
        indent = 0;
        indicatorsOnLine = 0;
        break;
      default:
        break;
    }
    atLineStart = type === 'newline';
    // The lexer's control tokens mark structure; they are not characters of the source.
    if (type !== 'doc-mode' && type !== 'scalar' && type !== 'flow-error-end') offset += token.length;
  }
  blockBound = Math.max(blockBound, indent + 2 * indicatorsOnLine);
  // A nested block collection starts further right than its parent (a list under a key may share its column).
  if (2 * (blockBound + 1) + maxFlowDepth <= MAX_NESTING_DEPTH) return undefined;
  return cstExcessiveNesting(source);
}

function cstExcessiveNesting(source: string): number | undefined {
  const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);
  const pending: [unknown, number][] = [];
  for (const token of new Parser().parse(source)) pending.push([token, 0]);
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (Array.isArray(node)) {
      for (const child of node) pending.push([child, depth]);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    const nodeDepth = COLLECTIONS.has(String(record.type)) ? depth + 1 : depth;
    if (nodeDepth > MAX_NESTING_DEPTH) return typeof record.offset === 'number' ? record.offset : 0;
    for (const field of ['items', 'key', 'value', 'sep', 'start', 'end']) {
      if (field in record) pending.push([record[field], nodeDepth]);
    }
  }
  return undefined;
}

function offsetPosition(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function firstAliasPosition(map: SourceMap): SourcePosition | undefined {
  let first: YamlNode | undefined;
  visit(map.doc, {
    Alias(_key, node) {
      first = node;
      return visit.BREAK;
    },
  });
  return positionOf(map, first);
}

function tooLargeMessage(size: number, unit: 'bytes' | 'characters'): string {
  return `the declaration is too large (${size} ${unit}; at most 1 MiB is read)`;
}

// ---------------------------------------------------------------------------
// Schema errors in plain words

type SchemaNode = Record<string, unknown>;

/** Splits an ajv instance path (a JSON pointer) into segments, numbers where the data is a list. */
export function instanceSegments(instancePath: string, data: unknown): Segment[] {
  if (instancePath === '') return [];
  const segments: Segment[] = [];
  let current: unknown = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^\d+$/.test(part)) {
      segments.push(Number(part));
      current = current[Number(part)];
    } else {
      segments.push(part);
      current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[part] : undefined;
    }
  }
  return segments;
}

function explainSchemaErrors(ajvErrors: readonly ErrorObject[], data: unknown, map: SourceMap, file: string): DeclarationError[] {
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
function describeValue(value: unknown): string {
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

// ---------------------------------------------------------------------------
// Reading a file

/** Reads at most `limit` bytes; refuses what is not a regular file (a FIFO would block forever). */
function readBounded(absPath: string, limit: number): Buffer {
  const stat = fs.statSync(absPath);
  if (stat.isDirectory()) throw Object.assign(new Error('it is a directory'), { code: 'EISDIR' });
  if (!stat.isFile()) throw Object.assign(new Error('it is not a regular file'), { code: 'ENOTFILE' });
  const nonBlocking = fs.constants.O_NONBLOCK ?? 0;
  const fd = fs.openSync(absPath, fs.constants.O_RDONLY | nonBlocking);
  try {
    const buffer = Buffer.alloc(limit);
    let filled = 0;
    while (filled < limit) {
      const count = fs.readSync(fd, buffer, filled, limit - filled, null);
      if (count === 0) break;
      filled += count;
    }
    return buffer.subarray(0, filled);
  } finally {
    fs.closeSync(fd);
  }
}

function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOTFILE') return 'it is not a regular file';
  if (code === 'ELOOP') return 'too many symbolic links';
  return error instanceof Error ? error.message : String(error);
}

/** Line and column of a byte offset, counting bytes as characters (only used for binary files). */
function bytePosition(bytes: Buffer, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The byte-order mark of UTF-32 (checked first: FF FE 00 00 also starts like UTF-16LE's). */
function utf32Order(bytes: Buffer): 'le' | 'be' | undefined {
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return 'le';
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return 'be';
  return undefined;
}

/** UTF-32 (TextDecoder has none); a code point out of range, or a dangling tail, is U+FFFD. */
function decodeUtf32(bytes: Buffer, order: 'le' | 'be'): string {
  const parts: string[] = [];
  for (let i = 4; i < bytes.length; i += 4) {
    if (i + 4 > bytes.length) { parts.push('\ufffd'); break; }
    const point = order === 'le' ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i);
    parts.push(point <= 0x10ffff && (point < 0xd800 || point > 0xdfff) ? String.fromCodePoint(point) : '\ufffd');
  }
  return parts.join('');
}

function decode(bytes: Buffer): string {
  const utf32 = utf32Order(bytes);
  if (utf32) return decodeUtf32(bytes, utf32);
  // UTF-16 files are full of NUL bytes but are text: honour their byte-order mark.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Not UTF-8: Latin-1 maps every byte to a character, so the answers stay readable.
    return bytes.toString('latin1');
  }
}

/**
 * Reads and parses a declaration file. Never throws: a missing, unreadable,
 * oversized, empty or binary file gives a located error instead.
 */
export function readDeclarationFile(absPath: string, shownAs: string): LoadedDeclaration {
  let bytes: Buffer;
  try {
    bytes = readBounded(absPath, MAX_DECLARATION_BYTES + 1);
  } catch (error) {
    return failed(shownAs, [errorAt(shownAs, `cannot read the declaration: ${describeReadError(error)}`)]);
  }
  if (bytes.length > MAX_DECLARATION_BYTES) return failed(shownAs, [errorAt(shownAs, tooLargeMessage(fileSize(absPath, bytes.length), 'bytes'))]);
  if (bytes.length === 0) return failed(shownAs, [errorAt(shownAs, 'the declaration is empty')]);
  const hasUtf16Mark = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || utf32Order(bytes) !== undefined;
  const nul = hasUtf16Mark ? -1 : bytes.indexOf(0);
  if (nul >= 0) {
    return failed(shownAs, [errorAt(shownAs, 'the declaration is a binary file (it contains NUL bytes), not YAML or JSON text', bytePosition(bytes, nul))]);
  }
  return parseDeclaration(decode(bytes), shownAs);
}

function fileSize(absPath: string, atLeast: number): number {
  try {
    return Math.max(fs.statSync(absPath).size, atLeast);
  } catch {
    return atLeast;
  }
}

// ---------------------------------------------------------------------------
// The rules' view

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

/**
 * The declaration as rules see it. The data is a frozen copy, so no rule can
 * change what another rule reads. Without a declaration, evidence points at
 * `dpg.yml`, where the answer would go.
 */
export function makeDeclarationView(loaded: LoadedDeclaration | undefined): DeclarationView {
  if (!loaded) {
    return Object.freeze({
      data: undefined,
      path: null,
      valid: false,
      locate: () => undefined,
      evidence: (key: string): Evidence => ({ kind: 'declaration', path: DECLARATION_FILE_NAMES[0]!, key }),
    });
  }
  const data = loaded.data === undefined ? undefined : deepFreeze(structuredClone(loaded.data));
  const file = loaded.file;
  return Object.freeze({
    data,
    path: file,
    valid: loaded.valid,
    locate: (key: string) => loaded.locate(key),
    evidence: (key: string): Evidence => {
      const position = loaded.locate(key);
      return position
        ? { kind: 'declaration', path: file, key, line: position.line, column: position.column }
        : { kind: 'declaration', path: file, key };
    },
  });
}

/**
 * Parsing and validating a declaration's text: YAML/JSON with guards against
 * hostile documents, then the JSON Schema. Nothing here throws on bad input.
 */
import { LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { Declaration, SourcePosition } from './types.js';
import { errorAt, failed, sortAndDeduplicate, tooLargeMessage, type LoadedDeclaration } from './errors.js';
import { parseKeyPath } from './key-paths.js';
import { MAX_NESTING_DEPTH, excessiveNesting } from './nesting.js';
import { validator } from './schema.js';
import { describeValue, explainSchemaErrors } from './schema-errors.js';
import { firstAliasPosition, keyPosition, positionOf, type SourceMap } from './source-map.js';
import { lineIndex } from '../text/line-index.js';

/** A declaration is a page of answers; anything above this is a mistake or an attack. */
export const MAX_DECLARATION_BYTES = 1024 * 1024;

/**
 * Aliases are legitimate YAML, but each expansion multiplies the data; a small
 * cap stops "billion laughs" documents before they are expanded.
 */
const MAX_ALIAS_COUNT = 50;

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
    return failed(file, [errorAt(file, message, lineIndex(source).positionOf(tooDeepAt))]);
  }

  // A .json file must be strict JSON: YAML would quietly accept trailing commas and comments that other JSON tools reject.
  if (/\.json$/i.test(file)) {
    const problem = strictJsonProblem(source);
    if (problem) return failed(file, [errorAt(file, `invalid JSON: ${problem.message}`, lineIndex(source).positionOf(problem.offset))]);
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

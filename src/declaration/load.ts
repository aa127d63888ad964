/**
 * Loading the declaration: bounded reading, YAML/JSON parsing and JSON Schema
 * validation, with every problem located at `file:line:col key` so that an
 * owner can go straight to the line to fix. Nothing here throws on bad input:
 * a declaration is user data, and user data is never a crash.
 *
 * This module is the declaration's public face; the steps live beside it:
 * `read-file.ts` (bytes) → `parse.ts` (YAML/JSON, guards, schema) with
 * `source-map.ts` (positions), `key-paths.ts`, `errors.ts` and
 * `schema-errors.ts` (wording) → `view.ts` (what rules see).
 */

export { DECLARATION_FILE_NAMES, findDeclaration } from './discovery.js';
export { ROOT_KEY, formatKeyPath, parseKeyPath, instanceSegments } from './key-paths.js';
export { formatDeclarationError, type DeclarationError, type LoadedDeclaration } from './errors.js';
export { declarationSchema } from './schema.js';
export { MAX_NESTING_DEPTH } from './nesting.js';
export { MAX_DECLARATION_BYTES, parseDeclaration } from './parse.js';
export { readDeclarationFile } from './read-file.js';
export { makeDeclarationView } from './view.js';

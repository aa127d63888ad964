/**
 * The declaration's JSON Schema and its compiled validator.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// A validator precompiled at build time when one fits (./validator.ts), else ajv compiling as usual.
import { Ajv2020, addFormatsModule, type ValidateFunction } from './validator.js';

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
export function validator(): ValidateFunction {
  if (compiledValidator) return compiledValidator;
  // `verbose` keeps each error's schema and data, from which the plain messages are written.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
  addFormatsModule.default(ajv, ['uri', 'email']);
  compiledValidator = ajv.compile(declarationSchema);
  return compiledValidator;
}

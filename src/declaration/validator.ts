/**
 * Ajv as the declaration loader uses it, answered from a validator compiled at
 * build time when one fits: compiling the declaration schema costs several
 * times a bare Node start-up on every `dpg-check validate`, and an ajv
 * standalone module does the same validation without loading ajv's compiler.
 *
 * `scripts/build-validators.mjs` (part of `npm run build`) writes
 * `dist/declaration-validator.cjs`: validators with the schema's JSON text, the
 * ajv options and the formats each was generated with. `compile` uses one only
 * when all three match what the caller asks for; otherwise (no build, a schema edited since)
 * it loads ajv and compiles as before, so a stale file never validates.
 *
 * Formats are ajv-formats' "fast" ones, here and in the build: a URL must have a
 * scheme and no white space, as a browser's address bar asks. The "full" URI
 * pattern of RFC 3986 rejects internationalised addresses (`https://example.org/café`),
 * which declarations from every region use, and compiling it alone cost
 * `validate` about 4 ms (issue 13).
 */
import { createRequire } from 'node:module';
import type { Options, ValidateFunction } from 'ajv/dist/2020.js';

import { loadPrecompiled } from './precompiled.js';

export type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';

/** One validator of what scripts/build-validators.mjs writes (CommonJS, so that it loads synchronously). */
interface Precompiled {
  schemaText: string;
  options: string;
  formats: string;
  validate: ValidateFunction;
}

const require = createRequire(import.meta.url);

/** ajv-formats' mode, the same in scripts/build-validators.mjs (a mismatch only means ajv compiles). */
const FORMAT_MODE = 'fast';

/** The build's validators (./precompiled.ts); none, or a file of another layout, and ajv compiles. */
function precompiled(): readonly Precompiled[] {
  const loaded = loadPrecompiled();
  return Array.isArray(loaded) ? (loaded as Precompiled[]) : [];
}

/** The subset of ajv's `Ajv2020` the loader calls: options, formats (through `addFormatsModule`), `compile`. */
export class Ajv2020 {
  formats: string[] = [];
  private compiler: { compile(schema: object): ValidateFunction } | undefined;

  constructor(readonly options: Options = {}) {}

  compile(schema: object): ValidateFunction {
    // The schema's JSON text is the key: comparing 33 KB costs microseconds, hashing it loaded node:crypto.
    const schemaText = JSON.stringify(schema);
    const options = JSON.stringify(this.options);
    const formats = JSON.stringify({ mode: FORMAT_MODE, formats: this.formats });
    const stored = precompiled().find((v) => v.schemaText === schemaText && v.options === options && v.formats === formats);
    return stored?.validate ?? this.ajv().compile(schema);
  }

  private ajv(): { compile(schema: object): ValidateFunction } {
    if (this.compiler === undefined) {
      const { Ajv2020: Compiler } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
      const compiler = new Compiler(this.options);
      // ajv-formats is CommonJS: `module.exports.default` is the plugin.
      const addFormats = (require('ajv-formats') as { default(ajv: unknown, options: { mode: string; formats: readonly string[] }): unknown }).default;
      if (this.formats.length > 0) addFormats(compiler, { mode: FORMAT_MODE, formats: this.formats });
      this.compiler = compiler;
    }
    return this.compiler;
  }
}

/** Stands in for `ajv-formats`: the formats are added when (and only when) ajv itself has to compile. */
export const addFormatsModule = {
  default(ajv: Ajv2020, formats: readonly string[]): Ajv2020 {
    ajv.formats.push(...formats);
    return ajv;
  },
};

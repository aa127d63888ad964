/**
 * The validators `scripts/build-validators.mjs` compiled: `dist/declaration-validator.cjs`, found by walking up
 * from this module (src/ in tests, dist/src/ built), or `undefined` where there is none (no build yet).
 *
 * The command line's bundle replaces this module with that file itself (scripts/build-bundle.mjs), so that the
 * validators' code is in the bundle's code cache instead of being compiled on every `dpg-check validate`.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export function loadPrecompiled(): unknown {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level < 4; level++) {
    const candidate = path.join(dir, 'dist', 'declaration-validator.cjs');
    if (fs.existsSync(candidate)) return require(candidate) as unknown;
    dir = path.dirname(dir);
  }
  return undefined;
}

#!/usr/bin/env node
// Build step (part of `npm run build` and `npm test`): bundles the command line into a few ES modules, so that a
// command starts by reading a handful of files instead of resolving and compiling some 300 (yaml alone is 84
// CommonJS files, each lexed for its exports when imported from an ES module). `validate` went from 2.4–2.6× to
// 2.0–2.2× a bare `node -e 0`, and a check of a small repository lost 130–160 ms (issue 13, `npm run bench`).
//
// Reads the compiled dist/src (tsc's output), writes dist/bundle/: cli.js (what bin/dpg-check.js runs),
// worker.js (the batch worker, found beside the pool's code as ./worker.js) and the chunks they share, split so
// that each command still loads only what it uses. The published API (dist/src/index.js, helpers, testing) is
// not bundled: packs import it as the ordinary modules they always were.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(root, 'dist', 'bundle');
const started = performance.now();
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { cli: path.join(root, 'dist', 'src', 'cli.js'), worker: path.join(root, 'dist', 'src', 'batch', 'worker.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The bundled CommonJS packages (yaml, commander, ajv's runtime) call require() for Node's own modules; an ES
  // module has no require of its own, so each chunk gets one.
  banner: { js: "import { createRequire as __dpgCheckCreateRequire } from 'node:module'; const require = __dpgCheckCreateRequire(import.meta.url);" },
  // Loaded only when needed, and ordinary imports then: the GitHub client (github: targets only) and ajv's schema
  // compiler (a config file or a schema the precompiled validators do not cover).
  external: ['octokit', 'ajv', 'ajv-formats'],
  logLevel: 'warning',
});
process.stderr.write(`command line bundle: dist/bundle (${Math.round(performance.now() - started)} ms)\n`);

#!/usr/bin/env node
// Build step (part of `npm run build` and `npm test`): bundles the command line, so that a command starts by
// reading one file instead of resolving and compiling some 300 (yaml alone is 84 CommonJS files, each lexed for
// its exports when imported from an ES module), and saves V8's code cache of it, so that the command does not
// compile that file again either (issue 13, `npm run bench`).
//
// Reads the compiled dist/src (tsc's output), writes dist/bundle/:
// - cli.cjs: src/cli.ts and everything it imports, as one CommonJS script, which bin/dpg-check.js runs through
//   bin/load-bundle.js; cli.cjs.cache: its code cache, made here by running a few commands of a typical CI job
//   (validate, a check in text and JSON) and saving what V8 compiled for them.
// - validate.cjs and validate.cjs.cache: src/validate-main.ts, which bin/dpg-check.js runs for `validate <files>`
//   (the pre-commit hook's command): the declaration reader without the rest of the command line.
// Every bundle is minified (whitespace and syntax, names kept), escaped to plain ASCII and written as Node's module
// function (the CommonJS wrapper around it), which bin/load-bundle.js compiles as it is.
// - worker.js: the batch worker, found beside the pool's code as ./worker.js: it runs cli.cjs's startBatchWorker,
//   so that every worker starts from cli.cjs's code cache instead of compiling a bundle of its own.
// - import-module.cjs: the `import()` of what is not bundled (src/import-module.ts says why).
// One script and not chunks per command: with its code cache, the whole command line loads in less time than the
// parse of the chunks a check used (measured: a check of fixtures/candidates/complete-software 328 → 271 ms).
// The published API (dist/src/index.js, helpers, testing) is not bundled: packs import it as the ordinary modules
// they always were.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import loader from '../bin/load-bundle.js';

const { BUNDLE_WRAPPER } = loader;

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(root, 'dist', 'bundle');

/**
 * A Node built-in's exports as esbuild's `__toESM` shows them to an ES module that imports the built-in's default
 * (`import fs from 'node:fs'`): a view with a getter for each property. esbuild makes one for each importing module,
 * which for node:fs is 38 views of a hundred getters, 3 ms of every check's start (10 ms uncached). The views are
 * read-only and alike, so the bundle makes one per built-in and shares it (`shareBuiltinViews`).
 */
const SHARED_BUILTIN = [
  'var __dpgCheckBuiltinViews = new Map();',
  'function __dpgCheckBuiltin(mod) {',
  '  let view = __dpgCheckBuiltinViews.get(mod);',
  '  if (view === undefined) __dpgCheckBuiltinViews.set(mod, (view = __toESM(mod, 1)));',
  '  return view;',
  '}',
].join('\n');

if (process.argv.includes('--write-code-cache')) {
  await writeCodeCache(process.argv.includes('validate') ? 'validate' : 'cli');
} else {
  await bundle();
}

async function bundle() {
  const { build } = await import('esbuild');
  const started = performance.now();
  // The licence normaliser's fingerprint, computed by the very code the bundle includes (dist/src, compiled just
  // before): the bundle compares the index with it instead of normalising a probe text at every start.
  const { normalizerFingerprint } = await import(pathToFileURL(path.join(root, 'dist', 'src', 'licenses', 'license-index.js')).href);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: {
      cli: path.join(root, 'dist', 'src', 'cli.js'),
      validate: path.join(root, 'dist', 'src', 'validate-main.js'),
    },
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // Whitespace and syntax only: a third less text to read, copy and keep at every start (validate 0.94× the time
    // of the unminified bundle, a check 0.98×); identifiers keep their names, so that a stack trace reads as the code.
    minifyWhitespace: true,
    minifySyntax: true,
    // A bundled module's import.meta.url is the bundle's: every use (finding package.json, the schemas, the licence
    // index, ./worker.js) looks from a folder of dist/ at the same depth as its own, dist/src/<dir>.
    define: { 'import.meta.url': '__dpgCheckBundleUrl', __DPG_CHECK_NORMALIZER__: JSON.stringify(normalizerFingerprint()) },
    banner: { js: `var __dpgCheckBundleUrl = require('node:url').pathToFileURL(__filename).href;\n${SHARED_BUILTIN}` },
    // Loaded only when needed, and ordinary modules then: the GitHub client (github: targets only), ajv's schema
    // compiler (a config with rule options, a saved report, a schema the precompiled validators do not cover).
    external: ['octokit', 'ajv', 'ajv/*', 'ajv-formats'],
    plugins: [{
      name: 'import-module',
      setup(context) {
        context.onResolve({ filter: /(^|\/)import-module\.js$/ }, () => ({ path: './import-module.cjs', external: true }));
      },
    }, {
      // The declaration validators (src/declaration/precompiled.ts): the built file itself, with the parts of ajv
      // and ajv-formats it requires, so that their code is compiled once, into the code cache.
      name: 'precompiled-validators',
      setup(context) {
        const validators = path.join(root, 'dist', 'declaration-validator.cjs');
        context.onResolve({ filter: /^\.\/precompiled\.js$/ }, (args) => (args.importer.endsWith(path.join('declaration', 'validator.js')) ? { path: validators, namespace: 'precompiled' } : undefined));
        context.onLoad({ filter: /.*/, namespace: 'precompiled' }, () => ({
          contents: existsSync(validators) ? `export const loadPrecompiled = () => require(${JSON.stringify(validators)});` : 'export const loadPrecompiled = () => undefined;',
          resolveDir: root,
          loader: 'js',
        }));
        context.onResolve({ filter: /^ajv(-formats)?\/dist\/(formats|runtime\/[a-z0-9]+)$/ }, (args) => ({ path: createRequire(import.meta.url).resolve(args.path) }));
      },
    }],
    logLevel: 'warning',
  });
  for (const name of ['cli.cjs', 'validate.cjs']) {
    shareBuiltinViews(path.join(outdir, name));
    asciiOnly(path.join(outdir, name));
    wrapAsFunction(path.join(outdir, name));
  }
  writeFileSync(path.join(outdir, 'import-module.cjs'), [
    '// Written by scripts/build-bundle.mjs: src/import-module.ts for the bundle, an import() that Node compiles itself.',
    "'use strict';",
    'exports.importModule = (specifier) => import(specifier);',
    '',
  ].join('\n'));
  writeFileSync(path.join(outdir, 'worker.js'), [
    '// Written by scripts/build-bundle.mjs: the batch worker (src/batch/worker.ts, in cli.cjs with its code cache).',
    "import { fileURLToPath } from 'node:url';",
    "import { loadBundle } from '../../bin/load-bundle.js';",
    '',
    "await loadBundle(fileURLToPath(new URL('./cli.cjs', import.meta.url))).exports.startBatchWorker();",
    '',
  ].join('\n'));
  // Each in a process of its own: a cache must be of the bundle as a command runs it, nothing else loaded.
  for (const command of [[], ['validate']]) {
    const cache = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--write-code-cache', ...command], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (cache.status !== 0) throw new Error(`could not write the code cache of dist/bundle/${command.length ? 'validate' : 'cli'}.cjs`);
  }
  process.stderr.write(`command line bundle: dist/bundle (${Math.round(performance.now() - started)} ms)\n`);
}


/** Replaces esbuild's `__toESM(require("node:…"), 1)` calls with the shared view of SHARED_BUILTIN. */
function shareBuiltinViews(file) {
  const source = readFileSync(file, 'utf8');
  let count = 0;
  const shared = source.replace(/__toESM\(require\("(node:[a-z_/]+)"\), ?1\)/g, (_, id) => {
    count++;
    return `__dpgCheckBuiltin(require(${JSON.stringify(id)}))`;
  });
  // esbuild names its helper `__toESM`; a version that renamed it would leave every call as it was.
  if (count > 0 && !/(^|[;\n])var __toESM ?= ?/.test(source)) throw new Error(`${path.basename(file)}: calls __toESM but does not define it`);
  if (shared !== source) writeFileSync(file, shared);
}

/**
 * Escapes the bundle's non-ASCII characters (esbuild leaves them in regular expressions and comments), so that
 * bin/load-bundle.js can read it as a one-byte string: a third of the time of decoding 2 MB of UTF-8. `\\uXXXX`
 * means the same character in a string, a template, a regular expression and a comment; only after a backslash
 * would it not, and the build stops there rather than change what the code does.
 */
function asciiOnly(file) {
  const source = readFileSync(file, 'utf8');
  const escaped = source.replace(/[^\x00-\x7f]/g, (char, offset) => {
    if (source[offset - 1] === '\\') throw new Error(`${path.basename(file)}: a non-ASCII character after a backslash at offset ${offset}`);
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  if (escaped !== source) writeFileSync(file, escaped);
}

/**
 * Writes Node's CommonJS wrapper into the bundle itself (bin/load-bundle.js, BUNDLE_WRAPPER), on the first line so
 * that the bundle's line numbers stay its own: the loader then compiles the text it read as it is, where wrapping it
 * at every start made V8 copy the whole string (it flattens the concatenation before compiling).
 */
function wrapAsFunction(file) {
  writeFileSync(file, `${BUNDLE_WRAPPER.prefix}${readFileSync(file, 'latin1')}${BUNDLE_WRAPPER.suffix}`, 'latin1');
}

/**
 * Runs the commands of a typical CI job on the project's fixtures with a bundle (`cli` or `validate`), then saves
 * what V8 compiled as its code cache (bin/load-bundle.js).
 */
async function writeCodeCache(name) {
  const { loadBundle } = await import('../bin/load-bundle.js');
  const loaded = loadBundle(path.join(outdir, `${name}.cjs`), { useCache: false });
  const silent = { write: () => true };
  const io = { stdout: silent, stderr: silent, env: { ...process.env, GITHUB_ACTIONS: 'false' }, stdin: process.stdin };
  const declaration = path.join(root, 'fixtures', 'declarations', 'complete.yml');
  const candidate = path.join(root, 'fixtures', 'candidates', 'complete-software');
  // A package built without its fixtures still gets a cache, of the bundle's top level.
  if (existsSync(declaration)) await loaded.exports.run(['validate', declaration], io);
  if (name === 'cli' && existsSync(candidate)) {
    await loaded.exports.run([candidate], io);
    await loaded.exports.run([candidate, '--format', 'json'], io);
  }
  loaded.writeCache();
  process.exitCode = 0;
}

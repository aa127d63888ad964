// Runs a CommonJS bundle of dist/bundle/ (scripts/build-bundle.mjs) with V8's code cache: the bundle's compiled
// code, saved by the build beside it as `<bundle>.cache`, so that a command does not parse and compile some 2 MB of
// JavaScript again on every run (Node 22's module.enableCompileCache does this for modules; Node 20 has only
// vm.Script's cachedData, which is what this uses). A cache made by another Node version, or with other V8 flags,
// is rejected by V8 and the bundle is compiled as if there were none: it only ever changes the speed.
//
// CommonJS (bin/package.json), as bin/dpg-check.js: an ES module entry costs every command Node's module loader,
// about 5 ms, and importing node:fs as a module namespace loads its streams too.
'use strict';
const { isAscii } = require('node:buffer');
const fs = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/**
 * Node's own CommonJS wrapper, which scripts/build-bundle.mjs writes around each bundle (the prefix on the bundle's
 * first line, so that its line numbers stay its own): compiled as it is, the file is the module's function.
 */
const BUNDLE_WRAPPER = { prefix: '(function (exports, require, module, __filename, __dirname) {', suffix: '\n})' };

/** The cache file of a bundle: what V8 compiled while the build ran the bundle's usual commands. */
function codeCachePath(file) {
  return `${file}.cache`;
}

/**
 * Compiles and runs `file` as a CommonJS module and returns its exports, with `usedCache` (the saved cache was
 * accepted) and `writeCache()` (saves what V8 has compiled of it so far: the build runs a few commands first).
 */
function loadBundle(file, { useCache = true, cache = codeCachePath(file) } = {}) {
  // The build escapes every non-ASCII character (scripts/build-bundle.mjs): read as one-byte text, which is much
  // quicker than decoding UTF-8, whenever the file is indeed ASCII.
  const bytes = fs.readFileSync(file);
  const source = isAscii(bytes) ? bytes.latin1Slice() : bytes.toString('utf8');
  let cachedData;
  if (useCache) {
    try {
      cachedData = fs.readFileSync(cache);
    } catch {
      // No cache (a build that made none, or a package without it): compiled from the source.
    }
  }
  if (!source.startsWith(BUNDLE_WRAPPER.prefix)) throw new Error(`${file}: not a bundle of scripts/build-bundle.mjs (it lacks the wrapper it writes): run \`npm run build\``);
  const script = new vm.Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    usedCache: cachedData !== undefined && script.cachedDataRejected === false,
    writeCache: (to = codeCachePath(file)) => fs.writeFileSync(to, script.createCachedData()),
  };
}

module.exports = { BUNDLE_WRAPPER, codeCachePath, loadBundle };

// Runs a CommonJS bundle of dist/bundle/ (scripts/build-bundle.mjs) with V8's code cache: the bundle's compiled
// code, saved by the build beside it as `<bundle>.cache`, so that a command does not parse and compile some 2 MB of
// JavaScript again on every run (Node 22's module.enableCompileCache does this for modules; Node 20 has only
// vm.Script's cachedData, which is what this uses). A cache made by another Node version, or with other V8 flags,
// is rejected by V8 and the bundle is compiled as if there were none: it only ever changes the speed.
import { isAscii } from 'node:buffer';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * The cache file of a bundle, or of one command's use of it (`cli.cjs.validate.cache`): a cache holds what V8
 * compiled while the build ran that command, and `validate` uses a third of what a check does, so its own cache
 * deserialises in a third of the time.
 */
export function codeCachePath(file, command) {
  return command === undefined ? `${file}.cache` : `${file}.${command}.cache`;
}

/**
 * Compiles and runs `file` as a CommonJS module and returns its exports, with `usedCache` (the saved cache was
 * accepted) and `writeCache()` (saves what V8 has compiled of it so far: the build runs a few commands first).
 */
export function loadBundle(file, { useCache = true, cache = codeCachePath(file) } = {}) {
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
  // Node's own CommonJS wrapper, on one line so that the bundle's line numbers stay its own.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    usedCache: cachedData !== undefined && script.cachedDataRejected === false,
    writeCache: (to = codeCachePath(file)) => fs.writeFileSync(to, script.createCachedData()),
  };
}

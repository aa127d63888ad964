/**
 * `import()` of what the command-line bundle does not contain: octokit, ajv's compiler, rule packs. The bundle is
 * compiled through `vm.Script` so that V8's code cache applies (bin/load-bundle.js), and a script compiled that way
 * has no `import()` of its own on Node 20 without an experimental flag; so scripts/build-bundle.mjs swaps this
 * module for `dist/bundle/import-module.cjs`, a CommonJS file Node compiles itself, whose `import()` is Node's.
 * Run unbundled (dist/src, the tests), it is the plain `import()` it looks like.
 *
 * Specifiers are package names or absolute file URLs: they resolve the same from here and from the bundle.
 */
export function importModule(specifier: string): Promise<unknown> {
  return import(specifier);
}

/**
 * Gradle version catalogs name libraries; build scripts use them. An entry of
 * `gradle/libs.versions.toml` that no build script references is not a
 * dependency of anything, so the catalog alone says nothing about what the
 * product ships. Here each use (`implementation(libs.play.services.location)`
 * in `contrib/locationwidget/build.gradle.kts`) becomes a dependency of the
 * script that uses it, with that script's configuration as its scope.
 */
import type { Dependency, ParsedManifest } from './types.js';

/**
 * The manifests with every catalog reference resolved into a dependency of the
 * referencing file (bundles expanded); catalog entries themselves keep their
 * `catalogAccessor` mark, and readers leave them out as declarations, not uses.
 */
export function resolveCatalogs(manifests: readonly ParsedManifest[]): ParsedManifest[] {
  const entries = new Map<string, { dependency: Dependency; path: string }>();
  const bundles = new Map<string, string[]>();
  for (const manifest of manifests) {
    if (manifest.kind !== 'libs.versions.toml') continue;
    for (const dependency of manifest.dependencies) {
      if (dependency.catalogAccessor && !entries.has(dependency.catalogAccessor)) entries.set(dependency.catalogAccessor, { dependency, path: manifest.path });
    }
    for (const [accessor, members] of Object.entries(manifest.catalogBundles ?? {})) if (!bundles.has(accessor)) bundles.set(accessor, members);
  }
  if (entries.size === 0) return [...manifests];
  return manifests.map((manifest) => {
    if (!manifest.catalogReferences || manifest.catalogReferences.length === 0) return manifest;
    const resolved: Dependency[] = [];
    for (const reference of manifest.catalogReferences) {
      for (const accessor of bundles.get(reference.accessor) ?? [reference.accessor]) {
        const entry = entries.get(accessor);
        if (!entry) continue;
        const { catalogAccessor: _accessor, ...dependency } = entry.dependency;
        resolved.push({ ...dependency, line: reference.line, scope: reference.scope, fromCatalog: { path: entry.path, line: entry.dependency.line } });
      }
    }
    return resolved.length === 0 ? manifest : { ...manifest, dependencies: [...manifest.dependencies, ...resolved] };
  });
}

/**
 * What a dependency manifest, lockfile or container file says a solution
 * depends on. The parsers in this folder are pure: they take a file's path
 * and text and never touch the file system, so rules (through
 * `snapshot.read()`) and `dpg-check init` share them.
 */

/** Package ecosystems, plus container images and Helm charts. */
export type Ecosystem = 'npm' | 'pypi' | 'maven' | 'gradle-plugin' | 'go' | 'rubygems' | 'packagist' | 'hex' | 'nuget' | 'pub' | 'docker' | 'helm';

/**
 * How a dependency is used. `development`, `test` and `build` are tools around
 * the product (the DPGA's platform-independence guide does not require them to
 * be open); `runtime`, `optional` and `peer` ship with it.
 */
export type DependencyScope = 'runtime' | 'optional' | 'peer' | 'development' | 'test' | 'build';

export interface Dependency {
  ecosystem: Ecosystem;
  /**
   * The name as its ecosystem spells it: `@scope/name` (npm), PEP 503
   * normalised (PyPI), `group:artifact` (Maven), module path (Go), image
   * repository without `docker.io/library/` (docker).
   */
  name: string;
  /**
   * Version, range or image tag as written (`^2.1.0`, `>=7.4,<8`, `7.4-alpine`); absent when none is given. An
   * image's digest follows its tag (`alpine@sha256:…`, or `@sha256:…` alone), and an unresolved `${TAG}` is kept.
   */
  version?: string;
  /** 1-based line of the declaration in the file. */
  line: number;
  scope: DependencyScope;
  /** From a lockfile: an exact, resolved version, possibly of a transitive dependency. */
  locked?: boolean;
  /** The version is not the component's own (a Helm chart's version is not the version of the software it deploys). */
  versionIsNotComponentVersion?: boolean;
  /**
   * An entry of a Gradle version catalog (`libs.versions.toml`): a name for a
   * library, not a use of it. Build scripts use it through this accessor
   * (`libs.play.services.location`); `resolveCatalogs` turns those uses into
   * dependencies of the build scripts.
   */
  catalogAccessor?: string;
  /** Off unless asked for: a compose service under `profiles:`, a Helm section with `enabled: false`. */
  offByDefault?: boolean;
  /**
   * A compose service that other services use (`depends_on`, `links`, its name as a host in their environment),
   * all of them running a published image rather than building one from the candidate's files: those services
   * and their images (without tag), for the rule to tell the candidate's own images from third parties'.
   */
  usedOnlyBy?: { service: string; image: string }[];
  /** Resolved from a version catalog: the catalog file and line that name it. */
  fromCatalog?: { path: string; line: number };
}

/** A build script's use of a version-catalog entry: `implementation(libs.play.services.location)`. */
export interface CatalogReference {
  /** Lower case, dot-separated: `libs.play.services.location`, `libs.bundles.firebase`. */
  accessor: string;
  line: number;
  scope: DependencyScope;
}

export type ManifestKind =
  | 'package.json' | 'package-lock.json' | 'yarn.lock' | 'pnpm-lock.yaml'
  | 'requirements.txt' | 'pyproject.toml' | 'Pipfile' | 'Pipfile.lock' | 'poetry.lock' | 'uv.lock'
  | 'pom.xml' | 'build.gradle' | 'libs.versions.toml' | 'gradle-convention'
  | 'go.mod'
  | 'Gemfile' | 'Gemfile.lock'
  | 'composer.json' | 'composer.lock'
  | 'mix.exs' | 'mix.lock'
  | 'csproj' | 'packages.config'
  | 'pubspec.yaml' | 'pubspec.lock'
  | 'docker-compose' | 'Dockerfile' | 'helm-values' | 'Chart.yaml' | 'kubernetes';

export interface ParsedManifest {
  path: string;
  kind: ManifestKind;
  dependencies: Dependency[];
  /** Why (part of) the file could not be read, e.g. a JSON syntax error; the dependencies found before it are kept. */
  problems: string[];
  /** Gradle build scripts and convention plugins: the version-catalog entries they use. */
  catalogReferences?: CatalogReference[];
  /** Version catalogs: `[bundles]`, accessor → the accessors of the libraries it groups. */
  catalogBundles?: Record<string, string[]>;
}

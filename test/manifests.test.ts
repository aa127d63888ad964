/**
 * The dependency-manifest parsers (src/manifests): one case per format, the
 * comment and scope rules the indicator-4 rule relies on, version spans, and
 * a property test that no input makes a parser throw.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { findManifests, manifestKind, parseImageReference, parseManifest, spanStatus, tagSpans, versionSpans, type Dependency, type ManifestKind } from '../src/manifests/index.js';

/** `name version scope line` for compact assertions. */
function summary(path: string, text: string): string[] {
  const parsed = parseManifest(path, text);
  if (!parsed) throw new Error(`${path} is not a manifest`);
  return parsed.dependencies.map((d: Dependency) => `${d.name} ${d.version ?? '-'} ${d.scope} ${d.line}${d.locked ? ' locked' : ''}`);
}

describe('manifest kinds', () => {
  it('recognises manifests by name and folder', () => {
    const cases: [string, ManifestKind | undefined][] = [
      ['package.json', 'package.json'],
      ['apps/web/package-lock.json', 'package-lock.json'],
      ['requirements-dev.txt', 'requirements.txt'],
      ['requirements/base.txt', 'requirements.txt'],
      ['test-requirements.txt', 'requirements.txt'],
      ['app/build.gradle.kts', 'build.gradle'],
      ['gradle/libs.versions.toml', 'libs.versions.toml'],
      ['src/Api/Api.csproj', 'csproj'],
      ['docker-compose.prod.yml', 'docker-compose'],
      ['compose.yaml', 'docker-compose'],
      ['Dockerfile', 'Dockerfile'],
      ['docker/api.Dockerfile', 'Dockerfile'],
      ['Dockerfile.dev', 'Dockerfile'],
      ['charts/app/values-production.yaml', 'helm-values'],
      ['charts/app/Chart.yaml', 'Chart.yaml'],
      ['k8s/mongo.yaml', 'kubernetes'],
      ['charts/app/templates/deployment.yaml', undefined],
      ['.github/workflows/ci.yml', undefined],
      ['src/index.ts', undefined],
      ['requirements.md', undefined],
    ];
    for (const [path, kind] of cases) expect(manifestKind(path), path).toBe(kind);
    expect(findManifests(['README.md', 'go.mod', 'a/Gemfile.lock'])).toEqual([{ path: 'go.mod', kind: 'go.mod' }, { path: 'a/Gemfile.lock', kind: 'Gemfile.lock' }]);
  });
});

describe('npm', () => {
  it('reads package.json sections with their lines and aliases', () => {
    const text = '{\n  "dependencies": {\n    "firebase": "^10.0.0",\n    "maps": "npm:mapbox-gl@^2.0.0"\n  },\n  "devDependencies": {\n    "firebase": "^9"\n  }\n}\n';
    expect(summary('package.json', text)).toEqual(['firebase ^10.0.0 runtime 3', 'mapbox-gl ^2.0.0 runtime 4', 'firebase ^9 development 7']);
  });
  it('reports invalid JSON instead of throwing', () => {
    const parsed = parseManifest('package.json', '{ "dependencies": ');
    expect(parsed?.dependencies).toEqual([]);
    expect(parsed?.problems[0]).toMatch(/not valid JSON/);
  });
  it('reads package-lock v1 and v3 entries, dev flags included', () => {
    const v3 = '{\n  "packages": {\n    "": {\n      "name": "x"\n    },\n    "node_modules/@firebase/app": {\n      "version": "0.10.5",\n      "dependencies": {\n        "idb": "7.1.1"\n      }\n    },\n    "node_modules/a/node_modules/mongodb": {\n      "version": "6.7.0",\n      "dev": true\n    }\n  }\n}\n';
    expect(summary('package-lock.json', v3)).toEqual(['@firebase/app 0.10.5 runtime 6 locked', 'mongodb 6.7.0 development 12 locked']);
    const v1 = '{\n  "lockfileVersion": 1,\n  "dependencies": {\n    "mapbox-gl": {\n      "version": "2.15.0",\n      "requires": {\n        "earcut": "^2.2.4"\n      }\n    }\n  }\n}\n';
    expect(summary('package-lock.json', v1)).toEqual(['mapbox-gl 2.15.0 runtime 4 locked']);
  });
  it('reads yarn.lock (classic and berry) and pnpm-lock.yaml (v5, v6, v9)', () => {
    expect(summary('yarn.lock', '"@firebase/app@^0.10.0", "@firebase/app@^0.10.5":\n  version "0.10.5"\n')).toEqual(['@firebase/app 0.10.5 runtime 1 locked']);
    expect(summary('yarn.lock', '__metadata:\n  version: 8\n\n"mapbox-gl@npm:^2.0.0":\n  version: 2.15.0\n')).toEqual(['mapbox-gl 2.15.0 runtime 4 locked']);
    expect(summary('pnpm-lock.yaml', "lockfileVersion: 5.4\npackages:\n  /mapbox-gl/2.15.0:\n    dev: false\n  /@firebase/app/0.10.5_idb@7.1.1:\n    dev: true\n")).toEqual(['mapbox-gl 2.15.0 runtime 3 locked', '@firebase/app 0.10.5 development 5 locked']);
    expect(summary('pnpm-lock.yaml', "lockfileVersion: '6.0'\npackages:\n  /firebase@10.12.0(react@18.3.1):\n    resolution: {}\n")).toEqual(['firebase 10.12.0 runtime 3 locked']);
    expect(summary('pnpm-lock.yaml', "lockfileVersion: '9.0'\nimporters: {}\npackages:\n  '@firebase/app@0.10.5':\n    resolution: {}\nsnapshots:\n  firebase@10.12.0: {}\n")).toEqual(['@firebase/app 0.10.5 runtime 4 locked']);
  });
});

describe('Python', () => {
  it('reads requirements files, skipping comments, options and URLs', () => {
    const text = '# base\n-r common.txt\npymongo[srv]>=4.7,<5  # driver\n#firebase-admin==6.5\nFlask_PyMongo==2.3.0 ; python_version > "3.8"\n./local-package\nredis @ https://example.org/redis.zip\nrequests \\\n  ==2.32.3\n';
    expect(summary('requirements.txt', text)).toEqual(['pymongo >=4.7,<5 runtime 3', 'flask-pymongo ==2.3.0 runtime 5', 'redis - runtime 7', 'requests ==2.32.3 runtime 8']);
    expect(summary('requirements-dev.txt', 'pymongo==4.7.2\n')).toEqual(['pymongo ==4.7.2 development 1']);
  });
  it('reads pyproject.toml: PEP 621, optional groups, PEP 735 and Poetry', () => {
    const text = [
      '[project]',
      'name = "x"',
      'dependencies = [',
      '  "pymongo>=4",',
      '  # "firebase-admin",',
      ']',
      '[project.optional-dependencies]',
      'test = ["mongomock"]',
      'search = ["elasticsearch==8.10.0"]',
      '[tool.poetry.dependencies]',
      'python = "^3.11"',
      'firebase-admin = { version = "^6.5", optional = true }',
      '[tool.poetry.group.dev.dependencies]',
      'pytest = "^8"',
    ].join('\n');
    expect(summary('pyproject.toml', text)).toEqual([
      'pymongo >=4 runtime 4',
      'mongomock - development 8',
      'elasticsearch ==8.10.0 optional 9',
      'firebase-admin ^6.5 optional 12',
      'pytest ^8 development 14',
    ]);
    expect(parseManifest('pyproject.toml', '[project\n')?.problems[0]).toMatch(/not valid TOML/);
  });
  it('reads Pipfile, Pipfile.lock and poetry.lock', () => {
    expect(summary('Pipfile', '[packages]\nflask = "*"\n# pymongo = "*"\n[dev-packages]\nmongomock = "*"\n')).toEqual(['flask * runtime 2', 'mongomock * development 5']);
    expect(summary('Pipfile.lock', '{\n  "default": {\n    "pymongo": {\n      "version": "==4.7.2"\n    }\n  },\n  "develop": {}\n}\n')).toEqual(['pymongo 4.7.2 runtime 3 locked']);
    expect(summary('poetry.lock', '[[package]]\nname = "PyMongo"\nversion = "4.7.2"\ncategory = "main"\n\n[[package]]\nname = "pytest"\nversion = "8.2.2"\ncategory = "dev"\n')).toEqual(['pymongo 4.7.2 runtime 2 locked', 'pytest 8.2.2 development 7 locked']);
  });
});

describe('JVM', () => {
  it('reads pom.xml, skipping comments, plugins and dependencyManagement, resolving properties', () => {
    const text = [
      '<project>',
      '  <properties><es.version>7.17.0</es.version></properties>',
      '  <dependencyManagement><dependencies><dependency><groupId>com.google.firebase</groupId><artifactId>firebase-admin</artifactId><version>9.3.0</version></dependency></dependencies></dependencyManagement>',
      '  <dependencies>',
      '    <!-- <dependency><groupId>org.mongodb</groupId><artifactId>mongodb-driver-sync</artifactId></dependency> -->',
      '    <dependency>',
      '      <groupId>org.elasticsearch</groupId>',
      '      <artifactId>elasticsearch</artifactId>',
      '      <version>${es.version}</version>',
      '    </dependency>',
      '    <dependency><groupId>com.google.firebase</groupId><artifactId>firebase-admin</artifactId></dependency>',
      '    <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13</version><scope>test</scope></dependency>',
      '  </dependencies>',
      '  <build><plugins><plugin><dependencies><dependency><groupId>com.twilio.sdk</groupId><artifactId>twilio</artifactId></dependency></dependencies></plugin></plugins></build>',
      '</project>',
    ].join('\n');
    expect(summary('pom.xml', text)).toEqual(['org.elasticsearch:elasticsearch 7.17.0 runtime 8', 'com.google.firebase:firebase-admin 9.3.0 runtime 11', 'junit:junit 4.13 test 12']);
  });
  it('reads Gradle scripts (Groovy and Kotlin), skipping comments but not URLs in strings', () => {
    const text = [
      'def fbVersion = "33.1.0"',
      'repositories { maven { url "https://maven.google.com" } }',
      'plugins { id "com.google.gms.google-services" version "4.4.2" }',
      'dependencies {',
      '    implementation platform("com.google.firebase:firebase-bom:$fbVersion")',
      "    implementation group: 'com.twilio.sdk', name: 'twilio', version: '10.1.0'",
      '    // implementation "org.mongodb:mongodb-driver-sync:5.1.0"',
      '    /* api("com.algolia:algoliasearch:3.16.9") */',
      '    testImplementation("org.mongodb:mongodb-driver-sync:5.1.0")',
      '}',
    ].join('\n');
    expect(summary('build.gradle', text)).toEqual([
      'com.google.gms.google-services 4.4.2 build 3',
      'com.google.firebase:firebase-bom 33.1.0 runtime 5',
      'com.twilio.sdk:twilio 10.1.0 runtime 6',
      'org.mongodb:mongodb-driver-sync 5.1.0 test 9',
    ]);
  });
  it('reads Gradle version catalogs', () => {
    const text = '[versions]\nfirebase = "33.1.0"\n[libraries]\nfirebase-bom = { module = "com.google.firebase:firebase-bom", version.ref = "firebase" }\nmaps = "com.google.android.gms:play-services-maps:19.0.0"\n[plugins]\ngms = { id = "com.google.gms.google-services", version = "4.4.2" }\n';
    expect(summary('gradle/libs.versions.toml', text)).toEqual(['com.google.firebase:firebase-bom 33.1.0 runtime 4', 'com.google.android.gms:play-services-maps 19.0.0 runtime 5', 'com.google.gms.google-services - build 7']);
  });
});

describe('Go, Ruby, PHP, Elixir, .NET, Dart', () => {
  it('reads go.mod', () => {
    expect(summary('go.mod', 'module x\n\nrequire firebase.google.com/go/v4 v4.14.0\n\nrequire (\n\tgo.mongodb.org/mongo-driver v1.15.0 // indirect\n\t// github.com/algolia/algoliasearch-client-go/v3 v3.31.0\n)\n')).toEqual(['firebase.google.com/go/v4 v4.14.0 runtime 3', 'go.mongodb.org/mongo-driver v1.15.0 runtime 6']);
  });
  it('reads Gemfile groups and Gemfile.lock specs', () => {
    const gemfile = "gem 'rails', '~> 7.1', '>= 7.1.3'\n# gem 'mongoid'\ngroup :development, :test do\n  gem 'mongo'\nend\ngem \"twilio-ruby\", group: :production\ngem 'algolia', group: [:test]\n";
    expect(summary('Gemfile', gemfile)).toEqual(['rails ~> 7.1, >= 7.1.3 runtime 1', 'mongo - development 4', 'twilio-ruby - runtime 6', 'algolia - development 7']);
    expect(summary('Gemfile.lock', 'GEM\n  remote: https://rubygems.org/\n  specs:\n    mongo (2.20.0)\n      bson (>= 4.14.1, < 6.0.0)\n\nPLATFORMS\n  ruby\n')).toEqual(['mongo 2.20.0 runtime 4 locked']);
  });
  it('reads composer.json and composer.lock, leaving platform requirements out', () => {
    expect(summary('composer.json', '{\n  "require": {\n    "php": "^8.2",\n    "ext-mongodb": "*",\n    "Kreait/Firebase-PHP": "^7.0"\n  },\n  "require-dev": { "predis/predis": "^2" }\n}\n')).toEqual(['kreait/firebase-php ^7.0 runtime 5', 'predis/predis ^2 development 7']);
    const lock = '{\n    "packages": [\n        {\n            "name": "mongodb/mongodb",\n            "version": "1.19.0"\n        }\n    ],\n    "packages-dev": [\n        {\n            "name": "phpunit/phpunit",\n            "version": "11.2.0"\n        }\n    ]\n}\n';
    expect(summary('composer.lock', lock)).toEqual(['mongodb/mongodb 1.19.0 runtime 4 locked', 'phpunit/phpunit 11.2.0 development 10 locked']);
  });
  it('reads mix.exs deps and mix.lock', () => {
    const mix = 'defmodule X.MixProject do\n  def project, do: [deps: deps()]\n  defp deps do\n    [\n      {:mongodb_driver, "~> 1.4"},\n      # {:ex_twilio, "~> 0.10"},\n      {:credo, "~> 1.7", only: [:dev, :test], runtime: false},\n      {:plug, github: "elixir-plug/plug"}\n    ]\n  end\nend\n';
    expect(summary('mix.exs', mix)).toEqual(['mongodb_driver ~> 1.4 runtime 5', 'credo ~> 1.7 development 7', 'plug - runtime 8']);
    expect(summary('mix.lock', '%{\n  "mongodb_driver": {:hex, :mongodb_driver, "1.4.1", "abc", [:mix], [], "hexpm", "def"},\n}\n')).toEqual(['mongodb_driver 1.4.1 runtime 2 locked']);
  });
  it('reads .csproj PackageReference items and packages.config', () => {
    const csproj = '<Project>\n  <ItemGroup>\n    <PackageReference Include="MongoDB.Driver" Version="2.26.0" />\n    <!-- <PackageReference Include="FirebaseAdmin" Version="3.0.0" /> -->\n    <PackageReference Include="StyleCop.Analyzers">\n      <Version>1.1.118</Version>\n      <PrivateAssets>all</PrivateAssets>\n    </PackageReference>\n  </ItemGroup>\n</Project>\n';
    expect(summary('Api.csproj', csproj)).toEqual(['MongoDB.Driver 2.26.0 runtime 3', 'StyleCop.Analyzers 1.1.118 build 5']);
    expect(summary('packages.config', '<packages>\n  <package id="Twilio" version="7.1.0" />\n</packages>\n')).toEqual(['Twilio 7.1.0 runtime 2']);
  });
  it('reads pubspec.yaml and pubspec.lock', () => {
    expect(summary('pubspec.yaml', 'name: app\ndependencies:\n  flutter:\n    sdk: flutter\n  firebase_core: ^2.31.0\n  cloud_firestore:\n    version: ^4.17.0\n  # firebase_auth: ^4.0.0\ndev_dependencies:\n  mockito: ^5.4.4\n')).toEqual(['firebase_core ^2.31.0 runtime 5', 'cloud_firestore ^4.17.0 runtime 6', 'mockito ^5.4.4 development 10']);
    expect(summary('pubspec.lock', 'packages:\n  firebase_core:\n    dependency: "direct main"\n    version: "2.31.0"\n  mockito:\n    dependency: "direct dev"\n    version: "5.4.4"\nsdks:\n  dart: ">=3.0.0"\n')).toEqual(['firebase_core 2.31.0 runtime 2 locked', 'mockito 5.4.4 development 5 locked']);
  });
});

describe('containers', () => {
  it('normalises image references', () => {
    expect(parseImageReference('docker.io/library/redis:7.4-alpine@sha256:abc')).toEqual({ name: 'redis', tag: '7.4-alpine', digest: 'sha256:abc' });
    expect(parseImageReference('localhost:5000/mongo')).toEqual({ name: 'localhost:5000/mongo' });
    expect(parseImageReference('Bitnami/MongoDB:7.0')).toEqual({ name: 'bitnami/mongodb', tag: '7.0' });
    expect(parseImageReference('${REGISTRY}/mongo:7')).toBeUndefined();
    expect(parseImageReference('mongo:${MONGO_TAG}')).toEqual({ name: 'mongo', tag: '${MONGO_TAG}' });
  });
  it('reads compose image lines, skipping commented ones and resolving defaults', () => {
    expect(summary('docker-compose.yml', 'services:\n  db:\n    image: "mongo:${MONGO_TAG:-7.0}"\n  # old:\n  #   image: mongo:4.4\n  cache:\n    image: redis # pinned below\n')).toEqual(['mongo 7.0 runtime 3', 'redis - runtime 7']);
  });
  it('says which services use a compose service, when only services running a published image do', () => {
    const compose = [
      'services:',
      '  db:', '    container_name: main-db', '    image: mongo:7',
      '  search:', '    image: elasticsearch:8.5.0',
      '  cache:', '    image: redis:8',
      '  core:', '    image: vendor/core:2', '    depends_on: { db: { condition: service_healthy } }', '    environment:', '      - SEARCH=http://search:9200',
      '  ui:', '    image: vendor/ui:2', '    environment:', '      URL: mongodb://user@main-db/app',
      '  app:', '    build: .', '    environment:', '      CACHE_HOST: cache', '      NOTE: research-cache-notes', '',
    ].join('\n');
    const parsed = parseManifest('docker-compose.yml', compose);
    const usedBy = Object.fromEntries((parsed?.dependencies ?? []).map((d) => [d.name, d.usedOnlyBy?.map((u) => `${u.service}=${u.image}`)]));
    // db: core (depends_on) and ui (its container name as a host); search: core; cache: the built app (own) uses it.
    expect(usedBy).toMatchObject({ mongo: ['core=vendor/core', 'ui=vendor/ui'], elasticsearch: ['core=vendor/core'], redis: undefined, 'vendor/core': undefined });
  });
  it('reads Dockerfile FROM lines with ARG defaults, leaving build stages out', () => {
    const text = 'ARG BASE=node:20\nFROM ${BASE} AS build\n# FROM mongo:7.0\nFROM --platform=linux/amd64 \\\n  redis:7.4.1 AS cache\nFROM build\nFROM scratch\n';
    expect(summary('Dockerfile', text)).toEqual(['node 20 runtime 2', 'redis 7.4.1 runtime 4']);
  });
  it('reads Helm values image maps and strings, Chart.yaml dependencies and Kubernetes manifests', () => {
    const values = 'mongodb:\n  image:\n    registry: docker.io\n    repository: bitnami/mongodb\n    tag: 7.0.11\nsidecar:\n  image: "redis:7.2"\nchart:\n  repository: https://charts.example.org\n';
    expect(summary('values.yaml', values)).toEqual(['bitnami/mongodb 7.0.11 runtime 4', 'redis 7.2 runtime 7']);
    const chart = parseManifest('Chart.yaml', 'apiVersion: v2\nname: x\ndependencies:\n  - name: MongoDB\n    version: 15.6.0\n');
    expect(chart?.dependencies).toEqual([{ ecosystem: 'helm', name: 'mongodb', version: '15.6.0', line: 4, scope: 'runtime', versionIsNotComponentVersion: true }]);
    expect(summary('k8s/db.yaml', 'apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  template:\n    spec:\n      containers:\n        - image: mongo:6.0\n')).toEqual(['mongo 6.0 runtime 7']);
    expect(summary('k8s/notes.yaml', 'image: mongo:6.0\n')).toEqual([]);
  });
});

describe('version spans', () => {
  const redis = [{ from: '7.4', before: '8' }];
  const mapbox = [{ from: '2' }];
  const status = (ranges: { from: string; before?: string }[], spec: string | undefined, tilde: 'npm' | 'composer' = 'npm'): string => spanStatus(ranges, versionSpans(spec, tilde));
  it('reads npm, PEP 440, RubyGems, Composer, Maven and NuGet ranges', () => {
    expect(status(mapbox, '^2.15.0')).toBe('closed');
    expect(status(mapbox, '~1.13.0')).toBe('open');
    expect(status(mapbox, '1.x')).toBe('open');
    expect(status(mapbox, '>=1.0.0')).toBe('unknown');
    expect(status(mapbox, '1.13.0 || 2.0.0')).toBe('unknown');
    expect(status(mapbox, '*')).toBe('unknown');
    expect(status(mapbox, 'github:mapbox/mapbox-gl-js')).toBe('unknown');
    expect(status(redis, '>=7.4,<8')).toBe('closed');
    expect(status(redis, '~=7.2')).toBe('unknown');
    expect(status(redis, '~=7.4.0')).toBe('closed');
    expect(status(redis, '==7.2.*')).toBe('open');
    expect(status(redis, '~> 8.0')).toBe('open');
    expect(status(redis, '~7.2', 'composer')).toBe('unknown');
    expect(status(redis, '~7.2')).toBe('open');
    expect(status(redis, '~7.4')).toBe('closed');
    expect(status(redis, '[7.4,8.0)')).toBe('closed');
    expect(status(redis, '[7.0,)')).toBe('unknown');
    expect(status(redis, '8.0.0 - 8.2.0')).toBe('open');
    expect(status(redis, '< 7.4')).toBe('open');
    expect(status(redis, '${redis.version}')).toBe('unknown');
  });
  it('reads image tags as version prefixes', () => {
    expect(spanStatus(redis, tagSpans('7.4.2-alpine'))).toBe('closed');
    expect(spanStatus(redis, tagSpans('7'))).toBe('unknown');
    expect(spanStatus(redis, tagSpans('7.2-bookworm'))).toBe('open');
    expect(spanStatus(redis, tagSpans('latest'))).toBe('unknown');
    expect(spanStatus(redis, tagSpans(undefined))).toBe('unknown');
    expect(spanStatus(undefined, tagSpans(undefined))).toBe('closed');
  });
});

describe('robustness', () => {
  const kinds: ManifestKind[] = ['package.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'requirements.txt', 'pyproject.toml', 'Pipfile', 'Pipfile.lock', 'poetry.lock', 'pom.xml', 'build.gradle', 'libs.versions.toml', 'go.mod', 'Gemfile', 'Gemfile.lock', 'composer.json', 'composer.lock', 'mix.exs', 'mix.lock', 'csproj', 'packages.config', 'pubspec.yaml', 'pubspec.lock', 'docker-compose', 'Dockerfile', 'helm-values', 'Chart.yaml', 'kubernetes'];
  it('never throws, and every dependency has a name and a line inside the file', () => {
    const fragments = fc.constantFrom('{', '}', '[', ']', '"', "'", ':', '=', '\n', '  ', '#', '//', '/*', '<!--', '-->', '<dependency>', '</dependency>', 'image: ', 'FROM ', 'gem ', 'require (', ')', 'mongo', '@', '^2.0', '${X}', '\\', 'dependencies', '[[package]]', 'name = "x"', 'version', '{:x, "1"}');
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.array(fragments, { maxLength: 60 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(fc.constantFrom(...kinds), text, (kind, input) => {
        const parsed = parseManifest('x', input, kind);
        const lineCount = input.split('\n').length;
        for (const dependency of parsed?.dependencies ?? []) {
          if (dependency.name === '' || dependency.line < 1 || dependency.line > lineCount) return false;
        }
        return parsed !== undefined;
      }),
      { numRuns: 400 },
    );
  });
  it('never throws on version specifications', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (spec) => {
      const spans = versionSpans(spec);
      return spans === undefined || spans.every((s) => Array.isArray(s.low));
    }), { numRuns: 500 });
  });
});

describe('scopes and uses the indicator-4 rule relies on (issue 14 §2)', () => {
  it('reads Maven provided and system scopes as build-only', () => {
    const pom = '<project><dependencies>\n<dependency><groupId>a</groupId><artifactId>p</artifactId><scope>provided</scope></dependency>\n<dependency><groupId>a</groupId><artifactId>r</artifactId></dependency>\n</dependencies></project>\n';
    expect(summary('pom.xml', pom)).toEqual(['a:p - build 2', 'a:r - runtime 3']);
  });
  it('marks version-catalog entries as names, not uses, and resolves the uses of build scripts and convention plugins', async () => {
    const { resolveCatalogs } = await import('../src/manifests/index.js');
    const catalog = parseManifest('gradle/libs.versions.toml', '[versions]\nloc = "21.3.0"\n[libraries]\nplay-services-location = { module = "com.google.android.gms:play-services-location", version.ref = "loc" }\nfirebase_analytics = "com.google.firebase:firebase-analytics:22.0.0"\n[bundles]\ngms = ["play-services-location"]\n');
    const script = parseManifest('feature/map/build.gradle.kts', 'dependencies {\n  implementation(libs.play.services.location)\n  testImplementation(libs.bundles.gms)\n  implementation(project(":core"))\n}\n');
    const plugin = parseManifest('build-logic/convention/src/main/kotlin/Firebase.kt', 'dependencies {\n  "implementation"(libs.findLibrary("firebase-analytics").get())\n}\n');
    expect(plugin?.kind).toBe('gradle-convention');
    expect(catalog?.dependencies.every((d) => d.catalogAccessor !== undefined)).toBe(true);
    expect(catalog?.dependencies.map((d) => d.catalogAccessor)).toEqual(['libs.play.services.location', 'libs.firebase.analytics']);
    if (!catalog || !script || !plugin) throw new Error('not parsed');
    const [, usedScript, usedPlugin] = resolveCatalogs([catalog, script, plugin]);
    expect(usedScript?.dependencies.map((d) => `${d.name} ${d.version} ${d.scope} ${d.line}`)).toEqual(['com.google.android.gms:play-services-location 21.3.0 runtime 2', 'com.google.android.gms:play-services-location 21.3.0 test 3']);
    expect(usedScript?.dependencies[0]?.fromCatalog).toEqual({ path: 'gradle/libs.versions.toml', line: 4 });
    expect(usedPlugin?.dependencies.map((d) => `${d.name} ${d.scope} ${d.line}`)).toEqual(['com.google.firebase:firebase-analytics runtime 2']);
  });
  it('marks compose services under a profile and Helm sections with enabled: false as off by default', () => {
    const compose = parseManifest('docker-compose.yml', 'services:\n  db:\n    image: "postgres:16"\n  search:\n    profiles: [search]\n    image: elasticsearch:8.10.2\n');
    expect(compose?.dependencies.map((d) => `${d.name}:${d.version} ${d.line} ${d.offByDefault === true}`)).toEqual(['postgres:16 3 false', 'elasticsearch:8.10.2 6 true']);
    const values = parseManifest('values.yaml', 'image:\n  repository: example/app\n  tag: "1.0"\nredis:\n  enabled: false\n  master:\n    image:\n      repository: bitnami/redis\n      tag: 7.4.1\n');
    expect(values?.dependencies.map((d) => `${d.name} ${d.offByDefault === true}`)).toEqual(['example/app false', 'bitnami/redis true']);
  });
});

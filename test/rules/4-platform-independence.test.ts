import { describe, it, expect } from 'vitest';
import { RuleTester, runRuleCase } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/4-platform-independence/index.js';
import { closedComponentsDeclared as closedComponentsDeclaredDraft } from '../../rules/4-platform-independence/closed-components-declared.js';
import { coreTechnologiesOpen as coreTechnologiesOpenDraft } from '../../rules/4-platform-independence/core-technologies-open.js';
import { dependenciesOpen as dependenciesOpenDraft } from '../../rules/4-platform-independence/dependencies-open.js';
import { KNOWN_CLOSED, knownClosed, matchDependency, movingTagRelease, parseTechnology, versionStatus } from '../../rules/lib/known-closed.js';
import { checkCandidate } from '../../src/engine/check.js';
import { builtIn } from '../rules-support.js';

const closedComponentsDeclared = builtIn(closedComponentsDeclaredDraft);
const coreTechnologiesOpen = builtIn(coreTechnologiesOpenDraft);
const dependenciesOpen = builtIn(dependenciesOpenDraft);

const base: Declaration = { name: 'Example', types: ['software'] };
const pi = (platformIndependence: NonNullable<Declaration['platformIndependence']>): Declaration => ({ ...base, platformIndependence });

describe('indicator 4 rules', () => {
  it('exports both rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-4-01 closed-components-declared', 'dpg-4-02 core-technologies-open', 'dpg-4-03 dependencies-open']);
  });
});

RuleTester.run(closedComponentsDeclared, {
  valid: [
    { name: 'no closed components', declaration: pi({ closedComponents: false }), expect: [{ status: 'pass', messageId: 'noClosed', evidence: 'platformIndependence.closedComponents' }] },
    {
      name: 'closed component with alternatives and migration',
      declaration: pi({ closedComponents: true, components: [{ name: 'Google Maps API', openAlternatives: ['OpenStreetMap', 'MapLibre GL JS'], migration: 'Set MAP_PROVIDER=osm in .env; the map layer is behind an adapter.', evidence: ['https://x.org/docs/maps'] }] }),
      expect: [{ status: 'pass', messageId: 'replaceable', evidence: 'https://x.org/docs/maps' }],
    },
    {
      // harmony's registry answer: the form asked in words, and a reviewer reads the words.
      name: 'closed components told in words only, with substance: left to a reviewer',
      declaration: pi({ closedComponents: true, description: 'Emails are sent via Mailgun API, a subscription-based email delivery service. Since the project uses Flask, flask-mail with any SMTP server can replace it.' }),
      expect: [{
        status: 'pass',
        messageId: 'describedInWords',
        evidence: 'platformIndependence.description',
        message: 'Closed components are declared, and how the solution is independent of them is told in words (26 words in `platformIndependence.description`: "Emails are sent via Mailgun API, a subscription-based email delivery service. Since the project u..."); a reviewer must judge that it shows functional open alternatives. Listing each component in `platformIndependence.components` (name, openAlternatives, migration) would let this check judge them.',
      }],
    },
    {
      // Listed components are judged one by one; the words beside them change nothing.
      name: 'listed components beside a description: the components are judged',
      declaration: pi({ closedComponents: true, description: 'Maps are the only closed part, and the map view has three providers behind one setting.', components: [{ name: 'Google Maps API', openAlternatives: ['MapLibre GL JS'], migration: 'Set MAP_PROVIDER=maplibre.' }] }),
      expect: [{ status: 'pass', messageId: 'replaceable' }],
    },
  ],
  invalid: [
    {
      // Issue 10: component evidence was never checked, and a missing or escaping path was even listed as evidence.
      name: 'component evidence that escapes the tree or is missing is a gap, and no evidence of the pass',
      declaration: pi({ closedComponents: true, components: [{ name: 'Google Maps API', openAlternatives: ['OpenStreetMap'], migration: 'Set MAP_PROVIDER=osm in .env; the map layer is behind an adapter.', evidence: ['../../etc/passwd', 'docs/maps.md'] }] }),
      files: { 'README.md': '# Clinic\n' },
      expect: [
        { status: 'pass', messageId: 'replaceable' },
        { status: 'gap', messageId: 'linkNotFound', evidence: 'platformIndependence.components[0].evidence[0]', message: /points outside the repository/ },
        { status: 'gap', messageId: 'linkNotFound', evidence: 'platformIndependence.components[0].evidence[1]', message: /docs\/maps\.md is not a file or folder/ },
      ],
    },
    { name: 'no declaration', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'no platformIndependence block', declaration: base, expect: [{ status: 'gap', messageId: 'unanswered', evidence: 'platformIndependence' }] },
    { name: 'core technologies only, question unanswered', declaration: pi({ coreTechnologies: ['Python'] }), expect: [{ status: 'gap', messageId: 'unanswered', evidence: 'platformIndependence.closedComponents' }] },
    { name: 'closed but nothing listed', declaration: pi({ closedComponents: true }), expect: [{ status: 'gap', messageId: 'noneListed' }] },
    {
      // A registry answer that is only a link: its URL's parts are no words of an answer.
      name: 'closed, and a description that is only a link',
      declaration: pi({ closedComponents: true, description: 'https://play.google.com/store/apps/details?id=com.example.client' }),
      expect: [{ status: 'gap', messageId: 'noneListed', evidence: 'platformIndependence.description' }],
    },
    {
      name: 'closed, and a description too short to show anything',
      declaration: pi({ closedComponents: true, description: 'We use open source alternatives.' }),
      expect: [{ status: 'gap', messageId: 'noneListed', evidence: 'platformIndependence.description', message: /none is listed \(`platformIndependence\.description` says only "We use open source alternatives\."\): answer/ }],
    },
    {
      name: 'one without alternative, one without migration, one fine',
      declaration: pi({
        closedComponents: true,
        components: [
          { name: 'Oracle Database', openAlternatives: [] },
          { name: 'Firebase', openAlternatives: ['Supabase', 'N/A'] },
          { name: 'Twilio', openAlternatives: ['Jasmin SMS gateway'], migration: 'SMS sending goes through a provider interface; see docs/sms.md.' },
        ],
      }),
      expect: [
        { status: 'fail', messageId: 'noAlternative', evidence: 'platformIndependence.components[0].openAlternatives' },
        { status: 'gap', messageId: 'noMigration', evidence: 'platformIndependence.components[1]' },
        { status: 'pass', messageId: 'replaceable' },
      ],
    },
    {
      // flow-cameroon's answer: "other open source alternatives exists such Couchbase"; Couchbase Server 7+ is BSL.
      name: 'an alternative that is itself closed is a gap; one open alternative beside it is enough',
      declaration: pi({
        closedComponents: true,
        components: [
          { name: 'Firebase', openAlternatives: ['Couchbase'], migration: 'Move the data to Couchbase.' },
          { name: 'Firestore', openAlternatives: ['Couchbase', 'Apache CouchDB'], migration: 'Move the data to CouchDB.' },
        ],
      }),
      expect: [
        { status: 'gap', messageId: 'alternativesClosed', evidence: 'platformIndependence.components[0].openAlternatives', message: /Couchbase \(Business Source License 1\.1/ },
        { status: 'pass', messageId: 'replaceable' },
      ],
    },
  ],
});

describe('closed-components-declared messages', () => {
  it('names the component without an alternative and says a "no" rests on the declaration', async () => {
    const [fail] = await runRuleCase(closedComponentsDeclared, { name: 'f', declaration: pi({ closedComponents: true, components: [{ name: 'Oracle Database', openAlternatives: ['none'] }] }) });
    expect(fail?.status).toBe('fail');
    expect(fail?.message).toContain('Oracle Database');
    const [pass] = await runRuleCase(closedComponentsDeclared, { name: 'p', declaration: pi({ closedComponents: false }) });
    expect(pass?.message).toContain('rests on the declaration');
  });
});

RuleTester.run(coreTechnologiesOpen, {
  valid: [
    { name: 'open stack', declaration: pi({ closedComponents: false, coreTechnologies: ['Python', 'Django', 'PostgreSQL', 'MongoDB Compass'] }), expect: [{ status: 'pass', messageId: 'noneKnownClosed', evidence: 'platformIndependence.coreTechnologies' }] },
    { name: 'nothing declared is n/a', declaration: pi({ closedComponents: false }), expect: [{ status: 'n/a', messageId: 'noCoreTechnologies' }] },
    {
      name: 'open versions of partly closed components',
      declaration: pi({ closedComponents: false, coreTechnologies: ['Redis 8.0', 'elasticsearch:8.16.1', 'Kibana (7.10)', 'mapbox-gl v1.13'] }),
      expect: [{ status: 'pass', messageId: 'openVersion' }, { status: 'pass', messageId: 'openVersion' }, { status: 'pass', messageId: 'openVersion' }, { status: 'pass', messageId: 'openVersion', evidence: 'platformIndependence.coreTechnologies[3]' }],
    },
    {
      name: 'closed and declared among the components',
      declaration: pi({ closedComponents: true, coreTechnologies: ['Node.js', 'MongoDB 7.0'], components: [{ name: 'MongoDB', openAlternatives: ['FerretDB'], migration: 'Point MONGO_URL at FerretDB.' }] }),
      expect: [{ status: 'pass', messageId: 'closedListed', evidence: 'platformIndependence.coreTechnologies[1]' }],
    },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    {
      name: 'closed core technologies while closedComponents is false',
      declaration: pi({ closedComponents: false, coreTechnologies: ['React', 'Firebase', 'Redis 7.4.2', 'Mapbox GL JS 2.15'] }),
      expect: [
        { status: 'fail', messageId: 'closedButDeclaredOpen', evidence: 'platformIndependence.coreTechnologies[1]' },
        { status: 'fail', messageId: 'closedButDeclaredOpen' },
        { status: 'fail', messageId: 'closedButDeclaredOpen', evidence: 'platformIndependence.closedComponents' },
      ],
    },
    {
      name: 'version-less or straddling mentions',
      declaration: pi({ closedComponents: false, coreTechnologies: ['Elasticsearch', 'Redis 7', 'mongodb'] }),
      expect: [{ status: 'gap', messageId: 'versionNeeded' }, { status: 'gap', messageId: 'versionNeeded', evidence: 'platformIndependence.coreTechnologies[1]' }, { status: 'fail', messageId: 'closedButDeclaredOpen' }],
    },
    {
      name: 'closed, but not listed or not answered',
      declaration: pi({ closedComponents: true, coreTechnologies: ['Firestore'], components: [{ name: 'Google Maps', openAlternatives: ['OpenStreetMap'] }] }),
      expect: [{ status: 'gap', messageId: 'closedNotListed' }],
    },
    { name: 'question unanswered', declaration: pi({ coreTechnologies: ['MongoDB Atlas'] }), expect: [{ status: 'gap', messageId: 'closedUnanswered' }] },
  ],
});

describe('core-technologies-open messages and matching', () => {
  it('cites the guide\'s licence and alternatives', async () => {
    const [finding] = await runRuleCase(coreTechnologiesOpen, { name: 'm', declaration: pi({ closedComponents: false, coreTechnologies: ['MongoDB'] }) });
    expect(finding?.message).toContain('SSPL');
    expect(finding?.message).toContain('FerretDB (Apache-2.0)');
    expect(finding?.message).toContain('platform-independence guide');
  });

  it('asks for the version with an example', async () => {
    const [finding] = await runRuleCase(coreTechnologiesOpen, { name: 'v', declaration: pi({ closedComponents: false, coreTechnologies: ['Redis'] }) });
    expect(finding?.message).toContain('e.g. "Redis 8"');
    expect(finding?.message).toContain('platformIndependence.coreTechnologies[0]');
  });

  it('matches whole names only', () => {
    expect(knownClosed(parseTechnology('MongoDB'))?.id).toBe('mongodb');
    expect(knownClosed(parseTechnology('  mongodb   community server ')) ?.id).toBe('mongodb');
    expect(knownClosed(parseTechnology('MongoDB Compass'))).toBeUndefined();
    expect(knownClosed(parseTechnology('Redis client for Python'))).toBeUndefined();
    expect(knownClosed(parseTechnology('Firebase Cloud Messaging'))?.id).toBe('firebase');
    expect(knownClosed(parseTechnology('Elasticsearch-py'))).toBeUndefined();
  });

  it('parses versions in the usual spellings', () => {
    expect(parseTechnology('Redis 7.4.2')).toMatchObject({ name: 'redis', version: [7, 4, 2] });
    expect(parseTechnology('redis:7.4')).toMatchObject({ name: 'redis', version: [7, 4] });
    expect(parseTechnology('Mapbox GL JS v2')).toMatchObject({ name: 'mapbox gl js', version: [2] });
    expect(parseTechnology('Kibana (8.x)')).toMatchObject({ name: 'kibana', version: [8] });
    expect(parseTechnology('Python 3')).toMatchObject({ name: 'python', version: [3] });
    expect(parseTechnology('Elasticsearch')).toEqual({ text: 'Elasticsearch', name: 'elasticsearch' });
  });

  it('decides versions by the guide\'s ranges', () => {
    const es = KNOWN_CLOSED.find((c) => c.id === 'elasticsearch');
    const redis = KNOWN_CLOSED.find((c) => c.id === 'redis');
    const mapbox = KNOWN_CLOSED.find((c) => c.id === 'mapbox-gl-js');
    if (!es || !redis || !mapbox) throw new Error('table entries missing');
    expect(versionStatus(es, [7, 10])).toBe('open');
    expect(versionStatus(es, [7, 11])).toBe('closed');
    expect(versionStatus(es, [8, 15, 3])).toBe('closed');
    expect(versionStatus(es, [8, 16])).toBe('open');
    expect(versionStatus(es, [8])).toBe('unknown');
    expect(versionStatus(es, undefined)).toBe('unknown');
    expect(versionStatus(redis, [7, 4])).toBe('closed');
    expect(versionStatus(redis, [7, 2, 5])).toBe('open');
    expect(versionStatus(redis, [7])).toBe('unknown');
    expect(versionStatus(redis, [8])).toBe('open');
    const pulls = (image: string, tag?: string): string | undefined => movingTagRelease(redis, image, tag)?.release;
    expect([pulls('redis'), pulls('redis', 'latest'), pulls('redis', 'alpine'), pulls('redis', 'alpine3.23'), pulls('redis', 'trixie'), pulls('redis', '8-alpine')]).toEqual(Array(6).fill('8.10.1'));
    expect([pulls('redis', '7'), pulls('redis', '7-alpine3.21'), pulls('redis', '7-bookworm'), pulls('redis', '6')]).toEqual(['7.4.11', '7.4.11', '7.4.11', '6.2.24']);
    expect([pulls('redis', '7.4.2'), pulls('redis', '7-rc'), pulls('redis', 'alpine@sha256:abc'), pulls('redis', '${TAG}'), pulls('redis', 'edge'), pulls('bitnami/redis', 'latest'), pulls('redis', 'constructor')]).toEqual(Array(7).fill(undefined));
    expect(movingTagRelease(es, 'elasticsearch', undefined)).toBeUndefined();
    expect(versionStatus(mapbox, [1, 13])).toBe('open');
    expect(versionStatus(mapbox, [3])).toBe('closed');
  });
});

// ---------------------------------------------------------------------------
// dpg-4-03 dependencies-open: manifests, lockfiles and container files across the tree.

const FIXTURES = 'fixtures/candidates-deps';
const ALTERNATIVES: Declaration = {
  ...base,
  platformIndependence: {
    closedComponents: true,
    components: [
      { name: 'MongoDB', openAlternatives: ['FerretDB'], migration: 'Point MONGO_URL at FerretDB.' },
      { name: 'Firebase', openAlternatives: ['Supabase'], migration: 'Set AUTH_PROVIDER=supabase.' },
    ],
  },
};

describe('the closed-components table', () => {
  it('gives every entry its licence sources, open alternatives and who suggests them', () => {
    for (const component of KNOWN_CLOSED) {
      expect(component.sources?.length, component.id).toBeGreaterThan(0);
      for (const source of component.sources ?? []) expect(source, component.id).toMatch(/^https:\/\//);
      expect(component.alternatives.length, component.id).toBeGreaterThan(0);
      expect(['DPGA platform-independence guide', 'dpg-check'], component.id).toContain(component.alternativesFrom);
      expect(component.detect?.length, `${component.id} detects nothing`).toBeGreaterThan(0);
    }
  });
  it('keeps the guide\'s components and alternatives', () => {
    const byId = new Map(KNOWN_CLOSED.map((c) => [c.id, c]));
    for (const id of ['mongodb', 'firebase', 'elasticsearch', 'kibana', 'redis', 'mapbox-gl-js']) expect(byId.get(id)?.alternativesFrom, id).toBe('DPGA platform-independence guide');
    expect(byId.get('mongodb')?.alternatives).toContain('FerretDB (Apache-2.0)');
    expect(byId.get('firebase')?.alternatives).toContain('Supabase (Apache-2.0)');
  });
  it('names no package twice', () => {
    const seen = new Map<string, string>();
    for (const component of KNOWN_CLOSED) {
      for (const group of [...(component.detect ?? []), ...(component.drivers?.detect ?? [])]) {
        for (const name of group.names) {
          const key = `${group.ecosystem} ${name.toLowerCase()}`;
          expect(seen.get(key), `${key} in ${component.id} and ${seen.get(key)}`).toBeUndefined();
          seen.set(key, component.id);
        }
      }
    }
  });
});

describe('matching dependencies to the table', () => {
  const id = (ecosystem: Parameters<typeof matchDependency>[0]['ecosystem'], name: string): string | undefined => {
    const match = matchDependency({ ecosystem, name });
    return match ? `${match.component.id}/${match.role}` : undefined;
  };
  it('matches exact names and vendor namespaces', () => {
    expect(id('docker', 'mongo')).toBe('mongodb/component');
    expect(id('npm', 'mongoose')).toBe('mongodb/driver');
    expect(id('npm', '@firebase/app')).toBe('firebase/component');
    expect(id('maven', 'com.google.firebase:firebase-bom')).toBe('firebase/component');
    expect(id('pypi', 'Firebase_Admin')).toBe('firebase/component');
    expect(id('maven', 'com.google.android.gms:play-services-maps')).toBe('google-maps-platform/component');
    expect(id('maven', 'com.google.android.gms:play-services-location')).toBe('google-play-services/component');
  });
  it('never matches substrings', () => {
    expect(id('packagist', 'predis/predis')).toBeUndefined();
    expect(id('npm', 'redis')).toBeUndefined();
    expect(id('npm', 'ioredis')).toBeUndefined();
    expect(id('npm', 'mongo-sanitize')).toBeUndefined();
    expect(id('docker', 'mongo-express')).toBeUndefined();
    expect(id('npm', '@firebase')).toBeUndefined();
    expect(id('maven', 'com.google.firebaseui:firebase-ui-auth')).toBeUndefined();
    expect(id('npm', 'maplibre-gl')).toBeUndefined();
    expect(id('npm', '@elastic/elasticsearch')).toBeUndefined();
    expect(id('docker', 'opensearchproject/opensearch')).toBeUndefined();
  });
});

RuleTester.run(dependenciesOpen, {
  valid: [
    {
      // divoc, GOFR, harmony, sunbird-rc…: `redis`, `redis:alpine` and `redis:latest` pull the newest release (8.x, AGPL-3.0 option).
      name: 'Redis by moving tags that pull an open release',
      files: {
        'docker-compose.yml': 'services:\n  cache:\n    image: redis\n  queue:\n    image: redis:alpine\n  jobs:\n    image: redis:latest\n  sessions:\n    image: redis:8-alpine3.23\n',
        'redis/Dockerfile': 'FROM redis:trixie\n',
      },
      declaration: base,
      expect: [{ status: 'pass', messageId: 'openVersion', evidence: 'docker-compose.yml' }],
    },
    {
      name: 'false-positive guards: commented-out, dev-only, clients, predis, mapbox-gl 1.x',
      fixture: `${FIXTURES}/false-positives`,
      expect: [{ status: 'pass', messageId: 'openVersion', evidence: 'package.json' }],
    },
    {
      name: 'MongoDB + Firebase declared with FerretDB and Supabase',
      fixture: `${FIXTURES}/mongo-firebase`,
      declaration: ALTERNATIVES,
      expect: [{ status: 'pass', messageId: 'declared', evidence: 'docker-compose.yml' }, { status: 'pass', messageId: 'declared', evidence: 'package.json' }],
    },
    {
      name: 'a MongoDB driver with FerretDB among the core technologies',
      files: { 'requirements.txt': 'pymongo==4.7.2\n' },
      declaration: pi({ closedComponents: false, coreTechnologies: ['Python', 'FerretDB 1.22'] }),
      expect: [{ status: 'pass', messageId: 'driverAlternative', evidence: 'requirements.txt' }],
    },
    {
      name: 'open dependencies only, vendored trees and docs sites left out',
      files: {
        'package.json': '{ "dependencies": { "express": "^4.19.2" } }',
        'node_modules/firebase/package.json': '{ "name": "firebase", "dependencies": { "@firebase/app": "0.10.0" } }',
        'vendor/github.com/x/go.mod': 'module x\nrequire go.mongodb.org/mongo-driver v1.15.0\n',
        'website/package.json': '{ "dependencies": { "algoliasearch": "^4.0.0" } }',
        '.devcontainer/docker-compose.yml': 'services:\n  db:\n    image: mongo\n',
      },
      declaration: base,
      expect: [{ status: 'pass', messageId: 'noneFound', evidence: 'package.json' }],
    },
    {
      // sunbird-rc: each pom with the SQL Server driver ("Include this dependency for MSSQL Server support") has PostgreSQL's too.
      name: 'a SQL Server driver beside the PostgreSQL driver in every manifest that has it',
      files: {
        'registry/pom.xml': '<project>\n  <dependencies>\n    <dependency>\n      <groupId>org.postgresql</groupId>\n      <artifactId>postgresql</artifactId>\n    </dependency>\n    <dependency>\n      <groupId>com.microsoft.sqlserver</groupId>\n      <artifactId>mssql-jdbc</artifactId>\n      <version>12.6.1.jre11</version>\n    </dependency>\n  </dependencies>\n</project>\n',
        'worker/package.json': '{ "dependencies": { "mssql": "^10.0.0", "pg": "^8.11.0" } }',
      },
      declaration: base,
      expect: [{ status: 'pass', messageId: 'driverBesideOpen', evidence: 'registry/pom.xml', message: /org\.postgresql:postgresql at registry\/pom\.xml:5 and pg at worker\/package\.json:1\. Microsoft SQL Server is one of the databases the solution supports, and PostgreSQL its open way/ }],
    },
    { name: 'no manifests', files: { 'README.md': '# x\n' }, declaration: base, expect: [{ status: 'n/a', messageId: 'noManifests' }] },
    {
      // openfisca-core: pyproject.toml holds tool settings; nothing earns "none of the 0 dependencies is closed".
      name: 'a manifest that declares no dependency',
      files: { 'pyproject.toml': '[tool.black]\ntarget-version = ["py311"]\n', 'setup.py': 'setup(install_requires=general_requirements)\n' },
      declaration: base,
      expect: [{ status: 'n/a', messageId: 'noDependencies', evidence: 'pyproject.toml' }],
    },
    { name: 'declaration only', files: {}, declaration: base, expect: [{ status: 'n/a', messageId: 'noRepository' }] },
    {
      name: 'Redis and Elasticsearch at open versions, exact lockfile versions deciding over ranges',
      files: {
        'compose.yaml': 'services:\n  cache:\n    image: redis:8.0.2\n  search:\n    image: elasticsearch:8.16.1\n  old:\n    image: docker.io/library/elasticsearch:7.10.2\n',
        'package.json': '{ "dependencies": { "mapbox-gl": "*" } }',
        'package-lock.json': '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {\n      "name": "x"\n    },\n    "node_modules/mapbox-gl": {\n      "version": "1.13.3"\n    }\n  }\n}\n',
      },
      declaration: base,
      expect: [{ status: 'pass', messageId: 'openVersion', evidence: 'compose.yaml' }, { status: 'pass', messageId: 'openVersion' }, { status: 'pass', messageId: 'openVersion', evidence: 'package-lock.json' }],
    },
  ],
  invalid: [
    {
      // kotani-pay's pattern: firebase-admin stays in the root package.json after a move to MongoDB; nothing imports it.
      name: 'a closed npm package no own script imports (only a test does)',
      files: {
        'package.json': '{ "name": "pay", "dependencies": { "firebase-admin": "^10.2.0", "express": "^4.19.2" } }',
        'src/app.ts': "import express from 'express';\n// export * from './firebase';\nexpress().listen(3000);\n",
        'test/app.test.ts': "import admin from 'firebase-admin';\nadmin.initializeApp();\n",
      },
      declaration: base,
      expect: [{ status: 'gap', messageId: 'mayBeOptional', evidence: 'package.json' }],
    },
    {
      name: 'a closed npm package an own script imports, by a subpath',
      files: {
        'package.json': '{ "name": "pay", "dependencies": { "firebase-admin": "^10.2.0" } }',
        'src/auth.js': "const { getAuth } = require(\"firebase-admin/auth\");\nmodule.exports = getAuth;\n",
      },
      declaration: base,
      expect: [{ status: 'fail', messageId: 'closedUndeclared', evidence: 'package.json' }],
    },
    {
      // geomancer's README: "Ability to switch out data warehouses (BigQuery, SQLite, PostgreSQL (*In Progress*))".
      name: 'a closed service the README names beside an open alternative',
      files: {
        'requirements.in': 'google-cloud-bigquery[pandas,pyarrow]\nsqlalchemy\n',
        'README.md': '# Geo\n\nBigQuery is where the features are computed.\n\n- Ability to switch out data warehouses (BigQuery, SQLite, PostgreSQL (*In Progress*))\n',
      },
      declaration: base,
      expect: [{ status: 'gap', messageId: 'alternativeInReadme', evidence: 'README.md', message: /README\.md line 5 names it beside PostgreSQL/ }],
    },
    {
      // The alternative must be on the line that names the component; a word containing it is not it.
      name: 'the README names the closed service and an open one on different lines, or inside another word',
      files: {
        'requirements.in': 'google-cloud-bigquery\n',
        'README.md': '# Geo\n\nResults are loaded into BigQuery (see bigquery-postgresqlish-adapter).\n\nThe demo dashboard reads PostgreSQL.\n',
      },
      declaration: base,
      expect: [{ status: 'fail', messageId: 'closedUndeclared', evidence: 'requirements.in' }],
    },
    {
      // The search once stopped a subpath at its first "s" ("\\s" in a template literal is "s").
      name: 'a closed npm package an own script imports, by a subpath with an "s" in it',
      files: {
        'package.json': '{ "name": "pay", "dependencies": { "firebase-admin": "^10.2.0" } }',
        'src/store.js': "const { getFirestore } = require('firebase-admin/firestore');\nmodule.exports = getFirestore;\n",
      },
      declaration: base,
      expect: [{ status: 'fail', messageId: 'closedUndeclared', evidence: 'package.json' }],
    },
    {
      // aam-digital's pattern: Firebase set up, and used for push notifications only.
      name: 'Firebase imported only as its set-up and its messaging module',
      files: {
        'package.json': '{ "name": "app", "dependencies": { "@angular/fire": "^19.0.0", "firebase": "^11.0.0", "@angular/core": "^19.0.0" } }',
        'src/app/app.module.ts': "import { AngularFireModule } from \"@angular/fire/compat\";\nexport const imports = [AngularFireModule];\n",
        'src/app/notifications/notification.service.ts': "import { AngularFireMessaging } from '@angular/fire/compat/messaging';\nexport class Notifications { constructor(readonly m: AngularFireMessaging) {} }\n",
      },
      declaration: { ...base, platformIndependence: { closedComponents: false } },
      expect: [{ status: 'gap', messageId: 'mayBeOptional', evidence: 'package.json', message: /imported only as `@angular\/fire\/compat` and `@angular\/fire\/compat\/messaging`: for push notifications, which an app runs without/ }],
    },
    {
      // The trap: the same set-up with Firestore as the app's store is mandatory.
      name: 'Firebase imported for its messaging and its database',
      files: {
        'package.json': '{ "name": "app", "dependencies": { "@angular/fire": "^19.0.0", "firebase": "^11.0.0" } }',
        'src/app/app.module.ts': "import { AngularFireModule } from '@angular/fire/compat';\nimport { getFirestore } from 'firebase/firestore';\nexport const db = getFirestore;\n",
        'src/app/notifications/notification.service.ts': "import { AngularFireMessaging } from '@angular/fire/compat/messaging';\nexport const m = AngularFireMessaging;\n",
      },
      declaration: { ...base, platformIndependence: { closedComponents: false } },
      expect: [{ status: 'fail', messageId: 'closedDeclaredOpen', evidence: 'package.json' }],
    },
    {
      // uwazi's pattern: a Google Maps loader beside Leaflet, whose tiles come from a provider chosen in the settings.
      name: 'a Google Maps loader beside Leaflet in the same manifest',
      files: {
        'package.json': '{ "name": "docs", "dependencies": {\n  "@googlemaps/js-api-loader": "^1.16.8",\n  "leaflet": "^1.9.4"\n} }',
        'app/Map.tsx': "import { Loader } from '@googlemaps/js-api-loader';\nimport L from 'leaflet';\nexport const map = [Loader, L];\n",
      },
      declaration: { ...base, platformIndependence: { closedComponents: false } },
      expect: [{ status: 'gap', messageId: 'mayBeOptional', evidence: 'package.json', message: /beside leaflet at package\.json:3 \(Leaflet, open\), which the solution may use instead/ }],
    },
    {
      // openrims' pattern: google-map-react, a React map over the Google Maps JavaScript API alone.
      name: 'google-map-react as the map of a React app',
      files: {
        'package.json': '{ "name": "app", "dependencies": { "google-map-react": "^2.2.1", "react": "^18.2.0" } }',
        'src/Map.jsx': "import GoogleMapReact from 'google-map-react';\nexport const Map = GoogleMapReact;\n",
      },
      declaration: { ...base, platformIndependence: { closedComponents: false } },
      expect: [{ status: 'fail', messageId: 'closedDeclaredOpen', evidence: 'package.json', message: /Google Maps Platform/ }],
    },
    {
      // The trap: Leaflet only as a development dependency (a storybook) is no way the solution runs.
      name: 'a Google Maps loader beside Leaflet as a development dependency only',
      files: {
        'package.json': '{ "name": "docs", "dependencies": { "@googlemaps/js-api-loader": "^1.16.8" }, "devDependencies": { "leaflet": "^1.9.4" } }',
        'app/Map.tsx': "import { Loader } from '@googlemaps/js-api-loader';\nexport const map = Loader;\n",
      },
      declaration: { ...base, platformIndependence: { closedComponents: false } },
      expect: [{ status: 'fail', messageId: 'closedDeclaredOpen', evidence: 'package.json' }],
    },
    {
      // mojaloop central-ledger's pattern: MongoDB in the root compose file, off in the application's default configuration.
      name: 'a closed compose service the default configuration turns off',
      files: {
        'docker-compose.yml': 'services:\n  ledger:\n    build: .\n  objstore:\n    image: mongo:latest\n',
        'config/default.json': '{\n  "PORT": 3001,\n  "MONGODB": {\n    "DISABLED": true,\n    "HOST": "objstore"\n  }\n}\n',
      },
      declaration: { ...base, platformIndependence: { closedComponents: false } },
      expect: [{ status: 'gap', messageId: 'mayBeOptional', evidence: 'docker-compose.yml', message: /turned off in the application's default configuration \(config\/default\.json:4, `MONGODB\.DISABLED: true`\)/ }],
    },
    {
      // The traps: a block that turns it on, and another service's switch, leave the compose service mandatory.
      name: 'a closed compose service the default configuration leaves on',
      files: {
        'docker-compose.yml': 'services:\n  ledger:\n    build: .\n  objstore:\n    image: mongo:latest\n',
        'config/default.yaml': 'mongodb:\n  disabled: false\n  host: objstore\nkafka:\n  enabled: false\n',
      },
      declaration: { ...base, platformIndependence: { closedComponents: false } },
      expect: [{ status: 'fail', messageId: 'closedDeclaredOpen', evidence: 'docker-compose.yml' }],
    },
    {
      // mHero's pattern: MongoDB is the store of a bundled third-party service (an interoperability layer), which
      // the candidate's own service (its image named after the repository) does not use. Not evidently mandatory.
      name: 'a closed compose service only a third-party service uses',
      files: {
        'docker-compose.yml': [
          'services:', '  connector:', '    image: healthorg/connector:1.0', '    environment:', '      APP_PORT: 3002',
          '  mongo-db:', '    container_name: mongo-db', '    image: mongo:latest',
          '  interop:', '    image: thirdparty/interop-core:latest', '    environment:', "      mongo_url: 'mongodb://mongo-db/interop'", '',
        ].join('\n'),
      },
      declaration: { ...base, repositories: [{ url: 'https://github.com/healthorg/connector' }], platformIndependence: { closedComponents: false } },
      expect: [{ status: 'gap', messageId: 'mayBeOptional', evidence: 'docker-compose.yml' }],
    },
    {
      // The same service used by the candidate's own (built) service is mandatory: open-contracting-portal's app depends on it.
      name: 'a closed compose service the candidate\'s own service uses',
      files: {
        'docker-compose.yml': [
          'services:', '  app:', '    build: .', '    depends_on:', '      - mongo',
          '  mongo:', '    image: mongo:8.0', '  interop:', '    image: thirdparty/interop-core:latest', '    links:', '      - mongo', '',
        ].join('\n'),
      },
      declaration: { ...base, repositories: [{ url: 'https://github.com/healthorg/connector' }], platformIndependence: { closedComponents: false } },
      expect: [{ status: 'fail', messageId: 'closedDeclaredOpen', evidence: 'docker-compose.yml' }],
    },
    {
      name: 'MongoDB + Firebase application, not declared',
      fixture: `${FIXTURES}/mongo-firebase`,
      expect: [{ status: 'fail', messageId: 'closedUndeclared', evidence: 'docker-compose.yml' }, { status: 'fail', messageId: 'closedUndeclared', evidence: 'package.json' }],
    },
    {
      name: 'monorepo with nested manifests, declared as having no closed components',
      fixture: `${FIXTURES}/monorepo`,
      expect: [
        { status: 'gap', messageId: 'driverOnly', evidence: 'services/api/requirements.txt' },
        // A service's own compose file is not the main deployment: it asks.
        { status: 'gap', messageId: 'mayBeOptional', evidence: 'services/search/docker-compose.yml' },
        // The main Helm chart deploys Kibana 8.10 (Elastic License / SSPL), declared as having no closed components.
        { status: 'fail', messageId: 'closedDeclaredOpen', evidence: 'deploy/helm/platform/values.yaml' },
        { status: 'pass', messageId: 'openVersion', evidence: 'services/search/docker-compose.yml' },
        // One workspace of several (apps/web): not evidently the core; docs/ with its own package.json is a docs site, left out.
        { status: 'gap', messageId: 'mayBeOptional', evidence: 'apps/web/package.json' },
      ],
    },
    {
      // An unresolved variable is not "no tag" (which pulls `latest`): its version is unknown.
      name: 'Redis tagged by an unset variable, Elasticsearch by Helm chart',
      files: { 'docker-compose.yml': 'services:\n  cache:\n    image: redis:${REDIS_TAG}\n', 'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: elasticsearch\n    version: 8.5.1\n    repository: https://helm.elastic.co\n' },
      declaration: base,
      expect: [{ status: 'gap', messageId: 'versionUnknown', evidence: 'charts/app/Chart.yaml' }, { status: 'gap', messageId: 'versionUnknown', evidence: 'docker-compose.yml' }],
    },
    {
      // iaso: `redis:7` pulls the newest 7.x, 7.4.x, inside the closed range.
      name: 'Redis by a major tag that pulls a closed release',
      files: { 'docker-compose.yml': 'services:\n  app:\n    build: .\n    depends_on: [cache]\n  cache:\n    image: redis:7-alpine\n' },
      declaration: pi({ closedComponents: false }),
      expect: [{ status: 'fail', messageId: 'closedDeclaredOpen', evidence: 'docker-compose.yml' }],
    },
    {
      // A digest pins one build of unknown date; a release candidate, another image's tags and a Helm image map without
      // a tag (the chart's own version) are not what the official image's moving tags pull.
      name: 'Redis tags the moving-tag list does not decide',
      files: {
        'docker-compose.yml': 'services:\n  a:\n    image: redis:alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n  b:\n    image: redis:7-rc\n  c:\n    image: bitnami/redis:7\n',
        'deploy/helm/values.yaml': 'cache:\n  image:\n    repository: redis\n',
      },
      declaration: base,
      expect: [{ status: 'gap', messageId: 'versionUnknown', evidence: 'docker-compose.yml' }],
    },
    {
      // digit: Elasticsearch 6.x (Apache-2.0) in some poms, no version in others: the gap asks about those, and says
      // the versions given are open.
      name: 'Elasticsearch open where a version is given, without one elsewhere',
      files: {
        'pom.xml': '<project><modules><module>ingest</module><module>search</module></modules></project>\n',
        'ingest/pom.xml': '<project>\n<dependencies>\n<dependency>\n<groupId>org.elasticsearch</groupId>\n<artifactId>elasticsearch</artifactId>\n<version>6.6.0</version>\n</dependency>\n</dependencies>\n</project>\n',
        'search/pom.xml': '<project>\n<dependencies>\n<dependency>\n<groupId>org.elasticsearch</groupId>\n<artifactId>elasticsearch</artifactId>\n</dependency>\n</dependencies>\n</project>\n',
      },
      declaration: base,
      expect: [{
        status: 'gap', messageId: 'versionUnknown', evidence: 'search/pom.xml',
        message: /^Elasticsearch is a dependency \(search\/pom\.xml:5 \(org\.elasticsearch:elasticsearch\)\), but no version there shows .* The versions given elsewhere are open: ingest\/pom\.xml:5 \(org\.elasticsearch:elasticsearch 6\.6\.0\)\./,
      }],
    },
    {
      name: 'declared without an open alternative',
      files: { 'pubspec.yaml': 'name: app\ndependencies:\n  firebase_core: ^2.31.0\n  cloud_firestore: ^4.17.0\n' },
      declaration: pi({ closedComponents: true, components: [{ name: 'Cloud Firestore', openAlternatives: [] }] }),
      expect: [{ status: 'fail', messageId: 'declaredNoAlternative', evidence: 'platformIndependence.components[0].openAlternatives' }],
    },
    {
      name: 'declared with an alternative that is closed itself',
      files: { 'pubspec.yaml': 'name: app\ndependencies:\n  firebase_core: ^2.31.0\n  cloud_firestore: ^4.17.0\n' },
      declaration: pi({ closedComponents: true, components: [{ name: 'Firebase', openAlternatives: ['Couchbase'], migration: 'Move the data to Couchbase.' }] }),
      expect: [{ status: 'gap', messageId: 'declaredClosedAlternative', evidence: 'platformIndependence.components[0].openAlternatives', message: /closed themselves: Couchbase/ }],
    },
    {
      name: 'a MongoDB driver and no server in the repository',
      files: { 'go.mod': 'module x\n\ngo 1.22\n\nrequire go.mongodb.org/mongo-driver v1.15.0\n' },
      declaration: base,
      expect: [{ status: 'gap', messageId: 'driverOnly', evidence: 'go.mod' }],
    },
    {
      // The open driver must be beside the closed one in each manifest: a service of its own on SQL Server needs it.
      name: 'a SQL Server driver in a manifest without an open database driver, though another manifest has one',
      files: {
        'api/package.json': '{ "dependencies": { "pg": "^8.11.0" } }',
        'reports/package.json': '{ "dependencies": { "mssql": "^10.0.0" } }',
        'tools/package.json': '{ "devDependencies": { "pg": "^8.11.0" }, "dependencies": { "tedious": "^18.0.0" } }',
      },
      declaration: base,
      expect: [{ status: 'gap', messageId: 'driverOnly', evidence: 'reports/package.json' }],
    },
    {
      name: 'closed components in every ecosystem',
      files: {
        'app/build.gradle.kts': 'dependencies {\n    implementation(platform("com.google.firebase:firebase-bom:33.1.0"))\n    implementation("com.google.firebase:firebase-firestore")\n    implementation("com.google.android.gms:play-services-location:21.3.0")\n}\n',
        'web/Gemfile': "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'algoliasearch-rails'\ngroup :test do\n  gem 'aws-sdk-dynamodb'\nend\n",
        'api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <PackageReference Include="Auth0.AspNetCore.Authentication" Version="1.4.1" />\n  </ItemGroup>\n</Project>\n',
        'sms/mix.exs': 'defmodule Sms.MixProject do\n  use Mix.Project\n  defp deps do\n    [\n      {:jason, "~> 1.4"},\n      # {:ex_twilio, "~> 0.10"}\n    ]\n  end\nend\n',
        'notify/pom.xml': '<project>\n  <dependencies>\n    <dependency>\n      <groupId>com.twilio.sdk</groupId>\n      <artifactId>twilio</artifactId>\n      <version>${twilio.version}</version>\n    </dependency>\n  </dependencies>\n</project>\n',
      },
      declaration: base,
      expect: [
        // Firestore in the main app module is mandatory; Play services and a Twilio channel ask whether they are.
        { status: 'fail', messageId: 'closedUndeclared', evidence: 'app/build.gradle.kts' },
        { status: 'gap', messageId: 'mayBeOptional', evidence: 'app/build.gradle.kts' },
        { status: 'gap', messageId: 'mayBeOptional', evidence: 'notify/pom.xml' },
        { status: 'fail', messageId: 'closedUndeclared', evidence: 'web/Gemfile' },
        { status: 'fail', messageId: 'closedUndeclared', evidence: 'api/Api.csproj' },
      ],
    },
    {
      name: 'a manifest that cannot be parsed',
      files: { 'package.json': '{ "dependencies": { "firebase": "^10" ', 'Dockerfile': 'ARG MONGO_TAG=7.0\nFROM mongo:${MONGO_TAG}\n' },
      declaration: base,
      expect: [{ status: 'gap', messageId: 'unparsable', evidence: 'package.json' }, { status: 'fail', messageId: 'closedUndeclared', evidence: 'Dockerfile' }],
    },
  ],
});

describe('dependencies-open messages', () => {
  it('names both files with lines and the DPGA\'s alternatives', async () => {
    const findings = await runRuleCase(dependenciesOpen, { name: 'm', fixture: `${FIXTURES}/mongo-firebase` });
    const [mongo, firebase] = findings;
    expect(mongo?.message).toContain('docker-compose.yml:9 (mongo:7.0)');
    expect(mongo?.message).toContain('FerretDB (Apache-2.0)');
    expect(mongo?.message).toContain('DPGA\'s platform-independence guide');
    expect(firebase?.message).toContain('package.json:8 (firebase ^10.12.0)');
    expect(firebase?.message).toContain('package.json:9 (firebase-admin ^12.1.0)');
    expect(firebase?.message).toContain('Supabase (Apache-2.0)');
    expect(firebase?.evidence).toContainEqual({ kind: 'file', path: 'package.json', line: 8, excerpt: '"firebase": "^10.12.0",' });
  });
  it('names the release a moving tag pulls, where that comes from, and that it moves', async () => {
    const [open] = await runRuleCase(dependenciesOpen, { name: 'm', files: { 'docker-compose.yml': 'services:\n  cache:\n    image: redis\n  queue:\n    image: redis:alpine\n' }, declaration: base });
    expect(open?.message).toContain('docker-compose.yml:3 (redis, which pulls 8.10.1) and docker-compose.yml:5 (redis:alpine, which pulls 8.10.1)');
    expect(open?.message).toContain('`redis` (no tag: `latest`) and `redis:alpine` name no fixed release');
    expect(open?.message).toContain('on 2026-08-21 (https://github.com/docker-library/official-images/blob/');
    expect(open?.message).toContain('pin a version to keep one');
    const [closed] = await runRuleCase(dependenciesOpen, { name: 'c', files: { 'docker-compose.yml': 'services:\n  cache:\n    image: redis:7\n' }, declaration: pi({ closedComponents: false }) });
    expect(closed?.message).toContain('docker-compose.yml:3 (redis:7, which pulls 7.4.11)');
    expect(closed?.message).toContain('`redis:7` names no fixed release');
    // Each of these alone still asks: a digest, a release candidate, another image, a Helm image map without a tag.
    const alone = {
      'docker-compose.yml': 'services:\n  a:\n    image: redis:alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
      'compose.yaml': 'services:\n  b:\n    image: redis:7-rc\n',
      'docker/docker-compose.yml': 'services:\n  c:\n    image: bitnami/redis:7\n',
      'deploy/helm/values.yaml': 'cache:\n  image:\n    repository: redis\n',
    };
    for (const [file, text] of Object.entries(alone)) {
      const [finding] = await runRuleCase(dependenciesOpen, { name: file, files: { [file]: text }, declaration: base });
      expect(finding?.messageId, file).toBe('versionUnknown');
    }
    const [pinned] = await runRuleCase(dependenciesOpen, { name: 'p', files: { 'docker-compose.yml': 'services:\n  cache:\n    image: redis:7.2.4\n' }, declaration: base });
    expect(pinned?.messageId).toBe('openVersion');
    expect(pinned?.message).not.toContain('fixed release');
  });
  it('asks for a version in the form found', async () => {
    const [finding] = await runRuleCase(dependenciesOpen, { name: 'v', files: { 'docker-compose.yml': 'services:\n  cache:\n    image: bitnami/redis:latest\n' }, declaration: base });
    expect(finding?.message).toContain('e.g. bitnami/redis:8.0');
    expect(finding?.message).toContain('versions 7.4 up to (not including) 8');
  });
});

describe('indicator 4 on the MongoDB + Firebase fixture', () => {
  it('fails without the alternatives and passes once FerretDB and Supabase are declared', async () => {
    const target = `${FIXTURES}/mongo-firebase`;
    const verdict = (report: Awaited<ReturnType<typeof checkCandidate>>): string | undefined => report.indicators.find((i) => i.id === '4')?.verdict;
    const without = await checkCandidate({ target });
    expect(verdict(without)).toBe('fail');
    const failing = without.findings.filter((f) => f.indicator === '4' && f.status === 'fail').map((f) => f.message).join('\n');
    expect(failing).toContain('docker-compose.yml');
    expect(failing).toContain('package.json');
    const withAlternatives = await checkCandidate({ target, declarationFile: `${target}/dpg-alternatives.yml` });
    expect(verdict(withAlternatives), JSON.stringify(withAlternatives.findings.filter((f) => f.indicator === '4'), null, 1)).toBe('pass');
  });
});

// ---------------------------------------------------------------------------
// Issue 14 §2: what is the candidate's dependency, and what is evidently mandatory.
// Each case is a pattern a real, approved DPG showed (the false fails of a first corpus run).

const closedFalse = pi({ closedComponents: false });

RuleTester.run(dependenciesOpen, {
  valid: [
    {
      // A package only in a lockfile was pulled in by another package (a map widget bringing mapbox-gl 2).
      name: 'mapbox-gl only in yarn.lock and package-lock.json, pulled in by other packages',
      files: {
        'package.json': '{ "dependencies": { "react-map-widgets": "^3.0.0" } }',
        'yarn.lock': 'react-map-widgets@^3.0.0:\n  version "3.1.0"\n\nmapbox-gl@^2.3.0:\n  version "2.4.1"\n',
        'app/package.json': '{ "dependencies": { "kepler-lite": "^1.0.0" } }',
        'app/package-lock.json': '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/mapbox-gl": {\n      "version": "2.6.1"\n    }\n  }\n}\n',
      },
      declaration: base,
      expect: [{ status: 'pass', messageId: 'noneFound', evidence: 'package.json' }],
    },
    {
      name: 'a dev compose file, a test compose file, Maven provided and Gradle debug scopes are tooling',
      files: {
        'docker-compose-dev.yml': 'services:\n  es:\n    image: elasticsearch:7.17.6\n',
        'docker-compose.test.yml': 'services:\n  db:\n    image: mongo:7.0\n',
        'pom.xml': '<project>\n  <dependencies>\n    <dependency>\n      <groupId>com.twilio.sdk</groupId>\n      <artifactId>twilio</artifactId>\n      <version>10.0.0</version>\n      <scope>provided</scope>\n    </dependency>\n  </dependencies>\n</project>\n',
        'android/app/build.gradle': "dependencies {\n    debugImplementation 'com.google.firebase:firebase-firestore:25.0.0'\n    androidTestImplementation 'com.google.android.gms:play-services-location:21.3.0'\n}\n",
      },
      declaration: closedFalse,
      expect: [{ status: 'pass', messageId: 'noneFound', evidence: 'pom.xml' }],
    },
    {
      // "uses Somleng instead of Twilio": an alternative named in a free-text answer is declared.
      name: 'an open alternative named in a free-text answer',
      files: { 'package.json': '{ "dependencies": { "twilio": "^5.0.0", "@googlemaps/js-api-loader": "^1.16.0" } }' },
      declaration: {
        ...base,
        description: 'Sends reminders by SMS; deployments use Somleng instead of Twilio.',
        documentation: { description: 'The map layer supports OpenStreetMap/Leaflet as well as Google Maps.' },
        platformIndependence: { closedComponents: false },
      },
      expect: [{ status: 'pass', messageId: 'alternativeInText', evidence: 'documentation.description' }, { status: 'pass', messageId: 'alternativeInText', evidence: 'description' }],
    },
  ],
  invalid: [
    {
      name: 'a version catalog: the main app module\'s use fails, contrib, feature and convention-plugin uses ask, unused entries are not uses',
      fixture: `${FIXTURES}/android-catalog`,
      expect: [
        { status: 'fail', messageId: 'closedDeclaredOpen', evidence: 'app/build.gradle.kts' },
        { status: 'gap', messageId: 'mayBeOptional', evidence: 'feature/map/build.gradle.kts' },
        { status: 'gap', messageId: 'mayBeOptional', evidence: 'contrib/locationwidget/build.gradle.kts' },
      ],
    },
    {
      // sunbird-rc: `registry-middleware/auth0/` beside `keycloak/`; e-heza: a Drupal custom module; `*-connector` modules.
      name: 'connector and plugin modules ask whether the provider is mandatory',
      files: {
        'middleware/auth0/pom.xml': '<project>\n  <dependencies>\n    <dependency>\n      <groupId>com.auth0</groupId>\n      <artifactId>auth0</artifactId>\n      <version>2.3.0</version>\n    </dependency>\n  </dependencies>\n</project>\n',
        'middleware/keycloak/pom.xml': '<project>\n  <dependencies>\n    <dependency>\n      <groupId>org.keycloak</groupId>\n      <artifactId>keycloak-admin-client</artifactId>\n      <version>24.0.0</version>\n    </dependency>\n  </dependencies>\n</project>\n',
        'algolia-connector/package.json': '{ "dependencies": { "algoliasearch": "^4.23.0" } }',
        'server/modules/custom/sms/composer.json': '{ "require": { "twilio/sdk": "7.16.1" } }',
      },
      declaration: closedFalse,
      expect: [
        { status: 'gap', messageId: 'mayBeOptional', evidence: 'server/modules/custom/sms/composer.json' },
        { status: 'gap', messageId: 'mayBeOptional', evidence: 'algolia-connector/package.json' },
        { status: 'gap', messageId: 'mayBeOptional', evidence: 'middleware/auth0/pom.xml' },
      ],
    },
    {
      // SORMAS, OTTAA: Crashlytics and Analytics in the app are optional telemetry; Firebase Auth in the root pubspec is not.
      name: 'Firebase telemetry asks; Firebase Auth in the root pubspec fails',
      files: {
        'android/app/build.gradle': "dependencies {\n    implementation platform('com.google.firebase:firebase-bom:33.1.0')\n    implementation 'com.google.firebase:firebase-crashlytics:19.0.0'\n    implementation 'com.google.firebase:firebase-analytics-ktx'\n}\n",
        'mobile/pubspec.yaml': 'name: x\ndependencies:\n  firebase_analytics: ^10.0.5\n',
      },
      declaration: closedFalse,
      expect: [{ status: 'gap', messageId: 'mayBeOptional', evidence: 'android/app/build.gradle' }],
    },
    {
      name: 'Firebase Auth and Realtime Database in the root pubspec, declared closed without listing it',
      files: { 'pubspec.yaml': 'name: x\ndependencies:\n  firebase_core: ^2.2.0\n  firebase_auth: ^4.1.2\n  firebase_database: ^10.0.5\n  firebase_crashlytics: ^3.0.5\n' },
      declaration: pi({ closedComponents: true }),
      expect: [{ status: 'fail', messageId: 'closedUndeclared', evidence: 'pubspec.yaml' }],
    },
    {
      // simple, harmony, sempo: Twilio is one SMS channel among several.
      name: 'a Twilio SMS channel in the root Gemfile asks',
      files: { 'Gemfile': "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'twilio-ruby', '~> 5.62'\n", 'Gemfile.lock': 'GEM\n  specs:\n    twilio-ruby (5.71.0)\n' },
      declaration: closedFalse,
      expect: [{ status: 'gap', messageId: 'mayBeOptional', evidence: 'Gemfile' }],
    },
    {
      name: 'services off by default: a compose profile and a Helm section with enabled: false',
      files: {
        'docker-compose.yml': 'services:\n  app:\n    image: example/app:1.0\n  search:\n    image: elasticsearch:8.10.2\n    profiles: ["search"]\n',
        'deploy/helm/values.yaml': 'redis:\n  enabled: false\n  image:\n    repository: bitnami/redis\n    tag: 7.4.1\n',
      },
      declaration: closedFalse,
      expect: [{ status: 'gap', messageId: 'mayBeOptional', evidence: 'docker-compose.yml' }, { status: 'gap', messageId: 'mayBeOptional', evidence: 'deploy/helm/values.yaml' }],
    },
    {
      // Real problems still fail: an SSPL MongoDB server and Redis 7.4 in the main compose file, nothing declared.
      name: 'MongoDB and Redis 7.4 in the main compose file with no alternative',
      files: { 'docker-compose.yml': 'services:\n  redis:\n    image: redis:7.4.1\n  mongo:\n    image: mongo:8.0.3\n', 'docker-compose.dev.yml': 'services:\n  mongo:\n    image: mongo:8.0.3\n' },
      declaration: closedFalse,
      expect: [{ status: 'fail', messageId: 'closedDeclaredOpen', evidence: 'docker-compose.yml' }, { status: 'fail', messageId: 'closedDeclaredOpen', evidence: 'docker-compose.yml' }],
    },
    {
      name: 'an open alternative among the core technologies, not tied to the component: a gap that asks',
      files: { 'docker-compose.yml': 'services:\n  es:\n    image: elasticsearch:7.17.6\n' },
      declaration: pi({ closedComponents: false, coreTechnologies: ['Node.js', 'OpenSearch 2.11'] }),
      expect: [{ status: 'gap', messageId: 'alternativeNamed', evidence: 'platformIndependence.coreTechnologies[1]' }],
    },
  ],
});

describe('dependency scopes and mandatoriness in messages', () => {
  it('says where an optional component was found and why it asks', async () => {
    const findings = await runRuleCase(dependenciesOpen, { name: 'c', fixture: `${FIXTURES}/android-catalog` });
    const [firebase, maps, play] = findings;
    expect(firebase?.message).toContain('app/build.gradle.kts:8 (com.google.firebase:firebase-firestore)');
    expect(maps?.message).toContain('in the module feature/map/');
    expect(play?.message).toContain('contrib/locationwidget/');
    expect(findings.map((f) => f.message).join('\n')).not.toContain('firebase-messaging');
  });
  it('counts lockfile-only matches apart', async () => {
    const [finding] = await runRuleCase(dependenciesOpen, { name: 'l', files: { 'package.json': '{ "dependencies": { "x": "1" } }', 'yarn.lock': 'mapbox-gl@^2.3.0:\n  version "2.4.1"\n' }, declaration: base });
    expect(finding?.message).toContain('only in lockfiles, pulled in by other packages');
  });
});

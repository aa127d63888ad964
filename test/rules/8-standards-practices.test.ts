import { describe, it, expect } from 'vitest';
import { RuleTester, runRuleCase } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/8-standards-practices/index.js';
import { standardsDeclared as standardsDeclaredDraft } from '../../rules/8-standards-practices/standards-declared.js';
import { practicesInRepository as practicesInRepositoryDraft } from '../../rules/8-standards-practices/practices-in-repository.js';
import { standardsInRepository as standardsInRepositoryDraft, detectStandards } from '../../rules/8-standards-practices/standards-in-repository.js';
import { readDependencies, dependencyIs } from '../../rules/lib/dependencies.js';
import { createMemorySnapshot } from '../../src/snapshot/memory.js';
import { builtIn } from '../rules-support.js';

const standardsDeclared = builtIn(standardsDeclaredDraft);
const practicesInRepository = builtIn(practicesInRepositoryDraft);
const standardsInRepository = builtIn(standardsInRepositoryDraft);

const base: Declaration = { name: 'Example', types: ['software'] };

describe('indicator 8 rules', () => {
  it('exports its rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-8-01 standards-declared', 'dpg-8-02 practices-in-repository', 'dpg-8-03 standards-in-repository']);
  });
});

RuleTester.run(standardsDeclared, {
  valid: [
    { name: 'a standard with a validator link', declaration: { ...base, standards: { standards: [{ name: 'HL7 FHIR R4', evidence: ['https://example.org/fhir-validator-report'] }] } }, expect: [{ status: 'pass', messageId: 'declared', evidence: 'standards.standards[0].name' }] },
    {
      name: 'a best practice with evidence in the repository',
      declaration: { ...base, standards: { bestPractices: [{ name: 'Principles for Digital Development', evidence: ['docs/principles.md'] }] } },
      files: { 'docs/principles.md': '# Principles\n' },
      expect: [{ status: 'pass', messageId: 'declared', evidence: 'docs/principles.md' }],
    },
    {
      // "align with relevant standards, best practices, and/or principles": one demonstrated entry meets it; the rest are named in the message.
      name: 'one entry with evidence, one without: a pass naming the one without',
      declaration: { ...base, standards: { standards: [{ name: 'OpenAPI 3.1', evidence: ['https://example.org/openapi.json'] }], bestPractices: [{ name: 'Semantic versioning' }] } },
      expect: [{ status: 'pass', messageId: 'declared' }],
    },
    {
      name: 'a declared standard without a link that the repository shows (a FHIR library)',
      declaration: { ...base, standards: { standards: [{ name: 'FHIR' }] } },
      files: { 'package.json': '{\n  "name": "x",\n  "dependencies": { "fhirclient": "^2" }\n}\n' },
      expect: [{ status: 'pass', messageId: 'declared', evidence: 'package.json' }],
    },
    {
      name: 'a recognised standard named with a link in the README',
      declaration: { ...base, standards: { standards: [{ name: 'DICOM' }] } },
      files: { 'README.md': '# Viewer\n\nReads DICOM studies (https://www.dicomstandard.org/).\n' },
      expect: [{ status: 'pass', messageId: 'declared', evidence: 'README.md' }],
    },
    {
      name: 'a best practice the repository shows (automated tests)',
      declaration: { ...base, standards: { bestPractices: [{ name: 'Automated Testing' }] } },
      files: { 'tests/test_app.py': 'def test_x():\n    assert True\n' },
      expect: [{ status: 'pass', messageId: 'declared', evidence: 'tests/test_app.py' }],
    },
    {
      name: 'the evidence URL written as the name',
      declaration: { ...base, standards: { standards: [{ name: 'https://digital.nhs.uk/dcb0129' }] } },
      expect: [{ status: 'pass', messageId: 'declared', evidence: 'https://digital.nhs.uk/dcb0129' }],
    },
    {
      // reveal: FHIR and PKI linked, and one sentence about log access in each standard's evidence list.
      name: 'a sentence in the evidence lists beside a demonstrated standard: said in the pass',
      declaration: {
        ...base,
        standards: {
          standards: [
            { name: 'HL7 FHIR', evidence: ['https://hl7.org/fhir/R4/', 'Access to logs is restricted to support staff and protected by PKI'] },
            { name: 'PKI', evidence: ['Access to logs is restricted to support staff and protected by PKI'] },
          ],
        },
      },
      files: { 'README.md': '# x\n' },
      expect: [{
        status: 'pass', messageId: 'declared', evidence: 'https://hl7.org/fhir/R4/',
        message: /Described in words where a link was asked for: "Access to logs is restricted to support staff and protected by PKI" \(`standards\.standards\[0\]\.evidence\[1\]` and 1 other entry\)\.$/,
      }],
    },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'nothing declared', declaration: base, expect: [{ status: 'gap', messageId: 'none', evidence: 'standards' }] },
    { name: 'placeholder names only', declaration: { ...base, standards: { standards: [{ name: 'N/A' }] } }, expect: [{ status: 'gap', messageId: 'none' }] },
    {
      // One demonstrated entry meets the indicator: several undemonstrated ones are one question.
      name: 'names only, nothing anywhere: one gap naming every entry',
      declaration: { ...base, standards: { standards: [{ name: 'HL7 FHIR R4' }], bestPractices: [{ name: 'Semantic versioning' }] } },
      files: { 'README.md': '# x\n', 'src/app.py': 'print(1)\n' },
      expect: [{ status: 'gap', messageId: 'noneDemonstrated', evidence: 'standards.standards[0]' }],
    },
    {
      name: 'one name only, nothing anywhere: a gap asking for its evidence',
      declaration: { ...base, standards: { standards: [{ name: 'HL7 FHIR R4' }] } },
      files: { 'README.md': '# x\n', 'src/app.py': 'print(1)\n' },
      expect: [{ status: 'gap', messageId: 'entryNoEvidence', evidence: 'standards.standards[0]' }],
    },
    {
      name: 'evidence path missing',
      declaration: { ...base, standards: { standards: [{ name: 'WCAG 2.1 AA', evidence: ['docs/accessibility-audit.pdf'] }] } },
      files: { 'README.md': '# x\n' },
      expect: [{ status: 'gap', messageId: 'linkNotFound', evidence: 'standards.standards[0].evidence[0]', message: /is not a file or folder of the repository/ }],
    },
    {
      // A wrong path stays a gap, even beside a demonstrated standard: it is a link to fix, not a description.
      name: 'a missing evidence path beside a demonstrated standard',
      declaration: { ...base, standards: { standards: [{ name: 'HL7 FHIR', evidence: ['https://hl7.org/fhir/R4/'] }, { name: 'WCAG 2.1 AA', evidence: ['docs/accessibility-audit.pdf'] }] } },
      files: { 'README.md': '# x\n' },
      expect: [{ status: 'pass', messageId: 'declared' }, { status: 'gap', messageId: 'linkNotFound', evidence: 'standards.standards[1].evidence[0]' }],
    },
    {
      // Registry answers (reveal, sunbird, treejer-protocol): a sentence where a link was asked, the same in every
      // standard's list: one gap, saying it is a description and naming every place.
      name: 'a sentence instead of a link, repeated in each standard',
      declaration: {
        ...base,
        standards: {
          standards: ['HTML', 'CSS', 'JSON'].map((name) => ({ name, evidence: ['W3C VC (our planters are identified by wallet addresses)'] })),
        },
      },
      files: { 'README.md': '# x\n' },
      expect: [{
        status: 'gap', messageId: 'linkNotFoundRepeated', evidence: 'standards.standards[0].evidence[0]',
        message: /^The declared evidence W3C VC \(our planters are identified by wallet addresses\) is a description, not a link to the evidence \(a URL or a repository path\): fix it in `standards\.standards\[0\]\.evidence\[0\]` and in the 2 other entries that repeat it\.$/,
      }],
    },
  ],
});

describe('standards-declared messages', () => {
  it('asks one question of several undemonstrated entries, naming three and counting the rest', async () => {
    const names = ['HL7 FHIR R4', 'ISO 13131:2021', 'Principles for Digital Development', 'Semantic versioning', 'WCAG 2.1'];
    const [finding, ...rest] = await runRuleCase(standardsDeclared, {
      name: 'five',
      declaration: { ...base, standards: { standards: names.slice(0, 2).map((name) => ({ name })), bestPractices: names.slice(2).map((name) => ({ name })) } },
      files: { 'README.md': '# x\n' },
    });
    expect(rest).toEqual([]);
    expect(finding?.message).toContain('None of the 5 declared standards and best practices is demonstrated');
    expect(finding?.message).toContain('"HL7 FHIR R4" (`standards.standards[0]`), "ISO 13131:2021" (`standards.standards[1]`), "Principles for Digital Development" (`standards.bestPractices[0]`) and 2 more');
    expect(finding?.evidence).toHaveLength(5);
  });
  it('names the entries without evidence in the pass, and where the repository shows an entry', async () => {
    const findings = await runRuleCase(standardsDeclared, {
      name: 'mixed',
      declaration: { ...base, standards: { standards: [{ name: 'FHIR' }, { name: 'OpenAPI 3.1', evidence: ['https://example.org/openapi.json'] }], bestPractices: [{ name: 'Semantic versioning' }] } },
      files: { 'package.json': '{\n  "name": "x",\n  "dependencies": { "fhirclient": "^2" }\n}\n' },
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toMatch(/FHIR \(the repository shows it: HL7 FHIR, dependency fhirclient/);
    expect(findings[0]?.message).toMatch(/Named without evidence of adherence: "Semantic versioning" \(`standards.bestPractices\[0\].evidence`\)/);
  });
});

RuleTester.run(practicesInRepository, {
  valid: [
    {
      name: 'every practice visible',
      declaration: base,
      files: {
        '.github/workflows/ci.yml': 'on: push\n',
        'test/app.test.ts': '',
        'CONTRIBUTING.md': '# Contributing\n',
        'CHANGELOG.md': '# Changelog\n',
        '.github/dependabot.yml': 'version: 2\n',
        'eslint.config.js': 'export default [];\n',
        'publiccode.yml': 'publiccodeYmlVersion: "0.4"\n',
      },
      expect: [{ status: 'pass', messageId: 'found', evidence: '.github/workflows/ci.yml' }],
    },
    { name: 'some practices', declaration: null, files: { '.gitlab-ci.yml': 'test:\n  script: make test\n', 'pkg/parse_test.go': 'package pkg\n' }, expect: [{ status: 'pass', messageId: 'foundSome', evidence: '.gitlab-ci.yml' }] },
  ],
  invalid: [
    { name: 'declaration only', declaration: base, files: {}, expect: [{ status: 'gap', messageId: 'noRepository' }] },
    { name: 'no practice visible', declaration: base, files: { 'src/main.py': 'print(1)\n', 'README.md': '# x\n' }, expect: [{ status: 'gap', messageId: 'none' }] },
  ],
});

// ---------------------------------------------------------------------------
// Deeper evidence (issue 7): dependencies read from manifests, standards seen in the repository, CI that runs tests.

const MONOREPO = 'fixtures/candidates-evidence/standards-monorepo';

describe('dependency names from manifests', () => {
  it('reads the main ecosystems with file and line, skipping comments and vendored trees', () => {
    const snapshot = createMemorySnapshot({
      'package.json': '{\n  "name": "x",\n  "dependencies": {\n    "express": "^4"\n  },\n  "devDependencies": { "vitest": "^1", "@axe-core/react": "^4" }\n}\n',
      'api/requirements.txt': '# flask==2.0\nDjango[argon2]>=4.2\n-r base.txt\nfhir.resources==7.0 ; python_version>"3.8"\n',
      'api/pyproject.toml': '[project]\ndependencies = [\n  "FastAPI>=0.110",\n  # "flask",\n]\n[project.optional-dependencies]\ndev = ["pytest>=8"]\n[tool.poetry.dependencies]\npython = "^3.11"\nrequests = "^2"\n',
      'svc/pom.xml': '<dependencies>\n<!-- <dependency><groupId>a</groupId><artifactId>commented</artifactId></dependency> -->\n<dependency>\n<groupId>org.keycloak</groupId>\n<artifactId>keycloak-core</artifactId>\n</dependency>\n</dependencies>\n',
      'svc/build.gradle': "dependencies {\n  implementation 'io.javalin:javalin:6.1.0'\n  // implementation 'org.example:commented:1.0'\n}\n",
      'go/go.mod': 'module x\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n)\n',
      'rb/Gemfile': "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\n# gem 'sinatra'\n",
      'php/composer.json': '{ "require": { "php": ">=8.1", "laravel/framework": "^11" } }\n',
      'ex/mix.exs': 'defp deps do\n  [\n    {:phoenix, "~> 1.7"},\n  ]\nend\n',
      'cs/App.csproj': '<Project><ItemGroup><PackageReference Include="Swashbuckle.AspNetCore" Version="6.5.0" /></ItemGroup></Project>\n',
      'node_modules/x/package.json': '{ "dependencies": { "evil": "1" } }',
      'package-lock.json': '{ "lockfileVersion": 3, "packages": { "node_modules/fastify": { "version": "4.0.0" } } }\n',
    });
    const deps = readDependencies(snapshot);
    const names = deps.map((d) => `${d.ecosystem}:${d.name}`);
    expect(names).toEqual(expect.arrayContaining([
      'npm:express', 'npm:vitest', 'npm:@axe-core/react', 'pypi:django', 'pypi:fhir-resources', 'pypi:fastapi', 'pypi:pytest', 'pypi:requests',
      'maven:org.keycloak:keycloak-core', 'maven:io.javalin:javalin', 'go:github.com/gin-gonic/gin', 'rubygems:rails', 'composer:laravel/framework', 'hex:phoenix', 'nuget:Swashbuckle.AspNetCore',
    ]));
    // Lockfiles hold transitive dependencies: a resolved fastify is not a framework the project chose.
    expect(names.some((n) => /flask|commented|sinatra|evil|fastify|:python$|composer:php$/.test(n)), names.join(' ')).toBe(false);
    expect(deps.find((d) => d.name === 'express')).toMatchObject({ path: 'package.json', line: 4 });
    expect(dependencyIs(deps.find((d) => d.name === 'fhir-resources')!, ['fhir.resources'])).toBe(true);
  });
});

RuleTester.run(standardsInRepository, {
  valid: [
    { name: 'monorepo fixture: FHIR in a nested pom, axe tests, GeoJSON, OpenID Connect in the docs', fixture: MONOREPO, expect: [{ status: 'pass', messageId: 'found', evidence: 'services/records/pom.xml' }] },
    { name: 'complete-software fixture: OpenAPI file and FHIR docs', fixture: 'fixtures/candidates/complete-software', expect: [{ status: 'pass', messageId: 'found', evidence: 'openapi.yaml' }] },
    { name: 'only named in the docs: reported as a claim a reviewer checks', declaration: base, files: { 'README.md': '# x\n\nExposes HL7 FHIR R4 resources.\n' }, expect: [{ status: 'pass', messageId: 'namedOnly', evidence: 'README.md' }] },
    { name: 'nothing detected, but standards are declared', declaration: { ...base, standards: { standards: [{ name: 'ISO 8601', evidence: ['https://iso.org'] }] } }, files: { 'README.md': '# x\n' }, expect: [{ status: 'n/a', messageId: 'noneDeclaredSome' }] },
    { name: 'declaration only', files: { 'dpg.yml': 'name: x\ntypes: [software]\n' }, expect: [{ status: 'n/a', messageId: 'noRepository' }] },
  ],
  invalid: [
    { name: 'nothing detected and nothing declared', declaration: base, files: { 'README.md': '# Tool\n\nIt did what we needed; we use swagger-like docs.\n', 'src/index.js': 'x\n' }, expect: [{ status: 'gap', messageId: 'none', evidence: 'standards.standards' }] },
    {
      // sunbird-rc's ui-sample, odk's test mock server, a map plugin's README copied into the docs: their code, not the product's.
      name: 'standards of a vendored plugin, a test suite\'s and an example\'s manifests are not the candidate\'s',
      declaration: base,
      files: {
        'README.md': '# Tool\n',
        'src/index.js': 'x\n',
        'e2e-test/package.json': '{ "devDependencies": { "@axe-core/playwright": "4" } }\n',
        'examples/fhir-demo/pom.xml': '<dependencies><dependency><groupId>ca.uhn.hapi.fhir</groupId><artifactId>hapi-fhir-base</artifactId></dependency></dependencies>\n',
        'docs/assets/plugins/leaflet-wms/README.md': '# leaflet-wms\n\nShows OGC WMS layers; signs in with OpenID Connect.\n',
      },
      expect: [{ status: 'gap', messageId: 'none', evidence: 'standards.standards' }],
    },
    {
      name: 'false-positive guards: an empty openapi.yaml, "did", "stac" in prose, near package names',
      declaration: null,
      files: { 'openapi.yaml': '# to be written\n', 'README.md': '# x\n\nWe did a stack of things.\n', 'package.json': '{ "dependencies": { "fhir-ish": "1", "axe-core-lite": "1" } }' },
      expect: [{ status: 'gap', messageId: 'none' }],
    },
  ],
});

describe('standards-in-repository messages', () => {
  it('says where each standard was seen and which are not declared', async () => {
    const [finding] = await runRuleCase(standardsInRepository, { name: 'm', fixture: MONOREPO });
    expect(finding?.message).toContain('HL7 FHIR (dependency ca.uhn.hapi.fhir:hapi-fhir-structures-r4 (services/records/pom.xml:5))');
    expect(finding?.message).toContain('WCAG accessibility testing (dependency @axe-core/playwright (services/portal/package.json:4))');
    expect(finding?.message).toContain('GeoJSON (RFC 7946) (file data/facilities.geojson)');
    expect(finding?.message).toContain('Named in the README or docs: OAuth 2.0 / OpenID Connect (docs/interoperability.md:3)');
    expect(finding?.message).toContain('Not declared in `standards.standards`: WCAG accessibility testing, GeoJSON (RFC 7946) and OAuth 2.0 / OpenID Connect');
    expect(finding?.message).not.toContain('Verifiable');
  });
  it('bounds the documents it reads', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`docs/page-${String(i).padStart(2, '0')}.md`] = i === 29 ? 'We speak SDMX.\n' : 'Nothing.\n';
    expect(detectStandards({ snapshot: createMemorySnapshot(files) }).map((d) => d.name)).toEqual([]);
    expect(detectStandards({ snapshot: createMemorySnapshot(files) }, 30).map((d) => d.name)).toEqual(['SDMX']);
  });
});

describe('practices-in-repository: CI that runs the tests', () => {
  it('names the test step of the CI configuration', async () => {
    const [finding] = await runRuleCase(practicesInRepository, { name: 'ci', fixture: MONOREPO });
    expect(finding?.message).toContain('continuous integration running the tests (.github/workflows/ci.yml:8: `cd services/records && mvn -B verify`)');
    expect(finding?.evidence[0]).toMatchObject({ kind: 'file', path: '.github/workflows/ci.yml', line: 8 });
  });
  it('falls back to the CI file when no test step is seen', async () => {
    const [finding] = await runRuleCase(practicesInRepository, { name: 'ci2', files: { '.github/workflows/lint.yml': 'jobs:\n  lint:\n    steps:\n      - run: npm run lint\n' } });
    expect(finding?.message).toContain('continuous integration (.github/workflows/lint.yml)');
  });
});

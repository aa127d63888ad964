import { describe, it, expect } from 'vitest';
import { RuleTester } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/6-data-extraction/index.js';
import { dataExtractionMechanism as dataExtractionMechanismDraft } from '../../rules/6-data-extraction/data-extraction-mechanism.js';
import { openDataFormats as openDataFormatsDraft } from '../../rules/6-data-extraction/open-data-formats.js';
import { dataFileKind, namedFormats } from '../../rules/lib/formats.js';
import { describeApi, extractionEvidence as extractionEvidenceDraft } from '../../rules/6-data-extraction/extraction-evidence.js';
import { runRuleCase } from '../../src/testing/rule-tester.js';
import { builtIn } from '../rules-support.js';

const dataExtractionMechanism = builtIn(dataExtractionMechanismDraft);
const openDataFormats = builtIn(openDataFormatsDraft);
const extractionEvidence = builtIn(extractionEvidenceDraft);

const base: Declaration = { name: 'Example', types: ['software'] };
const data: Declaration = { name: 'Example data', types: ['data'] };
const MECHANISM = 'All records can be exported from the admin screen as CSV or JSON, and the REST API exposes every resource for import and export.';
const withMechanism = (mechanism: string, extra: Partial<NonNullable<Declaration['dataExtraction']>> = {}): Declaration => ({ ...base, dataExtraction: { collectsNonPII: true, mechanism, ...extra } });

describe('indicator 6 formats', () => {
  it('exports its rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-6-01 data-extraction-mechanism', 'dpg-6-02 open-data-formats', 'dpg-6-03 extraction-evidence']);
  });
  it('names open, spreadsheet and vendor formats, and tells REST from "the rest"', () => {
    expect(namedFormats('export to CSV via the REST API')).toEqual({ open: ['CSV', 'API'], review: [], proprietary: [] });
    expect(namedFormats('keep the rest of the data private').open).toEqual([]);
    expect(namedFormats('download Excel or SPSS files')).toEqual({ open: [], review: ['Excel'], proprietary: ['SPSS'] });
  });
  it('classifies data files, leaving tool configuration out', () => {
    expect(dataFileKind('data/survey.csv')).toEqual({ kind: 'open', extension: 'csv' });
    expect(dataFileKind('package.json')).toBeUndefined();
    expect(dataFileKind('.github/labels.json')).toBeUndefined();
    expect(dataFileKind('data/waves.sav')).toEqual({ kind: 'proprietary', extension: 'sav' });
  });
});

RuleTester.run(dataExtractionMechanism, {
  valid: [
    { name: 'no non-PII data', declaration: { ...base, dataExtraction: { collectsNonPII: false } }, expect: [{ status: 'pass', messageId: 'noNonPII', evidence: 'dataExtraction.collectsNonPII' }] },
    { name: 'a described mechanism naming formats', declaration: withMechanism(MECHANISM), expect: [{ status: 'pass', messageId: 'described', evidence: 'dataExtraction.mechanism' }] },
    {
      name: 'mechanism with an OpenAPI file cited as supporting evidence',
      declaration: withMechanism(MECHANISM, { evidence: ['docs/api.md'] }),
      files: { 'api/openapi.yaml': 'openapi: 3.1.0\n', 'docs/api.md': '# API\n' },
      expect: [{ status: 'pass', messageId: 'described', evidence: 'api/openapi.yaml' }],
    },
    {
      // kobotoolbox's pattern: a CI workflow named openapi.yml (it builds the description) is none itself.
      name: 'a mechanism beside a CI workflow named openapi.yml: no API description is cited',
      declaration: withMechanism(MECHANISM),
      files: { '.github/workflows/openapi.yml': 'on: push\njobs: {}\n', 'src/app.py': 'print(1)\n' },
      expect: [{ status: 'pass', messageId: 'described', evidence: 'dataExtraction.mechanism', message: /^(?![\s\S]*openapi\.yml)/ }],
    },
    {
      // kindly: "our open data set is hosted on a public repository … https://github.com/unicef/kindly/tree/main/modeling/dataset".
      name: 'a mechanism pointing to a folder of the checked repository whose files are open data',
      declaration: {
        ...withMechanism('Our open data set is in our public repository: anyone can browse and download it at https://github.com/example/app/tree/main/modeling/dataset.'),
        repositories: [{ url: 'https://github.com/example/app' }],
      },
      files: { 'modeling/dataset/training_data.json': '[]\n', 'modeling/dataset/README.md': '# data\n', 'src/app.py': 'print(1)\n' },
      expect: [{
        status: 'pass', messageId: 'repositoryData', evidence: 'modeling/dataset/training_data.json',
        message: 'The mechanism points to `modeling/dataset` in the repository, whose data files are in non-proprietary formats (JSON: modeling/dataset/training_data.json)',
      }],
    },
    {
      name: 'a mechanism pointing to a data folder by its repository path',
      declaration: withMechanism('Our open data set is kept in the repository itself, where anyone can browse and download the files.', { evidence: ['data/'] }),
      files: { 'data/stations.csv': 'a,b\n1,2\n' },
      expect: [{ status: 'pass', messageId: 'repositoryData', evidence: 'data/stations.csv' }],
    },
    {
      // Global Open Facility Registry: "CSV & REST are supported", and its code exports CSV.
      name: 'a short mechanism that the repository shows',
      declaration: withMechanism('CSV & REST are supported'),
      files: { 'src/components/ReconciliationExport.vue': '<script>\nconst blob = new Blob([rows], { type: "text/csv" });\n</script>\n' },
      expect: [{
        status: 'pass', messageId: 'shortShown', evidence: 'src/components/ReconciliationExport.vue',
        message: 'The mechanism is told in 4 words (`dataExtraction.mechanism`, naming CSV and API), and the repository shows it: export code producing text/csv (src/components/ReconciliationExport.vue:2)',
      }],
    },
    {
      // cboard and the Community Health Toolkit: interchange formats named after their standard or their system.
      name: 'a mechanism naming the Open Board Logging Format',
      declaration: withMechanism('User logs can be shared or exported in Open Board Logging Format (.obl)'),
      expect: [{ status: 'pass', messageId: 'described', message: /Open Board Format/ }],
    },
    {
      name: 'a mechanism exporting data sets that DHIS2 imports',
      declaration: withMechanism('Through the management interface a user can export predefined datasets for each health unit in a format that can be imported directly into DHIS2.'),
      expect: [{ status: 'pass', messageId: 'described', message: /DHIS2 import formats/ }],
    },
    {
      name: 'formats listed separately from a long description',
      declaration: withMechanism('Administrators can download every table from the reports page and load it into other tools without conversion.', { formats: ['GeoJSON'] }),
      expect: [{ status: 'pass', messageId: 'described' }],
    },
  ],
  invalid: [
    { name: 'no declaration, an OpenAPI file in the repository', declaration: null, files: { 'openapi.json': '{}' }, expect: [{ status: 'gap', messageId: 'noDeclaration', evidence: 'openapi.json' }] },
    { name: 'question not answered', declaration: base, expect: [{ status: 'gap', messageId: 'unanswered', evidence: 'dataExtraction' }] },
    { name: 'question not answered, GraphQL schema found', declaration: { ...base, dataExtraction: { mechanism: 'x' } }, files: { 'schema.graphql': 'type Query { a: Int }\n' }, expect: [{ status: 'gap', messageId: 'unanswered', evidence: 'schema.graphql' }] },
    { name: 'non-PII data but no mechanism', declaration: { ...base, dataExtraction: { collectsNonPII: true } }, expect: [{ status: 'gap', messageId: 'noMechanism', evidence: 'dataExtraction.mechanism' }] },
    { name: 'mechanism naming no format', declaration: withMechanism('Users can get their data out of the system whenever they want to from the settings page.'), expect: [{ status: 'gap', messageId: 'vague' }] },
    {
      // Another repository's folder, or a folder of this one without open data files, shows no format here.
      name: 'a mechanism pointing to data elsewhere, or to a folder without data files',
      declaration: {
        ...withMechanism('Our open data set is in a public repository: https://github.com/example/datasets/tree/main/survey and https://github.com/example/app/tree/main/docs for how to use it.'),
        repositories: [{ url: 'https://github.com/example/app' }],
      },
      files: { 'docs/README.md': '# docs\n', 'src/app.py': 'print(1)\n' },
      expect: [{ status: 'gap', messageId: 'vague', evidence: 'dataExtraction.mechanism' }],
    },
    { name: 'mechanism too short', declaration: withMechanism('CSV export.'), expect: [{ status: 'gap', messageId: 'vague', evidence: 'dataExtraction.mechanism' }] },
    { name: 'mechanism too short, and a repository that shows no export', declaration: withMechanism('The system uses REST API'), files: { 'src/app.py': 'print(1)\n', 'README.md': '# App\n' }, expect: [{ status: 'gap', messageId: 'vague', evidence: 'dataExtraction.mechanism', message: '5 words, at least 10 expected' }] },
    { name: 'formats without a description', declaration: { ...base, dataExtraction: { collectsNonPII: true, formats: ['CSV'] } }, expect: [{ status: 'gap', messageId: 'vague', evidence: 'dataExtraction.formats' }] },
    { name: 'only proprietary formats', declaration: withMechanism('Researchers can export the survey tables as SPSS or Stata files from the analysis module of the platform.'), expect: [{ status: 'fail', messageId: 'proprietaryOnly' }] },
    { name: 'only Excel', declaration: withMechanism('Every report can be downloaded as an Excel workbook from the dashboard by any logged-in user.'), expect: [{ status: 'gap', messageId: 'spreadsheetOnly' }] },
    {
      name: 'described, but the evidence path is missing',
      declaration: withMechanism(MECHANISM, { evidence: ['docs/export.md'] }),
      files: { 'README.md': '# x\n' },
      expect: [{ status: 'pass', messageId: 'described' }, { status: 'gap', messageId: 'linkNotFound', evidence: 'dataExtraction.evidence[0]' }],
    },
  ],
});

RuleTester.run(openDataFormats, {
  valid: [
    { name: 'CSV data files', declaration: data, files: { 'data/2020.csv': 'a\n', 'data/2021.csv': 'a\n', 'data/legacy.sav': 'x' }, expect: [{ status: 'pass', messageId: 'openFiles', evidence: 'data/2020.csv' }] },
    { name: 'no data files in the repository', declaration: data, files: { 'README.md': '# Data\n', 'package.json': '{}' }, expect: [{ status: 'n/a', messageId: 'noDataFiles' }] },
    { name: 'declaration only', declaration: data, files: {}, expect: [{ status: 'n/a', messageId: 'noRepository' }] },
    // thinking-machines' pattern: the only data files are tests' and examples'; and the trap, an SPSS test fixture.
    { name: 'only test and example data files', declaration: data, files: { 'tests/data/sample_points.csv': 'a\n', 'examples/data/features_demo.json': '{}', 'src/readers/test_spss.py': 'x = 1\n', 'tests/fixtures/survey.sav': 'x' }, expect: [{ status: 'n/a', messageId: 'noDataFiles' }] },
  ],
  invalid: [
    { name: 'only SPSS and Stata files', declaration: data, files: { 'waves/w1.sav': 'x', 'waves/w2.dta': 'x' }, expect: [{ status: 'fail', messageId: 'proprietaryOnly', evidence: 'waves/w1.sav' }] },
    { name: 'only spreadsheets', declaration: data, files: { 'tables/2020.xlsx': 'x' }, expect: [{ status: 'gap', messageId: 'spreadsheetOnly' }] },
    {
      name: 'vendor files, open export declared',
      declaration: { ...data, dataExtraction: { collectsNonPII: true, mechanism: 'The portal converts every table to CSV on download.' } },
      files: { 'raw/w1.sav': 'x' },
      expect: [{ status: 'gap', messageId: 'closedFilesDeclaredOpen', evidence: 'dataExtraction' }],
    },
  ],
});

// ---------------------------------------------------------------------------
// dpg-6-03 extraction-evidence

describe('API descriptions are recognised by their content', () => {
  it('tells specifications from files that only have the name', () => {
    expect(describeApi('openapi.yaml', 'openapi: 3.0.3\ninfo: {}\npaths: {}\n')).toMatchObject({ label: 'OpenAPI 3.0.3 description', line: 1 });
    expect(describeApi('spec/api.json', '{"swagger":"2.0","info":{},"paths":{}}')).toMatchObject({ label: 'Swagger 2.0 (OpenAPI) description', line: 1 });
    expect(describeApi('events.yml', '# events\nasyncapi: 2.6.0\nchannels:\n  a: {}\n')).toMatchObject({ label: 'AsyncAPI 2.6.0 description', line: 2 });
    expect(describeApi('openapi.yaml', 'openapi: 3.0.3\n')).toBeUndefined();
    expect(describeApi('config/api.yaml', 'server:\n  port: 8080\n')).toBeUndefined();
    expect(describeApi('nested.yaml', 'docs:\n  openapi: 3.0.0\n  paths: {}\n')).toBeUndefined();
    expect(describeApi('schema.graphql', 'type Query {\n  a: Int\n}\n')).toEqual({ label: 'GraphQL schema' });
    expect(describeApi('queries.graphql', 'query Facilities {\n  facilities { id }\n}\n')).toBeUndefined();
    expect(describeApi('api.proto', 'syntax = "proto3";\nservice Registry {\n  rpc List (Req) returns (Res);\n}\n')).toEqual({ label: 'gRPC service definition' });
    expect(describeApi('api.proto', 'syntax = "proto3";\nmessage Req {}\n')).toBeUndefined();
    expect(describeApi('api.raml', '#%RAML 1.0\ntitle: x\n')).toEqual({ label: 'RAML API description' });
  });
});

RuleTester.run(extractionEvidence, {
  valid: [
    {
      name: 'API descriptions, an API framework, export code and documentation',
      fixture: 'fixtures/candidates-deps/api-export',
      expect: [{ status: 'pass', messageId: 'found', evidence: 'api/openapi.yaml' }],
    },
    { name: 'FastAPI publishes an OpenAPI description', files: { 'requirements.txt': 'fastapi==0.111.0\nuvicorn\n' }, declaration: base, expect: [{ status: 'pass', messageId: 'found', evidence: 'requirements.txt' }] },
    { name: 'a documented export only', files: { 'README.md': '# Registry\n\n## Data\n\nUsers can download their records as JSON from the profile page.\n' }, declaration: base, expect: [{ status: 'pass', messageId: 'found', evidence: 'README.md' }] },
    {
      name: 'declared evidence where the repository shows nothing recognisable',
      files: { 'README.md': '# x\n', 'docs/handbook.pdf': '%PDF' },
      declaration: { ...base, dataExtraction: { collectsNonPII: true, evidence: ['docs/handbook.pdf'] } },
      expect: [{ status: 'pass', messageId: 'declaredOnly', evidence: 'docs/handbook.pdf' }],
    },
    { name: 'no non-PII data', files: { 'README.md': '# x\n' }, declaration: { ...base, dataExtraction: { collectsNonPII: false } }, expect: [{ status: 'n/a', messageId: 'noNonPII' }] },
    { name: 'declaration only', files: {}, declaration: base, expect: [{ status: 'n/a', messageId: 'noRepository' }] },
  ],
  invalid: [
    {
      name: 'a file named openapi.yaml that is not a specification',
      files: { 'openapi.yaml': '# TODO: write the API description\n', 'README.md': '# x\n' },
      declaration: base,
      expect: [{ status: 'gap', messageId: 'noEvidence', evidence: 'dataExtraction.evidence' }, { status: 'gap', messageId: 'notASpec', evidence: 'openapi.yaml' }],
    },
    {
      name: 'client GraphQL operations, test-only export code and a dev-only API framework are not evidence',
      files: {
        'src/queries.graphql': 'query Facilities {\n  facilities { id }\n}\n',
        'test/export.test.ts': 'expect(toCsv(rows)).toContain("id,name");\n',
        'package.json': '{ "devDependencies": { "swagger-jsdoc": "^6.2.8" } }',
        'src/exporter.ts': 'export function exporter(): void { /* sends e-mails */ }\n',
        'README.md': '# App\n\nExport your calendar to your phone.\n\nA rule pack is a module exporting rules in the shape of the built-in ones, with no private API.\n\nThe package exports a JSON schema for editors.\n',
      },
      declaration: base,
      expect: [{ status: 'gap', messageId: 'noEvidence' }],
    },
    {
      // pharmacovigilance's pattern: Highcharts copied whole into js/, its export module producing JSON and CSV.
      name: 'a vendored chart library\'s export module is not the candidate\'s export',
      files: {
        'app/webroot/js/highcharts/highcharts.js': '/* Highcharts JS */\n',
        'app/webroot/js/highcharts/modules/export-data.js': "Highcharts.downloadCSV = function () { return new Blob([csv], { type: 'text/csv' }); };\nconst type = 'application/json';\n",
        'app/Controller/ReportsController.php': '<?php\nclass ReportsController {}\n',
        'README.md': '# x\n',
      },
      declaration: base,
      expect: [{ status: 'gap', messageId: 'noEvidence' }],
    },
    {
      // eviction-maps' pattern: the only export code found was a test's, named as one (`*.spec.ts`).
      name: 'a test file of the export form is not export code',
      files: {
        'src/app/map-tool/data-panel/download-form/download-form.component.spec.ts': "it('downloads', () => { expect(form.download('xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'); });\n",
        'README.md': '# x\n',
      },
      declaration: base,
      expect: [{ status: 'gap', messageId: 'noEvidence' }],
    },
  ],
});

describe('extraction-evidence messages', () => {
  it('names each kind of evidence with its file and line', async () => {
    const [finding] = await runRuleCase(extractionEvidence, { name: 'm', fixture: 'fixtures/candidates-deps/api-export' });
    expect(finding?.message).toContain('OpenAPI 3.1.0 description (api/openapi.yaml)');
    expect(finding?.message).toContain('GraphQL schema (api/schema.graphql)');
    expect(finding?.message).toContain('@apollo/server');
    expect(finding?.evidence).toContainEqual({ kind: 'file', path: 'api/openapi.yaml', line: 2, excerpt: 'openapi: 3.1.0' });
    const paths = (finding?.evidence ?? []).map((e) => (e.kind === 'file' ? `${e.path}:${e.line ?? ''}` : ''));
    expect(paths).toContain('src/export/facilities.ts:6');
    expect(finding?.message).toContain('export code producing text/csv (src/export/facilities.ts:6)');
    expect(paths).toContain('docs/data-export.md:3');
  });
});

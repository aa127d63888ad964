import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { RuleTester } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/6-data-extraction/index.js';
import { dataExtractionMechanism } from '../../rules/6-data-extraction/data-extraction-mechanism.js';
import { openDataFormats } from '../../rules/6-data-extraction/open-data-formats.js';
import { dataFileKind, namedFormats } from '../../rules/6-data-extraction/formats.js';

const base: Declaration = { name: 'Example', types: ['software'] };
const data: Declaration = { name: 'Example data', types: ['data'] };
const MECHANISM = 'All records can be exported from the admin screen as CSV or JSON, and the REST API exposes every resource for import and export.';
const withMechanism = (mechanism: string, extra: Partial<NonNullable<Declaration['dataExtraction']>> = {}): Declaration => ({ ...base, dataExtraction: { collectsNonPII: true, mechanism, ...extra } });

describe('indicator 6 formats', () => {
  it('data tables name their standard version and source', () => {
    const dir = new URL('../../rules/6-data-extraction/', import.meta.url);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const table = JSON.parse(fs.readFileSync(new URL(file, dir), 'utf8')) as { standardVersion?: unknown; source?: unknown };
      expect(table.standardVersion, file).toBe('1.1.7');
      expect(typeof table.source === 'string' && table.source.length > 20, file).toBe(true);
    }
  });
  it('exports its rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-6-01 data-extraction-mechanism', 'dpg-6-02 open-data-formats']);
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
    { name: 'mechanism too short', declaration: withMechanism('CSV export.'), expect: [{ status: 'gap', messageId: 'vague', evidence: 'dataExtraction.mechanism' }] },
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

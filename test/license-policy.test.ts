import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import {
  judgeLicense, approvedIdsFor, suggestedLicenses, licenseFamily, sameLicense, satisfiedBy,
  parseLicenseExpression, licenseIdsOf, LICENSE_KINDS, type LicenseKind,
} from '../src/licenses/policy.js';
import table from '../rules/2-open-licensing/approved-licenses.json' with { type: 'json' };
import { sharedInput } from './shared-inputs.js';

const reference = sharedInput('reference/dpga-approved-licenses.md', 'test/license-policy.test.ts', 'the row-for-row comparison with the DPGA\'s licence tables');
const REFERENCE = reference.path;

describe('approved-licenses.json', () => {
  it('records the standard version and its source', () => {
    expect(table.standardVersion).toBe('1.1.7');
    expect(table.source).toMatch(/dpga-approved-licenses\.md$/);
  });

  it('keeps the DPGA ids as written, without stray spaces', () => {
    expect(table.software).toContain('GPL-3.0');
    expect(table.software).toContain('AGPL-3.0');
    expect(table.data).toContain('ODC-By-1.0');
    for (const id of [...table.software, ...table.content, ...table.data]) expect(id).toBe(id.trim());
    expect(table.software).toHaveLength(102);
    expect(table.content).toHaveLength(31);
    expect(table.data).toHaveLength(8);
  });

  it.skipIf(!reference.present)('matches the tables of the reference text row for row', () => {
    const lists: Record<string, string[]> = {};
    let current: string | undefined;
    for (const line of fs.readFileSync(REFERENCE, 'utf8').split(/\r?\n/)) {
      const heading = /^## (Content|Data|Software)\s*$/.exec(line);
      if (heading) { current = (heading[1] as string).toLowerCase(); lists[current] = []; continue; }
      if (line.startsWith('## ')) { current = undefined; continue; }
      if (!current || !line.includes('|')) continue;
      const first = (line.split('|')[0] as string).trim();
      if (first === '' || /^-+$/.test(first) || first === 'Full Name') continue;
      lists[current]?.push(first);
    }
    expect(table.software).toEqual(lists.software);
    expect(table.content).toEqual(lists.content);
    expect(table.data).toEqual(lists.data);
  });

  it('lists only SPDX ids, but for three US ports of CC licences SPDX does not define', () => {
    const require = createRequire(import.meta.url);
    const known = new Set<string>([...require('spdx-license-ids') as string[], ...require('spdx-license-ids/deprecated.json') as string[]]);
    const unknown = [...table.software, ...table.content, ...table.data].filter((id) => !known.has(id));
    expect(unknown.sort()).toEqual(['CC-BY-NC-3.0-US', 'CC-BY-NC-SA-3.0-US', 'CC-BY-SA-3.0-US']);
  });
});

describe('judgeLicense: software', () => {
  it.each(['MIT', 'Apache-2.0', 'BSD-3-Clause', 'MPL-2.0', 'EUPL-1.2', '0BSD'])('approves %s', (id) => {
    const j = judgeLicense(id, 'software', table);
    expect(j.verdict).toBe('approved');
    expect(j.ids).toEqual([id]);
    expect(j.reason).toContain(id);
  });

  it.each(['BSD-4-Clause', 'EUPL-1.1', 'SSPL-1.0', 'BUSL-1.1', 'Elastic-2.0', 'CC-BY-4.0'])('rejects %s', (id) => {
    const j = judgeLicense(id, 'software', table);
    expect(j.verdict).toBe('not-approved');
    expect(j.reason).toContain(id);
    expect(j.reason).toContain('software');
  });

  it('treats the GNU families as one licence whatever the suffix', () => {
    for (const id of ['GPL-3.0', 'GPL-3.0-only', 'GPL-3.0-or-later', 'GPL-3.0+', 'AGPL-3.0-only', 'AGPL-3.0-or-later', 'LGPL-2.1-only', 'LGPL-3.0-or-later', 'GPL-2.0-or-later', 'GPL-2.0+']) {
      expect(judgeLicense(id, 'software', table).verdict, id).toBe('approved');
    }
    expect(judgeLicense('GPL-3.0+', 'software', table).ids).toEqual(['GPL-3.0+']);
    expect(judgeLicense('GPL-1.0-only', 'software', table).verdict).toBe('not-approved');
    expect(judgeLicense('LGPL-2.0-only', 'software', table).verdict).toBe('not-approved');
  });

  it('matches the other way round: a table listing -only accepts the bare id', () => {
    const modern = { software: ['GPL-3.0-only', 'AGPL-3.0-or-later'], content: [], data: [] };
    expect(judgeLicense('GPL-3.0', 'software', modern).verdict).toBe('approved');
    expect(judgeLicense('AGPL-3.0+', 'software', modern).verdict).toBe('approved');
    expect(judgeLicense('GPL-2.0', 'software', modern).verdict).toBe('not-approved');
  });

  it('judges WITH by its licence, since exceptions only add permissions', () => {
    expect(judgeLicense('Apache-2.0 WITH LLVM-exception', 'software', table).verdict).toBe('approved');
    expect(judgeLicense('GPL-2.0-only WITH Classpath-exception-2.0', 'software', table).verdict).toBe('approved');
    expect(judgeLicense('GPL-2.0-with-classpath-exception', 'software', table).verdict).toBe('approved');
    expect(judgeLicense('Apache-2.0 WITH LLVM-exception', 'software', table).ids).toEqual(['Apache-2.0']);
  });

  it('approves OR when one option is, AND only when all are', () => {
    const or = judgeLicense('SSPL-1.0 OR MIT', 'software', table);
    expect(or.verdict).toBe('approved');
    expect(or.reason).toContain('MIT');
    expect(or.ids).toEqual(['SSPL-1.0', 'MIT']);
    const and = judgeLicense('MIT AND SSPL-1.0', 'software', table);
    expect(and.verdict).toBe('not-approved');
    expect(and.reason).toContain('SSPL-1.0');
    expect(judgeLicense('(MIT AND Apache-2.0) OR BUSL-1.1', 'software', table).verdict).toBe('approved');
    expect(judgeLicense('(MIT OR BUSL-1.1) AND (Elastic-2.0 OR SSPL-1.0)', 'software', table).verdict).toBe('not-approved');
  });

  it('matches ids and operators case-insensitively', () => {
    expect(judgeLicense('mit', 'software', table).verdict).toBe('approved');
    expect(judgeLicense('apache-2.0 or gpl-3.0-or-later', 'software', table)).toMatchObject({ verdict: 'approved', ids: ['Apache-2.0', 'GPL-3.0-or-later'] });
    expect(judgeLicense('  MIT\n', 'software', table).verdict).toBe('approved');
  });

  it('never corrects free text, but suggests the SPDX id', () => {
    const apache = judgeLicense('Apache 2', 'software', table);
    expect(apache.verdict).toBe('unparseable');
    expect(apache.reason).toContain('Apache-2.0');
    expect(apache.reason).toContain('SPDX');
    expect(apache.ids).toEqual([]);
    expect(judgeLicense('GPLv3', 'software', table).reason).toContain('GPL-3.0');
    expect(judgeLicense('MIT License', 'software', table).verdict).toBe('unparseable');
    expect(judgeLicense('', 'software', table).verdict).toBe('unparseable');
    expect(judgeLicense('NOASSERTION', 'software', table).verdict).toBe('unparseable');
  });

  it('does not read UNLICENSED as the Unlicense', () => {
    expect(judgeLicense('Unlicense', 'software', table).verdict).toBe('approved');
    const npm = judgeLicense('UNLICENSED', 'software', table);
    expect(npm.verdict).toBe('not-approved');
    expect(npm.reason).toMatch(/not the Unlicense/);
    expect(judgeLicense('NONE', 'software', table).verdict).toBe('not-approved');
  });

  it('rejects the Commons Clause rider, which is no SPDX id', () => {
    const j = judgeLicense('Apache-2.0 WITH Commons-Clause', 'software', table);
    expect(j.verdict).toBe('not-approved');
    expect(j.reason).toMatch(/forbids selling/);
  });

  it('never approves a custom LicenseRef', () => {
    const custom = judgeLicense('LicenseRef-MIT', 'software', table);
    expect(custom.verdict).toBe('not-approved');
    expect(custom.reason).toContain('custom');
    expect(judgeLicense('DocumentRef-x:LicenseRef-MIT', 'software', table).verdict).toBe('not-approved');
  });
});

describe('judgeLicense: other kinds', () => {
  it('content takes the Creative Commons list and rejects ND explicitly', () => {
    expect(judgeLicense('CC-BY-4.0', 'content', table).verdict).toBe('approved');
    expect(judgeLicense('CC-BY-SA-3.0-IGO', 'content', table).verdict).toBe('approved');
    const nd = judgeLicense('CC-BY-ND-4.0', 'content', table);
    expect(nd.verdict).toBe('not-approved');
    expect(nd.reason).toMatch(/derivatives \(ND\)/);
    expect(judgeLicense('CC-BY-NC-ND-4.0', 'content', table).reason).toMatch(/ND/);
    const mit = judgeLicense('MIT', 'content', table);
    expect(mit.verdict).toBe('not-approved');
    expect(mit.reason).toContain('approved for software, not for content');
  });

  it('accepts NC for content, noting the DPGA encourages commercial reuse', () => {
    const nc = judgeLicense('CC-BY-NC-SA-4.0', 'content', table);
    expect(nc.verdict).toBe('approved');
    expect(nc.reason).toContain('CC-BY-4.0');
  });

  it('accepts a DPGA id SPDX does not know, exactly as the DPGA lists it', () => {
    expect(judgeLicense('CC-BY-SA-3.0-US', 'content', table)).toMatchObject({ verdict: 'approved', ids: ['CC-BY-SA-3.0-US'] });
    expect(judgeLicense('cc-by-sa-3.0-us OR MIT', 'content', table).verdict).toBe('approved');
  });

  it('data and training data take the Open Data list', () => {
    for (const kind of ['data', 'training-data'] as const) {
      expect(judgeLicense('ODbL-1.0', kind, table).verdict).toBe('approved');
      expect(judgeLicense('odc-by-1.0', kind, table).verdict).toBe('approved');
      expect(judgeLicense('CC-BY-NC-4.0', kind, table).verdict).toBe('not-approved');
      expect(judgeLicense('MIT', kind, table).verdict).toBe('not-approved');
    }
  });

  it('training code takes the software list', () => {
    expect(judgeLicense('Apache-2.0', 'training-code', table).verdict).toBe('approved');
    expect(judgeLicense('CC-BY-4.0', 'training-code', table).verdict).toBe('not-approved');
  });

  it('model weights take the software and data lists', () => {
    expect(judgeLicense('Apache-2.0', 'model-weights', table).verdict).toBe('approved');
    expect(judgeLicense('CC-BY-4.0', 'model-weights', table).verdict).toBe('approved');
    expect(judgeLicense('ODbL-1.0', 'model-weights', table).verdict).toBe('approved');
    expect(judgeLicense('CC-BY-NC-4.0', 'model-weights', table).verdict).toBe('not-approved');
    expect(judgeLicense('LicenseRef-OpenRAIL-M', 'model-weights', table).verdict).toBe('not-approved');
  });

  it('standards take the software and content lists', () => {
    expect(judgeLicense('CC-BY-4.0', 'standard', table).verdict).toBe('approved');
    expect(judgeLicense('Apache-2.0', 'standard', table).verdict).toBe('approved');
    expect(judgeLicense('ODbL-1.0', 'standard', table).verdict).toBe('not-approved');
  });
});

describe('helpers', () => {
  it('suggests approved alternatives per kind', () => {
    expect(suggestedLicenses('content', table)).toEqual(['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0']);
    expect(suggestedLicenses('software', table)).toContain('Apache-2.0');
    expect(suggestedLicenses('data', table)).toContain('ODbL-1.0');
    for (const kind of LICENSE_KINDS) {
      for (const id of suggestedLicenses(kind, table)) expect(judgeLicense(id, kind, table).verdict, `${id} for ${kind}`).toBe('approved');
    }
  });

  it('unions lists for model weights and standards', () => {
    expect(approvedIdsFor('model-weights', table)).toHaveLength(new Set([...table.software, ...table.data]).size);
    expect(approvedIdsFor('standard', table)).toContain('CC-BY-NC-4.0');
  });

  it('compares licences by family', () => {
    expect(licenseFamily('GPL-3.0-or-later')).toBe('gpl-3.0');
    expect(sameLicense('AGPL-3.0', 'agpl-3.0-only')).toBe(true);
    expect(sameLicense('GPL-3.0', 'LGPL-3.0')).toBe(false);
    expect(sameLicense('MIT', 'MIT-0')).toBe(false);
  });

  it('checks an expression against an allowed set', () => {
    expect(satisfiedBy('MIT OR Apache-2.0', ['Apache-2.0'])).toBe(true);
    expect(satisfiedBy('MIT AND Apache-2.0', ['Apache-2.0'])).toBe(false);
    expect(satisfiedBy('GPL-3.0-only', ['GPL-3.0'])).toBe(true);
    expect(satisfiedBy('Apache 2', ['Apache-2.0'])).toBeUndefined();
  });

  it('parses without throwing and lists ids', () => {
    expect(licenseIdsOf('(MIT OR GPL-2.0+) AND ISC')).toEqual(['MIT', 'GPL-2.0+', 'ISC']);
    expect(parseLicenseExpression(42).ok).toBe(false);
    expect(parseLicenseExpression('MIT AND').ok).toBe(false);
    expect(parseLicenseExpression('x'.repeat(5000)).ok).toBe(false);
  });
});

describe('judgeLicense properties', () => {
  const kinds = fc.constantFrom<LicenseKind>(...LICENSE_KINDS);
  const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('AND', 'OR', '(', ')', 'WITH', '+', 'MIT AND', 'LicenseRef-', 'GPL-3.0+ WITH'));
  const spdxIds = createRequire(import.meta.url)('spdx-license-ids') as string[];
  const someId = fc.constantFrom(...spdxIds, ...table.software, ...table.content, ...table.data, 'LicenseRef-x', 'SSPL-1.0');

  it('never throws and always gives a verdict and a reason', () => {
    fc.assert(fc.property(anyText, kinds, (text, kind) => {
      const j = judgeLicense(text, kind, table);
      expect(['approved', 'not-approved', 'unparseable']).toContain(j.verdict);
      expect(j.reason.length).toBeGreaterThan(0);
    }), { numRuns: 500 });
  });

  it('OR of an approved id with any id is approved', () => {
    fc.assert(fc.property(kinds, someId, fc.boolean(), (kind, other, first) => {
      const approved = suggestedLicenses(kind, table)[0] as string;
      const expression = first ? `${approved} OR ${other}` : `${other} OR ${approved}`;
      expect(judgeLicense(expression, kind, table).verdict).toBe('approved');
    }), { numRuns: 300 });
  });

  it('AND with a non-approved id is not approved', () => {
    fc.assert(fc.property(kinds, someId, fc.constantFrom('SSPL-1.0', 'BUSL-1.1', 'LicenseRef-custom', 'CC-BY-ND-4.0', 'BSD-4-Clause'), (kind, any, bad) => {
      expect(judgeLicense(`${any} AND ${bad}`, kind, table).verdict).toBe('not-approved');
      expect(judgeLicense(`(${bad}) AND (${any})`, kind, table).verdict).toBe('not-approved');
    }), { numRuns: 300 });
  });

  it('every approved id is approved for its own list, in any letter case', () => {
    fc.assert(fc.property(fc.constantFrom(...table.software), fc.boolean(), (id, lower) => {
      expect(judgeLicense(lower ? id.toLowerCase() : id.toUpperCase(), 'software', table).verdict).toBe('approved');
    }), { numRuns: 200 });
  });
});

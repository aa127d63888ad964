import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { isSpdxOrNoassertion, normalizeSpdx } from '../src/licenses/spdx.js';
import known from '../src/licenses/spdx-corrections.json' with { type: 'json' };
import { concludeLicense } from '../src/licenses/conclude.js';
import type { IdentifiedLicense } from '../src/model.js';

describe('normalizeSpdx: spdx-correct for the spellings manifests use, guarded against guesses', () => {
  it.each([
    ['MIT', 'MIT'], ['mit', 'MIT'], ['apache-2.0 OR mit', 'Apache-2.0 OR MIT'],
    ['The MIT License (MIT)', 'MIT'], ['MIT License', 'MIT'], ['ISC License', 'ISC'],
    ['BSD-3', 'BSD-3-Clause'], ['New BSD', 'BSD-3-Clause'],
    ['Apache License 2.0', 'Apache-2.0'], ['Apache 2', 'Apache-2.0'], ['The Apache Software License, Version 2.0', 'Apache-2.0'],
    ['Eclipse Public License 2.0', 'EPL-2.0'], ['Mozilla Public License 2.0', 'MPL-2.0'], ['EUPL 1.2', 'EUPL-1.2'],
    // GNU names keep what they say: a version alone is not "or later".
    ['GPLv3', 'GPL-3.0'], ['AGPL v3', 'AGPL-3.0'], ['GNU AFFERO GENERAL PUBLIC LICENSE Version 3', 'AGPL-3.0'], ['GPL v2', 'GPL-2.0'],
    ['LGPLv2.1', 'LGPL-2.1'], ['GNU General Public License v3 or later', 'GPL-3.0-or-later'],
    ['CC BY-SA 4.0', 'CC-BY-SA-4.0'],
  ])('%s → %s', (raw, spdx) => {
    expect(normalizeSpdx(raw)).toEqual({ spdx });
  });

  it.each(['GPL', 'LGPL', 'AGPL', 'BSD', 'BSD License', 'Apache', 'EUPL', 'TBD', 'Proprietary', 'SEE LICENSE IN LICENSE.txt', 'UNLICENSED', 'NONE', 'Copyright ACME Ltd'])(
    '%s is ambiguous or names no licence: NOASSERTION with a reason, never a confident id', (raw) => {
      const normalized = normalizeSpdx(raw);
      expect(normalized.spdx).toBe('NOASSERTION');
      expect(normalized.ambiguous).toContain(raw);
    },
  );

  it('looks up spellings in a table that answers exactly as the installed spdx-correct does', () => {
    const correct = createRequire(import.meta.url)('spdx-correct') as (value: string, options: { upgrade: boolean }) => string | null;
    const version = (createRequire(import.meta.url)('spdx-correct/package.json') as { version: string }).version;
    expect(known.source).toBe(`spdx-correct ${version}`);
    const entries = Object.entries(known.corrections);
    expect(entries.length).toBeGreaterThan(40);
    for (const [raw, corrected] of entries) expect(correct(raw, { upgrade: false }), raw).toBe(corrected);
    // Every entry is a value normalizeSpdx would hand spdx-correct: trimmed, one space, not valid SPDX already.
    for (const [raw] of entries) {
      expect(raw).toBe(raw.replace(/\s+/g, ' ').trim());
      expect(isSpdxOrNoassertion(raw), raw).toBe(false);
    }
  });

  it('isSpdxOrNoassertion accepts SPDX as SPDX spells it, and NOASSERTION', () => {
    expect(isSpdxOrNoassertion('MIT OR Apache-2.0')).toBe(true);
    expect(isSpdxOrNoassertion('NOASSERTION')).toBe(true);
    expect(isSpdxOrNoassertion('mit')).toBe(false);
    expect(isSpdxOrNoassertion('Apache 2')).toBe(false);
  });
});

describe('concludeLicense: the candidate\'s own licence', () => {
  const l = (spdx: string, path: string, method: IdentifiedLicense['method'], extra: Partial<IdentifiedLicense> = {}): IdentifiedLicense => ({ spdx, path, method, confidence: 1, scope: 'project', ...extra });

  it('the root licence file first, then the root manifest, then the declaration', () => {
    expect(concludeLicense([l('MIT', 'dpg.yml', 'declared'), l('ISC', 'package.json', 'manifest'), l('MIT', 'LICENSE', 'text')])?.expression).toBe('MIT');
    expect(concludeLicense([l('MIT', 'dpg.yml', 'declared'), l('ISC', 'package.json', 'manifest')])?.expression).toBe('ISC');
    expect(concludeLicense([l('MIT', 'dpg.yml', 'declared')])?.expression).toBe('MIT');
  });

  it('two licence files related by the manifest\'s expression; COPYING with COPYING.LESSER is the LGPL', () => {
    expect(concludeLicense([l('MIT', 'LICENSE-MIT', 'text'), l('Apache-2.0', 'LICENSE-APACHE', 'text'), l('MIT OR Apache-2.0', 'Cargo.toml', 'manifest')])?.expression).toBe('MIT OR Apache-2.0');
    expect(concludeLicense([l('GPL-3.0', 'COPYING', 'text'), l('LGPL-3.0', 'COPYING.LESSER', 'text')])?.expression).toBe('LGPL-3.0');
  });

  it('components and third-party code do not make the project licence', () => {
    expect(concludeLicense([l('MIT', 'LICENSE', 'text'), l('CC-BY-SA-4.0', 'LICENSE.data.md', 'notice', { scope: 'component', covers: 'data' })])?.expression).toBe('MIT');
    expect(concludeLicense([l('GPL-2.0-only', 'vendor/x/LICENSE', 'text', { scope: 'third-party' })])).toBeUndefined();
    expect(concludeLicense([l('NOASSERTION', 'LICENSE', 'text', { review: true })])?.expression).toBe('NOASSERTION');
  });
});

describe('partOfLicenseFileName and componentPart', () => {
  it('names and places that scope a licence file', async () => {
    const { partOfLicenseFileName, componentPart } = await import('../src/licenses/scope.js');
    expect(['LICENSE.data.md', 'LICENSE-docs', 'LICENSE-CONTENT.txt', 'DATA-LICENSE', 'LICENSE', 'LICENSE-MIT', 'COPYING.LESSER'].map(partOfLicenseFileName))
      .toEqual(['data', 'documentation', 'content', 'data', undefined, undefined, undefined]);
    expect(componentPart({ covers: 'content', method: 'text' })).toBe('content');
    expect(componentPart({ covers: 'data', method: 'text' })).toBe('data');
    expect(componentPart({ covers: 'docs', method: 'text' })).toBe('documentation');
    // Only the folder's own name counts: a library under assets/ is software; a manifest describes a package.
    expect(componentPart({ covers: 'assets/components/lodash', method: 'text' })).toBe('software');
    expect(componentPart({ covers: 'data', method: 'manifest' })).toBe('software');
  });
});

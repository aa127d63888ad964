/**
 * Where licences are found, end to end on fixture trees (fixtures/licenses/),
 * the policy findings they lead to, and the agreement with licensee's own
 * labelled fixtures (../shared/corpus/licensee-fixtures/fixtures.yml).
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createLocalSnapshot } from '../src/snapshot/local.js';
import { createMemorySnapshot } from '../src/snapshot/memory.js';
import { makeDeclarationView } from '../src/declaration/load.js';
import { identifyLicenses, summarizeLicenses, licenseSection, type LicenseSummary } from '../src/licenses/identify.js';
import { findLicenseFiles, licenseFileRank, isThirdParty } from '../src/licenses/files.js';
import { creativeCommonsTitle, findNotices, namesIn, pointerTarget, isRLicenseStub, relLicenseLinks } from '../src/licenses/notice.js';
import { fromRLicense, manifestReader } from '../src/manifests/licenses.js';
import { licenseFamily } from '../src/licenses/policy.js';
import { isSpdxOrNoassertion } from '../src/licenses/spdx.js';
import { checkCandidate } from '../src/engine/check.js';
import type { IdentifiedLicense, Report } from '../src/model.js';
import { sharedInput } from './shared-inputs.js';

const FIXTURES = 'fixtures/licenses';

async function identifyFolder(folder: string): Promise<IdentifiedLicense[]> {
  const snapshot = await createLocalSnapshot(folder);
  return identifyLicenses(snapshot, makeDeclarationView(undefined));
}

/** `spdx@path method`, with ` review` when a person must look. */
const brief = (l: IdentifiedLicense): string => `${l.spdx}@${l.path} ${l.method}${l.review ? ' review' : ''}`;

/** Each fixture the issue asks for, and what is identified in it. */
const EXPECTED: Readonly<Record<string, string[]>> = {
  'markdown-apache': ['Apache-2.0@LICENSE.md text'],
  'markdown-mpl': ['MPL-2.0@LICENSE.md text'],
  'markdown-gpl': ['GPL-3.0@COPYING.md text'],
  preface: ['MIT@LICENSE text'],
  'multiline-copyright': ['BSD-3-Clause@LICENSE text'],
  'notice-only': ['Apache-2.0@LICENSE notice'],
  'r-package': ['MIT@LICENSE manifest', 'MIT@LICENSE.md text', 'MIT@DESCRIPTION manifest'],
  'code-and-data': ['Apache-2.0@dpg.yml declared', 'CC-BY-4.0@dpg.yml declared', 'Apache-2.0@LICENSE-CODE text', 'CC-BY-4.0@LICENSE-DATA.md text'],
  'copying-lesser': ['GPL-3.0@COPYING text', 'LGPL-3.0@COPYING.LESSER text'],
  'mit-restricted': ['MIT@dpg.yml declared', 'MIT@LICENSE text review'],
  reuse: ['CC-BY-4.0@LICENSES/CC-BY-4.0.txt text', 'MIT@LICENSES/MIT.txt text', 'CC-BY-4.0@REUSE.toml spdx-header', 'MIT@src/reminders.py spdx-header'],
  'spdx-header-only': ['Apache-2.0@src/index.js spdx-header'],
  'package-subfolder': ['MIT@LICENSE text', 'Apache-2.0@pkg/LICENSE text', 'MIT@package.json manifest', 'Apache-2.0@pkg/package.json manifest'],
  vendored: ['MIT@LICENSE text'],
  'declared-bsd-license-mit': ['BSD-3-Clause@dpg.yml declared', 'MIT@LICENSE text'],
  'content-nc-sa': ['CC-BY-NC-SA-4.0@dpg.yml declared', 'CC-BY-NC-SA-4.0@LICENSE text'],
  'content-nd': ['CC-BY-ND-4.0@dpg.yml declared', 'CC-BY-ND-4.0@LICENSE.md text'],
  'data-nc': ['CC-BY-NC-4.0@dpg.yml declared', 'CC-BY-NC-4.0@LICENSE text'],
  'data-licence-file': ['MIT@LICENSE text', 'CC-BY-SA-4.0@LICENSE.data.md notice'],
  'readme-per-part': ['AGPL-3.0-only@LICENSE spdx-header', 'AGPL-3.0-only@README.md notice', 'CC-BY-SA-4.0@README.md notice'],
  'readme-bold-list-items': ['AGPL-3.0-only@LICENSE spdx-header', 'AGPL-3.0-only@README.md notice', 'CC-BY-SA-4.0@README.md notice'],
  'fhir-package': ['CC0-1.0@package.json manifest'],
  'brand-assets': ['AGPL-3.0-or-later@LICENSE spdx-header', 'CC-BY-NC-SA-4.0@brand/LICENSE notice'],
  'sub-package-isc': ['MIT@LICENSE text', 'Apache-2.0@backend/LICENSE text', 'ISC@backend/package.json manifest'],
};

describe('fixtures/licenses: what is identified where', () => {
  it('has a fixture folder for every case, and a case for every folder', () => {
    expect(fs.readdirSync(FIXTURES).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(name, async () => {
      const folder = path.join(FIXTURES, name);
      const report = await checkCandidate({ target: folder });
      expect(report.licenses.map(brief)).toEqual(expected);
    });
  }

  it('shows the difference of the modified MIT and where it is', async () => {
    const [license] = await identifyFolder(path.join(FIXTURES, 'mit-restricted'));
    expect(license?.diff).toEqual(['line 15: added "the software may not be used for military purposes or by any government agency"']);
    expect(license?.confidence).toBeLessThan(0.9);
  });

  it('says how an R stub, a REUSE file and a manifest name were read', async () => {
    const r = await identifyFolder(path.join(FIXTURES, 'r-package'));
    expect(r[0]?.note).toContain('"MIT + file LICENSE"');
    const reuse = await identifyFolder(path.join(FIXTURES, 'reuse'));
    expect(reuse.find((l) => l.path === 'LICENSES/MIT.txt')?.note).toBe('REUSE licence file for MIT');
    expect(reuse.find((l) => l.path === 'src/reminders.py')?.note).toContain('in 2 of');
  });
});

async function findings(folder: string): Promise<Report['findings']> {
  return (await checkCandidate({ target: path.join(FIXTURES, folder) })).findings.filter((f) => f.indicator === '2');
}

const line = (f: Report['findings'][number]): string => `${f.ruleId} ${f.status} ${f.messageId ?? ''}`;

describe('fixtures/licenses: indicator 2 findings', () => {
  it('a LICENSE that is MIT while the declaration says BSD-3-Clause is a gap (both approved), naming both files', async () => {
    const found = await findings('declared-bsd-license-mit');
    const mismatch = found.find((f) => f.ruleId === 'dpg-2-04' && f.status === 'gap' && f.messageId === 'approvedMismatch');
    expect(mismatch?.message).toContain('MIT in LICENSE line 1');
    expect(mismatch?.message).toContain('declared in dpg.yml (BSD-3-Clause)');
    expect(mismatch?.evidence.map((e) => ('path' in e ? e.path : ''))).toEqual(['LICENSE', 'dpg.yml']);
  });

  it('content under CC-BY-ND-4.0 fails', async () => {
    expect((await findings('content-nd')).map(line)).toContain('dpg-2-02 fail notApproved');
  });

  it('content under CC-BY-NC-SA-4.0 passes, noting that commercial reuse is not allowed', async () => {
    const approved = (await findings('content-nc-sa')).find((f) => f.ruleId === 'dpg-2-02');
    expect(approved?.status).toBe('pass');
    expect(approved?.message).toContain('forbids commercial reuse');
  });

  it('a data set under CC-BY-NC-4.0 fails', async () => {
    const approved = (await findings('data-nc')).find((f) => f.ruleId === 'dpg-2-02');
    expect(approved?.status).toBe('fail');
    expect(approved?.message).toContain('not for data');
  });

  it('an MIT text with a restriction added does not pass as MIT', async () => {
    const found = await findings('mit-restricted');
    expect(found.map(line)).toEqual(expect.arrayContaining(['dpg-2-06 gap modified', 'dpg-2-04 pass nothingFound']));
    expect(found.find((f) => f.ruleId === 'dpg-2-04')?.message).toContain('probably MIT, modified');
  });

  it('code and data licences in LICENSE-CODE and LICENSE-DATA agree with their scoped declaration', async () => {
    const found = await findings('code-and-data');
    expect(found.filter((f) => f.status !== 'pass' && f.status !== 'n/a').map(line)).toEqual([]);
    expect(found.find((f) => f.ruleId === 'dpg-2-03')?.message).toBe('Licence file(s) in the candidate: LICENSE-CODE (Apache-2.0) and LICENSE-DATA.md (CC-BY-4.0).');
  });

  it('an AI system with no answer about its training data is a gap, never a fail (1.1.7, #193)', async () => {
    const report = await checkCandidate({ target: 'fixtures/candidates/ai-missing-training-data' });
    expect(report.findings.filter((f) => f.ruleId === 'dpg-2-05').map((f) => f.status)).toEqual(['pass', 'pass', 'gap']);
  });
});

describe('where licences are looked for', () => {
  it('ranks licence file names as licensee does and ignores code files with licence names', () => {
    expect(licenseFileRank('LICENSE')).toBe(1);
    expect(licenseFileRank('LICENSE.md')).toBe(0.95);
    expect(licenseFileRank('COPYING')).toBe(0.9);
    expect(licenseFileRank('LICENSE-CODE')).toBe(0.8);
    expect(licenseFileRank('LICENSE.data.md')).toBe(0.8);
    expect(licenseFileRank('COPYING.LESSER')).toBe(0.75);
    expect(licenseFileRank('MIT-LICENSE')).toBe(0.7);
    expect(licenseFileRank('license.go')).toBeUndefined();
    expect(licenseFileRank('licensee.json')).toBeUndefined();
    expect(findLicenseFiles(['pkg/LICENSE', 'COPYING', 'LICENSE-DATA', 'LICENSE', 'LICENSES/MIT.txt', 'node_modules/x/LICENSE'])).toEqual(['LICENSE', 'COPYING', 'LICENSE-DATA', 'pkg/LICENSE']);
  });

  it('treats vendored trees, test fixtures and third-party notices as other projects\'', () => {
    for (const p of ['node_modules/a/LICENSE', 'vendor/b/COPYING', 'third_party/c/LICENSE', 'src/3rdparty/LICENSE', 'test/fixtures/LICENSE', 'THIRD-PARTY-NOTICES.txt', 'ThirdPartyNotices.txt', 'LICENSE-3RD-PARTY', 'licenses-third-party.md', '3rd-party-licenses.txt']) {
      expect(isThirdParty(p), p).toBe(true);
    }
    for (const p of ['LICENSE', 'pkg/LICENSE', 'docs/LICENSE.md', 'LICENSES/MIT.txt', 'LICENSE-DATA', 'party/LICENSE']) expect(isThirdParty(p), p).toBe(false);
  });

  it('reads notices that name a licence', () => {
    expect(findNotices('Licensed under the Apache License, Version 2.0 (the "License");').map((n) => n.spdx)).toEqual(['Apache-2.0']);
    expect(findNotices('This program is free software: you can redistribute it and/or modify\nit under the terms of the GNU General Public License as published by\nthe Free Software Foundation, either version 3 of the License, or\n(at your option) any later version.').map((n) => n.spdx)).toEqual(['GPL-3.0-or-later']);
    expect(findNotices('Released under GPL v3 or later.').map((n) => n.spdx)).toEqual(['GPL-3.0-or-later']);
    expect(findNotices('This work is licensed under a Creative Commons Attribution-ShareAlike 4.0 International License.').map((n) => n.spdx)).toEqual(['CC-BY-SA-4.0']);
    // project-aedes' README: the licence's words with spaces, not hyphens, between them.
    expect(findNotices('This work is licensed under the Creative Commons Attribution Share Alike 4.0 International licence.').map((n) => n.spdx)).toEqual(['CC-BY-SA-4.0']);
    expect(creativeCommonsTitle('Attribution Share Alike 4.0 International\n\n=======================================================================\n')).toBe('CC-BY-SA-4.0');
    expect(findNotices('Licensed under the Creative Commons Attribution Non Commercial No Derivatives 4.0 International licence.').map((n) => n.spdx)).toEqual(['CC-BY-NC-ND-4.0']);
    expect(findNotices('Licensed under either of Apache License, Version 2.0 or MIT license at your option.').map((n) => n.spdx)).toEqual(['Apache-2.0 OR MIT']);
    expect(findNotices('This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.').map((n) => n.spdx)).toEqual(['MPL-2.0']);
    expect(findNotices('The code is licensed under the BSD licence.')).toEqual([]);
    expect(findNotices('We like the MIT licence very much.')).toEqual([]);
    expect(namesIn('https://creativecommons.org/licenses/by-nc-nd/4.0/')).toEqual(['CC-BY-NC-ND-4.0']);
    expect(namesIn('CC BY-NC 4.0')).toEqual(['CC-BY-NC-4.0']);
  });

  it('reads a licence header template, comment leaders and all: an LGPL header is the LGPL, not the GPL', () => {
    const header = '/**\n * Copyright (C) ${year} City Health Department\n *\n * This program is free software: you can redistribute it and/or modify it under the terms of the GNU\n * Lesser General Public License as published by the Free Software Foundation, either version 3 of the\n * License, or (at your option) any later version.\n */\n';
    expect(findNotices(header).map((n) => [n.spdx, n.line])).toEqual([['LGPL-3.0-or-later', 4]]);
    expect(findNotices('# Licensed under the GNU Library General Public License, version 2 or later').map((n) => n.spdx)).toEqual(['LGPL-2.0-or-later']);
    expect(findNotices('Licensed under the GNU Lesser General Public License, version 2.1').map((n) => n.spdx)).toEqual(['LGPL-2.1-only']);
  });

  it('splits a notice naming a licence per part into one per part', () => {
    expect(findNotices('- Code released under the GNU Affero General Public License v3.0\n- Docs released under [Creative Commons](https://creativecommons.org/licenses/by/3.0/).').map((n) => [n.spdx, n.part])).toEqual([['AGPL-3.0-only', 'software'], ['CC-BY-3.0', 'documentation']]);
    expect(findNotices('The source code is released under AGPL-3.0 and the data under ODbL.').map((n) => [n.spdx, n.part])).toEqual([['AGPL-3.0-only', 'software'], ['ODbL-1.0', 'data']]);
    expect(findNotices('Licensed under the Open Database License (ODbL).').map((n) => [n.spdx, n.part])).toEqual([['ODbL-1.0', undefined]]);
    // The part word nearest the verb is the subject (ushahidi's LICENSE.md): code, though "Data" comes first.
    expect(findNotices('* Data Provider modules - some of this code is released under GPLv3').map((n) => [n.spdx, n.part])).toEqual([['GPL-3.0-only', undefined]]);
    expect(findNotices('The data collected by the app is licensed under CC-BY-4.0.').map((n) => [n.spdx, n.part])).toEqual([['CC-BY-4.0', 'data']]);
    // Two licences for one thing stay one expression.
    expect(findNotices('Licensed under either of Apache License, Version 2.0 or MIT license at your option.').map((n) => n.spdx)).toEqual(['Apache-2.0 OR MIT']);
  });

  it('reads an RTF licence file (an installer\'s) as its text, line for line', async () => {
    // OptiKey's installer/resources/LICENSE.rtf: the GPL-3.0 in RTF, as WiX installers show it.
    const mit = await fs.promises.readFile(path.join(FIXTURES, 'vendored/LICENSE'), 'utf8');
    const rtf = (text: string): string => `{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\fswiss Helvetica;}}{\\colortbl ;\\red0\\green0\\blue255;}{\\*\\generator Riched20 10.0;}\\viewkind4\\uc1\n`
      + text.split('\n').map((line) => `\\pard\\sa180\\b0\\f0\\fs20 ${line.replace(/"([^"]*)"/g, '\\ldblquote $1\\rdblquote ').replace(/©/g, "\\'a9")}\\par`).join('\n') + '\n}\n';
    const found = identifyLicenses(createMemorySnapshot({ 'installer/LICENSE.rtf': rtf(mit), 'LICENSE.rtf': rtf(mit.replace('The above copyright notice', 'Not for commercial use. The above copyright notice')) }), makeDeclarationView(undefined));
    expect(found.map(brief)).toEqual(['MIT@LICENSE.rtf text review', 'MIT@installer/LICENSE.rtf text']);
    // The line of a difference is the file's own line.
    expect(found[0]?.diff?.join("\n")).toMatch(/line \d+: added "not for commercial use"/);
    const { rtfToText } = await import('../src/licenses/rtf.js');
    expect(rtfToText("{\\rtf1{\\fonttbl{\\f0 Arial;}}{\\*\\fldinst{HYPERLINK \"https://fsf.org/\"}}{\\fldrslt{https://fsf.org/}} \\u8220?quoted\\u8221? \\'93cp\\'94 a\\{b\\}\\par\nnext}")).toBe('https://fsf.org/ \u201cquoted\u201d \u201ccp\u201d a{b} \nnext');
  });

  it('follows a file that points to another, and recognises R stubs', async () => {
    expect(pointerTarget('See LICENSE.md for the licence.\n')).toBe('LICENSE.md');
    expect(pointerTarget(`${'word '.repeat(60)} see LICENSE.md`)).toBeUndefined();
    expect(isRLicenseStub('YEAR: 2024\nCOPYRIGHT HOLDER: Jane Doe\n')).toBe(true);
    const snapshot = createMemorySnapshot({ LICENSE: 'Please see docs/LICENSE.txt\n', 'docs/LICENSE.txt': (await fs.promises.readFile(path.join(FIXTURES, 'vendored/LICENSE'), 'utf8')) });
    const found = identifyLicenses(snapshot, makeDeclarationView(undefined));
    expect(found.map(brief)).toEqual(['MIT@docs/LICENSE.txt text']);
    expect(found[0]?.note).toBe('LICENSE points to this file');
  });

  it('finds the README\'s licence section', () => {
    expect(licenseSection('# X\n\nIntro.\n\n## Licence\n\nMIT, see LICENSE.\n\n## Contributing\n\nYes.\n')).toEqual({ text: '\nMIT, see LICENSE.\n', line: 6 });
    expect(licenseSection('Title\n=====\n\nLicense\n-------\nApache 2.0\n')?.text).toBe('Apache 2.0\n');
  });

  it('reads the licence fields of the main ecosystems\' manifests', () => {
    const read = (name: string, text: string): string[] => (manifestReader(name)?.read(text) ?? []).map((l) => l.spdx);
    expect(read('package.json', '{"license": "MIT"}')).toEqual(['MIT']);
    expect(read('package.json', '{"licenses": [{"type": "MIT"}, {"type": "Apache-2.0"}]}')).toEqual(['MIT OR Apache-2.0']);
    expect(read('composer.json', '{"license": ["GPL-2.0-only", "MIT"]}')).toEqual(['GPL-2.0-only OR MIT']);
    expect(read('Cargo.toml', '[package]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n')).toEqual(['MIT OR Apache-2.0']);
    expect(read('pyproject.toml', '[project]\nname = "x"\nlicense = {text = "BSD-3-Clause"}\n')).toEqual(['BSD-3-Clause']);
    expect(read('pyproject.toml', '[project]\nname = "x"\nclassifiers = ["License :: OSI Approved :: Apache Software License"]\n')).toEqual(['Apache-2.0']);
    expect(read('pyproject.toml', '[tool.poetry]\nname = "x"\nlicense = "MIT"\n')).toEqual(['MIT']);
    expect(read('setup.cfg', '[metadata]\nname = x\nlicense = MPL-2.0\n')).toEqual(['MPL-2.0']);
    expect(read('setup.py', 'setup(name="x", license="GPL-3.0-or-later")')).toEqual(['GPL-3.0-or-later']);
    expect(read('pom.xml', '<project><licenses><license><name>The Apache Software License, Version 2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license></licenses></project>')).toEqual(['Apache-2.0']);
    expect(read('build.gradle', 'pom {\n  licenses {\n    license {\n      name = "Eclipse Public License 2.0"\n    }\n  }\n}')).toEqual(['EPL-2.0']);
    expect(read('x.gemspec', "Gem::Specification.new do |s|\n  s.licenses = ['MIT', 'Ruby']\nend")).toEqual(['MIT OR Ruby']);
    expect(read('DESCRIPTION', 'Package: x\nLicense: GPL (>= 2)\n')).toEqual(['GPL-2.0-or-later']);
    expect(read('mix.exs', 'def package do\n  [licenses: ["Apache-2.0"]]\nend')).toEqual(['Apache-2.0']);
    expect(read('App.csproj', '<Project><PropertyGroup><PackageLicenseExpression>MIT</PackageLicenseExpression></PropertyGroup></Project>')).toEqual(['MIT']);
    expect(read('x.nuspec', '<package><metadata><license type="expression">Apache-2.0</license></metadata></package>')).toEqual(['Apache-2.0']);
    // npm's "no licence" marker is no SPDX expression (and not the Unlicense): NOASSERTION, with what was written in raw.
    expect(read('package.json', '{"license": "UNLICENSED"}')).toEqual(['NOASSERTION']);
    expect(read('package.json', 'not json')).toEqual([]);
  });

  it('turns R licence specifications into SPDX expressions', () => {
    expect(fromRLicense('MIT + file LICENSE')).toEqual({ spdx: 'MIT', file: 'LICENSE' });
    expect(fromRLicense('GPL-2 | GPL-3')).toEqual({ spdx: 'GPL-2.0-only OR GPL-3.0-only' });
    expect(fromRLicense('LGPL (>= 2.1)')).toEqual({ spdx: 'LGPL-2.1-or-later' });
    expect(fromRLicense('file LICENSE')).toEqual({ file: 'LICENSE' });
  });
});

const licensee = sharedInput('corpus/licensee-fixtures', 'test/licenses-identify.test.ts', 'the agreement with licensee\'s labelled fixtures');
const LICENSEE = licensee.path;

interface Label { key: string | null }

/**
 * Agreement with a licensee label. `other` means licensee found a licence
 * file it could not name from its ~47 licences: we agree when we do not claim
 * plainly one of those (naming a licence outside its list, e.g. CC-BY-ND-4.0,
 * is the narrower label; several licences, or a review, is what "other"
 * means). No key: licensee found no licence file.
 */
function agrees(label: string | null, summary: LicenseSummary, known: ReadonlySet<string>): boolean {
  const families = summary.licenses.map(licenseFamily);
  const plain = families.length === 1 && !summary.review && summary.unidentified.length === 0;
  if (label === null) return families.length === 0 && summary.unidentified.length === 0;
  if (label === 'no-license') return families.length === 0;
  if (label === 'other') return !(plain && known.has(families[0] as string));
  return plain && families[0] === label;
}

/** What we identify where licensee says "other", and why that is right (see docs/licences.md). */
const OTHER: Readonly<Record<string, string>> = {
  'bsd-plus-patents': 'BSD-3-Clause + review (unidentified: PATENTS)',
  'case-sensitive': 'nothing + review (unidentified: LiCeNsE.TxT)',
  'cc-by-nc-sa': 'CC-BY-NC-SA-4.0',
  'cc-by-nd': 'CC-BY-ND-4.0',
  'description-license': 'MIT',
  'fcpl-modified-mpl': 'MPL-2.0 + review',
  'licenses-dir-with-multiple-license-files': 'MIT, MPL-2.0',
  'licenses-dir-with-top-level-license': 'Apache-2.0, MIT',
  'multiple-license-files': 'MIT, MPL-2.0',
  'pixar-modified-apache': 'Pixar',
  'wrk-modified-apache': 'Apache-2.0 + review',
};

function describeSummary(summary: LicenseSummary): string {
  const named = summary.licenses.length > 0 ? summary.licenses.join(', ') : 'nothing';
  const unidentified = summary.unidentified.length > 0 ? ` (unidentified: ${summary.unidentified.join(', ')})` : '';
  return `${named}${summary.review ? ' + review' : ''}${unidentified}`;
}

describe.skipIf(!licensee.present)('agreement with licensee\'s labelled fixtures', () => {
  it('reaches at least 95% (every case listed with what we found)', async () => {
    const labels = parse(fs.readFileSync(path.join(LICENSEE, 'fixtures.yml'), 'utf8')) as Record<string, Label>;
    const known = new Set(Object.keys(JSON.parse(fs.readFileSync(path.join(LICENSEE, 'license-hashes.json'), 'utf8')) as Record<string, string>));
    const disagreements: string[] = [];
    /** Cases licensee labels `other` where we name a licence it knows, checked right by hand (OTHER): the label is the narrower. */
    const rightLabelNarrower: string[] = [];
    let agreed = 0;
    for (const [name, label] of Object.entries(labels)) {
      const summary = summarizeLicenses(await identifyFolder(path.join(LICENSEE, name)));
      if (label.key === 'other') expect(describeSummary(summary), name).toBe(OTHER[name]);
      if (agrees(label.key ?? null, summary, known)) agreed++;
      else if (label.key === 'other' && describeSummary(summary) === OTHER[name]) { agreed++; rightLabelNarrower.push(name); }
      else disagreements.push(`${name}: labelled ${label.key}, found ${describeSummary(summary)}`);
    }
    const total = Object.keys(labels).length;
    expect(total).toBe(64);
    expect(disagreements).toEqual([]);
    // DESCRIPTION says "MIT + file LICENSE" and LICENSE is R's year/holder stub: the package is MIT.
    expect(rightLabelNarrower).toEqual(['description-license']);
    expect(agreed / total).toBeGreaterThanOrEqual(0.95);
  });
});

/** `spdx@path scope[:covers]`. */
const scoped = (l: IdentifiedLicense): string => `${l.spdx}@${l.path} ${l.scope ?? '-'}${l.covers ? `:${l.covers}` : ''}`;

describe('licence scope: the project, a component, third-party', () => {
  it('a licence file whose name scopes it (LICENSE.data.md) covers that part, beside the project licence', async () => {
    const report = await checkCandidate({ target: path.join(FIXTURES, 'data-licence-file') });
    expect(report.licenses.map(scoped)).toEqual(['MIT@LICENSE project', 'CC-BY-SA-4.0@LICENSE.data.md component:data']);
    expect(report.candidate.license).toEqual({ expression: 'MIT', evidence: [{ kind: 'file', path: 'LICENSE', line: 1 }] });
  });

  it('without a declaration, a data licence beside the software\'s is a gap that asks, never a fail for the software', async () => {
    const report = await checkCandidate({ target: path.join(FIXTURES, 'data-licence-file') });
    const two = report.findings.filter((f) => f.indicator === '2');
    expect(two.filter((f) => f.status === 'fail')).toEqual([]);
    expect(two.map(line)).toContain('dpg-2-02 gap componentAsks');
    expect(report.indicators.find((i) => i.id === '2')?.verdict).toBe('gap');
  });

  it('a README section naming a licence per part gives one entry per part, never an AND', async () => {
    const report = await checkCandidate({ target: path.join(FIXTURES, 'readme-per-part') });
    expect(report.licenses.filter((l) => l.path === 'README.md').map(scoped)).toEqual(['AGPL-3.0-only@README.md project', 'CC-BY-SA-4.0@README.md component:data']);
    expect(report.licenses.some((l) => / AND /.test(l.spdx))).toBe(false);
    expect(report.candidate.license?.expression).toBe('AGPL-3.0-only');
  });

  it('a FHIR package at the root (an implementation guide) licenses that content, not the software', async () => {
    // The pattern of mHero's root package.json (fhirVersions, hl7.fhir.r4.core, CC0-1.0): read as the project's
    // licence, it failed dpg-2-02 ("CC0-1.0 is not on the DPGA's approved list for software").
    const report = await checkCandidate({ target: path.join(FIXTURES, 'fhir-package') });
    expect(report.licenses.map(scoped)).toEqual(['CC0-1.0@package.json component:content']);
    expect(report.findings.filter((f) => f.ruleId === 'dpg-2-02' && f.status === 'fail')).toEqual([]);
    // The software's licence is then unknown: a gap that asks for it.
    expect(report.findings.filter((f) => f.ruleId === 'dpg-2-02').map((f) => f.status)).toEqual(['gap']);
    expect(manifestReader('package.json')?.read('{"name":"app","license":"CC0-1.0","dependencies":{"fhir":"4.0.0"}}')).toEqual([{ spdx: 'CC0-1.0', line: 1 }]);
  });

  it('each item of a README list is its own sentence: "* **Software** … licensed under AGPL / * **Data** … licensed under CC-BY-SA" is no AND for the software', async () => {
    // The pattern of unicef/kindly's README, whose two items read as one sentence: a false dpg-2-02 fail
    // ("AGPL-3.0-only AND CC-BY-SA-4.0 is not approved for software") on a recognised DPG.
    const report = await checkCandidate({ target: path.join(FIXTURES, 'readme-bold-list-items') });
    expect(report.licenses.filter((l) => l.path === 'README.md').map(scoped)).toEqual(['AGPL-3.0-only@README.md project', 'CC-BY-SA-4.0@README.md component:data']);
    expect(report.findings.filter((f) => f.indicator === '2' && f.status === 'fail')).toEqual([]);
    const items = '* **Software** here is licensed under the GNU Affero General Public License v3.0\n* **Data** here is licensed under the Creative Commons Attribution-ShareAlike 4.0';
    expect(findNotices(items, { prose: true }).map((n) => [n.spdx, n.line, n.part])).toEqual([['AGPL-3.0-only', 1, undefined], ['CC-BY-SA-4.0', 2, 'data']]);
    // A paragraph ends a sentence in prose; a line break inside one does not.
    expect(findNotices('Released under the\nMIT license\n\nThe logo is CC-BY-4.0', { prose: true }).map((n) => n.spdx)).toEqual(['MIT']);
    // A sentence that stops at the list or paragraph before its licence introduces it, and reads on.
    const either = 'Licensed under either of\n\n * Apache License, Version 2.0 ([LICENSE-APACHE](LICENSE-APACHE))\n * MIT license ([LICENSE-MIT](LICENSE-MIT))\n\nat your option.';
    expect(findNotices(either, { prose: true }).map((n) => n.spdx)).toEqual(['Apache-2.0 OR MIT']);
    expect(findNotices('This project is released under the\n\n[MIT License](LICENSE)', { prose: true }).map((n) => n.spdx)).toEqual(['MIT']);
    const following = 'This repository is licensed under the following licenses:\n\n- Code: [AGPL-3.0](LICENSE)\n- Data: [CC-BY-SA-4.0](LICENSE.data)';
    expect(findNotices(following, { prose: true }).map((n) => [n.spdx, n.part])).toEqual([['AGPL-3.0-only', 'software'], ['CC-BY-SA-4.0', 'data']]);
    // In a licence header, " * " leads every line of one sentence: not list items.
    expect(findNotices(' * Licensed under the GNU Lesser\n * General Public License, version 2.1').map((n) => n.spdx)).toEqual(['LGPL-2.1-only']);
  });

  it('a brand folder under CC-BY-NC-SA beside an AGPL application is a component; the project licence stays AGPL', async () => {
    const report = await checkCandidate({ target: path.join(FIXTURES, 'brand-assets') });
    expect(report.licenses.map(scoped)).toEqual(['AGPL-3.0-or-later@LICENSE project', 'CC-BY-NC-SA-4.0@brand/LICENSE component:brand']);
    expect(report.candidate.license?.expression).toBe('AGPL-3.0-or-later');
    expect(report.findings.filter((f) => f.indicator === '2').map(line)).toContain('dpg-2-02 pass componentApproved');
  });

  it('a sub-package whose package.json (ISC) and LICENSE (Apache-2.0) disagree is a component note, never a fail', async () => {
    const report = await checkCandidate({ target: path.join(FIXTURES, 'sub-package-isc') });
    expect(report.licenses.map(scoped)).toEqual(['MIT@LICENSE project', 'Apache-2.0@backend/LICENSE component:backend', 'ISC@backend/package.json component:backend']);
    expect(report.findings.filter((f) => f.indicator === '2' && f.status === 'fail')).toEqual([]);
    expect(report.candidate.license?.expression).toBe('MIT');
  });

  it('vendored code\'s licences are third-party and not judged', async () => {
    const found = identifyLicenses(createMemorySnapshot({
      LICENSE: 'SPDX-License-Identifier: MIT\n',
      'static/lib/jquery-3.5.1/LICENSE.txt': 'SPDX-License-Identifier: GPL-2.0-only\n',
      'THIRD-PARTY-NOTICES.txt': 'SPDX-License-Identifier: BSD-4-Clause\n',
    }), makeDeclarationView(undefined), undefined, (p) => (p.startsWith('static/lib/') ? 'vendored' : 'own'));
    expect(found.map(scoped)).toEqual(['MIT@LICENSE project', 'GPL-2.0-only@static/lib/jquery-3.5.1/LICENSE.txt third-party:static/lib/jquery-3.5.1']);
  });

  it('the README sentence a Laravel application keeps ("The Laravel framework is … licensed under MIT") is not the project\'s licence, unless the repository is that framework', async () => {
    // bisa-health: an app with no licence file, credited with MIT by Laravel's README skeleton.
    const readme = '# Bisa\n\nA health app.\n\n## License\nThe Laravel framework is open-sourced software licensed under the [MIT license](https://opensource.org/licenses/MIT).\n';
    const app = identifyLicenses(createMemorySnapshot({ 'README.md': readme, 'artisan': '#!/usr/bin/env php\n' }, { source: { kind: 'local', location: '/work/bisa-health' } }), makeDeclarationView(undefined));
    expect(app.map(scoped)).toEqual([]);
    const framework = identifyLicenses(createMemorySnapshot({ 'README.md': readme }, { source: { kind: 'github', location: 'https://github.com/laravel/laravel' } }), makeDeclarationView(undefined));
    expect(framework.map(scoped)).toEqual(['MIT@README.md project']);
    const own = identifyLicenses(createMemorySnapshot({ 'README.md': '# App\n\n## License\nThis project is licensed under the MIT license.\n' }, { source: { kind: 'local', location: '/work/app' } }), makeDeclarationView(undefined));
    expect(own.map(scoped)).toEqual(['MIT@README.md project']);
  });

  it('a header in one helper script under another approved licence is a component; a header saying the project licence is the project\'s', async () => {
    const found = identifyLicenses(createMemorySnapshot({
      LICENSE: 'SPDX-License-Identifier: Apache-2.0\n',
      'src/app.js': '// SPDX-License-Identifier: Apache-2.0\n',
      'scripts/release.sh': '#!/bin/sh\n# SPDX-License-Identifier: MIT\n',
    }), makeDeclarationView(undefined));
    expect(found.map(scoped)).toEqual(['Apache-2.0@LICENSE project', 'MIT@scripts/release.sh component:scripts/release.sh', 'Apache-2.0@src/app.js project']);
  });
});

describe('links marked rel="license"', () => {
  it('names the licence each links to, once, with its line', () => {
    const text = 'Intro\n<a rel="license" href="http://creativecommons.org/licenses/by-sa/4.0/"><img src="x.png"/></a>\nThis work is licensed under a <a rel="license" href="http://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>.\n<a href="https://opensource.org/licenses/MIT" rel=\'noopener license\'>MIT</a>\n';
    expect(relLicenseLinks(text)).toEqual([
      { spdx: 'CC-BY-SA-4.0', line: 2, href: 'http://creativecommons.org/licenses/by-sa/4.0/' },
      { spdx: 'MIT', line: 4, href: 'https://opensource.org/licenses/MIT' },
    ]);
  });
  it('ignores other links, and rel values that only contain the word', () => {
    expect(relLicenseLinks('<a rel="nofollow" href="https://creativecommons.org/licenses/by/4.0/">x</a> <a rel="licenses" href="https://opensource.org/licenses/MIT">y</a> <a rel="license" href="https://example.org/terms">z</a>')).toEqual([]);
  });
});

describe('SPDX that is SPDX', () => {
  // Every fixture folder holding a candidate: fixtures/licenses/, fixtures/candidates/ and the candidates-* folders.
  const folders = ['fixtures/licenses', 'fixtures/candidates', 'fixtures/candidates-evidence', 'fixtures/candidates-deps']
    .filter((root) => fs.existsSync(root))
    .flatMap((root) => fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(root, d.name)))
    // A declaration that does not parse stops the check before any report.
    .filter((folder) => !folder.endsWith('malformed-declaration'));

  it.each(folders)('%s: every licenses[].spdx is a valid SPDX expression or NOASSERTION; candidate.license when a licence was identified', async (folder) => {
    const report = await checkCandidate({ target: folder });
    for (const license of report.licenses) expect(isSpdxOrNoassertion(license.spdx), `${license.path}: ${license.spdx}`).toBe(true);
    for (const license of report.licenses) expect(['project', 'component', 'third-party']).toContain(license.scope);
    const identified = report.licenses.some((l) => l.scope !== 'third-party');
    expect(report.candidate.license !== undefined).toBe(identified);
    if (report.candidate.license) expect(isSpdxOrNoassertion(report.candidate.license.expression)).toBe(true);
  });

  it('manifest spellings become SPDX ids, what was written kept in raw; ambiguous ones NOASSERTION and a review', () => {
    const found = identifyLicenses(createMemorySnapshot({
      'package.json': '{"license": "The MIT License (MIT)"}',
      'a/package.json': '{"license": "GPL"}',
      'b/pom.xml': '<project><licenses><license><name>The Apache Software License, Version 2.0</name></license></licenses></project>',
      'c/setup.py': 'setup(license="BSD")',
      'd/composer.json': '{"license": "proprietary"}',
    }), makeDeclarationView(undefined));
    expect(found.map((l) => [l.path, l.spdx, l.raw, l.review ?? false])).toEqual([
      ['package.json', 'MIT', 'The MIT License (MIT)', false],
      ['a/package.json', 'NOASSERTION', 'GPL', true],
      ['b/pom.xml', 'Apache-2.0', 'The Apache Software License, Version 2.0', false],
      ['c/setup.py', 'NOASSERTION', 'BSD', true],
      ['d/composer.json', 'NOASSERTION', 'proprietary', true],
    ]);
  });
});

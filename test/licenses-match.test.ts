/**
 * Licence identification from text: every SPDX reference text identifies as
 * itself, formatting variants still match, modified texts become "review",
 * and near twins are told apart.
 */
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import fc from 'fast-check';
import { identifyLicenseText, formatDifferences } from '../src/licenses/match.js';
import { loadLicenseIndex, normalizerFingerprint, Vocabulary } from '../src/licenses/license-index.js';
import { normalizeLicenseText, PLACEHOLDER } from '../src/licenses/normalize.js';
import { alignWords } from '../src/licenses/diff.js';

const require = createRequire(import.meta.url);
const SPDX = require('spdx-license-list/full') as Record<string, { licenseText: string; name: string }>;
const text = (id: string): string => (SPDX[id] as { licenseText: string }).licenseText;

const POPULAR = [
  'MIT', 'MIT-0', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'BSD-3-Clause-Clear', '0BSD', 'Zlib', 'BSL-1.0', 'Unlicense',
  'GPL-2.0-only', 'GPL-3.0-only', 'AGPL-3.0-only', 'LGPL-2.1-only', 'LGPL-3.0-only', 'MPL-2.0', 'EPL-2.0', 'EUPL-1.2', 'SSPL-1.0',
  'CC-BY-4.0', 'CC-BY-SA-4.0', 'CC-BY-NC-4.0', 'CC-BY-NC-SA-4.0', 'CC-BY-ND-4.0', 'CC0-1.0', 'ODbL-1.0', 'CC-BY-3.0', 'CC-BY-SA-3.0-IGO',
];
const REPORTED: Readonly<Record<string, string>> = { 'GPL-2.0-only': 'GPL-2.0', 'GPL-3.0-only': 'GPL-3.0', 'AGPL-3.0-only': 'AGPL-3.0', 'LGPL-2.1-only': 'LGPL-2.1', 'LGPL-3.0-only': 'LGPL-3.0' };

function top(input: string): { id: string; verdict: string; confidence: number } | undefined {
  const [first] = identifyLicenseText(input);
  return first ? { id: first.id, verdict: first.verdict, confidence: first.confidence } : undefined;
}

/** Re-wraps paragraphs at a width, as editors and other projects do. */
function rewrap(input: string, width: number): string {
  return input.split(/\n\s*\n/).map((paragraph) => {
    const words = paragraph.split(/\s+/).filter(Boolean);
    const lines: string[] = [];
    let line = '';
    for (const word of words) {
      if (line.length + word.length + 1 > width && line !== '') { lines.push(line); line = word; } else line = line === '' ? word : `${line} ${word}`;
    }
    if (line) lines.push(line);
    return lines.join('\n');
  }).join('\n\n');
}

function markdown(input: string): string {
  const paragraphs = input.split(/\n\s*\n/);
  return paragraphs.map((p, i) => (i === 0 ? `# ${p.trim()}` : /^\d+(\.\d+)*\.? /.test(p.trim()) ? `**${p.trim().replace(/^(\d+(?:\.\d+)*\.?)/, '$1**')}` : p)).join('\n\n')
    .replace(/"([^"\n]{1,40})"/g, '“$1”');
}

describe('the reference index', () => {
  it('loads every SPDX licence with a text, GNU -only/-or-later texts under their family id', () => {
    const index = loadLicenseIndex();
    expect(index.entries.length).toBeGreaterThan(600);
    const gpl = index.entries.find((e) => e.ids.includes('GPL-3.0-only'));
    expect(gpl?.id).toBe('GPL-3.0');
    expect(gpl?.ids).toEqual(expect.arrayContaining(['GPL-3.0-only', 'GPL-3.0-or-later']));
    expect(index.entries.some((e) => e.ids.includes('GPL-2.0+'))).toBe(false);
    expect(index.entries.find((e) => e.id === 'Apache-2.0')?.optional?.length).toBeGreaterThan(0);
  });
  it('finds every word of the vocabulary by its id and back, and no word it does not hold', () => {
    const words = ['the', 'licence', '', 'the-end', 'é', 'a\u0000b', 'licences', 'thé', 'z'.repeat(300)];
    const vocabulary = new Vocabulary(words.join('\n'));
    expect(vocabulary.size).toBe(words.length);
    words.forEach((word, id) => {
      expect(vocabulary.idOf(word), word).toBe(id);
      expect(vocabulary.wordAt(id)).toBe(word);
    });
    for (const absent of ['th', 'thee', 'licenc', 'the\nlicence', 'Z', 'z'.repeat(299)]) expect(vocabulary.idOf(absent), absent).toBeUndefined();
    expect([vocabulary.wordAt(-1), vocabulary.wordAt(words.length), vocabulary.wordAt(1.5)]).toEqual(['', '', '']);
    // The index's own: all 10,000-odd words round-trip (a lost or misplaced slot would show here).
    const index = loadLicenseIndex();
    for (let id = 0; id < index.vocabulary.size; id++) if (index.vocabulary.idOf(index.vocabulary.wordAt(id)) !== id) expect.fail(`word ${id} (${index.vocabulary.wordAt(id)})`);
    expect(index.vocabulary.size).toBeGreaterThan(5000);
  });
  it('uses the lookup table the build stored with the word ids, and makes its own when a stored one does not fit', () => {
    const index = loadLicenseIndex();
    const text = Array.from({ length: index.vocabulary.size }, (_, id) => index.vocabulary.wordAt(id)).join('\n');
    const made = new Vocabulary(text).tables();
    expect(index.vocabulary.tables().starts).toEqual(made.starts);
    expect(index.vocabulary.tables().slots).toEqual(made.slots);
    // Tables of another vocabulary (a stale or foreign .bin file) are not used.
    const foreign = new Vocabulary('one\ntwo\nthree', { starts: new Uint32Array(3), slots: new Uint32Array(16) });
    expect(['one', 'two', 'three'].map((w) => foreign.idOf(w))).toEqual([0, 1, 2]);
  });
  it.skipIf(!fs.existsSync('dist/bundle/cli.cjs'))('the command line bundle carries the normaliser fingerprint of its own code', () => {
    // scripts/build-bundle.mjs defines it, so that the bundle need not normalise the probe text at start.
    const bundle = fs.readFileSync('dist/bundle/cli.cjs', 'latin1');
    const fingerprint = normalizerFingerprint();
    // esbuild writes the string's control characters (the placeholder's \u0001) as they are, and folds the
    // `typeof … === 'string'` test of the defined constant away (minifySyntax).
    expect([`"${fingerprint}"`, JSON.stringify(fingerprint)].some((literal) => bundle.includes(`bundledNormalizer=${literal}`))).toBe(true);
  });
});

describe('identifyLicenseText: the SPDX texts themselves', () => {
  it('identifies (nearly) every reference text as itself', () => {
    const index = loadLicenseIndex();
    const wrong: string[] = [];
    for (const entry of index.entries) {
      const [first] = identifyLicenseText(text(entry.ids[0] as string));
      if (!first || !entry.ids.includes(first.ids[0] as string) || first.verdict !== 'match') wrong.push(`${entry.id} → ${first ? `${first.id} (${first.verdict})` : 'nothing'}`);
    }
    // `any-OSI` is a one-line meta licence ("any OSI-approved licence"), too short to match as a text.
    expect(wrong).toEqual(['any-OSI → nothing']);
  });

  it.each(POPULAR)('%s survives re-wrapping, markdown, curly quotes, CRLF and a filled-in copyright line', (id) => {
    const expected = REPORTED[id] ?? id;
    const original = text(id);
    const variants = {
      rewrapped: rewrap(original, 62),
      markdown: markdown(original),
      crlf: original.replace(/\n/g, '\r\n'),
      copyright: `Copyright (c) 2019-2024 Example Org and contributors\nAll rights reserved.\n\n${original}`,
    };
    for (const [name, variant] of Object.entries(variants)) {
      // SPDX's LGPL-3.0 text carries the GPL-3.0 after it: both are found.
      const found = identifyLicenseText(variant).map((m) => `${m.id} ${m.verdict}`);
      expect(found, `${id} ${name}`).toEqual(id === 'LGPL-3.0-only' ? expect.arrayContaining(['LGPL-3.0 match', 'GPL-3.0 match']) : [`${expected} match`]);
    }
  });
});

const MIT = `MIT License

Copyright (c) 2024 Open Health Collective

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

describe('identifyLicenseText: modified licences', () => {
  it('an MIT text with a restricting sentence added is "probably MIT, review", with the sentence shown', () => {
    const modified = MIT.replace('copies or substantial portions of the Software.\n', 'copies or substantial portions of the Software.\n\nThe Software may not be used for military purposes.\n');
    const [match] = identifyLicenseText(modified);
    expect(match).toMatchObject({ id: 'MIT', verdict: 'review' });
    expect(match?.confidence).toBeLessThan(0.9);
    expect(formatDifferences(match?.differences ?? [])).toEqual(['line 15: added "the software may not be used for military purposes"']);
  });

  it('a one-word restriction ("not") is caught though the edit is short', () => {
    const modified = MIT.replace('to any person obtaining', 'to any person not obtaining');
    expect(top(modified)).toMatchObject({ id: 'MIT', verdict: 'review' });
  });

  it('a deleted clause is a review', () => {
    const modified = MIT.replace('The above copyright notice and this permission notice shall be included in all\ncopies or substantial portions of the Software.\n', '');
    const [match] = identifyLicenseText(modified);
    // Without its condition MIT is MIT-0 in all but the title: either way not plain MIT.
    expect(match?.id === 'MIT' ? match.verdict : match?.id).not.toBe('match');
  });

  it('a sentence appended after the licence is a review ("shall be used for Good, not Evil")', () => {
    expect(top(`${MIT}\nThe Software shall be used for Good, not Evil.\n`)).toMatchObject({ id: 'MIT', verdict: 'review' });
  });

  it('a preface paragraph before the licence is fine', () => {
    const prefaced = `This project is distributed under the terms of the MIT licence, reproduced below. Contributions are accepted under the same terms.\n\n${MIT}`;
    expect(top(prefaced)).toMatchObject({ id: 'MIT', verdict: 'match' });
  });

  it('a preface naming the licence below it, with restricting words only in passing, is the licence', () => {
    // openbaraza's license.txt and your-priorities' LICENSE.md: the project names its licence above the GPL / AGPL.
    const gpl = text('GPL-3.0-only');
    const named = 'Openbaraza HCM - Open source Human Capital Management software\n\nOpenbaraza HCM is released under the GPL v3\n\nOpenbaraza HCM may include other GPLv3 compatible works that are not listed here. Please refer to their corresponding licensing and copyright information.\n\n----------\n\n';
    expect(top(`${named}${gpl}`)).toMatchObject({ id: 'GPL-3.0', verdict: 'match' });
    const agpl = text('AGPL-3.0-only');
    expect(top(`# License\n\nYour Priorities - Citizens participation application\n\nEverything in this repo is under AGPL-3.0 license unless otherwise specified.\n\nCopyright (c) 2008-2022 Citizens Foundation Iceland. All rights reserved.\n\n${agpl}`)).toMatchObject({ id: 'AGPL-3.0', verdict: 'match' });
    // Traps: a preface that speaks of what the licence grants, one with a strong restriction, one naming another licence.
    expect(top(`Openbaraza HCM is released under the GPL v3. You may not redistribute it.\n\n${gpl}`)).toMatchObject({ id: 'GPL-3.0', verdict: 'review' });
    expect(top(`Openbaraza HCM is released under the GPL v3 for non-commercial purposes.\n\n${gpl}`)).toMatchObject({ id: 'GPL-3.0', verdict: 'review' });
    expect(top(`Openbaraza HCM is released under the MIT license unless otherwise specified.\n\n${gpl}`)).toMatchObject({ id: 'GPL-3.0', verdict: 'review' });
  });

  it('the licence\'s own notice above its text is the licence, and what the notice adds is still judged', () => {
    // globaleaks' and rapidpro's LICENSE: a name and a copyright line, the AGPL's how-to-apply notice, then the AGPL.
    const notice = [
      'Example Registry - a platform to record things.',
      '',
      'Copyright (C) 2012-2023 Example Org.',
      '',
      'This program is free software: you can redistribute it and/or modify it under the terms of the GNU Affero',
      'General Public License as published by the Free Software Foundation, either version 3 of the License, or (at',
      'your option) any later version.',
      '',
      'This program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even the',
      'implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU Affero General Public',
      'License for more details.',
      '',
      'You should have received a copy of the GNU Affero General Public License along with this program. If not, see',
      '<http://www.gnu.org/licenses/>.',
    ].join('\n');
    const agpl = text('AGPL-3.0-only');
    expect(top(`${notice}\n\n${agpl}`)).toMatchObject({ id: 'AGPL-3.0', verdict: 'match' });
    const apacheNotice = 'Copyright 2020 Example Org\n\nLicensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the License. You may obtain a copy of the License at\n\n    http://www.apache.org/licenses/LICENSE-2.0\n\nUnless required by applicable law or agreed to in writing, software distributed under the License is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the License for the specific language governing permissions and limitations under the License.';
    expect(top(`${apacheNotice}\n\n${text('Apache-2.0')}`)).toMatchObject({ id: 'Apache-2.0', verdict: 'match' });
    // Traps: a restriction inside the notice, and a long preface of the project's own beside it.
    expect(top(`${notice.replace('any later version.', 'any later version, for non-commercial use only.')}\n\n${agpl}`)).toMatchObject({ id: 'AGPL-3.0', verdict: 'review' });
    const story = 'Example Registry helps clinics keep their records in order and share them with the district office every week. '.repeat(5);
    expect(top(`${story}\n\n${notice}\n\n${agpl}`)).toMatchObject({ id: 'AGPL-3.0', verdict: 'review' });
    // Without the notice, the same restriction is judged as ever.
    expect(top(`This program is for non-commercial use only.\n\n${agpl}`)).toMatchObject({ id: 'AGPL-3.0', verdict: 'review' });
  });

  it('a changed holder name in a BSD clause is tolerated, a changed version number is not', () => {
    const bsd = text('BSD-3-Clause').replace('the name of the copyright holder', 'the name of Example Org');
    expect(top(bsd)).toMatchObject({ id: 'BSD-3-Clause', verdict: 'match' });
    const apache = text('Apache-2.0').replace('Version 2.0, January 2004', 'Version 2.0, January 2004').replace('limitations under the License.', 'limitations under the License, version 2.1.');
    expect(top(apache)?.verdict).toBe('match');
  });

  it('random edits never crash and always give a bounded confidence', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), fc.nat({ max: 1000 }), (insert, at) => {
      const mutated = MIT.slice(0, at) + insert + MIT.slice(at);
      for (const match of identifyLicenseText(mutated)) {
        expect(match.confidence).toBeGreaterThanOrEqual(0);
        expect(match.confidence).toBeLessThanOrEqual(1);
        expect(match.verdict === 'match' ? match.differences : []).toEqual([]);
      }
    }), { numRuns: 60 });
  });
});

describe('identifyLicenseText: near twins', () => {
  it('tells BSD-2-Clause, BSD-3-Clause, BSD-2-Clause-Views, BSD-3-Clause-Clear and BSD-4-Clause apart', () => {
    for (const id of ['BSD-2-Clause', 'BSD-3-Clause', 'BSD-2-Clause-Views', 'BSD-3-Clause-Clear', 'BSD-4-Clause', 'BSD-3-Clause-No-Nuclear-License']) {
      expect(top(rewrap(text(id), 70)), id).toMatchObject({ id, verdict: 'match' });
    }
  });

  it('tells MIT, MIT-0 and ISC apart', () => {
    for (const id of ['MIT', 'MIT-0', 'ISC']) expect(top(rewrap(text(id), 75)), id).toMatchObject({ id, verdict: 'match' });
    expect(top(MIT)).toMatchObject({ id: 'MIT', verdict: 'match' });
  });

  it('tells GPL-3.0, AGPL-3.0 and SSPL-1.0 apart', () => {
    expect(top(text('GPL-3.0-only'))?.id).toBe('GPL-3.0');
    expect(top(text('AGPL-3.0-only'))?.id).toBe('AGPL-3.0');
    expect(top(text('SSPL-1.0'))).toMatchObject({ id: 'SSPL-1.0', verdict: 'match' });
  });

  it('finds a GNU licence whose copy leaves out the document\'s own title and notice, and still judges what stands there', () => {
    // ottaa-project's license.txt and preptime-analytics' LICENSE.md start at "Preamble"; licensee finds GPL-3.0 (98 %).
    const fromPreamble = (id: string): string => text(id).slice(text(id).indexOf('Preamble'));
    expect(top(fromPreamble('GPL-3.0-only'))).toMatchObject({ id: 'GPL-3.0', verdict: 'match' });
    expect(top(fromPreamble('AGPL-3.0-only'))).toMatchObject({ id: 'AGPL-3.0', verdict: 'match' });
    expect(top(fromPreamble('GPL-2.0-only'))).toMatchObject({ id: 'GPL-2.0', verdict: 'match' });
    const lgpl = text('LGPL-3.0-only');
    expect(top(lgpl.slice(lgpl.indexOf('This version of the GNU Lesser')))).toMatchObject({ id: 'LGPL-3.0', verdict: 'match' });
    // The title kept, the FSF's notice under it left out.
    const gpl = text('GPL-3.0-only');
    expect(top(gpl.replace(/Everyone is permitted to copy and distribute verbatim copies\s+of this license document, but changing it is not allowed\./, ''))).toMatchObject({ id: 'GPL-3.0', verdict: 'match' });
    // In its place, words that restrict are a change to judge; and a cut inside the terms is one.
    expect(top(`Commercial use is not permitted.\n\n${fromPreamble('GPL-3.0-only')}`)).toMatchObject({ id: 'GPL-3.0', verdict: 'review' });
    expect(top(fromPreamble('GPL-3.0-only').replace(/Developers that use the GNU GPL protect your rights[^]*?modify it\./, ''))).toMatchObject({ id: 'GPL-3.0', verdict: 'review' });
    // Other licences keep their rule: MIT without its first paragraph is not MIT.
    expect(top(text('MIT').slice(text('MIT').indexOf('THE SOFTWARE IS PROVIDED')))?.verdict).not.toBe('match');
  });

  it('tells the Creative Commons 4.0 licences apart', () => {
    for (const id of ['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC-BY-NC-4.0', 'CC-BY-ND-4.0', 'CC-BY-NC-SA-4.0', 'CC-BY-NC-ND-4.0']) {
      expect(top(text(id)), id).toMatchObject({ id, verdict: 'match' });
    }
  });

  it('tells the Creative Commons 4.0 licences apart in a copy with a preface, where the closest twins are not aligned', () => {
    // unicef/kindly's LICENSE.data.md: CC-BY-SA-4.0 rewrapped, below a sentence of its own. The first candidate
    // matches; a twin whose required words the file lacks cannot score higher and is passed over.
    for (const id of ['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC-BY-NC-4.0', 'CC-BY-ND-4.0', 'CC-BY-NC-SA-4.0', 'CC-BY-NC-ND-4.0']) {
      const copy = `The data in this repository is shared as follows.\n\n${rewrap(text(id), 80)}`;
      expect(top(copy), id).toMatchObject({ id, verdict: 'match' });
    }
  });

  it('finds both licences in an LGPL-3.0 file that embeds the GPL-3.0', () => {
    const both = identifyLicenseText(text('LGPL-3.0-only'));
    expect(both.map((m) => `${m.id} ${m.verdict}`).sort()).toEqual(['GPL-3.0 match', 'LGPL-3.0 match']);
  });
});

describe('normalisation (SPDX matching guidelines)', () => {
  it('folds case, punctuation, quotes, bullets, markdown, http/https, varietal spelling and placeholders', () => {
    const a = normalizeLicenseText('## 1. The “Licence” — see https://www.example.org/terms/ **non-commercial** [yyyy]').words;
    const b = normalizeLicenseText('(a) the "license" - see http://example.org/terms noncommercial <year>').words;
    expect(a).toEqual(b);
    expect(a).toContain(PLACEHOLDER);
  });

  it('reads words that name properties of every object ("constructor", "toString") as words', () => {
    const words = normalizeLicenseText('Inject the constructor name, call toString and valueOf; non hasOwnProperty &constructor;').words;
    expect(words.every((word) => typeof word === 'string')).toBe(true);
    expect(words.join(' ')).toBe('inject the constructor name call tostring and valueof non hasownproperty constructor');
    expect(top(`${MIT}\nThe constructor and toString of this class are documented.`)).toMatchObject({ id: 'MIT' });
  });

  it('keeps a section number or an inline enumeration that a line break put first on a line, and still drops list markers', () => {
    const words = (input: string): string => normalizeLicenseText(input).words.join(' ');
    expect(words('conditions added under section\n7.  This requirement')).toBe(words('conditions added under section 7. This requirement'));
    expect(words('with two steps:\n(1) assert copyright, and (2) offer you')).toBe(words('with two steps: (1) assert copyright, and (2) offer you'));
    expect(words('two steps: (1) copyright the software, and\n(2) offer you')).toBe(words('two steps: (1) copyright the software, and (2) offer you'));
    // A list is still a list: its markers go, whatever the line before ends with.
    expect(words('the following:\n(1) first item\n(2) second item\n7. seventh, see section\n\n8. eighth')).toBe('the following first item second item seventh see section eighth');
  });

  it.each([
    ['GPL-3.0-only', 'GPL-3.0'], ['AGPL-3.0-only', 'AGPL-3.0'], ['LGPL-3.0-only', 'LGPL-3.0'], ['GPL-2.0-only', 'GPL-2.0'],
  ])('finds %s wrapped as gnu.org wraps it word for word, as the reference text itself', (id, reported) => {
    const original = text(id);
    // gnu.org's line breaks where the SPDX text runs on: "section⏎7.", "steps:⏎(1)", "and⏎(2)".
    const gnu = original
      .replace(/added under section\s+7\.\s+This/g, 'added under section\n7.  This')
      .replace(/two steps:\s+\(1\) assert/g, 'two steps:\n(1) assert')
      .replace(/\(1\) copyright the software, and\s+\(2\) offer/g, '(1) copyright the software, and\n(2) offer');
    expect(gnu).not.toBe(original);
    expect(normalizeLicenseText(gnu).words).toEqual(normalizeLicenseText(original).words);
    const [first] = identifyLicenseText(gnu);
    expect({ id: first?.id, verdict: first?.verdict, confidence: first?.confidence, differences: first?.differences }).toEqual({ id: reported, verdict: 'match', confidence: 1, differences: [] });
  });

  it('drops copyright notices, including a wrapped multi-line one, but not a list item "(c)"', () => {
    const words = normalizeLicenseText('Copyright (c) 2016 by University of Kassel and Fraunhofer Institute for Energy Economics\nand Energy System Technology (IEE) Kassel.\nAll rights reserved.\n\n(c) You must retain notices.').words;
    expect(words.join(' ')).toBe('you must retain notices');
  });
});

describe('alignWords', () => {
  it('finds the inserted and removed runs', () => {
    const { hunks, equal } = alignWords([1, 2, 3, 9, 9, 4, 5, 6], [1, 2, 3, 4, 5, 7, 6]);
    expect(equal).toBe(6);
    expect(hunks).toEqual([{ aStart: 3, aEnd: 5, bStart: 3, bEnd: 3 }, { aStart: 7, aEnd: 7, bStart: 5, bEnd: 6 }]);
  });

  it('aligns long texts through anchors', () => {
    const a = Array.from({ length: 6000 }, (_, i) => i % 5000);
    const b = [...a.slice(0, 3000), 7777, 7778, ...a.slice(3000)];
    const { hunks } = alignWords(a, b);
    expect(hunks).toEqual([{ aStart: 3000, aEnd: 3000, bStart: 3000, bEnd: 3002 }]);
  });
});

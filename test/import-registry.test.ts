/**
 * The DPGA registry importer: nominee + screening files merged by slug into
 * one declaration that validates against the schema, messy values tolerated
 * and reported, positions pointing into the registry files. The round trip
 * runs over every entry of the real corpus (../shared/corpus/registry).
 */
import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { classifyFile, formatNote, importFiles, importRegistryGroup, pairRegistryFiles, renderImportYaml, toLoadedDeclaration, type ClassifiedFile, type ImportResult } from '../src/import/index.js';
import { jsonErrorOffset, lineLocator, scanJsonPositions } from '../src/import/json-positions.js';
import { linksOf, urlsIn, uriOf, yesNoOf } from '../src/import/text.js';
import { parseDeclaration, formatKeyPath } from '../src/declaration/load.js';
import { run } from '../src/cli.js';
import { sharedInput } from './shared-inputs.js';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {} });
  return { code, stdout, stderr };
}

const FIXTURES = 'fixtures/registry';
const corpus = sharedInput('corpus/registry', 'test/import-registry.test.ts', 'the import of every corpus entry');
const CORPUS = corpus.path;

function classify(root: string, ...files: string[]): ClassifiedFile[] {
  return files.map((file) => classifyFile(path.join(root, file), file));
}

function importEntry(...files: string[]): ImportResult {
  const groups = pairRegistryFiles(classify(FIXTURES, ...files));
  expect(groups).toHaveLength(1);
  return importRegistryGroup(groups[0]!);
}

function notesAbout(result: ImportResult, text: string | RegExp): string[] {
  return result.notes.map((n) => formatNote(result, n)).filter((line) => (typeof text === 'string' ? line.includes(text) : text.test(line)));
}

describe('registry import: one entry', () => {
  const aam = importEntry('nominees/aam-digital.json', 'digitalpublicgoods/aam-digital.json');

  it('merges the nominee and screening files into a valid declaration', () => {
    expect(aam.valid).toBe(true);
    expect(aam.meta).toEqual({ slug: 'aam-digital', stage: 'DPG' });
    const d = aam.declaration;
    expect(d.name).toBe('Aam Digital');
    expect(d.types).toEqual(['software']);
    // The deprecated SPDX id is kept as written, never "corrected" to GPL-3.0-only.
    expect(d.licenses).toEqual([{ spdx: 'GPL-3.0', evidence: ['https://github.com/Aam-Digital/ndb-core/blob/master/LICENSE.md'] }]);
    expect(d.sdgs?.map((s) => s.sdg)).toEqual([1, 3, 4, 5, 10]);
    expect(d.sdgs?.[0]?.explanation).toMatch(/eradication of poverty/);
    expect(d.organizations).toEqual([{ name: 'Aam Digital GmbH', role: 'maintainer', website: 'https://www.aam-digital.com', contactName: 'Sebastian Leidig', contactEmail: 'sebastian@aam-digital.com' }]);
    expect(d.owner).toEqual({ evidence: ['https://aam-digital.com/about-us/'] });
    expect(d.platformIndependence).toEqual({ closedComponents: false });
    expect(d.documentation?.links).toEqual(['https://aam-digital.github.io/ndb-core/documentation/additional-documentation/overview.html']);
    expect(d.dataExtraction?.collectsNonPII).toBe(true);
    expect(d.dataExtraction?.mechanism).toMatch(/CouchDB/);
    expect(d.privacy?.laws).toEqual(['GDPR']);
    expect(d.standards?.standards).toHaveLength(8);
    expect(d.standards?.bestPractices).toHaveLength(10);
    expect(d.doNoHarm?.dataPrivacy?.piiLevel).toBe('collected-stored');
    expect(d.doNoHarm?.dataPrivacy?.thirdPartySharing).toBe(false);
    expect(d.doNoHarm?.content?.contentLevel).toBe('none');
    expect(d.doNoHarm?.harassment?.userInteraction).toBe(false);
    expect(d.scale?.deployments).toContain('Palestine State');
  });

  it('reports what it left out, changed, approximated or could not map, located in the registry files', () => {
    expect(notesAbout(aam, 'nominees/aam-digital.json:4:5 aliases[0]: empty answer left out')).toHaveLength(1);
    expect(notesAbout(aam, /^nominees\/aam-digital\.json:36:3 sectors: Gender and Minority Groups/)).toHaveLength(1);
    expect(notesAbout(aam, /^digitalpublicgoods\/aam-digital\.json:\d+:\d+ doNoHarm\.dataPrivacySecurity\.collectsPII: .*collected-stored/)).toHaveLength(1);
    expect(notesAbout(aam, /locations\.developmentCountries: developed in Germany, India, Israel/)).toHaveLength(1);
    expect(aam.notes.filter((n) => n.kind === 'error')).toEqual([]);
  });

  it('knows where each answer came from', () => {
    const loaded = toLoadedDeclaration(aam);
    expect(loaded.file).toBe('nominees/aam-digital.json');
    expect(loaded.valid).toBe(true);
    // `licenses[0].spdx` is `license[0].spdx` of the nominee file, line 10.
    expect(loaded.locate('licenses[0].spdx')).toEqual({ line: 10, column: 7 });
    // Answers from the screening file are not in the primary file: located by relocateEvidence instead.
    expect(loaded.locate('privacy.laws')).toBeUndefined();
    expect(aam.origins.get('privacy.laws[0]')).toEqual({ file: 'digitalpublicgoods/aam-digital.json', key: 'privacy.privacyComplianceList[0]' });
  });

  it('writes YAML that parses back to the same, valid declaration', () => {
    const yaml = renderImportYaml(aam);
    expect(yaml).toMatch(/^# Imported by dpg-check .* from nominees\/aam-digital\.json and digitalpublicgoods\/aam-digital\.json \(DPGA registry, stage DPG\)/);
    expect(yaml).toMatch(/# Not mapped[^\n]*\n#   nominees\/aam-digital\.json:36:3 sectors/);
    const back = parseDeclaration(yaml, 'dpg.yml');
    expect(back.errors).toEqual([]);
    expect(back.data).toEqual(aam.declaration);
  });

  it('an entry with no screening file has no answers for 3–9', () => {
    const result = importEntry('nominees/aajeevika.json');
    expect(result.valid).toBe(true);
    expect(result.declaration.owner).toEqual({ name: 'United Nations Development Program( UNDP) India', website: 'https://www.in.undp.org/' });
    for (const key of ['platformIndependence', 'documentation', 'dataExtraction', 'privacy', 'standards', 'doNoHarm'] as const) expect(result.declaration[key]).toBeUndefined();
  });

  it('follows a screening file stored as a link to a sibling', () => {
    const result = importEntry('nominees/commcare-android.json', 'digitalpublicgoods/commcare-android.json');
    expect(result.valid).toBe(true);
    expect(notesAbout(result, 'digitalpublicgoods/commcare-android.json (root): is a link to commcare.json')).toHaveLength(1);
    expect(result.files.map((f) => f.path)).toEqual(['nominees/commcare-android.json', 'digitalpublicgoods/commcare.json']);
    expect(result.declaration.privacy?.laws?.length).toBeGreaterThan(0);
  });

  it('keeps the first of two email addresses, and drops what is not one', () => {
    const lexsitus = importEntry('nominees/lexsitus.json', 'digitalpublicgoods/lexsitus.json');
    expect(lexsitus.declaration.organizations?.[0]?.contactEmail).toBe('bergsmo@cilrap.org');
    expect(notesAbout(lexsitus, /contact_email: only the first address is kept .* info@cilrap\.org/)).toHaveLength(1);
    const sars = importEntry('archive/sars-cov-2-sequencing-resources.json');
    expect(sars.valid).toBe(true);
    expect(sars.declaration.organizations?.some((o) => o.contactEmail !== undefined)).toBe(false);
    expect(notesAbout(sars, /contact_email: "https:\/\/www\.twitter\.com\/dmaccannell" left out: not an email address/)).toHaveLength(1);
    expect(sars.declaration.website).toEqual(['https://github.com/CDCgov/SARS-CoV-2_Sequencing']);
  });

  it('drops a repository without a URL and says so', () => {
    const result = importEntry('nominees/notesmaster.json', 'digitalpublicgoods/notesmaster.json');
    expect(result.valid).toBe(true);
    expect(result.declaration.repositories ?? []).toEqual([]);
    expect(notesAbout(result, /repositories\[0\]: repository "[^"]+" left out: it has no URL/)).toHaveLength(1);
  });
});

describe('registry import: pairing by slug', () => {
  it('pairs a screening file with the nominee of the same slug, in nominees/ first, else archive/', () => {
    const groups = pairRegistryFiles(classify(FIXTURES,
      'nominees/growstuff.json', 'archive/growstuff.json', 'archive/yallakhedmeh.json', 'digitalpublicgoods/yallakhedmeh.json',
      'nominees/commcare.json', 'digitalpublicgoods/commcare.json'));
    const described = groups.map((g) => [g.nominee?.shownAs, g.screening?.shownAs]);
    expect(described).toEqual(expect.arrayContaining([
      ['nominees/growstuff.json', undefined],
      ['archive/growstuff.json', undefined],
      ['archive/yallakhedmeh.json', 'digitalpublicgoods/yallakhedmeh.json'],
      ['nominees/commcare.json', 'digitalpublicgoods/commcare.json'],
    ]));
    expect(groups).toHaveLength(4);
  });

  it('a screening file alone is imported but lacks the types: located error, no crash', () => {
    const result = importEntry('digitalpublicgoods/aam-digital.json');
    expect(result.valid).toBe(false);
    expect(result.declaration.name).toBe('Aam Digital');
    const errors = result.notes.filter((n) => n.kind === 'error').map((n) => formatNote(result, n));
    expect(errors.join('\n')).toMatch(/digitalpublicgoods\/aam-digital\.json \(root\): no nominee file for "aam-digital"/);
    expect(errors.join('\n')).toMatch(/types is required/);
  });
});

describe('registry import: messy values', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-import-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, data: unknown): string => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
    return name;
  };

  it('tolerates odd casing, empty strings, [""], bare domains, strings where numbers belong', () => {
    const nominee = write('nominees/messy.json', {
      Name: ' Messy Tool ', aliases: ['', 'MT', 'MT'], Description: '', website: 'www.messy.example.org',
      License: [{ spdx: ' AGPL-3.0 ', licenseURL: 'github.com/messy/tool/blob/main/LICENSE' }, { spdx: '', licenseURL: '' }],
      sdgs: [{ SDGNumber: '3', evidenceText: '   ' }, { SDGNumber: 42 }],
      Type: ['Software', 'Open Data', 'hardware'],
      repositories: [{ name: 'main', url: 'https://github.com/messy/tool' }],
      organizations: [{ name: 'Messy Org', org_type: 'Owner', contact_email: 'Team <team@messy.example.org>' }, { name: '', org_type: 'funder' }],
      stage: 'nominee', extra: true,
    });
    const screening = write('digitalpublicgoods/messy.json', {
      name: 'Messy Tools',
      clearOwnership: { isOwnershipExplicit: 'yes.', copyrightURL: 'see https://messy.example.org/about and https://messy.example.org/legal.' },
      platformIndependence: { mandatoryDepsCreateMoreRestrictions: 'YES', isSoftwarePltIndependent: 'Yes', pltIndependenceDesc: 'Google Maps can be replaced by OpenStreetMap.' },
      NonPII: { collectsNonPII: 'Unknown' },
      privacy: { isPrivacyCompliant: 'No', privacyComplianceList: ['- GDPR', 'n/a', ''] },
      doNoHarm: { dataPrivacySecurity: { collectsPII: 'Yes', thirdPartyDataSharing: 'Yes' }, inappropriateIllegalContent: { collectStoreDistribute: 'Yes' } },
    });
    const [outcome] = importFiles([nominee, screening].map((f) => ({ absPath: path.join(dir, f), shownAs: f })));
    const result = outcome!.result!;
    expect(result.valid).toBe(true);
    const d = result.declaration;
    expect(d.name).toBe('Messy Tool');
    expect(d.aliases).toEqual(['MT']);
    expect(d.description).toBeUndefined();
    expect(d.website).toEqual(['https://www.messy.example.org']);
    expect(d.licenses).toEqual([{ spdx: 'AGPL-3.0', evidence: ['https://github.com/messy/tool/blob/main/LICENSE'] }]);
    expect(d.sdgs).toEqual([{ sdg: 3 }]);
    expect(d.types).toEqual(['software', 'data']);
    expect(d.organizations).toEqual([{ name: 'Messy Org', role: 'owner', contactEmail: 'team@messy.example.org' }]);
    expect(d.owner).toEqual({ name: 'Messy Org', evidence: ['https://messy.example.org/about', 'https://messy.example.org/legal'] });
    // The free-text answer names a closed component and its open alternative: read as a component, its sentence the migration.
    // The answer itself is kept too, in words, for a reviewer.
    expect(d.platformIndependence).toEqual({ closedComponents: true, components: [{ name: 'Google Maps', openAlternatives: ['OpenStreetMap'], migration: 'Google Maps can be replaced by OpenStreetMap.' }], description: 'Google Maps can be replaced by OpenStreetMap.' });
    expect(d.dataExtraction).toBeUndefined();
    expect(d.privacy?.laws).toEqual(['GDPR']);
    expect(d.doNoHarm?.dataPrivacy).toEqual({ piiLevel: 'collected-stored-distributed', thirdPartySharing: true });
    expect(d.doNoHarm?.content).toEqual({ contentLevel: 'collected-stored-distributed' });
    const lines = result.notes.map((n) => `${n.kind} ${formatNote(result, n)}`).join('\n');
    expect(lines).toMatch(/dropped nominees\/messy\.json:\d+:\d+ Type\[2\]: "hardware" left out of types/);
    expect(lines).toMatch(/dropped nominees\/messy\.json:\d+:\d+ sdgs\[1\]: SDG 42 left out/);
    expect(lines).toMatch(/normalised nominees\/messy\.json:\d+:\d+ website: read "www\.messy\.example\.org" as https:\/\/www\.messy\.example\.org/);
    expect(lines).toMatch(/dropped nominees\/messy\.json:\d+:\d+ organizations\[1\]: an organisation with no name left out/);
    expect(lines).toMatch(/unmapped nominees\/messy\.json:\d+:\d+ extra: key "extra" is not part of the nominee format/);
    expect(lines).toMatch(/unmapped digitalpublicgoods\/messy\.json:\d+:\d+ NonPII\.collectsNonPII: .*"Unknown"/);
    expect(lines).toMatch(/unmapped digitalpublicgoods\/messy\.json:\d+:\d+ privacy\.isPrivacyCompliant: .*"No"/);
    expect(lines).not.toMatch(/unmapped digitalpublicgoods\/messy\.json:\d+:\d+ platformIndependence\.pltIndependenceDesc/);
    expect(lines).toMatch(/approximated digitalpublicgoods\/messy\.json:\d+:\d+ platformIndependence\.pltIndependenceDesc: read Google Maps \(open alternative: OpenStreetMap\)/);
    expect(lines).toMatch(/unmapped digitalpublicgoods\/messy\.json:\d+:\d+ name: the screening file names the solution "Messy Tools"/);
    expect(parseDeclaration(renderImportYaml(result), 'dpg.yml').valid).toBe(true);
  });

  it('an unreadable or malformed file is a located error, not an exception', () => {
    const broken = write('nominees/broken.json', '{\n  "name": "Broken",\n  "license": [\n}');
    const empty = write('nominees/empty.json', '');
    const binary = write('nominees/binary.json', Buffer.from([0x7b, 0x00, 0x7d]).toString('latin1'));
    const outcomes = importFiles([broken, empty, binary, 'nominees/missing.json'].map((f) => ({ absPath: path.join(dir, f), shownAs: f })));
    const messages = outcomes.flatMap((o) => o.notes.map((n) => formatNote(undefined, n)));
    expect(outcomes.every((o) => o.result === undefined)).toBe(true);
    expect(messages[0]).toMatch(/^nominees\/broken\.json:4:1 \(root\): invalid JSON: /);
    expect(messages[1]).toMatch(/^nominees\/empty\.json \(root\): the file is empty/);
    expect(messages[2]).toMatch(/^nominees\/binary\.json \(root\): it is a binary file/);
    expect(messages[3]).toMatch(/^nominees\/missing\.json \(root\): cannot read it: no such file/);
  });

  it('a combined file with both formats\' keys imports as one entry', () => {
    const nominee = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'nominees/aam-digital.json'), 'utf8')) as Record<string, unknown>;
    const screening = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'digitalpublicgoods/aam-digital.json'), 'utf8')) as Record<string, unknown>;
    const file = write('combined/aam.json', { ...screening, ...nominee });
    const [outcome] = importFiles([{ absPath: path.join(dir, file), shownAs: file }]);
    const separate = importEntry('nominees/aam-digital.json', 'digitalpublicgoods/aam-digital.json');
    expect(outcome!.result!.declaration).toEqual(separate.declaration);
    expect(outcome!.result!.notes.some((n) => /is not part of the/.test(n.message))).toBe(false);
  });
});

describe.skipIf(!corpus.present)('registry import: every pair of the corpus', () => {
  it('imports every entry of ../shared/corpus/registry into a declaration the schema accepts, through YAML and back', () => {
    const files: ClassifiedFile[] = [];
    for (const folder of ['nominees', 'archive', 'digitalpublicgoods']) {
      for (const name of fs.readdirSync(path.join(CORPUS, folder)).sort()) files.push(classifyFile(path.join(CORPUS, folder, name), `${folder}/${name}`));
    }
    expect(files.length).toBeGreaterThan(850);
    expect(files.filter((f) => !['nominee', 'screening'].includes(f.kind)).map((f) => f.shownAs)).toEqual([]);
    const groups = pairRegistryFiles(files);
    const paired = groups.filter((g) => g.nominee && g.screening).length;
    // The corpus as of commit a1d99f0: 714 nominee-format files, 166 screening files, every screening file paired.
    expect(groups).toHaveLength(714);
    expect(paired).toBe(166);
    const failures: string[] = [];
    for (const group of groups) {
      const result = importRegistryGroup(group);
      const back = parseDeclaration(renderImportYaml(result), `${group.slug}.dpg.yml`);
      if (!result.valid || !back.valid || JSON.stringify(back.data) !== JSON.stringify(result.declaration)) {
        failures.push(`${result.primary.path}: ${[...result.notes.filter((n) => n.kind === 'error').map((n) => n.message), ...back.errors.map((e) => `${e.key}: ${e.message}`)].join('; ')}`);
      }
      // Licence ids are carried over exactly as the registry wrote them.
      const written = (group.nominee!.file!.data as { license: { spdx: string }[] }).license.map((l) => l.spdx.trim()).filter(Boolean);
      expect(result.declaration.licenses?.map((l) => l.spdx) ?? []).toEqual(written);
    }
    expect(failures).toEqual([]);
  });
});

describe('JSON positions', () => {
  it('finds keys and list items at their line and column', () => {
    const text = '{\n  "a": [1, {"b": "x\\"y"}],\n  "c d": {"e": []},\n  "f": {}\n}';
    const positions = scanJsonPositions(text);
    const at = lineLocator(text);
    const where = (key: string): string => {
      const offset = positions.get(key);
      if (offset === undefined) return 'none';
      const p = at(offset);
      return `${p.line}:${p.column}`;
    };
    expect(where('a')).toBe('2:3');
    expect(where('a[0]')).toBe('2:9');
    expect(where('a[1]')).toBe('2:12');
    expect(where('a[1].b')).toBe('2:13');
    expect(where('["c d"]')).toBe('3:3');
    expect(where('["c d"].e')).toBe('3:11');
    expect(where('f')).toBe('4:3');
    expect(where('a[2]')).toBe('none');
  });

  it('records exactly the paths of the document, for any JSON value (property)', () => {
    const paths = (value: unknown, prefix: (string | number)[] = []): string[] => {
      const own = formatKeyPath(prefix);
      if (Array.isArray(value)) return [own, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
      if (typeof value === 'object' && value !== null) return [own, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
      return [own];
    };
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), fc.boolean(), (value, pretty) => {
      const text = JSON.stringify(value, null, pretty ? 2 : 0);
      const found = [...scanJsonPositions(text).keys()].sort();
      expect(found).toEqual([...new Set(paths(value))].sort());
    }), { numRuns: 300 });
  });
});

describe('JSON syntax errors', () => {
  it('says where a JSON text first goes wrong, and nothing for valid JSON (property)', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
      expect(jsonErrorOffset(JSON.stringify(value, null, 1))).toBeUndefined();
    }), { numRuns: 200 });
    expect(jsonErrorOffset('{"a": [1, 2,]}')).toBe(12);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    expect(jsonErrorOffset('{"a": "b]')).toBe(9);
  });
});

describe('reading answers', () => {
  it('takes URLs out of text, without trailing punctuation', () => {
    expect(urlsIn('Docs - https://x.org/a, and (https://y.org/b).')).toEqual(['https://x.org/a', 'https://y.org/b']);
    expect(urlsIn('https://en.wikipedia.org/wiki/Foo_(bar)')).toEqual(['https://en.wikipedia.org/wiki/Foo_(bar)']);
    expect(linksOf('https://x.org/LICENSE')).toEqual({ links: ['https://x.org/LICENSE'] });
    expect(linksOf('LICENSE')).toEqual({ links: ['LICENSE'] });
    expect(linksOf('github.com/a/b').links).toEqual(['https://github.com/a/b']);
    expect(uriOf('not a url')).toBeUndefined();
  });

  it('reads yes and no in any casing, and keeps anything else as written', () => {
    expect(yesNoOf('YES.')).toBe('yes');
    expect(yesNoOf(' no ')).toBe('no');
    expect(yesNoOf('Unknown')).toBe('unknown');
    expect(yesNoOf('')).toBeUndefined();
    expect(yesNoOf('Partly')).toEqual({ other: 'Partly' });
  });
});

describe('dpg-check import', () => {
  it('writes the merged declaration to stdout and the notes to stderr', async () => {
    const { code, stdout, stderr } = await cli(['import', `${FIXTURES}/nominees/aam-digital.json`, `${FIXTURES}/digitalpublicgoods/aam-digital.json`]);
    expect(code).toBe(0);
    expect(parseDeclaration(stdout, 'dpg.yml').valid).toBe(true);
    expect(stderr).toMatch(/fixtures\/registry\/nominees\/aam-digital\.json:36:3 sectors: not mapped: Gender and Minority Groups/);
    expect(stderr).toMatch(/approximated: "collects or stores PII: Yes"/);
  });

  it('writes several candidates to a folder, one file each', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-import-out-'));
    try {
      const { code } = await cli(['import', `${FIXTURES}/nominees/aajeevika.json`, `${FIXTURES}/archive/inclusion-ukr.json`, `${FIXTURES}/nominees/growstuff.json`, `${FIXTURES}/archive/growstuff.json`, '--output', out]);
      expect(code).toBe(0);
      // The same slug in two folders: the second (in path order) gets its folder in the name.
      expect(fs.readdirSync(out).sort()).toEqual(['aajeevika.dpg.yml', 'fixtures-registry-nominees-growstuff.dpg.yml', 'growstuff.dpg.yml', 'inclusion-ukr.dpg.yml']);
      expect(parseDeclaration(fs.readFileSync(path.join(out, 'growstuff.dpg.yml'), 'utf8'), 'x.yml').data?.name).toBe('GrowStuff');
      expect(parseDeclaration(fs.readFileSync(path.join(out, 'fixtures-registry-nominees-growstuff.dpg.yml'), 'utf8'), 'x.yml').data?.name).toBe('Growstuff');
      expect(parseDeclaration(fs.readFileSync(path.join(out, 'inclusion-ukr.dpg.yml'), 'utf8'), 'x.yml').data?.licenses?.map((l) => l.spdx)).toEqual(['CC-BY-NC-SA-4.0']);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('exit 1 when the declaration lacks something required, 2 when a file cannot be imported', async () => {
    const alone = await cli(['import', `${FIXTURES}/digitalpublicgoods/aam-digital.json`]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toMatch(/error: no nominee file for "aam-digital"/);
    expect(alone.stdout).toMatch(/^# Imported by dpg-check/);
    const schema = await cli(['import', `${FIXTURES}/nominee-schema.json`]);
    expect(schema.code).toBe(2);
    expect(schema.stderr).toMatch(/nominee-schema\.json \(root\): cannot import it: it is a JSON Schema/);
    expect(schema.stdout).toBe('');
    const missing = await cli(['import', 'no/such/file.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no\/such\/file\.json \(root\): cannot read it: no such file/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('registry import: an explicit "No" is not an absent answer', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-registry-no-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, data: unknown): string => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(data, null, 2));
    return name;
  };
  const nominee = { name: 'Quiet Tool', description: 'A tool.', license: [{ spdx: 'MIT', licenseURL: 'https://x.org/LICENSE' }], SDGs: [{ SDGNumber: 4 }], type: ['software'], organizations: [{ name: 'Quiet Org', org_type: 'owner' }], stage: 'DPG' };

  it('imports "No" as false and leaves blank or missing answers out', () => {
    const screening = write('digitalpublicgoods/quiet.json', {
      name: 'Quiet Tool',
      platformIndependence: { mandatoryDepsCreateMoreRestrictions: 'No', isSoftwarePltIndependent: '', pltIndependenceDesc: '' },
      NonPII: { collectsNonPII: 'No', checkNonPIIAccessMechanism: '', nonPIIAccessMechanism: '' },
      doNoHarm: {
        dataPrivacySecurity: { collectsPII: 'No', thirdPartyDataSharing: 'No' },
        protectionFromHarassment: { userInteraction: 'No', addressSafetySecurityUnderageUsers: '', griefAbuseHarassmentProtection: '' },
      },
    });
    const [outcome] = importFiles([write('nominees/quiet.json', nominee), screening].map((f) => ({ absPath: path.join(dir, f), shownAs: f })));
    const d = outcome!.result!.declaration;
    expect(d.platformIndependence).toEqual({ closedComponents: false });
    expect(d.dataExtraction).toEqual({ collectsNonPII: false });
    expect(d.doNoHarm?.dataPrivacy).toEqual({ piiLevel: 'none', thirdPartySharing: false });
    expect(d.doNoHarm?.harassment).toEqual({ userInteraction: false });
  });

  it('never defaults a missing or blank answer to false', () => {
    const screening = write('digitalpublicgoods/blank.json', {
      name: 'Quiet Tool',
      platformIndependence: { mandatoryDepsCreateMoreRestrictions: '' },
      NonPII: {},
      doNoHarm: { dataPrivacySecurity: { collectsPII: '', thirdPartyDataSharing: '' }, protectionFromHarassment: { userInteraction: '' } },
    });
    const [outcome] = importFiles([write('nominees/blank.json', nominee), screening].map((f) => ({ absPath: path.join(dir, f), shownAs: f })));
    const d = outcome!.result!.declaration;
    expect(d.platformIndependence?.closedComponents).toBeUndefined();
    expect(d.dataExtraction?.collectsNonPII).toBeUndefined();
    expect(d.doNoHarm?.dataPrivacy?.thirdPartySharing).toBeUndefined();
    expect(d.doNoHarm?.dataPrivacy?.piiLevel).toBeUndefined();
    expect(d.doNoHarm?.harassment?.userInteraction).toBeUndefined();
  });

  it('gives the general evidence of standards support to every standard, after the standard\'s own link', () => {
    const screening = write('digitalpublicgoods/normed.json', {
      name: 'Quiet Tool',
      clearOwnership: { isOwnershipExplicit: 'Yes' },
      NonPII: { collectsNonPII: 'No' },
      standards: { supportStandards: 'Yes', standardsList: ['PEP 8 (https://peps.python.org/pep-0008/)', 'OpenAPI'], evidenceStandardSupport: ['https://ci.example.org/quiet'], implementBestPractices: 'Yes', bestPracticesList: [] },
    });
    const [outcome] = importFiles([write('nominees/normed.json', nominee), screening].map((f) => ({ absPath: path.join(dir, f), shownAs: f })));
    expect(outcome!.result!.declaration.standards?.standards).toEqual([
      { name: 'PEP 8 (https://peps.python.org/pep-0008/)', evidence: ['https://peps.python.org/pep-0008/', 'https://ci.example.org/quiet'] },
      { name: 'OpenAPI', evidence: ['https://ci.example.org/quiet'] },
    ]);
  });
});

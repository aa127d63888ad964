/**
 * publiccode.yml into a declaration: licence, owner and organisations,
 * documentation, proprietary dependencies for indicator 4, `supports` for 7
 * and 8; what has no place is reported, malformed files are located errors.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { classifyFile, formatNote, importFiles, importPubliccode, renderImportYaml, type ImportResult } from '../src/import/index.js';
import { parseDeclaration } from '../src/declaration/load.js';

function importFixture(name: string): ImportResult {
  const file = classifyFile(path.resolve('fixtures/publiccode', name), `fixtures/publiccode/${name}`);
  expect(file.kind).toBe('publiccode');
  return importPubliccode(file.file!);
}

const lines = (result: ImportResult): string => result.notes.map((n) => `${n.kind} ${formatNote(result, n)}`).join('\n');

describe('publiccode.yml import', () => {
  const result = importFixture('publiccode.yml');
  const d = result.declaration;

  it('imports the licence as written, the owner, the documentation and the solution type', () => {
    expect(result.valid).toBe(true);
    expect(d.name).toBe('Open Permits');
    expect(d.types).toEqual(['software']);
    expect(d.description).toBe('Apply for and track building permits online.');
    expect(d.licenses).toEqual([{ spdx: 'EUPL-1.2' }]);
    expect(d.owner).toEqual({ name: 'City of Example', website: 'https://www.example.org', evidence: ['AUTHORS.md'] });
    expect(d.organizations).toEqual([
      { name: 'City of Example', role: 'owner', website: 'https://www.example.org' },
      { name: 'Example Software Cooperative', role: 'maintainer', website: 'https://coop.example.org', contactEmail: 'support@coop.example.org' },
      { name: 'City of Example IT Department', role: 'maintainer', contactName: 'Jo Rivera', contactEmail: 'jo.rivera@example.org' },
    ]);
    expect(d.documentation).toEqual({ links: ['https://docs.permits.example.org', 'https://docs.permits.example.org/api'] });
    expect(d.repositories).toEqual([{ url: 'https://git.example.org/city/open-permits.git' }]);
    expect(d.website).toEqual(['https://permits.example.org']);
    expect(d.aliases).toEqual(['Permis Ouverts']);
  });

  it('lists mandatory proprietary dependencies as closed components (indicator 4), open ones as core technologies', () => {
    expect(d.platformIndependence).toEqual({
      coreTechnologies: ['PostgreSQL 13+', 'Redis 8.0'],
      closedComponents: true,
      components: [{ name: 'Esri ArcGIS Server 10.9+', openAlternatives: [] }],
    });
    expect(lines(result)).toMatch(/unmapped fixtures\/publiccode\/publiccode\.yml:73:7 dependsOn\.proprietary\[1\]: optional proprietary dependency Adobe PDF Services/);
    expect(lines(result)).toMatch(/normalised fixtures\/publiccode\/publiccode\.yml:\d+:3 dependsOn\.proprietary: 1 mandatory proprietary dependency listed as closed components with no open alternative yet/);
  });

  it('maps `supports` to laws (7) and standards (8), and the rest to scale', () => {
    expect(d.privacy).toEqual({ laws: ['GDPR (Regulation (EU) 2016/679)', 'eIDAS (Regulation (EU) No 910/2014)'] });
    expect(d.standards).toEqual({ standards: [{ name: 'https://www.w3.org/TR/WCAG21/', evidence: ['https://www.w3.org/TR/WCAG21/'] }] });
    expect(d.scale).toEqual({
      adopters: ['City of Example', 'Example County'], multilingual: true, languages: ['en', 'fr'], highlights: ['https://video.example.org/open-permits-demo'],
    });
  });

  it('reports what has no place in the declaration, at its line', () => {
    const text = lines(result);
    expect(text).toMatch(/unmapped fixtures\/publiccode\/publiccode\.yml:25:5 description\.en\.longDescription/);
    expect(text).toMatch(/unmapped fixtures\/publiccode\/publiccode\.yml:14:1 developmentStatus: stable/);
    expect(text).toMatch(/unmapped fixtures\/publiccode\/publiccode\.yml:\d+:3 dependsOn\.hardware: hardware dependencies: Document scanner/);
    expect(result.notes.filter((n) => n.kind === 'error')).toEqual([]);
  });

  it('writes YAML that parses back to the same valid declaration', () => {
    const back = parseDeclaration(renderImportYaml(result), 'dpg.yml');
    expect(back.errors).toEqual([]);
    expect(back.data).toEqual(d);
  });

  it('reads an older file with the Italian extension', () => {
    const italian = importFixture('italian-0.2.publiccode.yml');
    expect(italian.valid).toBe(true);
    expect(italian.declaration.licenses).toEqual([{ spdx: 'AGPL-3.0-or-later' }]);
    expect(italian.declaration.owner).toEqual({ name: 'Comune di Esempio', type: 'government' });
    expect(italian.declaration.privacy?.laws).toEqual(['GDPR (Regulation (EU) 2016/679)']);
    expect(italian.declaration.standards?.standards?.map((s) => s.name)).toEqual(['SPID (Italian public digital identity system)', 'pagoPA (Italian public payments platform)']);
    expect(italian.declaration.standards?.bestPractices?.map((s) => s.name)).toEqual(['Misure minime di sicurezza ICT per le PA (AgID)']);
    // No dependsOn: indicator 4 stays unanswered rather than guessed.
    expect(italian.declaration.platformIndependence).toBeUndefined();
    const text = lines(italian);
    expect(text).toMatch(/normalised fixtures\/publiccode\/italian-0\.2\.publiccode\.yml:\d+:\d+ it\.riuso\.codiceIPA: an Italian public-administration code/);
    expect(text).toMatch(/unmapped fixtures\/publiccode\/italian-0\.2\.publiccode\.yml:22:7 maintenance\.contacts\[0\]: maintainer contact Maria Bianchi/);
    expect(text).toMatch(/dropped fixtures\/publiccode\/italian-0\.2\.publiccode\.yml:\d+:\d+ maintenance\.contacts\[1\]\.name: empty answer left out/);
  });

  it('dependsOn without proprietary dependencies declares no closed components', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-publiccode-'));
    try {
      fs.writeFileSync(path.join(dir, 'publiccode.yml'), 'publiccodeYmlVersion: "0.4"\nname: Small\nlegal:\n  license: MIT\ndependsOn:\n  open:\n    - name: SQLite\n');
      const [outcome] = importFiles([{ absPath: path.join(dir, 'publiccode.yml'), shownAs: 'publiccode.yml' }]);
      expect(outcome!.result!.declaration.platformIndependence).toEqual({ coreTechnologies: ['SQLite'], closedComponents: false });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a malformed or nameless publiccode.yml is reported, located, never thrown', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-publiccode-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.publiccode.yml'), 'publiccodeYmlVersion: "0.4"\nname: [unclosed\nlegal: x\n');
      fs.writeFileSync(path.join(dir, 'publiccode.yml'), 'publiccodeYmlVersion: "0.4"\nlegal:\n  license: MIT\nmaintenance:\n  type: none\n');
      const [bad, nameless] = importFiles(['bad.publiccode.yml', 'publiccode.yml'].map((f) => ({ absPath: path.join(dir, f), shownAs: f })));
      expect(bad!.result).toBeUndefined();
      expect(formatNote(undefined, bad!.notes[0]!)).toMatch(/^bad\.publiccode\.yml:\d+:\d+ \(root\): invalid YAML/);
      expect(nameless!.result!.valid).toBe(false);
      expect(nameless!.result!.notes.filter((n) => n.kind === 'error').map((n) => n.message)).toEqual(["the declaration's name is required"]);
      expect(lines(nameless!.result!)).toMatch(/maintenance\.type: the software is not actively maintained/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

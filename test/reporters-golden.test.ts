/**
 * Golden files: every report format for every fixture candidate, compared
 * byte for byte with fixtures/golden/<fixture>/report.<ext>.
 *
 * When a change to a rule or a reporter changes the output on purpose,
 * regenerate them and review the diff:
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/reporters-golden.test.ts
 *
 * Volatile fields are normalised before rendering (timings, the absolute
 * checkout path, the commit the fixtures sit at), so the files only change
 * when what a reader sees changes.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { FORMATS, render, type Format, type RenderOptions } from '../src/reporters/index.js';
import { describeRules } from '../src/explain.js';
import { builtInRules } from '../rules/index.js';
import { CheckError } from '../src/engine/check.js';
import { FIXTURES, fixtureNames, fixtureReport } from './reporters-support.js';

const GOLDEN = 'fixtures/golden';
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const EXTENSIONS: Readonly<Record<Format, string>> = { text: 'txt', json: 'json', markdown: 'md', sarif: 'sarif', junit: 'junit.xml', html: 'html' };
const OPTIONS: RenderOptions = { color: false, failOn: 'fail', rules: describeRules(builtInRules) };
const HOW_TO_UPDATE = 'if the change is intended, run `UPDATE_GOLDEN=1 npx vitest run test/reporters-golden.test.ts` and review the diff';

describe('golden reports', () => {
  it('every format has a file extension', () => {
    expect(Object.keys(EXTENSIONS).sort()).toEqual([...FORMATS].sort());
  });

  for (const name of fixtureNames()) {
    it(`${name}: every format matches its golden file`, async () => {
      const report = await fixtureReport(name);
      if (report instanceof CheckError) {
        // Only fixtures built to be uncheckable (exit 2) have no report, hence no golden files.
        const expected = parse(fs.readFileSync(path.join(FIXTURES, `${name}.expect.yml`), 'utf8')) as { exitCode: number };
        expect(expected.exitCode, report.message).toBe(2);
        expect(fs.existsSync(path.join(GOLDEN, name))).toBe(false);
        return;
      }
      for (const format of FORMATS) {
        const file = path.join(GOLDEN, name, `report.${EXTENSIONS[format]}`);
        const actual = render(report, format, OPTIONS);
        if (UPDATE) {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, actual);
          continue;
        }
        expect(fs.existsSync(file), `${file} is missing: ${HOW_TO_UPDATE}`).toBe(true);
        expect(actual, `${file} differs: ${HOW_TO_UPDATE}`).toBe(fs.readFileSync(file, 'utf8'));
      }
    });
  }

  it('has no golden folder for a fixture that no longer exists', () => {
    const names = new Set(fixtureNames());
    const stale = fs.existsSync(GOLDEN) ? fs.readdirSync(GOLDEN).filter((entry) => !names.has(entry)) : [];
    if (UPDATE) for (const entry of stale) fs.rmSync(path.join(GOLDEN, entry), { recursive: true, force: true });
    else expect(stale, `stale golden folders: ${HOW_TO_UPDATE}`).toEqual([]);
  });

  it('golden files carry no machine-specific path, timing or revision', () => {
    if (!fs.existsSync(GOLDEN)) return;
    for (const folder of fs.readdirSync(GOLDEN)) {
      for (const file of fs.readdirSync(path.join(GOLDEN, folder))) {
        const text = fs.readFileSync(path.join(GOLDEN, folder, file), 'utf8');
        expect(text, `${folder}/${file}`).not.toContain(process.cwd());
        expect(text, `${folder}/${file}`).not.toMatch(/"totalMs": [1-9]/);
      }
    }
  });
});

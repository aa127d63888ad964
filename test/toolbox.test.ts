/**
 * The published toolbox (issue 12): built-in rules use only what a pack can
 * import, and a pack written against the published API alone finds exactly
 * what the built-in rules find.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { checkCandidate } from '../src/engine/check.js';
import type { Finding } from '../src/model.js';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { exports: Record<string, unknown> };

function filesUnder(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name), ext) : ext.test(e.name) ? [path.join(dir, e.name)] : []));
}

const importsOf = (source: string): string[] => [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?\sfrom\s+'([^']+)'/gm), ...source.matchAll(/^\s*import\s+'([^']+)'/gm)].map((m) => m[1] as string);

/**
 * What a built-in rule module may import: the rule API and the toolbox (the
 * source modules behind `dpg-check` and `dpg-check/helpers`), other modules
 * and data tables of rules/, and npm packages. Anything else of src/ is the
 * engine's, which no pack can reach.
 */
function ruleImportProblem(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const resolved = path.relative('.', path.resolve(path.dirname(file), specifier)).split(path.sep).join('/');
  if (resolved === 'src/rule-api.js' || resolved === 'src/helpers.js') return undefined;
  if (resolved.startsWith('rules/')) return undefined;
  return `${file} imports ${specifier}: rules import only src/rule-api.ts, src/helpers.ts and rules/`;
}

/** What a shipped pack may import: the published entry points and its own data tables. */
function packImportProblem(file: string, specifier: string): string | undefined {
  if (specifier === 'dpg-check' || specifier === 'dpg-check/helpers') return undefined;
  if (specifier.startsWith('./') && specifier.endsWith('.json') && !specifier.slice(2).includes('/')) return undefined;
  return `${file} imports ${specifier}: a pack imports only dpg-check, dpg-check/helpers and its own data`;
}

describe('the published toolbox', () => {
  it('package.json publishes dpg-check, dpg-check/helpers and dpg-check/testing, each with types, and they resolve here', async () => {
    for (const entry of ['.', './helpers', './testing']) expect(pkg.exports[entry]).toMatchObject({ types: expect.stringMatching(/\.d\.ts$/), default: expect.stringMatching(/^\.\/dist\//) });
    const helpers = (await import('dpg-check/helpers')) as Record<string, unknown>;
    for (const name of ['judgeLicense', 'findManifests', 'parseManifest', 'sortEvidenceLinks', 'declaredEvidenceLinks', 'lineIndex', 'headings', 'isVendored', 'REQUIREMENT', 'STANDARD']) expect(typeof helpers[name], name).not.toBe('undefined');
  });

  it('built-in rules import only the rule API, the toolbox and rules/ (and the check catches a wrong import)', () => {
    const problems = filesUnder('rules', /\.ts$/).flatMap((file) => importsOf(fs.readFileSync(file, 'utf8')).map((s) => ruleImportProblem(file, s)).filter((p) => p !== undefined));
    expect(problems).toEqual([]);
    // A deliberately wrong import is caught.
    expect(ruleImportProblem('rules/2-open-licensing/license-approved.ts', '../../src/licenses/policy.js')).toMatch(/rules import only/);
    expect(ruleImportProblem('rules/2-open-licensing/license-approved.ts', '../../src/helpers.js')).toBeUndefined();
  });

  it('shipped packs import nothing by relative path but their own data (and the check catches a wrong import)', () => {
    const problems = filesUnder('packs', /\.m?js$/).flatMap((file) => importsOf(fs.readFileSync(file, 'utf8')).map((s) => packImportProblem(file, s)).filter((p) => p !== undefined));
    expect(problems).toEqual([]);
    expect(packImportProblem('packs/dpi/index.mjs', '../../rules/shared.js')).toMatch(/a pack imports only/);
  });

  it('a pack using only the published API finds what dpg-2-01 and dpg-9a-04 find, on every sample candidate', async () => {
    const candidates = ['fixtures/candidates', 'fixtures/candidates-evidence', 'fixtures/candidates-deps']
      .flatMap((dir) => fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name)));
    const pairs = [['dpg-2-01', 'toolbox/license-declared'], ['dpg-9a-04', 'toolbox/dependency-updates']] as const;
    const comparable = (f: Finding) => ({ status: f.status, messageId: f.messageId, message: f.message, evidence: f.evidence });
    const seen = new Set<string>();
    let compared = 0;
    for (const target of candidates) {
      let report;
      try {
        report = await checkCandidate({ target, configFile: 'test/fixtures/toolbox-pack/dpg-check.yml', only: pairs.flat() });
      } catch {
        continue; // a candidate that cannot be checked at all (malformed on purpose) has no findings to compare
      }
      for (const [builtIn, packed] of pairs) {
        const expected = report.findings.filter((f) => f.ruleId === builtIn).map(comparable);
        expect(report.findings.filter((f) => f.ruleId === packed).map(comparable), `${packed} on ${target}`).toEqual(expected);
        for (const f of expected) seen.add(`${builtIn} ${f.status} ${f.messageId}`);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    // The candidates exercise more than one path through each rule.
    expect([...seen].filter((s) => s.startsWith('dpg-2-01')).length).toBeGreaterThanOrEqual(3);
    expect([...seen].filter((s) => s.startsWith('dpg-9a-04')).length).toBeGreaterThanOrEqual(3);
  });
});

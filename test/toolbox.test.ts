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


describe('the published toolbox', () => {
  it('package.json publishes dpg-check, dpg-check/helpers and dpg-check/testing, each with types, and they resolve here', async () => {
    for (const entry of ['.', './helpers', './testing']) expect(pkg.exports[entry]).toMatchObject({ types: expect.stringMatching(/\.d\.ts$/), default: expect.stringMatching(/^\.\/dist\//) });
    const helpers = (await import('dpg-check/helpers')) as Record<string, unknown>;
    for (const name of ['judgeLicense', 'findManifests', 'parseManifest', 'sortEvidenceLinks', 'declaredEvidenceLinks', 'lineIndex', 'headings', 'isVendored', 'REQUIREMENT', 'STANDARD']) expect(typeof helpers[name], name).not.toBe('undefined');
  });

  // Which modules rules and packs may import is enforced, with the rest of the import directions, in test/import-directions.test.ts.

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

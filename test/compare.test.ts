import { describe, it, expect, vi, afterEach } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { compareNumbered, comparePaths, compareText, sortPaths } from '../src/helpers.js';
import { checkCandidate } from '../src/engine/check.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the one order names are sorted in', () => {
  it('folds case first, then breaks ties by code unit, the same on every machine', () => {
    expect(['zeta', 'Docs/b', 'aa', 'docs/a', 'README.md', 'readme.md'].sort(compareText))
      .toEqual(['aa', 'docs/a', 'Docs/b', 'README.md', 'readme.md', 'zeta']);
    expect(compareText('same', 'same')).toBe(0);
    // A Danish collator puts "aa" after "z"; this order does not depend on any locale.
    expect(['z', 'aa'].sort(compareText)).toEqual(['aa', 'z']);
  });
  it('lists paths shallowest first', () => {
    expect(['b/c/d.md', 'z.md', 'a/b.md', 'A.md'].sort(comparePaths)).toEqual(['A.md', 'z.md', 'a/b.md', 'b/c/d.md']);
  });
  it('sorts a list of paths in place in the same order as comparing pairs', () => {
    const segment = fc.constantFrom('a', 'A', 'b', 'B', 'docs', 'Docs', 'README.md', 'readme.md', 'x.TS', 'x.ts', 'é', 'É', 'z');
    const filePath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
    fc.assert(fc.property(fc.array(filePath, { maxLength: 40 }), (paths) => {
      const list = [...paths];
      expect(sortPaths(list)).toBe(list);
      expect(list).toEqual([...paths].sort(comparePaths));
    }), { numRuns: 300 });
  });
  it('compares runs of digits as numbers (SDG targets)', () => {
    expect(['3.10', '3.a', '3.2', '10.1', '3.1'].sort(compareNumbered)).toEqual(['3.1', '3.2', '3.10', '3.a', '10.1']);
    expect(['file10', 'file2', 'file'].sort(compareNumbered)).toEqual(['file', 'file2', 'file10']);
    expect(compareNumbered('3.02', '3.2')).not.toBe(0);
  });
});

describe('a check and locale collation', () => {
  afterEach(() => vi.restoreAllMocks());
  it('never calls localeCompare: its order is not the locale\'s, and it does not load ICU\'s collator at start-up', async () => {
    const spy = vi.spyOn(String.prototype, 'localeCompare');
    const report = await checkCandidate({ target: path.join(REPO, 'fixtures/candidates/complete-software') });
    expect(report.findings.length).toBeGreaterThan(10);
    expect(spy).not.toHaveBeenCalled();
  });
});

/** pathsMatching tests a large tree's paths against a list of patterns as one alternation per set of flags (anyOf): the same paths as testing each. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { filterMatchingAny, pathsMatching, pathsMatchingEach } from '../src/helpers.js';
import { createMemorySnapshot } from '../src/snapshot/memory.js';
import { isVendored } from '../src/helpers.js';
import { anyOf } from '../src/text/any-of.js';
import { comparePaths } from '../src/text/compare.js';

const PATTERN_LISTS: readonly (readonly RegExp[])[] = [
  [/(^|\/)mkdocs\.ya?ml$/i, /(^|\/)SUMMARY\.md$/, /^docs\//i, /(^|\/)conf\.py$/i],
  // A back-reference and a named group keep their numbering only alone.
  [/^(zz)\.md$/i, /(^|\/)(a|b)\/\2\.md$/i, /(?<dir>docs)\/\k<dir>\.txt$/, /readme/i, /^src\/.*\.TS$/],
  [/^\.github\/workflows\/[^/]+\.ya?ml$/i, /(^|\/)(tests?|specs?)\//i, /\.test\.[a-z]+$/m],
  [/x/],
];

const segment = fc.constantFrom('docs', 'Docs', 'src', 'a', 'b', 'test', 'specs', '.github', 'workflows', 'vendor', 'conf.py', 'mkdocs.yml', 'SUMMARY.md', 'summary.md', 'a.md', 'b.md', 'docs.txt', 'README.md', 'x.TS', 'app.test.js', 'ci.yml');
const filePath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));

describe('pathsMatching', () => {
  it('anyOf matches exactly the paths some pattern matches', () => {
    fc.assert(
      fc.property(fc.array(filePath, { maxLength: 30 }), fc.constantFrom(...PATTERN_LISTS), (paths, patterns) => {
        const matches = anyOf(patterns);
        for (const p of paths) expect(matches(p)).toBe(patterns.some((re) => re.test(p)));
      }),
      { numRuns: 300 },
    );
  });

  it('finds exactly the own paths some pattern matches, shallowest first, in small trees and in large ones', () => {
    // 1,000 more paths that no pattern matches: a large tree's paths are tested with anyOf.
    const filler = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`filler/f${i}.dat`, '']));
    fc.assert(
      fc.property(fc.uniqueArray(filePath, { maxLength: 30 }), fc.constantFrom(...PATTERN_LISTS), fc.boolean(), (paths, patterns, large) => {
        const files = Object.fromEntries(paths.filter((p) => !paths.some((q) => q.startsWith(`${p}/`))).map((p) => [p, '']));
        const snapshot = createMemorySnapshot(large ? { ...filler, ...files } : files);
        const expected = snapshot.paths.filter((p) => !isVendored(p) && patterns.some((re) => re.test(p))).sort(comparePaths);
        expect(pathsMatching(snapshot, patterns)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('finds for several lists at once what each finds alone, and tests the paths of a large tree once for them all', () => {
    const filler = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`filler/f${i}.dat`, '']));
    fc.assert(
      fc.property(fc.uniqueArray(filePath, { maxLength: 30 }), fc.boolean(), (paths, large) => {
        const files = Object.fromEntries(paths.filter((p) => !paths.some((q) => q.startsWith(`${p}/`))).map((p) => [p, '']));
        const snapshot = createMemorySnapshot(large ? { ...filler, ...files } : files);
        expect(pathsMatchingEach(snapshot, PATTERN_LISTS)).toEqual(PATTERN_LISTS.map((patterns) => pathsMatching(snapshot, patterns)));
      }),
      { numRuns: 100 },
    );
  });

  it('filterMatchingAny keeps the paths some pattern matches, in their order, on small lists and large ones', () => {
    const filler = Array.from({ length: 1000 }, (_, i) => `filler/f${i}.dat`);
    fc.assert(
      fc.property(fc.array(filePath, { maxLength: 30 }), fc.constantFrom(...PATTERN_LISTS), fc.boolean(), (paths, patterns, large) => {
        const list = large ? [...paths, ...filler] : paths;
        expect(filterMatchingAny(list, patterns)).toEqual(list.filter((p) => patterns.some((re) => re.test(p))));
      }),
      { numRuns: 100 },
    );
  });

  it('matches a back-reference as the pattern wrote it', () => {
    const matches = anyOf([/^(zz)\.md$/i, /(^|\/)(a|b)\/\2\.md$/i, /(?<dir>docs)\/\k<dir>\.txt$/]);
    expect(['a/a.md', 'a/b.md', 'docs/docs.txt', 'docs/x.txt'].filter(matches)).toEqual(['a/a.md', 'docs/docs.txt']);
  });
});

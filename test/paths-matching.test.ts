/** pathsMatching tests a list of patterns as one alternation per set of flags: the same paths as testing each. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { pathsMatching } from '../src/helpers.js';
import { createMemorySnapshot } from '../src/snapshot/memory.js';
import { isVendored } from '../src/helpers.js';
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
  it('finds exactly the own paths some pattern matches, shallowest first', () => {
    fc.assert(
      fc.property(fc.uniqueArray(filePath, { maxLength: 30 }), fc.constantFrom(...PATTERN_LISTS), (paths, patterns) => {
        const files = Object.fromEntries(paths.filter((p) => !paths.some((q) => q.startsWith(`${p}/`))).map((p) => [p, '']));
        const snapshot = createMemorySnapshot(files);
        const expected = snapshot.paths
          .filter((p) => !isVendored(p))
          .filter((p) => patterns.some((re) => re.test(p)))
          .sort(comparePaths);
        expect(pathsMatching(snapshot, patterns)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('matches a back-reference as the pattern wrote it', () => {
    const snapshot = createMemorySnapshot({ 'a/a.md': '', 'a/b.md': '', 'docs/docs.txt': '', 'docs/x.txt': '' });
    expect(pathsMatching(snapshot, [/^(zz)\.md$/i, /(^|\/)(a|b)\/\2\.md$/i, /(?<dir>docs)\/\k<dir>\.txt$/])).toEqual(['a/a.md', 'docs/docs.txt']);
  });
});

/**
 * The one order the tool sorts names in: case-insensitive, then by UTF-16
 * code unit, so `Docs/a` and `docs/b` sit together and ties are broken the
 * same way everywhere.
 *
 * Why not `localeCompare`: its order follows the machine's locale (a Danish
 * `LANG` sorts "aa" after "z"), so two reviewers would get reports in a
 * different order; and its first call in a process loads ICU's collator,
 * about 20 ms of every command's start-up (issue 13).
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const foldedA = a.toLowerCase();
  const foldedB = b.toLowerCase();
  if (foldedA !== foldedB) return foldedA < foldedB ? -1 : 1;
  return a < b ? -1 : 1;
}

/** Paths shallowest first, then in `compareText` order: how evidence lists files. */
export function comparePaths(a: string, b: string): number {
  return depth(a) - depth(b) || compareText(a, b);
}

/**
 * Sorts `paths` in place in `comparePaths` order, each path's depth and folded case computed once: comparing
 * pairs folded both strings again every time, and sorting dhis-2's 2,700 test files (practices-in-repository)
 * spent 8 ms and a few megabytes of garbage on it.
 */
export function sortPaths(paths: string[]): string[] {
  if (paths.length < 2) return paths;
  const keyed = paths.map((path) => ({ path, depth: depth(path), folded: path.toLowerCase() }));
  keyed.sort((a, b) => a.depth - b.depth || (a.folded !== b.folded ? (a.folded < b.folded ? -1 : 1) : a.path === b.path ? 0 : a.path < b.path ? -1 : 1));
  for (let i = 0; i < keyed.length; i++) paths[i] = (keyed[i] as { path: string }).path;
  return paths;
}

function depth(path: string): number {
  let slashes = 0;
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) slashes++;
  return slashes;
}

/**
 * `compareText`, with runs of digits compared as numbers: SDG target `3.2`
 * before `3.10`, `file2` before `file10`.
 */
export function compareNumbered(a: string, b: string): number {
  const partsA = a.match(DIGITS_OR_NOT) ?? [];
  const partsB = b.match(DIGITS_OR_NOT) ?? [];
  for (let i = 0; i < Math.min(partsA.length, partsB.length); i++) {
    const x = partsA[i] as string;
    const y = partsB[i] as string;
    if (x === y) continue;
    const bothNumbers = DIGIT.test(x) && DIGIT.test(y);
    const order = bothNumbers ? Number(x) - Number(y) || compareText(x, y) : compareText(x, y);
    if (order !== 0) return order;
  }
  return partsA.length - partsB.length || compareText(a, b);
}

const DIGITS_OR_NOT = /\d+|\D+/g;
const DIGIT = /^\d/;

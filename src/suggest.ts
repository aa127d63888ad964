/**
 * Did-you-mean for mistyped subcommands. `check` is the default command, so
 * commander reads `dpg-check valdate dpg.yml` as a check of a directory named
 * `valdate` and cannot suggest anything itself: the first argument is
 * compared with the command names before parsing, and only when it is not a
 * path that exists, not a URL or `host:owner/repo`, and close to a name.
 */
import fs from 'node:fs';

/** Edit distance (insertions, deletions, substitutions, adjacent transpositions), as commander's own suggestions use. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * The command `word` was probably meant to be, or undefined: within a third
 * of the name's length (at least one edit), never for an existing path.
 */
export function suggestCommand(word: string | undefined, commands: readonly string[], pathExists: (path: string) => boolean = fs.existsSync): string | undefined {
  if (word === undefined || word === '' || word.startsWith('-') || commands.includes(word)) return undefined;
  if (/[/\\:.]/.test(word) || pathExists(word)) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const name of commands) {
    const distance = editDistance(word.toLowerCase(), name);
    const allowed = Math.max(1, Math.floor(name.length / 3));
    if (distance <= allowed && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/**
 * Where a local candidate sits in its repository, for the paths code scanning
 * and GitHub annotations place findings in. Its own module, so the cannot-check
 * path (src/commands/github-actions.ts) needs neither the rules nor the reporters.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repositoryPathPrefix } from '../reporters/github.js';

/**
 * The candidate's folder relative to its repository's root (`services/api/`, or
 * `''` at the root), whatever the working directory: the repository is the
 * nearest folder at or above the candidate holding `.git` (what code scanning
 * and GitHub annotations place paths in); without one, `$GITHUB_WORKSPACE`,
 * else the working directory.
 */
export function repositoryPrefixFor(candidateRoot: string, env: NodeJS.ProcessEnv): string {
  for (let dir = candidateRoot; ; dir = path.dirname(dir)) {
    // Only whether `.git` exists: nothing in it is read, and a link named `.git` counts as the marker it is.
    if (fs.existsSync(path.join(dir, '.git'))) return repositoryPathPrefix(candidateRoot, dir);
    if (path.dirname(dir) === dir) break;
  }
  return repositoryPathPrefix(candidateRoot, env.GITHUB_WORKSPACE ?? process.cwd());
}

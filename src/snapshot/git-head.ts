/**
 * HEAD's commit, read from the repository's own files: the answer of `git rev-parse --verify --quiet HEAD`,
 * without starting git. Starting a process blocks the check's thread until it runs (Node forks the whole
 * process first): 8–10 ms per git command on a two-core machine, a tenth of a small check's own work.
 *
 * Only the plain layout is read: a `.git` folder (or a `.git` file naming one, as a linked worktree or a
 * submodule has), HEAD naming a branch under refs/heads/ or holding a commit id, and that branch as a loose
 * ref or in packed-refs. Anything else — the reftable backend, a symbolic ref that is not a branch, a ref file
 * that holds another ref, a `.git` that is not a repository, git's discovery limits set in the environment, a
 * file that is not a plain small file (a link, a FIFO) — is `ask-git`, and git is asked as before.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The revision (absent on a branch with no commit yet), or `ask-git` when the files are not the plain layout. */
export type HeadAnswer = { revision?: string } | 'ask-git';

const COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** HEAD, a ref, `.git` and `commondir` files are a line each. */
const SMALL_FILE = 4096;
/** A packed-refs file of a repository with a great many tags stays well under this. */
const PACKED_REFS_MAX = 64 * 1024 * 1024;

export function readHead(dir: string): HeadAnswer {
  // These change which repository git finds (and GIT_DIR and the like are removed before git runs, see
  // list-files.ts): git alone knows what they mean.
  if (process.env.GIT_CEILING_DIRECTORIES !== undefined || process.env.GIT_DISCOVERY_ACROSS_FILESYSTEM !== undefined) return 'ask-git';
  try {
    const gitDir = findGitDir(path.resolve(dir));
    if (gitDir === undefined) return 'ask-git';
    const commonFile = readSmallFile(path.join(gitDir, 'commondir'), SMALL_FILE);
    if (commonFile === 'not-plain') return 'ask-git';
    const commonDir = commonFile === undefined ? gitDir : path.resolve(gitDir, commonFile.trim());
    if (!isDirectory(path.join(commonDir, 'objects')) || !isDirectory(path.join(commonDir, 'refs')) || exists(path.join(commonDir, 'reftable'))) return 'ask-git';
    const head = readSmallFile(path.join(gitDir, 'HEAD'), SMALL_FILE);
    if (head === undefined || head === 'not-plain') return 'ask-git';
    const content = head.trim();
    if (COMMIT_ID.test(content)) return { revision: content };
    const branch = /^ref: (refs\/heads\/[^\s\\]+)$/.exec(content)?.[1];
    if (branch === undefined || branch.split('/').some((part) => part === '' || part === '.' || part === '..')) return 'ask-git';
    const loose = readSmallFile(path.join(commonDir, ...branch.split('/')), SMALL_FILE);
    if (loose === 'not-plain') return 'ask-git';
    if (loose !== undefined) {
      const id = loose.trim();
      return COMMIT_ID.test(id) ? { revision: id } : 'ask-git';
    }
    const packed = readSmallFile(path.join(commonDir, 'packed-refs'), PACKED_REFS_MAX);
    if (packed === 'not-plain') return 'ask-git';
    // Neither a loose ref nor a packed one: a branch with no commit yet, for which git answers nothing.
    if (packed === undefined) return {};
    for (const line of packed.split('\n')) {
      if (line.startsWith('#') || line.startsWith('^')) continue;
      const space = line.indexOf(' ');
      if (space > 0 && line.slice(space + 1).trimEnd() === branch) {
        const id = line.slice(0, space);
        return COMMIT_ID.test(id) ? { revision: id } : 'ask-git';
      }
    }
    return {};
  } catch {
    return 'ask-git';
  }
}

/** The first `.git` from `dir` upwards, as git's discovery finds it; undefined when it is not a plain one. */
function findGitDir(dir: string): string | undefined {
  for (let at = dir; ; at = path.dirname(at)) {
    const dotGit = path.join(at, '.git');
    const stat = fs.lstatSync(dotGit, { throwIfNoEntry: false });
    if (stat?.isDirectory()) return isDirectory(path.join(dotGit, 'objects')) || exists(path.join(dotGit, 'commondir')) ? dotGit : undefined;
    if (stat?.isFile()) {
      const pointer = readSmallFile(dotGit, SMALL_FILE);
      const target = typeof pointer === 'string' ? /^gitdir: (.+)$/.exec(pointer.trim())?.[1] : undefined;
      return target === undefined ? undefined : path.resolve(at, target);
    }
    // Anything else named .git (a link, a FIFO): git's business.
    if (stat) return undefined;
    if (path.dirname(at) === at) return undefined;
  }
}

/**
 * A plain file's text: undefined when there is none, `not-plain` when the name is something else (a link, a
 * folder, a FIFO, a device) or larger than `max`. Opened without following a link and without waiting on a
 * FIFO, and judged by what was opened, so nothing can be swapped in between.
 */
function readSmallFile(file: string, max: number): string | undefined | 'not-plain' {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : 'not-plain';
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > max) return 'not-plain';
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = fs.readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function isDirectory(file: string): boolean {
  return fs.lstatSync(file, { throwIfNoEntry: false })?.isDirectory() === true;
}

function exists(file: string): boolean {
  return fs.lstatSync(file, { throwIfNoEntry: false }) !== undefined;
}

/**
 * HEAD read from the repository's files (src/snapshot/git-head.ts) gives git's own answer in every layout it
 * reads, and leaves the others to git: each case is a real repository made with git, compared with
 * `git rev-parse --verify --quiet HEAD`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHead } from '../src/snapshot/git-head.js';
import { listLocalFiles } from '../src/snapshot/list-files.js';

const hasGit = spawnSync('git', ['--version']).status === 0;
const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();
/** What git answers for HEAD in `cwd`, as the listing asked it; undefined when it answers nothing. */
const gitHead = (cwd: string): string | undefined => spawnSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd, env, encoding: 'utf8' }).stdout.trim() || undefined;

let root: string;
let count = 0;
function repository(commits = 1): string {
  const dir = path.join(root, `repo-${++count}`);
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  for (let i = 0; i < commits; i++) {
    fs.writeFileSync(path.join(dir, 'src', 'file.txt'), `version ${i}\n`);
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', `commit ${i}`);
  }
  return dir;
}

describe.skipIf(!hasGit)('HEAD from the repository files', () => {
  beforeAll(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-head-')));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('gives git\'s answer for a branch as a loose ref, packed, detached, from a subfolder and in a linked worktree', () => {
    const dir = repository(2);
    const cases: [string, string][] = [[dir, 'loose ref']];
    expect(readHead(dir)).toEqual({ revision: gitHead(dir) });
    expect(readHead(path.join(dir, 'src'))).toEqual({ revision: gitHead(path.join(dir, 'src')) });
    const packed = repository(2);
    git(packed, 'pack-refs', '--all');
    expect(fs.existsSync(path.join(packed, '.git', 'refs', 'heads', 'main'))).toBe(false);
    cases.push([packed, 'packed ref']);
    const detached = repository(2);
    git(detached, 'checkout', '-q', '--detach', 'HEAD~1');
    cases.push([detached, 'detached']);
    const worktree = path.join(root, 'linked');
    git(dir, 'worktree', 'add', '-q', '-b', 'side', worktree, 'HEAD~1');
    cases.push([worktree, 'linked worktree']);
    for (const [at, what] of cases) {
      const expected = gitHead(at);
      expect(expected, what).toMatch(/^[0-9a-f]{40}$/);
      expect(readHead(at), what).toEqual({ revision: expected });
    }
    // The worktree's HEAD is its own branch, a commit behind the main one.
    expect(readHead(worktree)).not.toEqual(readHead(dir));
  });

  it('gives no revision for a branch with no commit, as git does', () => {
    const dir = path.join(root, 'unborn');
    fs.mkdirSync(dir);
    git(dir, 'init', '-q', '-b', 'main');
    expect(gitHead(dir)).toBeUndefined();
    expect(readHead(dir)).toEqual({});
  });

  it('leaves to git what is not the plain layout: reftable, a ref that is a link, a FIFO for HEAD, discovery limits, no repository', () => {
    const reftable = repository();
    fs.mkdirSync(path.join(reftable, '.git', 'reftable'));
    expect(readHead(reftable)).toBe('ask-git');

    const linkedRef = repository();
    const ref = path.join(linkedRef, '.git', 'refs', 'heads', 'main');
    fs.renameSync(ref, `${ref}.real`);
    fs.symlinkSync(`${ref}.real`, ref);
    expect(readHead(linkedRef)).toBe('ask-git');

    const fifo = repository();
    if (process.platform !== 'win32') {
      const head = path.join(fifo, '.git', 'HEAD');
      fs.rmSync(head);
      execFileSync('mkfifo', [head]);
      // Opened without waiting for a writer: it must return, not hang.
      expect(readHead(fifo)).toBe('ask-git');
    }

    const symbolic = repository();
    fs.writeFileSync(path.join(symbolic, '.git', 'HEAD'), 'ref: refs/remotes/origin/main\n');
    expect(readHead(symbolic)).toBe('ask-git');

    const plain = repository();
    const saved = process.env.GIT_CEILING_DIRECTORIES;
    process.env.GIT_CEILING_DIRECTORIES = root;
    try {
      expect(readHead(plain)).toBe('ask-git');
    } finally {
      if (saved === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
      else process.env.GIT_CEILING_DIRECTORIES = saved;
    }
    expect(readHead(plain)).toEqual({ revision: gitHead(plain) });

    const notARepository = path.join(root, 'not-a-repository', '.git');
    fs.mkdirSync(notARepository, { recursive: true });
    expect(readHead(path.dirname(notARepository))).toBe('ask-git');
  });

  it('lists the revision git gives, whether read from the files or asked of git', async () => {
    const dir = repository(2);
    expect((await listLocalFiles(dir, dir)).revision).toBe(gitHead(dir));
    fs.mkdirSync(path.join(dir, '.git', 'reftable'));
    // git 2.39 reads this repository as ever (the files backend): asked, it gives the same answer.
    expect((await listLocalFiles(dir, dir)).revision).toBe(gitHead(dir));
  });
});

import { describe, it, expect, afterEach } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { createLocalSnapshot, SnapshotError } from '../src/snapshot/local.js';
import { git, hasGit } from './git-support.js';

const temporaryDirs: string[] = [];

function makeDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-snapshot-test-'));
  temporaryDirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of temporaryDirs.splice(0)) {
    // Restore permissions a test may have taken away, so the tree can be removed.
    try {
      execFileSync('chmod', ['-R', 'u+rwx', dir], { stdio: 'ignore' });
    } catch {
      // chmod absent (Windows): nothing was taken away there either.
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Writes `files` (relative path → content) under a new temporary directory. */
function makeTree(files: Record<string, string | Buffer>): string {
  const dir = makeDir();
  writeFiles(dir, files);
  return dir;
}

function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(dir, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}

function gitRepo(files: Record<string, string | Buffer>): string {
  const dir = makeTree(files);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  return dir;
}

const canSymlink = process.platform !== 'win32';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('file list in a git work tree', () => {
  it.skipIf(!hasGit)('lists tracked and untracked files, not ignored or deleted ones, and records HEAD', async () => {
    const dir = gitRepo({
      '.gitignore': '*.log\nbuild/\n',
      'a.txt': 'a',
      'src/b.ts': 'b',
      'gone.txt': 'soon deleted',
    });
    writeFiles(dir, {
      'c.txt': 'untracked',
      'debug.log': 'ignored',
      'build/out.js': 'ignored',
      'src/new.ts': 'new',
      'fresh/deep/x.md': 'untracked in a new folder',
    });
    fs.rmSync(path.join(dir, 'gone.txt'));

    const snapshot = await createLocalSnapshot(dir);

    expect(snapshot.paths).toEqual(['.gitignore', 'a.txt', 'c.txt', 'fresh/deep/x.md', 'src/b.ts', 'src/new.ts']);
    expect(snapshot.read('fresh/deep/x.md')?.text).toBe('untracked in a new folder');
    expect(snapshot.source).toEqual({ kind: 'local', location: dir, revision: git(dir, 'rev-parse', 'HEAD') });
    expect(snapshot.host).toBeUndefined();
    expect(snapshot.paths.some((file) => file.startsWith('.git/'))).toBe(false);
  });

  it.skipIf(!hasGit || !canSymlink)('takes each entry as it is on disk when it changed kind since it was added', async () => {
    const dir = gitRepo({
      'kept.txt': 'k',
      'now-folder.txt': 'a file, then a folder',
      'was-folder/inner.txt': 'a folder, then a file',
      'sparse/away.txt': 'left off the disk by a sparse checkout',
      'deep/er/gone.txt': 'deleted with its folders',
    });
    fs.symlinkSync('kept.txt', path.join(dir, 'link-in'));
    git(dir, 'add', 'link-in');
    git(dir, 'commit', '-q', '-m', 'a link');
    fs.rmSync(path.join(dir, 'now-folder.txt'));
    writeFiles(dir, { 'now-folder.txt/new.md': 'new' });
    fs.rmSync(path.join(dir, 'was-folder'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'was-folder'), 'now a file');
    fs.rmSync(path.join(dir, 'deep'), { recursive: true });
    // What `git sparse-checkout` does to a path outside the cone: skip-worktree in the index, absent on disk.
    git(dir, 'update-index', '--skip-worktree', 'sparse/away.txt');
    fs.rmSync(path.join(dir, 'sparse'), { recursive: true });

    const snapshot = await createLocalSnapshot(dir);

    expect(snapshot.paths).toEqual(['kept.txt', 'link-in', 'now-folder.txt/new.md', 'was-folder']);
    expect(snapshot.read('link-in')?.text).toBe('k');
    expect(snapshot.read('was-folder')?.text).toBe('now a file');
    expect(snapshot.warnings).toEqual([]);
  });

  it.skipIf(!hasGit || !canSymlink)('never reads a tracked file that became a link out of the root, though git still lists it as a file', async () => {
    // git's lists say nothing of this change (`--deleted` stats through the link); the read refuses the link.
    const outside = makeTree({ 'secret.txt': 'outside secret' });
    const dir = gitRepo({ 'LICENSE': 'MIT', 'a.txt': 'a' });
    fs.rmSync(path.join(dir, 'LICENSE'));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'LICENSE'));

    const snapshot = await createLocalSnapshot(dir);

    expect(snapshot.read('LICENSE')).toBeUndefined();
    expect(snapshot.skipped('LICENSE')).toBe('symlink-outside');
    expect(snapshot.warnings).toEqual(['skipped LICENSE: symbolic link to a file outside the checked directory']);
  });

  it.skipIf(!hasGit)('runs the caller\'s work while git lists, once, and lists the files even when that work throws', async () => {
    const dir = gitRepo({ 'a.txt': 'a' });
    let calls = 0;

    const snapshot = await createLocalSnapshot(dir, { whileListing: () => { calls++; throw new Error('the licence index is missing'); } });

    expect(calls).toBe(1);
    expect(snapshot.paths).toEqual(['a.txt']);
  });

  it.skipIf(!hasGit)('has no revision before the first commit', async () => {
    const dir = makeTree({ 'a.txt': 'a', 'ignored.tmp': 'x', '.gitignore': '*.tmp\n' });
    git(dir, 'init', '-q');

    const snapshot = await createLocalSnapshot(dir);

    expect(snapshot.paths).toEqual(['.gitignore', 'a.txt']);
    expect(snapshot.source.revision).toBeUndefined();
  });

  it.skipIf(!hasGit)('keeps file names with spaces and non-ASCII characters as they are', async () => {
    const dir = gitRepo({ 'dir with space/café.md': 'x', 'tab\there.txt': 'y' });

    const snapshot = await createLocalSnapshot(dir);

    expect(snapshot.paths).toEqual(['dir with space/café.md', 'tab\there.txt']);
    expect(snapshot.read('dir with space/café.md')?.text).toBe('x');
  });
});

describe('file list without git', () => {
  it('honours the root and nested .gitignore files, each relative to its folder', async () => {
    const dir = makeTree({
      '.gitignore': '*.log\n/only-at-root.txt\nnode_modules/\n',
      'a.txt': 'a',
      'x.log': 'ignored',
      'only-at-root.txt': 'ignored',
      'node_modules/m/index.js': 'ignored',
      'secret.txt': 'not ignored here: the rule lives in sub/',
      'sub/.gitignore': 'secret.txt\n!keep.log\n/anchored.txt\n',
      'sub/secret.txt': 'ignored',
      'sub/deep/secret.txt': 'ignored',
      'sub/keep.log': 're-included by the deeper .gitignore',
      'sub/other.log': 'ignored',
      'sub/only-at-root.txt': 'kept: the root rule is anchored',
      'sub/anchored.txt': 'ignored',
      'sub/deep/anchored.txt': 'kept: anchored to sub/',
    });

    const snapshot = await createLocalSnapshot(dir);

    expect(snapshot.paths).toEqual([
      '.gitignore',
      'a.txt',
      'secret.txt',
      'sub/.gitignore',
      'sub/deep/anchored.txt',
      'sub/keep.log',
      'sub/only-at-root.txt',
    ]);
    expect(snapshot.source).toEqual({ kind: 'local', location: dir });
  });

  it('lists node_modules when nothing ignores it', async () => {
    const dir = makeTree({ 'node_modules/pkg/index.js': 'x', 'index.js': 'y' });

    const snapshot = await createLocalSnapshot(dir);

    expect(snapshot.paths).toEqual(['index.js', 'node_modules/pkg/index.js']);
  });

  it('never lists .git, even when it is not a usable repository', async () => {
    const dir = makeTree({ '.git/config': 'not a repository', '.git/objects/x': 'x', 'sub/.git': 'gitdir: elsewhere', 'a.txt': 'a' });

    const snapshot = await createLocalSnapshot(dir);

    expect(snapshot.paths).toEqual(['a.txt']);
  });

  it("walks a checkout that an enclosing repository ignores, with the checkout's own rules", async () => {
    if (!hasGit) return expect(hasGit).toBe(false);
    const outer = gitRepo({ '.gitignore': 'vendor/\n', 'README.md': 'outer' });
    writeFiles(outer, { 'vendor/pkg/LICENSE': 'MIT', 'vendor/pkg/.gitignore': 'dist/\n', 'vendor/pkg/dist/a.js': 'x' });

    const snapshot = await createLocalSnapshot(path.join(outer, 'vendor/pkg'));

    expect(snapshot.paths).toEqual(['.gitignore', 'LICENSE']);
  });
});

describe.skipIf(!canSymlink)('symbolic links', () => {
  function treeWithLinks(): { dir: string; outside: string } {
    const outside = makeTree({ 'secret.txt': 'outside secret', 'nested/deep.txt': 'deep secret' });
    const dir = makeTree({ 'a.txt': 'inside', 'docs/guide.md': 'guide' });
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'out-file'));
    fs.symlinkSync(path.relative(dir, path.join(outside, 'secret.txt')), path.join(dir, 'out-relative'));
    fs.symlinkSync(outside, path.join(dir, 'out-dir'));
    fs.symlinkSync('a.txt', path.join(dir, 'in-link'));
    fs.symlinkSync('../docs', path.join(dir, 'docs/self-dir'));
    return { dir, outside };
  }

  function expectContained(snapshot: Awaited<ReturnType<typeof createLocalSnapshot>>): void {
    expect(snapshot.paths).toEqual(['a.txt', 'docs/guide.md', 'in-link']);
    expect(snapshot.read('in-link')?.text).toBe('inside');
    for (const link of ['out-file', 'out-relative']) {
      expect(snapshot.has(link)).toBe(false);
      expect(snapshot.read(link)).toBeUndefined();
      expect(snapshot.skipped(link)).toBe('symlink-outside');
      expect(snapshot.warnings.some((warning) => warning.includes(link))).toBe(true);
    }
    expect(snapshot.read('out-dir/secret.txt')).toBeUndefined();
    expect(snapshot.read('out-dir/nested/deep.txt')).toBeUndefined();
  }

  it('are never followed out of the root in a walk', async () => {
    const { dir } = treeWithLinks();
    expectContained(await createLocalSnapshot(dir));
  });

  it.skipIf(!hasGit)('are never followed out of the root when git lists them', async () => {
    const { dir } = treeWithLinks();
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'links');
    expectContained(await createLocalSnapshot(dir));
  });

  it.skipIf(!hasGit)('are not followed when a tracked folder was replaced by a link out of the root', async () => {
    const outside = makeTree({ 'f.txt': 'outside' });
    const dir = gitRepo({ 'folder/f.txt': 'tracked', 'a.txt': 'a' });
    fs.rmSync(path.join(dir, 'folder'), { recursive: true });
    fs.symlinkSync(outside, path.join(dir, 'folder'));

    const snapshot = await createLocalSnapshot(dir);

    expect(snapshot.paths).toEqual(['a.txt']);
    expect(snapshot.read('folder/f.txt')).toBeUndefined();
    expect(snapshot.skipped('folder/f.txt')).toBe('symlink-outside');
    expect(snapshot.warnings.some((warning) => warning.includes('folder'))).toBe(true);
  });

  it('terminate on loops, with and without git', async () => {
    const dir = makeTree({ 'a.txt': 'a', 'sub/b.txt': 'b' });
    fs.symlinkSync('loop-b', path.join(dir, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(dir, 'loop-b'));
    fs.symlinkSync('..', path.join(dir, 'sub/up'));
    fs.symlinkSync('.', path.join(dir, 'self'));

    const walked = await createLocalSnapshot(dir);
    expect(walked.paths).toEqual(['a.txt', 'sub/b.txt']);
    expect(walked.read('loop-a')).toBeUndefined();
    expect(walked.warnings.some((warning) => warning.includes('loop-a'))).toBe(true);

    if (hasGit) {
      git(dir, 'init', '-q');
      const listed = await createLocalSnapshot(dir);
      expect(listed.paths).toEqual(['a.txt', 'sub/b.txt']);
    }
  });
});

describe('reading files', () => {
  it('truncates a file at the per-file cap without breaking a UTF-8 character', async () => {
    const dir = makeTree({ 'big.txt': 'x'.repeat(1000), 'accents.txt': 'é'.repeat(100), 'small.txt': 'ok' });

    const snapshot = await createLocalSnapshot(dir, { limits: { maxFileBytes: 101, maxTotalBytes: 1_000_000 } });

    expect(snapshot.read('big.txt')).toEqual({ text: 'x'.repeat(101), size: 1000, truncated: true, encoding: 'utf-8' });
    expect(snapshot.read('accents.txt')).toEqual({ text: 'é'.repeat(50), size: 200, truncated: true, encoding: 'utf-8' });
    expect(snapshot.read('small.txt')).toEqual({ text: 'ok', size: 2, truncated: false, encoding: 'utf-8' });
  });

  it('stops reading once the total budget is spent, and keeps what it already read', async () => {
    const hundred = 'y'.repeat(100);
    const dir = makeTree({ 'a.txt': hundred, 'b.txt': hundred, 'c.txt': hundred, 'd.txt': hundred });

    const snapshot = await createLocalSnapshot(dir, { limits: { maxFileBytes: 1000, maxTotalBytes: 250 } });

    expect(snapshot.read('a.txt')?.text).toBe(hundred);
    expect(snapshot.read('b.txt')?.text).toBe(hundred);
    expect(snapshot.read('c.txt')).toMatchObject({ text: 'y'.repeat(50), truncated: true, size: 100 });
    expect(snapshot.read('d.txt')).toBeUndefined();
    expect(snapshot.skipped('d.txt')).toBe('budget-exhausted');
    expect(snapshot.read('a.txt')?.text).toBe(hundred);
    expect(snapshot.skipped('a.txt')).toBeUndefined();
  });

  it('charges a binary file only the bytes that showed it binary (ekitabu: EPUBs and videos spent the budget)', async () => {
    const video = Buffer.concat([Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70]), Buffer.alloc(100_000, 7)]);
    const dir = makeTree({ 'media/intro.mp4': video, 'src/app.js': 'const x = 1;\n'.repeat(100) });

    const snapshot = await createLocalSnapshot(dir, { limits: { maxFileBytes: 1_000_000, maxTotalBytes: 20_000 } });

    expect(snapshot.read('media/intro.mp4')).toBeUndefined();
    expect(snapshot.skipped('media/intro.mp4')).toBe('binary');
    expect(snapshot.read('src/app.js')).toMatchObject({ truncated: false, size: 1300 });
  });

  it('reads a file not kept again as the first time, without spending the budget twice', async () => {
    const hundred = 'y'.repeat(100);
    const dir = makeTree({ 'a.txt': hundred, 'b.txt': hundred, 'c.txt': hundred });

    const snapshot = await createLocalSnapshot(dir, { limits: { maxFileBytes: 1000, maxTotalBytes: 250 } });

    const once = snapshot.read('a.txt', { keep: false });
    expect(once?.text).toBe(hundred);
    // Read again (not from the cache: a new object), then kept.
    const again = snapshot.read('a.txt');
    expect(again).toEqual(once);
    expect(again).not.toBe(once);
    expect(snapshot.read('a.txt')).toBe(again);
    // a.txt took 100 bytes of the 250 once: b.txt is whole, c.txt has the last 50.
    expect(snapshot.read('b.txt')?.text).toBe(hundred);
    expect(snapshot.read('c.txt')).toMatchObject({ text: 'y'.repeat(50), truncated: true });
  });

  it('gives a truncated file not kept the same truncated text when read again', async () => {
    const dir = makeTree({ 'a.txt': 'a'.repeat(100), 'b.txt': 'b'.repeat(100) });

    const snapshot = await createLocalSnapshot(dir, { limits: { maxFileBytes: 1000, maxTotalBytes: 150 } });

    expect(snapshot.read('a.txt')?.text).toBe('a'.repeat(100));
    expect(snapshot.read('b.txt', { keep: false })).toMatchObject({ text: 'b'.repeat(50), truncated: true });
    // The budget is spent now, but b.txt's 50 bytes were already paid for.
    expect(snapshot.read('b.txt')).toMatchObject({ text: 'b'.repeat(50), truncated: true });
    expect(snapshot.skipped('b.txt')).toBeUndefined();
  });

  it('skips binaries (a NUL byte in the first 8 KiB) but not text with a late NUL', async () => {
    const late = Buffer.concat([Buffer.alloc(9000, 'a'), Buffer.from([0])]);
    const dir = makeTree({ 'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'late.txt': late });

    const snapshot = await createLocalSnapshot(dir);

    expect(snapshot.read('image.png')).toBeUndefined();
    expect(snapshot.skipped('image.png')).toBe('binary');
    expect(snapshot.read('late.txt')?.text.length).toBe(9001);
  });

  it('decodes Latin-1 when the bytes are not UTF-8, and strips a UTF-8 BOM', async () => {
    const dir = makeTree({
      'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xa9]),
      'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('héllo', 'utf8')]),
      'empty.txt': '',
    });

    const snapshot = await createLocalSnapshot(dir);

    expect(snapshot.read('latin1.txt')).toMatchObject({ text: 'café ©', encoding: 'latin1' });
    expect(snapshot.read('bom.txt')).toMatchObject({ text: 'héllo', encoding: 'utf-8', size: 9 });
    expect(snapshot.read('empty.txt')).toEqual({ text: '', size: 0, truncated: false, encoding: 'utf-8' });
  });

  it('says why unknown paths, folders and paths out of the root cannot be read', async () => {
    const dir = makeTree({ 'docs/guide.md': 'guide', 'README.md': 'hi' });
    const snapshot = await createLocalSnapshot(dir);

    expect(snapshot.read('nope.md')).toBeUndefined();
    expect(snapshot.skipped('nope.md')).toBe('missing');
    expect(snapshot.read('docs')).toBeUndefined();
    expect(snapshot.skipped('docs')).toBe('not-a-file');
    expect(snapshot.read('../README.md')).toBeUndefined();
    expect(snapshot.skipped('../README.md')).toBe('missing');
    expect(snapshot.has('./docs/guide.md')).toBe(true);
    expect(snapshot.read('./docs//guide.md')?.text).toBe('guide');
  });

  it('reports a file deleted after listing as missing', async () => {
    const dir = makeTree({ 'a.txt': 'a', 'b.txt': 'b' });
    const snapshot = await createLocalSnapshot(dir);
    fs.rmSync(path.join(dir, 'b.txt'));

    expect(snapshot.read('b.txt')).toBeUndefined();
    expect(snapshot.skipped('b.txt')).toBe('missing');
  });

  it.skipIf(isRoot || process.platform === 'win32')('reports an unreadable file with a warning', async () => {
    const dir = makeTree({ 'locked.txt': 'secret', 'open.txt': 'open' });
    fs.chmodSync(path.join(dir, 'locked.txt'), 0o000);

    const snapshot = await createLocalSnapshot(dir);

    expect(snapshot.paths).toEqual(['locked.txt', 'open.txt']);
    expect(snapshot.read('locked.txt')).toBeUndefined();
    expect(snapshot.skipped('locked.txt')).toBe('unreadable');
    expect(snapshot.warnings.some((warning) => warning.includes('locked.txt'))).toBe(true);
  });
});

describe('--path and unusable targets', () => {
  function monorepo(): string {
    const dir = makeTree({
      LICENSE: 'Apache-2.0 text',
      'packages/app/package.json': '{}',
      'packages/app/src/index.ts': 'x',
      'packages/lib/package.json': '{}',
    });
    if (canSymlink) fs.symlinkSync('../../LICENSE', path.join(dir, 'packages/app/LICENSE'));
    return dir;
  }

  const appFiles = [...(canSymlink ? ['LICENSE'] : []), 'package.json', 'src/index.ts'];

  it('checks a subfolder, relative to it, reading links back into the root', async () => {
    const dir = monorepo();

    const snapshot = await createLocalSnapshot(dir, { subPath: 'packages/app' });

    expect(snapshot.paths).toEqual(appFiles);
    expect(snapshot.source.location).toBe(path.join(dir, 'packages/app'));
    if (canSymlink) expect(snapshot.read('LICENSE')?.text).toBe('Apache-2.0 text');
  });

  it.skipIf(!hasGit)('checks a subfolder of a git work tree with git', async () => {
    const dir = monorepo();
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'monorepo');
    writeFiles(dir, { 'packages/app/untracked.md': 'u', 'packages/app/.gitignore': '*.tmp\n', 'packages/app/x.tmp': 'ignored' });

    const snapshot = await createLocalSnapshot(dir, { subPath: 'packages/app/' });

    expect(snapshot.paths).toEqual(['.gitignore', ...appFiles, 'untracked.md'].sort());
    expect(snapshot.source.revision).toBe(git(dir, 'rev-parse', 'HEAD'));
  });

  it('treats an empty or "." subPath as the root itself', async () => {
    const dir = monorepo();
    const whole = await createLocalSnapshot(dir);
    expect((await createLocalSnapshot(dir, { subPath: '.' })).paths).toEqual(whole.paths);
    expect((await createLocalSnapshot(dir, { subPath: '' })).source.location).toBe(dir);
  });

  it('refuses a subPath that escapes the root or does not exist', async () => {
    const dir = monorepo();
    const outside = makeDir();

    await expect(createLocalSnapshot(dir, { subPath: '../elsewhere' })).rejects.toThrow(SnapshotError);
    await expect(createLocalSnapshot(dir, { subPath: outside })).rejects.toThrow(/outside/);
    await expect(createLocalSnapshot(dir, { subPath: 'packages/nope' })).rejects.toThrow(/packages.nope: no such directory/);
    await expect(createLocalSnapshot(dir, { subPath: 'LICENSE' })).rejects.toThrow(/not a directory/);
    if (canSymlink) {
      fs.symlinkSync(outside, path.join(dir, 'escape'));
      await expect(createLocalSnapshot(dir, { subPath: 'escape' })).rejects.toThrow(SnapshotError);
    }
  });

  it('refuses a missing directory or a file, naming it', async () => {
    const dir = makeTree({ 'file.txt': 'x' });
    const missing = path.join(dir, 'no-such-dir');

    await expect(createLocalSnapshot(missing)).rejects.toThrow(SnapshotError);
    await expect(createLocalSnapshot(missing)).rejects.toThrow(`cannot check ${missing}: no such directory`);
    await expect(createLocalSnapshot(path.join(dir, 'file.txt'))).rejects.toThrow(/file\.txt: not a directory/);
  });
});

describe('the scanned tree', () => {
  /** Every entry under `dir` (including .git) with its content hash, link target or mtime. */
  function fingerprint(dir: string): Map<string, string> {
    const result = new Map<string, string>();
    const visit = (relative: string): void => {
      for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
        const child = path.join(relative, entry.name);
        const abs = path.join(dir, child);
        const stats = fs.lstatSync(abs);
        if (entry.isSymbolicLink()) result.set(child, `link:${fs.readlinkSync(abs)}`);
        else if (entry.isDirectory()) {
          result.set(child, `dir:${stats.mtimeMs}`);
          visit(child);
        } else {
          const hash = createHash('sha256').update(fs.readFileSync(abs)).digest('hex');
          result.set(child, `file:${hash}:${stats.mode}:${stats.mtimeMs}`);
        }
      }
    };
    visit('');
    return result;
  }

  it.skipIf(!hasGit)('is byte-identical after a snapshot and reading every file', async () => {
    const dir = gitRepo({ 'README.md': '# hi', 'src/a.ts': 'a', '.gitignore': '*.log\n' });
    writeFiles(dir, { 'untracked.md': 'u', 'x.log': 'ignored', 'src/a.ts': 'modified' });
    const before = fingerprint(dir);
    const indexMtime = fs.statSync(path.join(dir, '.git/index')).mtimeMs;

    const snapshot = await createLocalSnapshot(dir);
    for (const file of snapshot.paths) snapshot.read(file);
    const walked = await createLocalSnapshot(dir, { subPath: 'src' });
    for (const file of walked.paths) walked.read(file);

    expect(snapshot.read('src/a.ts')?.text).toBe('modified');
    expect(fs.statSync(path.join(dir, '.git/index')).mtimeMs).toBe(indexMtime);
    expect(fingerprint(dir)).toEqual(before);
  });
});

describe('property: the snapshot lists exactly the files written', () => {
  const segment = fc.stringMatching(/^[a-z0-9_-][a-z0-9_.é -]{0,6}$/).filter((name) => !name.endsWith(' ') && !name.endsWith('.'));
  const relativePath = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));
  /** No name may be both a file and a folder of another file. */
  const fileSet = fc.uniqueArray(relativePath, { minLength: 1, maxLength: 12 }).map((paths) =>
    paths.filter((candidate) => !paths.some((other) => other.startsWith(`${candidate}/`))),
  );

  it('with and without git', async () => {
    await fc.assert(
      fc.asyncProperty(fileSet, async (files) => {
        const dir = makeTree(Object.fromEntries(files.map((file) => [file, file])));
        const expected = [...files].sort();

        const walked = await createLocalSnapshot(dir);
        expect(walked.paths).toEqual(expected);
        for (const file of files) expect(walked.read(file)?.text).toBe(file);

        if (hasGit) {
          git(dir, 'init', '-q');
          expect((await createLocalSnapshot(dir)).paths).toEqual(expected);
        }
      }),
      { numRuns: 20 },
    );
  });
});

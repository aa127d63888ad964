/**
 * The pieces of the remote sources, one at a time: target parsing, the XDG
 * cache, the prefetch plan, the remote snapshot's read semantics, token
 * redaction. The end-to-end behaviour is in test/remote-*.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { SourceCache, cacheDirectory, gitBlobId } from '../src/sources/cache.js';
import { looksRemote, parseRemoteTarget, redactUrl } from '../src/sources/target.js';
import { SourceError } from '../src/sources/errors.js';
import { planPrefetch } from '../src/sources/prefetch.js';
import { createRemoteSnapshot, type FetchedBlob, type TreeEntry } from '../src/sources/remote-snapshot.js';
import { redactSecrets, redactingStream, secretsInEnvironment } from '../src/sources/secrets.js';
import { remoteSettings } from '../src/sources/index.js';
import { RequestLog } from '../src/sources/http.js';
import { ENGINE_READS } from '../src/engine/read-plan.js';
import { builtInRules } from '../rules/index.js';
import type { SkipReason } from '../src/snapshot/types.js';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'sources-test-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

describe('targets', () => {
  it('GitHub in every form it is written', () => {
    const expected = { kind: 'github', owner: 'dpg-test', repo: 'clinic', display: 'https://github.com/dpg-test/clinic' };
    for (const target of ['github:dpg-test/clinic', 'https://github.com/dpg-test/clinic', 'https://github.com/dpg-test/clinic/', 'https://github.com/dpg-test/clinic.git', 'git@github.com:dpg-test/clinic.git', 'https://www.github.com/dpg-test/clinic']) {
      expect(parseRemoteTarget(target), target).toEqual(expected);
    }
    expect(parseRemoteTarget('https://github.com/dpg-test/clinic/tree/release/2.0')).toEqual({ ...expected, ref: 'release/2.0' });
    expect(parseRemoteTarget('github:dpg-test/clinic#v1.2.0')).toEqual({ ...expected, ref: 'v1.2.0' });
  });

  it('any other git URL is a git target, credentials kept for git but never displayed', () => {
    expect(parseRemoteTarget('https://codeberg.org/a/b.git')).toEqual({ kind: 'git', url: 'https://codeberg.org/a/b.git', display: 'https://codeberg.org/a/b.git' });
    expect(parseRemoteTarget('https://user:secret@git.example.org/a/b.git#main')).toEqual({ kind: 'git', url: 'https://user:secret@git.example.org/a/b.git', ref: 'main', display: 'https://git.example.org/a/b.git#main' });
    expect(parseRemoteTarget('git@git.example.org:team/repo.git')).toMatchObject({ kind: 'git', url: 'git@git.example.org:team/repo.git' });
    expect(parseRemoteTarget('ssh://git@example.org/x.git')).toMatchObject({ kind: 'git' });
    expect(parseRemoteTarget('file:///srv/git/x.git')).toMatchObject({ kind: 'git' });
    expect(redactUrl('https://x-access-token:abc@github.com/o/r')).toBe('https://github.com/o/r');
  });

  it('an existing path is local, whatever it looks like; a missing one is remote only when it looks like a repository', () => {
    const odd = path.join(temp, 'github:odd');
    fs.mkdirSync(odd);
    expect(looksRemote(odd)).toBe(false);
    expect(looksRemote('.')).toBe(false);
    expect(looksRemote('C:\\work\\repo')).toBe(false);
    expect(looksRemote('no-such-folder')).toBe(false);
    expect(looksRemote('github:o/r')).toBe(true);
    expect(looksRemote('https://example.org/r.git')).toBe(true);
    expect(looksRemote('git@example.org:r.git')).toBe(true);
  });

  it('refuses what names no repository, with a plain message', () => {
    for (const [target, message] of [
      ['github:owner', 'expected a GitHub repository'],
      ['github:a/b/c', 'expected a GitHub repository'],
      ['https://github.com/owner', 'expected a GitHub repository'],
      ['https://github.com/o/r/issues', 'expected https://github.com/owner/repo'],
      ['gitlab:group', 'expected a GitLab project'],
      ['ftp://example.org/r.git', 'is not a git transport'],
      ['ext::sh -c touch% /tmp/pwned', 'git\'s <transport>::<address> form is not accepted'],
      ['github:o/r#--upload-pack=evil', 'is not a branch, tag or commit name'],
      ['github:../r', 'expected a GitHub repository'],
    ] as const) {
      expect(() => parseRemoteTarget(target), target).toThrow(SourceError);
      expect(() => parseRemoteTarget(target), target).toThrow(message);
    }
  });

  it('never throws anything but a SourceError, whatever the input', () => {
    fc.assert(fc.property(fc.string(), (input) => {
      try {
        parseRemoteTarget(input);
      } catch (error) {
        return error instanceof SourceError && !/\n\s+at /.test(error.message);
      }
      return true;
    }), { numRuns: 500 });
  });
});

describe('the cache', () => {
  it('lives in $XDG_CACHE_HOME/dpg-check, else ~/.cache/dpg-check (a relative XDG_CACHE_HOME is ignored, as the spec says)', () => {
    expect(cacheDirectory({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' })).toBe(path.join('/x/cache', 'dpg-check'));
    expect(cacheDirectory({ HOME: '/home/u' })).toBe(path.join('/home/u', '.cache', 'dpg-check'));
    expect(cacheDirectory({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' })).toBe(path.join('/home/u', '.cache', 'dpg-check'));
    expect(remoteSettings({ XDG_CACHE_HOME: '/x' }, { cache: false }).cacheDir).toBeUndefined();
  });

  it('stores blobs by id and refuses bytes that do not hash to it, or a damaged entry', () => {
    const cache = new SourceCache(path.join(temp, 'cache-a'));
    const bytes = Buffer.from('MIT License\n');
    const oid = gitBlobId(bytes);
    expect(oid).toMatch(/^[0-9a-f]{40}$/);
    cache.setBlob(oid, Buffer.from('something else'));
    expect(cache.getBlob(oid)).toBeUndefined();
    cache.setBlob(oid, bytes);
    expect(cache.getBlob(oid)?.toString()).toBe('MIT License\n');
    const file = path.join(temp, 'cache-a', 'blobs', oid.slice(0, 2), oid.slice(2));
    fs.writeFileSync(file, 'tampered');
    expect(cache.getBlob(oid)).toBeUndefined();
    expect(cache.getBlob('../../etc/passwd')).toBeUndefined();
  });

  it('keeps what was fetched of a blob over the read cap, for that cap or a smaller one, and a binary verdict', () => {
    const cache = new SourceCache(path.join(temp, 'cache-heads'));
    const whole = Buffer.from('x'.repeat(3000));
    const oid = gitBlobId(whole);
    cache.setFetched(oid, { bytes: whole.subarray(0, 1000), size: 3000 });
    expect(cache.getBlob(oid)).toBeUndefined(); // a head is never taken for the whole blob
    expect(cache.getFetched(oid, 1000)).toEqual({ bytes: whole.subarray(0, 1000), size: 3000 });
    expect(cache.getFetched(oid, 500)).toEqual({ bytes: whole.subarray(0, 500), size: 3000 });
    expect(cache.getFetched(oid, 2000)).toBeUndefined(); // fetched under a smaller cap: fetch again
    const file = path.join(temp, 'cache-heads', 'blob-heads', oid.slice(0, 2), oid.slice(2));
    fs.writeFileSync(file, Buffer.concat([fs.readFileSync(file).subarray(0, -1), Buffer.from('y')]));
    expect(cache.getFetched(oid, 1000)).toBeUndefined(); // damaged: its digest no longer matches

    const small = Buffer.from('MIT License\n');
    cache.setFetched(gitBlobId(small), { bytes: small, size: small.length });
    expect(cache.getFetched(gitBlobId(small), 1000)).toEqual({ bytes: small, size: small.length });
    const binaryOid = gitBlobId(Buffer.from([0, 1, 2]));
    cache.setFetched(binaryOid, 'binary');
    expect(cache.getFetched(binaryOid, 1000)).toBe('binary');
    const unreadableOid = gitBlobId(Buffer.from('gone'));
    cache.setFetched(unreadableOid, 'unreadable'); // may read next time: not kept
    expect(cache.getFetched(unreadableOid, 1000)).toBeUndefined();
  });

  it('the blob id is git\'s own', async () => {
    const { execFileSync } = await import('node:child_process');
    const file = path.join(temp, 'hash-me.txt');
    fs.writeFileSync(file, 'hello\n');
    expect(gitBlobId(Buffer.from('hello\n'))).toBe(execFileSync('git', ['hash-object', file]).toString().trim());
  });

  it('JSON entries survive a damaged file, and a cache that cannot be written is a warning, not a failure', () => {
    const warnings: string[] = [];
    const blocked = path.join(temp, 'not-a-dir');
    fs.writeFileSync(blocked, 'a file where the cache folder should be');
    const cache = new SourceCache(blocked, (w) => warnings.push(w));
    cache.setJson('meta', 'k', { a: 1 });
    cache.setJson('meta', 'k2', { a: 2 });
    expect(cache.getJson('meta', 'k')).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('could not write the cache');
    const off = new SourceCache(undefined);
    off.setJson('meta', 'k', 1);
    expect(off.getJson('meta', 'k')).toBeUndefined();
  });
});

const entry = (p: string, oid: string, kind: TreeEntry['kind'] = 'file', size?: number): TreeEntry => ({ path: p, oid, kind, ...(size !== undefined ? { size } : {}) });

describe('the prefetch plan', () => {
  const entries = [
    entry('README.md', 'a1'), entry('LICENSE', 'a2'), entry('src/index.ts', 'a3'), entry('packages/x/package.json', 'a4'),
    entry('packages/x/README.md', 'a5'), entry('docs/security.md', 'a6'), entry('link', 'a7', 'symlink'), entry('node_modules/y/LICENSE', 'a8'),
  ];

  it('takes every rule\'s meta.reads (gitignore syntax) and what the engine reads, shallowest first, and every symbolic link', () => {
    const patterns = [...builtInRules.flatMap((r) => r.meta.reads ?? []), ...ENGINE_READS];
    const plan = planPrefetch(entries, patterns);
    expect(plan.entries.map((e) => e.path)).toEqual(['LICENSE', 'README.md', 'link', 'docs/security.md', 'packages/x/README.md', 'packages/x/package.json', 'node_modules/y/LICENSE']);
    expect(plan.entries.map((e) => e.path)).not.toContain('src/index.ts');
  });

  it('is relative to --path, adds exact paths (the dry run), and stops at its caps', () => {
    const plan = planPrefetch(entries, ['/README.md'], 'packages/x', { maxFiles: 10, maxBytes: 1e9, maxFileBytes: 1e6 }, new Set(['package.json']));
    expect(plan.entries.map((e) => e.path)).toEqual(['link', 'packages/x/README.md', 'packages/x/package.json']);
    const capped = planPrefetch(entries, ['*'], '', { maxFiles: 2, maxBytes: 1e9, maxFileBytes: 1e6 });
    expect(capped.entries).toHaveLength(2);
    expect(capped.leftOut).toHaveLength(6);
    const bytes = planPrefetch([entry('a', 'b1', 'file', 600), entry('b', 'b2', 'file', 600)], ['*'], '', { maxFiles: 10, maxBytes: 1000, maxFileBytes: 1e6 });
    expect(bytes.leftOut).toEqual(['b']);
  });
});

describe('the remote snapshot', () => {
  const blob = (text: string, size = Buffer.byteLength(text)): FetchedBlob => ({ bytes: Buffer.from(text), size });
  const entries = [entry('LICENSE', 'l'), entry('README.md', 'r', 'symlink'), entry('docs/README.md', 'd'), entry('src/big.txt', 'b'), entry('src/app.ts', 's'), entry('bin/tool', 'x'), entry('OUT', 'o', 'symlink')];
  const blobs = new Map<string, FetchedBlob | SkipReason>([
    ['l', blob('MIT License\n')], ['r', blob('docs/README.md')], ['d', blob('# Docs\n')], ['b', blob('x'.repeat(10), 100)], ['x', 'binary'], ['o', blob('../../outside')],
  ]);
  const snapshot = createRemoteSnapshot({ source: { kind: 'git', location: 'u', revision: 'c' }, entries, blobs, warnings: [] });

  it('reads fetched files, follows links inside the tree, refuses links out of it', () => {
    expect(snapshot.paths).toEqual(['LICENSE', 'README.md', 'bin/tool', 'docs/README.md', 'src/app.ts', 'src/big.txt']);
    expect(snapshot.read('LICENSE')?.text).toBe('MIT License\n');
    expect(snapshot.read('./README.md')?.text).toBe('# Docs\n');
    expect(snapshot.has('OUT')).toBe(false);
    expect(snapshot.skipped('OUT')).toBe('symlink-outside');
    expect(snapshot.warnings).toContain('skipped OUT: symbolic link to a file outside the checked directory');
  });

  it('says why a read gave nothing: not fetched (it exists), missing, a folder, binary; a partial blob is truncated', () => {
    expect(snapshot.read('src/app.ts')).toBeUndefined();
    expect(snapshot.skipped('src/app.ts')).toBe('not-fetched');
    expect(snapshot.has('src/app.ts')).toBe(true);
    expect(snapshot.warnings.at(-1)).toBe('src/app.ts was read by a rule but not fetched from the remote repository (the batch holds the files rules name in meta.reads and those a dry run picked); it was treated as unreadable');
    expect(snapshot.skipped('nope')).toBe('missing');
    expect(snapshot.skipped('src')).toBe('not-a-file');
    expect(snapshot.read('bin/tool')).toBeUndefined();
    expect(snapshot.skipped('bin/tool')).toBe('binary');
    expect(snapshot.read('src/big.txt')).toMatchObject({ truncated: true, size: 100 });
  });

  it('keeps one warning, however many unfetched files are read', () => {
    const many = Array.from({ length: 50 }, (_, i) => entry(`f${i}.ts`, `o${i}`));
    const s = createRemoteSnapshot({ source: { kind: 'git', location: 'u' }, entries: many, blobs: new Map(), warnings: [] });
    for (const e of many) s.read(e.path);
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toMatch(/^50 files read by rules were not fetched/);
  });

  it('--path: the candidate is the folder; a missing folder or one outside is refused', () => {
    const sub = createRemoteSnapshot({ source: { kind: 'git', location: 'u' }, entries, blobs, subPath: 'docs' });
    expect(sub.paths).toEqual(['README.md']);
    expect(() => createRemoteSnapshot({ source: { kind: 'git', location: 'u' }, entries, blobs, subPath: 'nope' })).toThrow('no such folder');
    expect(() => createRemoteSnapshot({ source: { kind: 'git', location: 'u' }, entries, blobs, subPath: '../x' })).toThrow('outside the repository');
  });
});

describe('secrets', () => {
  it('tokens from the environment are replaced in everything written', () => {
    const secrets = secretsInEnvironment({ GITHUB_TOKEN: 'ghp_abcdefghijkl', GH_TOKEN: 'short', GITLAB_TOKEN: 'glpat-0123456789' });
    expect(secrets).toEqual(['ghp_abcdefghijkl', 'glpat-0123456789']);
    expect(redactSecrets('a ghp_abcdefghijkl b glpat-0123456789', secrets)).toBe('a *** b ***');
    let written = '';
    const stream = redactingStream({ write: (t: string) => (written += t), isTTY: true, columns: 80 }, secrets);
    stream.write('token=ghp_abcdefghijkl\n');
    expect(written).toBe('token=***\n');
    expect(stream.isTTY).toBe(true);
    expect((stream as unknown as { columns: number }).columns).toBe(80);
  });

  it('the request log never holds credentials from a URL', () => {
    const lines: string[] = [];
    const log = new RequestLog((line) => lines.push(line));
    log.add({ service: 'git', method: 'git clone', url: 'https://user:hunter2@example.org/r.git', status: 'ok', bytes: 10, ms: 1 });
    expect(lines.join('\n')).not.toContain('hunter2');
    expect(log.records[0]?.url).toBe('https://example.org/r.git');
  });
});

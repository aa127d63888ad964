/**
 * The search ahead (Snapshot.searchWithout, a rule's meta.searches): in a git work tree, one `git grep` tells which
 * files hold none of a rule's strings, so the secrets scan reads only the others. What it may never do: clear a
 * file it did not search in full (symbolic links, untracked files, extensions left out), change a finding, or
 * answer for a tree it did not search.
 */
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { createLocalSnapshot } from '../src/snapshot/local.js';
import { SEARCH_AHEAD_MIN_FILES } from '../src/snapshot/list-files.js';
import { createMemorySnapshot } from '../src/snapshot/memory.js';
import { createRuleContext } from '../src/engine/context.js';
import { classifyPaths } from '../src/engine/path-classes.js';
import { validateRuleMeta, type Facts, type RuleOutcome } from '../src/rule-api.js';
import type { Snapshot } from '../src/snapshot/types.js';
import { committedSecrets as committedSecretsDraft } from '../rules/9a-data-privacy-security/committed-secrets.js';
import { secretsOutsideProduct as secretsOutsideProductDraft } from '../rules/9a-data-privacy-security/secrets-outside-product.js';
import { SECRET_SEARCH } from '../rules/9a-data-privacy-security/secrets-scan.js';
import { builtIn } from './rules-support.js';
import { git, hasGit } from './git-support.js';
import { hangingGitDir, isAlive, killAll, onLinux, processesMarked, readPids, waitFor, withEnv } from './hostile-procs-support.js';

const committedSecrets = builtIn(committedSecretsDraft);
const secretsOutsideProduct = builtIn(secretsOutsideProductDraft);

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-search-test-'));
  dirs.push(dir);
  for (const [relative, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), content);
  }
  return dir;
}

function commitAll(dir: string): void {
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
}

/** A token-shaped value that no fake-value marker catches (built from parts: no secret sits in this file). */
function token(prefix: string, length: number, seed: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let state = seed;
  let out = prefix;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += alphabet[(state >>> 16) % alphabet.length];
  }
  return out;
}
/** Files enough for a tree to be searched ahead (SEARCH_AHEAD_MIN_FILES), none holding a needle. */
function filler(folder = 'filler'): Record<string, string> {
  return Object.fromEntries(Array.from({ length: SEARCH_AHEAD_MIN_FILES }, (_, i) => [`${folder}/f${i}.txt`, `line ${i}\n`]));
}
const notFiller = (p: string): boolean => !p.includes('filler/');

const GITHUB = token(['gh', 'p_'].join(''), 36, 1);
const NEEDLES = { needles: ['AKIA', ['gh', 'p_'].join('')], skippedExtensions: ['png'] };

describe.skipIf(!hasGit)('searching a git work tree ahead', () => {
  it('clears only tracked regular files that git read in full and found no needle in', async () => {
    const dir = tree({
      ...filler(),
      'plain.txt': 'nothing here\n',
      'holds.txt': `key ${GITHUB}\n`,
      'src/deep/quiet.ts': 'export {};\n',
      'image.png': 'no needle, but an extension left out\n',
      'blob.bin': Buffer.from([0, 1, 2, 0, 65]),
    });
    fs.symlinkSync('plain.txt', path.join(dir, 'link.txt'));
    commitAll(dir);
    fs.writeFileSync(path.join(dir, 'untracked.txt'), 'nothing\n');

    const snapshot = await createLocalSnapshot(dir);
    expect(snapshot.paths).toContain('untracked.txt');
    const cleared = await (snapshot.searchWithout as NonNullable<Snapshot['searchWithout']>)(NEEDLES);
    // A binary is searched too (its bytes hold no needle); the link, the untracked file and the .png are not.
    expect([...cleared].filter(notFiller).sort()).toEqual(['blob.bin', 'plain.txt', 'src/deep/quiet.ts']);
    expect([...cleared].length).toBe(3 + SEARCH_AHEAD_MIN_FILES);
    // Asked again, the same search answers (the engine starts it, the rules share it).
    expect(await snapshot.searchWithout?.({ needles: [...NEEDLES.needles].reverse(), skippedExtensions: ['PNG'] })).toBe(cleared);
  });

  it('answers with paths relative to a --path folder, and starts with the listing when asked', async () => {
    const dir = tree({ ...filler('pkg/filler'), 'pkg/a.txt': 'quiet\n', 'pkg/b.txt': 'AKIA\n', 'other.txt': 'quiet\n' });
    commitAll(dir);
    const snapshot = await createLocalSnapshot(dir, { subPath: 'pkg', searches: [NEEDLES] });
    expect([...((await snapshot.searchWithout?.(NEEDLES)) ?? [])].filter(notFiller)).toEqual(['a.txt']);
  });

  it('starts at once in a large work tree, before the files are listed, with the same answer as when asked later', async () => {
    const dir = tree({ ...filler(), 'a.txt': 'quiet\n', 'b.txt': 'AKIA\n' });
    commitAll(dir);
    // What makes the search start at once: the index of the checked folder's own .git is 64 KiB or more.
    expect(fs.statSync(path.join(dir, '.git', 'index')).size).toBeGreaterThanOrEqual(64 * 1024);
    const early = await createLocalSnapshot(dir, { searches: [NEEDLES] });
    const later = await createLocalSnapshot(dir);
    const cleared = [...((await early.searchWithout?.(NEEDLES)) ?? [])].sort();
    expect(cleared).toEqual([...((await later.searchWithout?.(NEEDLES)) ?? [])].sort());
    expect(cleared.filter(notFiller)).toEqual(['a.txt']);
  });

  it.skipIf(!onLinux)('stops a search it started at once when the tree proves small, and leaves no git behind', async () => {
    // An index past 64 KiB (long names) for fewer files than SEARCH_AHEAD_MIN_FILES.
    const long = 'n'.repeat(200);
    const dir = tree(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`${long}/${long}${i}.txt`, 'quiet\n'])));
    commitAll(dir);
    expect(fs.statSync(path.join(dir, '.git', 'index')).size).toBeGreaterThanOrEqual(64 * 1024);
    const scratch = tree({});
    const bin = hangingGitDir(scratch, 'grep');
    const pidFile = path.join(scratch, 'pids');
    const snapshot = await withEnv({ PATH: `${bin}:${process.env.PATH}`, FAKE_GIT_PIDS: pidFile }, () => createLocalSnapshot(dir, { searches: [NEEDLES] }));
    const pids = readPids(pidFile);
    // Every process the fake git starts inherits FAKE_GIT_PIDS: none may outlive the stop.
    const left = (): number[] => [...new Set([...pids.filter(isAlive), ...processesMarked('FAKE_GIT_PIDS', pidFile)])];
    try {
      // The fake git writes its pid and its helper's once its shell has run that far; on a loaded machine the stop
      // can come first (seen in CI), and then neither is written. Either way, nothing may be left running.
      expect([0, 2]).toContain(pids.length);
      // Stopped, not timed out: the search's own limit (SEARCH_TIMEOUT_MS, 2 s) is far off.
      expect(await waitFor(() => left().length === 0, 500), `still running: ${left().join(', ')}`).toBe(true);
      expect(snapshot.paths).toHaveLength(300);
      expect((await snapshot.searchWithout?.(NEEDLES))?.size).toBe(0);
    } finally {
      killAll(pids);
    }
  });

  it('answers nothing for a walked directory, a small tree, a needle that is not printable ASCII, or no needle', async () => {
    const walked = await createLocalSnapshot(tree({ ...filler(), 'a.txt': 'quiet\n' }));
    expect((await walked.searchWithout?.(NEEDLES))?.size).toBe(0);
    const small = tree({ 'a.txt': 'quiet\n' });
    commitAll(small);
    expect((await (await createLocalSnapshot(small)).searchWithout?.(NEEDLES))?.size).toBe(0);
    const dir = tree({ ...filler(), 'a.txt': 'quiet\n' });
    commitAll(dir);
    const listed = await createLocalSnapshot(dir);
    expect((await listed.searchWithout?.(NEEDLES))?.size).toBe(1 + SEARCH_AHEAD_MIN_FILES);
    expect((await listed.searchWithout?.({ needles: ['clé'] }))?.size).toBe(0);
    expect((await listed.searchWithout?.({ needles: [] }))?.size).toBe(0);
  });
});

const facts = (snapshot: Snapshot): Facts => ({ types: ['software'], typesSource: 'default', licenseFiles: [], licenses: [], paths: classifyPaths(snapshot.paths) }) as unknown as Facts;
const view = { data: undefined, path: null, valid: false, locate: () => undefined, evidence: () => ({ kind: 'declaration', key: '' }) } as never;

async function secretOutcomes(snapshot: Snapshot, options: Record<string, unknown> = {}): Promise<RuleOutcome[]> {
  const f = facts(snapshot);
  const outcomes = await Promise.all([committedSecrets, secretsOutsideProduct].map((rule) => rule.check(createRuleContext(snapshot, view, f, options))));
  return outcomes.flat() as RuleOutcome[];
}

/** The same snapshot without its search: the scan reads every file itself. */
function withoutSearch(snapshot: Snapshot): Snapshot {
  const { searchWithout: _searchWithout, ...rest } = snapshot;
  return { ...rest, read: snapshot.read.bind(snapshot), has: snapshot.has.bind(snapshot), skipped: snapshot.skipped.bind(snapshot) };
}

describe('the secrets scan with a search ahead', () => {
  it('declares what it searches for: every pattern hint and the PEM header, printable ASCII', () => {
    expect(validateRuleMeta(committedSecrets)).toEqual([]);
    expect(committedSecrets.meta.searches).toBe(SECRET_SEARCH);
    expect(secretsOutsideProduct.meta.searches).toBe(SECRET_SEARCH);
    expect(SECRET_SEARCH.needles).toContain('-----BEGIN ');
    expect(validateRuleMeta({ ...committedSecrets, meta: { ...committedSecrets.meta, searches: { needles: ['clé'] } } })).toEqual([
      'meta.searches must be { needles, skippedExtensions? }: non-empty lists of printable ASCII strings',
    ]);
  });

  it('finds the same secrets whether it reads every file or only those the search did not clear', async () => {
    const secretLine = fc.constantFrom(`const t = '${GITHUB}';`, `aws_key = ${token(['AK', 'IA'].join(''), 16, 3).toUpperCase()}`, 'nothing to see', 'password = hunter2hunter2', '');
    const file = fc.record({
      name: fc.constantFrom('src/app.ts', 'config/prod.yml', 'test/fixture.ts', '.env', '.env.example', 'docs/setup.md', 'deploy/values.yaml', 'examples/demo.js'),
      lines: fc.array(secretLine, { maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(file, { minLength: 1, maxLength: 6 }), async (entries) => {
        const files = Object.fromEntries(entries.map((e) => [e.name, `${e.lines.join('\n')}\n`]));
        const searched = createMemorySnapshot(files);
        expect(await secretOutcomes(searched)).toEqual(await secretOutcomes(withoutSearch(searched)));
      }),
      { numRuns: 60 },
    );
  });

  it('still reads a .env file the search cleared: its every value is looked at', async () => {
    const snapshot = createMemorySnapshot({ '.env': 'DB_PASSWORD=kX9vQ2mZ7pL4wR8t\n', 'README.md': '# x\n' });
    expect((await snapshot.searchWithout?.(SECRET_SEARCH))?.has('.env')).toBe(true);
    const outcomes = await secretOutcomes(snapshot);
    expect(outcomes.map((o) => `${o.status} ${o.messageId}`)).toEqual(['fail secrets', 'pass none']);
  });

  it.skipIf(!hasGit)('in a git work tree, scans the whole tree where reading alone stops at the byte limit', async () => {
    // Secret-prone files (.env, configuration) are read first; the .txt files come after them, in path order.
    const files = { ...filler('a/filler'), 'a/large.txt': `${'quiet line\n'.repeat(40)}`, 'z/app.ts': `export const t = '${GITHUB}';\n` };
    const walked = await createLocalSnapshot(tree(files));
    const dir = tree(files);
    commitAll(dir);
    const listed = await createLocalSnapshot(dir);
    const limits = { maxBytes: 100 };
    expect((await secretOutcomes(walked, limits)).map((o) => `${o.status} ${o.messageId}`)).toEqual(['gap partial', 'pass none']);
    const outcomes = await secretOutcomes(listed, limits);
    expect(outcomes.map((o) => `${o.status} ${o.messageId}`)).toEqual(['fail secrets', 'pass none']);
    expect(outcomes[0]?.evidence).toEqual([expect.objectContaining({ path: 'z/app.ts', line: 1 })]);
  });
});

/**
 * The search ahead (Snapshot.searchWithout, a rule's meta.searches): in a local tree of 1,000 files or more, a worker
 * thread tells which files hold none of a rule's strings, so the secrets scan reads only the others. What it may
 * never do: clear a file it did not read in full (symbolic links, files under a linked folder, FIFOs, files over the
 * per-file cap, extensions left out), change a finding, answer for a tree it did not search, or keep the process
 * alive.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { createLocalSnapshot } from '../src/snapshot/local.js';
import { SEARCH_AHEAD_MIN_FILES, SEARCH_LIMIT_MS, searchFilesWithout, startSearchAhead, type SearchAheadOptions } from '../src/snapshot/search-worker.js';
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
import { onLinux, REPO } from './hostile-procs-support.js';

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
const CAP = { maxFileBytes: 1024 * 1024 };

/** The whole answer: waited for as long as a search may run. */
function searched(dir: string, paths: readonly string[], search: { needles: readonly string[] }, options: SearchAheadOptions): Promise<ReadonlySet<string>> {
  return searchFilesWithout(dir, paths, search, options).answer(SEARCH_LIMIT_MS);
}

describe('the search worker', () => {
  it('finds every needle wherever it sits: long ones in one pass, short ones alone, at the start, the end and across the skipping', async () => {
    const needles = ['Q~', 'SG.', 'AKIA', 'xoxb-', '-----BEGIN ', 'hooks.slack.com/'];
    const filler = 'abcdefghij klmnopqrst uvwxyz 0123456789 '.repeat(7);
    const files: Record<string, string> = {};
    for (const [n, needle] of needles.entries()) {
      for (let offset = 0; offset < 7; offset++) files[`n${n}/at${offset}.txt`] = `${filler.slice(0, offset)}${needle}${filler.slice(0, (offset * 13) % 50)}`;
      files[`n${n}/end.txt`] = `${filler}${needle}`;
      files[`n${n}/alone.txt`] = needle;
      // All but the last byte: not the needle.
      files[`n${n}/almost.txt`] = `${filler}${needle.slice(0, -1)}|${needle.slice(1)}`;
    }
    files['quiet/latin1.txt'] = 'caf\u00e9 Q SG A K I A';
    files['quiet/empty.txt'] = '';
    const dir = tree(files);
    const paths = Object.keys(files).sort();
    const cleared = await searched(dir, paths, { needles }, CAP);
    expect([...cleared].sort()).toEqual(paths.filter((p) => p.endsWith('almost.txt') || p.startsWith('quiet/')).sort());
  });

  it('answers for every file of a list longer than one report: the parts it sends as it goes add up', async () => {
    // The worker reports every 2,048 paths, so that a search past its time still spares the files it got through.
    const holding = new Set([0, 2047, 2048, 2049, 4095, 4096, 5000]);
    const files = Object.fromEntries(Array.from({ length: 5001 }, (_, i) => [`f/${String(i).padStart(5, '0')}.txt`, holding.has(i) ? `key AKIA${i}` : `line ${i}`]));
    const dir = tree(files);
    const paths = Object.keys(files).sort();
    const cleared = await searched(dir, paths, NEEDLES, CAP);
    expect(cleared.size).toBe(paths.length - holding.size);
    expect([...holding].map((i) => cleared.has(paths[i] as string))).toEqual([...holding].map(() => false));
  });

  it('runs on for the asker that waits longest: one that stops waiting takes what was cleared so far, the others get the whole answer', async () => {
    const holding = new Set([0, 4000]);
    const files = Object.fromEntries(Array.from({ length: 5001 }, (_, i) => [`f/${String(i).padStart(5, '0')}.txt`, holding.has(i) ? `key AKIA${i}` : `line ${i}`]));
    const dir = tree(files);
    const paths = Object.keys(files).sort();
    const running = searchFilesWithout(dir, paths, NEEDLES, CAP);
    // The first asker waits for nothing: the worker has not even started reading when its wait ends.
    const impatient = running.answer(0);
    const patient = running.answer(SEARCH_LIMIT_MS);
    const [early, whole] = await Promise.all([impatient, patient]);
    expect(whole.size).toBe(paths.length - holding.size);
    expect([...early].every((p) => whole.has(p))).toBe(true);
    // Once done, every asker gets the same answer.
    expect(await running.answer(0)).toBe(whole);
  });

  it('agrees with a plain search of the text on any bytes', async () => {
    const dir = tree({});
    const needles = ['ab', 'abc', 'bcd', 'dcba', 'cab.', 'a.b.c.d'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.stringMatching(/^[abcd. ]{0,40}$/), { minLength: 1, maxLength: 8 }), async (texts) => {
        const paths = texts.map((text, i) => {
          fs.writeFileSync(path.join(dir, `t${i}.txt`), text);
          return `t${i}.txt`;
        });
        const expected = paths.filter((_, i) => !needles.some((needle) => (texts[i] as string).includes(needle)));
        expect([...(await searched(dir, paths, { needles }, CAP))].sort()).toEqual(expected.sort());
      }),
      { numRuns: 25 },
    );
  });

  it('clears no file it could not read in full: a link, a file under a linked folder, a file over the cap, a missing one', async () => {
    const dir = tree({ 'plain.txt': 'quiet\n', 'real/inner.txt': 'quiet\n', 'big.txt': 'quiet '.repeat(200), 'image.PNG': 'quiet\n' });
    fs.symlinkSync('plain.txt', path.join(dir, 'link.txt'));
    fs.symlinkSync('real', path.join(dir, 'linked'));
    const paths = ['big.txt', 'gone.txt', 'image.PNG', 'link.txt', 'linked/inner.txt', 'plain.txt', 'real/inner.txt'];
    const cleared = await searched(dir, paths, NEEDLES, { maxFileBytes: 1000 });
    expect([...cleared].sort()).toEqual(['plain.txt', 'real/inner.txt']);
  });

  it('reads a file to its end, however its size falls against the read buffer and the cap', async () => {
    const quiet = 'quiet '.repeat(300_000); // 1.7 MiB: past the first 1 MiB buffer
    const dir = tree({ 'exact.txt': 'q'.repeat(1000), 'over.txt': 'q'.repeat(1001), 'long.txt': quiet, 'long-tail.txt': `${quiet}AKIA`, 'folder/inner.txt': 'quiet\n' });
    expect([...(await searched(dir, ['exact.txt', 'over.txt', 'folder'], NEEDLES, { maxFileBytes: 1000 }))]).toEqual(['exact.txt']);
    expect([...(await searched(dir, ['long.txt', 'long-tail.txt'], NEEDLES, { maxFileBytes: 4 * 1024 * 1024 }))]).toEqual(['long.txt']);
  });

  it.skipIf(!onLinux)('leaves a FIFO alone instead of waiting on it', async () => {
    const dir = tree({ 'plain.txt': 'quiet\n' });
    const made = spawnSync('mkfifo', [path.join(dir, 'pipe.txt')]);
    if (made.status !== 0) return;
    expect([...(await searched(dir, ['pipe.txt', 'plain.txt'], NEEDLES, CAP))]).toEqual(['plain.txt']);
  });

  it('answers nothing once stopped, and nothing for no needle or no file', async () => {
    const dir = tree({ 'plain.txt': 'quiet\n' });
    const stopped = startSearchAhead(dir, NEEDLES, CAP);
    const running = stopped.search(['plain.txt']);
    stopped.cancel();
    expect((await running.answer()).size).toBe(0);
    const cancelled = startSearchAhead(dir, NEEDLES, CAP);
    cancelled.cancel();
    expect((await cancelled.search(['plain.txt']).answer()).size).toBe(0);
    expect((await searched(dir, ['plain.txt'], { needles: [] }, CAP)).size).toBe(0);
    expect((await searched(dir, [], NEEDLES, CAP)).size).toBe(0);
    expect([...(await searched(dir, ['plain.txt'], NEEDLES, CAP))]).toEqual(['plain.txt']);
  });

  it('does not keep the process alive while it waits for a list nobody hands it', () => {
    const built = path.join(REPO, 'dist', 'src', 'snapshot', 'search-worker.js');
    const script = `import(${JSON.stringify(pathToFileUrl(built))}).then((m) => { m.startSearchAhead(process.cwd(), { needles: ['AKIA'] }, { maxFileBytes: 1024 }); });`;
    // The process ends by itself; the time limit only keeps a regression from hanging the suite.
    const run = spawnSync(process.execPath, ['-e', script], { cwd: os.tmpdir(), timeout: 15_000, encoding: 'utf8' });
    expect(run.error, run.stderr).toBeUndefined();
    expect(run.status).toBe(0);
  });
});

function pathToFileUrl(file: string): string {
  return new URL(`file://${file.split(path.sep).map(encodeURIComponent).join('/')}`).href;
}

describe('searching a local tree ahead', () => {
  it.skipIf(!hasGit)('clears only listed regular files it read in full and found no needle in', async () => {
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
    // A binary is searched too (its bytes hold no needle), and so is an untracked file; the link and the .png are not.
    expect([...cleared].filter(notFiller).sort()).toEqual(['blob.bin', 'plain.txt', 'src/deep/quiet.ts', 'untracked.txt']);
    expect([...cleared].length).toBe(4 + SEARCH_AHEAD_MIN_FILES);
    // Asked again, the same search answers (the engine starts it, the rules share it).
    expect(await snapshot.searchWithout?.({ needles: [...NEEDLES.needles].reverse(), skippedExtensions: ['PNG'] })).toBe(cleared);
  });

  it.skipIf(!hasGit)('answers with paths relative to a --path folder', async () => {
    const dir = tree({ ...filler('pkg/filler'), 'pkg/a.txt': 'quiet\n', 'pkg/b.txt': 'AKIA\n', 'other.txt': 'quiet\n' });
    commitAll(dir);
    const snapshot = await createLocalSnapshot(dir, { subPath: 'pkg', searches: [NEEDLES] });
    expect([...((await snapshot.searchWithout?.(NEEDLES)) ?? [])].filter(notFiller)).toEqual(['a.txt']);
  });

  it.skipIf(!hasGit)('starts its worker while a large work tree is listed, with the same answer as when asked later', async () => {
    const dir = tree({ ...filler(), 'a.txt': 'quiet\n', 'b.txt': 'AKIA\n' });
    commitAll(dir);
    // What makes the worker start before the listing: the index of the checked folder's own .git is 64 KiB or more.
    expect(fs.statSync(path.join(dir, '.git', 'index')).size).toBeGreaterThanOrEqual(64 * 1024);
    const early = await createLocalSnapshot(dir, { searches: [NEEDLES] });
    const later = await createLocalSnapshot(dir);
    const cleared = [...((await early.searchWithout?.(NEEDLES)) ?? [])].sort();
    expect(cleared).toEqual([...((await later.searchWithout?.(NEEDLES)) ?? [])].sort());
    expect(cleared.filter(notFiller)).toEqual(['a.txt']);
  });

  it.skipIf(!hasGit)('lets the early worker go when the tree proves small, and answers nothing', async () => {
    // An index past 64 KiB (long names) for fewer files than SEARCH_AHEAD_MIN_FILES.
    const long = 'n'.repeat(200);
    const dir = tree(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`${long}/${long}${i}.txt`, 'quiet\n'])));
    commitAll(dir);
    expect(fs.statSync(path.join(dir, '.git', 'index')).size).toBeGreaterThanOrEqual(64 * 1024);
    const snapshot = await createLocalSnapshot(dir, { searches: [NEEDLES] });
    expect(snapshot.paths).toHaveLength(300);
    expect((await snapshot.searchWithout?.(NEEDLES))?.size).toBe(0);
  });

  it('searches a walked directory too, and answers nothing for a small tree, a needle that is not printable ASCII, or no needle', async () => {
    const walked = await createLocalSnapshot(tree({ ...filler(), 'a.txt': 'quiet\n', 'b.txt': 'AKIA\n' }));
    expect([...((await walked.searchWithout?.(NEEDLES)) ?? [])].filter(notFiller)).toEqual(['a.txt']);
    const small = await createLocalSnapshot(tree({ 'a.txt': 'quiet\n' }));
    expect((await small.searchWithout?.(NEEDLES))?.size).toBe(0);
    const listed = await createLocalSnapshot(tree({ ...filler(), 'a.txt': 'quiet\n' }));
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

  it('waits for the search through three quarters of its time limit, whatever the limit is set to', async () => {
    // The files a late search has not cleared are read on the busy core within the byte limit: a short wait made a
    // cold run over digit's 21,567 files a gap and a warm one a pass.
    const waits: (number | undefined)[] = [];
    const base = createMemorySnapshot({ 'a.txt': 'quiet\n' });
    const asked = (maxMilliseconds?: number): Promise<RuleOutcome[]> => {
      const snapshot: Snapshot = { ...withoutSearch(base), searchWithout: (search, waitMs) => (waits.push(waitMs), (base.searchWithout as NonNullable<Snapshot['searchWithout']>)(search)) };
      return secretOutcomes(snapshot, maxMilliseconds === undefined ? {} : { maxMilliseconds });
    };
    expect((await asked()).map((o) => o.status)).toEqual(['pass', 'pass']);
    await asked(10_000);
    expect(waits).toEqual([3000, 7500]);
  });

  it('still reads a .env file the search cleared: its every value is looked at', async () => {
    const snapshot = createMemorySnapshot({ '.env': 'DB_PASSWORD=kX9vQ2mZ7pL4wR8t\n', 'README.md': '# x\n' });
    expect((await snapshot.searchWithout?.(SECRET_SEARCH))?.has('.env')).toBe(true);
    const outcomes = await secretOutcomes(snapshot);
    expect(outcomes.map((o) => `${o.status} ${o.messageId}`)).toEqual(['fail secrets', 'pass none']);
  });

  it('in a large tree, scans the whole tree where reading alone stops at the byte limit', async () => {
    // Secret-prone files (.env, configuration) are read first; the .txt files come after them, in path order.
    const files = { ...filler('a/filler'), 'a/large.txt': `${'quiet line\n'.repeat(40)}`, 'z/app.ts': `export const t = '${GITHUB}';\n` };
    const snapshot = await createLocalSnapshot(tree(files));
    const limits = { maxBytes: 100 };
    expect((await secretOutcomes(withoutSearch(snapshot), limits)).map((o) => `${o.status} ${o.messageId}`)).toEqual(['gap partial', 'pass none']);
    const outcomes = await secretOutcomes(snapshot, limits);
    expect(outcomes.map((o) => `${o.status} ${o.messageId}`)).toEqual(['fail secrets', 'pass none']);
    expect(outcomes[0]?.evidence).toEqual([expect.objectContaining({ path: 'z/app.ts', line: 1 })]);
  });
});

/**
 * Any git URL: local bare repositories served by `git http-backend` on
 * 127.0.0.1 (one with partial clone refused). The remote check gives the same
 * findings as a check of a local clone of the same tree, within the request
 * budget, and every fault ends in a located message, exit 2 and no temporary
 * directory left behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { buildBareRepository, buildRepository, startGitHttpServer } from '../fixtures/remote/git-http-server.mjs';
import { run } from '../src/cli.js';
import type { Report } from '../src/model.js';
import { liveTempDirs } from '../src/sources/temp.js';

interface Served { url: string; stats: { requests: number; bytes: number; log: { method: string; path: string }[] }; reset(): void; close(): Promise<void> }

let root: string;
let server: Served;
let cacheHome: string;
const repos: Record<string, { work: string; sha: string }> = {};
const FIXTURES = fs.readdirSync('fixtures/candidates', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const PACK_MARKER = path.join(os.tmpdir(), `dpg-check-test-pack-ran-${process.pid}`);

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: { XDG_CACHE_HOME: cacheHome, ...env } });
  return { code, stdout, stderr };
}

/** Findings as a stable, comparable list (timings and source location aside). */
function comparable(report: Report): unknown[] {
  return report.findings.map((f) => ({ ruleId: f.ruleId, status: f.status, message: f.message, evidence: f.evidence }));
}

/** Our temporary directories in the system's temp folder (the test's own root aside). */
function leftovers(): string[] {
  // This test process's own (other test files run in other processes at the same time).
  return fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('dpg-check-') && name.includes(`-${process.pid}-`));
}

/** A directory with these files and symbolic links. */
function treeDir(name: string, files: Record<string, string>, links: Record<string, string> = {}): string {
  const dir = path.join(root, `${name}-source`);
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), text);
  }
  for (const [relative, target] of Object.entries(links)) fs.symlinkSync(target, path.join(dir, relative));
  return dir;
}

/** A repository of `count` small files in 50 folders, plus the usual project files. */
function largeTree(count: number): Record<string, string> {
  const files: Record<string, string> = {
    'README.md': '# Large\n\n## Install\n\nnpm install\n\n## Usage\n\nnpm start\n',
    'LICENSE': 'MIT License\n\nCopyright (c) 2024 Large Org\n',
    'package.json': '{ "name": "large", "license": "MIT" }\n',
    'dpg.yml': 'name: Large\ntypes: [software]\nlicenses:\n  - spdx: MIT\n    evidence: [LICENSE]\n',
  };
  // Source-like text: words drawn from a small vocabulary compress about as well as real code (3–4×).
  let seed = 42;
  const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  const words = Array.from({ length: 400 }, (_, i) => `${['get', 'set', 'load', 'save', 'user', 'clinic', 'visit', 'date', 'list', 'map'][i % 10]}${i.toString(36)}`);
  for (let i = 0; i < count; i++) {
    const lines: string[] = [`// module ${i}`];
    const length = 2000 + (next() % 3000);
    let size = 0;
    while (size < length) {
      const line = `export const ${words[next() % words.length]} = ${words[next() % words.length]}(${next() % 1000}, '${words[next() % words.length]}');`;
      lines.push(line);
      size += line.length + 1;
    }
    files[`src/module-${i % 50}/file-${i}.ts`] = `${lines.join('\n')}\n`;
  }
  return files;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'remote-git-test-'));
  cacheHome = path.join(root, 'cache');
  for (const name of FIXTURES) repos[name] = buildRepository(root, name, path.join('fixtures/candidates', name));
  repos['no-filter'] = buildRepository(root, 'no-filter', path.join('fixtures/candidates', 'complete-software'), { allowFilter: false });
  buildBareRepository(root, 'large', largeTree(5000));
  repos.links = buildRepository(root, 'links', treeDir('links', {
    'LICENSE': 'MIT License\n\nCopyright (c) 2024 Link Org\n',
    'docs/README.md': '# Linked\n\nInstall with npm install, run with npm start.\n',
    'packages/app/package.json': '{ "name": "app", "license": "MIT" }\n',
    'packages/app/README.md': '# App\n',
  }, { 'README.md': 'docs/README.md', 'NOTICE': '../../../../etc/passwd' }));
  repos.packs = buildRepository(root, 'packs', {
    'LICENSE': 'MIT License\n',
    '.dpg-check.yml': 'packs:\n  - ./evil-pack.mjs\nrules:\n  dpg-8-02: off\n',
    'evil-pack.mjs': `import fs from 'node:fs';\nfs.writeFileSync(${JSON.stringify(PACK_MARKER)}, 'ran');\nexport const rules = [];\n`,
  });
  buildBareRepository(root, 'big', { 'LICENSE': 'MIT License\n', 'data.bin': randomText(3 * 1024 * 1024) }, { allowFilter: false });
  server = await startGitHttpServer(root);
}, 60_000);

afterAll(async () => {
  await server?.close();
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(PACK_MARKER, { force: true });
});

function randomText(bytes: number): string {
  let out = '';
  let seed = 12345;
  while (out.length < bytes) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out += seed.toString(36);
  }
  return out.slice(0, bytes);
}

describe('git URL candidates: the same findings as a local clone', () => {
  for (const name of FIXTURES) {
    it(name, async () => {
      const local = await cli([repos[name]!.work, '--format', 'json']);
      const remote = await cli([`${server.url}/${name}.git`, '--format', 'json', '--no-cache']);
      expect(remote.code, remote.stderr).toBe(local.code);
      if (local.code === 2) {
        // The same located message (the declaration's problems), only the path prefix differs.
        expect(remote.stderr).toBe(local.stderr);
        return;
      }
      const localReport = JSON.parse(local.stdout) as Report;
      const remoteReport = JSON.parse(remote.stdout) as Report;
      expect(comparable(remoteReport)).toEqual(comparable(localReport));
      expect(remoteReport.candidate.sources).toEqual([{ kind: 'git', location: `${server.url}/${name}.git`, revision: repos[name]!.sha }]);
      expect(localReport.candidate.sources[0]?.revision).toBe(repos[name]!.sha);
      // No file a rule read was left out of the batch.
      expect(remoteReport.warnings ?? []).toEqual(localReport.warnings ?? []);
    });
  }

  it('symbolic links: a link to a file reads as the file, a link out of the tree is refused, as locally', async () => {
    const local = JSON.parse((await cli([repos.links!.work, '--format', 'json'])).stdout) as Report;
    const remote = JSON.parse((await cli([`${server.url}/links.git`, '--format', 'json', '--no-cache'])).stdout) as Report;
    expect(comparable(remote)).toEqual(comparable(local));
    expect(remote.warnings).toEqual(local.warnings);
    expect(remote.warnings).toContain('skipped NOTICE: symbolic link to a file outside the checked directory');
  });

  it('--path checks a folder of the repository, as it does locally', async () => {
    const local = JSON.parse((await cli([repos.links!.work, '--path', 'packages/app', '--format', 'json'])).stdout) as Report;
    const remote = JSON.parse((await cli([`${server.url}/links.git`, '--path', 'packages/app', '--format', 'json', '--no-cache'])).stdout) as Report;
    expect(comparable(remote)).toEqual(comparable(local));
    expect(remote.candidate.sources[0]?.location).toBe(`${server.url}/links.git:packages/app`);
    const missing = await cli([`${server.url}/links.git`, '--path', 'nowhere', '--no-cache']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`dpg-check: cannot check ${server.url}/links.git: --path nowhere: no such folder in the repository\n`);
  });

  it('a commit id (#<sha>) is checked as that commit', async () => {
    const result = await cli([`${server.url}/complete-software.git#${repos['complete-software']!.sha}`, '--format', 'json', '--no-cache']);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as Report).candidate.sources[0]?.revision).toBe(repos['complete-software']!.sha);
  });
});

describe('git URL request budget', () => {
  it('a 5,000-file repository: at most 5 HTTP requests cold, a small fraction of a shallow clone; warm, only ls-remote', async () => {
    const url = `${server.url}/large.git`;
    const env = { XDG_CACHE_HOME: path.join(root, 'budget-cache') };
    server.reset();
    const cold = await cli([url, '--format', 'json'], env);
    expect(cold.code, cold.stderr).not.toBe(2);
    const coldRequests = server.stats.requests;
    const partialBytes = server.stats.bytes;
    expect(coldRequests).toBeLessThanOrEqual(5);

    server.reset();
    const warm = await cli([url, '--format', 'json', '--verbose'], env);
    expect(warm.code, warm.stderr).toBe(cold.code);
    expect(server.stats.requests).toBeLessThanOrEqual(2); // git ls-remote (protocol v2: capabilities + ls-refs)
    expect(server.stats.log.map((entry) => entry.method)).toEqual(['GET', 'POST']); // no pack was sent
    expect(warm.stderr).toContain('tree and files from the cache');
    expect(JSON.parse(warm.stdout).findings).toEqual(JSON.parse(cold.stdout).findings);

    // The baseline: what a shallow clone of the same repository transfers.
    server.reset();
    const shallow = path.join(root, 'shallow-baseline');
    // Asynchronous: the server answering it runs in this very process.
    await promisify(execFile)('git', ['clone', '-q', '--depth', '1', '--no-checkout', url, shallow]);
    const shallowBytes = server.stats.bytes;
    expect(partialBytes * 10).toBeLessThan(shallowBytes);
  });

  it('--verbose names every git command and the HTTP requests each made', async () => {
    const result = await cli([`${server.url}/content-nd.git`, '--verbose', '--no-cache', '--format', 'json']);
    expect(result.code).not.toBe(2);
    expect(result.stderr).toMatch(/git clone --filter=blob:none --depth 1 http:\/\/127\.0\.0\.1:\d+\/content-nd\.git → ok \(3 HTTP requests, /);
    expect(result.stderr).toMatch(/git fetch \(\d+ blobs in one batch\) .* → ok \(2 HTTP requests, /);
    expect(result.stderr).toMatch(/dpg-check: 5 requests \(5 git\), [\d.]+ (B|KiB) received\n/);
  });
});

describe('git servers without partial clone', () => {
  it('falls back to a shallow clone, says so, and still gives the same findings', async () => {
    const local = JSON.parse((await cli([repos['no-filter']!.work, '--format', 'json'])).stdout) as Report;
    const remote = await cli([`${server.url}/no-filter.git`, '--format', 'json', '--no-cache']);
    expect(remote.code, remote.stderr).toBe(0);
    const report = JSON.parse(remote.stdout) as Report;
    expect(comparable(report)).toEqual(comparable(local));
    expect(report.warnings).toContain(`${server.url}/no-filter.git: the server does not support partial clone (uploadpack.allowFilter); a shallow clone with every file was downloaded instead`);
  });

  it('the size guard stops a shallow clone past the limit: exit 2, a located message, nothing left behind', async () => {
    const before = leftovers();
    const result = await cli([`${server.url}/big.git`, '--no-cache'], { DPG_CHECK_MAX_CLONE_MB: '1' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`dpg-check: cannot check ${server.url}/big.git: the server does not support partial clone, and the shallow clone that replaced it passed the size limit of 1.0 MiB (set DPG_CHECK_MAX_CLONE_MB to allow more, or check a local clone)\n`);
    expect(leftovers()).toEqual(before);
    expect(liveTempDirs()).toEqual([]);
  });
});

describe('git URL faults: a located message, exit 2, no temporary directory left', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['a repository that does not exist', () => [`${server.url}/nothing-here.git`], /^dpg-check: cannot check http:\/\/127\.0\.0\.1:\d+\/nothing-here\.git: repository not found \(or private: git has no credentials for it\)\n$/],
    ['a branch that does not exist', () => [`${server.url}/content-nd.git#no-such-branch`], /^dpg-check: cannot check http:\/\/127\.0\.0\.1:\d+\/content-nd\.git#no-such-branch: no branch, tag or commit no-such-branch in the repository\n$/],
    ['a server that is not there', () => ['http://127.0.0.1:9/repo.git'], /^dpg-check: cannot check http:\/\/127\.0\.0\.1:9\/repo\.git: cannot connect to the server \(connection refused\)\n$/],
    ['a scheme that is not a git transport', () => ['ftp://example.org/repo.git'], /^dpg-check: cannot check ftp:\/\/example\.org\/repo\.git: ftp:\/\/ is not a git transport \(use https:\/\/, ssh:\/\/, git:\/\/ or file:\/\/\)\n$/],
    ['an invalid ref', () => [`${server.url}/content-nd.git#..`], /^dpg-check: cannot check .*: "\.\." is not a branch, tag or commit name\n$/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const before = leftovers();
      const result = await cli([...args(), '--no-cache']);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(leftovers()).toEqual(before);
      expect(liveTempDirs()).toEqual([]);
    });
  }

  it('credentials in a URL never appear in output', async () => {
    const result = await cli(['http://someone:s3cr3t-password@127.0.0.1:9/repo.git', '--no-cache', '--verbose']);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).not.toContain('s3cr3t-password');
    expect(result.stderr).toContain('cannot check http://127.0.0.1:9/repo.git');
  });
});

describe("a remote candidate's own config", () => {
  it('is reported, never applied: no rule turned off, no pack (code) loaded from the candidate', async () => {
    fs.rmSync(PACK_MARKER, { force: true });
    const result = await cli([`${server.url}/packs.git`, '--format', 'json', '--no-cache']);
    expect(result.code, result.stderr).not.toBe(2);
    const report = JSON.parse(result.stdout) as Report;
    expect(fs.existsSync(PACK_MARKER)).toBe(false);
    expect(report.warnings).toContain("the candidate's config .dpg-check.yml asks to turn off dpg-8-02; load the rule pack ./evil-pack.mjs; not applied: a candidate's own config never exempts itself or runs code in batch and remote checks — pass your own --config to change the check");
    expect(report.config?.refused.map((r) => r.text)).toEqual(['turn off dpg-8-02', 'load the rule pack ./evil-pack.mjs']);
    expect(report.ignored).toBeUndefined();
    expect(report.findings.some((f) => f.ruleId === 'dpg-8-02')).toBe(true);
  });
});

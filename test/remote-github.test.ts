/**
 * GitHub candidates against a replay server on 127.0.0.1 (recorded, scrubbed
 * REST and GraphQL responses, fixtures/remote/github/) with git served beside
 * it: the same findings as a local clone of the same tree (host-only evidence
 * aside), the request budget counted, every fault a located message and
 * exit 2, and the token never printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules as hostFolderRules } from '../rules/host/index.js';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { validate as validateGraphQL } from '@octokit/graphql-schema';
import { buildRepository } from '../fixtures/remote/git-http-server.mjs';
import { startReplayServer } from '../fixtures/remote/replay-server.mjs';
import { run } from '../src/cli.js';
import type { Evidence, Finding, Report } from '../src/model.js';
import { LIKELY_FILES, blobsQuery, repositoryQuery } from '../src/sources/github-queries.js';
import { liveTempDirs } from '../src/sources/temp.js';
import { reportInconsistencies, validateReport } from '../src/reporters/schema.js';

interface LogEntry { method: string; path: string; kind: string; auth: boolean; ifNoneMatch?: string; operation?: string; repo?: string }
interface Replay {
  origin: string;
  env: Record<string, string>;
  log: LogEntry[];
  gitStats: { requests: number };
  recorded: Map<string, { commit: string }>;
  reset(): void;
  close(): Promise<void>;
}

// Assembled at run time so the repository holds no token-shaped string (dpg-check's own secrets rule reads this file).
const TOKEN = ['ghp', 'TestTokenThatMustNeverBePrinted0123456789'].join('_');
const CANDIDATE = 'fixtures/candidates/complete-software';
let root: string;
let replay: Replay;
let local: Report;
let cacheCount = 0;
/** A port nothing listens on (fetch refuses a few well-known ones, such as 9, outright). */
let closedPort = 0;

function freshCache(): string {
  return path.join(root, `cache-${++cacheCount}`);
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: { ...replay.env, XDG_CACHE_HOME: freshCache(), ...env },
  });
  return { code, stdout, stderr };
}

/**
 * Rules of rules/host, and evidence only a host can give, are what a remote
 * check adds: those rules are left out, host evidence items are dropped, and
 * the message of a finding that cites the host is not compared (it says so).
 */
// The rules fed by the host or the network (tagged host or online).
const HOST_RULE_IDS = new Set(hostFolderRules.map((rule) => rule.meta.id));
function sameExceptHost(remote: Finding[], localFindings: Finding[]): void {
  const strip = (f: Finding) => ({ ruleId: f.ruleId, status: f.status, evidence: f.evidence.filter((e: Evidence) => e.kind !== 'host') });
  const ours = remote.filter((f) => !HOST_RULE_IDS.has(f.ruleId));
  const theirs = localFindings.filter((f) => !HOST_RULE_IDS.has(f.ruleId));
  expect(ours.map(strip)).toEqual(theirs.map(strip));
  ours.forEach((finding, index) => {
    if (!finding.evidence.some((e) => e.kind === 'host')) expect(finding.message).toBe(theirs[index]?.message);
  });
}

function api(kinds: string[] = ['github-rest', 'github-graphql']): LogEntry[] {
  return replay.log.filter((entry) => kinds.includes(entry.kind));
}

function leftovers(): string[] {
  // This test process's own (other test files run in other processes at the same time).
  return fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('dpg-check-') && name.includes(`-${process.pid}-`));
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'remote-github-test-'));
  const gitRoot = path.join(root, 'served');
  const owner = path.join(gitRoot, 'git', 'dpg-test');
  fs.mkdirSync(owner, { recursive: true });
  for (const name of ['complete-software', 'private', 'truncated', 'secondary', 'too-many', 'flaky', 'archived', 'large-file']) buildRepository(owner, name, CANDIDATE);
  replay = (await startReplayServer({ gitRoot })) as Replay;
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const localRun = await cli([path.join(owner, 'complete-software-work'), '--format', 'json']);
  local = JSON.parse(localRun.stdout) as Report;
}, 60_000);

afterAll(async () => {
  await replay?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the GraphQL queries', () => {
  it('are valid against the published GitHub schema (@octokit/graphql-schema)', () => {
    expect(validateGraphQL(repositoryQuery(LIKELY_FILES))).toEqual([]);
    expect(validateGraphQL(repositoryQuery(LIKELY_FILES, 'v1.0.0'))).toEqual([]);
    expect(validateGraphQL(blobsQuery(['3b18e512dba79e4c8300dd08aeb37f8e728b8dad', 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391']))).toEqual([]);
    // The validator is not vacuous: a field GitHub does not have is refused.
    expect(validateGraphQL(repositoryQuery(LIKELY_FILES).replace('isArchived', 'isArchivedd')).length).toBeGreaterThan(0);
  });

  it('the recordings match the local repository built from the same fixture (commit and blob ids)', () => {
    const built = buildRepository(path.join(root, 'check'), 'complete-software', CANDIDATE);
    // If the fixture candidate changed: node fixtures/remote/github/record.mjs && node fixtures/remote/gitlab/record.mjs
    expect(replay.recorded.get('complete-software')?.commit, 'the recordings are stale: re-run fixtures/remote/{github,gitlab}/record.mjs').toBe(built.sha);
    expect(local.candidate.sources[0]?.revision).toBe(built.sha);
  });
});

describe('with a token: GraphQL + REST tree', () => {
  it('the same findings as a local clone, host evidence added, at most 3 requests cold and 1 warm', async () => {
    const cache = freshCache();
    replay.reset();
    const cold = await cli(['https://github.com/dpg-test/complete-software', '--format', 'json'], { GITHUB_TOKEN: TOKEN, XDG_CACHE_HOME: cache });
    expect(cold.code, cold.stderr).toBe(0);
    const report = JSON.parse(cold.stdout) as Report;
    expect(validateReport(report)).toEqual([]);
    expect(reportInconsistencies(report)).toEqual([]);
    sameExceptHost(report.findings, local.findings);
    expect(report.warnings ?? []).toEqual(local.warnings ?? []);
    expect(report.candidate.sources).toEqual([{ kind: 'github', location: 'https://github.com/dpg-test/complete-software', revision: local.candidate.sources[0]?.revision }]);
    expect(report.licenses).toContainEqual({ spdx: 'MIT', path: 'host', confidence: 0.9, method: 'host', scope: 'project' });
    expect(report.findings.find((f) => f.ruleId === 'dpg-2-07')).toMatchObject({ status: 'pass' });
    expect(report.findings.find((f) => f.ruleId === 'dpg-1-03')).toMatchObject({ status: 'pass' });
    expect(api().length).toBeLessThanOrEqual(3);
    expect(api().map((e) => e.operation ?? e.method)).toEqual(['DpgCheckRepository', 'GET', 'DpgCheckBlobs']);
    expect(api(['github-raw']).length).toBe(0);
    expect(replay.gitStats.requests).toBe(0);

    replay.reset();
    const warm = await cli(['github:dpg-test/complete-software', '--format', 'json'], { GITHUB_TOKEN: TOKEN, XDG_CACHE_HOME: cache });
    expect(warm.code).toBe(0);
    expect(api().length).toBeLessThanOrEqual(1);
    expect(api().length).toBe(0); // the metadata is fresh: git ls-remote alone shows nothing changed
    expect((JSON.parse(warm.stdout) as Report).findings).toEqual(report.findings);

    // Metadata older than DPG_CHECK_METADATA_MAX_AGE is revalidated: one request, then a 304 that costs nothing.
    replay.reset();
    await cli(['github:dpg-test/complete-software', '--format', 'json'], { GITHUB_TOKEN: TOKEN, XDG_CACHE_HOME: cache, DPG_CHECK_METADATA_MAX_AGE: '0' });
    expect(api().length).toBe(1);
    replay.reset();
    const revalidated = await cli(['github:dpg-test/complete-software', '--format', 'json', '--verbose'], { GITHUB_TOKEN: TOKEN, XDG_CACHE_HOME: cache, DPG_CHECK_METADATA_MAX_AGE: '0' });
    expect(api().length).toBe(1);
    expect(api()[0]?.ifNoneMatch).toMatch(/^W\/"/);
    expect(revalidated.stderr).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/repos\/dpg-test\/complete-software → 304 \(0 B, \d+ ms, free \(304 Not Modified\)\)/);
  });

  it('--no-cache neither reads nor writes the cache', async () => {
    const cache = freshCache();
    await cli(['github:dpg-test/complete-software', '--format', 'json', '--no-cache'], { GITHUB_TOKEN: TOKEN, XDG_CACHE_HOME: cache });
    expect(fs.existsSync(cache)).toBe(false);
  });

  it('a tree GitHub truncates is listed by a partial clone instead, with the same findings', async () => {
    replay.reset();
    const result = await cli(['github:dpg-test/truncated', '--format', 'json'], { GITHUB_TOKEN: TOKEN });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    sameExceptHost(report.findings, local.findings);
    expect(report.warnings).toContain('GitHub truncated the tree of https://github.com/dpg-test/truncated (too many files for one listing); the file list came from a blob-less partial clone instead');
    expect(api().length).toBe(2); // GraphQL, the truncated tree; the rest came over git
    expect(replay.gitStats.requests).toBeGreaterThan(0);
  });

  it('a private repository is read with a token', async () => {
    const result = await cli(['github:dpg-test/private', '--format', 'json'], { GITHUB_TOKEN: TOKEN });
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('without a token: REST + raw files', () => {
  it('the same findings, at most 2 API requests plus file downloads cold, at most 1 warm', async () => {
    const cache = freshCache();
    replay.reset();
    const cold = await cli(['https://github.com/dpg-test/complete-software/', '--format', 'json'], { XDG_CACHE_HOME: cache });
    expect(cold.code, cold.stderr).toBe(0);
    const report = JSON.parse(cold.stdout) as Report;
    sameExceptHost(report.findings, local.findings);
    expect(api().length).toBeLessThanOrEqual(2);
    expect(api().every((entry) => !entry.auth)).toBe(true);
    const downloads = api(['github-raw']).length;
    expect(downloads).toBeGreaterThan(0);
    expect(downloads).toBeLessThanOrEqual(local.timings.files); // one download per needed file, none twice
    expect(new Set(api(["github-raw"]).map((e) => e.path)).size).toBe(downloads);

    replay.reset();
    const warm = await cli(['https://github.com/dpg-test/complete-software', '--format', 'json'], { XDG_CACHE_HOME: cache, DPG_CHECK_METADATA_MAX_AGE: '0' });
    expect(warm.code).toBe(0);
    expect(api().length).toBeLessThanOrEqual(1);
    expect(api()[0]?.ifNoneMatch).toMatch(/^W\/"/); // a conditional request: 304, free against the rate limit
    expect(api(['github-raw']).length).toBe(0);
  });
});

describe('warm re-runs download nothing, whatever the sizes of the files read', () => {
  // large-file: complete-software plus a generated 1.2 MB package-lock.json, over the 1 MiB read cap.
  const large = (entry: LogEntry) => entry.path.endsWith('/package-lock.json');

  it('with a token: the file over the read cap is kept by blob id; warm, no request at all', async () => {
    const cache = freshCache();
    replay.reset();
    const cold = await cli(['github:dpg-test/large-file', '--format', 'json'], { GITHUB_TOKEN: TOKEN, XDG_CACHE_HOME: cache });
    expect(cold.code, cold.stderr).toBe(0);
    expect(fs.readdirSync(path.join(cache, 'dpg-check', 'blob-heads'), { recursive: true }).length).toBeGreaterThan(0);

    replay.reset();
    const warm = await cli(['github:dpg-test/large-file', '--format', 'json'], { GITHUB_TOKEN: TOKEN, XDG_CACHE_HOME: cache });
    expect(warm.code, warm.stderr).toBe(0);
    expect(api()).toEqual([]);
    expect(api(['github-raw'])).toEqual([]);
    expect((JSON.parse(warm.stdout) as Report).findings).toEqual((JSON.parse(cold.stdout) as Report).findings);
  });

  it('without a token: the ranged download is not repeated; warm, the one conditional request', async () => {
    const cache = freshCache();
    replay.reset();
    const cold = await cli(['github:dpg-test/large-file', '--format', 'json'], { XDG_CACHE_HOME: cache });
    expect(cold.code, cold.stderr).toBe(0);
    expect(api(['github-raw']).filter(large).length).toBe(1);

    replay.reset();
    const warm = await cli(['github:dpg-test/large-file', '--format', 'json'], { XDG_CACHE_HOME: cache, DPG_CHECK_METADATA_MAX_AGE: '0' });
    expect(warm.code, warm.stderr).toBe(0);
    expect(api().length).toBe(1);
    expect(api()[0]?.ifNoneMatch).toMatch(/^W\/"/);
    expect(api(['github-raw'])).toEqual([]);
    expect((JSON.parse(warm.stdout) as Report).findings).toEqual((JSON.parse(cold.stdout) as Report).findings);
  });
});

describe('faults: a located message, exit 2, no temporary directory left, no token printed', () => {
  const cases: { name: string; args: string[]; token?: string; env?: Record<string, string>; message: RegExp }[] = [
    { name: 'a missing repository', args: ['github:dpg-test/missing'], message: /^dpg-check: cannot check https:\/\/github\.com\/dpg-test\/missing: repository not found \(or private: set GITHUB_TOKEN or GH_TOKEN to a token that can read it\)\n$/ },
    { name: 'a missing repository, with a token', args: ['github:dpg-test/missing'], token: TOKEN, message: /^dpg-check: cannot check https:\/\/github\.com\/dpg-test\/missing: repository not found, or the token cannot read it\n$/ },
    { name: 'a private repository without a token', args: ['github:dpg-test/private'], message: /repository not found \(or private: set GITHUB_TOKEN or GH_TOKEN to a token that can read it\)\n$/ },
    { name: 'the rate limit exhausted', args: ['github:dpg-test/rate-limited'], message: /^dpg-check: cannot check https:\/\/github\.com\/dpg-test\/rate-limited: GitHub's API rate limit is exhausted \(60 requests an hour\); it resets at 00:00 UTC \(set GITHUB_TOKEN or GH_TOKEN for 5,000 requests an hour instead of 60\)\n$/ },
    { name: 'a 429 asking to wait an hour (no hang)', args: ['github:dpg-test/too-many-long'], message: /^dpg-check: cannot check https:\/\/github\.com\/dpg-test\/too-many-long: GitHub's secondary rate limit was hit \(too many requests too fast\); try again in 3600 s\n$/ },
    { name: 'a server failing every time', args: ['github:dpg-test/down'], message: /^dpg-check: cannot check https:\/\/github\.com\/dpg-test\/down: GitHub failed \(503\) three times in a row; try again later\n$/ },
    { name: 'a token GitHub refuses', args: ['github:dpg-test/complete-software'], token: 'bad-token-0123456789abcdef', message: /^dpg-check: cannot check https:\/\/github\.com\/dpg-test\/complete-software: GitHub refused the token from GITHUB_TOKEN\/GH_TOKEN \(401 Bad credentials\)\n$/ },
    { name: 'an API that cannot be reached', args: ['github:dpg-test/complete-software'], env: { DPG_CHECK_GITHUB_API_URL: 'http://127.0.0.1:CLOSED' }, message: /^dpg-check: cannot check https:\/\/github\.com\/dpg-test\/complete-software: cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\n$/ },
    { name: 'a target that names no repository', args: ['github:dpg-test'], message: /^dpg-check: cannot check github:dpg-test: expected a GitHub repository as github:owner\/repo or https:\/\/github\.com\/owner\/repo\n$/ },
  ];
  for (const test of cases) {
    it(test.name, async () => {
      const before = leftovers();
      const env = Object.fromEntries(Object.entries(test.env ?? {}).map(([k, v]) => [k, v.replace('CLOSED', String(closedPort))]));
      const result = await cli([...test.args, '--verbose'], { ...(test.token ? { GITHUB_TOKEN: test.token } : {}), ...env });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.split('\n').filter((line) => line !== '' && !/^dpg-check: (GET|POST|github:|git |\d+ requests?|no network)/.test(line));
      expect(`${lines.join('\n')}\n`).toMatch(test.message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      if (test.token) expect(result.stdout + result.stderr).not.toContain(test.token);
      expect(leftovers()).toEqual(before);
      expect(liveTempDirs()).toEqual([]);
    });
  }
});

describe('rate limits and retries that recover', () => {
  it('a 403 secondary rate limit with retry-after: waits as asked, retries once, succeeds', async () => {
    replay.reset();
    const result = await cli(['github:dpg-test/secondary', '--format', 'json', '--verbose']);
    expect(result.code, result.stderr).toBe(0);
    expect(api().filter((e) => /\/repos\/dpg-test\/secondary$/.test(e.path)).length).toBe(2);
    expect(result.stderr).toContain('github: secondary rate limit; waiting 1 s as GitHub asks, then retrying once');
  });

  it('a 429 on GraphQL with retry-after: retried, succeeds', async () => {
    replay.reset();
    const result = await cli(['github:dpg-test/too-many', '--format', 'json'], { GITHUB_TOKEN: TOKEN });
    expect(result.code, result.stderr).toBe(0);
    expect(api().filter((e) => e.operation === 'DpgCheckRepository').length).toBe(2);
  });

  it('a 5xx once: retried, succeeds', async () => {
    replay.reset();
    const result = await cli(['github:dpg-test/flaky', '--format', 'json'], { GITHUB_TOKEN: TOKEN });
    expect(result.code, result.stderr).toBe(0);
    expect(api().filter((e) => e.path.includes('/git/trees/')).length).toBe(2);
  });
});

describe('the token', () => {
  it('never appears in anything printed or cached, even with --verbose', async () => {
    const cache = freshCache();
    const results = [
      await cli(['github:dpg-test/complete-software', '--verbose'], { GITHUB_TOKEN: TOKEN, XDG_CACHE_HOME: cache }),
      await cli(['github:dpg-test/truncated', '--verbose', '--format', 'json'], { GH_TOKEN: TOKEN, XDG_CACHE_HOME: cache }),
      await cli(['github:dpg-test/missing', '--verbose', '--debug'], { GITHUB_TOKEN: TOKEN, XDG_CACHE_HOME: cache }),
    ];
    for (const result of results) expect(result.stdout + result.stderr).not.toContain(TOKEN);
    expect(results[0]?.stderr).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/api\/graphql → 200/);
    const cached = fs.readdirSync(cache, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    expect(cached.length).toBeGreaterThan(0);
    for (const file of cached) expect(fs.readFileSync(path.join(file.parentPath, file.name), 'latin1')).not.toContain(TOKEN);
  });
});

describe('host metadata feeds the host rules', () => {
  it('archived, no push in years, a host licence that disagrees: reported', async () => {
    const result = await cli(['github:dpg-test/archived', '--format', 'json']);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.findings.find((f) => f.ruleId === 'dpg-5-07')).toMatchObject({ status: 'gap' });
    expect(report.findings.find((f) => f.ruleId === 'dpg-5-07')?.message).toMatch(/archived/);
    expect(report.findings.find((f) => f.ruleId === 'dpg-2-07')).toMatchObject({ status: 'gap' });
    expect(report.findings.find((f) => f.ruleId === 'dpg-2-07')?.message).toContain('Apache-2.0');
  });
});

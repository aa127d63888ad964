/**
 * GitLab projects against the replay server (recorded, scrubbed REST v4
 * responses, fixtures/remote/gitlab/) with git served beside it: the same
 * findings as a local clone, the requests counted, a tree past the page limit
 * listed by a partial clone, faults located with exit 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules as hostFolderRules } from '../rules/host/index.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildRepository } from '../fixtures/remote/git-http-server.mjs';
import { startReplayServer } from '../fixtures/remote/replay-server.mjs';
import { run } from '../src/cli.js';
import type { Evidence, Finding, Report } from '../src/model.js';
import { parseRemoteTarget } from '../src/sources/target.js';
import { spdxFromGitLab } from '../src/sources/gitlab.js';
import { liveTempDirs } from '../src/sources/temp.js';

interface LogEntry { method: string; path: string; kind: string; ifNoneMatch?: string }
interface Replay { env: Record<string, string>; log: LogEntry[]; gitStats: { requests: number }; reset(): void; close(): Promise<void> }

const CANDIDATE = 'fixtures/candidates/complete-software';
let root: string;
let replay: Replay;
let local: Report;
let caches = 0;

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: { ...replay.env, XDG_CACHE_HOME: path.join(root, `cache-${++caches}`), ...env },
  });
  return { code, stdout, stderr };
}

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

const rest = (): LogEntry[] => replay.log.filter((e) => e.kind === 'gitlab-rest');
const raw = (): LogEntry[] => replay.log.filter((e) => e.kind === 'gitlab-raw');

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'remote-gitlab-test-'));
  const group = path.join(root, 'served', 'gitlab', 'dpg-test');
  fs.mkdirSync(group, { recursive: true });
  for (const name of ['complete-software', 'huge-tree', 'busy']) buildRepository(group, name, CANDIDATE);
  replay = (await startReplayServer({ gitRoot: path.join(root, 'served') })) as Replay;
  local = JSON.parse((await cli([path.join(group, 'complete-software-work'), '--format', 'json'])).stdout) as Report;
}, 60_000);

afterAll(async () => {
  await replay?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('GitLab targets', () => {
  it('are recognised in their forms', () => {
    expect(parseRemoteTarget('gitlab:dpg-test/sub/project')).toMatchObject({ kind: 'gitlab', origin: 'https://gitlab.com', project: 'dpg-test/sub/project', explicitOrigin: false });
    expect(parseRemoteTarget('https://gitlab.com/dpg-test/project/-/tree/develop')).toMatchObject({ kind: 'gitlab', project: 'dpg-test/project', ref: 'develop' });
    expect(parseRemoteTarget('https://gitlab.example.org/a/b.git')).toMatchObject({ kind: 'gitlab', origin: 'https://gitlab.example.org', project: 'a/b', explicitOrigin: true });
    expect(spdxFromGitLab('apache-2.0')).toBe('Apache-2.0');
    expect(spdxFromGitLab('other')).toBeUndefined();
  });

  it('the same findings as a local clone; project, one tree page and the needed blobs cold; at most one request warm', async () => {
    const cache = path.join(root, 'warm-cache');
    replay.reset();
    const cold = await cli(['gitlab:dpg-test/complete-software', '--format', 'json'], { XDG_CACHE_HOME: cache });
    expect(cold.code, cold.stderr).toBe(0);
    const report = JSON.parse(cold.stdout) as Report;
    sameExceptHost(report.findings, local.findings);
    expect(report.candidate.sources[0]).toEqual({ kind: 'gitlab', location: `${replay.env.DPG_CHECK_GITLAB_URL}/dpg-test/complete-software`, revision: local.candidate.sources[0]?.revision });
    expect(report.licenses).toContainEqual({ spdx: 'MIT', path: 'host', confidence: 0.9, method: 'host', scope: 'project' });
    expect(report.findings.find((f) => f.ruleId === 'dpg-3-06')?.message).toBe('The repository belongs to the GitLab organisation "dpg-test".');
    expect(rest().length).toBe(2); // project, one tree page (the commit came from git ls-remote)
    expect(raw().length).toBeGreaterThan(0);
    expect(raw().length).toBeLessThanOrEqual(local.timings.files);

    replay.reset();
    const warm = await cli(['gitlab:dpg-test/complete-software', '--format', 'json'], { XDG_CACHE_HOME: cache, DPG_CHECK_METADATA_MAX_AGE: '0' });
    expect(warm.code).toBe(0);
    expect(rest().length + raw().length).toBe(1);
    expect(rest()[0]?.ifNoneMatch).toMatch(/^W\/"/);
    expect((JSON.parse(warm.stdout) as Report).findings).toEqual(report.findings);
  });

  it('a tree past the page limit is listed by a partial clone instead of paging on', async () => {
    replay.reset();
    const result = await cli(['gitlab:dpg-test/huge-tree', '--format', 'json', '--verbose']);
    expect(result.code, result.stderr).toBe(0);
    sameExceptHost((JSON.parse(result.stdout) as Report).findings, local.findings);
    expect(replay.log.filter((e) => e.path.includes('/repository/tree')).length).toBe(20);
    expect(result.stderr).toContain('gitlab: the tree has more than 2000 entries; listing with a partial clone instead of paging');
    expect(raw().length).toBe(0);
  });

  it('a 429 with retry-after is waited out once', async () => {
    replay.reset();
    const result = await cli(['gitlab:dpg-test/busy', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(replay.log.filter((e) => /\/projects\/dpg-test%2Fbusy\?/.test(e.path)).length).toBe(2);
  });

  const faults: [string, string, RegExp][] = [
    ['a missing project', 'gitlab:dpg-test/missing', /^dpg-check: cannot check http:\/\/127\.0\.0\.1:\d+\/gitlab\/dpg-test\/missing: project not found \(or private: set GITLAB_TOKEN to a token that can read it\)\n$/],
    ['a failing server', 'gitlab:dpg-test/broken', /^dpg-check: cannot check http:\/\/127\.0\.0\.1:\d+\/gitlab\/dpg-test\/broken: GitLab failed \(500\) three times in a row; try again later\n$/],
    ['a target that names no project', 'gitlab:only-a-group', /^dpg-check: cannot check gitlab:only-a-group: expected a GitLab project as gitlab:group\/project or https:\/\/gitlab\.com\/group\/project\n$/],
  ];
  for (const [name, target, message] of faults) {
    it(`${name}: a located message, exit 2, nothing left behind`, async () => {
      const result = await cli([target], { GITLAB_TOKEN: '' });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(liveTempDirs()).toEqual([]);
    });
  }

  it('the GitLab token never appears in output', async () => {
    const token = 'glpat-NeverPrintThisToken0123';
    const result = await cli(['gitlab:dpg-test/missing', '--verbose'], { GITLAB_TOKEN: token });
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).not.toContain(token);
    expect(result.stderr).toContain('project not found (or the token cannot read it)');
  });
});

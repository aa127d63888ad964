/**
 * Issue 10, item 6: no process outlives the command. Every git call is
 * bounded and stopped with everything it started; a listing cut short says
 * so; a timed-out batch candidate's whole process group is killed; a worker
 * stuck in a synchronous loop dies with its batch, SIGKILL of the batch
 * included; a batch killed mid-run leaves no process and `--resume` then
 * gives the summary of an uninterrupted run.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execGit } from '../src/snapshot/git-exec.js';
import { listLocalFiles } from '../src/snapshot/list-files.js';
import { ROWS_JOURNAL } from '../src/batch/output.js';
import { CLI, builtCliIsCurrent, gitTree, hangingGitDir, isAlive, killAll, onLinux, processesMarked, readPids, scratchDir, freshDirs, waitFor, withEnv } from './hostile-procs-support.js';

const scratch = scratchDir('hostile-procs');
const leftovers: number[] = [];
afterAll(() => {
  killAll(leftovers);
  fs.rmSync(scratch, { recursive: true, force: true });
});
const fresh = freshDirs(scratch);

describe.skipIf(!onLinux)('git calls are bounded and stopped whole', () => {
  it('a git call past its time is killed with the helpers it started', async () => {
    const dir = fresh('exec');
    const bin = hangingGitDir(dir);
    const pidFile = path.join(dir, 'pids');
    const result = await execGit(['ls-files', '--others'], { cwd: dir, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, FAKE_GIT_PIDS: pidFile }, timeoutMs: 500 });
    expect(result).toMatchObject({ code: null, timedOut: true, stopped: 'git did not finish within 500 ms' });
    const pids = readPids(pidFile);
    leftovers.push(...pids);
    expect(pids).toHaveLength(2);
    // Failed before: git's helper (here `sleep`) kept running, reparented to init.
    expect(await waitFor(() => pids.every((pid) => !isAlive(pid)), 2000), `still running: ${pids.filter(isAlive).join(', ')}`).toBe(true);
  });

  it('a local listing whose untracked-file scan is stopped says it was cut short, keeps the tracked files, and leaves no git behind', async () => {
    const dir = fresh('listing');
    const tree = gitTree(path.join(dir, 'tree'));
    const bin = hangingGitDir(dir);
    const pidFile = path.join(dir, 'pids');
    // Failed before: the scan was waited for 120 s (no way to bound it), then untracked files were dropped with an empty reason.
    const listing = await withEnv({ PATH: `${bin}:${process.env.PATH}`, FAKE_GIT_PIDS: pidFile, DPG_CHECK_GIT_TIMEOUT_S: '1' }, () => listLocalFiles(tree, fs.realpathSync(tree)));
    leftovers.push(...readPids(pidFile));
    expect(listing.via).toBe('git');
    expect(listing.paths).toEqual(['dpg.yml']);
    expect(listing.warnings).toEqual([expect.stringMatching(/^the file list is cut short: listing untracked files was stopped \(git did not finish within 1 s; set DPG_CHECK_GIT_TIMEOUT_S to allow more\); only tracked files are checked$/)]);
    expect(await waitFor(() => readPids(pidFile).every((pid) => !isAlive(pid)), 2000)).toBe(true);
  }, 20_000);
});

const mark = (): string => crypto.randomBytes(8).toString('hex');

describe.skipIf(!onLinux || !builtCliIsCurrent())('batch worker processes die whole', () => {
  it('--timeout kills the candidate\'s whole process group: its git and git\'s helpers too', async () => {
    const dir = fresh('batch-timeout');
    gitTree(path.join(dir, 'hangs'));
    fs.writeFileSync(path.join(dir, 'list.txt'), 'hangs\n');
    const bin = hangingGitDir(dir);
    const pidFile = path.join(dir, 'pids');
    const result = spawnSync(process.execPath, [CLI, 'batch', path.join(dir, 'list.txt'), '--timeout', '2', '--format', 'json'], {
      encoding: 'utf8', timeout: 60_000, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, FAKE_GIT_PIDS: pidFile },
    });
    const pids = readPids(pidFile);
    leftovers.push(...pids);
    expect(result.status, result.stderr).toBe(1);
    expect(JSON.parse(result.stdout).rows[0]).toMatchObject({ status: 'error', message: 'hangs was not checked within 2 s (--timeout): stopped' });
    expect(pids).toHaveLength(2);
    // Failed before: the worker was killed, its git and git's helper ran on under init.
    expect(await waitFor(() => pids.every((pid) => !isAlive(pid)), 2000), `still running: ${pids.filter(isAlive).join(', ')}`).toBe(true);
  }, 90_000);

  /** A reviewer's pack whose rule records its worker's pid, then spins (synchronously) or waits a little (asynchronously). */
  function recordingPack(dir: string, behaviour: 'spin' | 'pause'): string {
    fs.writeFileSync(path.join(dir, 'pack.mjs'), [
      "import fs from 'node:fs';",
      "export const rules = [{",
      "  meta: { id: 'test/record', alias: 'record', indicator: '8', level: 'advice', title: 'Record', appliesTo: 'all', standardVersion: '1.1.7',",
      "    motivation: 'Testing that workers die with their batch.', messages: { ok: 'ok' }, remediation: 'None.', docsUrl: 'https://example.org' },",
      "  async check() {",
      `    fs.appendFileSync(${JSON.stringify(path.join(dir, 'workers'))}, process.pid + '\\n');`,
      behaviour === 'spin'
        ? "    const end = Date.now() + 120_000; while (Date.now() < end) { /* a synchronous loop: no event is handled */ }"
        : "    await new Promise((resolve) => setTimeout(resolve, 150));",
      "    return { status: 'pass', messageId: 'ok' };",
      "  },",
      "}];",
    ].join('\n'));
    const config = path.join(dir, 'review.yml');
    fs.writeFileSync(config, 'packs: [./pack.mjs]\nruleTimeoutMs: 200000\n');
    return config;
  }

  function candidates(dir: string, count: number): string {
    const names = Array.from({ length: count }, (_, i) => `c${String(i).padStart(2, '0')}`);
    for (const name of names) {
      fs.mkdirSync(path.join(dir, name), { recursive: true });
      fs.writeFileSync(path.join(dir, name, 'dpg.yml'), `name: ${name}\ntypes: [software]\n`);
    }
    const list = path.join(dir, 'list.txt');
    fs.writeFileSync(list, `${names.join('\n')}\n`);
    return list;
  }

  it('a worker stuck in a synchronous loop dies when its batch is killed with SIGKILL', async () => {
    const dir = fresh('batch-sigkill-spin');
    const list = candidates(dir, 2);
    const config = recordingPack(dir, 'spin');
    const marker = mark();
    const child = spawn(process.execPath, [CLI, 'batch', list, '--config', config, '--concurrency', '2', '--timeout', '600'], { stdio: 'ignore', env: { ...process.env, DPG_TEST_MARK: marker } });
    const workers = (): number[] => readPids(path.join(dir, 'workers'));
    expect(await waitFor(() => workers().length === 2, 30_000)).toBe(true);
    leftovers.push(...workers());
    child.kill('SIGKILL');
    // Failed before: both workers spun on for two minutes, reparented to init.
    expect(await waitFor(() => processesMarked('DPG_TEST_MARK', marker).length === 0, 5000), `still running: ${processesMarked('DPG_TEST_MARK', marker).join(', ')}`).toBe(true);
  }, 60_000);

  it('a batch killed mid-run (SIGKILL) leaves no process; --resume then gives the summary of an uninterrupted run', async () => {
    const dir = fresh('batch-sigkill-resume');
    const list = candidates(dir, 24);
    const config = recordingPack(dir, 'pause');
    const interruptedOut = path.join(dir, 'interrupted');
    const wholeOut = path.join(dir, 'whole');
    const marker = mark();
    const env = { ...process.env, DPG_TEST_MARK: marker };
    const child = spawn(process.execPath, [CLI, 'batch', list, '--config', config, '--out', interruptedOut, '--concurrency', '2'], { stdio: 'ignore', env });
    // Finished candidates: the journal's complete lines.
    const rows = (): number => (fs.existsSync(path.join(interruptedOut, ROWS_JOURNAL)) ? fs.readFileSync(path.join(interruptedOut, ROWS_JOURNAL), 'utf8').split('\n').filter((line) => line.endsWith('}')).length : 0);
    expect(await waitFor(() => rows() >= 4 || child.exitCode !== null, 60_000)).toBe(true);
    expect(child.exitCode, 'the batch finished before it could be interrupted').toBeNull();
    child.kill('SIGKILL');
    expect(await waitFor(() => processesMarked('DPG_TEST_MARK', marker).length === 0, 5000), `still running: ${processesMarked('DPG_TEST_MARK', marker).join(', ')}`).toBe(true);
    const done = rows();
    expect(done).toBeLessThan(24);

    const resumed = spawnSync(process.execPath, [CLI, 'batch', list, '--config', config, '--out', interruptedOut, '--resume', '--format', 'json'], { encoding: 'utf8', timeout: 120_000, env });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`${done} candidate${done === 1 ? '' : 's'} kept from the previous run (--resume)`);
    const whole = spawnSync(process.execPath, [CLI, 'batch', list, '--config', config, '--out', wholeOut, '--format', 'json'], { encoding: 'utf8', timeout: 120_000, env });
    expect(whole.status, whole.stderr).toBe(0);
    expect(resumed.stdout).toBe(whole.stdout);
    for (const name of ['summary.json', 'summary.csv', 'summary.txt']) {
      expect(fs.readFileSync(path.join(interruptedOut, name), 'utf8'), name).toBe(fs.readFileSync(path.join(wholeOut, name), 'utf8'));
    }
    expect(processesMarked('DPG_TEST_MARK', marker)).toEqual([]);
  }, 240_000);
});

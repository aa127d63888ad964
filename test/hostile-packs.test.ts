/**
 * Rule packs that end or stall the process (issue 10 item 4): a pack cannot
 * turn a check into a pass by ending the process, and a pack that cannot
 * load within the time limit is exit 2 with a message naming it.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPack, PackError } from '../src/engine/packs.js';
import type { Report } from '../src/model.js';

const REPO = path.resolve(import.meta.dirname, '..');
const created: string[] = [];
afterAll(() => { for (const dir of created) fs.rmSync(dir, { recursive: true, force: true }); });

const META = "const meta = (id) => ({ id: `hostile/${id}`, alias: id, indicator: '8', level: 'requirement', requirement: { quote: 'A sentence of the standard, long enough to quote.', url: 'https://example.org' }, title: 't', appliesTo: 'all', standardVersion: '1.1.7', motivation: 'm', messages: { ok: 'ok' }, remediation: 'r', docsUrl: 'https://example.org' });";

/** A candidate whose own config loads `pack.mjs` (a local check of one's own repository). */
function candidate(pack: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-hostile-pack-'));
  created.push(dir);
  fs.writeFileSync(path.join(dir, 'dpg.yml'), 'name: x\ntypes: [software]\n');
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT License\n');
  fs.writeFileSync(path.join(dir, 'pack.mjs'), `${META}\n${pack}\n`);
  fs.writeFileSync(path.join(dir, '.dpg-check.yml'), 'packs: [./pack.mjs]\n');
  return dir;
}

function check(dir: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [path.join(REPO, 'bin', 'dpg-check.js'), dir, ...args], { encoding: 'utf8', timeout: 60_000 });
}

const OK = "{ meta: meta('fine'), check: () => ({ status: 'pass', messageId: 'ok' }) }";

describe('a pack that ends the process cannot turn a check into a pass', () => {
  it('process.exit(0) inside a rule check: the rule is an error finding, the report complete', () => {
    const result = check(candidate(`export const rules = [{ meta: meta('exits'), check: () => process.exit(0) }, ${OK}];`), '--format', 'json');
    const report = JSON.parse(result.stdout) as Report;
    expect(report.findings.find((f) => f.ruleId === 'hostile/exits')).toMatchObject({ status: 'error', message: 'Rule hostile/exits could not run: it tried to end the process (process.exit(0)).' });
    expect(report.findings.find((f) => f.ruleId === 'hostile/fine')?.status).toBe('pass');
    expect(result.status).toBe(1);
  });
  it('…even when the rule goes on and returns a pass, and from a promise continuation', () => {
    const result = check(candidate(`export const rules = [
      { meta: meta('swallows'), check: () => { try { process.exit(0); } catch {} return { status: 'pass', messageId: 'ok' }; } },
      { meta: meta('later'), check: async () => { await null; process.reallyExit(0); return { status: 'pass', messageId: 'ok' }; } },
      ${OK}];`), '--format', 'json');
    const report = JSON.parse(result.stdout) as Report;
    expect(report.findings.find((f) => f.ruleId === 'hostile/swallows')?.status).toBe('error');
    expect(report.findings.find((f) => f.ruleId === 'hostile/later')).toMatchObject({ status: 'error', message: 'Rule hostile/later could not run: it tried to end the process (process.reallyExit(0)).' });
    expect(result.status).toBe(1);
  });
  it('a timer the rule left behind that ends the process after its finding was made: exit 2 and why', () => {
    const result = check(candidate(`export const rules = [{ meta: meta('timer'), check: () => { setTimeout(() => process.exit(0), 50); return { status: 'pass', messageId: 'ok' }; } }];`), '--format', 'json');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('dpg-check: rule hostile/timer tried to end the process (process.exit(0)) after it had finished; the check is not complete');
  });
  it('…also from a rule the time guard cut off (its scope is closed with the others)', () => {
    const dir = candidate(`export const rules = [{ meta: meta('spins'), check: () => { setTimeout(() => process.exit(0), 500); for (;;) {} } }, ${OK}];`);
    fs.appendFileSync(path.join(dir, '.dpg-check.yml'), 'ruleTimeoutMs: 100\n');
    const result = check(dir, '--format', 'json');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('dpg-check: rule hostile/spins tried to end the process (process.exit(0)) after it had finished; the check is not complete');
    expect(result.stderr).not.toContain('    at ');
  });
  it('process.exit(0) in top-level code: exit 2, naming the pack', () => {
    const result = check(candidate(`process.exit(0);\nexport const rules = [${OK}];`));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('rule pack ./pack.mjs: its top-level code tries to end the process (process.exit(0))');
    expect(result.stdout).toBe('');
  });
  it('…also when it does so only on the main thread (the real load is guarded too)', () => {
    const result = check(candidate(`import { isMainThread } from 'node:worker_threads';\nif (isMainThread) process.exit(0);\nexport const rules = [${OK}];`));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('rule pack ./pack.mjs: its top-level code tries to end the process (process.exit(0))');
  });
});

describe('a pack that cannot load in time', () => {
  it('a top-level await that never settles: exit 2 naming the pack (was exit 13, no message)', () => {
    const result = check(candidate(`await new Promise(() => {});\nexport const rules = [${OK}];`));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('dpg-check: rule pack ./pack.mjs: its top-level code never finishes (a top-level await that never settles?)');
  });
  it('an endless loop at import is stopped at the time limit', async () => {
    const dir = candidate(`while (true) {}\nexport const rules = [${OK}];`);
    const error = await loadPack('./pack.mjs', dir, { loadTimeoutMs: 300 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PackError);
    expect((error as Error).message).toBe('rule pack ./pack.mjs: did not load within 0.3 s (an endless loop or a long wait in its top-level code?)');
  });
  it('a wait that outlasts the limit only on the main thread is stopped there too', async () => {
    // The probe's worker is told the pack's URL; vitest's own thread (if any) is not.
    const dir = candidate(`import { workerData } from 'node:worker_threads';\nif (!workerData?.url) await new Promise((resolve) => setTimeout(resolve, 8_000));\nexport const rules = [${OK}];`);
    // The limit leaves the probe's thread time to start on a busy machine.
    const error = await loadPack('./pack.mjs', dir, { loadTimeoutMs: 3000 }).then(() => undefined, (e: unknown) => e);
    expect((error as Error).message).toBe('rule pack ./pack.mjs: did not load within 3 s (a top-level await that never settles?)');
  });
  it('a pack that loads is loaded, its rules returned', async () => {
    const dir = candidate(`export const rules = [${OK}];`);
    expect((await loadPack('./pack.mjs', dir)).map((rule) => rule.meta.id)).toEqual(['hostile/fine']);
  });
});

/**
 * Rules that misbehave on purpose (issue 10, items 2 and 3): a rejected
 * promise while another rule's promise is pending, and outcomes no rule
 * should return (null evidence, circular values, throwing getters and
 * toString, negative lines, unknown kinds). Each is one `error` finding for
 * its rule, the other rules' findings intact, and the report valid against
 * schema/report.schema.json.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Rule } from '../src/rule-api.js';
import { runRules } from '../src/engine/runner.js';
import { checkSnapshot } from '../src/engine/check.js';
import { builtInRules } from '../rules/index.js';
import { createMemorySnapshot } from '../src/snapshot/memory.js';
import { parseDeclaration } from '../src/declaration/load.js';
import { validateReport, reportInconsistencies } from '../src/reporters/schema.js';
import type { Report } from '../src/model.js';
import { hostileRule, ruleContext } from './hostile-support.js';

const REPO = path.resolve(import.meta.dirname, '..');

describe('a rejected promise while another rule is pending (issue 10 item 2)', () => {
  it('is one error finding; the pending rule and the others report normally', async () => {
    const slow = hostileRule('slow', () => new Promise((resolve) => setTimeout(() => resolve({ status: 'pass', messageId: 'ok' }), 30)));
    const rejects = hostileRule('rejects', () => Promise.reject(new Error('boom')));
    const alsoRejects = hostileRule('also-rejects', async () => { throw new Error('late boom'); });
    const findings = await runRules([slow, rejects, alsoRejects, hostileRule('fine', () => ({ status: 'pass', messageId: 'ok' }))], () => ruleContext(), { timeoutMs: 2000 });
    expect(findings.map((f) => [f.ruleId, f.status])).toEqual([['hostile/slow', 'pass'], ['hostile/rejects', 'error'], ['hostile/also-rejects', 'error'], ['hostile/fine', 'pass']]);
    expect(findings[1]?.message).toBe('Rule hostile/rejects could not run: the rule threw: boom.');
  });
  it('a thenable that is not a native promise (another realm, a hand-made one) is awaited, its rejection caught', async () => {
    const thenable = hostileRule('thenable', () => ({ then: (_: unknown, reject: (e: unknown) => void) => reject(new Error('thenable says no')) }) as never);
    const resolves = hostileRule('resolves', () => ({ then: (resolve: (v: unknown) => void) => resolve({ status: 'pass', messageId: 'ok' }) }) as never);
    const findings = await runRules([thenable, resolves], () => ruleContext(), { timeoutMs: 2000 });
    expect(findings.map((f) => f.status)).toEqual(['error', 'pass']);
  });

  it('through the CLI: exit 1 for the error, a complete JSON report, no stack trace', () => {
    const dir = candidateWithPack([
      "{ meta: meta('slow'), check: () => new Promise((r) => setTimeout(() => r({ status: 'pass', messageId: 'ok' }), 200)) }",
      "{ meta: meta('rejects'), check: () => Promise.reject(new Error('boom')) }",
    ]);
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin', 'dpg-check.js'), dir, '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).not.toContain('at Object.check');
    const report = JSON.parse(result.stdout) as Report;
    expect(validateReport(report)).toEqual([]);
    expect(report.findings.find((f) => f.ruleId === 'hostile/rejects')).toMatchObject({ status: 'error', level: 'requirement' });
    expect(report.findings.find((f) => f.ruleId === 'hostile/slow')).toMatchObject({ status: 'pass' });
    expect(report.findings.length).toBeGreaterThan(30);
    expect(result.status).toBe(1); // a requirement rule's error counts, as documented
  });

  it('in a batch, with and without --in-process: the candidate is checked, not lost', () => {
    const dir = candidateWithPack([
      "{ meta: meta('slow'), check: () => new Promise((r) => setTimeout(() => r({ status: 'pass', messageId: 'ok' }), 100)) }",
      "{ meta: meta('rejects'), check: () => Promise.reject(new Error('boom')) }",
    ]);
    fs.writeFileSync(path.join(dir, 'review.yml'), 'packs: [./pack.mjs]\n');
    fs.mkdirSync(path.join(dir, 'one'));
    fs.writeFileSync(path.join(dir, 'one', 'dpg.yml'), 'name: one\ntypes: [software]\n');
    fs.writeFileSync(path.join(dir, 'list.txt'), 'one\n');
    for (const extra of [[], ['--in-process']]) {
      const result = spawnSync(process.execPath, [path.join(REPO, 'bin', 'dpg-check.js'), 'batch', path.join(dir, 'list.txt'), '--config', path.join(dir, 'review.yml'), '--format', 'json', ...extra], { encoding: 'utf8', timeout: 60_000 });
      const summary = JSON.parse(result.stdout) as { rows: { id: string; status: string; findings: Record<string, number> }[] };
      expect(summary.rows, `${extra.join(' ')} ${result.stderr}`).toHaveLength(1);
      expect(summary.rows[0]).toMatchObject({ id: 'one', status: 'checked' });
      expect(summary.rows[0]?.findings.error).toBe(1);
    }
  }, 60_000);
});

/** Outcomes no rule should return, each with why it is malformed. */
function circularEvidence(): unknown {
  const item: Record<string, unknown> = { kind: 'file', path: 'README.md' };
  item.self = item;
  return [item];
}
function circularData(): unknown {
  const data: Record<string, unknown> = { what: 'x' };
  data.again = data;
  return data;
}
const throwingToString = { toString(): string { throw new Error('toString says no'); } };
const MALFORMED: Record<string, () => unknown> = {
  'evidence: [null]': () => ({ status: 'pass', messageId: 'ok', evidence: [null] }),
  'evidence: [42]': () => ({ status: 'pass', messageId: 'ok', evidence: [42] }),
  'circular evidence': () => ({ status: 'pass', messageId: 'ok', evidence: circularEvidence() }),
  'an evidence list that contains itself': () => { const list: unknown[] = []; list.push(list); return { status: 'pass', messageId: 'ok', evidence: list }; },
  'circular data': () => ({ status: 'pass', messageId: 'ok', data: circularData() }),
  'a data value whose toString throws': () => ({ status: 'pass', messageId: 'ok', data: { what: throwingToString } }),
  'a throwing getter (status)': () => ({ get status(): string { throw new Error('getter says no'); }, messageId: 'ok' }),
  'a throwing getter (evidence item)': () => ({ status: 'pass', messageId: 'ok', evidence: [{ kind: 'file', get path(): string { throw new Error('no path'); } }] }),
  'a negative line': () => ({ status: 'fail', messageId: 'ok', evidence: [{ kind: 'file', path: 'README.md', line: -3 }] }),
  'a fractional column': () => ({ status: 'fail', messageId: 'ok', evidence: [{ kind: 'declaration', path: 'dpg.yml', key: 'name', column: 1.5 }] }),
  'an unknown evidence kind': () => ({ status: 'gap', messageId: 'ok', evidence: [{ kind: 'telepathy', text: 'trust me' }] }),
  'an empty path': () => ({ status: 'gap', messageId: 'ok', evidence: [{ kind: 'file', path: '' }] }),
  'an unknown key in evidence': () => ({ status: 'gap', messageId: 'ok', evidence: [{ kind: 'url', url: 'https://example.org', lien: 3 }] }),
  'evidence that is not a list': () => ({ status: 'gap', messageId: 'ok', evidence: { kind: 'note', text: 'one' } }),
  'a revoked proxy': () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; },
  'a proxy whose every trap throws': () => new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); } }),
  'a list with a hole': () => [, { status: 'pass', messageId: 'ok' }], // eslint-disable-line no-sparse-arrays
  'a symbol as data': () => ({ status: 'pass', messageId: 'ok', data: { what: Symbol('s') } }),
  'a thrown value whose toString throws': () => { throw throwingToString; },
};

describe('malformed outcomes (issue 10 item 3)', () => {
  for (const [name, check] of Object.entries(MALFORMED)) {
    it(`${name}: one error finding for the rule, the report valid`, async () => {
      const rule = hostileRule('malformed', check as Rule['check']);
      const findings = await runRules([rule, hostileRule('fine', () => ({ status: 'pass', messageId: 'ok' }))], () => ruleContext(), { timeoutMs: 2000 });
      expect(findings.map((f) => [f.ruleId, f.status])).toEqual([['hostile/malformed', 'error'], ['hostile/fine', 'pass']]);
      const report = await checkSnapshot({
        snapshot: createMemorySnapshot({ 'README.md': '# x\n' }), declaration: parseDeclaration('name: x\ntypes: [software]\n', 'dpg.yml'),
        rules: [...builtInRules, rule], fallbackName: 'x',
      });
      expect(validateReport(JSON.parse(JSON.stringify(report)))).toEqual([]);
      expect(reportInconsistencies(report)).toEqual([]);
      expect(report.findings.filter((f) => f.ruleId === 'hostile/malformed').map((f) => f.status)).toEqual(['error']);
    });
  }
});

function candidateWithPack(rules: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-hostile-'));
  fs.writeFileSync(path.join(dir, 'dpg.yml'), 'name: x\ntypes: [software]\n');
  fs.writeFileSync(path.join(dir, 'pack.mjs'), [
    "const meta = (id) => ({ id: `hostile/${id}`, alias: id, indicator: '8', level: 'requirement', requirement: { quote: 'A sentence of the standard, long enough to quote.', url: 'https://example.org' }, title: 't', appliesTo: 'all', standardVersion: '1.1.7', motivation: 'm', messages: { ok: 'ok' }, remediation: 'r', docsUrl: 'https://example.org' });",
    `export const rules = [\n  ${rules.join(',\n  ')},\n];`,
  ].join('\n'));
  fs.writeFileSync(path.join(dir, '.dpg-check.yml'), 'packs: [./pack.mjs]\n');
  onTestFinishedCleanup(dir);
  return dir;
}

const created: string[] = [];
function onTestFinishedCleanup(dir: string): void { created.push(dir); }
import { afterAll } from 'vitest';
afterAll(() => { for (const dir of created) fs.rmSync(dir, { recursive: true, force: true }); });

import vm from 'node:vm';
import { describe, it, expect, vi } from 'vitest';
import fc from 'fast-check';
import { defineRule, type Rule, type RuleContext } from '../src/rule-api.js';
import { runRule, runRules } from '../src/engine/runner.js';
import { aggregate, exceedsFailOn, STATUSES, type Status } from '../src/model.js';
import { createMemorySnapshot } from '../src/snapshot/memory.js';
import { makeDeclarationView } from '../src/declaration/load.js';
import { computeFacts } from '../src/engine/facts.js';
import { createRuleContext } from '../src/engine/context.js';

function makeRule(id: string, check: Rule['check'], appliesTo: Rule['meta']['appliesTo'] = 'all'): Rule {
  return defineRule({
    meta: {
      id, alias: `${id}-alias`, indicator: '5', level: 'requirement', requirement: { quote: 'Digital public goods require documentation of the source code.', url: 'https://example.org/standard' }, title: 'test rule', appliesTo, standardVersion: '1.1.7',
      motivation: 'testing', remediation: 'fix it', docsUrl: 'https://example.org', messages: { ok: 'fine {what}', bad: 'bad' },
    },
    check,
  });
}

function context(files: Record<string, string> = {}): RuleContext {
  const snapshot = createMemorySnapshot(files);
  const view = makeDeclarationView(undefined);
  return createRuleContext(snapshot, view, computeFacts(snapshot, view));
}

describe('aggregate (BRIEF §2)', () => {
  it('follows fail > error > gap > pass > n/a', () => {
    expect(aggregate(['pass', 'gap', 'error', 'fail'])).toBe('fail');
    expect(aggregate(['pass', 'gap', 'error'])).toBe('error');
    expect(aggregate(['pass', 'gap', 'n/a'])).toBe('gap');
    expect(aggregate(['pass', 'n/a'])).toBe('pass');
    expect(aggregate(['n/a'])).toBe('n/a');
    expect(aggregate([])).toBe('n/a');
  });
  it('is order-independent and always one of the inputs or n/a', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom<Status>(...STATUSES)), (statuses) => {
      const verdict = aggregate(statuses);
      expect(aggregate([...statuses].reverse())).toBe(verdict);
      expect(verdict === 'n/a' || statuses.includes(verdict)).toBe(true);
    }));
  });
  it('--fail-on gap counts gaps, fail does not; errors always count', () => {
    expect(exceedsFailOn('gap', 'fail')).toBe(false);
    expect(exceedsFailOn('gap', 'gap')).toBe(true);
    expect(exceedsFailOn('error', 'fail')).toBe(true);
    expect(exceedsFailOn('pass', 'gap')).toBe(false);
  });
});

describe('runner isolation', () => {
  it('turns a throwing rule into an error finding and the others still run', async () => {
    const throwing = makeRule('throws', () => { throw new Error('boom\nsecond line'); });
    const fine = makeRule('fine', () => ({ status: 'pass', messageId: 'ok', data: { what: 'here' } }));
    const findings = await runRules([throwing, fine], () => context(), { timeoutMs: 1000 });
    expect(findings.map((f) => [f.ruleId, f.status])).toEqual([['throws', 'error'], ['fine', 'pass']]);
    expect(findings[0]?.message).toContain('the rule threw: boom');
    expect(findings[0]?.message).not.toContain('second line');
    expect(findings[1]?.message).toBe('fine here');
  });
  it('stops a rule stuck in a synchronous loop after the timeout', async () => {
    const looping = makeRule('loops', () => { for (;;) { /* stuck */ } });
    const [finding] = await runRule(looping, context(), { timeoutMs: 50 });
    expect(finding?.status).toBe('error');
    expect(finding?.message).toContain('did not finish within 50 ms');
  });
  it('blames only the looping rule among many, and the rules after it still run', async () => {
    const fine = (id: string): Rule => makeRule(id, () => ({ status: 'pass', messageId: 'ok' }));
    const looping = makeRule('loops', () => { for (;;) { /* stuck */ } });
    const findings = await runRules([fine('a'), fine('b'), looping, fine('c')], () => context(), { timeoutMs: 50 });
    expect(findings.map((f) => [f.ruleId, f.status])).toEqual([['a', 'pass'], ['b', 'pass'], ['loops', 'error'], ['c', 'pass']]);
  });
  it('does not blame a rule for the time the rules before it took', async () => {
    const busy = (id: string): Rule => makeRule(id, () => { const end = Date.now() + 40; while (Date.now() < end) { /* work */ } return { status: 'pass', messageId: 'ok' }; });
    const findings = await runRules([busy('first'), busy('second'), busy('third')], () => context(), { timeoutMs: 70 });
    expect(findings.map((f) => f.status)).toEqual(['pass', 'pass', 'pass']);
  });
  it('reads the outcomes of rules known to give plain data (the built-ins) without the guard, and the others under it', async () => {
    const plain = makeRule('plain', () => ({ status: 'pass', messageId: 'ok' }));
    const broken = makeRule('broken', () => ({ get status(): never { throw new Error('no status'); }, messageId: 'ok' }));
    const looping = makeRule('loops-on-read', () => ({ get status(): never { for (;;) { /* stuck */ } }, messageId: 'ok' }));
    const findings = await runRules([plain, broken, looping], () => context(), { timeoutMs: 50, plainOutcomes: (rule) => rule !== looping });
    expect(findings.map((f) => [f.ruleId, f.status])).toEqual([['plain', 'pass'], ['broken', 'error'], ['loops-on-read', 'error']]);
    expect(findings[1]?.message).toContain('no status');
    expect(findings[2]?.message).toContain('did not finish within 50 ms');
  });
  it('starts the rules of checks begun in the same turn under one guard (one watchdog)', async () => {
    const fine = (id: string): Rule => makeRule(id, () => ({ status: 'pass', messageId: 'ok' }));
    const calls = vi.spyOn(vm.Script.prototype, 'runInContext');
    try {
      const [first, second, third] = await Promise.all([0, 1, 2].map((n) => runRules([fine(`a${n}`), fine(`b${n}`)], () => context(), { timeoutMs: 1000, plainOutcomes: () => true })));
      expect([first, second, third].map((findings) => findings?.map((f) => `${f.ruleId}:${f.status}`))).toEqual([['a0:pass', 'b0:pass'], ['a1:pass', 'b1:pass'], ['a2:pass', 'b2:pass']]);
      expect(calls).toHaveBeenCalledTimes(1);
    } finally {
      calls.mockRestore();
    }
  });
  it('blames only the looping rule of one check when checks share a guard, each with its own budget', async () => {
    const fine = (id: string): Rule => makeRule(id, () => ({ status: 'pass', messageId: 'ok' }));
    const looping = makeRule('loops', () => { for (;;) { /* stuck */ } });
    const slow = makeRule('slow', () => { const end = Date.now() + 80; while (Date.now() < end) { /* work */ } return { status: 'pass', messageId: 'ok' }; });
    const [stuck, patient] = await Promise.all([
      runRules([fine('a'), looping, fine('b')], () => context(), { timeoutMs: 40 }),
      // Started after the loop was cut off, under a guard of its own budget: 80 ms of work within 500 ms.
      runRules([fine('c'), slow], () => context(), { timeoutMs: 500 }),
    ]);
    expect(stuck?.map((f) => [f.ruleId, f.status])).toEqual([['a', 'pass'], ['loops', 'error'], ['b', 'pass']]);
    expect(stuck?.[1]?.message).toContain('did not finish within 40 ms');
    expect(patient?.map((f) => [f.ruleId, f.status])).toEqual([['c', 'pass'], ['slow', 'pass']]);
  });
  it('starts the rules although a test has replaced the global timers', async () => {
    vi.useFakeTimers();
    try {
      const findings = await runRule(makeRule('fine', () => ({ status: 'pass', messageId: 'ok' })), context(), { timeoutMs: 1000 });
      expect(findings.map((f) => f.status)).toEqual(['pass']);
    } finally {
      vi.useRealTimers();
    }
  });
  it('stops a rule whose promise never settles', async () => {
    const hanging = makeRule('hangs', () => new Promise(() => undefined));
    const [finding] = await runRule(hanging, context(), { timeoutMs: 30 });
    expect(finding?.status).toBe('error');
    expect(finding?.message).toContain('did not finish');
  });
  it('rejects an unknown message id, an error status and an empty result', async () => {
    const unknownId = makeRule('unknown-id', () => ({ status: 'pass', messageId: 'nope' }));
    const errorStatus = makeRule('error-status', () => ({ status: 'error' as 'pass', messageId: 'ok' }));
    const empty = makeRule('empty', () => []);
    for (const rule of [unknownId, errorStatus, empty]) {
      const [finding] = await runRule(rule, context(), { timeoutMs: 1000 });
      expect(finding?.status, rule.meta.id).toBe('error');
    }
  });
  it('reports n/a for a rule that does not apply to the solution types', async () => {
    const dataOnly = makeRule('data-only', () => ({ status: 'fail', messageId: 'bad' }), ['data']);
    const [finding] = await runRule(dataOnly, context(), { timeoutMs: 1000 });
    expect(finding?.status).toBe('n/a');
    expect(finding?.message).toContain('applies to data');
  });
  it('attaches remediation only to fail and gap, and the docs link always', async () => {
    const mixed = makeRule('mixed', () => [{ status: 'pass', messageId: 'ok' }, { status: 'gap', messageId: 'bad' }]);
    const findings = await runRule(mixed, context(), { timeoutMs: 1000 });
    expect(findings.map((f) => f.remediation)).toEqual([undefined, 'fix it']);
    expect(findings.every((f) => f.docsUrl === 'https://example.org')).toBe(true);
  });
  it('gives rules a frozen context: a rule cannot change what the next rule sees', async () => {
    const mutating = makeRule('mutates', (ctx) => { (ctx.facts.licenseFiles as string[]).push('x'); return { status: 'pass', messageId: 'ok' }; });
    const ctx = context({ LICENSE: 'MIT' });
    const [finding] = await runRule(mutating, ctx, { timeoutMs: 1000 });
    expect(finding?.status).toBe('error');
    expect(ctx.facts.licenseFiles).toEqual(['LICENSE']);
  });
});

describe('defineRule', () => {
  it('rejects malformed metadata with every problem named', () => {
    expect(() => defineRule({ meta: { id: 'Bad Id' } as never, check: () => [] })).toThrow(/meta.id.*meta.alias.*meta.indicator/s);
  });
});

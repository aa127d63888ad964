/**
 * Fuzz: garbage outcomes from a rule (issue 10). Whatever a rule returns —
 * any value at all, or a well-formed outcome with one field made hostile
 * (a throwing getter, a proxy, a cycle, a value the schema refuses) — the
 * report validates against schema/report.schema.json and its verdicts follow
 * from its findings; a malformed outcome is exactly one `error` finding for
 * its rule. Seeded and bounded (test/fuzz/support.ts).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Rule } from '../../src/rule-api.js';
import { checkSnapshot } from '../../src/engine/check.js';
import { createMemorySnapshot } from '../../src/snapshot/memory.js';
import { parseDeclaration } from '../../src/declaration/load.js';
import { validateReport, reportInconsistencies } from '../../src/reporters/schema.js';
import { render } from '../../src/reporters/index.js';
import { describeRules } from '../../src/explain.js';
import { hostileRule } from '../hostile-support.js';
import { fuzzParameters, fuzzTimeoutMs } from './support.js';

const snapshot = createMemorySnapshot({ 'README.md': '# x\n', 'dpg.yml': 'name: x\n' });
const declaration = parseDeclaration('name: x\ntypes: [software]\n', 'dpg.yml');
const fine = hostileRule('fine', () => ({ status: 'pass', messageId: 'ok' }));

async function reportFor(outcome: () => unknown) {
  const rule = hostileRule('garbage', outcome as Rule['check']);
  const report = await checkSnapshot({ snapshot, declaration, rules: [rule, fine], fallbackName: 'x' });
  // A report goes through JSON to every consumer; JSON.stringify itself must not throw.
  const json = JSON.parse(JSON.stringify(report)) as typeof report;
  expect(validateReport(json)).toEqual([]);
  expect(reportInconsistencies(json)).toEqual([]);
  expect(json.findings.filter((f) => f.ruleId === 'hostile/fine').map((f) => f.status)).toEqual(['pass']);
  return json;
}

/** Values no field of an outcome should hold, including ones that run code when read. */
function hostileValue(): fc.Arbitrary<() => unknown> {
  return fc.oneof(
    fc.anything().map((value) => () => value),
    fc.constantFrom<() => unknown>(
      () => null, () => 42, () => -1, () => 0, () => 1.5, () => Number.NaN, () => Infinity, () => '', () => Symbol('s'), () => 10n,
      () => () => 'a function',
      () => { const cycle: Record<string, unknown> = {}; cycle.self = cycle; return cycle; },
      () => { const list: unknown[] = []; list.push(list); return list; },
      () => ({ toString() { throw new Error('toString'); }, valueOf() { throw new Error('valueOf'); } }),
      () => Object.defineProperty({}, 'kind', { get() { throw new Error('getter'); }, enumerable: true }),
      () => new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } }),
      () => { const { proxy, revoke } = Proxy.revocable([], {}); revoke(); return proxy; },
      () => Object.create(null),
      () => new Array(3),
      () => [{ kind: 'file', path: 'README.md', line: -1 }],
      () => [{ kind: 'telepathy' }],
      () => [null], () => [42],
    ),
  );
}

const evidenceItem = fc.oneof(
  fc.record({ kind: fc.constant('file'), path: fc.string({ minLength: 1 }), line: fc.integer({ min: 1, max: 10_000 }) }, { requiredKeys: ['kind', 'path'] }),
  fc.record({ kind: fc.constant('url'), url: fc.webUrl() }),
  fc.record({ kind: fc.constant('note'), text: fc.string() }),
  fc.record({ kind: fc.constant('declaration'), path: fc.constant('dpg.yml'), key: fc.string(), column: fc.integer({ min: 1, max: 200 }) }, { requiredKeys: ['kind', 'path', 'key'] }),
  fc.record({ kind: fc.constant('host'), key: fc.string({ minLength: 1 }), value: fc.string() }, { requiredKeys: ['kind', 'key'] }),
);
const validOutcome = fc.record({
  status: fc.constantFrom('pass', 'fail', 'gap', 'n/a'),
  messageId: fc.constantFrom('ok', 'bad'),
  data: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer())),
  evidence: fc.array(evidenceItem, { maxLength: 4 }),
}, { requiredKeys: ['status', 'messageId'] });

/** A well-formed outcome with exactly one field (or one evidence item) replaced by a hostile value or a getter that throws. */
const corruptedOutcome = fc.tuple(validOutcome, fc.constantFrom('status', 'messageId', 'data', 'evidence', 'evidence item', 'data value', 'getter'), hostileValue())
  .map(([outcome, where, make]) => () => {
    const copy: Record<string, unknown> = { ...outcome, evidence: [...(outcome.evidence ?? [])] };
    const value = make();
    switch (where) {
      case 'evidence item': (copy.evidence as unknown[]).push(value); break;
      case 'data value': copy.data = { ...(outcome.data ?? {}), what: value }; break;
      case 'getter': Object.defineProperty(copy, 'evidence', { get() { throw new Error('getter says no'); }, enumerable: true }); break;
      default: copy[where] = value;
    }
    return copy;
  });

const options = { rules: describeRules([]), color: false, quiet: false, verbose: true, failOn: 'fail' as const, sarifAll: true, pathPrefix: '' };

describe('fuzz: garbage rule outcomes', () => {
  it('any value returned by a rule gives a valid report; the rule is one error unless the value is a well-formed outcome', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(hostileValue(), fc.array(hostileValue(), { maxLength: 3 }).map((makes) => () => makes.map((make) => make()))), async (make) => {
      const report = await reportFor(make);
      const mine = report.findings.filter((f) => f.ruleId === 'hostile/garbage');
      expect(mine.length).toBeGreaterThan(0);
      if (mine.some((f) => f.status === 'error')) expect(mine).toHaveLength(1);
    }), fuzzParameters(150));
  }, fuzzTimeoutMs());

  it('a well-formed outcome with one hostile field is exactly one error finding for its rule, and every format renders it', async () => {
    await fc.assert(fc.asyncProperty(corruptedOutcome, fc.boolean(), async (make, asPromise) => {
      const report = await reportFor(asPromise ? () => Promise.resolve().then(make) : make);
      const mine = report.findings.filter((f) => f.ruleId === 'hostile/garbage');
      // A corruption may happen to be harmless (an extra string in data, `undefined` evidence): then no error at all.
      if (mine.some((f) => f.status === 'error')) expect(mine.map((f) => f.status)).toEqual(['error']);
      for (const format of ['text', 'markdown', 'sarif', 'junit', 'html'] as const) expect(render(report, format, options).length).toBeGreaterThan(0);
    }), fuzzParameters(150));
  }, fuzzTimeoutMs());

  it('a corruption the schema refuses is never a finding of its own', async () => {
    await fc.assert(fc.asyncProperty(validOutcome, fc.constantFrom<[string, unknown]>(['line', -1], ['line', 0], ['line', 2.5], ['kind', 'telepathy'], ['path', ''], ['extra', 1]), async (outcome, [key, value]) => {
      const evidence = [{ kind: 'file', path: 'README.md', [key]: value }];
      const report = await reportFor(() => ({ ...outcome, evidence }));
      expect(report.findings.filter((f) => f.ruleId === 'hostile/garbage').map((f) => f.status)).toEqual(['error']);
    }), fuzzParameters(200));
  }, fuzzTimeoutMs());
});

import { describe, expect, it } from 'vitest';
import { computeFacts } from '../src/engine/facts.js';
import { makeDeclarationView } from '../src/declaration/load.js';
import { createMemorySnapshot } from '../src/snapshot/memory.js';
import type { Snapshot } from '../src/snapshot/types.js';
import { readPlan, DRY_RUN_MAX_FILES_PER_RULE } from '../src/engine/read-plan.js';
import { DEFAULT_CONFIG } from '../src/engine/config.js';
import { defineRule, type Rule } from '../src/rule-api.js';
import APPROVED from '../rules/2-open-licensing/approved-licenses.json' with { type: 'json' };
import { APPROVED_LICENSES } from '../rules/lib/licensing.js';

/** A snapshot that counts the reads of each path. */
function counting(files: Record<string, string>): { snapshot: Snapshot; reads: Map<string, number> } {
  const inner = createMemorySnapshot(files);
  const reads = new Map<string, number>();
  return { reads, snapshot: { ...inner, read: (p) => { reads.set(p, (reads.get(p) ?? 0) + 1); return inner.read(p); } } };
}

const FILES = {
  'package.json': '{ "name": "x", "dependencies": { "express": "^4.0.0" }, "devDependencies": { "vitest": "^1.0.0" } }',
  'test/fixtures/app/package.json': '{ "name": "fixture", "dependencies": { "mongodb": "^6.0.0" } }',
  'src/index.js': 'export {};\n',
};

describe('facts: dependencies', () => {
  it('lists the manifests with kinds and path classes, reading none until asked', () => {
    const { snapshot, reads } = counting(FILES);
    const facts = computeFacts(snapshot, makeDeclarationView(undefined));
    const before = reads.get('test/fixtures/app/package.json') ?? 0;
    expect(facts.dependencies.manifests.map((m) => [m.path, m.kind, m.pathClass])).toEqual([
      ['package.json', 'package.json', 'own'],
      ['test/fixtures/app/package.json', 'package.json', 'test'],
    ]);
    expect(reads.get('test/fixtures/app/package.json') ?? 0).toBe(before);
  });

  it('parses each manifest once per candidate, with scopes, and freezes it', () => {
    const { snapshot, reads } = counting(FILES);
    const facts = computeFacts(snapshot, makeDeclarationView(undefined));
    const manifest = facts.dependencies.manifests[1];
    const first = manifest?.parsed;
    expect(first?.dependencies.map((d) => [d.name, d.scope])).toEqual([['mongodb', 'runtime']]);
    expect(facts.dependencies.manifests[1]?.parsed).toBe(first);
    expect(reads.get('test/fixtures/app/package.json')).toBe(1);
    expect(Object.isFrozen(first?.dependencies[0])).toBe(true);
  });
});

describe('facts: judgeLicense', () => {
  it('judges an expression once per kind and table, the same frozen answer for every rule', () => {
    const facts = computeFacts(createMemorySnapshot(FILES), makeDeclarationView(undefined));
    const table = { ...APPROVED, osiApproved: [] };
    const judgement = facts.judgeLicense('MIT', 'software', table);
    expect(judgement.verdict).toBe('approved');
    expect(facts.judgeLicense('MIT', 'software', table)).toBe(judgement);
    expect(facts.judgeLicense('MIT', 'data', table)).not.toBe(judgement);
    expect(Object.isFrozen(judgement)).toBe(true);
  });
  it('shares the judgements of a frozen table between checks, and keeps those of a table that can change to one check', () => {
    const facts = (): ReturnType<typeof computeFacts> => computeFacts(createMemorySnapshot(FILES), makeDeclarationView(undefined));
    const [first, second] = [facts(), facts()];
    // The built-ins' table (the DPGA's list), frozen with its lists: what one check judged, the next one is given.
    expect(Object.isFrozen(APPROVED_LICENSES) && Object.isFrozen(APPROVED_LICENSES.software)).toBe(true);
    expect(second.judgeLicense('Apache-2.0', 'software', APPROVED_LICENSES)).toBe(first.judgeLicense('Apache-2.0', 'software', APPROVED_LICENSES));
    const mutable = { ...APPROVED, osiApproved: [] };
    const before = first.judgeLicense('EUPL-1.2', 'software', mutable);
    expect(before.verdict).toBe('approved');
    mutable.software = mutable.software.filter((id) => id !== 'EUPL-1.2');
    // A list that changed between checks is judged again: the later check sees the table as it is.
    expect(second.judgeLicense('EUPL-1.2', 'software', mutable).verdict).toBe('not-approved');
    // A frozen table whose lists can still change is judged per check too.
    const shallow = Object.freeze({ ...APPROVED, osiApproved: [] as string[] });
    expect(second.judgeLicense('MIT', 'software', shallow)).not.toBe(first.judgeLicense('MIT', 'software', shallow));
  });
});

describe('facts: the read plan', () => {
  /** A rule reading the parsed dependencies of the first `count` manifests, as the dependency rules do. */
  const reader = (id: string, count: number): Rule => defineRule({
    meta: {
      id, alias: id.replace('/', '-'), indicator: '4', level: 'advice', title: 'Reads manifests', appliesTo: 'all', standardVersion: '1.1.7',
      motivation: 'test', messages: { done: 'done' }, remediation: 'none', docsUrl: 'https://example.org/',
    },
    check(context) {
      for (const manifest of context.facts.dependencies.manifests.slice(0, count)) void manifest.parsed;
      return { status: 'pass', messageId: 'done' };
    },
  });
  // requirements.txt: a manifest the engine's own licence facts never read.
  const paths = Array.from({ length: DRY_RUN_MAX_FILES_PER_RULE + 20 }, (_, i) => `modules/m${i}/requirements.txt`);

  it('counts a rule\'s reads through the dependency facts as that rule\'s, under the per-rule cap', async () => {
    const few = await readPlan([reader('test/few', 3)], DEFAULT_CONFIG).probe?.(paths);
    expect(new Set(few)).toEqual(new Set(paths.slice(0, 3)));
    // Past the cap a rule is a scanner: what it reads is not fetched (it would be, had the engine read it for the rule).
    const all = await readPlan([reader('test/all', paths.length)], DEFAULT_CONFIG).probe?.(paths);
    expect(all).toEqual([]);
  });
});

/**
 * RuleTester: vitest-backed test cases for one rule, for built-in rules and
 * rule packs alike. Strict on purpose (as ESLint's): a case that expects
 * nothing, names a message id the rule does not have, or says "valid" while
 * expecting a fail is rejected before it runs, so sloppy tests cannot pass.
 *
 *   RuleTester.run(myRule, { valid: [...], invalid: [...] });
 */
import { describe, it, expect } from 'vitest';
import { stringify } from 'yaml';
import { validateRuleMeta, type Rule } from '../rule-api.js';
import type { Finding, SolutionType, SourceInfo, Status } from '../model.js';
import type { Declaration } from '../declaration/types.js';
import type { HostMetadata, Snapshot } from '../snapshot/types.js';
import { createMemorySnapshot } from '../snapshot/memory.js';
import { createLocalSnapshot } from '../snapshot/local.js';
import { parseDeclaration, makeDeclarationView, findDeclaration, readDeclarationFile } from '../declaration/load.js';
import { computeFacts } from '../engine/facts.js';
import { createRuleContext } from '../engine/context.js';
import { runRule, DEFAULT_RULE_TIMEOUT_MS } from '../engine/runner.js';
import path from 'node:path';

export interface ExpectedFinding {
  status: Exclude<Status, 'error'>;
  messageId: string;
  /** When given, some evidence item must point at this file or declaration key. */
  evidence?: string;
  /** When given, the finding's message must contain this text or match this pattern. */
  message?: string | RegExp;
}

export interface RuleTestCase {
  name: string;
  /** An in-memory file tree: path → text. */
  files?: Readonly<Record<string, string>>;
  /** Or a fixture folder (absolute, or relative to the working directory). */
  fixture?: string;
  /** The declaration as an object; it must be schema-valid. `null` means "no declaration". Omit to use the tree's own. */
  declaration?: Declaration | null;
  /** The `--type` override. */
  types?: SolutionType[];
  options?: Readonly<Record<string, unknown>>;
  host?: HostMetadata;
  /** Where the in-memory tree comes from (default: a local source); `declaration-only` stands for a registry entry. */
  source?: SourceInfo;
  /** What the rule must report, in order. Required for invalid cases. */
  expect?: ExpectedFinding[];
}

export interface RuleTestSuite { valid: RuleTestCase[]; invalid: RuleTestCase[] }

/** Problems that make a suite sloppy; empty when it is fit to run. */
export function suiteProblems(rule: Rule, suite: RuleTestSuite): string[] {
  const problems = validateRuleMeta(rule).map((p) => `rule: ${p}`);
  const names = new Set<string>();
  const check = (c: RuleTestCase, kind: 'valid' | 'invalid'): void => {
    const where = `${kind} case ${JSON.stringify(c.name ?? '(unnamed)')}`;
    if (typeof c.name !== 'string' || c.name.trim() === '') problems.push(`${where}: needs a name`);
    else if (names.has(c.name)) problems.push(`${where}: duplicate name`);
    names.add(c.name);
    if (c.files && c.fixture) problems.push(`${where}: give files or fixture, not both`);
    const expected = c.expect ?? [];
    if (kind === 'invalid' && expected.length === 0) problems.push(`${where}: an invalid case must list the findings it expects`);
    if (kind === 'invalid' && expected.length > 0 && !expected.some((e) => e.status === 'fail' || e.status === 'gap')) problems.push(`${where}: expects no fail or gap, so it is a valid case`);
    if (kind === 'valid' && expected.some((e) => e.status === 'fail' || e.status === 'gap')) problems.push(`${where}: expects a fail or gap, so it is an invalid case`);
    for (const e of expected) {
      if (!Object.hasOwn(rule.meta?.messages ?? {}, e.messageId)) problems.push(`${where}: unknown message id ${JSON.stringify(e.messageId)}`);
    }
    if (c.declaration) {
      const parsed = parseDeclaration(stringify(c.declaration), 'dpg.yml');
      if (!parsed.valid) problems.push(`${where}: its declaration is not schema-valid (${parsed.errors.map((e) => `${e.key}: ${e.message}`).join('; ')})`);
    }
  };
  suite.valid.forEach((c) => check(c, 'valid'));
  suite.invalid.forEach((c) => check(c, 'invalid'));
  if (suite.valid.length === 0) problems.push('a suite needs at least one valid case');
  if (suite.invalid.length === 0) problems.push('a suite needs at least one invalid case');
  return problems;
}

/** Runs one case and returns the rule's findings. */
export async function runRuleCase(rule: Rule, c: RuleTestCase): Promise<Finding[]> {
  let snapshot: Snapshot;
  let declarationFile: string | undefined;
  if (c.fixture) {
    const root = path.resolve(c.fixture);
    snapshot = await createLocalSnapshot(root);
    const found = findDeclaration((p) => snapshot.has(p));
    declarationFile = found;
    if (found && c.declaration === undefined) {
      const view = makeDeclarationView(readDeclarationFile(path.join(root, found), found));
      return runWith(rule, snapshot, view, c);
    }
  } else {
    snapshot = createMemorySnapshot(c.files ?? {}, { ...(c.host ? { host: c.host } : {}), ...(c.source ? { source: c.source } : {}) });
    if (c.declaration === undefined && c.files) declarationFile = findDeclaration((p) => snapshot.has(p));
  }
  if (c.declaration !== undefined) {
    const view = makeDeclarationView(c.declaration === null ? undefined : parseDeclaration(stringify(c.declaration), 'dpg.yml'));
    return runWith(rule, snapshot, view, c);
  }
  const text = declarationFile ? snapshot.read(declarationFile)?.text : undefined;
  return runWith(rule, snapshot, makeDeclarationView(text !== undefined && declarationFile ? parseDeclaration(text, declarationFile) : undefined), c);
}

async function runWith(rule: Rule, snapshot: Snapshot, view: ReturnType<typeof makeDeclarationView>, c: RuleTestCase): Promise<Finding[]> {
  const facts = computeFacts(snapshot, view, c.types);
  return runRule(rule, createRuleContext(snapshot, view, facts, c.options ?? {}), { timeoutMs: DEFAULT_RULE_TIMEOUT_MS });
}

function summarise(findings: Finding[]): string {
  return findings.map((f) => `${f.status}:${f.messageId ?? '-'} ${f.message}`).join('\n  ');
}

export const RuleTester = {
  run(rule: Rule, suite: RuleTestSuite): void {
    const problems = suiteProblems(rule, suite);
    describe(`rule ${rule.meta?.id ?? '(invalid)'}`, () => {
      it('has a well-formed test suite', () => {
        expect(problems, problems.join('\n')).toEqual([]);
      });
      if (problems.length > 0) return;
      for (const c of suite.valid) {
        it(`valid: ${c.name}`, async () => {
          const findings = await runRuleCase(rule, c);
          const bad = findings.filter((f) => f.status !== 'pass' && f.status !== 'n/a');
          expect(bad, `expected only pass or n/a, got:\n  ${summarise(findings)}`).toEqual([]);
          if (c.expect) expectFindings(findings, c.expect);
        });
      }
      for (const c of suite.invalid) {
        it(`invalid: ${c.name}`, async () => {
          expectFindings(await runRuleCase(rule, c), c.expect ?? []);
        });
      }
    });
  },
};

function expectFindings(findings: Finding[], expected: ExpectedFinding[]): void {
  const got = findings.map((f) => ({ status: f.status, messageId: f.messageId }));
  const want = expected.map((e) => ({ status: e.status, messageId: e.messageId }));
  expect(got, `findings:\n  ${summarise(findings)}`).toEqual(want);
  expected.forEach((e, i) => {
    const message = findings[i]?.message ?? '';
    if (typeof e.message === 'string') expect(message, `message of finding ${i}`).toContain(e.message);
    else if (e.message instanceof RegExp) expect(message, `message of finding ${i}`).toMatch(e.message);
    if (!e.evidence) return;
    const evidence = findings[i]?.evidence ?? [];
    const points = evidence.map((ev) => (ev.kind === 'file' ? ev.path : ev.kind === 'declaration' ? ev.key : ev.kind === 'url' ? ev.url : ''));
    expect(points, `evidence of finding ${i}`).toContain(e.evidence);
  });
}

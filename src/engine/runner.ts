/**
 * Runs rules against one candidate's context and turns their outcomes into
 * findings. Each rule is isolated: a rule that throws, returns something
 * malformed or runs past its time budget becomes an `error` finding and the
 * other rules still run. Synchronous endless loops are cut off by running the
 * checks under a `vm` timeout; promises that never settle by a timer. A
 * rule's promise gets its handlers the moment it is returned, so one that
 * rejects while another rule is awaited is that rule's error, never an
 * unhandled rejection that ends the process. An outcome is rule code too
 * (getters, proxies, cycles): it is read under the same guard, checked
 * against what the report schema allows and copied into plain data.
 *
 * A `vm` guard costs a watchdog per call (a thread Node starts and joins:
 * ~0.35 ms on a two-core machine), which a batch of hundreds of candidates
 * times dozens of rules would feel; so the synchronous parts of all rules run
 * under one guard, and only when it fires is the rule it interrupted judged
 * (and the guard restarted after it). The rules of checks that start them in
 * the same turn of the event loop (a batch checks several candidates at once)
 * share that guard too. The outcomes of the built-in rules are plain data,
 * read without a guard (`plainOutcomes`).
 */
import { setImmediate } from 'node:timers';
import vm from 'node:vm';
import { formatMessage, type Rule, type RuleContext, type RuleOutcome } from '../rule-api.js';
import { STATUSES, type Evidence, type Finding, type SolutionType } from '../model.js';
import { createPackScope, runInPackScope, type PackScope } from './pack-guard.js';

export interface RunOptions {
  /** Milliseconds a rule may take before it is reported as `error`. */
  timeoutMs: number;
  /**
   * Rules whose outcomes are plain data that dpg-check's own code made (the built-ins): they are read without a
   * `vm` guard, which costs a watchdog thread per call, a quarter of a registry batch's time (issue 13). Any
   * other rule's outcome may be a proxy or have getters, and is read under the guard.
   */
  plainOutcomes?: (rule: Rule) => boolean;
}

export const DEFAULT_RULE_TIMEOUT_MS = 5000;

/** One `vm` context reused for every guarded call: creating contexts is costly. */
const guardContext = vm.createContext({ __call: (): unknown => undefined });
const guardScript = new vm.Script('__call()');

function callWithTimeout(fn: () => unknown, timeoutMs: number): unknown {
  (guardContext as { __call: () => unknown }).__call = fn;
  try {
    // No breakOnSigint: Ctrl-C must stop dpg-check, not become a rule's error finding.
    return guardScript.runInContext(guardContext, { timeout: timeoutMs });
  } finally {
    (guardContext as { __call: () => unknown }).__call = () => undefined;
  }
}

function isGuardTimeout(error: unknown): boolean {
  return Boolean(error && typeof error === 'object' && (error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT');
}

class RuleTimeout extends Error {}

/** A rule's promise, with its outcome or failure already caught: a rejection is never left unhandled while other rules are awaited. */
type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

function settle(thenable: PromiseLike<unknown>): Promise<Settled> {
  // Promise.resolve adopts any thenable (a promise of another realm, a hand-made one) and never throws.
  return Promise.resolve(thenable).then((value) => ({ ok: true, value }), (error: unknown) => ({ ok: false, error }));
}

async function settleWithin(settled: Promise<Settled>, timeoutMs: number): Promise<Settled> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: new RuleTimeout(`did not finish within ${timeoutMs} ms`) }), timeoutMs);
  });
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The `then` of a thenable, read once (a getter may throw: the caller is guarded). */
function thenOf(value: unknown): PromiseLike<unknown> | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  return typeof (value as { then?: unknown }).then === 'function' ? (value as PromiseLike<unknown>) : undefined;
}

export function appliesTo(rule: Rule, types: readonly SolutionType[]): boolean {
  return rule.meta.appliesTo === 'all' || rule.meta.appliesTo.some((t) => types.includes(t));
}

/** Runs one rule and returns its findings; never throws. */
export async function runRule(rule: Rule, context: RuleContext, options: RunOptions): Promise<Finding[]> {
  return runRules([rule], () => context, options);
}

type Started =
  | { kind: 'not-applicable' }
  | { kind: 'returned'; value: unknown; scope: PackScope }
  | { kind: 'pending'; settled: Promise<Settled>; startedAt: number; scope: PackScope }
  | { kind: 'failed'; error: unknown; scope?: PackScope };

type Guarded<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Calls `step(i)` for every index, one after another under a shared guard.
 * When the guard fires, the step it interrupted is guilty only if it had the
 * guard to itself (it was the first to start under it); otherwise the guard
 * restarts at that step with a fresh budget. Steps are pure (rules are), so
 * running one again is harmless.
 */
function guardedEach<T>(count: number, step: (index: number) => T, timeoutMs: number | ((index: number) => number)): Guarded<T>[] {
  const results: Guarded<T>[] = new Array(count);
  let next = 0;
  while (next < count) {
    const first = next;
    let current = first;
    try {
      callWithTimeout(() => {
        for (; current < count; current++) {
          try {
            results[current] = { ok: true, value: step(current) };
          } catch (error) {
            results[current] = { ok: false, error };
          }
        }
      }, typeof timeoutMs === 'number' ? timeoutMs : timeoutMs(first));
      next = count;
    } catch (error) {
      if (current >= count) break; // the guard fired just as the last step had returned
      if (isGuardTimeout(error) && current !== first) {
        next = current; // an innocent step was running when a shared budget ran out: give it its own
      } else {
        results[current] = { ok: false, error };
        next = current + 1;
      }
    }
  }
  return results;
}

/** Steps waiting for the next shared guard, with the budget of the check that asked for each. */
interface GuardRequest { count: number; step: (index: number) => unknown; timeoutMs: number; resolve: (results: Guarded<unknown>[]) => void }
let waiting: GuardRequest[] = [];

/**
 * `guardedEach`, shared: the steps of every call made in this turn of the event loop run under one guard, once
 * the turn's callbacks are done. In an in-process registry batch, four candidates at a time, that is a quarter
 * of the watchdogs: 2.79 s → 2.24 s for 714 candidates (paired medians of 5). A guard that fires is judged
 * as ever: an innocent step gets a fresh budget, its own check's. `setImmediate` is node:timers' own, so that a
 * test's fake timers (which replace the global) cannot leave the rules unstarted.
 */
function guardedTogether<T>(count: number, step: (index: number) => T, timeoutMs: number): Promise<Guarded<T>[]> {
  return new Promise((resolve) => {
    waiting.push({ count, step, timeoutMs, resolve: resolve as (results: Guarded<unknown>[]) => void });
    if (waiting.length === 1) setImmediate(runWaiting);
  });
}

function runWaiting(): void {
  const requests = waiting;
  waiting = [];
  const owner: GuardRequest[] = [];
  const local: number[] = [];
  for (const request of requests) {
    for (let i = 0; i < request.count; i++) {
      owner.push(request);
      local.push(i);
    }
  }
  const results = guardedEach(owner.length, (k) => (owner[k] as GuardRequest).step(local[k] as number), (k) => (owner[k] as GuardRequest).timeoutMs);
  let at = 0;
  for (const request of requests) {
    request.resolve(results.slice(at, at + request.count));
    at += request.count;
  }
}

/** Starts every rule's check: the synchronous parts run under shared guards, each in its own scope (src/engine/pack-guard.ts). */
async function startAll(rules: readonly Rule[], contexts: readonly RuleContext[], timeoutMs: number): Promise<Started[]> {
  const scopes: (PackScope | undefined)[] = new Array(rules.length);
  const started = await guardedTogether(rules.length, (i): Started => {
    const rule = rules[i] as Rule;
    const context = contexts[i] as RuleContext;
    if (!appliesTo(rule, context.facts.types)) return { kind: 'not-applicable' };
    const startedAt = Date.now();
    type Begun = { error: unknown } | { pending: Promise<Settled> } | { returned: unknown };
    // Made before the check first runs, and kept when a shared guard runs it again: a check the guard cuts
    // off keeps its scope (and what its timers try later), which is closed with the others.
    const scope = (scopes[i] ??= createPackScope(`rule ${rule.meta.id}`));
    const value = runInPackScope(scope, (): Begun => {
      try {
        const returned = rule.check(context);
        const thenable = thenOf(returned);
        return thenable ? { pending: settle(thenable) } : { returned };
      } catch (error) {
        return { error };
      }
    });
    if ('error' in value) return { kind: 'failed', error: value.error, scope };
    if ('pending' in value) return { kind: 'pending', settled: value.pending, startedAt, scope };
    return { kind: 'returned', value: value.returned, scope };
  }, timeoutMs);
  return started.map((result, i) => (result.ok ? result.value : { kind: 'failed', error: result.error, ...(scopes[i] ? { scope: scopes[i] } : {}) }));
}

/** Runs every rule in order; never throws. Rules are independent, so order only fixes the report's order. */
export async function runRules(rules: readonly Rule[], makeContext: (rule: Rule) => RuleContext, options: RunOptions): Promise<Finding[]> {
  const contexts = rules.map((rule) => makeContext(rule));
  const started = await startAll(rules, contexts, options.timeoutMs);
  // Every promise already has its handlers (settle), so awaiting them in order loses no rejection.
  const results: (Settled | 'not-applicable')[] = [];
  for (const start of started) {
    if (start.kind === 'not-applicable') results.push('not-applicable');
    else if (start.kind === 'failed') results.push({ ok: false, error: start.error });
    else if (start.kind === 'returned') results.push({ ok: true, value: start.value });
    else results.push(await settleWithin(start.settled, Math.max(1, options.timeoutMs - (Date.now() - start.startedAt))));
  }
  for (const start of started) {
    if (start.kind !== 'not-applicable' && start.scope) start.scope.active = false;
  }
  const convert = (i: number): Finding[] => {
    const rule = rules[i] as Rule;
    const result = results[i] as Settled | 'not-applicable';
    const start = started[i] as Started;
    if (result === 'not-applicable') {
      const types = (contexts[i] as RuleContext).facts.types;
      return [{ ...findingBase(rule), status: 'n/a', message: `Does not apply to ${types.join(', ')} (applies to ${[...rule.meta.appliesTo].join(', ')}).`, evidence: [] }];
    }
    const exitAttempt = start.kind !== 'not-applicable' ? start.scope?.attempts[0] : undefined;
    if (exitAttempt) return [engineError(rule, `it tried to end the process (${exitAttempt})`)];
    if (!result.ok) return [engineError(rule, describeFailure(result.error, options.timeoutMs))];
    return toFindings(rule, result.value);
  };
  // Reading an outcome runs rule code too (getters, proxies, toString): guarded like the checks, unless the rule's
  // outcomes are known to be plain data.
  const guarded = rules.map((rule, i) => i).filter((i) => !options.plainOutcomes?.(rules[i] as Rule));
  const read = guarded.length > 0 ? guardedEach(guarded.length, (n) => convert(guarded[n] as number), options.timeoutMs) : [];
  const readAt = new Map(guarded.map((i, n) => [i, read[n] as Guarded<Finding[]>]));
  return rules.flatMap((rule, i) => {
    const result = readAt.get(i) ?? unguarded(() => convert(i));
    return result.ok ? result.value : [engineError(rule, `its outcome cannot be read: ${describeFailure(result.error, options.timeoutMs).replace(/^the rule threw: /, '')}`)];
  });
}

/** A step run without the `vm` guard, its exception caught as the guard would. */
function unguarded<T>(step: () => T): Guarded<T> {
  try {
    return { ok: true, value: step() };
  } catch (error) {
    return { ok: false, error };
  }
}

function findingBase(rule: Rule): Pick<Finding, 'ruleId' | 'ruleAlias' | 'indicator' | 'level' | 'docsUrl'> {
  return { ruleId: rule.meta.id, ruleAlias: rule.meta.alias, indicator: rule.meta.indicator, level: levelOf(rule), docsUrl: rule.meta.docsUrl };
}

/** A rule's level; anything but an explicit `advice` counts as a requirement, so nothing slips past a verdict. */
function levelOf(rule: Rule): Finding['level'] {
  return rule.meta.level === 'advice' ? 'advice' : 'requirement';
}

/**
 * The findings of a rule's outcome(s). The outcome is rule code's value:
 * every field is read once, checked against what the report schema allows,
 * and copied into plain data, so nothing downstream (deduplication,
 * reporters, JSON) meets a getter, a proxy, a cycle or a value the schema
 * refuses. Anything else is one `error` finding for the rule.
 */
function toFindings(rule: Rule, result: unknown): Finding[] {
  const { meta } = rule;
  const outcomes: readonly unknown[] = Array.isArray(result) ? listOf(result) : [result];
  if (outcomes.length === 0) return [engineError(rule, 'the rule reported nothing (a rule must report at least one outcome, passes included)')];
  const findings: Finding[] = [];
  const level = levelOf(rule);
  for (let index = 0; index < outcomes.length; index++) {
    const read = readOutcome(rule, outcomes[index]);
    if (typeof read === 'string') return [engineError(rule, `${outcomes.length > 1 ? `outcome ${index}: ` : ''}${read}`)];
    // Written out key by key, in findingBase's order: a registry batch makes some 40,000 findings, and spreading
    // findingBase and a conditional object into each was a sixth of the batch's allocations (sampled, issue 13).
    const finding: Finding = {
      ruleId: meta.id, ruleAlias: meta.alias, indicator: meta.indicator, level, docsUrl: meta.docsUrl,
      status: read.status,
      messageId: read.messageId,
      message: formatMessage(meta.messages[read.messageId] as string, read.data),
      evidence: uniqueEvidence(read.evidence),
    };
    if (read.status === 'fail' || read.status === 'gap') finding.remediation = meta.remediation;
    findings.push(finding);
  }
  return findings;
}

/** A copy of an array's items, holes as `undefined` (read by index: a proxy's iterator is not trusted). */
function listOf(list: readonly unknown[]): unknown[] {
  const length = list.length;
  const items: unknown[] = [];
  for (let i = 0; i < length; i++) items.push(list[i]);
  return items;
}

interface ReadOutcome { status: RuleOutcome['status']; messageId: string; data: Record<string, string | number>; evidence: Evidence[] }

/** The outcome as plain data, or what is wrong with it. */
function readOutcome(rule: Rule, outcome: unknown): ReadOutcome | string {
  if (typeof outcome !== 'object' || outcome === null || Array.isArray(outcome)) return 'the rule returned something that is not an outcome object';
  const { status, messageId, data, evidence } = outcome as Record<string, unknown>;
  if (typeof status !== 'string' || !STATUSES.includes(status as never) || status === 'error') return `the rule returned an invalid status ${describeValue(status)}`;
  if (typeof messageId !== 'string' || !Object.hasOwn(rule.meta.messages, messageId)) return `the rule used an unknown message id ${describeValue(messageId)}`;
  const plainData: Record<string, string | number> = {};
  if (data !== undefined) {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'data must be an object of strings and numbers';
    for (const key of Object.keys(data)) {
      const value = (data as Record<string, unknown>)[key];
      if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) plainData[key] = value;
      else if (value !== undefined) return `data.${key} must be a string or a finite number (got ${describeValue(value)})`;
    }
  }
  const items: Evidence[] = [];
  if (evidence !== undefined) {
    if (!Array.isArray(evidence)) return 'evidence must be a list';
    const list = listOf(evidence);
    for (let i = 0; i < list.length; i++) {
      const copy = readEvidence(list[i]);
      if (typeof copy === 'string') return `evidence[${i}] ${copy}`;
      items.push(copy);
    }
  }
  return { status: status as RuleOutcome['status'], messageId, data: plainData, evidence: items };
}

/** The keys each kind of evidence may have (schema/report.schema.json), and what each must be. */
type FieldType = 'path' | 'text' | 'position';
const EVIDENCE_FIELDS: Readonly<Record<Evidence['kind'], Readonly<Record<string, { type: FieldType; required: boolean }>>>> = {
  file: { path: { type: 'path', required: true }, line: { type: 'position', required: false }, column: { type: 'position', required: false }, excerpt: { type: 'text', required: false } },
  declaration: { path: { type: 'path', required: true }, key: { type: 'text', required: true }, line: { type: 'position', required: false }, column: { type: 'position', required: false } },
  url: { url: { type: 'path', required: true } },
  host: { key: { type: 'path', required: true }, value: { type: 'text', required: false } },
  note: { text: { type: 'text', required: true } },
};

/** EVIDENCE_FIELDS' entries, made once rather than for every evidence item. */
const EVIDENCE_FIELD_LIST = Object.fromEntries(Object.entries(EVIDENCE_FIELDS).map(([kind, fields]) => [kind, Object.entries(fields)])) as Record<Evidence['kind'], [string, { type: FieldType; required: boolean }][]>;

function readEvidence(item: unknown): Evidence | string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return `is ${describeValue(item)}, not an evidence object`;
  const kind = (item as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !Object.hasOwn(EVIDENCE_FIELDS, kind)) return `has an unknown kind ${describeValue(kind)} (expected ${Object.keys(EVIDENCE_FIELDS).join(', ')})`;
  const fields = EVIDENCE_FIELDS[kind as Evidence['kind']];
  const copy: Record<string, string | number> = { kind };
  for (const key of Object.keys(item)) {
    if (key !== 'kind' && !Object.hasOwn(fields, key)) return `has an unknown key ${JSON.stringify(key)} for ${kind} evidence`;
  }
  for (const [key, field] of EVIDENCE_FIELD_LIST[kind as Evidence['kind']]) {
    const value = (item as Record<string, unknown>)[key];
    if (value === undefined) {
      if (field.required) return `(${kind}) needs ${key}`;
      continue;
    }
    const ok = field.type === 'position' ? Number.isSafeInteger(value) && (value as number) >= 1
      : typeof value === 'string' && (field.type === 'text' || value !== '');
    if (!ok) return `${key} must be ${field.type === 'position' ? 'a whole number from 1' : field.type === 'path' ? 'a non-empty string' : 'a string'} (got ${describeValue(value)})`;
    copy[key] = value as string | number;
  }
  return copy as unknown as Evidence;
}

/** A value in a message about it, without running any of its code. */
function describeValue(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'function') return 'a function';
  return Array.isArray(value) ? 'a list' : 'an object';
}

/** The same evidence twice says nothing more: keep the first of each. */
function uniqueEvidence(evidence: Evidence[]): Evidence[] {
  // Most findings have one piece of evidence or none: nothing to compare (the list is the outcome's fresh copy).
  if (evidence.length < 2) return evidence;
  const seen = new Set<string>();
  return evidence.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof RuleTimeout) return `the rule did not finish within ${timeoutMs} ms`;
  if (isGuardTimeout(error)) return `the rule did not finish within ${timeoutMs} ms`;
  return `the rule threw: ${thrownMessage(error).split('\n')[0]}`;
}

/** What a rule threw, in words; the thrown value is rule code and may throw again when read. */
function thrownMessage(error: unknown): string {
  try {
    if (error instanceof Error) {
      const message: unknown = error.message;
      return typeof message === 'string' ? message : describeValue(message);
    }
    return typeof error === 'object' && error !== null ? describeValue(error) : String(error);
  } catch {
    return 'a value that cannot be shown';
  }
}

function engineError(rule: Rule, why: string): Finding {
  return {
    ruleId: rule.meta.id,
    ruleAlias: rule.meta.alias,
    indicator: rule.meta.indicator,
    level: levelOf(rule),
    status: 'error',
    message: `Rule ${rule.meta.id} could not run: ${why}.`,
    evidence: [],
    remediation: 'This is a fault in the rule, not in the candidate: report it to the rule\'s authors. Other rules ran normally.',
    docsUrl: rule.meta.docsUrl,
  };
}

/**
 * Runs rules against one candidate's context and turns their outcomes into
 * findings. Each rule is isolated: a rule that throws, returns something
 * malformed or runs past its time budget becomes an `error` finding and the
 * other rules still run. Synchronous endless loops are cut off by running the
 * checks under a `vm` timeout; promises that never settle by a timer.
 *
 * A `vm` guard costs a watchdog per call (~0.1–0.2 ms), which a batch of
 * hundreds of candidates times dozens of rules would feel; so the synchronous
 * parts of all rules run under one guard, and only when it fires is the rule
 * it interrupted judged (and the guard restarted after it).
 */
import vm from 'node:vm';
import { formatMessage, type Rule, type RuleContext, type RuleOutcome, type CheckResult } from '../rule-api.js';
import { STATUSES, type Evidence, type Finding, type SolutionType } from '../model.js';

export interface RunOptions {
  /** Milliseconds a rule may take before it is reported as `error`. */
  timeoutMs: number;
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

async function settleWithin<T>(value: T | Promise<T>, timeoutMs: number): Promise<T> {
  if (!(value instanceof Promise)) return value;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RuleTimeout(`did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([value, timeout]);
  } finally {
    clearTimeout(timer);
  }
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
  | { kind: 'returned'; value: CheckResult | Promise<CheckResult>; startedAt: number }
  | { kind: 'failed'; error: unknown };

/**
 * Starts every rule's check: the synchronous parts run one after another under a
 * shared guard. When the guard fires, the rule it interrupted is guilty only if
 * it had the guard to itself (it was the first to start under it); otherwise the
 * guard restarts at that rule with a fresh budget. Rules are pure, so running a
 * rule again is harmless.
 */
function startAll(rules: readonly Rule[], contexts: readonly RuleContext[], timeoutMs: number): Started[] {
  const started: Started[] = new Array(rules.length);
  let next = 0;
  while (next < rules.length) {
    const first = next;
    let current = first;
    try {
      callWithTimeout(() => {
        for (; current < rules.length; current++) {
          const rule = rules[current] as Rule;
          const context = contexts[current] as RuleContext;
          if (!appliesTo(rule, context.facts.types)) {
            started[current] = { kind: 'not-applicable' };
            continue;
          }
          const startedAt = Date.now();
          try {
            started[current] = { kind: 'returned', value: rule.check(context), startedAt };
          } catch (error) {
            started[current] = { kind: 'failed', error };
          }
        }
      }, timeoutMs);
      next = rules.length;
    } catch (error) {
      if (current >= rules.length) break; // the guard fired just as the last rule had returned
      if (isGuardTimeout(error) && current !== first) {
        next = current; // an innocent rule was running when a shared budget ran out: give it its own
      } else {
        started[current] = { kind: 'failed', error };
        next = current + 1;
      }
    }
  }
  return started;
}

/** Runs every rule in order; never throws. Rules are independent, so order only fixes the report's order. */
export async function runRules(rules: readonly Rule[], makeContext: (rule: Rule) => RuleContext, options: RunOptions): Promise<Finding[]> {
  const contexts = rules.map((rule) => makeContext(rule));
  const started = startAll(rules, contexts, options.timeoutMs);
  const findings: Finding[] = [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as Rule;
    const start = started[i] as Started;
    if (start.kind === 'not-applicable') {
      const types = (contexts[i] as RuleContext).facts.types;
      findings.push({ ...findingBase(rule), status: 'n/a', message: `Does not apply to ${types.join(', ')} (applies to ${[...rule.meta.appliesTo].join(', ')}).`, evidence: [] });
      continue;
    }
    if (start.kind === 'failed') {
      findings.push(engineError(rule, describeFailure(start.error, options.timeoutMs)));
      continue;
    }
    let result: CheckResult;
    try {
      result = await settleWithin(start.value, Math.max(1, options.timeoutMs - (Date.now() - start.startedAt)));
    } catch (error) {
      findings.push(engineError(rule, describeFailure(error, options.timeoutMs)));
      continue;
    }
    findings.push(...toFindings(rule, result));
  }
  return findings;
}

function findingBase(rule: Rule): Pick<Finding, 'ruleId' | 'ruleAlias' | 'indicator' | 'level' | 'docsUrl'> {
  return { ruleId: rule.meta.id, ruleAlias: rule.meta.alias, indicator: rule.meta.indicator, level: levelOf(rule), docsUrl: rule.meta.docsUrl };
}

/** A rule's level; anything but an explicit `advice` counts as a requirement, so nothing slips past a verdict. */
function levelOf(rule: Rule): Finding['level'] {
  return rule.meta.level === 'advice' ? 'advice' : 'requirement';
}

function toFindings(rule: Rule, result: CheckResult): Finding[] {
  const { meta } = rule;
  const outcomes: readonly RuleOutcome[] = Array.isArray(result) ? result : [result as RuleOutcome];
  if (outcomes.length === 0) return [engineError(rule, 'the rule reported nothing (a rule must report at least one outcome, passes included)')];
  const findings: Finding[] = [];
  for (const outcome of outcomes) {
    const problem = outcomeProblem(rule, outcome);
    if (problem) return [engineError(rule, problem)];
    findings.push({
      ...findingBase(rule),
      status: outcome.status,
      messageId: outcome.messageId,
      message: formatMessage(meta.messages[outcome.messageId] as string, outcome.data),
      evidence: uniqueEvidence(outcome.evidence ?? []),
      ...(outcome.status === 'fail' || outcome.status === 'gap' ? { remediation: meta.remediation } : {}),
    });
  }
  return findings;
}

/** The same evidence twice says nothing more: keep the first of each. */
function uniqueEvidence(evidence: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function outcomeProblem(rule: Rule, outcome: unknown): string | undefined {
  if (typeof outcome !== 'object' || outcome === null) return 'the rule returned something that is not an outcome object';
  const { status, messageId } = outcome as Partial<RuleOutcome>;
  if (!STATUSES.includes(status as never) || (status as string) === 'error') return `the rule returned an invalid status ${JSON.stringify(status)}`;
  if (typeof messageId !== 'string' || !Object.hasOwn(rule.meta.messages, messageId)) return `the rule used an unknown message id ${JSON.stringify(messageId)}`;
  return undefined;
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof RuleTimeout) return `the rule did not finish within ${timeoutMs} ms`;
  if (isGuardTimeout(error)) return `the rule did not finish within ${timeoutMs} ms`;
  const message = error instanceof Error ? error.message : String(error);
  return `the rule threw: ${message.split('\n')[0]}`;
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

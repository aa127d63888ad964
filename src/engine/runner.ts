/**
 * Runs rules against one candidate's context and turns their outcomes into
 * findings. Each rule is isolated: a rule that throws, returns something
 * malformed or runs past its time budget becomes an `error` finding and the
 * other rules still run. Synchronous endless loops are cut off by running the
 * check under a `vm` timeout; promises that never settle by a timer.
 */
import vm from 'node:vm';
import { formatMessage, type Rule, type RuleContext, type RuleOutcome, type CheckResult } from '../rule-api.js';
import { STATUSES, type Evidence, type Finding, type SolutionType } from '../model.js';

export interface RunOptions {
  /** Milliseconds a rule may take before it is reported as `error`. */
  timeoutMs: number;
  /** Options per rule id, from the config file. */
  ruleOptions?: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

export const DEFAULT_RULE_TIMEOUT_MS = 5000;

/** One `vm` context reused for every guarded call: creating contexts is costly. */
const guardContext = vm.createContext({ __call: (): unknown => undefined });
const guardScript = new vm.Script('__call()');

function callWithTimeout(fn: () => unknown, timeoutMs: number): unknown {
  (guardContext as { __call: () => unknown }).__call = fn;
  try {
    return guardScript.runInContext(guardContext, { timeout: timeoutMs, breakOnSigint: true });
  } finally {
    (guardContext as { __call: () => unknown }).__call = () => undefined;
  }
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
  const { meta } = rule;
  const base = { ruleId: meta.id, ruleAlias: meta.alias, indicator: meta.indicator, docsUrl: meta.docsUrl };
  if (!appliesTo(rule, context.facts.types)) {
    return [{ ...base, status: 'n/a', message: `Does not apply to ${context.facts.types.join(', ')} (applies to ${[...meta.appliesTo].join(', ')}).`, evidence: [] }];
  }
  const started = Date.now();
  let result: CheckResult;
  try {
    const returned = callWithTimeout(() => rule.check(context), options.timeoutMs) as CheckResult | Promise<CheckResult>;
    const remaining = Math.max(1, options.timeoutMs - (Date.now() - started));
    result = await settleWithin(returned, remaining);
  } catch (error) {
    return [engineError(rule, describeFailure(error, options.timeoutMs))];
  }
  const outcomes: readonly RuleOutcome[] = Array.isArray(result) ? result : [result as RuleOutcome];
  if (outcomes.length === 0) return [engineError(rule, 'the rule reported nothing (a rule must report at least one outcome, passes included)')];
  const findings: Finding[] = [];
  for (const outcome of outcomes) {
    const problem = outcomeProblem(rule, outcome);
    if (problem) return [engineError(rule, problem)];
    findings.push({
      ...base,
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
  if (error && typeof error === 'object' && (error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return `the rule did not finish within ${timeoutMs} ms`;
  const message = error instanceof Error ? error.message : String(error);
  return `the rule threw: ${message.split('\n')[0]}`;
}

function engineError(rule: Rule, why: string): Finding {
  return {
    ruleId: rule.meta.id,
    ruleAlias: rule.meta.alias,
    indicator: rule.meta.indicator,
    status: 'error',
    message: `Rule ${rule.meta.id} could not run: ${why}.`,
    evidence: [],
    remediation: 'This is a fault in the rule, not in the candidate: report it to the rule\'s authors. Other rules ran normally.',
    docsUrl: rule.meta.docsUrl,
  };
}

/** Runs every rule in order. Rules are independent, so order only fixes the report's order. */
export async function runRules(rules: readonly Rule[], makeContext: (rule: Rule) => RuleContext, options: RunOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const rule of rules) findings.push(...(await runRule(rule, makeContext(rule), options)));
  return findings;
}

/**
 * dpg-9a-04 dependency-updates: the repository configures automated
 * dependency updates (Dependabot, Renovate…), supporting evidence for
 * indicator 9a: known vulnerabilities in dependencies get fixed when updates
 * arrive on their own. A configuration that updates nothing (Dependabot with
 * no `updates`, Renovate with `"enabled": false`) does not count.
 */
import { parse as parseYaml } from 'yaml';
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { fileEvidence, findLine, hasRepositoryFiles, isVendored, listOf, NOT_THE_PRODUCT, readText } from '../../src/helpers.js';
import table from './dependency-updates.json' with { type: 'json' };

const TOOLS = table.tools.map((t) => ({ name: t.name, files: new RegExp(t.files, 'i'), format: t.format }));
const WORKFLOWS = new RegExp(table.workflows, 'i');
const WORKFLOW_STEPS = new RegExp(table.workflowSteps, 'i');

export const dependencyUpdates = defineRuleDraft({
  meta: {
    id: 'dpg-9a-04',
    alias: 'dependency-updates',
    level: 'advice',
    policy: { fail: '—', gap: 'no dependency-update automation (advice)' },
    title: 'Dependency updates are automated',
    appliesTo: ['software', 'aimodel'],
    motivation: 'Most vulnerabilities reach a solution through its dependencies; automated update pull requests (Dependabot, Renovate) are how fixes arrive without waiting for someone to notice, which supports the security and integrity of the data the solution handles.',
    messages: {
      noRepository: 'There are no repository files to read (declaration only), so no dependency update automation could be checked.',
      noDependencies: 'No dependency manifest was found, so there are no dependencies to keep up to date.',
      configured: '{tool} keeps dependencies up to date: {detail} ({path}).',
      emptyDependabot: '{path} configures no updates (no `updates` entry with a `package-ecosystem`), so Dependabot opens no version-update pull requests: add an entry per package ecosystem.',
      disabled: '{path} turns Renovate off (`"enabled": false`): remove that line, or configure another update tool.',
      unreadable: '{path} could not be read as {format} ({problem}), so the automation it configures could not be checked.',
      missing: 'Dependencies are declared ({manifests}) but no update automation is configured (no .github/dependabot.yml, renovate.json or similar): add one so security fixes in dependencies arrive as pull requests.',
    },
    remediation: 'Add .github/dependabot.yml with an `updates` entry per package ecosystem (or a renovate.json), so that dependency updates and security fixes arrive as pull requests; review and merge them regularly.',
    reads: ['.github/dependabot.yml', 'renovate.json', '.renovaterc*', '.github/renovate.json*', '.gitlab/renovate.json*', 'package.json', '.pyup.yml', '.depfu.yml', '.scala-steward.conf', '.github/workflows/*.yml', '.gitlab-ci.yml'],
    tags: ['repository', 'security'],
  },
  check(context: RuleContext): RuleOutcome {
    const { snapshot } = context;
    if (!hasRepositoryFiles(snapshot)) return { status: 'n/a', messageId: 'noRepository' };
    // Every tool's file sits at the root or in a dot-folder: the rest of a large tree is never tested.
    const nearRoot = snapshot.paths.filter((p) => p.startsWith('.') || !p.includes('/'));
    let problem: RuleOutcome | undefined;
    for (const tool of TOOLS) {
      for (const path of nearRoot.filter((p) => tool.files.test(p))) {
        const text = readText(snapshot, path);
        if (text === undefined) continue;
        const outcome = judgeConfig(tool.name, tool.format, path, text);
        if (outcome.status === 'pass') return outcome;
        problem ??= outcome;
      }
    }
    const renovateKey = renovateInPackageJson(context);
    if (renovateKey) return renovateKey;
    for (const path of nearRoot.filter((p) => WORKFLOWS.test(p))) {
      const text = readText(snapshot, path);
      const step = text === undefined ? undefined : findLine(text, WORKFLOW_STEPS);
      if (step) return { status: 'pass', messageId: 'configured', data: { tool: 'Renovate', detail: 'run from a CI workflow', path }, evidence: [fileEvidence(path, step)] };
    }
    if (problem) return problem;
    // The candidate's own manifests: a vendored library's, a test fixture's or an example's are not its dependencies.
    const manifests = context.facts.dependencies.manifests.filter((m) => !isVendored(m.path) && !NOT_THE_PRODUCT.has(context.facts.paths.classOf(m.path)));
    if (manifests.length === 0) return { status: 'n/a', messageId: 'noDependencies' };
    const named = manifests.slice(0, 3).map((m) => m.path);
    if (manifests.length > 3) named.push(`${manifests.length - 3} more`);
    return { status: 'gap', messageId: 'missing', data: { manifests: listOf(named) }, evidence: manifests.slice(0, 3).map((m) => fileEvidence(m.path)) };
  },
});

function judgeConfig(tool: string, format: string, path: string, text: string): RuleOutcome {
  if (format === 'dependabot') {
    let data: unknown;
    try {
      data = parseYaml(text, { maxAliasCount: 100 });
    } catch (error) {
      return { status: 'gap', messageId: 'unreadable', data: { path, format: 'YAML', problem: firstLine(error) }, evidence: [fileEvidence(path)] };
    }
    const updates = typeof data === 'object' && data !== null ? (data as { updates?: unknown }).updates : undefined;
    const ecosystems = Array.isArray(updates) ? updates.map((u) => (typeof u === 'object' && u !== null ? (u as Record<string, unknown>)['package-ecosystem'] : undefined)).filter((e): e is string => typeof e === 'string') : [];
    if (ecosystems.length === 0) return { status: 'gap', messageId: 'emptyDependabot', data: { path }, evidence: [fileEvidence(path)] };
    const line = findLine(text, /package-ecosystem/);
    return { status: 'pass', messageId: 'configured', data: { tool, detail: `version updates for ${listOf([...new Set(ecosystems)])}`, path }, evidence: [fileEvidence(path, line)] };
  }
  if (format === 'renovate') {
    const disabled = findLine(text, /^\s{0,2}["']?enabled["']?\s*:\s*false/);
    let topLevelOff = false;
    try {
      topLevelOff = (JSON.parse(text) as { enabled?: unknown } | null)?.enabled === false;
    } catch {
      // JSON5 (comments, unquoted keys): only a first-level `enabled: false` line is taken as turning Renovate off.
      topLevelOff = disabled !== undefined;
    }
    if (topLevelOff) return { status: 'gap', messageId: 'disabled', data: { path }, evidence: [fileEvidence(path, disabled)] };
    return { status: 'pass', messageId: 'configured', data: { tool, detail: 'a Renovate configuration', path }, evidence: [fileEvidence(path)] };
  }
  return { status: 'pass', messageId: 'configured', data: { tool, detail: `a ${tool} configuration`, path }, evidence: [fileEvidence(path)] };
}

function renovateInPackageJson(context: RuleContext): RuleOutcome | undefined {
  const text = readText(context.snapshot, 'package.json');
  if (text === undefined) return undefined;
  try {
    const data = JSON.parse(text) as { renovate?: unknown };
    if (typeof data?.renovate !== 'object' || data.renovate === null) return undefined;
    if ((data.renovate as { enabled?: unknown }).enabled === false) return { status: 'gap', messageId: 'disabled', data: { path: 'package.json' }, evidence: [fileEvidence('package.json', findLine(text, /"renovate"\s*:/))] };
    return { status: 'pass', messageId: 'configured', data: { tool: 'Renovate', detail: 'the `renovate` key of package.json', path: 'package.json' }, evidence: [fileEvidence('package.json', findLine(text, /"renovate"\s*:/))] };
  } catch {
    return undefined;
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] as string;
}

/** Rule documentation from rule metadata: `dpg-check rules`, `dpg-check explain` and docs/rules.md. */
import type { Rule, RuleExample } from './rule-api.js';
import { ruleExamples } from './rule-examples.js';
import { formerIds } from './engine/rule-names.js';

/** A rule's tags and former ids in words (`tags host; former id dpg-2-91, deprecated`), or '' when it has neither. */
function namesText(rule: Rule, code: (name: string) => string): string {
  const tags = rule.meta.tags ?? [];
  const former = formerIds(rule.meta.id);
  return [
    ...(tags.length > 0 ? [`tag${tags.length === 1 ? '' : 's'} ${tags.map(code).join(', ')}`] : []),
    ...(former.length > 0 ? [`former id ${former.map(code).join(', ')} (deprecated, still accepted)`] : []),
  ].join('; ');
}

const appliesText = (rule: Rule): string => (rule.meta.appliesTo === 'all' ? 'all' : rule.meta.appliesTo.join(', '));

export function listRules(rules: readonly Rule[], format: 'text' | 'json'): string {
  if (format === 'json') {
    return `${JSON.stringify(rules.map((r) => ({ id: r.meta.id, alias: r.meta.alias, indicator: r.meta.indicator, level: r.meta.level, ...(r.meta.requirement ? { requirement: r.meta.requirement } : {}), appliesTo: r.meta.appliesTo, title: r.meta.title, standardVersion: r.meta.standardVersion, docsUrl: r.meta.docsUrl })), null, 2)}\n`;
  }
  const rows = rules.map((r) => [r.meta.id, r.meta.alias, r.meta.indicator, r.meta.level, appliesText(r), r.meta.title]);
  const header = ['ID', 'ALIAS', 'IND.', 'LEVEL', 'APPLIES TO', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

export function describeRule(rule: Rule, heading = ''): string {
  const m = rule.meta;
  const lines = [
    `${heading}${m.id} (${m.alias}): ${m.title}`,
    '',
    `Indicator:        ${m.indicator}`,
    `Level:            ${m.level === 'advice' ? 'advice (good practice the Standard does not require; never changes a verdict)' : 'requirement (its findings decide the verdict)'}`,
    ...(m.requirement ? [`Requirement:      "${m.requirement.quote}"`, `                  ${m.requirement.url}`] : []),
    `Applies to:       ${appliesText(rule)}`,
    `DPG Standard:     ${m.standardVersion}`,
    `Reads:            ${m.reads && m.reads.length > 0 ? m.reads.join(', ') : 'the declaration only'}`,
    ...(namesText(rule, (n) => n) ? [`Names:            ${namesText(rule, (n) => n)}`] : []),
    `Docs:             ${m.docsUrl}`,
    '',
    'Why:',
    `  ${m.motivation}`,
    '',
    'Messages:',
    ...Object.entries(m.messages).map(([id, text]) => `  ${id}: ${text}`),
    '',
    'What to do:',
    `  ${m.remediation}`,
    ...optionLines(rule).flatMap((l, i) => (i === 0 ? ['', 'Options (.dpg-check.yml rules.<id>.options):', l] : [l])),
    ...exampleLines(rule),
  ];
  return `${lines.join('\n')}\n`;
}

interface OptionDoc { name: string; type: string; default?: unknown; description: string }

/** The options a rule's `meta.schema` describes, one per property. */
function optionDocs(rule: Rule): OptionDoc[] {
  const properties = (rule.meta.schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(properties).map(([name, p]) => {
    const bounds = [p.minimum !== undefined ? `≥ ${String(p.minimum)}` : '', p.exclusiveMinimum !== undefined ? `> ${String(p.exclusiveMinimum)}` : '', p.maximum !== undefined ? `≤ ${String(p.maximum)}` : ''].filter(Boolean).join(', ');
    return { name, type: `${typeof p.type === 'string' ? p.type : 'any'}${bounds ? ` (${bounds})` : ''}`, ...(p.default !== undefined ? { default: p.default } : {}), description: typeof p.description === 'string' ? p.description : '' };
  });
}

function optionLines(rule: Rule): string[] {
  return optionDocs(rule).map((o) => `  ${o.name}: ${o.type}${o.default !== undefined ? `, default ${JSON.stringify(o.default)}` : ''}. ${o.description}`);
}

function exampleLines(rule: Rule): string[] {
  const { pass, fail } = ruleExamples(rule);
  const one = (label: string, example: RuleExample | undefined, fallback: 'pass' | 'fail'): string[] => (example
    ? ['', `${label} (${(example.status ?? fallback).toUpperCase()})${example.note ? `: ${example.note}` : ''}`, ...example.declaration.trimEnd().split('\n').map((l) => `  ${l}`)]
    : []);
  return [...one('Passing dpg.yml', pass, 'pass'), ...one('Failing dpg.yml', fail, 'fail')];
}

/** docs/rules.md's options and examples of one rule (nothing when it has neither). */
function markdownOptionsAndExamples(rule: Rule): string[] {
  const out: string[] = [];
  const options = optionDocs(rule);
  if (options.length > 0) {
    out.push(
      `**Options** (\`rules.${rule.meta.id}.options\` in \`.dpg-check.yml\`, checked against this schema before the check):`,
      '',
      '| option | type | default | meaning |',
      '|---|---|---|---|',
      ...options.map((o) => `| \`${o.name}\` | ${o.type} | ${o.default !== undefined ? `\`${JSON.stringify(o.default)}\`` : '—'} | ${o.description.replace(/\|/g, '\\|')} |`),
      '',
      '<details><summary>JSON Schema (<code>meta.schema</code>)</summary>',
      '',
      '```json',
      JSON.stringify(rule.meta.schema, null, 2),
      '```',
      '',
      '</details>',
      '',
    );
  }
  const { pass, fail } = ruleExamples(rule);
  for (const [label, example, fallback] of [['Passes', pass, 'pass'], ['Fails', fail, 'fail']] as const) {
    if (!example) continue;
    const status = example.status ?? fallback;
    const heading = label === 'Fails' && status === 'gap' ? 'Gap (this rule reports a gap, never a fail, here)' : label;
    out.push(`**${heading}:**${example.note ? ` ${example.note}` : ''}`, '', '```yaml', example.declaration.trimEnd(), '```', '');
  }
  return out;
}

/** docs/rules.md: every rule's documentation, generated from its metadata (test/docs.test.ts keeps it current). */
export function renderRulesMarkdown(rules: readonly Rule[]): string {
  const out = [
    '# Rules',
    '',
    '<!-- Generated from the rules\' metadata by `UPDATE_DOCS=1 npx vitest run test/docs.test.ts`; do not edit by hand. -->',
    '',
    'Each rule has a stable id and a readable alias (either works in `.dpg-check.yml` and `dpg-check explain`).',
    'A tag (`host`: fed by the host\'s metadata; `online`: checks evidence URLs with `--online`) names every rule carrying it in `.dpg-check.yml`',
    '(`rules: { host: off }`; a rule\'s own entry wins). A renumbered rule\'s former id still works there and in `explain`, as a deprecated alias.',
    'A rule reports `pass`, `fail`, `gap` or `n/a`; the engine turns a rule fault into `error`.',
    'A **requirement** rule enforces a sentence of the DPG Standard (quoted below): its findings decide the indicator\'s verdict,',
    'the overall verdict and the exit code. An **advice** rule reports good practice the Standard does not demand: shown apart,',
    'never turning an indicator to `gap` or `fail`. The policy behind the statuses: [policy.md](policy.md).',
    'A rule that takes options lists them with their JSON Schema (`meta.schema`, as ESLint\'s): options set in `.dpg-check.yml`',
    '(whose own schema is [`schema/config.schema.json`](../schema/config.schema.json)) are validated against it before the check.',
    'Rules decided by the declaration show a `dpg.yml` they pass and one they fail (or leave a gap on); `test/rule-examples.test.ts` checks them.',
    '',
    '| id | alias | indicator | level | applies to | title |',
    '|---|---|---|---|---|---|',
    ...rules.map((r) => `| [${r.meta.id}](#${r.meta.id}) | ${r.meta.alias} | ${r.meta.indicator} | ${r.meta.level} | ${appliesText(r)} | ${r.meta.title} |`),
    '',
  ];
  for (const rule of rules) {
    const m = rule.meta;
    out.push(
      `## ${m.id}`,
      '',
      `**${m.title}** — alias \`${m.alias}\`, indicator ${m.indicator}, ${m.level}, applies to ${appliesText(rule)}, DPG Standard ${m.standardVersion}${namesText(rule, (n) => `\`${n}\``) ? `; ${namesText(rule, (n) => `\`${n}\``)}` : ''}.`,
      '',
      ...(m.requirement ? [`> ${m.requirement.quote} — [the Standard](${m.requirement.url})`, ''] : ['Advice: good practice the DPG Standard does not require; never changes a verdict.', '']),
      m.motivation,
      '',
      `Reads: ${m.reads && m.reads.length > 0 ? m.reads.map((r) => `\`${r}\``).join(', ') : 'the declaration only'}.`,
      '',
      '| message id | message |',
      '|---|---|',
      ...Object.entries(m.messages).map(([id, text]) => `| \`${id}\` | ${text.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`),
      '',
      `**What to do:** ${m.remediation}`,
      '',
      ...markdownOptionsAndExamples(rule),
      `Standard: ${m.docsUrl}`,
      '',
    );
  }
  return out.join('\n');
}

/**
 * The table of docs/policy.md: each rule, its level, the sentence of the Standard it enforces (or "advice"), and
 * what makes it fail and what makes it a gap, from `meta.policy`.
 */
export function renderPolicyTable(rules: readonly Rule[]): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = rules.map((r) => {
    const m = r.meta;
    const basis = m.requirement ? `requirement: “${cell(m.requirement.quote)}”` : 'advice';
    return `| [${m.id}](rules.md#${m.id}) ${m.alias} | ${m.indicator} | ${basis} | ${cell(m.policy?.fail ?? '—')} | ${cell(m.policy?.gap ?? '—')} |`;
  });
  return ['| rule | ind. | requirement or advice | fails when | gap when |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** Replaces the generated table between the markers of docs/policy.md. */
export function withPolicyTable(document: string, rules: readonly Rule[]): string {
  return document.replace(/(<!-- policy-table:start -->\n)[\s\S]*?(<!-- policy-table:end -->)/, (_, start: string, end: string) => `${start}${renderPolicyTable(rules)}\n${end}`);
}

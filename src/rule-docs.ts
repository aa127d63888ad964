/** Rule documentation from rule metadata: `dpg-check rules`, `dpg-check explain` and docs/rules.md. */
import type { Rule } from './rule-api.js';

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
  ];
  return `${lines.join('\n')}\n`;
}

/** docs/rules.md: every rule's documentation, generated from its metadata (test/docs.test.ts keeps it current). */
export function renderRulesMarkdown(rules: readonly Rule[]): string {
  const out = [
    '# Rules',
    '',
    '<!-- Generated from the rules\' metadata by `UPDATE_DOCS=1 npx vitest run test/docs.test.ts`; do not edit by hand. -->',
    '',
    'Each rule has a stable id and a readable alias (either works in `.dpg-check.yml` and `dpg-check explain`).',
    'A rule reports `pass`, `fail`, `gap` or `n/a`; the engine turns a rule fault into `error`.',
    'A **requirement** rule enforces a sentence of the DPG Standard (quoted below): its findings decide the indicator\'s verdict,',
    'the overall verdict and the exit code. An **advice** rule reports good practice the Standard does not demand: shown apart,',
    'never turning an indicator to `gap` or `fail`. The policy behind the statuses: [policy.md](policy.md).',
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
      `**${m.title}** — alias \`${m.alias}\`, indicator ${m.indicator}, ${m.level}, applies to ${appliesText(rule)}, DPG Standard ${m.standardVersion}.`,
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

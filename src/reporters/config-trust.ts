/**
 * The config section every human-readable format shows (`report.config`):
 * the exemptions the applied config makes, what a candidate's own config
 * asked for and was refused, the rule packs loaded. Plain lines; each
 * reporter escapes and lays them out its own way. Self-contained on purpose
 * (docs/security-packs-and-config.md).
 */
import type { ConfigEntry, Report } from '../model.js';

export interface ConfigSection {
  title: string;
  /** Each a sentence, unescaped. */
  lines: string[];
}

const SOURCE_WORDS: Readonly<Record<NonNullable<Report['config']>['source'], string>> = {
  reviewer: 'your --config',
  candidate: "the candidate's own config",
  defaults: 'the defaults',
};

function entryText(entry: ConfigEntry): string {
  return entry.level ? `${entry.text} (${entry.level})` : entry.text;
}

export function configSection(report: Report): ConfigSection | undefined {
  const trust = report.config;
  if (!trust) return undefined;
  const lines: string[] = [];
  const by = `${SOURCE_WORDS[trust.source]}${trust.file ? ` ${trust.file}` : ''}`;
  for (const entry of trust.exemptions) lines.push(`Exemption made by ${by}: ${entryText(entry)}`);
  const why = trust.refusedBecause === 'replaced' ? 'your --config replaces it' : "a candidate's own config is not applied in batch and remote checks";
  for (const entry of trust.refused) lines.push(`The candidate's config ${entry.file} asks to ${entryText(entry)} — not applied: ${why}`);
  if (trust.packs.length > 0) lines.push(`Rule packs loaded (code run with your rights): ${trust.packs.join(', ')}`);
  return lines.length > 0 ? { title: 'Configuration', lines } : undefined;
}

/**
 * What `check` and `report` share when they render: the render options (all
 * derived from the report, the flags and the environment, so a saved report
 * renders as its check did) and the baseline markers of the people formats.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FailOn, Report } from '../model.js';
import { render, sanitize, type Format, type RenderOptions } from '../reporters/index.js';
import { githubLinkBase } from '../reporters/github.js';
import { repositoryPrefixFor } from './repository-root.js';
import { baselineCountsText, baselineWord } from '../reporters/baseline.js';
import { describeRules } from '../explain.js';
import { builtInRules } from '../../rules/index.js';
import { readDeclarationFile } from '../declaration/load.js';

export interface RenderFlags {
  color: boolean;
  quiet?: boolean;
  verbose?: boolean;
  failOn: string;
  sarifAll?: boolean;
}

const MAX_DECLARATION_FOR_LINES = 1024 * 1024;

/**
 * Lines of the local candidate's declaration keys, so SARIF can place a finding about a missing key at its
 * parent's line. Read only when it is a regular file (not a link) inside the candidate; else nothing is known.
 * The file is parsed on the first lookup, not here: only SARIF asks, and a second YAML parse of the declaration
 * made every other format's check 10–20 ms slower (and, being the last parse, left V8 compiling the YAML parser
 * while the process waited to exit).
 */
function declarationKeyLocator(report: Report, candidateRoot: string): ((file: string, key: string) => number | undefined) | undefined {
  const file = report.candidate.declaration.path;
  if (file === null || path.isAbsolute(file) || file.split(/[\\/]/).includes('..')) return undefined;
  const abs = path.join(candidateRoot, file);
  try {
    const stats = fs.lstatSync(abs);
    if (!stats.isFile() || stats.size > MAX_DECLARATION_FOR_LINES) return undefined;
  } catch {
    return undefined;
  }
  let loaded: ReturnType<typeof readDeclarationFile> | undefined;
  return (asked, key) => {
    if (asked !== file) return undefined;
    loaded ??= readDeclarationFile(abs, file);
    return loaded.locate(key)?.line;
  };
}

/**
 * Render options for a report. Annotation paths, SARIF URIs and links are
 * relative to the candidate's repository root (see `repositoryPrefixFor`).
 */
export function renderOptionsFor(report: Report, flags: RenderFlags, env: NodeJS.ProcessEnv, color: boolean): RenderOptions {
  const source = report.candidate.sources[0];
  const candidateRoot = source?.kind === 'local' ? path.resolve(source.location) : undefined;
  const present = candidateRoot !== undefined && fs.existsSync(candidateRoot);
  const pathPrefix = present ? repositoryPrefixFor(candidateRoot, env) : '';
  const locateDeclarationKey = present ? declarationKeyLocator(report, candidateRoot) : undefined;
  const linkBase = env.GITHUB_ACTIONS === 'true' ? githubLinkBase(env) : undefined;
  return {
    color, quiet: Boolean(flags.quiet), verbose: Boolean(flags.verbose), failOn: flags.failOn as FailOn, sarifAll: Boolean(flags.sarifAll),
    rules: describeRules(builtInRules), pathPrefix, ...(linkBase ? { linkBase } : {}), ...(locateDeclarationKey ? { locateDeclarationKey } : {}),
  };
}

/**
 * `render`, plus the baseline markers of the text and HTML reports: those
 * reporters show messages as they are, so a marked finding's message starts
 * with `[new]` / `[unchanged]`, and the text report ends with what was compared
 * and what was resolved. Machine formats and markdown mark findings themselves.
 */
export function renderReport(report: Report, format: Format, options: RenderOptions): string {
  if (!report.baseline || (format !== 'text' && format !== 'html')) return render(report, format, options);
  const marked: Report = {
    ...report,
    findings: report.findings.map((finding) => {
      const word = baselineWord(finding);
      return word ? { ...finding, message: `[${word}] ${finding.message}` } : finding;
    }),
  };
  const rendered = render(marked, format, options);
  if (format === 'html') return rendered;
  // Baseline text is candidate text too: sanitised like everything the text reporter prints.
  const resolved = report.baseline.absent.map((f) => `  ${f.status.toUpperCase().padEnd(5)} [resolved] ${sanitize(f.message)}  ${sanitize(f.ruleId)}`);
  return `${rendered}\nBaseline ${sanitize(report.baseline.path)}: ${baselineCountsText(report) ?? ''} (fails, gaps and errors)\n${resolved.map((line) => `${line}\n`).join('')}`;
}

/**
 * Reporters turn a Report into one output format. They read the report model
 * only. Adding a format (markdown, sarif, junit, html) means one module with a
 * `Reporter` function and one entry below; `Record<Format, Reporter>` makes the
 * compiler insist that every listed format has its reporter.
 */
import type { FailOn, Report } from '../model.js';
import { renderJson } from './json.js';
import { renderText } from './text.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderJunit } from './junit.js';
import { renderHtml } from './html.js';
import type { RuleDescriptor } from './common.js';

export const FORMATS = ['text', 'json', 'markdown', 'sarif', 'junit', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour; decided by the caller (TTY, NO_COLOR, FORCE_COLOR, --no-color). Ignored by machine formats. */
  color: boolean;
  quiet?: boolean;
  verbose?: boolean;
  /** Columns the text report wraps at (the terminal's width; 80 when absent). */
  width?: number;
  /** `--fail-on`: JUnit reports gaps as failures with `gap`, as skipped tests otherwise. */
  failOn?: FailOn;
  /** `--sarif-all`: SARIF also lists passes and n/a findings. */
  sarifAll?: boolean;
  /** Rule metadata the caller knows (SARIF rule descriptions, JUnit test names); reporters fall back to the findings. */
  rules?: readonly RuleDescriptor[];
  /** Repository-relative folder of the candidate (`services/api/`), for SARIF URIs and file links. */
  pathPrefix?: string;
  /** SARIF: the line of a declaration key, when the caller can read the declaration (missing keys point at their parent's line). */
  locateDeclarationKey?: (file: string, key: string) => number | undefined;
  /** URL prefix for file links in markdown and HTML, e.g. `https://github.com/o/r/blob/<sha>/`. */
  linkBase?: string;
}

export type Reporter = (report: Report, options: RenderOptions) => string;

const REPORTERS: Readonly<Record<Format, Reporter>> = {
  text: renderText,
  // Machine formats are complete whatever the verbosity: scripts must see every finding.
  json: (report) => renderJson(report),
  markdown: (report, options) => renderMarkdown(report, pick(options, ['linkBase', 'pathPrefix'])),
  sarif: (report, options) => renderSarif(report, { all: options.sarifAll === true, ...pick(options, ['rules', 'pathPrefix', 'locateDeclarationKey']) }),
  junit: (report, options) => renderJunit(report, pick(options, ['failOn', 'rules'])),
  html: (report, options) => renderHtml(report, pick(options, ['linkBase', 'pathPrefix'])),
};

/** The options a reporter takes, without keys left undefined. */
function pick<K extends keyof RenderOptions>(options: RenderOptions, keys: readonly K[]): { [P in K]?: NonNullable<RenderOptions[P]> } {
  const picked: { [P in K]?: NonNullable<RenderOptions[P]> } = {};
  for (const key of keys) if (options[key] !== undefined) picked[key] = options[key] as NonNullable<RenderOptions[K]>;
  return picked;
}

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

/** Renders the report in the given format; the result ends with a newline. */
export function render(report: Report, format: Format, options: RenderOptions): string {
  const reporter = REPORTERS[format];
  if (!reporter) throw new Error(`unknown report format "${String(format)}" (known: ${FORMATS.join(', ')})`);
  return reporter(report, options);
}

export { renderJson, canonicalReport } from './json.js';
export { renderText, renderIndicatorMatrix, formatEvidence, sanitize, type TextOptions } from './text.js';
export { renderMarkdown, escapeMarkdown, GITHUB_COMMENT_LIMIT, type MarkdownOptions } from './markdown.js';
export { renderSarif, SARIF_SCHEMA_URI, type SarifOptions } from './sarif.js';
export { renderJunit, escapeXml, type JunitOptions } from './junit.js';
export { renderHtml, escapeHtml, type HtmlOptions } from './html.js';
export { renderGithubAnnotations, repositoryPathPrefix, githubLinkBase } from './github.js';
export { STATUS_LABELS, type RuleDescriptor } from './common.js';

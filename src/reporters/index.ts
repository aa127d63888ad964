/**
 * Reporters turn a Report into one output format. They read the report model
 * only. Adding a format (markdown, sarif, junit, html) means one module with a
 * `Reporter` function and one entry below; `Record<Format, Reporter>` makes the
 * compiler insist that every listed format has its reporter.
 */
import type { Report } from '../model.js';
import { renderJson } from './json.js';
import { renderText } from './text.js';

export const FORMATS = ['text', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour; decided by the caller (TTY, NO_COLOR, FORCE_COLOR, --no-color). Ignored by machine formats. */
  color: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export type Reporter = (report: Report, options: RenderOptions) => string;

const REPORTERS: Readonly<Record<Format, Reporter>> = {
  text: renderText,
  // Machine formats are complete whatever the verbosity: scripts must see every finding.
  json: (report) => renderJson(report),
};

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

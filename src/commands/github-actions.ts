/**
 * Inside GitHub Actions (`GITHUB_ACTIONS=true`): annotations on stderr (so a
 * report on stdout stays clean; the runner reads both) and the markdown report
 * appended to `$GITHUB_STEP_SUMMARY`. When the check cannot be carried out
 * (exit 2), an `::error` with the located message and a summary that says so,
 * so a failed step never shows an empty page. A summary that cannot be written
 * is a warning, never a reason to fail.
 */
import fs from 'node:fs';
import type { Report } from '../model.js';
import { appendFileRedacted } from '../output-file.js';
import { renderMarkdown, STEP_SUMMARY_LIMIT, cannotCheckMarkdown } from '../reporters/markdown.js';
import { annotationOverflow, renderCannotCheckAnnotations, renderGithubAnnotations } from '../reporters/github.js';
import { repositoryPrefixFor } from './repository-root.js';
import type { RenderOptions } from '../reporters/index.js';

interface Io {
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

function appendSummary(text: string, io: Io): void {
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (!summaryFile) return;
  try {
    appendFileRedacted(summaryFile, text);
  } catch (error) {
    io.stderr.write(`dpg-check: warning: cannot write the step summary to ${summaryFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
  }
}

/** Annotations for the report's fails, errors and gaps, and the full markdown report as the step summary. */
export function reportToGithubActions(report: Report, options: RenderOptions, io: Io): void {
  io.stderr.write(renderGithubAnnotations(report, options.pathPrefix ? { pathPrefix: options.pathPrefix } : {}));
  // The step summary takes far more than a comment: every finding fits, so the annotations GitHub hides are all here.
  const markdown = renderMarkdown(report, {
    maxLength: STEP_SUMMARY_LIMIT,
    ...(options.linkBase ? { linkBase: options.linkBase } : {}),
    ...(options.pathPrefix ? { pathPrefix: options.pathPrefix } : {}),
  });
  const overflow = annotationOverflow(report);
  appendSummary(overflow ? `${markdown}\n> [!NOTE]\n> ${overflow}.\n` : markdown, io);
}

/**
 * The check could not be carried out: an `::error` per located line of the message, and a summary saying why.
 * Located lines name files relative to the candidate (`dpg.yml:8:1`); annotations want them relative to the
 * repository, hence the candidate's folder when the command knows it.
 */
export function reportCannotCheck(message: string, io: Io, candidateRoot?: string): void {
  if (io.env.GITHUB_ACTIONS !== 'true') return;
  const pathPrefix = candidateRoot && fs.existsSync(candidateRoot) ? repositoryPrefixFor(candidateRoot, io.env) : '';
  io.stderr.write(renderCannotCheckAnnotations(message, pathPrefix ? { pathPrefix } : {}));
  appendSummary(cannotCheckMarkdown(message), io);
}

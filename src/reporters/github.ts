/**
 * GitHub Actions workflow commands: `::error file=…,line=…,title=…::message`
 * annotations for the findings at or above `--fail-on`, so they show on the
 * pull request's files and in the run summary.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 *
 * Also where a candidate sits in the repository the workflow checked out, so
 * annotation paths, SARIF URIs and markdown links point at the right file
 * when the candidate is a subfolder (`--path`, a monorepo).
 */
import path from 'node:path';
import { decisive, exceedsFailOn, type FailOn, type Finding, type Report } from '../model.js';
import { STATUS_LABELS, primaryLocation, withPrefix } from './common.js';

/**
 * Message data: `%`, CR and LF are the only characters the runner decodes.
 * Other control characters (terminal escapes from candidate text) are shown
 * as visible escapes so they cannot recolour or rewrite the log.
 */
function escapeData(text: string): string {
  return text
    .replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally encode `:` and `,`, which separate properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(finding: Finding, pathPrefix: string | undefined): string {
  const properties: string[] = [];
  const location = primaryLocation(finding);
  if (location) {
    properties.push(`file=${escapeProperty(withPrefix(pathPrefix, location.path))}`);
    if (location.line !== undefined) properties.push(`line=${location.line}`);
    if (location.line !== undefined && location.column !== undefined) properties.push(`col=${location.column}`);
  }
  const alias = finding.ruleAlias ? ` ${finding.ruleAlias}` : '';
  properties.push(`title=${escapeProperty(`DPG indicator ${finding.indicator} ${STATUS_LABELS[finding.status]?.word ?? finding.status}: ${finding.ruleId}${alias}`)}`);
  const message = [finding.message, ...(finding.remediation ? [`What to do: ${finding.remediation}`] : [])].join('\n');
  // Annotations are errors: they are exactly what makes the step exit 1.
  return `::error ${properties.join(',')}::${escapeData(message)}`;
}

/** One `::error` line per finding at or above `failOn` (fail and error always; gaps with `--fail-on gap`). */
export function renderGithubAnnotations(report: Report, options: { failOn?: FailOn; pathPrefix?: string } = {}): string {
  const failOn = options.failOn ?? 'fail';
  const lines = decisive(report.findings).filter((f) => exceedsFailOn(f.status, failOn)).map((f) => annotation(f, options.pathPrefix));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/**
 * The candidate folder relative to the checked-out repository
 * (`$GITHUB_WORKSPACE`, else the working directory), with a trailing `/`;
 * empty when it is the root, or when it lies outside (then paths stay
 * candidate-relative).
 */
export function repositoryPathPrefix(candidateRoot: string, base: string): string {
  const relative = path.relative(path.resolve(base), path.resolve(candidateRoot));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return '';
  return `${relative.split(path.sep).join('/')}/`;
}

/**
 * `https://github.com/o/r/blob/<sha>/` inside GitHub Actions, for file links in
 * the markdown summary (reporters add the candidate's path prefix).
 */
export function githubLinkBase(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const { GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  if (!repository || !sha || !/^[\w.-]+\/[\w.-]+$/.test(repository) || !/^[0-9a-f]{40,64}$/i.test(sha) || !/^https?:\/\/[^\s/]+$/.test(server)) return undefined;
  return `${server}/${repository}/blob/${sha}/`;
}

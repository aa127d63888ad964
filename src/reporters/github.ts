/**
 * GitHub Actions workflow commands: `::error file=…,line=…,title=…::message`
 * annotations (fails and errors; gaps as `::warning`), so they show on the
 * pull request's files and in the run summary; with `--baseline`, only the
 * new ones. GitHub shows 10 annotations of each kind per step: beyond that a
 * `::notice` says so and the step summary keeps the full list.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 *
 * Also where a candidate sits in the repository the workflow checked out, so
 * annotation paths, SARIF URIs and markdown links point at the right file
 * when the candidate is a subfolder (`--path`, a monorepo).
 */
import path from 'node:path';
import { counted, type Finding, type Report } from '../model.js';
import { STATUS_LABELS, primaryLocation, withPrefix, type FileLocation } from './common.js';

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

/** The annotation command of a finding: fails and errors are `::error`, gaps `::warning`. */
function command(finding: Finding): 'error' | 'warning' {
  return finding.status === 'gap' ? 'warning' : 'error';
}

/** Properties of a file location (`file=…,line=…,col=…`), paths relative to the repository. */
function locationProperties(location: FileLocation | undefined, pathPrefix: string | undefined): string[] {
  if (!location) return [];
  const properties = [`file=${escapeProperty(withPrefix(pathPrefix, location.path))}`];
  if (location.line !== undefined) properties.push(`line=${location.line}`);
  if (location.line !== undefined && location.column !== undefined) properties.push(`col=${location.column}`);
  return properties;
}

function annotation(finding: Finding, pathPrefix: string | undefined): string {
  const properties = locationProperties(primaryLocation(finding), pathPrefix);
  const alias = finding.ruleAlias ? ` ${finding.ruleAlias}` : '';
  const state = finding.baseline === 'new' ? ' (new)' : '';
  properties.push(`title=${escapeProperty(`DPG indicator ${finding.indicator} ${STATUS_LABELS[finding.status]?.word ?? finding.status}${state}: ${finding.ruleId}${alias}`)}`);
  const message = [finding.message, ...(finding.remediation ? [`What to do: ${finding.remediation}`] : [])].join('\n');
  return `::${command(finding)} ${properties.join(',')}::${escapeData(message)}`;
}

/** GitHub shows at most this many annotations of each kind (error, warning) per step; the rest are dropped from view. */
export const GITHUB_ANNOTATIONS_PER_STEP = 10;

/**
 * The findings that get an annotation: requirement fails, errors and gaps; with a baseline only new ones
 * (what is already known is in the step summary, not on the diff).
 */
export function annotatedFindings(report: Report): Finding[] {
  return counted(report.findings).filter((f) => f.status === 'fail' || f.status === 'error' || f.status === 'gap');
}

/**
 * How many annotations GitHub will not show, as a sentence, or undefined when all fit:
 * `14 errors and 3 warnings: GitHub shows 10 of each per step…`.
 */
export function annotationOverflow(report: Report): string | undefined {
  const findings = annotatedFindings(report);
  const errors = findings.filter((f) => command(f) === 'error').length;
  const warnings = findings.length - errors;
  if (errors <= GITHUB_ANNOTATIONS_PER_STEP && warnings <= GITHUB_ANNOTATIONS_PER_STEP) return undefined;
  const counts = [errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
  return `dpg-check annotated ${counts}; GitHub shows only ${GITHUB_ANNOTATIONS_PER_STEP} of each kind per step, so some are not on the files: the step summary lists every finding`;
}

/**
 * One line per annotated finding (`::error` for fails and errors, `::warning` for gaps), and a `::notice`
 * when there are more than GitHub shows.
 */
export function renderGithubAnnotations(report: Report, options: { pathPrefix?: string } = {}): string {
  const lines = annotatedFindings(report).map((f) => annotation(f, options.pathPrefix));
  const overflow = annotationOverflow(report);
  if (overflow) lines.push(`::notice title=${escapeProperty('dpg-check: more annotations than GitHub shows')}::${escapeData(overflow)}`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** `dpg.yml:3:5 key: message` — a located line of a message that says why a check could not be carried out. */
const LOCATED_LINE = /^(?<file>[^\s:][^:\n]*):(?<line>\d+):(?<col>\d+):? (?<rest>.+)$/;

/**
 * The check could not be carried out (exit 2): one `::error` per located line of the message (an invalid
 * declaration: each problem on its file and line), or one `::error` with the whole message.
 */
export function renderCannotCheckAnnotations(message: string, options: { pathPrefix?: string } = {}): string {
  const title = `title=${escapeProperty('dpg-check could not check')}`;
  const located = message.split('\n').map((line) => LOCATED_LINE.exec(line.trim())).filter((m): m is RegExpExecArray => m !== null);
  if (located.length === 0) return `::error ${title}::${escapeData(message)}\n`;
  return located.map((match) => {
    const { file, line, col } = match.groups as { file: string; line: string; col: string };
    const where = locationProperties({ path: file, line: Number(line), column: Number(col) }, options.pathPrefix);
    return `::error ${[...where, title].join(',')}::${escapeData(match[0])}\n`;
  }).join('');
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

/**
 * Reading a saved JSON report (`dpg-check report`, `--baseline`): the file
 * must be JSON, of the report version this tool writes, and valid against
 * `schema/report.schema.json`. Anything else is a `SavedReportError` whose
 * message says where (`last-year.json:3:14 findings[0].status: …`), so the
 * command exits 2 with a located message instead of rendering half a report.
 */
import fs from 'node:fs';
import type { Report } from '../model.js';
import { validateReport } from '../reporters/schema.js';
import { CheckError } from '../engine/check.js';
import { jsonErrorOffset, lineLocator, scanJsonPositions } from '../import/json-positions.js';

export class SavedReportError extends Error {}

const REPORT_VERSION: Report['reportVersion'] = 2;
const MAX_PROBLEMS_SHOWN = 20;

export function readSavedReport(file: string): Report {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SavedReportError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a report file' : code ?? (error as Error).message}`);
  }
  const locate = lineLocator(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // Where, from our own scan: JSON.parse's wording differs between Node versions and quotes the file back.
    const offset = jsonErrorOffset(text) ?? 0;
    const { line, column } = locate(Math.min(offset, text.length));
    const what = offset >= text.length ? 'the file ends in the middle of the document' : `unexpected ${JSON.stringify(text.slice(offset, offset + 1))}`;
    throw new SavedReportError(`${file}:${line}:${column}: not a JSON report (${what})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SavedReportError(`${file}:1:1: not a dpg-check report (expected a JSON object, got ${Array.isArray(data) ? 'an array' : data === null ? 'null' : typeof data})`);
  }
  const positions = scanJsonPositions(text);
  const at = (key: string): string => {
    const offset = positions.get(key);
    if (offset === undefined) return file;
    const { line, column } = locate(offset);
    return `${file}:${line}:${column}`;
  };
  const version = (data as Record<string, unknown>).reportVersion;
  if (version !== REPORT_VERSION) {
    throw new SavedReportError(`${at('reportVersion')} reportVersion: this dpg-check reads reports of version ${REPORT_VERSION}, not ${JSON.stringify(version) ?? '(missing)'}${typeof version === 'number' && version < REPORT_VERSION ? ' (check the candidate again with this version to get one)' : ''}`);
  }
  const problems = validateReport(data);
  if (problems.length > 0) {
    // Problems read `findings[0].status: must be …`; the key before the first `: ` is where to point.
    const located = problems.slice(0, MAX_PROBLEMS_SHOWN).map((problem) => {
      const key = problem.slice(0, problem.indexOf(': '));
      return `${key === '(report)' ? file : at(key)} ${problem}`;
    });
    const more = problems.length > MAX_PROBLEMS_SHOWN ? `\n…and ${problems.length - MAX_PROBLEMS_SHOWN} more` : '';
    throw new SavedReportError(`${file} is not a valid dpg-check report (schema/report.schema.json):\n${located.join('\n')}${more}`);
  }
  return data as Report;
}

/** The saved report, or a `CheckError` (exit 2) saying what is wrong with it, after `label` (`--baseline: `). */
export function readReport(file: string, label = ''): Report {
  try {
    return readSavedReport(file);
  } catch (error) {
    if (error instanceof SavedReportError) throw new CheckError(`${label}${error.message}`);
    throw error;
  }
}

export const readBaseline = (file: string): Report => readReport(file, '--baseline: ');

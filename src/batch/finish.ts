/**
 * What becomes of a checked candidate: its summary row and, with an output
 * folder, its reports — the JSON report, then the HTML page the dashboard
 * links, each rendered from the report in memory.
 *
 * This runs where the candidate was checked: in its worker process (so the
 * rendering and the writing of 1,400 files for the registry corpus run on
 * every core, and only the row crosses the IPC channel, not the report), or
 * in the batch's own process with `--in-process`. The batch's process then
 * appends the row to the journal: a line in `rows.jsonl` means the reports
 * before it are complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderHtml } from '../reporters/html.js';
import { renderJson } from '../reporters/json.js';
import type { CheckOutcome } from './check-one.js';
import type { Candidate } from './inputs.js';
import { htmlPathFor, reportPathFor, writeFileAtomic } from './output.js';
import { errorRow, rowFromReport, type SummaryRow } from './summary.js';

/** Writes the candidate's reports into `out` (when given) and returns its row. */
export function finishCandidate(candidate: Candidate, outcome: CheckOutcome, out: string | undefined): SummaryRow {
  if (out !== undefined) {
    const reportPath = path.join(out, reportPathFor(candidate.id));
    if (outcome.report) {
      writeFileAtomic(reportPath, renderJson(outcome.report));
      writeFileAtomic(htmlPathFor(reportPath), renderHtml(outcome.report));
    } else {
      // An error row has no report: one left by an earlier run must not be taken for this run's.
      fs.rmSync(reportPath, { force: true });
      fs.rmSync(htmlPathFor(reportPath), { force: true });
    }
  }
  return rowFor(candidate, outcome, out !== undefined);
}

function rowFor(candidate: Candidate, outcome: CheckOutcome, withReport: boolean): SummaryRow {
  if (outcome.report) {
    return rowFromReport(candidate.id, outcome.report, {
      ...(outcome.stage ? { stage: outcome.stage } : {}),
      ...(withReport ? { report: reportPathFor(candidate.id) } : {}),
    });
  }
  const { spec } = candidate;
  const location = spec.kind === 'registry'
    ? (spec.group.nominee ?? spec.group.combined ?? spec.group.screening)!.shownAs
    : spec.kind === 'publiccode' || spec.kind === 'declaration' ? spec.file.shownAs
      : spec.kind === 'target' ? spec.target : spec.location;
  const source = spec.kind === 'target' ? (spec.remote ? 'git' : 'local') : spec.kind === 'invalid' ? undefined : 'declaration-only';
  return errorRow(candidate.id, outcome.error ?? 'could not be checked', { location, ...(source ? { source } : {}), ...(outcome.stage ? { stage: outcome.stage } : {}) });
}

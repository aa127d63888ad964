/**
 * Checks one batch candidate. Never throws: whatever goes wrong with a
 * candidate (an unreadable file, an incomplete registry entry, a repository
 * that cannot be reached, a fault in the engine) is returned as its error,
 * and the batch goes on.
 *
 * Every candidate goes through `checkCandidate`: directories, git URLs and
 * `github:` refs by name, declaration-only ones (registry entries,
 * publiccode.yml files, declaration files) as a `declarationOnlySource`, whose
 * empty snapshot makes rules that need repository files say `gap`, never
 * `fail`.
 */
import { checkCandidate, CheckError } from '../engine/check.js';
import { declarationOnlySource } from '../sources/index.js';
import { parseDeclaration, readDeclarationFile, type LoadedDeclaration } from '../declaration/load.js';
import type { Report } from '../model.js';
import { formatNote, importPubliccode, importRegistryGroup, relocateEvidence, toLoadedDeclaration, type ImportResult } from '../import/index.js';
import type { Candidate } from './inputs.js';

export interface CheckOutcome {
  report?: Report;
  /** Why the candidate could not be checked (located when the cause is in a file). */
  error?: string;
  /** DPGA registry stage of a registry entry (`nominee`, `DPG`, `archive`). */
  stage?: string;
}

export interface BatchCheckOptions {
  /** The reviewer's config file (`batch --config`): rules turned off, ignores and packs for every candidate. */
  configFile?: string;
}

export async function checkBatchCandidate(candidate: Candidate, options: BatchCheckOptions = {}): Promise<CheckOutcome> {
  try {
    return await checkUnguarded(candidate, options);
  } catch (error) {
    if (error instanceof CheckError) return { error: error.message };
    const message = error instanceof Error ? error.message : String(error);
    return { error: `internal error while checking ${candidate.id}: ${message.split('\n')[0]}` };
  }
}

async function checkUnguarded(candidate: Candidate, options: BatchCheckOptions): Promise<CheckOutcome> {
  const { spec } = candidate;
  switch (spec.kind) {
    case 'invalid':
      return { error: spec.message };
    case 'registry': {
      const result = importRegistryGroup(spec.group);
      const outcome = await checkImported(result, spec.group.slug, options);
      return { ...outcome, ...(result.meta.stage ? { stage: result.meta.stage } : {}) };
    }
    case 'publiccode': {
      if (!spec.file.file) return { error: formatNotes(spec.file.notes) };
      const result = importPubliccode(spec.file.file);
      result.notes.unshift(...spec.file.notes);
      return checkImported(result, spec.file.slug, options);
    }
    case 'declaration': {
      // The text was read (bounded, decoded) when the input was classified: parse it once, here.
      const loaded = spec.file.file ? parseDeclaration(spec.file.file.text, spec.file.shownAs) : readDeclarationFile(spec.file.absPath, spec.file.shownAs);
      return checkDeclarationOnly(loaded, spec.file.slug, options);
    }
    case 'target': {
      const report = await checkCandidate({
        target: spec.remote ? spec.target : spec.resolved,
        ...(spec.subPath ? { subPath: spec.subPath } : {}),
        ...(spec.declarationFile ? { declarationFile: spec.declarationFile } : {}),
        ...(spec.types ? { types: spec.types } : {}),
        ...(options.configFile ? { configFile: options.configFile } : {}),
        // Batches check other people's repositories: their own config is reported, never applied.
        trustCandidateConfig: false,
      });
      return { report };
    }
  }
}

async function checkImported(result: ImportResult, slug: string, options: BatchCheckOptions): Promise<CheckOutcome> {
  const loaded = toLoadedDeclaration(result);
  if (!loaded.valid) {
    const problems = result.notes.filter((n) => n.kind === 'error').map((n) => formatNote(result, n));
    return { error: `the entry cannot be checked:\n${problems.join('\n')}` };
  }
  const outcome = await checkDeclarationOnly(loaded, slug, options);
  if (outcome.report) {
    relocateEvidence(outcome.report, result);
    // What the import changed or left out is part of what a reviewer reads; answers with no place in the declaration are not (`dpg-check import` lists them).
    const notes = result.notes.filter((n) => n.kind !== 'unmapped').map((n) => `import: ${formatNote(result, n)}`);
    if (notes.length > 0) outcome.report.warnings = [...(outcome.report.warnings ?? []), ...notes];
  }
  return outcome;
}

async function checkDeclarationOnly(loaded: LoadedDeclaration, fallbackName: string, options: BatchCheckOptions): Promise<CheckOutcome> {
  // An invalid declaration is the engine's CheckError, which checkBatchCandidate returns as this candidate's error.
  const report = await checkCandidate({
    target: declarationOnlySource(loaded, fallbackName),
    ...(options.configFile ? { configFile: options.configFile } : {}),
  });
  return { report };
}

function formatNotes(notes: readonly { file: string; key: string; message: string; at?: { line: number; column: number } }[]): string {
  return notes.map((n) => formatNote(undefined, { kind: 'error', ...n })).join('\n') || 'the file could not be read';
}

/**
 * Checks one batch candidate. Never throws: whatever goes wrong with a
 * candidate (an unreadable file, an incomplete registry entry, a repository
 * that cannot be reached, a fault in the engine) is returned as its error,
 * and the batch goes on.
 *
 * Declaration-only candidates (registry entries, publiccode.yml files,
 * declaration files) are checked by `checkSnapshot` over an empty in-memory
 * snapshot of kind `declaration-only`: rules that need repository files say
 * `gap`, never `fail`. Directories, git URLs and `github:` refs go through
 * `checkCandidate`, which reads their sources.
 */
import { checkCandidate, checkSnapshot, CheckError, loadConfig, selectRules } from '../engine/check.js';
import { resolveConfig, type Config } from '../engine/config.js';
import type { Rule } from '../rule-api.js';
import { createMemorySnapshot } from '../snapshot/memory.js';
import { formatDeclarationError, parseDeclaration, readDeclarationFile, type LoadedDeclaration } from '../declaration/load.js';
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
  if (!loaded.valid) {
    return { error: `the declaration ${loaded.file} is not valid:\n${loaded.errors.map(formatDeclarationError).join('\n')}` };
  }
  const snapshot = createMemorySnapshot({}, { source: { kind: 'declaration-only', location: loaded.file } });
  const { config, rules } = options.configFile ? await reviewerConfig(options.configFile) : {};
  const report = await checkSnapshot({ snapshot, declaration: loaded, fallbackName, ...(config ? { config, resolution: resolveConfig({ reviewer: config, trusted: false }) } : {}), ...(rules ? { rules } : {}) });
  return { report };
}

/** The reviewer's config and the rules it selects, loaded once per process (packs are imported once). */
const reviewerConfigs = new Map<string, Promise<{ config: Config; rules: Rule[] }>>();
function reviewerConfig(configFile: string): Promise<{ config: Config; rules: Rule[] }> {
  let loaded = reviewerConfigs.get(configFile);
  if (!loaded) {
    loaded = (async () => {
      const config = loadConfig(configFile, process.cwd(), createMemorySnapshot({}));
      return { config, rules: await selectRules(config) };
    })();
    reviewerConfigs.set(configFile, loaded);
  }
  return loaded;
}

function formatNotes(notes: readonly { file: string; key: string; message: string; at?: { line: number; column: number } }[]): string {
  return notes.map((n) => formatNote(undefined, { kind: 'error', ...n })).join('\n') || 'the file could not be read';
}

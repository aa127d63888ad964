/**
 * A declaration with no repository behind it (a registry entry, a
 * publiccode.yml, a declaration file in a batch): an empty snapshot of kind
 * `declaration-only`, so rules that need repository files say `gap`, never
 * `fail`.
 */
import type { LoadedDeclaration } from '../declaration/load.js';
import { createMemorySnapshot } from '../snapshot/memory.js';
import type { CandidateSource } from './adapter.js';

export function declarationOnlySource(declaration: LoadedDeclaration, name: string): CandidateSource {
  return {
    open: async () => ({
      snapshot: createMemorySnapshot({}, { source: { kind: 'declaration-only', location: declaration.file } }),
      fallbackName: name,
      remote: false,
      trusted: false,
      declaration,
    }),
  };
}

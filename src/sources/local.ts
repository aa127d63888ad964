/** A local directory as a candidate source: the user's own files, read in place. */
import path from 'node:path';
import { createLocalSnapshot, SnapshotError } from '../snapshot/local.js';
import type { CandidateSource } from './adapter.js';
import { SourceError } from './errors.js';

export function localSource(target: string): CandidateSource {
  return {
    async open(request) {
      try {
        // The target as the user gave it: the report shows it (`.`), not this machine's absolute path.
        const snapshot = await createLocalSnapshot(target, {
          ...(request.subPath ? { subPath: request.subPath } : {}),
          ...(request.searches ? { searches: request.searches } : {}),
          ...(request.whileListing ? { whileListing: request.whileListing } : {}),
        });
        const root = path.resolve(target);
        const directory = request.subPath ? path.resolve(root, request.subPath) : root;
        return { snapshot, fallbackName: path.basename(directory), remote: false, trusted: true, directory };
      } catch (error) {
        if (error instanceof SnapshotError) throw new SourceError(error.message);
        throw error;
      }
    },
  };
}

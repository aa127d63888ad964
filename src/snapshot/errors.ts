/**
 * The one error a source throws when a candidate cannot be checked at all
 * (missing directory, not a directory, `--path` outside the root…). The CLI
 * prints its message as is and exits with code 2, so the message must be
 * plain and name the path.
 */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

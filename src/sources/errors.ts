/**
 * The one error a remote source throws when a candidate cannot be checked
 * (unreachable host, missing or private repository, exhausted rate limit, a
 * repository over the size guard…). The message names the target and says
 * what to do; the CLI prints it as is and exits with code 2.
 */
export class SourceError extends Error {
  override name = 'SourceError';
}

/**
 * Every way a GitHub check can fail, as one `SourceError` naming the
 * repository and what to do: not found or private, a refused token, an
 * exhausted or secondary rate limit (with when to try again), a host that
 * cannot be reached, a server failing.
 */
import { SourceError } from './errors.js';
import { NetworkError, networkReason } from './http.js';

/** What the last rate-limited answer said. */
export interface RateLimited { secondary: boolean; retryAfter: number }

export interface FailureContext {
  /** The repository as the user should see it. */
  display: string;
  apiUrl: string;
  token?: string;
  limited: RateLimited | undefined;
}

/** Errors GitHub's GraphQL API put in an answer's body (the status is 200). */
export class GraphQLFailure extends Error {
  constructor(readonly errors: readonly { type?: string; message?: string }[]) {
    super(errors.map((e) => e.message ?? e.type ?? 'error').join('; ').slice(0, 300));
  }
}

/** Any failure as a `SourceError` naming the repository and what to do. */
export function explainGitHubFailure(error: unknown, context: FailureContext): Error {
  if (error instanceof SourceError) return error;
  const at = `cannot check ${context.display}`;
  const status = statusOf(error);
  const headers = headersOf(error);
  const graphQLType = graphQLErrorType(error);
  if (graphQLType === 'NOT_FOUND') return new SourceError(`${at}: repository not found, or the token cannot read it`);
  if (graphQLType === 'RATE_LIMITED' || (status !== undefined && [403, 429].includes(status) && (headers['x-ratelimit-remaining'] === '0' || context.limited))) {
    return new SourceError(`${at}: ${rateLimitMessage(headers, context)}`);
  }
  if (status === 401) return new SourceError(`${at}: GitHub refused the token from GITHUB_TOKEN/GH_TOKEN (401 Bad credentials)`);
  if (status === 404) {
    return new SourceError(`${at}: repository not found${context.token ? ' (or the token cannot read it)' : ' (or private: set GITHUB_TOKEN or GH_TOKEN to a token that can read it)'}`);
  }
  if (status === 403) return new SourceError(`${at}: GitHub refused access (403${messageOf(error) ? `: ${messageOf(error)}` : ''})`);
  if (status === 429) return new SourceError(`${at}: GitHub answered 429 Too Many Requests${headers['retry-after'] ? `; retry after ${headers['retry-after']} s` : ''}`);
  if (error instanceof NetworkError || isNetworkFailure(error)) {
    const cause = (error as { cause?: unknown }).cause;
    return new SourceError(`${at}: cannot reach ${new URL(context.apiUrl).host} (${cause instanceof NetworkError ? cause.reason : networkReason(error)})`);
  }
  if (status !== undefined && status >= 500) return new SourceError(`${at}: GitHub failed (${status}) three times in a row; try again later`);
  if (status !== undefined && status >= 400) return new SourceError(`${at}: GitHub answered ${status}${messageOf(error) ? ` (${messageOf(error)})` : ''}`);
  if (graphQLType) return new SourceError(`${at}: GitHub's GraphQL API answered ${graphQLType} (${(error as Error).message})`);
  return error instanceof Error ? error : new Error(String(error));
}

function rateLimitMessage(headers: Record<string, string | undefined>, context: FailureContext): string {
  const retryAfter = Number(headers['retry-after'] ?? context.limited?.retryAfter ?? NaN);
  if (context.limited?.secondary || (headers['x-ratelimit-remaining'] !== '0' && Number.isFinite(retryAfter))) {
    return `GitHub's secondary rate limit was hit (too many requests too fast)${Number.isFinite(retryAfter) ? `; try again in ${retryAfter} s` : '; try again in a few minutes'}`;
  }
  const limit = headers['x-ratelimit-limit'];
  const reset = Number(headers['x-ratelimit-reset']);
  const when = Number.isFinite(reset) && reset > 0 ? `; it resets at ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC` : '';
  const hint = context.token ? '' : ' (set GITHUB_TOKEN or GH_TOKEN for 5,000 requests an hour instead of 60)';
  return `GitHub's API rate limit is exhausted${limit ? ` (${limit} requests an hour)` : ''}${when}${hint}`;
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

export function headersOf(error: unknown): Record<string, string | undefined> {
  const headers = (error as { response?: { headers?: Record<string, string | undefined> } })?.response?.headers;
  return headers ?? {};
}

function messageOf(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } })?.response?.data;
  const message = typeof data?.message === 'string' ? data.message : '';
  return message.split('\n')[0]?.slice(0, 200) ?? '';
}

function graphQLErrorType(error: unknown): string | undefined {
  if (!(error instanceof GraphQLFailure)) return undefined;
  return error.errors.find((e) => typeof e.type === 'string')?.type ?? 'ERROR';
}

/** octokit turns a failed fetch into a status-500 error without a response; the cause says what happened. */
function isNetworkFailure(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  const withResponse = (error as { response?: unknown })?.response !== undefined;
  if ((error as { cause?: unknown })?.cause instanceof NetworkError) return true;
  return (name === 'HttpError' && !withResponse) || name === 'TypeError' || name === 'AbortError' || name === 'TimeoutError';
}

/**
 * Every request a remote check makes goes through here, so that the check can
 * say what it cost (`--verbose`) and tests can count it. A record never holds
 * a token: tokens travel in headers, and URLs are printed without their
 * credentials.
 */
import { redactUrl } from './target.js';

export type RequestService = 'github-rest' | 'github-graphql' | 'github-raw' | 'gitlab-rest' | 'gitlab-raw' | 'git' | 'link';

export interface RequestRecord {
  service: RequestService;
  method: string;
  /** Credentials removed. */
  url: string;
  /** HTTP status, or the network error's short name. */
  status: number | string;
  /** Response body bytes received. */
  bytes: number;
  ms: number;
  /** How much of a rate limit the request used, when the host says (e.g. `free (304)`, `1 point, 4999 left`). */
  cost?: string;
  /** Extra words for `--verbose` (retries, fallbacks). */
  note?: string;
  /** HTTP requests this record stands for: a git command makes several (default 1). */
  requests?: number;
}

export class RequestLog {
  readonly records: RequestRecord[] = [];
  /** Notes that are not requests: decisions the source took (fallbacks, cache hits). */
  readonly notes: string[] = [];

  constructor(private readonly listener?: (line: string) => void) {}

  add(record: RequestRecord): void {
    const clean = { ...record, url: redactUrl(record.url) };
    this.records.push(clean);
    this.listener?.(describeRecord(clean));
  }

  note(text: string): void {
    this.notes.push(text);
    this.listener?.(text);
  }

  count(services?: readonly RequestService[]): number {
    return this.records.filter((r) => !services || services.includes(r.service)).reduce((sum, r) => sum + (r.requests ?? 1), 0);
  }

  bytes(): number {
    return this.records.reduce((sum, r) => sum + r.bytes, 0);
  }

  summary(): string {
    const total = this.count();
    if (total === 0) return 'no network request';
    const byService = new Map<string, number>();
    for (const r of this.records) byService.set(r.service, (byService.get(r.service) ?? 0) + (r.requests ?? 1));
    const parts = [...byService].map(([service, n]) => `${n} ${service}`).join(', ');
    return `${total} request${total === 1 ? '' : 's'} (${parts}), ${formatBytes(this.bytes())} received`;
  }
}

export function describeRecord(r: RequestRecord): string {
  const cost = r.cost ? `, ${r.cost}` : '';
  const note = r.note ? ` — ${r.note}` : '';
  const requests = r.requests !== undefined && r.requests !== 1 ? `${r.requests} HTTP requests, ` : '';
  return `${r.method} ${r.url} → ${r.status} (${requests}${formatBytes(r.bytes)}, ${Math.round(r.ms)} ms${cost})${note}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export interface FetchOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  redirect?: 'follow' | 'manual';
}

export interface FetchedResponse {
  status: number;
  headers: Headers;
  body: Buffer;
  /** Final URL after redirects. */
  url: string;
}

/**
 * One HTTP request with a timeout, its body read up to `maxBytes` (the rest
 * is not downloaded). Network failures come back as `NetworkError` with a
 * short reason (`ENOTFOUND`, `ECONNREFUSED`, `timeout`).
 */
export async function fetchBounded(url: string, options: FetchOptions, maxBytes = 64 * 1024 * 1024): Promise<FetchedResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const response = await fetch(url, {
      method: options.method ?? 'GET',
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.body !== undefined ? { body: options.body } : {}),
      redirect: options.redirect ?? 'follow',
      signal: controller.signal,
    });
    const body = await readLimited(response, maxBytes, controller);
    return { status: response.status, headers: response.headers, body, url: response.url || url };
  } catch (error) {
    throw new NetworkError(networkReason(error, controller.signal.aborted));
  } finally {
    clearTimeout(timer);
  }
}

async function readLimited(response: Response, maxBytes: number, controller: AbortController): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const chunk = Buffer.from(value);
    if (total + chunk.length > maxBytes) {
      chunks.push(chunk.subarray(0, maxBytes - total));
      total = maxBytes;
      controller.abort();
      break;
    }
    chunks.push(chunk);
    total += chunk.length;
  }
  return Buffer.concat(chunks, total);
}

export class NetworkError extends Error {
  override name = 'NetworkError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** `ENOTFOUND`, `ECONNREFUSED`, `timeout`…: what went wrong, in a word or two, never a stack. */
export function networkReason(error: unknown, timedOut = false): string {
  if (timedOut) return 'timeout';
  let current: unknown = error;
  let deepest = error instanceof Error ? error.message : '';
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '' && code !== 'ERR_INVALID_STATE') return code;
    if ((current as { name?: string }).name === 'AbortError' || (current as { name?: string }).name === 'TimeoutError') return 'timeout';
    if (current instanceof Error && current.message) deepest = current.message;
    current = (current as { cause?: unknown }).cause;
  }
  return deepest.split('\n')[0] || 'network error';
}

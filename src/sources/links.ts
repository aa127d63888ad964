/**
 * `--online`: do the URLs a declaration gives as evidence lead somewhere?
 * HEAD first (cheap), GET when HEAD is refused or fails (many servers answer
 * HEAD wrongly), redirects followed by hand (at most five, loops caught),
 * every request with a timeout, a few at a time. 401, 403 and 429 mean the
 * server would not say — "not verified", never "broken" — and so do timeouts,
 * refused connections and server errors, which are usually passing trouble.
 */
import type { LinkStatus } from '../rule-api.js';
import { NetworkError, fetchBounded, type RequestLog } from './http.js';
import { forEachLimited } from './limit.js';
import { TOOL_VERSION } from '../version.js';
import { declaredEvidenceLinks } from '../declaration/evidence-keys.js';
import type { Declaration } from '../declaration/types.js';

export interface LinkCheckOptions {
  log: RequestLog;
  timeoutMs?: number;
  concurrency?: number;
  maxRedirects?: number;
}

const UNVERIFIED_STATUSES = new Set([401, 403, 407, 429]);
/** Network failures that prove nothing is there. */
const BROKEN_NETWORK = /^(ENOTFOUND|ERR_INVALID_URL|CERT_|ERR_TLS_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|ERR_SSL_)/;

export async function checkLinks(urls: readonly string[], options: LinkCheckOptions): Promise<Map<string, LinkStatus>> {
  const results = new Map<string, LinkStatus>();
  const unique = [...new Set(urls.map((u) => u.trim()).filter((u) => /^https?:\/\//i.test(u)))];
  await forEachLimited(unique, options.concurrency ?? 8, async (url) => {
    results.set(url, await checkOne(url, options));
  });
  return results;
}

async function checkOne(url: string, options: LinkCheckOptions): Promise<LinkStatus> {
  try {
    new URL(url);
  } catch {
    return { state: 'broken', reason: 'not a valid URL' };
  }
  const head = await follow(url, 'HEAD', options);
  if (head.state === 'ok' || head.state === 'loop' || (head.state === 'network' && BROKEN_NETWORK.test(head.reason))) return conclude(head);
  // HEAD refused, failed or not understood: GET tells the truth more often.
  return conclude(await follow(url, 'GET', options));
}

type Outcome =
  | { state: 'ok' | 'status'; status: number; finalUrl: string; statusText: string }
  | { state: 'network'; reason: string }
  | { state: 'loop'; reason: string };

async function follow(start: string, method: 'HEAD' | 'GET', options: LinkCheckOptions): Promise<Outcome> {
  let url = start;
  const seen = new Set<string>();
  for (let hop = 0; hop <= (options.maxRedirects ?? 5); hop++) {
    if (seen.has(url)) return { state: 'loop', reason: 'redirect loop' };
    seen.add(url);
    const started = performance.now();
    let response;
    try {
      // GET bodies are not needed: a few KiB are read, the rest is not downloaded.
      response = await fetchBounded(url, { method, redirect: 'manual', timeoutMs: options.timeoutMs ?? 10_000, headers: { 'user-agent': `dpg-check/${TOOL_VERSION} (link check)`, accept: '*/*' } }, 16 * 1024);
    } catch (error) {
      const reason = error instanceof NetworkError ? error.reason : String(error);
      options.log.add({ service: 'link', method, url, status: reason, bytes: 0, ms: performance.now() - started });
      return { state: 'network', reason };
    }
    options.log.add({ service: 'link', method, url, status: response.status, bytes: response.body.length, ms: performance.now() - started });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      try {
        url = new URL(location, url).href;
      } catch {
        return { state: 'network', reason: 'ERR_INVALID_URL' };
      }
      continue;
    }
    const statusText = STATUS_TEXT[response.status] ?? '';
    return response.status >= 200 && response.status < 300
      ? { state: 'ok', status: response.status, finalUrl: url, statusText }
      : { state: 'status', status: response.status, finalUrl: url, statusText };
  }
  return { state: 'loop', reason: `more than ${options.maxRedirects ?? 5} redirects` };
}

function conclude(outcome: Outcome): LinkStatus {
  switch (outcome.state) {
    case 'ok':
      return { state: 'ok', status: outcome.status, finalUrl: outcome.finalUrl, reason: `${outcome.status} ${outcome.statusText}`.trim() };
    case 'loop':
      return { state: 'broken', reason: outcome.reason };
    case 'network':
      return BROKEN_NETWORK.test(outcome.reason)
        ? { state: 'broken', reason: outcome.reason === 'ENOTFOUND' ? 'host not found' : outcome.reason }
        : { state: 'unverified', reason: outcome.reason === 'timeout' ? 'no answer in time' : outcome.reason };
    case 'status': {
      const reason = `${outcome.status} ${outcome.statusText}`.trim();
      const unverified = UNVERIFIED_STATUSES.has(outcome.status) || outcome.status >= 500;
      return { state: unverified ? 'unverified' : 'broken', status: outcome.status, finalUrl: outcome.finalUrl, reason };
    }
  }
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK', 203: 'Non-Authoritative Information', 204: 'No Content', 206: 'Partial Content',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  407: 'Proxy Authentication Required', 410: 'Gone', 429: 'Too Many Requests', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** Every URL the declaration gives as evidence (the one list of evidence keys: src/declaration/evidence-keys.ts). */
export function declaredEvidenceUrls(declaration: Readonly<Declaration> | undefined): string[] {
  return [...new Set(declaredEvidenceLinks(declaration).map((item) => item.link).filter((link) => /^https?:\/\//i.test(link)))];
}

/**
 * Sources: what a `check` target names becomes a snapshot, through one
 * interface (`CandidateSource`, ./adapter.ts). `sourceFor` is the one place a
 * target's kind is decided: a local directory, or a remote repository (a git
 * URL, GitHub, GitLab; ./remote.ts). Declaration-only candidates come from
 * `declarationOnlySource`.
 */
import type { CandidateSource } from './adapter.js';
import { localSource } from './local.js';
import { remoteSource } from './remote.js';
import { defaultNetwork, type NetworkOptions } from './settings.js';
import { looksRemote, parseRemoteTarget } from './target.js';

export type { CandidateSource, OpenRequest, OpenedCandidate, ReadPlan } from './adapter.js';
export { declarationOnlySource } from './declaration-only.js';
export { SourceError } from './errors.js';
export { RequestLog, describeRecord, type RequestRecord } from './http.js';
export { looksRemote, parseRemoteTarget, redactUrl, type RemoteTarget } from './target.js';
export { checkLinks, declaredEvidenceUrls } from './links.js';
export { cacheDirectory } from './cache.js';
export { DEFAULT_MAX_CLONE_BYTES, defaultNetwork, remoteSettings, secretsOf, type NetworkOptions, type RemoteSettings } from './settings.js';
export { openRemoteSnapshot, type OpenRemoteOptions } from './remote.js';

/**
 * The source a target names. A path that exists on disk is always local;
 * a git URL, `github:owner/repo`, a GitHub or GitLab URL is remote. Throws
 * `SourceError` for a target that names no repository.
 */
export function sourceFor(target: string, network: NetworkOptions = defaultNetwork()): CandidateSource {
  return looksRemote(target) ? remoteSource(parseRemoteTarget(target), network) : localSource(target);
}

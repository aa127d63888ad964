/**
 * What GitHub says about a repository beyond its files (description, topics,
 * licence, archived, owner, code of conduct, security policy…), from REST or
 * GraphQL, as the snapshot's host metadata; and what is cached of it.
 */
import type { HostMetadata } from '../snapshot/types.js';
import type { GraphQLCommitish, RepositoryQueryResult } from './github-queries.js';

/** The metadata cache entry: the commit last seen, the metadata and its ETag. */
export interface CachedMetadata {
  sha: string;
  host: HostMetadata;
  etag?: string;
  /** When GitHub last confirmed this metadata (ms since the epoch). */
  checkedAt: number;
}

export interface RestRepository {
  html_url?: string;
  description?: string | null;
  homepage?: string | null;
  topics?: string[];
  license?: { spdx_id?: string | null; name?: string } | null;
  archived?: boolean;
  default_branch?: string;
  pushed_at?: string | null;
  owner?: { login?: string; type?: string };
}

/** When the host said it: the response's Date header, else now. */
export function isoDate(header: string | undefined): string {
  const time = header ? Date.parse(header) : NaN;
  return new Date(Number.isFinite(time) ? time : Date.now()).toISOString();
}

export function hostFromRest(data: RestRepository, date: string | undefined): HostMetadata {
  const host: HostMetadata = { platform: 'github', fetchedAt: isoDate(date) };
  if (data.html_url) host.url = data.html_url;
  if (data.description) host.description = data.description;
  if (data.homepage) host.homepage = data.homepage;
  if (Array.isArray(data.topics)) host.topics = [...data.topics];
  if (data.license?.spdx_id) host.license = data.license.spdx_id;
  if (typeof data.archived === 'boolean') host.archived = data.archived;
  if (data.default_branch) host.defaultBranch = data.default_branch;
  if (data.pushed_at) host.pushedAt = data.pushed_at;
  if (data.owner?.login) host.owner = data.owner.login;
  if (data.owner?.type) host.ownerType = data.owner.type === 'Organization' ? 'organization' : 'user';
  return host;
}

export function hostFromGraphQL(repository: NonNullable<RepositoryQueryResult['repository']>, date: string | undefined): HostMetadata {
  const host: HostMetadata = { platform: 'github', fetchedAt: isoDate(date), url: repository.url, archived: repository.isArchived };
  if (repository.description) host.description = repository.description;
  if (repository.homepageUrl) host.homepage = repository.homepageUrl;
  host.topics = repository.repositoryTopics.nodes.map((node) => node.topic.name);
  if (repository.licenseInfo?.spdxId) host.license = repository.licenseInfo.spdxId;
  if (repository.defaultBranchRef?.name) host.defaultBranch = repository.defaultBranchRef.name;
  if (repository.pushedAt) host.pushedAt = repository.pushedAt;
  host.owner = repository.owner.login;
  host.ownerType = repository.owner.__typename === 'Organization' ? 'organization' : 'user';
  if (repository.codeOfConduct) {
    host.codeOfConduct = repository.codeOfConduct.name;
    if (repository.codeOfConduct.url) host.codeOfConductUrl = repository.codeOfConduct.url;
  }
  if (typeof repository.isSecurityPolicyEnabled === 'boolean') host.securityPolicy = repository.isSecurityPolicyEnabled;
  if (repository.securityPolicyUrl && repository.isSecurityPolicyEnabled) host.securityPolicyUrl = repository.securityPolicyUrl;
  return host;
}

/** The commit a ref names: a commit itself, or the commit an annotated tag points to. */
export function commitOf(object: GraphQLCommitish | null): { oid: string } | undefined {
  if (!object) return undefined;
  if (object.__typename === 'Commit') return { oid: object.oid };
  if (object.__typename === 'Tag' && object.target?.__typename === 'Commit') return { oid: object.target.oid };
  return undefined;
}

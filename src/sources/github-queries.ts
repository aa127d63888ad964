/**
 * The GitHub GraphQL queries, built here and nowhere else so one test can
 * validate every shape they take against GitHub's published schema
 * (`@octokit/graphql-schema`). Aliases carry the file list: `f0`…`fN` are
 * files asked for by path (`HEAD:LICENSE`), `b0`…`bN` blobs asked for by id.
 */

/**
 * The ~20 files most rules read, asked for in the first query so a small
 * repository needs no further request: declaration and config, licence and
 * notice files, README, manifests, community files.
 */
export const LIKELY_FILES: readonly string[] = Object.freeze([
  'dpg.yml', 'dpg.yaml', 'dpg.json', '.github/dpg.yml', '.dpg-check.yml',
  'LICENSE', 'LICENSE.md', 'LICENSE.txt', 'COPYING', 'NOTICE',
  'README.md', 'README', 'README.rst',
  'package.json', 'pyproject.toml',
  'CODE_OF_CONDUCT.md', '.github/CODE_OF_CONDUCT.md',
  'SECURITY.md', '.github/SECURITY.md',
  'CONTRIBUTING.md', 'publiccode.yml',
]);

const BLOB_FIELDS = '... on Blob { oid byteSize isBinary isTruncated text }';
const TREE_ENTRIES = 'tree { entries { name type mode oid } }';

/** A GraphQL string literal (JSON's escaping is GraphQL's). */
function literal(value: string): string {
  return JSON.stringify(value);
}

/**
 * Metadata, the commit, the root entries and the likely files, in one
 * request. `ref` is a branch, tag or commit; without it the default branch.
 */
export function repositoryQuery(files: readonly string[], ref?: string): string {
  const revision = ref ?? 'HEAD';
  const fileFields = files.map((file, index) => `    f${index}: object(expression: ${literal(`${revision}:${file}`)}) { ${BLOB_FIELDS} }`).join('\n');
  const refField = ref === undefined ? '' : `    ref: object(expression: ${literal(ref)}) { __typename oid ... on Commit { ${TREE_ENTRIES} } ... on Tag { target { __typename oid ... on Commit { ${TREE_ENTRIES} } } } }\n`;
  return `query DpgCheckRepository($owner: String!, $name: String!) {
  rateLimit { cost remaining resetAt }
  repository(owner: $owner, name: $name) {
    nameWithOwner
    url
    description
    homepageUrl
    isArchived
    isPrivate
    pushedAt
    owner { __typename login }
    licenseInfo { spdxId name }
    repositoryTopics(first: 50) { nodes { topic { name } } }
    codeOfConduct { key name url }
    isSecurityPolicyEnabled
    securityPolicyUrl
    defaultBranchRef { name target { __typename oid ... on Commit { ${TREE_ENTRIES} } } }
${refField}${fileFields}
  }
}`;
}

/** Blob texts by id, in one request (at most `MAX_BLOBS_PER_QUERY` of them). */
export function blobsQuery(oids: readonly string[]): string {
  const fields = oids.map((oid, index) => `    b${index}: object(oid: ${literal(oid)}) { ${BLOB_FIELDS} }`).join('\n');
  return `query DpgCheckBlobs($owner: String!, $name: String!) {
  rateLimit { cost remaining resetAt }
  repository(owner: $owner, name: $name) {
${fields}
  }
}`;
}

/** GitHub limits a query's size and nodes; 100 blobs keep each well inside. */
export const MAX_BLOBS_PER_QUERY = 100;

export interface GraphQLBlob {
  oid: string;
  byteSize: number;
  isBinary: boolean | null;
  isTruncated: boolean;
  text: string | null;
}

export interface GraphQLTreeEntry {
  name: string;
  type: string;
  mode: number;
  oid: string;
}

export interface GraphQLCommitish {
  __typename: string;
  oid: string;
  tree?: { entries: GraphQLTreeEntry[] | null };
  target?: GraphQLCommitish;
}

export interface RepositoryQueryResult {
  rateLimit?: { cost: number; remaining: number; resetAt: string };
  repository: null | {
    nameWithOwner: string;
    url: string;
    description: string | null;
    homepageUrl: string | null;
    isArchived: boolean;
    isPrivate: boolean;
    pushedAt: string | null;
    owner: { __typename: string; login: string };
    licenseInfo: { spdxId: string | null; name: string } | null;
    repositoryTopics: { nodes: { topic: { name: string } }[] };
    codeOfConduct: { key: string; name: string; url: string | null } | null;
    isSecurityPolicyEnabled: boolean | null;
    securityPolicyUrl: string | null;
    defaultBranchRef: { name: string; target: GraphQLCommitish | null } | null;
    ref?: GraphQLCommitish | null;
    [alias: `f${number}`]: GraphQLBlob | Record<string, never> | null;
  };
}

export interface BlobsQueryResult {
  rateLimit?: { cost: number; remaining: number; resetAt: string };
  repository: null | { [alias: `b${number}`]: GraphQLBlob | Record<string, never> | null };
}

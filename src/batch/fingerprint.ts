/**
 * Stable numbers for a batch: the shard a candidate belongs to (by its id, so
 * every runner of a CI matrix agrees without talking to the others) and the
 * hash of a candidate's inputs, which `--resume` compares to know that a
 * stored report is still the report of the same inputs.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readConfigFile } from '../engine/config.js';
import { STANDARD_VERSION } from '../model.js';
import { TOOL_VERSION } from '../version.js';
import type { Candidate } from './inputs.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses `--shard i/n`. */
export function parseShard(text: string): Shard | undefined {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) return undefined;
  return { index, count };
}

/** The shard (1-based) of a candidate id: the first 32 bits of its SHA-256, modulo the shard count. */
export function shardOf(id: string, count: number): number {
  const digest = crypto.createHash('sha256').update(id, 'utf8').digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

/**
 * Hash of what a candidate's report depends on: the tool and standard
 * versions, the reviewer's config (`reviewerFingerprint`), its options, and
 * its input files' content. For a local folder,
 * the path, size and modification time of every file (without `.git/` and
 * `node_modules/`); for a remote target, the URL only — a remote repository
 * is taken as unchanged until the batch runs without `--resume`.
 */
export function inputHash(candidate: Candidate, reviewer = NO_REVIEWER_CONFIG): string {
  const hash = crypto.createHash('sha256');
  const add = (label: string, value: string): void => {
    hash.update(label).update('\0').update(value).update('\0');
  };
  add('tool', TOOL_VERSION);
  add('standard', STANDARD_VERSION);
  add('reviewer', reviewer);
  add('id', candidate.id);
  const { spec } = candidate;
  add('kind', spec.kind);
  switch (spec.kind) {
    case 'registry':
      for (const file of [spec.group.nominee, spec.group.screening, spec.group.combined]) {
        if (file) add(file.shownAs, file.file?.text ?? `(unreadable) ${file.notes.map((n) => n.message).join('; ')}`);
      }
      break;
    case 'publiccode':
    case 'declaration':
      add(spec.file.shownAs, spec.file.file?.text ?? '(unreadable)');
      break;
    case 'invalid':
      add(spec.location, spec.message);
      break;
    case 'target':
      add('target', spec.target);
      add('types', (spec.types ?? []).join(','));
      add('subPath', spec.subPath ?? '');
      if (spec.declarationFile) add('declaration', readOrMissing(spec.declarationFile));
      if (!spec.remote) add('tree', treeFingerprint(spec.resolved));
      break;
  }
  return hash.digest('hex');
}

/** What `reviewerFingerprint` gives a batch without `--config`. */
export const NO_REVIEWER_CONFIG = '(none)';

/**
 * The reviewer's `--config` as `--resume` compares it: the file's content and
 * the content of the local packs it names (their code decides findings too);
 * a package pack by its name. Computed once per batch.
 */
export function reviewerFingerprint(configFile: string | undefined): string {
  if (!configFile) return NO_REVIEWER_CONFIG;
  const hash = crypto.createHash('sha256');
  hash.update(readOrMissing(configFile)).update('\0');
  let packs: readonly string[] = [];
  let dir = path.dirname(configFile);
  try {
    const config = readConfigFile(configFile, configFile);
    packs = config.packs;
    dir = config.dir;
  } catch {
    // A broken config stops the batch before any candidate (commands.ts); its text is hashed above.
  }
  for (const pack of packs) {
    const local = pack.startsWith('.') || path.isAbsolute(pack);
    hash.update(pack).update('\0').update(local ? readOrMissing(path.resolve(dir, pack)) : '(package)').update('\0');
  }
  return hash.digest('hex');
}

function readOrMissing(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '(missing)';
  }
}

/** Most entries a fingerprint walks; a larger tree is fingerprinted by its first entries in sorted order. */
const MAX_FINGERPRINT_ENTRIES = 200_000;

/** Path, size and modification time of every file under `root`, sorted; `.git/` and `node_modules/` left out. */
export function treeFingerprint(root: string): string {
  const hash = crypto.createHash('sha256');
  let count = 0;
  const visit = (relative: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
    } catch {
      hash.update(`unreadable ${relative}\n`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (count++ >= MAX_FINGERPRINT_ENTRIES) return;
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        visit(child);
        continue;
      }
      try {
        const stat = fs.lstatSync(path.join(root, child));
        hash.update(`${child}\0${stat.size}\0${Math.trunc(stat.mtimeMs)}\n`);
      } catch {
        hash.update(`${child}\0gone\n`);
      }
    }
  };
  try {
    if (!fs.statSync(root).isDirectory()) return 'not a directory';
  } catch {
    return 'missing';
  }
  visit('');
  return hash.digest('hex');
}

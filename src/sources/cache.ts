/**
 * The remote cache, in the user's cache directory ($XDG_CACHE_HOME/dpg-check,
 * or ~/.cache/dpg-check): tree listings by commit SHA, file contents by blob
 * id, host metadata with its ETag. Content-addressed entries can never be
 * stale — a blob id is the hash of the file — and are checked against that
 * hash when read, so a damaged entry is simply fetched again. A file over the
 * read cap is kept too, as what was fetched of it (its first bytes, its full
 * size and a digest of those bytes): a warm re-run then downloads nothing,
 * whatever the sizes. The cache is best effort: a cache that cannot be written
 * never stops a check.
 */
import { lazyCrypto } from '../lazy-crypto.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SkipReason } from '../snapshot/types.js';
import type { FetchedBlob } from './remote-snapshot.js';

/** $XDG_CACHE_HOME/dpg-check, else ~/.cache/dpg-check (the XDG base-directory default). */
export function cacheDirectory(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CACHE_HOME;
  // The XDG spec says a relative value is invalid and must be ignored.
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'dpg-check');
  const home = env.HOME || env.USERPROFILE || os.homedir();
  return path.join(home, '.cache', 'dpg-check');
}

export class SourceCache {
  private warned = false;
  /** Entries written in this run (tests and `--verbose` read it). */
  writes = 0;

  /** `dir` undefined: caching is off (`--no-cache`); every read misses and writes are dropped. */
  constructor(readonly dir: string | undefined, private readonly onWarning?: (message: string) => void) {}

  get enabled(): boolean {
    return this.dir !== undefined;
  }

  getJson<T>(namespace: string, key: string): T | undefined {
    const file = this.file(namespace, key, '.json');
    if (!file) return undefined;
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  setJson(namespace: string, key: string, value: unknown): void {
    const file = this.file(namespace, key, '.json');
    if (file) this.write(file, JSON.stringify(value));
  }

  /** The bytes of a git blob, or undefined when absent or damaged (their hash is not `oid`). */
  getBlob(oid: string): Buffer | undefined {
    const file = this.blobFile(oid);
    if (!file) return undefined;
    try {
      const bytes = fs.readFileSync(file);
      return gitBlobId(bytes, oid.length) === oid ? bytes : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores a blob when its bytes really hash to `oid` (a truncated or re-encoded text is never stored). */
  setBlob(oid: string, bytes: Buffer): void {
    const file = this.blobFile(oid);
    if (file && gitBlobId(bytes, oid.length) === oid) this.write(file, bytes);
  }

  /**
   * What was fetched of a blob, for a read cap of `maxBytes`: the whole blob,
   * or its first `maxBytes` bytes with its full size, or `binary` when the host
   * said so; undefined when absent, damaged, or cached under a smaller cap.
   */
  getFetched(oid: string, maxBytes: number): FetchedBlob | 'binary' | undefined {
    const whole = this.getBlob(oid);
    if (whole) return { bytes: whole, size: whole.length };
    const file = this.blobFile(oid, 'blob-heads');
    if (!file) return undefined;
    try {
      const stored = fs.readFileSync(file);
      const newline = stored.indexOf(0x0a);
      const header = JSON.parse(stored.subarray(0, newline).toString('utf8')) as BlobHead;
      if (header.binary === true) return 'binary';
      const bytes = stored.subarray(newline + 1);
      if (typeof header.size !== 'number' || header.size <= bytes.length || lazyCrypto().createHash('sha256').update(bytes).digest('hex') !== header.sha256) return undefined;
      return bytes.length >= maxBytes ? { bytes: bytes.subarray(0, maxBytes), size: header.size } : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Keeps what was fetched of a blob: a whole one by its id (checked against
   * it), the first bytes of a larger one, or that it is binary. Other reasons
   * (unreadable, not fetched) may not hold next time and are not kept.
   */
  setFetched(oid: string, blob: FetchedBlob | SkipReason): void {
    if (typeof blob === 'string') {
      if (blob === 'binary') this.setHead(oid, { binary: true }, Buffer.alloc(0));
      return;
    }
    if (blob.bytes.length === blob.size) this.setBlob(oid, blob.bytes);
    else if (blob.bytes.length < blob.size) this.setHead(oid, { size: blob.size, sha256: lazyCrypto().createHash('sha256').update(blob.bytes).digest('hex') }, blob.bytes);
  }

  private setHead(oid: string, header: BlobHead, bytes: Buffer): void {
    const file = this.blobFile(oid, 'blob-heads');
    if (file) this.write(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), bytes]));
  }

  private file(namespace: string, key: string, extension: string): string | undefined {
    if (!this.dir) return undefined;
    const digest = lazyCrypto().createHash('sha256').update(key).digest('hex');
    return path.join(this.dir, namespace, digest.slice(0, 2), digest.slice(2) + extension);
  }

  private blobFile(oid: string, namespace = 'blobs'): string | undefined {
    if (!this.dir || !/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(oid)) return undefined;
    return path.join(this.dir, namespace, oid.slice(0, 2), oid.slice(2));
  }

  /** Atomic: written beside the entry, then renamed over it, so a reader never sees half a file. */
  private write(file: string, data: string | Buffer): void {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const temporary = `${file}.${process.pid}.${lazyCrypto().randomBytes(4).toString('hex')}.tmp`;
      fs.writeFileSync(temporary, data, { mode: 0o600 });
      fs.renameSync(temporary, file);
      this.writes++;
    } catch (error) {
      if (!this.warned) {
        this.warned = true;
        this.onWarning?.(`could not write the cache in ${this.dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}); going on without it`);
      }
    }
  }
}

/** The first line of a `blob-heads` entry: what the bytes after it are. */
interface BlobHead {
  /** The host said the blob is binary (no bytes follow). */
  binary?: true;
  /** The blob's full size; the bytes that follow are its first ones. */
  size?: number;
  /** SHA-256 of the bytes that follow: a damaged entry is fetched again. */
  sha256?: string;
}

/** The git object id of a blob with these bytes (SHA-1, or SHA-256 for 64-hex-digit ids). */
export function gitBlobId(bytes: Buffer, length = 40): string {
  return lazyCrypto().createHash(length === 64 ? 'sha256' : 'sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

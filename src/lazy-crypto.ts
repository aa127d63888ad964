/**
 * `node:crypto`, loaded on first use. A local check hashes nothing (hashes serve the remote cache, fingerprints for
 * --baseline and SARIF, request ids), and loading the module costs a command 6–9 ms of start-up.
 */
import { createRequire } from 'node:module';
import type * as Crypto from 'node:crypto';

let loaded: typeof Crypto | undefined;

export function lazyCrypto(): typeof Crypto {
  loaded ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  return loaded;
}

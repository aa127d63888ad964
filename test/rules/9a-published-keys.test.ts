/**
 * Published keys (rules/9a-data-privacy-security/secrets.json `publishedKeys`): a private key that a project
 * publishes as its quick-start default or as its test suite's key is advice wherever it is copied, even into the
 * candidate's own files (RapidPro's mailroom_db.json holds mailroom's Vonage test key). The table names real
 * keys, which are never stored here; so the table is given, for this file, one more entry: a key made at run time.
 */
import { generateKeyPairSync } from 'node:crypto';
import { vi } from 'vitest';
import { RuleTester } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { committedSecrets as committedSecretsDraft } from '../../rules/9a-data-privacy-security/committed-secrets.js';
import { secretsOutsideProduct as secretsOutsideProductDraft } from '../../rules/9a-data-privacy-security/secrets-outside-product.js';
import { builtIn } from '../rules-support.js';

const keys = await vi.hoisted(async () => {
  const { generateKeyPairSync: generate } = await import('node:crypto');
  const published = generate('rsa', { modulusLength: 1024 }).privateKey;
  const modulus = Buffer.from(published.export({ format: 'jwk' }).n as string, 'base64url').toString('hex').replace(/^(00)+/, '');
  return { published: published.export({ type: 'pkcs8', format: 'pem' }).toString(), fingerprint: modulus.slice(0, 48) };
});

vi.mock('../../rules/9a-data-privacy-security/secrets.json', async (importOriginal) => {
  const table = (await importOriginal<{ default: { publishedKeys: { entries: unknown[] } } }>()).default;
  const entries = [...table.publishedKeys.entries, { fingerprint: keys.fingerprint, what: 'Example Messaging\'s test channel key', sources: ['https://example.org/tests'] }];
  return { default: { ...table, publishedKeys: { ...table.publishedKeys, entries } } };
});

const committedSecrets = builtIn(committedSecretsDraft);
const secretsOutsideProduct = builtIn(secretsOutsideProductDraft);
const base: Declaration = { name: 'Example', types: ['software'] };
const asJsonString = (pem: string): string => JSON.stringify(pem);
const unpublished = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
// A test database's seed, in the product's own folders, holding a channel's configuration.
const seed = (pem: string): string => `{\n  "channels": [\n    {\n      "name": "Vonage",\n      "config": {\n        "app_id": "appid_123456789",\n        "app_private_key": ${asJsonString(pem)}\n      }\n    }\n  ]\n}\n`;

RuleTester.run(committedSecrets, {
  valid: [
    {
      name: 'a published test key in the candidate\'s own seed data is not a leaked credential',
      files: { 'README.md': '# x\n', 'app/management/data/seed_db.json': seed(keys.published) },
      declaration: base,
      expect: [{ status: 'pass', messageId: 'clean' }],
    },
  ],
  invalid: [
    {
      name: 'the same seed with a key nobody published still fails',
      files: { 'README.md': '# x\n', 'app/management/data/seed_db.json': seed(unpublished) },
      declaration: base,
      expect: [{ status: 'fail', messageId: 'secrets', evidence: 'app/management/data/seed_db.json' }],
    },
  ],
});

RuleTester.run(secretsOutsideProduct, {
  valid: [
    {
      name: 'a key nobody published in the product is dpg-9a-03\'s, not advice',
      files: { 'README.md': '# x\n', 'app/management/data/seed_db.json': seed(unpublished) },
      declaration: base,
      expect: [{ status: 'pass', messageId: 'none' }],
    },
  ],
  invalid: [
    {
      name: 'the published key is advice that says whose it is',
      files: { 'README.md': '# x\n', 'app/management/data/seed_db.json': seed(keys.published) },
      declaration: base,
      expect: [{ status: 'gap', messageId: 'outside', evidence: 'app/management/data/seed_db.json', message: /Example Messaging's test channel key, published for development setups/ }],
    },
  ],
});

import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RuleTester } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/9a-data-privacy-security/index.js';
import { piiHandling as piiHandlingDraft } from '../../rules/9a-data-privacy-security/pii-handling.js';
import { securityPolicy as securityPolicyDraft, findReportingChannel } from '../../rules/9a-data-privacy-security/security-policy.js';
import { generateKeyPairSync } from 'node:crypto';
import { committedSecrets as committedSecretsDraft, isScanned, scanText } from '../../rules/9a-data-privacy-security/committed-secrets.js';
import { secretsOutsideProduct as secretsOutsideProductDraft } from '../../rules/9a-data-privacy-security/secrets-outside-product.js';
import { classifyPaths } from '../../src/engine/path-classes.js';
import { createRuleContext } from '../../src/engine/context.js';
import type { Facts } from '../../src/rule-api.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { dependencyUpdates as dependencyUpdatesDraft } from '../../rules/9a-data-privacy-security/dependency-updates.js';
import { checkCandidate } from '../../src/engine/check.js';
import { FORMATS, render } from '../../src/reporters/index.js';
import { builtIn } from '../rules-support.js';

const piiHandling = builtIn(piiHandlingDraft);
const securityPolicy = builtIn(securityPolicyDraft);
const committedSecrets = builtIn(committedSecretsDraft);
const secretsOutsideProduct = builtIn(secretsOutsideProductDraft);
const dependencyUpdates = builtIn(dependencyUpdatesDraft);

const base: Declaration = { name: 'Example', types: ['software'] };
const MEASURES = 'Personal data is encrypted at rest and in transit, access is limited by role and audited, records are pseudonymised for analysis and deleted after the retention period set by each implementer.';
const pii = (dataPrivacy: NonNullable<NonNullable<Declaration['doNoHarm']>['dataPrivacy']>): Declaration => ({ ...base, doNoHarm: { dataPrivacy } });

describe('indicator 9a rules', () => {
  it('exports its rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-9a-01 pii-handling', 'dpg-9a-02 security-policy', 'dpg-9a-03 no-committed-secrets', 'dpg-9a-04 dependency-updates', 'dpg-9a-05 secrets-outside-product']);
  });
  it('prefers an email address to other channels and skips placeholders', () => {
    expect(findReportingChannel('See https://example.org/releases\n\nMail security@acme.io')).toMatchObject({ kind: 'email address', value: 'security@acme.io', line: 3 });
    expect(findReportingChannel('Write to security@example.com')).toBeUndefined();
  });
});

RuleTester.run(piiHandling, {
  valid: [
    { name: 'no PII', declaration: pii({ piiLevel: 'none' }), expect: [{ status: 'pass', messageId: 'noPII', evidence: 'doNoHarm.dataPrivacy.piiLevel' }] },
    { name: 'PII with types and measures', declaration: pii({ piiLevel: 'collected-stored', piiTypes: ['name', 'phone number'], measures: MEASURES }), expect: [{ status: 'pass', messageId: 'measuresDescribed', evidence: 'doNoHarm.dataPrivacy.measures' }] },
    // Patterns of approved DPGs' registry answers: a link to the policy, or one sentence naming the safeguard.
    { name: 'a short answer linking the policy', declaration: pii({ piiLevel: 'collected-stored', piiTypes: ['email'], measures: 'https://docs.example.org/privacy' }), expect: [{ status: 'pass', messageId: 'measuresDescribed', message: /with a link to the policy/ }] },
    { name: 'a short answer naming a measure', declaration: pii({ piiLevel: 'collected-stored', piiTypes: ['name'], measures: 'All data is owned by local Ministries of Health. No data is shared.' }), expect: [{ status: 'pass', messageId: 'measuresDescribed', message: /naming no sharing and data ownership by the implementer/ }] },
    { name: 'types not listed: noted, not a gap', declaration: pii({ piiLevel: 'collected-stored', measures: MEASURES }), expect: [{ status: 'pass', messageId: 'measuresDescribed', message: /the types of PII are not listed/ }] },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'level not answered', declaration: { ...base, doNoHarm: {} }, expect: [{ status: 'gap', messageId: 'unanswered', evidence: 'doNoHarm.dataPrivacy' }] },
    { name: 'PII handled, no measures', declaration: pii({ piiLevel: 'collected-stored-distributed', piiTypes: ['email'] }), expect: [{ status: 'gap', messageId: 'noMeasures', evidence: 'doNoHarm.dataPrivacy.piiLevel' }] },
    { name: 'measures too short, naming nothing', declaration: pii({ piiLevel: 'collected', piiTypes: ['email'], measures: 'We take care of it.' }), expect: [{ status: 'gap', messageId: 'measuresTooShort', evidence: 'doNoHarm.dataPrivacy.measures' }] },
    {
      name: 'evidence path missing',
      declaration: pii({ piiLevel: 'collected-stored', piiTypes: ['name'], measures: MEASURES, evidence: ['docs/security.md'] }),
      files: { 'README.md': '# x\n' },
      expect: [{ status: 'pass', messageId: 'measuresDescribed' }, { status: 'gap', messageId: 'linkNotFound', evidence: 'doNoHarm.dataPrivacy.evidence[0]' }],
    },
  ],
});

RuleTester.run(securityPolicy, {
  valid: [
    { name: 'SECURITY.md with an email address', declaration: base, files: { 'SECURITY.md': '# Security\n\nPlease report vulnerabilities to security@acme.io.\n' }, expect: [{ status: 'pass', messageId: 'policy', evidence: 'SECURITY.md' }] },
    { name: '.github/SECURITY.md pointing at advisories', declaration: null, files: { '.github/SECURITY.md': '# Security\n\nUse GitHub private vulnerability reporting.\n' }, expect: [{ status: 'pass', messageId: 'policy', evidence: '.github/SECURITY.md' }] },
    { name: 'policy from the host', declaration: base, files: { 'README.md': '# x\n' }, host: { securityPolicy: true }, expect: [{ status: 'pass', messageId: 'hostPolicy' }] },
  ],
  invalid: [
    {
      name: 'unedited GitHub template',
      declaration: base,
      files: { 'SECURITY.md': '# Security Policy\n\n## Reporting a Vulnerability\n\nUse this section to tell people how to report a vulnerability.\n' },
      expect: [{ status: 'gap', messageId: 'template', evidence: 'SECURITY.md' }],
    },
    { name: 'no channel, placeholder address', declaration: base, files: { 'docs/SECURITY.md': '# Security\n\nWrite to security@example.com.\n' }, expect: [{ status: 'gap', messageId: 'noChannel', evidence: 'docs/SECURITY.md' }] },
    { name: 'no security policy', declaration: base, files: { 'README.md': '# x\n' }, expect: [{ status: 'gap', messageId: 'missing' }] },
    { name: 'declaration only', declaration: base, files: {}, expect: [{ status: 'gap', messageId: 'noRepository' }] },
  ],
});

// ---------------------------------------------------------------------------
// dpg-9a-03 no-committed-secrets
//
// Secrets are assembled at run time from a seeded generator, so that no
// credential-shaped string is ever committed (and no push protection trips).

/** A deterministic random-looking string over `alphabet`. */
function randomText(length: number, seed: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
  let state = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += alphabet[(state >>> 16) % alphabet.length];
  }
  return out;
}
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SECRET = {
  github: ['gh', 'p_', randomText(36, 1)].join(''),
  gitlab: ['gl', 'pat-', randomText(20, 2)].join(''),
  aws: ['AK', 'IA', randomText(16, 3, UPPER)].join(''),
  awsSecret: randomText(40, 4),
  stripe: ['sk', '_live_', randomText(24, 5)].join(''),
  slack: ['xo', 'xb-', '1234567890', '-', '9876543210', '-', randomText(24, 6)].join(''),
  npm: ['np', 'm_', randomText(36, 7)].join(''),
  gcp: ['GOC', 'SPX-', randomText(28, 8)].join(''),
  azure: ['AccountKey=', randomText(86, 9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'), '=='].join(''),
  pemBody: randomText(64, 10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
  envPassword: randomText(20, 11),
};
const PEM_HEADER = ['-----BEGIN ', 'RSA PRIVATE KEY', '-----'].join('');
const PEM_FOOTER = ['-----END ', 'RSA PRIVATE KEY', '-----'].join('');
const PEM = `${PEM_HEADER}\n${SECRET.pemBody}\n${SECRET.pemBody}\n${PEM_FOOTER}\n`;

describe('secret patterns', () => {
  const kinds = (file: string, text: string): string[] => scanText(file, text).found.map((f) => `${f.kind}@${f.line}`);
  it('finds each kind of secret on its line', () => {
    expect(kinds('src/config.js', `const a = 1;\nconst token = "${SECRET.github}";\n`)).toEqual(['GitHub token@2']);
    expect(kinds('ci.yml', `env:\n  GL: ${SECRET.gitlab}\n`)).toEqual(['GitLab token@2']);
    expect(kinds('credentials', `[default]\naws_access_key_id = ${SECRET.aws}\naws_secret_access_key = ${SECRET.awsSecret}\n`)).toEqual(['AWS access key ID@2', 'AWS secret access key@3']);
    expect(kinds('pay.py', `stripe.api_key = '${SECRET.stripe}'\n`)).toEqual(['Stripe live secret key@1']);
    expect(kinds('bot.ts', `new App({ token: '${SECRET.slack}' })\n`)).toEqual(['Slack token@1']);
    expect(kinds('.npmrc', `//registry.npmjs.org/:_authToken=${SECRET.npm}\n`)).toEqual(['npm access token@1']);
    expect(kinds('client.json', `{"web":{"client_secret":"${SECRET.gcp}"}}`)).toEqual(['Google OAuth client secret@1']);
    expect(kinds('app.config', `<add key="storage" value="DefaultEndpointsProtocol=https;AccountName=prod;${SECRET.azure};EndpointSuffix=core.windows.net" />`)).toEqual(['Azure storage account key@1']);
    expect(kinds('deploy/id_rsa', PEM)).toEqual(['private key@1']);
    const serviceAccount = `{\n  "type": "service_account",\n  "private_key": "${PEM_HEADER.replace('RSA ', '')}\\n${SECRET.pemBody}\\n${SECRET.pemBody}\\n-----END PRIVATE KEY-----\\n"\n}\n`;
    expect(kinds('gcp-key.json', serviceAccount)).toEqual(['private key@3']);
  });
  it('reads .env files: secret-named variables with real values, names only', () => {
    const env = `DATABASE_PASSWORD=${SECRET.envPassword}\nDATABASE_URL=postgres://app:${SECRET.envPassword}@db/app\nLOG_LEVEL=debug\nAPI_KEY=\nSESSION_SECRET=changeme\nJWT_SECRET=\${JWT_SECRET}\nUPLOAD_TOKEN="<your token>"\nSECRET_KEY=django-insecure-${SECRET.envPassword}\n`;
    const found = scanText('.env.production', env).found;
    expect(found.map((f) => `${f.line} ${f.excerpt}`)).toEqual(['1 DATABASE_PASSWORD=«redacted»', '2 DATABASE_URL=«redacted»']);
    expect(scanText('.env.example', env).found).toEqual([]);
    expect(scanText('config/sample.env', env).found).toEqual([]);
    expect(scanText('.envrc', `export GITLAB_TOKEN_SECRET=${SECRET.envPassword}\n`).found.map((f) => f.excerpt)).toEqual(['GITLAB_TOKEN_SECRET=«redacted»']);
  });
  it('skips fakes: documented examples, marked lines, placeholders, fixtures that say so, headers without a key', () => {
    expect(scanText('src/a.js', 'const id = "AKIAIOSFODNN7EXAMPLE";\n')).toEqual({ found: [], fakes: 1 });
    expect(scanText('src/a.js', `const token = "${SECRET.github}"; // fake token for the docs\n`)).toEqual({ found: [], fakes: 1 });
    expect(scanText('src/a.js', `const token = "${['gh', 'p_'].join('')}${'x'.repeat(36)}";\n`).found).toEqual([]);
    expect(scanText('test/fixtures/keys.txt', `# dummy credentials for the parser tests\n${SECRET.github}\n${PEM}`)).toEqual({ found: [], fakes: 2 });
    expect(scanText('src/pem.js', `if (text.startsWith('${PEM_HEADER}')) parse(text);\n`)).toEqual({ found: [], fakes: 0 });
    expect(scanText('README.md', `Keys look like ${PEM_HEADER}\n...\n${PEM_FOOTER}\n`)).toEqual({ found: [], fakes: 0 });
  });
  it('still reports a real-looking key in a test folder that does not say it is fake', () => {
    expect(scanText('test/integration/config.js', `export const token = "${SECRET.github}";\n`).found).toHaveLength(1);
  });
  it('reads text files only, never lockfiles, media or vendored trees', () => {
    expect(isScanned('src/index.ts')).toBe(true);
    expect(isScanned('id_rsa')).toBe(true);
    expect(isScanned('.env')).toBe(true);
    expect(isScanned('package-lock.json')).toBe(false);
    expect(isScanned('assets/logo.png')).toBe(false);
    expect(isScanned('dist/app.min.js')).toBe(false);
    expect(isScanned('node_modules/x/index.js')).toBe(false);
    expect(isScanned('data/records.csv')).toBe(false);
  });
});

RuleTester.run(committedSecrets, {
  valid: [
    {
      name: 'fixture with AWS example keys, placeholder .env values and key-handling code',
      fixture: 'fixtures/candidates-deps/secrets-fake',
      expect: [{ status: 'pass', messageId: 'clean' }],
    },
    { name: 'nothing secret', files: { 'README.md': '# x\n', 'src/a.ts': 'export const a = 1;\n' }, declaration: base, expect: [{ status: 'pass', messageId: 'clean' }] },
    {
      // open-contracting-portal: a docker-compose development env file whose secrets are numeric dummies.
      name: 'a development .env whose secret values are numbers',
      files: { '.env': 'JWT_SECRET=1231231231\nRECAPTCHA_SECRET=987654321098\nPOSTGRES_PASSWORD=1234\nSERVER_URL=http://localhost:8080\n', 'docker-compose.yml': 'services:\n  app:\n    env_file: .env\n' },
      declaration: base,
      expect: [{ status: 'pass', messageId: 'clean' }],
    },
    {
      name: 'an AWS access key ID alone, its password a placeholder: no live credential',
      files: { 'README.md': '# x\n', 'envcfg/prod/app.properties': `mail.username=${SECRET.aws}\nmail.password=change_me\n` },
      declaration: base,
      expect: [{ status: 'pass', messageId: 'clean' }],
    },
    { name: 'declaration only', files: {}, declaration: base, expect: [{ status: 'n/a', messageId: 'noRepository' }] },
  ],
  invalid: [
    {
      name: 'a token in code, a private key and a .env file',
      files: { 'src/github.ts': `export const token = '${SECRET.github}';\n`, 'deploy/key.pem': PEM, '.env': `DB_PASSWORD=${SECRET.envPassword}\n`, 'README.md': '# x\n' },
      declaration: base,
      expect: [
        { status: 'fail', messageId: 'secrets', evidence: '.env' },
        { status: 'fail', messageId: 'secrets', evidence: 'deploy/key.pem' },
        { status: 'fail', messageId: 'secrets', evidence: 'src/github.ts' },
      ],
    },
    {
      // kotani-pay: a live-looking database password in a connection string still counts, beside numeric dummies.
      name: 'a connection string with a password beside a numeric dummy',
      files: { '.env': `JWT_SECRET=1231231231\nMONGODB_URI=mongodb+srv://app:${SECRET.envPassword}@cluster0.ab1cd.mongodb.net/app\n` },
      declaration: base,
      expect: [{ status: 'fail', messageId: 'secrets', evidence: '.env' }],
    },
    {
      name: 'more files than are reported one by one',
      files: Object.fromEntries(Array.from({ length: 22 }, (_, i) => [`config/service-${String(i).padStart(2, '0')}.yml`, `token: ${SECRET.gitlab}\n`])),
      declaration: base,
      expect: [...Array.from({ length: 20 }, () => ({ status: 'fail' as const, messageId: 'secrets' })), { status: 'fail', messageId: 'moreFiles', evidence: 'config/service-21.yml' }],
    },
    {
      name: 'the scan stops at its file limit',
      files: Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`src/f${i}.ts`, 'export {};\n'])),
      declaration: base,
      options: { maxFiles: 2 },
      expect: [{ status: 'gap', messageId: 'partial' }],
    },
  ],
});

// --- Where a secret sits: the shipped product (requirement) or not (advice, dpg-9a-05) ---------------
// Each false fail met on real DPGs, as a small pattern of our own; the real problems beside them still fail.

const CERT_LOCALHOST = fs.readFileSync('fixtures/secrets-certs/localhost.crt', 'utf8');
const CERT_CA_ISSUED = fs.readFileSync('fixtures/secrets-certs/app.acme.org.crt', 'utf8');
/** A real RSA key pair made at run time (never stored): its public half lets the scan tie copies together. */
const RSA = generateKeyPairSync('rsa', { modulusLength: 1024 });
const RSA_PRIVATE = RSA.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const RSA_PUBLIC = RSA.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const EC_PRIVATE = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const AWS_PAIR = `aws_access_key_id: ${SECRET.aws}\naws_secret_access_key: ${SECRET.awsSecret}\n`;
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

describe('secret values', () => {
  const found = (file: string, text: string): string[] => scanText(file, text).found.map((f) => f.kind);
  it('does not take the access key ID of a pre-signed S3 URL for a credential', () => {
    const url = `https://bucket.s3.amazonaws.com/form.xml?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${SECRET.aws}%2F20201103%2Feu-central-1%2Fs3%2Faws4_request&X-Amz-Signature=abc`;
    expect(scanText('src/forms.json', `{"file": "${url}"}\n`)).toEqual({ found: [], fakes: 1 });
  });
  it('needs AWS context for a 40-character secret key', () => {
    expect(found('src/storage.yml', `secret_key: ${SECRET.awsSecret}\n`)).toEqual([]);
    expect(found('src/storage.yml', `# s3.amazonaws.com\nstorage_secret_key=${SECRET.awsSecret}\n`)).toEqual(['AWS secret access key']);
    expect(found('src/storage.yml', `access_key=${SECRET.aws}\nsecret_key=${SECRET.awsSecret}\n`)).toEqual(['AWS access key ID', 'AWS secret access key']);
  });
  it('reads no marker in a key\'s body: "fAkEA" in the base64 of a key in a JSON string is not "fake"', () => {
    // One 1024-bit key in twenty has "fAkEA" (the DER of its primes after an "f"); in a JSON string its whole body
    // is on one line, and a fixture that "says it is fake" was judged from its whole text.
    let pem = '';
    for (let i = 0; i < 2000 && !/fake/i.test(JSON.stringify(pem)); i++) pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(JSON.stringify(pem)).toMatch(/fake/i);
    const seed = `{\n  "channels": [{ "config": { "app_private_key": ${JSON.stringify(pem)} } }]\n}\n`;
    expect(scanText('fixtures/seed.json', seed).found.map((f) => f.kind)).toEqual(['private key']);
    expect(scanText('config/channels.json', seed).found.map((f) => f.kind)).toEqual(['private key']);
    // A fixture that says so in words is still a fixture.
    expect(scanText('fixtures/seed.json', `// a fake key for the tests\n${seed}`).found).toEqual([]);
  });
  it('skips template variables, placeholders and vendors\' published test values in .env files', () => {
    const env = [
      'POSTGRES_PASSWORD=[% adminPassword %]', 'DB_PASSWORD={{ db_password }}', 'API_TOKEN=<%= token %>', 'APP_SECRET=this_is_a_secret_for_dev',
      'MAIL_PASSWORD=your_mail_password_here', 'SIGNING_KEY=change_me_in_production', 'ADMIN_PASSWORD=password123', 'DRUID_POSTGRES_PASSWORD=FoolishPassword',
      // soulmedicine's committed .env: development defaults, a short word and a password word.
      'DATABASE_PASSWORD=sm_password', 'APP_SECRET=app_secret',
      'RECAPTCHA_SECRET_KEY=6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe', 'HCAPTCHA_SECRET=0x0000000000000000000000000000000000000000',
    ].join('\n');
    expect(scanText('deploy/database.env', env).found).toEqual([]);
    expect(scanText('deploy/database.env', `${env}\nDB_PASSWORD=${SECRET.envPassword}\n`).found.map((f) => f.excerpt)).toEqual(['DB_PASSWORD=«redacted»']);
  });
  it('a base64 body that happens to spell a marker in mixed case (vfAkEAx) is still a key; EXAMPLE in one case is a placeholder', () => {
    const line = 'MIICWwIBAAKBgQCYzsX1fSrKw0c916KAdV0ajO9Ya7LQtX2LqMzEcUtbZrFzPrti';
    const pem = (middle: string) => `-----BEGIN RSA PRIVATE KEY-----\n${line}\n${middle}\n${line}\n-----END RSA PRIVATE KEY-----\n`;
    expect(found('config/signing.pem', pem('Se4ILVCfAkEAxPEYtJxsgmUBn9U71MrWbiQn7zKYnl2p03QDGxzuaJXDj6Jnq5wS'))).toEqual(['private key']);
    expect(found('config/signing.pem', pem('EXAMPLEKEYEXAMPLEKEYEXAMPLEKEYEXAMPLEKEYEXAMPLEKEYEXAMPLEKEYEXAM'))).toEqual([]);
  });
  it('reads PEM bodies written as concatenated strings', () => {
    const body = RSA_PRIVATE.trim().split('\n');
    const code = `const key = ${body.map((l) => `"${l}\\n"`).join(' +\n  ')};\n`;
    expect(found('src/sign.js', code)).toEqual(['private key']);
  });
});

RuleTester.run(committedSecrets, {
  valid: [
    {
      name: 'keys in tests, fixtures, samples and dev environments are not the product',
      files: {
        'README.md': '# x\n',
        'core/src/test/java/FormatterTest.java': `String token = "${SECRET.github}";\n`,
        'cli/testdata/server-key.pem': PEM,
        '.env.example': `AUTH_PRIVATE_KEY="${PEM.replace(/\n/g, '\\n')}"\n`,
        '.env.development': `SECRET_KEY_BASE=${SECRET.envPassword}\n`,
        '.env.seed.large': `SEED_ADMIN_PASSWORD="${SECRET.envPassword}"\n`,
        // unicef/kindly: the test suite's env file (pytest.ini loads it), named for tests before its extension.
        'api/.test.env': `TOKEN_KEYS='{"${SECRET.envPassword}":"third_party_1"}'\nAPI_TOKEN=${SECRET.envPassword}\n`,
        'backend/configs/keys.js.sample': `module.exports = { privateKey: '${PEM.replace(/\n/g, '\\n')}' };\n`,
        'site/config/baseConfig.json.example': json({ google: { clientSecret: SECRET.gcp } }),
        'docker-compose.dev.yml': `services:\n  app:\n    environment:\n      - ${AWS_PAIR.split('\n')[0]}\n      - ${AWS_PAIR.split('\n')[1]}\n`,
      },
      declaration: base,
      expect: [{ status: 'pass', messageId: 'clean' }],
    },
    {
      name: 'a private key beside a self-signed localhost certificate, or named as a dev key',
      files: { 'README.md': '# x\n', 'backend/ssl/key.pem': PEM, 'backend/ssl/cert.pem': CERT_LOCALHOST, 'tools/dev-signing.key': PEM },
      declaration: base,
      expect: [{ status: 'pass', messageId: 'clean' }],
    },
    {
      name: 'a signing key whose public half a sample configuration trusts, and a key also in .env.example',
      files: {
        'README.md': '# x\n',
        'tools/rsa_priv.pem': RSA_PRIVATE,
        'backend/config/default.json.example': json({ keys: { app: RSA_PUBLIC } }),
        'imports/config.json': json({ issuer: { privateKey: EC_PRIVATE } }),
        '.env.example': `SIGNER_PRIVATE_KEY="${EC_PRIVATE.replace(/\n/g, '\\n')}"\n`,
      },
      declaration: base,
      expect: [{ status: 'pass', messageId: 'clean' }],
    },
  ],
  invalid: [
    {
      name: 'live cloud keys in production configuration still fail',
      files: {
        'README.md': '# x\n',
        'config/production.yml': `storage:\n  ${AWS_PAIR.replace('\n', '\n  ')}`,
        'src/settings.py': `STRIPE_SECRET_KEY = "${SECRET.stripe}"\nGITHUB_TOKEN = "${SECRET.github}"\n`,
        'test/settings_test.py': `STRIPE_SECRET_KEY = "${SECRET.stripe}"\n`,
      },
      declaration: base,
      expect: [{ status: 'fail', messageId: 'secrets', evidence: 'config/production.yml' }, { status: 'fail', messageId: 'secrets', evidence: 'src/settings.py' }],
    },
    {
      name: 'a TLS key beside a CA-issued certificate for a real host, and a real token in a committed .env.production',
      files: { 'README.md': '# x\n', 'ssl/private.key': PEM, 'ssl/certificate.crt': CERT_CA_ISSUED, 'packages/mobile/.env.production': `API_BASE_URL=https://api.acme.org\nRAPIDPRO_TOKEN=${randomText(40, 12, '0123456789abcdef')}\n` },
      declaration: base,
      expect: [{ status: 'fail', messageId: 'secrets', evidence: 'packages/mobile/.env.production' }, { status: 'fail', messageId: 'secrets', evidence: 'ssl/private.key' }],
    },
    {
      // The pair of geoprism-registry's lone access key ID: with its secret access key in another file, both fail.
      name: 'an AWS access key ID whose secret access key is in another file',
      files: { 'README.md': '# x\n', 'envcfg/prod/app.properties': `mail.username=${SECRET.aws}\nmail.password=change_me\n`, 'config/production.yml': `aws_secret_access_key: ${SECRET.awsSecret}\n` },
      declaration: base,
      expect: [{ status: 'fail', messageId: 'secrets', evidence: 'config/production.yml' }, { status: 'fail', messageId: 'secrets', evidence: 'envcfg/prod/app.properties' }],
    },
    {
      // ihris: tools/rsa_1024_priv.pem is a development key because the same key is in a test, which a scan cut
      // short by its time limit (a loaded machine) never read; the verdict must not turn on that.
      name: 'a private key whose copy in a test the scan stopped before is a gap, not a fail; a live token beside it still fails',
      files: {
        'tools/rsa_priv.pem': RSA_PRIVATE,
        'config/production.yml': `github_token: ${SECRET.github}\n`,
        'src/a.ts': 'export {};\n',
        'src/b.ts': 'export {};\n',
        '__tests__/config-test.js': `module.exports = { key: '${RSA_PRIVATE.replace(/\n/g, '\\n')}' };\n`,
      },
      declaration: base,
      options: { maxFiles: 3 },
      expect: [
        { status: 'fail', messageId: 'secrets', evidence: 'config/production.yml' },
        { status: 'gap', messageId: 'keyUndetermined', evidence: 'tools/rsa_priv.pem', message: /stopped before 2 text files \(the scan stops after 3 files\)/ },
      ],
    },
  ],
});

RuleTester.run(secretsOutsideProduct, {
  valid: [
    { name: 'nothing outside the product', files: { 'README.md': '# x\n', 'src/a.ts': 'export const a = 1;\n' }, declaration: base, expect: [{ status: 'pass', messageId: 'none' }] },
    { name: 'a key in the product is dpg-9a-03\'s, not advice', files: { 'src/github.ts': `export const token = '${SECRET.github}';\n` }, declaration: base, expect: [{ status: 'pass', messageId: 'none' }] },
    { name: 'declaration only', files: {}, declaration: base, expect: [{ status: 'n/a', messageId: 'noRepository' }] },
  ],
  invalid: [
    {
      // geoprism-registry's envcfg/prod/geoprism/geoprism.properties: an SES user's access key ID, its password a placeholder.
      name: 'an AWS access key ID without its secret access key anywhere',
      files: { 'README.md': '# x\n', 'envcfg/prod/app.properties': `mail.server=email-smtp.us-west-2.amazonaws.com\nmail.username=${SECRET.aws}\nmail.password=change_me\n` },
      declaration: base,
      expect: [{ status: 'gap', messageId: 'outside', evidence: 'envcfg/prod/app.properties', message: /an AWS access key ID \(line 2\), not a live credential of the shipped product: it is an identifier, and no secret access key is in any file read/ }],
    },
    {
      name: 'keys in a test, a sample, a dev .env and beside a localhost certificate',
      files: {
        'README.md': '# x\n',
        'tests/key_utils.test.js': `const key = '${PEM.replace(/\n/g, '\\n')}';\n`,
        'config/baseConfig.json.example': json({ clientSecret: SECRET.gcp }),
        '.env.test': `SECRET_KEY_BASE=${SECRET.envPassword}\n`,
        'ssl/key.pem': PEM,
        'ssl/cert.pem': CERT_LOCALHOST,
      },
      declaration: base,
      expect: [
        { status: 'gap', messageId: 'outside', evidence: '.env.test' },
        { status: 'gap', messageId: 'outside', evidence: 'config/baseConfig.json.example' },
        { status: 'gap', messageId: 'outside', evidence: 'ssl/key.pem' },
        { status: 'gap', messageId: 'outside', evidence: 'tests/key_utils.test.js' },
      ],
    },
  ],
});

describe('the two secret rules share one scan', () => {
  it('reads each file once for both rules', async () => {
    const files: Record<string, string> = { 'README.md': '# x\n', 'src/a.ts': `export const t = '${SECRET.github}';\n`, 'test/b.ts': `export const t = '${SECRET.gitlab}';\n` };
    const reads = new Map<string, number>();
    const snapshot: Snapshot = {
      source: { kind: 'local', location: '.' },
      paths: Object.keys(files),
      has: (p: string) => p in files,
      read: (p: string) => { reads.set(p, (reads.get(p) ?? 0) + 1); return files[p] === undefined ? undefined : { path: p, text: files[p] as string, bytes: (files[p] as string).length, truncated: false }; },
      skipped: () => undefined,
      warnings: [],
    } as unknown as Snapshot;
    const facts = { types: ['software'], typesSource: 'default', licenseFiles: [], licenses: [], paths: classifyPaths(snapshot.paths) } as unknown as Facts;
    const view = { data: undefined, path: null, valid: false, locate: () => undefined, evidence: () => ({ kind: 'declaration', key: '' }) } as never;
    const product = await committedSecrets.check(createRuleContext(snapshot, view, facts));
    const advice = await secretsOutsideProduct.check(createRuleContext(snapshot, view, facts));
    expect([product, advice].flat().map((o) => `${o.status} ${o.messageId}`)).toEqual(['fail secrets', 'gap outside']);
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
  });
});

describe('committed secrets are never shown', () => {
  it('keeps every secret out of messages, excerpts and every report format', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-check-secrets-'));
    try {
      const files: Record<string, string> = {
        'README.md': '# Leaky\n',
        'dpg.yml': 'name: Leaky\ntypes: [software]\n',
        // The AWS pair as a pair: an access key ID alone is an identifier (advice, dpg-9a-05).
        'src/config.js': `${Object.entries(SECRET).filter(([k]) => !['pemBody', 'envPassword', 'azure'].includes(k)).map(([k, v]) => `export const ${k} = "${v}";`).join('\n')}\nexport const aws_secret_access_key = "${SECRET.awsSecret}";`,
        'config/storage.config': `DefaultEndpointsProtocol=https;AccountName=prod;${SECRET.azure}`,
        'deploy/key.pem': PEM,
        '.env': `DB_PASSWORD=${SECRET.envPassword}\n`,
      };
      for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
      }
      const report = await checkCandidate({ target: dir });
      const secretFindings = report.findings.filter((f) => f.ruleId === 'dpg-9a-03');
      expect(secretFindings.map((f) => f.status)).toEqual(['fail', 'fail', 'fail', 'fail']);
      expect(report.indicators.find((i) => i.id === '9a')?.verdict).toBe('fail');
      const kinds = secretFindings.flatMap((f) => f.evidence.map((e) => (e.kind === 'file' ? e.excerpt : ''))).join('\n');
      for (const kind of ['GitHub token', 'GitLab token', 'AWS access key ID', 'Stripe live secret key', 'Slack token', 'npm access token', 'Google OAuth client secret', 'Azure storage account key', 'private key', 'DB_PASSWORD=«redacted»']) expect(kinds).toContain(kind);
      const outputs = FORMATS.map((format) => render(report, format, { color: false, verbose: true, sarifAll: true }));
      for (const output of [...outputs, JSON.stringify(report)]) {
        for (const value of [...Object.values(SECRET), SECRET.azure.slice('AccountKey='.length)]) expect(output.includes(value), `a secret appears in the output`).toBe(false);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------
// dpg-9a-04 dependency-updates

RuleTester.run(dependencyUpdates, {
  valid: [
    { name: 'Dependabot with two ecosystems', fixture: 'fixtures/candidates-deps/secrets-fake', expect: [{ status: 'pass', messageId: 'configured', evidence: '.github/dependabot.yml' }] },
    { name: 'renovate.json', files: { 'renovate.json': '{ "extends": ["config:recommended"] }\n', 'package.json': '{}' }, declaration: base, expect: [{ status: 'pass', messageId: 'configured', evidence: 'renovate.json' }] },
    { name: 'renovate key in package.json', files: { 'package.json': '{\n  "name": "x",\n  "renovate": { "extends": ["config:base"] }\n}\n' }, declaration: base, expect: [{ status: 'pass', messageId: 'configured', evidence: 'package.json' }] },
    { name: 'Renovate run from a workflow', files: { '.github/workflows/renovate.yml': 'jobs:\n  renovate:\n    steps:\n      - uses: renovatebot/github-action@v40\n', 'go.mod': 'module x\n' }, declaration: base, expect: [{ status: 'pass', messageId: 'configured', evidence: '.github/workflows/renovate.yml' }] },
    { name: 'nothing to update', files: { 'README.md': '# Data\n' }, declaration: base, expect: [{ status: 'n/a', messageId: 'noDependencies' }] },
    // openbaraza's pattern: the only manifest is a jQuery plugin's, shipped in an admin theme's plugins/.
    { name: 'only a vendored plugin\'s manifest', files: { 'assets/global/plugins/select2/composer.json': '{ "require": { "php": ">=5" } }', 'test/fixtures/app/package.json': '{ "dependencies": { "left-pad": "1" } }', 'index.jsp': '<html></html>\n' }, declaration: base, expect: [{ status: 'n/a', messageId: 'noDependencies' }] },
  ],
  invalid: [
    { name: 'dependencies without automation', files: { 'package.json': '{ "dependencies": { "express": "^4" } }', 'api/requirements.txt': 'flask\n' }, declaration: base, expect: [{ status: 'gap', messageId: 'missing', evidence: 'api/requirements.txt' }] },
    { name: 'Dependabot with no updates', files: { '.github/dependabot.yml': 'version: 2\nupdates: []\n', 'package.json': '{}' }, declaration: base, expect: [{ status: 'gap', messageId: 'emptyDependabot', evidence: '.github/dependabot.yml' }] },
    { name: 'Renovate turned off', files: { '.github/renovate.json5': '{\n  // paused\n  enabled: false,\n}\n', 'package.json': '{}' }, declaration: base, expect: [{ status: 'gap', messageId: 'disabled', evidence: '.github/renovate.json5' }] },
    { name: 'unreadable Dependabot file', files: { '.github/dependabot.yaml': 'updates: [\n', 'package.json': '{}' }, declaration: base, expect: [{ status: 'gap', messageId: 'unreadable' }] },
  ],
});

import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { simpleGit } from 'simple-git';
import { afterAll, describe, expect, it } from 'vitest';

import { isPlaceholder, scanSecrets, shannonEntropy } from '../../../src/audit/extract/secret-patterns.js';
import { extractSecrets } from '../../../src/audit/extract/secrets.js';
import { FIXTURES, inputFor } from '../fixture-input.js';

// Fake tokens built by concatenation, so that no provider-shaped token sits in this repository's text.
const STRIPE = 'sk_' + 'live_' + '4eC39HqLyjWDarjtT1zdp7dc0000';
const GITHUB = 'gh' + 'p_' + 'A'.repeat(20) + 'b'.repeat(16);
const SLACK = 'xo' + 'xb-' + '1234567890-abcdefghij';

const kinds = (text: string, bareValues = false) => scanSecrets(text, { bareValues }).map((match) => [match.kind, match.redacted]);

describe('scanSecrets', () => {
  it('finds provider tokens and shows 4 characters of each', () => {
    expect(kinds(`const a = "${STRIPE}"; const b = '${GITHUB}'; const c = \`${SLACK}\`;`)).toEqual([
      ['stripe-live-key', 'sk_l****'],
      ['github-token', 'ghp_****'],
      ['slack-token', 'xoxb****'],
    ]);
  });

  it('finds a password in a connection string, not a templated, local or placeholder one (near-misses)', () => {
    expect(kinds("url = 'postgres://app:Zx81kLm2pQ@db.prod.internal:5432/app'")).toEqual([['connection-string-password', 'Zx81****']]);
    expect(kinds('url = `postgres://app:${password}@db.prod.internal/app`')).toEqual([]);
    expect(kinds("url = 'postgres://app:Zx81kLm2pQ@localhost:5432/app'")).toEqual([]);
    expect(kinds("url = 'postgres://user:password@db.prod.internal/app'")).toEqual([]);
  });

  it('finds values assigned to secret-like names in code, JSON and KEY=value files', () => {
    expect(kinds(`const jwtSecret = 'q8Lm2Xv9Rt4Kw7Zp';`)).toEqual([['secret-assignment', 'q8Lm****']]);
    expect(kinds(`{ "client_secret": "q8Lm2Xv9Rt4Kw7Zp" }`)).toEqual([['secret-assignment', 'q8Lm****']]);
    expect(kinds(`private readonly apiKey: string = 'q8Lm2Xv9Rt4Kw7Zp';`)).toEqual([['secret-assignment', 'q8Lm****']]);
    expect(kinds('DB_PASSWORD=q8Lm2Xv9Rt4Kw7Zp\n', true)).toEqual([['secret-assignment', 'q8Lm****']]);
    expect(kinds('DB_PASSWORD=q8Lm2Xv9Rt4Kw7Zp\n', false)).toEqual([]);
  });

  it('finds the literal key of jsonwebtoken calls, whatever its entropy, and not a key read from elsewhere', () => {
    expect(kinds(`const token = jwt.sign({ sub: user.id, roles: [a, b] }, 'secret', { expiresIn: '1h' });`)).toEqual([['secret-assignment', 'sec****']]);
    expect(kinds(`jwt.verify(token,\n  "q8Lm2Xv9Rt4Kw7Zp")`)).toEqual([['secret-assignment', 'q8Lm****']]);
    expect(kinds('jwt.sign(payload, env.JWT_SECRET)')).toEqual([]);
    expect(kinds('jwt.sign(payload, `${prefix}key`)')).toEqual([]);
    expect(kinds(`jwt.sign(${'('.repeat(400)}`)).toEqual([]);
  });

  it('finds a hardcoded fallback for a secret read from the environment', () => {
    expect(kinds("const key = process.env.JWT_SECRET || 'dev-secret';")).toEqual([['secret-assignment', 'dev-****']]);
    expect(kinds('const key = process.env.API_KEY ?? "abc";')).toEqual([['secret-assignment', 'a****']]); // at most half of a short secret
    expect(kinds("const header = process.env.TOKEN_HEADER || 'x-auth-token';")).toEqual([]);
    expect(kinds("const port = process.env.PORT || '3000';")).toEqual([]);
    expect(kinds("const key = process.env.JWT_SECRET || '';")).toEqual([]);
  });

  it('reads an elided key as documentation, not a secret (seen on the audit\'s own comments and docs)', () => {
    expect(kinds("/** `jwt.sign(payload, '…')` / `jwt.verify(token, '...')`: the key is the second argument. */")).toEqual([]);
    expect(kinds("// `process.env.JWT_SECRET || '…'` / `?? '<secret>'`, `|| '***'`")).toEqual([]);
    expect(kinds("jwt.sign(payload, '<secret>')")).toEqual([]);
    expect(kinds("jwt.sign(payload, '<s>x</s>')")).toEqual([['secret-assignment', '<s>x****']]);
    expect(kinds("jwt.sign(payload, '..x')")).toEqual([['secret-assignment', '.****']]);
  });

  it.each([
    ["const passwordField = 'q8Lm2Xv9Rt4Kw7Zp';", 'a descriptive name'],
    ["const password = 'changeme';", 'a placeholder'],
    ["const token = '${TOKEN}';", 'a template'],
    ["const apiKey = '<your api key>';", 'an angle-bracket placeholder'],
    ["const secret = 'aaaaaaaaaaaaaaaa';", 'a low-entropy value'],
    ["const secret = 'short';", 'a short value'],
    ["if (password === 'q8Lm2Xv9Rt4Kw7Zp') {}", 'a comparison'],
    ["const greeting = 'q8Lm2Xv9Rt4Kw7Zp';", 'a name that is no secret'],
    ["const label: Password = 'q8Lm2Xv9Rt4Kw7Zp';", 'a secret-like type on a name that is no secret'],
    ["const secret = 'see the vault for the real value';", 'a sentence'],
  ])('does not flag %s (%s)', (text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('measures entropy and placeholders', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(isPlaceholder('xxxxxxxxxxxx')).toBe(true);
    expect(isPlaceholder('q8Lm2Xv9Rt4Kw7Zp')).toBe(false);
  });

  it('reads a 1 MB minified line to the end (linear scans: no regex can backtrack on it)', () => {
    const noise = `${'a=b+c;x="y";'.repeat(90_000)}k=${'z'.repeat(100_000)}${' '.repeat(50_000)}=`;
    const text = `${noise}var s={password:"q8Lm2Xv9Rt4Kw7Zp"};${'AKIA'.repeat(5000)}${'postgres://'.repeat(5000)}${'jwt.sign(a,'.repeat(5000)}`;
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(kinds(text)).toEqual([['secret-assignment', 'q8Lm****']]);
  });

  it('never returns a secret in clear', () => {
    const text = `const a = "${STRIPE}"; const jwtSecret = 'q8Lm2Xv9Rt4Kw7Zp';`;
    const serialised = JSON.stringify(scanSecrets(text, { bareValues: true }));
    expect(serialised).not.toContain(STRIPE.slice(0, 8));
    expect(serialised).not.toContain('q8Lm2');
  });
});

describe('extractSecrets on the fixture project', async () => {
  const input = inputFor('audit-secrets');
  const facts = await extractSecrets(input);

  it('finds the planted credentials, redacted, at their positions', () => {
    expect(facts.secrets.map((secret) => [secret.kind, `${secret.file}:${secret.line}:${secret.column}`, secret.redacted, secret.inTestCode ?? false])).toEqual([
      ['secret-assignment', 'config/app.yaml:5:22', 'Zq8r****', false],
      ['private-key', 'keys/server.pem:1:1', '----****', false],
      ['secret-assignment', 'src/auth/jwt.ts:3:20', 'kX9m****', false],
      ['aws-access-key-id', 'src/config/aws.ts:4:17', 'AKIA****', false],
      ['aws-secret-access-key', 'src/config/aws.ts:5:27', 'wJal****', false],
      ['connection-string-password', 'src/db.ts:3:69', 'Sup3****', false],
      ['secret-assignment', 'test/auth.test.ts:1:19', 'Tr0u****', true],
    ]);
  });

  it('finds the env module and the reads outside it (not NODE_ENV, not in tool configs)', () => {
    expect(facts.envModules).toEqual(['src/env.ts']);
    expect(facts.envReads).toEqual([
      { file: 'src/db.ts', line: 5, column: 76, name: 'DB_PASSWORD' },
      { file: 'src/db.ts', line: 6, column: 32, name: 'POOL_SIZE' },
    ]);
  });

  it('serialises no planted secret in clear', () => {
    const serialised = JSON.stringify(facts);
    for (const planted of ['AKIAIOSFODNN7', 'wJalrXUtnFEMI', 'Sup3rS3cret', 'kX9mP2', 'Zq8rT3', 'Tr0ub4dor', 'THIS-IS-A-FAKE']) {
      expect(serialised).not.toContain(planted);
    }
  });
});

describe('extractSecrets in a git repository', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'fortress-secrets-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reports tracked .env files (not templates, not untracked ones), generated tokens, binary and huge files', async () => {
    cpSync(path.join(FIXTURES, 'audit-secrets'), root, { recursive: true });
    writeFileSync(path.join(root, 'src/payments.ts'), `export const stripeKey = '${STRIPE}';\n`);
    writeFileSync(path.join(root, '.env'), `JWT_SECRET=q8Lm2Xv9Rt4Kw7Zp\n`);
    writeFileSync(path.join(root, '.env.local'), `JWT_SECRET=q8Lm2Xv9Rt4Kw7Zp\n`);
    writeFileSync(path.join(root, 'config/.env.production'), `JWT_SECRET=q8Lm2Xv9Rt4Kw7Zp\n`);
    writeFileSync(path.join(root, 'config/.env.sample'), `JWT_SECRET=\n`);
    writeFileSync(path.join(root, 'src/logo.ts'), Buffer.from([0x00, 0x01, 0x02, 0x03]));
    writeFileSync(path.join(root, 'src/huge.js'), 'x'.repeat(3 * 1024 * 1024));
    const git = simpleGit({ baseDir: root });
    await git.init();
    await git.add(['.env', '.env.example', 'config/.env.production', 'config/.env.sample', 'src/payments.ts']);
    const input = inputFor(root);
    const facts = await extractSecrets(input);
    expect(facts.trackedEnvFiles).toEqual(['.env', 'config/.env.production']);
    expect(facts.secrets.filter((secret) => secret.file === 'src/payments.ts').map((secret) => [secret.kind, secret.redacted])).toEqual([['stripe-live-key', 'sk_l****']]);
    expect(facts.secrets.some((secret) => secret.file.startsWith('.env'))).toBe(false);
    expect(input.notices).toEqual([
      { file: 'src/huge.js', message: 'Larger than 2 MB: not scanned for secrets.' },
      { file: 'src/logo.ts', message: 'Binary content: not scanned for secrets.' },
    ]);
  });

  it('skips the tracked .env check with one notice outside git', async () => {
    const bare = mkdtempSync(path.join(tmpdir(), 'fortress-nogit-'));
    try {
      writeFileSync(path.join(bare, 'index.js'), 'module.exports = 1;\n');
      const input = inputFor(bare);
      const facts = await extractSecrets(input);
      expect(facts.trackedEnvFiles).toBeUndefined();
      expect(input.notices).toEqual([{ file: null, message: 'Not a git repository: tracked .env files are not checked.' }]);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

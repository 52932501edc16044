import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers.ts';

describe('api-key and webhook on the command line', () => {
  it('creates a key shown once and kept hashed, lists and revokes it, each audited', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en', user: 'dpo' });
    const created = await run('api-key', 'create', '--name', 'lemlist', '--scopes', 'decide,objections');
    expect(created.status).toBe(0);
    const token = created.out.split('\n').at(-1) ?? '';
    expect(token).toMatch(/^pgk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const file = join(dir, 'db.api-keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const listed = await run('api-key', 'list', '--json');
    expect(JSON.parse(listed.out)).toMatchObject([
      { name: 'lemlist', scopes: ['decide', 'objections'], createdBy: 'cli:dpo' },
    ]);
    expect(listed.out).not.toContain(token.slice(token.indexOf('_', 4) + 1)); // the secret (itself may hold _)
    expect((await run('api-key', 'create', '--name', 'lemlist', '--scopes', 'decide')).err).toContain(
      'A live key is already named "lemlist"',
    );
    const bad = await run('api-key', 'create', '--name', 'crm', '--scopes', 'decide,everything');
    expect(bad.status).toBe(2);
    expect(bad.err).toContain('"everything" is not one of decide, objections, consents, events');
    expect((await run('api-key', 'revoke', 'lemlist')).out).toContain('revoked');
    expect((await run('api-key', 'list')).out).toMatch(/lemlist .* revoked on 2026-11-23/);
    expect((await run('api-key', 'revoke', 'nobody')).status).toBe(2);
    // A backup carries the keys (hashed) with the register, mode 600.
    expect((await run('store', 'backup', join(dir, 'backup'))).status).toBe(0);
    expect(statSync(join(dir, 'backup', 'prospect-guard.api-keys.json')).mode & 0o777).toBe(0o600);
    const audit = await run('audit', '--json');
    expect(audit.out).toContain('api-key.create');
    expect(audit.out).toContain('api-key.revoke');
  });

  it('adds a webhook with its secret shown once, and refuses a plain-http one elsewhere', async () => {
    const run = cli(tempDir(), { lang: 'fr', user: 'dpo' });
    const added = await run(
      'webhook',
      'add',
      '--url',
      'https://crm.example.com/hooks/pg',
      '--with-identifiers',
    );
    expect(added.status).toBe(0);
    expect(added.out.split('\n').at(-1)).toMatch(/^whsec_/);
    expect((await run('webhook', 'list')).out).toMatch(
      /^wh_[0-9a-f]+ {2}https:\/\/crm\.example\.com\/hooks\/pg {2}objection,withdrawal {2}identifiers$/,
    );
    const plain = await run('webhook', 'add', '--url', 'http://crm.example.com/hooks');
    expect(plain.status).toBe(2);
    expect(plain.err).toContain('une adresse https://');
    expect((await run('webhook', 'failed')).out).toBe('Aucune livraison en échec.');
  });
});

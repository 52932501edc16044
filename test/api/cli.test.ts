import { readdirSync, statSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { cli, initStore } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { POLICY_PATH } from '../support/policy.ts';

describe('api-key and webhook on the command line', () => {
  it('creates a key shown once and kept hashed, lists and revokes it, each audited', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en', user: 'dpo' });
    const created = await run('api-key', 'create', '--name', 'lemlist', '--scopes', 'decide,objections');
    expect(created.status).toBe(0);
    const token = created.out.split('\n').at(-1) ?? '';
    expect(token).toMatch(/^pgk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const folder = join(dir, 'db.api-keys');
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(folder)) expect(statSync(join(folder, name)).mode & 0o777).toBe(0o600);
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
    const saved = join(dir, 'backup', 'prospect-guard.api-keys');
    expect(readdirSync(saved).map((name) => statSync(join(saved, name)).mode & 0o777)).toEqual([0o600]);
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

describe('start with the API on a taken port', () => {
  it('stops with one clear line, no stack trace', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      const err: string[] = [];
      const status = await runCli(
        ['--db', await initStore(join(tempDir(), 'db.json')), '--policy', POLICY_PATH, 'start'],
        {
          out: () => undefined,
          err: (t) => err.push(t),
          env: { ...HASH_ENV, PROSPECT_GUARD_API_PORT: String(port), PROSPECT_GUARD_API_HOST: '127.0.0.1' },
          clock: () => new Date('2026-11-23T10:30:00+01:00'),
          input: Readable.from([]),
        },
      );
      expect(status).not.toBe(0);
      expect(err.join('\n')).toMatch(/the HTTP API cannot listen on 127\.0\.0\.1, port \d+ \(EADDRINUSE\)/);
      expect(err.join('\n')).not.toMatch(/\n\s+at /);
    } finally {
      busy.close();
    }
  });
});

import { join } from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { MIGRATIONS, migrate } from '../../src/store/pg/migrations.ts';
import { PgStore } from '../../src/store/pg/pgStore.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { POLICY_PATH } from '../support/policy.ts';
import { freshDatabase } from './pg.ts';

const EMAIL = { kind: 'email' as const, value: 'alice@gmail.com' };

describe('withdrawals in PostgreSQL', () => {
  it('migration 7 keeps the objections a register holds and lets a withdrawal of the same scope sit beside them', async () => {
    const url = await freshDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // A register as version 6 left it, with one objection.
      await client.query(
        'create table schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())',
      );
      for (const m of MIGRATIONS.filter((m) => m.version <= 6)) {
        await client.query(m.sql);
        await client.query('insert into schema_migrations (version, name) values ($1, $2)', [
          m.version,
          m.name,
        ]);
      }
      const old = { hash: 'h1', scope: 'email', at: '2026-06-01T00:00:00.000Z', origin: 'cli:dpo' };
      await client.query('insert into suppressions (hash, scope, at, data) values ($1, $2, $3, $4)', [
        old.hash,
        old.scope,
        old.at,
        old,
      ]);
      expect(await migrate(client as unknown as pg.PoolClient)).toEqual(
        MIGRATIONS.filter((m) => m.version >= 7).map((m) => m.version),
      );
      const rows = await client.query('select kind, purpose, data from suppressions');
      expect(rows.rows).toEqual([{ kind: 'objection', purpose: '', data: old }]);
      const withdrawal = { ...old, kind: 'withdrawal', purpose: 'newsletter' };
      await client.query(
        'insert into suppressions (hash, scope, kind, purpose, at, data) values ($1, $2, $3, $4, $5, $6)',
        [old.hash, old.scope, 'withdrawal', 'newsletter', old.at, withdrawal],
      );
      expect((await client.query('select count(*)::int as n from suppressions')).rows[0].n).toBe(2);
    } finally {
      await client.end();
    }
  });

  it('store copy brings a file register’s withdrawals over as withdrawals, apart from its objections', async () => {
    const dir = tempDir();
    const file = cli(dir, { lang: 'en' });
    const proof = ['--method', 'checkbox', '--wording', 'v1', '--evidence', 'form-1', '--at', '2026-03-01'];
    await file('contact', 'add', '--email', EMAIL.value, '--source', 'form', '--informed-at', '2026-03-01');
    await file('consent', 'grant', '--email', EMAIL.value, '--channel', 'email', ...proof);
    await file(
      'consent',
      'grant',
      '--email',
      EMAIL.value,
      '--channel',
      'email',
      '--purpose',
      'newsletter',
      ...proof,
    );
    const at = ['--at', '2026-11-01'];
    await file(
      'consent',
      'withdraw',
      '--email',
      EMAIL.value,
      '--channel',
      'email',
      '--purpose',
      'newsletter',
      ...at,
    );
    await file('optout', '--email', EMAIL.value, '--channel', 'sms');
    const url = await freshDatabase();
    const copied = await runCli(
      ['--policy', POLICY_PATH, '--lang', 'en', 'store', 'copy', '--from', join(dir, 'db.json'), '--to', url],
      {
        out: () => undefined,
        err: () => undefined,
        env: HASH_ENV,
        clock: () => new Date('2026-11-23T10:30:00+01:00'),
        input: Readable.from([]),
      },
    );
    expect(copied).toBe(0);
    const store = await PgStore.open(url, { env: HASH_ENV });
    try {
      const facts = await store.subjectFacts(EMAIL);
      expect(facts.objections).toEqual(
        expect.arrayContaining([
          { scope: 'sms', at: '2026-11-23T09:30:00.000Z' },
          { scope: 'email', at: '2026-10-31T23:00:00.000Z', kind: 'withdrawal', purpose: 'newsletter' },
        ]),
      );
      expect(facts.objections).toHaveLength(2);
      // The copied rows have their kind: an objection of the same channel later is a row of its own.
      await store.addObjection([EMAIL], 'email', new Date('2026-11-23T09:30:00.000Z'), 'cli:dpo');
      expect((await store.recordsAbout([store.hash(EMAIL)])).suppressions).toHaveLength(3);
      // App Home counts the objections, not the withdrawal.
      expect(await store.objectionsSince(new Date('2026-10-01T00:00:00.000Z'))).toBe(2);
    } finally {
      await store.close();
    }
  });
});

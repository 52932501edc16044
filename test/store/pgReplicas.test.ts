import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/store/auditChain.ts';
import { PgStore } from '../../src/store/pg/pgStore.ts';
import { HASH_ENV } from '../support/env.ts';
import { freshDatabase } from './pg.ts';

const now = new Date('2026-11-23T09:30:00.000Z');

/** Two stores on one fresh register, as two replicas hold it; closed after `work`. */
async function replicas(work: (a: PgStore, b: PgStore) => Promise<void>): Promise<void> {
  const url = await freshDatabase();
  const [a, b] = await Promise.all([
    PgStore.open(url, { env: HASH_ENV }),
    PgStore.open(url, { env: HASH_ENV }),
  ]);
  try {
    await work(a, b);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

describe('two replicas on one PostgreSQL register', () => {
  it('make one contact of one person written by both at once, and one unbroken audit chain', async () => {
    await replicas(async (a, b) => {
      const saves = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? a : b).saveContact({ email: 'same@acme.fr', ...(i === 3 ? { name: 'Same' } : {}) }, now),
        ),
      );
      expect(new Set(saves.map((s) => s.contact.id)).size).toBe(1);
      expect(saves.filter((s) => s.created)).toHaveLength(1);
      expect((await b.counts()).contacts).toBe(1);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? a : b).audit({
            at: now.toISOString(),
            actor: `replica-${i % 2}`,
            action: 'x',
            outcome: 'done',
          }),
        ),
      );
      expect(verifyChain(await a.auditTrail())).toMatchObject({ ok: true, entries: 20 });
    });
  });

  it('tell each other which contacts changed, so derived counts stay right on every replica', async () => {
    await replicas(async (a, b) => {
      const heard: Array<string[] | 'all'> = [];
      b.onContactsChanged((ids) => heard.push(ids));
      const { contact } = await a.saveContact({ email: 'n@acme.fr' }, now);
      await a.purge({ consentIds: ['none'] });
      for (let i = 0; i < 50 && heard.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      expect(heard).toEqual([[contact.id], 'all']);
    });
  });

  it('refuses a register opened with another hash key, and a missing key', async () => {
    const url = await freshDatabase();
    await (await PgStore.open(url, { env: HASH_ENV })).close();
    await expect(
      PgStore.open(url, { env: { PROSPECT_GUARD_HASH_KEY: 'another-key-another-key-another-key-0' } }),
    ).rejects.toThrow(/hash key does not match/);
    await expect(PgStore.open(url, { env: {} })).rejects.toThrow(/PROSPECT_GUARD_HASH_KEY/);
  });
});

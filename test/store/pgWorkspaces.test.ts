import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/services/workspaces.ts';
import { PgInstallations } from '../../src/store/pg/pgDocuments.ts';
import { PgStore } from '../../src/store/pg/pgStore.ts';
import { HASH_ENV } from '../support/env.ts';
import { policy } from '../support/policy.ts';
import { freshDatabase } from './pg.ts';

describe('many workspaces on one PostgreSQL database', () => {
  it('gives each workspace a schema of its own, and keeps installations in a table of the database', async () => {
    const url = await freshDatabase();
    const layout = { store: url, policy, env: HASH_ENV, clock: () => new Date('2026-11-23T10:30:00+01:00') };
    const [a, b] = await Promise.all([openWorkspace(layout, 'T0ALPHA'), openWorkspace(layout, 'E0ORG')]);
    try {
      expect(a.store.location).toContain('schema ws_t0alpha');
      await a.store.addObjection([{ kind: 'email', value: 'x@acme.fr' }], 'all', new Date(), 'test');
      await a.store.saveContact({ email: 'x@acme.fr' }, new Date());
      expect((await a.store.subjectFacts({ kind: 'email', value: 'x@acme.fr' })).objections).toHaveLength(1);
      const other = await b.store.subjectFacts({ kind: 'email', value: 'x@acme.fr' });
      expect(other.objections).toEqual([]);
      expect(other.contact).toBeUndefined();
      // Installations are the default register's (public schema), which every replica opens.
      const root = await PgStore.open(url, { env: HASH_ENV, listen: false });
      const installations = new PgInstallations(root.pool);
      await installations.save('T0ALPHA', { bot: { token: 'xoxb-a' } });
      await installations.save('E0ORG', { bot: { token: 'xoxb-e' } });
      await installations.remove('T0ALPHA');
      expect(await installations.keys()).toEqual(['E0ORG']);
      expect(await installations.find('E0ORG')).toEqual({ bot: { token: 'xoxb-e' } });
      await root.close();
    } finally {
      await Promise.all([a.store.close(), b.store.close()]);
    }
  });
});

import { expect, it } from 'vitest';
import type { Store } from '../../src/store/types.ts';

/**
 * What the store's roles added to the contract (memory, file, PostgreSQL): the newest audit entries without the
 * whole trail, the one atomic contact update the writes are made of, the installations beside the register.
 * Part of the store contract (contract.ts).
 */
export function rolesContract(withStore: (test: (store: Store) => Promise<void>) => () => Promise<void>) {
  const now = new Date('2026-11-23T09:30:00.000Z');
  const entry = (i: number) => ({
    at: new Date(now.getTime() + i * 1000).toISOString(),
    actor: `cli:u${i}`,
    action: 'contact.view',
    outcome: 'done' as const,
  });

  it(
    'gives the newest audit entries, newest first, as many as asked and no more than there are',
    withStore(async (store) => {
      expect(await store.auditTail(3)).toEqual([]);
      for (let i = 0; i < 5; i++) await store.audit(entry(i));
      const tail = await store.auditTail(3);
      expect(tail.map((e) => e.actor)).toEqual(['cli:u4', 'cli:u3', 'cli:u2']);
      // The same entries as the trail holds, chain hashes included.
      expect(tail).toEqual((await store.auditTrail()).slice(-3).reverse());
      expect(await store.auditTail(10)).toHaveLength(5);
      expect(await store.auditTail(0)).toEqual([]);
    }),
  );

  it(
    'updates contacts in one write: what the change decides from the contacts it reads, with its audit entries',
    withStore(async (store) => {
      const { contact } = await store.saveContact({ email: 'u@acme.fr', name: 'Ulla' }, now);
      const seen = await store.updateContacts({ identifiers: ['u@acme.fr', '+33655555555'] }, (current) => {
        const held = current.holding('u@acme.fr');
        if (!held) throw new Error('the contact is not read');
        const after = { ...held, phone: '+33655555555' };
        return {
          written: [[held, after]],
          audit: [{ at: now.toISOString(), actor: 'cli:u', action: 'contact.edit', outcome: 'done' }],
          result: { id: held.id, byId: current.byId(held.id)?.name, nobody: current.holding('+33655555555') },
        };
      });
      expect(seen).toEqual({ id: contact.id, byId: 'Ulla', nobody: undefined });
      expect((await store.findContact({ kind: 'phone', value: '+33655555555' }))?.id).toBe(contact.id);
      expect((await store.auditTail(1)).map((e) => e.action)).toEqual(['contact.edit']);
      // A change that throws writes nothing.
      await expect(
        store.updateContacts({ ids: [contact.id] }, () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await store.updateContacts({}, () => ({ written: [], result: 'nothing' }))).toBe('nothing');
      expect((await store.contactById(contact.id))?.phone).toBe('+33655555555');
    }),
  );

  it(
    'fills, in a batch, the contact an input reaches at any of its addresses, as a single save does',
    withStore(async (store) => {
      const { contact } = await store.saveContact({ email: 'v@acme.fr' }, now);
      const other = { kind: 'email' as const, value: 'v.perso@gmail.com' };
      await store.editContact(contact.id, { identifiers: { add: [other] } }, now);
      expect(await store.saveContacts([{ email: other.value, name: 'Vera' }], now)).toEqual({
        created: 0,
        updated: 1,
      });
      expect(await store.contactById(contact.id)).toMatchObject({ email: 'v@acme.fr', name: 'Vera' });
      expect((await store.counts()).contacts).toBe(1);
    }),
  );

  it(
    'keeps the installations of many workspaces beside the register',
    withStore(async (store) => {
      const installations = store.installations();
      await installations.save('T0ROLES', { team: { id: 'T0ROLES' } });
      expect(await store.installations().find('T0ROLES')).toEqual({ team: { id: 'T0ROLES' } });
      expect(await installations.keys()).toContain('T0ROLES');
      await installations.remove('T0ROLES');
      expect(await installations.find('T0ROLES')).toBeUndefined();
    }),
  );
}

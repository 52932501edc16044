import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { foreignKey } from '../../src/domain/foreignHashes.ts';
import type { Identifier } from '../../src/domain/identifiers.ts';
import type { Store } from '../../src/store/types.ts';

/**
 * A suppression list in the store (memory, file, PostgreSQL): many objections in one write, each with its own
 * means and date, some known only by another tool's unkeyed hash (SHA-256 or MD5 of the address, SHA-256 of the
 * number), which binds whoever's address or number hashes to it, known to the register or not, and follows her
 * once she is known (GDPR art. 21(3)). Part of the store contract (contract.ts).
 */
export function suppressionListContract(
  withStore: (test: (store: Store) => Promise<void>) => () => Promise<void>,
) {
  const monday = new Date('2026-11-23T09:30:00.000Z');
  const tuesday = new Date('2026-11-24T09:30:00.000Z');
  const email = (value: string): Identifier => ({ kind: 'email', value });
  const phone = (value: string): Identifier => ({ kind: 'phone', value });
  const sha256 = (text: string) => foreignKey('sha256', createHash('sha256').update(text).digest('hex'));
  const md5 = (text: string) => foreignKey('md5', createHash('md5').update(text).digest('hex'));
  const scopes = async (store: Store, id: Identifier) =>
    (await store.subjectFacts(id)).objections.map((o) => `${o.scope}@${o.at}`).sort();

  it(
    'records a suppression list in one write, each objection with its means and date; one told again keeps its first date',
    withStore(async (store) => {
      const stored = await store.addObjections(
        [
          { target: email('ana@acme.fr'), scope: 'email', at: tuesday },
          { target: phone('+33611110000'), scope: 'sms', at: monday },
          { target: email('ana@acme.fr'), scope: 'email', at: monday },
        ],
        'cli:dpo',
        'brevo-blocklist.csv',
      );
      expect(stored[2]).toMatchObject({
        scope: 'email',
        at: monday.toISOString(),
        renewed: [tuesday.toISOString()],
      });
      expect(await scopes(store, email('ana@acme.fr'))).toEqual([
        `email@${monday.toISOString()}`,
        `email@${tuesday.toISOString()}`,
      ]);
      expect(await scopes(store, phone('+33611110000'))).toEqual([`sms@${monday.toISOString()}`]);
      expect(await store.objectionsSince(monday)).toBe(2);
      expect(await store.addObjections([], 'cli:dpo')).toEqual([]);
    }),
  );

  it(
    "matches another tool's SHA-256 or MD5 of an address, or SHA-256 of a number, whoever asks and whatever she is",
    withStore(async (store) => {
      await store.addObjections(
        [
          { foreign: sha256('zoe@acme.fr'), scope: 'email', at: monday },
          { foreign: md5('yves@acme.fr'), scope: 'all', at: monday },
          { foreign: sha256('+33622220000'), scope: 'phone', at: tuesday },
          // Meta hashes the number without its +.
          { foreign: sha256('33633330000'), scope: 'sms', at: tuesday },
        ],
        'cli:dpo',
      );
      // Not in the register: matched by the address asked about.
      expect(await scopes(store, email('zoe@acme.fr'))).toEqual([`email@${monday.toISOString()}`]);
      expect(await scopes(store, phone('+33622220000'))).toEqual([`phone@${tuesday.toISOString()}`]);
      expect(await scopes(store, phone('+33633330000'))).toEqual([`sms@${tuesday.toISOString()}`]);
      expect(await scopes(store, email('zoe@acme.com'))).toEqual([]);
      expect(await store.objectionsSince(monday)).toBe(4);
      // In the register: her objection to everything, told by her address's hash, binds her number too.
      await store.saveContact({ email: 'yves@acme.fr', phone: '+33644440000' }, tuesday);
      expect(await scopes(store, phone('+33644440000'))).toEqual([`all@${monday.toISOString()}`]);
    }),
  );

  it(
    'carries it to her keyed hashes once she is known: it stays hers after her address is replaced and her record purged',
    withStore(async (store) => {
      const { contact } = await store.saveContact({ email: 'lou@acme.fr', phone: '+33655550000' }, monday);
      await store.addObjections([{ foreign: sha256('lou@acme.fr'), scope: 'all', at: monday }], 'cli:dpo');
      const old = email('lou@acme.fr');
      await store.editContact(
        contact.id,
        {
          identifiers: {
            add: [],
            replace: [{ from: old, to: email('lou.martin@acme.fr'), fromHash: store.hash(old) }],
          },
        },
        tuesday,
      );
      expect(await scopes(store, email('lou.martin@acme.fr'))).toEqual([`all@${monday.toISOString()}`]);
      await store.purge({ contactIds: [contact.id] });
      for (const id of [phone('+33655550000'), email('lou.martin@acme.fr'), old])
        expect(await scopes(store, id)).toEqual([`all@${monday.toISOString()}`]);
      // A contact created after the list came in is bound at once, and her copy is keyed like any objection.
      await store.addObjections([{ foreign: md5('max@acme.fr'), scope: 'email', at: monday }], 'cli:dpo');
      await store.saveContact({ email: 'max@acme.fr' }, tuesday);
      const about = await store.recordsAbout([store.hash(email('max@acme.fr'))]);
      expect(about.suppressions).toMatchObject([{ scope: 'email', at: monday.toISOString() }]);
    }),
  );

  it(
    'refuses a key that is neither a SHA-256 nor an MD5, and writes nothing of its list',
    withStore(async (store) => {
      const bad = [
        { target: email('ana@acme.fr'), scope: 'email' as const, at: monday },
        { foreign: 'foreign:sha256:1234', scope: 'email' as const, at: monday },
      ];
      await expect(store.addObjections(bad, 'cli:dpo')).rejects.toThrow();
      expect((await store.counts()).suppressions).toBe(0);
    }),
  );
}

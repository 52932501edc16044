import { expect, it } from 'vitest';
import type { Identifier } from '../../src/domain/identifiers.ts';
import type { Store } from '../../src/store/types.ts';

/**
 * A withdrawn consent in the store (memory, file, PostgreSQL): remembered on the suppression list as a withdrawal
 * of its purpose, of its own kind, on every identifier of the person, beside (never merged with) an objection of
 * the same channel; it outlives the contact; it is carried to identifiers she gains; App Home's count of
 * objections leaves it out. Part of the store contract (contract.ts).
 */
export function withdrawalContract(
  withStore: (test: (store: Store) => Promise<void>) => () => Promise<void>,
) {
  const monday = new Date('2026-11-23T09:30:00.000Z');
  const tuesday = new Date('2026-11-24T09:30:00.000Z');
  const email: Identifier = { kind: 'email', value: 'w@acme.fr' };
  const phone: Identifier = { kind: 'phone', value: '+33644444444' };
  const proof = { method: 'checkbox', wording: 'v1', evidence: 'ref-1', recordedBy: 'cli:dpo' };
  const withdrawal = (at: Date, purpose = 'newsletter') => ({
    scope: 'email',
    at: at.toISOString(),
    kind: 'withdrawal',
    purpose,
  });

  it(
    'remembers a withdrawal as its own kind, with its purpose, apart from an objection of the same channel',
    withStore(async (store) => {
      const { contact } = await store.saveContact({ email: email.value, phone: phone.value }, monday);
      await store.recordConsent(
        contact,
        { channel: 'email', purpose: 'newsletter', action: 'withdraw', at: monday, proof },
        monday,
      );
      // On every identifier of the person, as a withdrawal: not an objection to the channel.
      for (const id of [email, phone])
        expect((await store.subjectFacts(id)).objections).toEqual([withdrawal(monday)]);
      expect(await store.objectionsSince(monday)).toBe(0);

      // An opt-out of the same channel, the same day, stays an objection of its own: neither renews the other.
      const [objection] = await store.addObjection([email], 'email', monday, 'cli:dpo');
      expect(objection).toMatchObject({ scope: 'email', at: monday.toISOString() });
      expect(objection?.kind).toBeUndefined();
      await store.recordConsent(
        contact,
        { channel: 'email', purpose: 'newsletter', action: 'withdraw', at: tuesday, proof },
        tuesday,
      );
      const about = await store.recordsAbout([store.hash(email)]);
      expect(about.suppressions).toHaveLength(2);
      expect(about.suppressions.find((s) => s.kind === 'withdrawal')).toMatchObject({
        scope: 'email',
        purpose: 'newsletter',
        at: monday.toISOString(),
        renewed: [tuesday.toISOString()],
        origin: 'cli:dpo',
      });
      expect(about.suppressions.find((s) => s.kind !== 'withdrawal')?.renewed).toBeUndefined();
      expect(await store.objectionsSince(monday)).toBe(1);
      expect((await store.counts()).suppressions).toBe(3);
    }),
  );

  it(
    'keeps a withdrawal of another purpose apart, carries it to a new identifier and past a purge',
    withStore(async (store) => {
      const { contact } = await store.saveContact({ email: email.value }, monday);
      for (const purpose of ['newsletter', 'prospecting'])
        await store.recordConsent(
          contact,
          { channel: 'email', purpose, action: 'withdraw', at: monday, proof },
          monday,
        );
      await store.editContact(contact.id, { phone: phone.value }, tuesday);
      await store.purge({ contactIds: [contact.id] });
      const facts = await store.subjectFacts(phone);
      expect(facts.contact).toBeUndefined();
      expect(facts.objections).toEqual(
        expect.arrayContaining([withdrawal(monday), withdrawal(monday, 'prospecting')]),
      );
      expect(facts.objections).toHaveLength(2);
    }),
  );

  it(
    'reads an entry written by an earlier version for a withdrawal by the consent record withdrawn then',
    withStore(async (store) => {
      const { contact } = await store.saveContact({ email: email.value }, monday);
      await store.recordConsent(
        contact,
        { channel: 'email', purpose: 'newsletter', action: 'grant', at: monday, proof },
        monday,
      );
      // What earlier versions wrote beside a withdrawal: an objection of its channel, reason consent-withdrawal.
      await store.addObjection([email], 'email', tuesday, 'cli:dpo', 'consent-withdrawal');
      expect((await store.subjectFacts(email)).objections).toEqual([
        { scope: 'email', at: tuesday.toISOString() },
      ]);
      await store.recordConsent(
        contact,
        { channel: 'email', purpose: 'newsletter', action: 'withdraw', at: tuesday, proof },
        tuesday,
      );
      expect((await store.subjectFacts(email)).objections).toEqual(
        expect.arrayContaining([withdrawal(tuesday)]),
      );
      expect((await store.subjectFacts(email)).objections.filter((o) => o.kind !== 'withdrawal')).toEqual([]);
    }),
  );
}

import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign.ts';
import type { Identifier } from '../../src/domain/identifiers.ts';
import { verifyChain } from '../../src/store/auditChain.ts';
import { LeaseLost } from '../../src/store/errors.ts';
import type { Store } from '../../src/store/types.ts';
import { rolesContract } from './rolesContract.ts';
import { statsContract } from './statsContract.ts';
import { suppressionListContract } from './suppressionListContract.ts';
import { withdrawalContract } from './withdrawalContract.ts';

/**
 * The contract every store keeps (memory, file, PostgreSQL): one suite, run against each. `open` gives a fresh,
 * empty store; the suite closes it.
 */
export function storeContract(name: string, open: () => Promise<Store>): void {
  const now = new Date('2026-11-23T09:30:00.000Z');
  const later = new Date('2026-11-24T09:30:00.000Z');
  const email = (value: string): Identifier => ({ kind: 'email', value });
  const phone = (value: string): Identifier => ({ kind: 'phone', value });
  const withStore = (test: (store: Store) => Promise<void>) => async () => {
    const store = await open();
    try {
      await test(store);
    } finally {
      await store.close();
    }
  };

  describe(`the store contract: ${name}`, () => {
    it(
      'adds a contact, fills empty fields of a known one without rewriting known ones, finds it by each identifier',
      withStore(async (store) => {
        const first = await store.saveContact({ email: 'jean@acme.fr', name: 'Jean', owner: 'U0A' }, now);
        expect(first.created).toBe(true);
        const again = await store.saveContact(
          { email: 'jean@acme.fr', name: 'Jean-Paul', phone: '+33612345678' },
          later,
        );
        expect(again).toMatchObject({ created: false, changed: ['phone'], kept: ['name'] });
        expect(again.contact).toMatchObject({
          id: first.contact.id,
          name: 'Jean',
          phone: '+33612345678',
          owner: 'U0A',
        });
        expect((await store.findContact(phone('+33612345678')))?.id).toBe(first.contact.id);
        expect((await store.findContact(email('jean@acme.fr')))?.name).toBe('Jean');
        expect((await store.contactById(first.contact.id))?.email).toBe('jean@acme.fr');
        expect(await store.findContact(email('nobody@acme.fr'))).toBeUndefined();
        const same = await store.saveContact({ email: 'jean@acme.fr', name: 'Jean' }, later);
        expect(same.changed).toEqual([]);
      }),
    );

    it(
      'adds and replaces identifiers: every current one finds the person, an objection on a former one still binds her',
      withStore(async (store) => {
        const { contact } = await store.saveContact({ email: 'ana@acme.fr', phone: '+33611110000' }, now);
        await store.addObjection([phone('+33611110000')], 'phone', now, 'call-refusal');
        const old = phone('+33611110000');
        const edited = await store.editContact(
          contact.id,
          {
            identifiers: {
              add: [email('ana.perso@gmail.com'), phone('+33622220000')],
              replace: [{ from: old, to: phone('+33633330000'), fromHash: store.hash(old) }],
            },
          },
          later,
        );
        expect(edited.changed.sort()).toEqual(['formerHashes', 'otherEmails', 'otherPhones', 'phone']);
        expect(edited.contact).toMatchObject({
          email: 'ana@acme.fr',
          phone: '+33633330000',
          otherEmails: ['ana.perso@gmail.com'],
          otherPhones: ['+33622220000'],
        });
        for (const id of [email('ana.perso@gmail.com'), phone('+33622220000'), phone('+33633330000')])
          expect((await store.findContact(id))?.id).toBe(contact.id);
        expect(await store.findContact(old)).toBeUndefined();
        // The refusal made on the old line follows her to every number she has now.
        expect((await store.subjectFacts(phone('+33633330000'))).objections).toEqual([
          { scope: 'phone', at: now.toISOString() },
        ]);
        const other = await store.saveContact({ email: 'bob@acme.fr' }, now);
        await expect(
          store.editContact(other.contact.id, { identifiers: { add: [phone('+33622220000')] } }, later),
        ).rejects.toMatchObject({ problem: 'identifiers_of_two_contacts' });
        // An objection told later on the old number binds her too, and survives a purge of her record.
        await store.addObjection([old], 'all', later, 'crm');
        await store.purge({ contactIds: [contact.id] });
        for (const id of [phone('+33633330000'), email('ana.perso@gmail.com')])
          expect((await store.subjectFacts(id)).objections).toEqual(
            expect.arrayContaining([
              { scope: 'all', at: later.toISOString() },
              { scope: 'phone', at: now.toISOString() },
            ]),
          );
        // The old number is free for whoever holds it now.
        expect((await store.saveContact({ phone: '+33611110000', name: 'New owner' }, later)).created).toBe(
          true,
        );
      }),
    );

    it(
      'merges two records of one person: identifiers, sources, consents and events follow the older record',
      withStore(async (store) => {
        const older = await store.saveContact(
          {
            email: 'm@acme.fr',
            provenance: { source: 'form', collection: 'direct', collectedAt: now.toISOString() },
          },
          now,
        );
        const newer = await store.saveContact(
          {
            phone: '+33644440000',
            name: 'Marie',
            provenance: { source: 'event', collection: 'direct', collectedAt: later.toISOString() },
          },
          later,
        );
        const proof = { method: 'checkbox', wording: 'v1', evidence: 'ref' };
        await store.recordConsent(
          newer.contact,
          { channel: 'sms', purpose: 'prospecting', action: 'grant', at: later, proof },
          later,
        );
        await store.recordInteraction(newer.contact, 'reply', later, later);
        await store.addObjection([phone('+33644440000')], 'all', later, 'test');
        const joined = await store.mergeContacts(older.contact.id, newer.contact.id, later);
        expect(joined.contact).toMatchObject({
          id: older.contact.id,
          email: 'm@acme.fr',
          phone: '+33644440000',
          name: 'Marie',
        });
        expect(joined.contact.provenance?.collectedAt).toBe(now.toISOString());
        expect(joined.contact.sources?.map((s) => s.source)).toEqual(['event']);
        expect(await store.contactById(newer.contact.id)).toBeUndefined();
        const facts = await store.subjectFacts(email('m@acme.fr'));
        expect(facts.contact?.id).toBe(older.contact.id);
        expect(facts.consents.map((c) => c.contactId)).toEqual([older.contact.id]);
        expect(facts.interactions).toHaveLength(1);
        expect(facts.objections.map((o) => o.scope)).toContain('all');
        // The global objection now sits on the email too: it outlives a purge of the contact.
        await store.purge({ contactIds: [older.contact.id] });
        expect((await store.subjectFacts(email('m@acme.fr'))).objections.map((o) => o.scope)).toContain(
          'all',
        );
        expect((await store.counts()).contacts).toBe(0);
      }),
    );

    it(
      'refuses identifiers of two different contacts, and edits replace fields',
      withStore(async (store) => {
        const a = await store.saveContact({ email: 'a@acme.fr' }, now);
        await store.saveContact({ phone: '+33611111111' }, now);
        await expect(
          store.saveContact({ email: 'a@acme.fr', phone: '+33611111111' }, now),
        ).rejects.toMatchObject({
          problem: 'identifiers_of_two_contacts',
        });
        await expect(store.editContact(a.contact.id, { phone: '+33611111111' }, now)).rejects.toMatchObject({
          problem: 'identifiers_of_two_contacts',
        });
        await expect(store.editContact('no-such-id', { name: 'x' }, now)).rejects.toMatchObject({
          problem: 'unknown_contact',
        });
        const edited = await store.editContact(a.contact.id, { name: 'Anne', owner: 'U0B' }, later);
        expect(edited.changed.sort()).toEqual(['name', 'owner']);
        expect(await store.contactById(a.contact.id)).toMatchObject({ name: 'Anne', owner: 'U0B' });
      }),
    );

    it(
      'saves many contacts at once, a person repeated in the batch being one contact',
      withStore(async (store) => {
        await store.saveContact({ email: 'known@acme.fr' }, now);
        const result = await store.saveContacts(
          [
            { email: 'known@acme.fr', name: 'Known' },
            { email: 'new@acme.fr' },
            { email: 'new@acme.fr', name: 'New' },
          ],
          now,
        );
        expect(result).toEqual({ created: 1, updated: 1 });
        expect((await store.findContact(email('new@acme.fr')))?.name).toBe('New');
        expect((await store.counts()).contacts).toBe(2);
      }),
    );

    it(
      'saves a batch with the audit entry of each contact created or filled, in the same write, chained',
      withStore(async (store) => {
        await store.audit({ at: now.toISOString(), actor: 'test', action: 'before', outcome: 'done' });
        await store.saveContact({ email: 'known@acme.fr', name: 'Known' }, now);
        await store.saveContact({ email: 'same@acme.fr', name: 'Same' }, now);
        const inputs = [
          { email: 'known@acme.fr', name: 'Other', company: 'Acme' },
          { email: 'same@acme.fr', name: 'Same' },
          { email: 'new@acme.fr', name: 'New' },
          { email: 'new@acme.fr', name: 'Rewritten?', phone: '+33611111111' },
        ];
        const result = await store.saveContacts(inputs, later, (change) => ({
          at: later.toISOString(),
          actor: 'cli:test',
          action: change.created ? 'contact.add' : 'contact.fill',
          outcome: 'done',
          targetHash: store.hash(email(change.contact.email as string)),
          detail: `row ${change.input}: fields ${change.changed.join(',')}; kept ${change.kept.join(',')}`,
        }));
        // The unchanged contact is neither counted as updated nor written nor audited.
        expect(result).toEqual({ created: 1, updated: 1 });
        // A person repeated in the batch: the second row fills, never rewrites, what the first gave.
        expect(await store.findContact(email('new@acme.fr'))).toMatchObject({
          name: 'New',
          phone: '+33611111111',
        });
        const trail = await store.auditTrail();
        expect(trail.map((e) => [e.action, e.detail])).toEqual([
          ['before', undefined],
          ['contact.fill', 'row 0: fields company; kept name'],
          ['contact.add', 'row 2: fields email,name,phone; kept name'],
        ]);
        expect(verifyChain(trail).ok).toBe(true);
        expect(await store.saveContacts([{ email: 'same@acme.fr' }], later, () => undefined)).toEqual({
          created: 0,
          updated: 0,
        });
      }),
    );

    it(
      'keeps an objection at its first date with the later ones in its history, on every identifier of the person, after a purge too',
      withStore(async (store) => {
        const { contact } = await store.saveContact({ email: 'o@acme.fr', phone: '+33622222222' }, now);
        const [first] = await store.addObjection([phone('+33622222222')], 'all', now, 'test');
        expect(first).toMatchObject({ scope: 'all', at: now.toISOString(), origin: 'test' });
        const [renewed] = await store.addObjection([phone('+33622222222')], 'all', later, 'test');
        expect(renewed).toMatchObject({ at: now.toISOString(), renewed: [later.toISOString()] });
        const [again] = await store.addObjection([phone('+33622222222')], 'all', now, 'test');
        expect(again).toMatchObject({ at: now.toISOString(), renewed: [later.toISOString()] });
        const facts = await store.subjectFacts(email('o@acme.fr'));
        // Each date counts on its own: a consent between the two does not lift the later one.
        expect(facts.objections).toEqual([
          { scope: 'all', at: now.toISOString() },
          { scope: 'all', at: later.toISOString() },
        ]);
        // Read many at once (a campaign's slice), each person gets exactly what one read gives.
        const asked = [phone('+33622222222'), email('nobody@acme.fr'), email('o@acme.fr')];
        if (store.subjectFactsMany)
          expect(await store.subjectFactsMany(asked)).toEqual(
            await Promise.all(asked.map((t) => store.subjectFacts(t))),
          );
        expect(await store.objectionsSince(now)).toBe(1);
        await store.purge({ contactIds: [contact.id] });
        expect((await store.subjectFacts(phone('+33622222222'))).objections).toHaveLength(2);
        // Purged, her objection stays on each identifier she had: the phone it was told on, and her email.
        expect((await store.counts()).suppressions).toBe(2);
        expect((await store.subjectFacts(email('o@acme.fr'))).objections).toHaveLength(2);
      }),
    );

    it(
      'reads the register a page at a time, each contact once with its own records, in the order added',
      withStore(async (store) => {
        const ids: string[] = [];
        for (let i = 0; i < 7; i++)
          ids.push((await store.saveContact({ email: `r${i}@acme.fr` }, now)).contact.id);
        const proof = { method: 'checkbox', wording: 'v1', evidence: 'ref' };
        const fifth = await store.contactById(ids[4] ?? '');
        if (!fifth) throw new Error('no fifth contact');
        await store.recordConsent(
          fifth,
          { channel: 'email', purpose: 'prospecting', action: 'grant', at: now, proof },
          now,
        );
        const pages: string[][] = [];
        let consents = '';
        for await (const page of store.contactPages(3)) {
          pages.push(page.map((r) => r.contact.id));
          for (const r of page) if (r.consents.length) consents = `${r.contact.email}:${r.consents.length}`;
        }
        expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
        expect(pages.flat()).toEqual(ids);
        expect(consents).toBe('r4@acme.fr:1');
      }),
    );

    it(
      'keeps settings documents by collection and key, apart from each other',
      withStore(async (store) => {
        const keys = store.documents<{ name: string }>('api-keys');
        await keys.put('k1', { name: 'lemlist' });
        await keys.put('k2', { name: 'hubspot' });
        await keys.put('k1', { name: 'lemlist (renamed)' });
        await store.documents('webhooks').put('k1', { other: true });
        expect(await keys.get('k1')).toEqual({ name: 'lemlist (renamed)' });
        expect((await keys.all()).map(([k]) => k).sort()).toEqual(['k1', 'k2']);
        await keys.remove('k2');
        expect(await keys.get('k2')).toBeUndefined();
        expect(await store.documents('webhooks').get('k1')).toEqual({ other: true });
        expect(() => store.documents('../etc')).toThrow();
      }),
    );

    it(
      'logs many decisions in one write, each as one would be logged alone',
      withStore(async (store) => {
        const entry = (verdict: string) => ({
          askedAt: now.toISOString(),
          askedBy: 'api:crm',
          channel: 'email' as const,
          targetHash: `h-${verdict}`,
          verdict,
          rules: ['r1'],
          policyRevision: 'rev',
          decidedFor: now.toISOString(),
        });
        await store.logDecisions([entry('allow'), entry('block')]);
        await store.logDecisions([]);
        const logged = await store.recentDecisions('api:crm', 10);
        expect(logged.map((d) => d.verdict)).toEqual(['block', 'allow']);
        expect(new Set(logged.map((d) => d.id)).size).toBe(2);
        expect((await store.counts()).decisions).toBe(2);
      }),
    );

    it(
      'carries a global objection onto an identifier the person gains',
      withStore(async (store) => {
        const { contact } = await store.saveContact({ email: 'c@acme.fr' }, now);
        await store.addObjection([email('c@acme.fr')], 'all', now, 'test');
        await store.editContact(contact.id, { phone: '+33633333333' }, later);
        await store.purge({ contactIds: [contact.id] });
        const facts = await store.subjectFacts(phone('+33633333333'));
        expect(facts.contact).toBeUndefined();
        expect(facts.objections).toEqual([{ scope: 'all', at: now.toISOString() }]);
      }),
    );

    it(
      'gives a person with consents and interactions in the order recorded, and purges them with the contact',
      withStore(async (store) => {
        const { contact } = await store.saveContact({ email: 'p@acme.fr' }, now);
        const proof = { method: 'checkbox', wording: 'v1', evidence: 'ref-1' };
        await store.recordConsent(
          contact,
          { channel: 'email', purpose: 'prospecting', action: 'grant', at: now, proof },
          now,
        );
        await store.recordConsent(
          contact,
          { channel: 'email', purpose: 'prospecting', action: 'withdraw', at: later, proof },
          later,
        );
        await store.recordInteraction(contact, 'reply', now, now);
        const facts = await store.subjectFacts(email('p@acme.fr'));
        expect(facts.consents.map((c) => c.action)).toEqual(['grant', 'withdraw']);
        expect(facts.interactions.map((i) => i.type)).toEqual(['reply']);
        expect((await store.contactRecord(contact.id))?.consents).toHaveLength(2);
        expect((await store.contactRecords()).map((r) => r.contact.id)).toEqual([contact.id]);
        const removed = await store.purge({ contactIds: [contact.id] });
        expect(removed).toEqual({ contacts: 1, consents: 2, interactions: 1, decisions: 0 });
        expect(await store.purgedTotals()).toEqual({
          contacts: 1,
          consents: 2,
          interactions: 1,
          decisions: 0,
        });
        expect(await store.contactRecord(contact.id)).toBeUndefined();
        expect(await store.purge({ contactIds: [contact.id] })).toEqual({
          contacts: 0,
          consents: 0,
          interactions: 0,
          decisions: 0,
        });
      }),
    );

    it(
      'logs decisions by hash, newest first per asker, and purges them by hash',
      withStore(async (store) => {
        const hash = store.hash(email('d@acme.fr'));
        expect(hash).not.toContain('d@acme.fr');
        for (const verdict of ['allow', 'block', 'review'])
          await store.logDecision({
            askedAt: now.toISOString(),
            askedBy: 'U0A',
            channel: 'email',
            targetHash: hash,
            verdict,
            rules: [],
            policyRevision: 'r',
            decidedFor: now.toISOString(),
          });
        expect((await store.recentDecisions('U0A', 2)).map((d) => d.verdict)).toEqual(['review', 'block']);
        expect((await store.recordsAbout([hash])).decisions).toHaveLength(3);
        expect((await store.purge({ decisionHashes: [hash] })).decisions).toBe(3);
        expect(await store.recentDecisions('U0A', 5)).toEqual([]);
      }),
    );

    it(
      'chains the audit trail so that it can be proven whole, and filters it',
      withStore(async (store) => {
        await store.audit({ at: now.toISOString(), actor: 'cli:a', action: 'contact.add', outcome: 'done' });
        await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            store.audit({
              at: now.toISOString(),
              actor: `slack:U${i}`,
              action: 'contact.view',
              outcome: 'refused',
            }),
          ),
        );
        const trail = await store.auditTrail();
        expect(trail).toHaveLength(6);
        expect(verifyChain(trail)).toMatchObject({ ok: true, entries: 6 });
        expect(await store.auditTrail({ action: 'contact.add' })).toHaveLength(1);
        expect(await store.auditTrail({ actor: 'slack:U3' })).toHaveLength(1);
      }),
    );

    it(
      'remembers reminders sent once, campaigns as saved, and tells listeners which contacts changed',
      withStore(async (store) => {
        await store.markReminders(['k1', 'k2'], now);
        await store.markReminders(['k2', 'k3'], later);
        expect([...(await store.remindersSent())].sort()).toEqual(['k1', 'k2', 'k3']);
        const campaign = { id: 'c1', name: 'Q4', status: 'checked' } as unknown as Campaign;
        await store.saveCampaign(campaign);
        await store.saveCampaign({ ...campaign, name: 'Q4 bis' });
        expect((await store.findCampaign('c1'))?.name).toBe('Q4 bis');
        expect((await store.campaigns()).map((c) => c.id)).toEqual(['c1']);
        const told: Array<string[] | 'all'> = [];
        const stop = store.onContactsChanged((ids) => told.push(ids));
        const { contact } = await store.saveContact({ email: 'l@acme.fr' }, now);
        stop();
        await store.saveContact({ email: 'm@acme.fr' }, now);
        expect(told).toEqual([[contact.id]]);
      }),
    );

    it(
      'claims a delivery once, and runs leased work one at a time',
      withStore(async (store) => {
        expect(await store.claim('Ev1', 60_000)).toBe(true);
        expect(await store.claim('Ev1', 60_000)).toBe(false);
        expect(await store.claim('Ev2', 60_000)).toBe(true);
        const order: string[] = [];
        const slow = async (name: string) => {
          order.push(`${name} in`);
          await new Promise((r) => setTimeout(r, 30));
          order.push(`${name} out`);
          return name;
        };
        const results = await Promise.all([
          store.exclusive('run', () => slow('a')),
          store.exclusive('run', () => slow('b')),
        ]);
        expect(results).toEqual(['a', 'b']);
        expect(order).toEqual(['a in', 'a out', 'b in', 'b out']);
        await expect(store.exclusive('run', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
          'boom',
        );
        expect(await store.exclusive('run', async () => 'after a failure')).toBe('after a failure');
      }),
    );

    it(
      'fences a lease: once another holder took it, the old one can neither check it nor record with it',
      withStore(async (store) => {
        const first = await store.exclusive('run', async (lease) => {
          await lease.check();
          await store.markReminders(['mine'], now, lease);
          return lease;
        });
        const second = await store.exclusive('run', async (lease) => lease);
        expect(second.token).toBeGreaterThan(first.token);
        await expect(first.check()).rejects.toThrow(LeaseLost);
        await expect(store.markReminders(['stale'], now, first)).rejects.toThrow(LeaseLost);
        expect([...(await store.remindersSent())].sort()).toEqual(['mine']);
      }),
    );

    withdrawalContract(withStore);
    suppressionListContract(withStore);
    rolesContract(withStore);
    statsContract(withStore);
  });
}

import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Contact } from '../../src/domain/contacts.ts';
import { InputError } from '../../src/domain/errors.ts';
import { identifiersOf } from '../../src/domain/identifiers.ts';
import { operator as operatorActor } from '../../src/policy/access.ts';
import { editContact, mergeContacts } from '../../src/services/contactEdit.ts';
import type { AppContext } from '../../src/services/context.ts';
import { optOut, recordConsent, recordEvent } from '../../src/services/record.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import type { ContactInput } from '../../src/store/types.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { policy } from '../support/policy.ts';

/**
 * Every write path about a contact, for random existing contacts and random edits: what the user did not name
 * stays byte for byte, and the audit entry names exactly the fields that changed (none: no entry).
 */

const now = new Date('2026-11-23T09:30:00.000Z');
const operator = operatorActor('cli:prop');
let store: FileStore;
let ctx: AppContext;
let person = 0;

beforeAll(async () => {
  store = await FileStore.open(join(tempDir(), 'db.json'), { env: HASH_ENV });
  ctx = { store, policy, clock: () => now };
});
afterAll(async () => store.close());

const some = <T>(values: T[]) => fc.option(fc.constantFrom(...values), { nil: undefined });
const at = (day: string) => `${day}T08:00:00.000Z`;

/** A contact as the register may hold it: any of its fields known or not. */
const known = fc.record({
  phone: fc.boolean(),
  otherPhone: fc.boolean(),
  name: some(['Alice Martin', 'Bob Durand']),
  company: some(['Acme', 'Corp']),
  jobFunction: some(['DAF', 'DRH']),
  department: some(['75', '974']),
  owner: some(['U0AAA', 'U0BBB']),
  audience: some(['b2b', 'b2c'] as const),
  addressKind: some(['personal', 'pro-generic'] as const),
  provenance: fc.option(
    fc.record({
      source: fc.constantFrom('form', 'event', 'purchase', 'import'),
      detail: some(['website', 'salon']),
      collection: fc.constantFrom('direct', 'indirect'),
      collectedAt: fc.constantFrom(at('2024-03-01'), at('2025-01-31')),
      informedAt: some([at('2025-02-01')]),
      recordedBy: some(['cli:someone']),
    }),
    { nil: undefined },
  ),
  sources: some([
    [{ source: 'import' as const, collection: 'indirect' as const, collectedAt: at('2025-06-01') }],
  ]),
  customer: fc.option(
    fc.record({
      since: fc.constantFrom(at('2022-01-10'), at('2023-05-31')),
      until: some([at('2024-01-01')]),
      lastPurchaseAt: some([at('2024-06-01')]),
      products: fc.constantFrom([], ['crm-software']),
    }),
    { nil: undefined },
  ),
});

/** An edit as typed on the command line: any subset of the fields, identifiers included. */
const edit = fc.record(
  {
    name: fc.constantFrom('Alice M.', 'Carole Petit'),
    company: fc.constantFrom('Acme', 'Globex'),
    function: fc.constantFrom('DAF', 'Comptable'),
    department: fc.constantFrom('75', '69'),
    owner: fc.constantFrom('U0AAA', 'U0CCC'),
    audience: fc.constantFrom('b2b', 'b2c'),
    addressKind: fc.constantFrom('personal', 'pro-nominative'),
    source: fc.constantFrom('form', 'purchase:broker', 'event'),
    collection: fc.constantFrom('direct', 'indirect'),
    collectedAt: fc.constantFrom('2024-03-01', '2025-03-01', '2026-11-01'),
    informedAt: fc.constantFrom('2024-02-01', '2025-03-04'),
    customerSince: fc.constantFrom('2021-05-06', '2024-02-01'),
    customerUntil: fc.constantFrom('2023-01-01', '2027-12-31'),
    lastPurchaseAt: fc.constantFrom('2025-06-07', '2022-02-02'),
    products: fc.constantFrom('accounting-software', 'payroll-software'),
    addPhone: fc.constant('new'),
    addEmail: fc.constant('new'),
    replacePhone: fc.constant('new'),
  },
  { requiredKeys: [] },
);

/** The fields whose value differs, as the audit names them (provenance and customer by part). */
function changedFields(before: Contact, after: Contact): string[] {
  const changed: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'updatedAt') continue;
    const [a, b] = [(before as never)[key], (after as never)[key]] as [unknown, unknown];
    if (same(a, b)) continue;
    if (key === 'provenance' || key === 'customer') {
      for (const part of new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]))
        if (!same((a as never)?.[part], (b as never)?.[part])) changed.push(`${key}.${part}`);
    } else changed.push(key);
  }
  return changed.sort();
}

/** The contact's part each typed field may change. */
const TOUCHES: Record<string, string[]> = {
  name: ['name'],
  company: ['company'],
  function: ['jobFunction'],
  department: ['department'],
  owner: ['owner'],
  audience: ['audience'],
  addressKind: ['addressKind'],
  // A new source drops the old one's detail and brings its collection mode unless it was set by hand.
  source: ['provenance.source', 'provenance.detail', 'provenance.collection', 'provenance'],
  collection: ['provenance.collection', 'provenance'],
  collectedAt: ['provenance.collectedAt', 'provenance'],
  informedAt: ['provenance.informedAt', 'provenance'],
  customerSince: ['customer.since', 'customer'],
  customerUntil: ['customer.until', 'customer'],
  lastPurchaseAt: ['customer.lastPurchaseAt', 'customer'],
  products: ['customer.products', 'customer'],
  addPhone: ['phone', 'otherPhones'],
  addEmail: ['otherEmails'],
  replacePhone: ['phone', 'otherPhones', 'formerHashes'],
};

type Known = typeof known extends fc.Arbitrary<infer T> ? T : never;

async function existing(shape: Known) {
  person++;
  const email = `w${person}@corp.fr`;
  const phone = `+3361${String(person).padStart(7, '0')}`;
  const { phone: hasPhone, otherPhone, sources, ...rest } = shape;
  const input = { ...rest, email, ...(hasPhone ? { phone } : {}) } as ContactInput;
  let contact = (await store.saveContact(input, new Date('2025-06-01T00:00:00Z'))).contact;
  const extra =
    otherPhone && hasPhone
      ? [{ kind: 'phone' as const, value: `+3362${String(person).padStart(7, '0')}` }]
      : [];
  if (sources || extra.length > 0)
    contact = (await store.editContact(contact.id, { identifiers: { add: extra } }, now)).contact;
  if (sources) {
    // A later collection, as a re-import adds it.
    contact = (await store.saveContact({ email, provenance: sources[0] }, now)).contact;
  }
  return { contact, email, phone };
}

const lastEntry = async () => (await store.auditTrail()).at(-1);

it('contact edit changes exactly the fields named, and the audit names exactly what changed', async () => {
  await fc.assert(
    fc.asyncProperty(known, edit, async (shape, typed) => {
      const { contact: before, email } = await existing(shape);
      const fresh = `+3367${String(person).padStart(7, '0')}`;
      const fields = { ...typed, email } as Record<string, unknown>;
      if (typed.addPhone) fields.addPhone = fresh;
      if (typed.addEmail) fields.addEmail = `w${person}.perso@gmail.com`;
      if (typed.replacePhone) {
        if (!before.phone) delete fields.replacePhone;
        else fields.replacePhone = [before.phone, `+3368${String(person).padStart(7, '0')}`];
      }
      const trailBefore = (await store.auditTrail()).length;
      let outcome: Awaited<ReturnType<typeof editContact>> | undefined;
      try {
        outcome = await editContact(ctx, fields, operator);
      } catch (error) {
        // A refused edit (dates out of order, a date ahead) changes nothing and audits no change.
        expect(error).toBeInstanceOf(InputError);
      }
      const after = (await store.contactById(before.id)) as Contact;
      const changed = changedFields(before, after);
      if (!outcome) {
        expect(after).toEqual(before);
        expect((await store.auditTrail()).length).toBe(trailBefore);
        return;
      }
      const allowed = new Set(Object.keys(fields).flatMap((f) => TOUCHES[f] ?? []));
      for (const field of changed) expect(allowed, `${field} changed unnamed`).toContain(field);
      expect([...outcome.changed].sort()).toEqual(changed);
      if (changed.length > 0) expect((await lastEntry())?.detail).toBe(`fields ${outcome.changed.join(',')}`);
      else expect((await store.auditTrail()).length).toBe(trailBefore);
    }),
    { numRuns: 150 },
  );
});

it('a consent, an event or an objection leaves the contact byte for byte, and audits what it recorded', async () => {
  await fc.assert(
    fc.asyncProperty(known, fc.constantFrom('consent', 'event', 'optout'), async (shape, write) => {
      const { contact: before, email } = await existing(shape);
      if (write === 'consent')
        await recordConsent(ctx, {
          email,
          channel: 'email',
          method: 'checkbox',
          wording: 'v1',
          evidence: 'form#1',
          recordedBy: 'cli:prop',
        } as never);
      else if (write === 'event') await recordEvent(ctx, { email, type: 'reply', by: 'cli:prop' });
      else await optOut(ctx, { email, origin: 'cli:prop' });
      expect(await store.contactById(before.id)).toEqual(before);
    }),
    { numRuns: 60 },
  );
});

it('a merge keeps the older record, gains only what it lacked, and loses no identifier of either', async () => {
  await fc.assert(
    fc.asyncProperty(known, known, async (a, b) => {
      const first = await existing(a);
      const second = await existing(b);
      const done = await mergeContacts(
        ctx,
        { kind: 'email', value: first.email },
        { kind: 'email', value: second.email },
        operator,
      );
      const [kept, gone] =
        done.contact.id === first.contact.id
          ? [first.contact, second.contact]
          : [second.contact, first.contact];
      const after = (await store.contactById(kept.id)) as Contact;
      expect(await store.contactById(gone.id)).toBeUndefined();
      const ids = (c: Contact) =>
        identifiersOf(c)
          .map((i) => i.value)
          .sort();
      expect(ids(after)).toEqual([...new Set([...ids(kept), ...ids(gone)])].sort());
      for (const key of [
        'name',
        'company',
        'jobFunction',
        'owner',
        'audience',
        'addressKind',
        'department',
      ] as const)
        expect(after[key]).toBe(kept[key] ?? gone[key]);
      const firsts = [kept, gone]
        .map((c) => c.provenance?.collectedAt)
        .filter(Boolean)
        .sort();
      if (firsts.length > 0) expect(after.provenance?.collectedAt).toBe(firsts[0]);
      expect((await lastEntry())?.action).toBe('contact.merge');
    }),
    { numRuns: 60 },
  );
});

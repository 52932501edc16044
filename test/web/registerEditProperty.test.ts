import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { Contact } from '../../src/domain/contacts.ts';
import type { ContactInput } from '../../src/store/index.ts';
import { type ConsoleHarness, consoleHarness, formOf } from '../support/console.ts';

/**
 * The console's write path, as contactWrites.test.ts checks the CLI's: for random existing contacts and a random
 * subset of the Edit form's fields typed over (some with the value already shown), what the user did not change
 * stays byte for byte in the store, and the audit entry names exactly the fields that changed.
 */

let h: ConsoleHarness;
let session: { cookie: string; csrf: string };
let person = 0;

beforeAll(async () => {
  h = consoleHarness();
  session = await h.signIn('U0DPO');
});

const some = <T>(values: T[]) => fc.option(fc.constantFrom(...values), { nil: undefined });
const at = (day: string) => `${day}T08:00:00.000Z`;

/** A contact as the register may hold it: any of its fields known or not. */
const known = fc.record({
  phone: fc.boolean(),
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
    }),
    { nil: undefined },
  ),
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

/** What a user may type in each of the form's fields; `new` stands for a fresh address or number. */
const VALUES = {
  name: fc.constantFrom('Alice Martin', 'Carole Petit'),
  company: fc.constantFrom('Acme', 'Globex'),
  function: fc.constantFrom('DAF', 'Comptable'),
  department: fc.constantFrom('75', '69'),
  owner: fc.constantFrom('U0AAA', 'U0CCC'),
  audience: fc.constantFrom('b2b', 'b2c'),
  addressKind: fc.constantFrom('personal', 'pro-nominative', 'pro-generic'),
  email: fc.constant('new'),
  phone: fc.constant('new'),
  addEmail: fc.constant('new'),
  addPhone: fc.constant('new'),
  source: fc.constantFrom('form', 'purchase', 'event'),
  sourceDetail: fc.constantFrom('salon', 'website', ''),
  collection: fc.constantFrom('direct', 'indirect'),
  collectedAt: fc.constantFrom('2024-03-01', '2025-03-01'),
  informedAt: fc.constantFrom('2024-02-01', '2025-03-04'),
  customerSince: fc.constantFrom('2021-05-06', '2024-02-01'),
  customerUntil: fc.constantFrom('2023-01-01', '2027-12-31'),
  relationship: fc.constantFrom('purchase', 'contract'),
  lastPurchaseAt: fc.constantFrom('2025-06-07', '2022-02-02'),
  products: fc.constantFrom('accounting-software', 'payroll-software'),
};
/** A few fields typed over (a user edits a handful at a time; many at once mostly meet a date out of order). */
const typed = fc
  .uniqueArray(fc.constantFrom(...(Object.keys(VALUES) as Array<keyof typeof VALUES>)), {
    minLength: 1,
    maxLength: 5,
  })
  .chain((names) => fc.record(Object.fromEntries(names.map((name) => [name, VALUES[name]]))));

/** The contact's parts each form field may change (provenance and customer by part, or whole when new). */
const TOUCHES: Record<string, string[]> = {
  name: ['name'],
  company: ['company'],
  function: ['jobFunction'],
  department: ['department'],
  owner: ['owner'],
  audience: ['audience'],
  addressKind: ['addressKind'],
  email: ['email', 'formerHashes'],
  phone: ['phone', 'formerHashes'],
  addEmail: ['email', 'otherEmails'],
  addPhone: ['phone', 'otherPhones'],
  source: ['provenance.source', 'provenance.detail', 'provenance.collection', 'provenance'],
  sourceDetail: ['provenance.source', 'provenance.detail', 'provenance.collection', 'provenance'],
  collection: ['provenance.collection', 'provenance'],
  collectedAt: ['provenance.collectedAt', 'provenance'],
  informedAt: ['provenance.informedAt', 'provenance'],
  customerSince: ['customer.since', 'customer'],
  customerUntil: ['customer.until', 'customer'],
  relationship: ['customer.kind', 'customer'],
  lastPurchaseAt: ['customer.lastPurchaseAt', 'customer'],
  products: ['customer.products', 'customer'],
};

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

type Known = typeof known extends fc.Arbitrary<infer T> ? T : never;

async function existing(shape: Known): Promise<Contact> {
  person++;
  const { phone, ...rest } = shape;
  const input = {
    ...rest,
    email: `w${person}@corp.fr`,
    ...(phone ? { phone: `+3361${String(person).padStart(7, '0')}` } : {}),
  } as ContactInput;
  return (await h.store.saveContact(input, new Date('2025-06-01T00:00:00Z'))).contact;
}

/** What the form sends: the fields as rendered, with the typed ones over them (`new`: a fresh one). */
function sent(shown: Record<string, string>, over: Record<string, string>): Record<string, string> {
  const fresh: Record<string, string> = {
    email: `w${person}.new@corp.fr`,
    phone: `+3368${String(person).padStart(7, '0')}`,
    addEmail: `w${person}.perso@gmail.com`,
    addPhone: `+3367${String(person).padStart(7, '0')}`,
  };
  const fields = { ...shown };
  for (const [name, value] of Object.entries(over))
    fields[name] = value === 'new' ? (fresh[name] as string) : value;
  return fields;
}

const edits = async () => (await h.store.auditTrail()).filter((e) => e.action === 'contact.edit');

it('the console’s Edit form writes only what the user changed, and the audit names exactly that', async () => {
  await fc.assert(
    fc.asyncProperty(known, typed, async (shape, over) => {
      const before = await existing(shape);
      const page = await h.get(`/contacts/${before.id}/edit`, session.cookie);
      const shown = formOf(await page.text(), '/edit');
      const fields = sent(shown, over as Record<string, string>);
      const editsBefore = (await edits()).length;
      const response = await h.post(`/contacts/${before.id}/edit`, session.cookie, fields);
      const after = (await h.store.contactById(before.id)) as Contact;
      const changed = changedFields(before, after);
      // Only a field whose value differs from the one shown may change anything.
      const differing = Object.keys(fields).filter((name) => fields[name] !== shown[name]);
      if (response.status !== 303) {
        // Refused at a field the user changed (dates out of order, a field emptied), or at the start of the
        // customer relationship her new end or purchase needs: nothing written, nothing audited.
        expect(response.status).toBe(400);
        const at = [...(await response.text()).matchAll(/id="f-(\w+)-problem"/g)].map((m) => m[1]);
        expect(at).toHaveLength(1);
        expect([...differing, 'customerSince']).toContain(at[0]);
        expect(after).toEqual(before);
        expect((await edits()).length).toBe(editsBefore);
        return;
      }
      const allowed = new Set(differing.flatMap((name) => TOUCHES[name] ?? []));
      for (const field of changed) expect(allowed, `${field} changed, not edited`).toContain(field);
      const logged = (await edits()).slice(editsBefore);
      if (changed.length === 0) return void expect(logged).toEqual([]);
      expect(logged).toHaveLength(1);
      expect(
        logged[0]?.detail
          ?.replace(/^fields /, '')
          .split(',')
          .sort(),
      ).toEqual(changed);
      expect(response.headers.get('location')?.split('edited=')[1]?.split(',').sort()).toEqual(changed);
    }),
    { numRuns: 120 },
  );
}, 120_000);

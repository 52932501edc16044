import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Contact } from '../../src/domain/contacts.ts';
import type { AppContext } from '../../src/services/context.ts';
import { importContacts } from '../../src/services/importCsv.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import type { ContactInput } from '../../src/store/types.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { policy } from '../support/policy.ts';

/**
 * The import's write path, for any known contact and any row of a file about her: an import fills what is empty
 * and never rewrites what is known; every field the row does not name stays byte for byte; the audit entry of
 * the contact names exactly the fields that changed (none, no entry).
 */

const now = new Date('2026-11-23T09:30:00.000Z');
let dir: string;
let store: FileStore;
let ctx: AppContext;
let person = 0;

beforeAll(async () => {
  dir = tempDir();
  store = await FileStore.open(join(dir, 'db.json'), { env: HASH_ENV });
  ctx = { store, policy, clock: () => now };
});
afterAll(async () => store.close());

const some = <T>(values: T[]) => fc.option(fc.constantFrom(...values), { nil: undefined });
const day = (min: string, max: string) =>
  fc
    .date({ min: new Date(min), max: new Date(max), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

/** A contact as the register may hold it: any of its fields known or not. */
const known = fc.record({
  phone: fc.boolean(),
  name: some(['Alice Martin', 'Bob Durand']),
  company: some(['Acme', 'Corp']),
  jobFunction: some(['DAF', 'DRH']),
  department: some(['75', '2A', '974']),
  owner: some(['U0AAA', 'U0BBB']),
  audience: some(['b2b', 'b2c'] as const),
  addressKind: some(['personal', 'pro-generic'] as const),
  provenance: fc.option(
    fc.record({
      source: fc.constantFrom('form', 'event', 'purchase'),
      collection: fc.constantFrom('direct', 'indirect'),
      collectedAt: day('2024-01-01', '2024-12-31').map((d) => `${d}T08:00:00.000Z`),
      informedAt: some(['2025-01-02T08:00:00.000Z']),
    }),
    { nil: undefined },
  ),
  customer: fc.option(
    fc.record({
      since: day('2022-01-01', '2022-12-31').map((d) => `${d}T08:00:00.000Z`),
      lastPurchaseAt: some(['2023-03-01T08:00:00.000Z']),
      products: some([['crm-software']]),
    }),
    { nil: undefined },
  ),
});

/** A cell of the row: a good value, or (for a field an import may leave out) one that cannot be read. */
const cell = (good: string[], bad?: string) =>
  fc.option(fc.constantFrom(...good, ...(bad ? [bad] : [])), { nil: undefined });
const row = fc.record({
  phone: cell(['another', 'same'], '06 12'),
  name: cell(['Alice M.', 'Carole Petit']),
  company: cell(['Acme', 'Globex']),
  function: cell(['DAF', 'Comptable']),
  department: cell(['75', '69'], 'Bas-Rhain'),
  owner: cell(['U0AAA', 'U0CCC'], 'Jean Martin'),
  audience: cell(['b2b', 'b2c']),
  'address kind': cell(['personal', 'pro-nominative']),
  source: cell(['form', 'purchase:broker']),
  'informed at': cell(['2025-03-04']),
  'customer since': cell(['2021-05-06']),
  'last purchase at': cell(['2025-06-07']),
  products: cell(['accounting-software', 'payroll-software'], 'widgets'),
});
const UNREADABLE = new Set(['06 12', 'Bas-Rhain', 'Jean Martin', 'widgets']);
/** The contact's field each column fills. */
const FIELD: Record<string, string> = {
  phone: 'phone',
  name: 'name',
  company: 'company',
  function: 'jobFunction',
  department: 'department',
  owner: 'owner',
  audience: 'audience',
  'address kind': 'addressKind',
  products: 'customer.products',
  'informed at': 'provenance.informedAt',
  'customer since': 'customer.since',
  'last purchase at': 'customer.lastPurchaseAt',
};

/** The fields whose value differs, as the audit names them. */
function changedFields(before: Contact, after: Contact): string[] {
  const changed: string[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const key of keys) {
    if (key === 'updatedAt') continue;
    const [a, b] = [(before as never)[key], (after as never)[key]] as [unknown, unknown];
    if (same(a, b)) continue;
    if ((key === 'provenance' && a) || key === 'customer') {
      const parts = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
      for (const part of parts)
        if (!same((a as never)?.[part], (b as never)?.[part])) changed.push(`${key}.${part}`);
    } else changed.push(key);
  }
  return changed.sort();
}

it('an import fills empty fields, never rewrites known ones, and audits exactly what changed', async () => {
  await fc.assert(
    fc.asyncProperty(known, row, async (contact, cells) => {
      person++;
      const email = `p${person}@corp.fr`;
      const phone = `+3361${String(person).padStart(7, '0')}`;
      const { phone: hasPhone, ...rest } = contact;
      const input = { ...rest, email, ...(hasPhone ? { phone } : {}) } as ContactInput;
      const before = (await store.saveContact(input, new Date('2025-06-01T00:00:00Z'))).contact;
      const given = Object.entries(cells).filter(([, v]) => v !== undefined) as [string, string][];
      // The person's own number as she would type it, or a number of her own nobody else has.
      const own = { same: phone.replace('+33', '0'), another: `0698${String(person).padStart(6, '0')}` };
      const values = given.map(([, v]) => own[v as keyof typeof own] ?? v);
      const file = join(dir, `row-${person}.csv`);
      writeFileSync(file, `email;${given.map(([c]) => c).join(';')}\n${email};${values.join(';')}\n`);

      const report = await importContacts(ctx, { path: file }, file, { by: 'cli:prop' });
      expect(report.errors).toEqual([]);
      // Exactly the unreadable cells are left out, and the row is kept.
      expect(report.dropped.map((d) => d.column).sort()).toEqual(
        given
          .filter(([, v]) => UNREADABLE.has(v))
          .map(([c]) => c)
          .sort(),
      );
      const after = (await store.findContact({ kind: 'email', value: email })) as Contact;
      const named = new Set(given.filter(([, v]) => !UNREADABLE.has(v)).map(([c]) => FIELD[c]));
      const changed = changedFields(before, after);
      for (const field of changed) {
        // What changed was named by the row and empty before (a later purchase is news: it moves forward),
        // or is the import added to the sources, or the provenance of a contact that had none.
        if (field === 'sources' || (field === 'provenance' && !before.provenance)) continue;
        expect(named.has(field), `${field} changed without being named`).toBe(true);
        const [top, part] = field.split('.') as [keyof Contact, string?];
        const was = part ? (before[top] as Record<string, unknown> | undefined)?.[part] : before[top];
        if (field === 'customer.lastPurchaseAt' && was !== undefined)
          expect(after.customer?.lastPurchaseAt && after.customer.lastPurchaseAt > (was as string)).toBe(
            true,
          );
        else expect(was, `${field} was known and rewritten`).toBeUndefined();
      }
      // The sources only grow: the first collection and every source before stay as they were.
      expect((after.sources ?? []).slice(0, before.sources?.length ?? 0)).toEqual(before.sources ?? []);
      const entries = (await store.auditTrail({ actor: 'cli:prop' })).filter(
        (e) => e.targetHash === store.hash({ kind: 'email', value: email }),
      );
      if (changed.length === 0) expect(entries).toEqual([]);
      else {
        expect(entries).toHaveLength(1);
        const fields = /^fields ([^;]*)/.exec(entries[0]?.detail ?? '')?.[1]?.split(',') ?? [];
        expect(fields.sort()).toEqual(changed);
        expect(report.updated).toBe(1);
      }
    }),
    { numRuns: 120 },
  );
});

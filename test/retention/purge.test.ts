import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/errors.ts';
import { operator } from '../../src/policy/access.ts';
import type { AppContext } from '../../src/services/context.ts';
import { purgeOverdue, retentionScan } from '../../src/services/retention.ts';
import { type ReminderPoster, runRetention } from '../../src/services/retentionJob.ts';
import { MemoryStore } from '../../src/store/memoryStore.ts';
import type { Store } from '../../src/store/types.ts';
import { policy } from '../support/policy.ts';

const NOW = new Date('2026-11-23T09:30:00Z'); // Monday, 10:30 in Paris
const form = (collectedAt: string) => ({
  source: 'form' as const,
  collection: 'direct' as const,
  collectedAt,
});

/** Alice, a prospect since 2023, and Dave, a customer until January 2022: both due for purge now. */
async function register(store: Store = new MemoryStore()) {
  const alice = (
    await store.saveContact({ email: 'alice@corp.fr', provenance: form('2023-11-01T08:00:00Z') }, NOW)
  ).contact;
  const dave = (
    await store.saveContact(
      {
        email: 'dave@corp.fr',
        provenance: form('2019-03-01T00:00:00Z'),
        customer: { since: '2019-03-01T00:00:00.000Z', until: '2022-01-09T23:00:00.000Z', products: [] },
      },
      NOW,
    )
  ).contact;
  const ctx: AppContext = { store, policy, clock: () => NOW };
  return { ctx, store, alice, dave };
}

const emails = async (store: Store) => (await store.contactRecords()).map((r) => r.contact.email).sort();

describe('a purge', () => {
  it('keeps a contact whose clock moved since the scan: a purchase, a reply', async () => {
    const { ctx, store, alice, dave } = await register();
    const scan = await retentionScan(ctx, undefined, 0);
    expect(scan.overdue.map((d) => d.contact.email).sort()).toEqual(['alice@corp.fr', 'dave@corp.fr']);
    // Between the list and the deletion: Dave buys again, Alice replies.
    await store.editContact(
      dave.id,
      {
        customer: {
          ...(dave.customer as NonNullable<typeof dave.customer>),
          lastPurchaseAt: NOW.toISOString(),
        },
      },
      NOW,
    );
    await store.recordInteraction(alice, 'reply', NOW, NOW);
    const outcome = await purgeOverdue(ctx, operator('cli:dpo'), { scan });
    expect(outcome.removed).toBeUndefined();
    expect(outcome.stayed.map((d) => d.contact.email).sort()).toEqual(['alice@corp.fr', 'dave@corp.fr']);
    expect(await emails(store)).toEqual(['alice@corp.fr', 'dave@corp.fr']);
    expect(await store.auditTrail({ action: 'retention.purge' })).toEqual([]);
  });

  it('deletes only what it listed, and names in the audit who stayed', async () => {
    const { ctx, store, alice } = await register();
    const scan = await retentionScan(ctx, undefined, 0);
    await store.recordInteraction(alice, 'click', NOW, NOW);
    // Someone new comes due after the list was made: not listed, so not deleted by this purge.
    await store.saveContact({ email: 'late@corp.fr', provenance: form('2023-11-01T07:00:00Z') }, NOW);
    const outcome = await purgeOverdue(ctx, operator('cli:dpo'), { scan });
    expect(outcome.list.map((d) => d.contact.email)).toEqual(['dave@corp.fr']);
    expect(await emails(store)).toEqual(['alice@corp.fr', 'late@corp.fr']);
    const [entry] = await store.auditTrail({ action: 'retention.purge' });
    expect(entry?.detail).toBe(
      '1 contacts, 0 consents, 0 interactions, 0 decisions; rules retention-customer; 1 kept (deadline moved since the list)',
    );
  });

  it('runs at the real clock only: a date ahead or behind is refused, and nothing is deleted', async () => {
    const { ctx, store } = await register();
    for (const at of ['2029-11-10', '2026-11-24T10:30', '2025-01-01']) {
      const refused = purgeOverdue(ctx, operator('cli:dpo'), { at });
      await expect(refused).rejects.toBeInstanceOf(InputError);
      await expect(refused).rejects.toMatchObject({
        problem: 'purge_not_now',
        params: { field: 'at', value: at },
      });
      await expect(purgeOverdue(ctx, operator('cli:dpo'), { at, dryRun: true })).rejects.toBeInstanceOf(
        InputError,
      );
    }
    expect(await emails(store)).toHaveLength(2);
    // "Now", as a script may give it, is the real clock.
    const done = await purgeOverdue(ctx, operator('cli:dpo'), { at: '2026-11-23T10:30:00+01:00' });
    expect(done.removed).toMatchObject({ contacts: 2 });
  });

  it('a scan ahead is a preview: it lists what would be due then and says so', async () => {
    const { ctx } = await register();
    expect((await retentionScan(ctx)).preview).toBe(false);
    const ahead = await retentionScan(ctx, '2029-11-10');
    expect(ahead.preview).toBe(true);
  });

  it('the scheduled purge computes each contact again at the moment it deletes', async () => {
    const inner = new MemoryStore();
    const { ctx, alice } = await register(inner);
    // Alice replies while the run scans the register: after her page was read, before the purge.
    const store = Object.create(inner) as Store;
    store.contactPages = async function* (size?: number) {
      yield* inner.contactPages(size);
      await inner.recordInteraction(alice, 'reply', NOW, NOW);
    };
    const auto = {
      ...policy,
      doc: { ...policy.doc, retention: { ...policy.doc.retention, on_deadline: 'auto' as const } },
    };
    const poster: ReminderPoster = { digest: async () => undefined, remind: async () => undefined };
    const run = await runRetention({ ...ctx, store, policy: auto }, poster);
    expect(run.purged).toMatchObject({ contacts: 1 });
    expect(await emails(inner)).toEqual(['alice@corp.fr']);
  });
});

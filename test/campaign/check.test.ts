import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCampaignCheck } from '../../src/services/campaign.ts';
import type { AppContext } from '../../src/services/context.ts';
import { MemoryStore } from '../../src/store/memoryStore.ts';
import { tempDir } from '../support/dirs.ts';
import { policy } from '../support/policy.ts';

let store: MemoryStore;

async function context(at: string): Promise<AppContext> {
  store = new MemoryStore();
  return { store, policy, clock: () => new Date(at) };
}

const template = 'Objet : Isolation de vos combles\nExemple SAS\nSe désinscrire : {{unsubscribe}}';

it('applies a sector ban to the whole campaign, consent or not', async () => {
  const ctx = await context('2026-11-23T10:00:00+01:00');
  const { contact } = await store.saveContact({ email: 'claire@gmail.com' }, new Date('2026-01-01'));
  await store.recordConsent(
    contact,
    {
      channel: 'email',
      purpose: 'prospecting',
      action: 'grant',
      at: new Date('2026-01-01'),
      proof: { method: 'checkbox', wording: 'v1' },
    },
    new Date('2026-01-01'),
  );
  const list = { kind: 'pasted' as const, text: 'claire@gmail.com\npaul@gmail.com' };
  const { campaign } = await runCampaignCheck(
    ctx,
    { channel: 'email', product: 'energy-renovation', audience: 'b2c', template, checkedBy: 'test' },
    list,
  );
  expect(campaign.campaignWide).toEqual(['sector-ban-energy-renovation-home-adaptation']);
  expect(campaign.counts.block).toBe(2);
});

it('decides at the planned start and end: a recipient is allowed only if every planned moment is', async () => {
  // A phone campaign on a Friday afternoon that runs into Saturday evening: outside calling hours at the end.
  const ctx = await context('2026-11-23T10:00:00+01:00');
  await store.saveContact(
    {
      phone: '+33612345678',
      jobFunction: 'finance',
      audience: 'b2c',
      customer: { since: '2025-01-01T00:00:00Z', kind: 'contract', products: ['accounting-software'] },
      provenance: {
        source: 'purchase',
        collection: 'direct',
        collectedAt: '2025-01-01T00:00:00Z',
        informedAt: '2025-01-01T00:00:00Z',
      },
    },
    new Date('2025-01-01'),
  );
  const list = { kind: 'pasted' as const, text: '+33 6 12 34 56 78' };
  const fields = {
    channel: 'phone',
    product: 'accounting-software',
    audience: 'b2c',
    template: 'x',
    checkedBy: 'test',
  };
  const daytime = await runCampaignCheck(ctx, { ...fields, start: '2026-11-27T14:00' }, list);
  const late = await runCampaignCheck(
    ctx,
    { ...fields, start: '2026-11-27T14:00', end: '2026-11-28T21:30' },
    list,
  );
  expect(daytime.campaign.counts.allow).toBe(1);
  expect(late.campaign.counts.block).toBe(1);
  expect(late.campaign.groups.map((g) => g.rule)).toContain('phone-b2c-allowed-days-hours');
});

it('refuses a file longer than the policy’s row limit while reading it', async () => {
  const ctx = await context('2026-11-23T10:00:00+01:00');
  const small = {
    ...ctx,
    policy: { ...policy, doc: { ...policy.doc, campaign: { ...policy.doc.campaign, max_rows: 3 } } },
  };
  const rows = Array.from({ length: 10 }, (_, i) => `p${i}@acme.fr`);
  const file = (n: number) => ({
    kind: 'file' as const,
    bytes: Buffer.from(['email', ...rows.slice(0, n)].join('\n')),
    fileName: 'l.csv',
  });
  const fields = { channel: 'email', product: 'accounting-software', checkedBy: 'test' };
  // The files were being written as the check went: a refused check leaves neither them nor a temporary file.
  const dir = tempDir();
  const outputs = {
    details: { path: join(dir, 'details.csv'), format: 'csv' as const },
    cleaned: { path: join(dir, 'cleaned.xlsx'), format: 'xlsx' as const },
  };
  await expect(runCampaignCheck(small, fields, file(10), { outputs })).rejects.toMatchObject({
    problem: 'too_long',
    params: { field: 'file', limit: 3 },
  });
  expect(readdirSync(dir)).toEqual([]);
  // A header and exactly as many rows as the limit are read.
  expect((await runCampaignCheck(small, fields, file(3))).campaign.counts.rows).toBe(3);
});

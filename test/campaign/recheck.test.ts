import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { emailIdentifier } from '../../src/domain/identifiers.ts';
import { runCampaignCheck } from '../../src/services/campaign.ts';
import { decideOnCampaign } from '../../src/services/campaignDecisions.ts';
import { recheckCampaign } from '../../src/services/campaignRecheck.ts';
import type { AppContext } from '../../src/services/context.ts';
import { erasePerson } from '../../src/services/privacy.ts';
import { optOut } from '../../src/services/record.ts';
import { runRetention } from '../../src/services/retentionJob.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { operator, withEveryRole } from '../support/actors.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { policy } from '../support/policy.ts';
import { financeProfessional } from '../support/subjects.ts';

/**
 * Approvals hold at send time (GDPR art. 21(3): after an objection the data "shall no longer be processed" for
 * prospecting; L.34-5 CPCE): a campaign approved on Monday is checked again when it is sent, and whoever
 * objected, withdrew or was erased since is dropped from the list the sending tool gets.
 */

const TEMPLATE =
  'Objet : Votre comptabilité en 10 minutes\nBonjour, Exemple SAS vous présente…\nSe désinscrire : {{unsubscribe}}';
/** Four allowed professionals (one with a formula for a name), a blocked consumer, a repeat, an invalid row. */
const LIST = Buffer.from(
  'Nom;E-mail\r\nA;a@acme.fr\r\nB;b@gmail.com\r\nC;c@acme.fr\r\n=1+1;d@acme.fr\r\nE;e@acme.fr\r\nA bis;A@ACME.FR\r\nX;nope\r\n',
  'latin1',
);

let dir: string;
let store: FileStore;
let clock: Date;
let ctx: AppContext;

beforeEach(async () => {
  dir = tempDir();
  store = await FileStore.open(join(dir, 'db.json'), { env: HASH_ENV });
  clock = new Date('2026-11-23T10:00:00+01:00');
  ctx = { store, policy, clock: () => clock };
  for (const email of ['a@acme.fr', 'c@acme.fr', 'd@acme.fr', 'e@acme.fr'])
    await store.saveContact(financeProfessional(email), new Date('2026-01-05T00:00:00Z'));
  return () => store.close();
});

/** Checked on Monday from a file on disk (then removed: the app keeps its own copy), approved the cleaned list. */
async function approvedCampaign() {
  const file = join(dir, 'list.csv');
  writeFileSync(file, LIST);
  const fields = {
    channel: 'email',
    product: 'accounting-software',
    start: '2026-11-24T09:00',
    end: '2026-11-27T18:00',
    template: TEMPLATE,
    checkedBy: 'cli:sales',
  };
  const { campaign } = await runCampaignCheck(ctx, fields, { kind: 'file', path: file, fileName: file });
  writeFileSync(file, 'gone');
  await decideOnCampaign(ctx, campaign.id, withEveryRole('cli:sales'), 'request');
  const approved = await decideOnCampaign(ctx, campaign.id, withEveryRole('cli:boss'), 'approve-cleaned');
  if (!approved.ok) throw new Error(approved.problem);
  return approved.campaign;
}

describe('checking an approved campaign again at send time', () => {
  it('drops whoever objected, was erased or objected on another address since approval, with why', async () => {
    const c = await approvedCampaign();
    expect(c.counts.allow).toBe(4);
    // Tuesday: c objects to all marketing; d is erased at her request; e's other address objects.
    clock = new Date('2026-11-24T08:00:00+01:00');
    await optOut(ctx, { email: 'c@acme.fr', origin: 'cli:dpo' });
    await erasePerson(ctx, emailIdentifier('d@acme.fr'), operator('cli:dpo'));
    const e = await store.findContact(emailIdentifier('e@acme.fr'));
    await store.editContact(
      e?.id ?? '',
      { identifiers: { add: [emailIdentifier('eve.perso@gmail.com')] } },
      clock,
    );
    await optOut(ctx, { email: 'eve.perso@gmail.com', channel: 'email', origin: 'api:lemlist' });

    clock = new Date('2026-11-24T09:05:00+01:00');
    const out = { path: join(dir, 'fresh.csv'), format: 'csv' as const };
    const done = await recheckCampaign(ctx, c.id, 'cli:sender', { cleaned: out, collectAllowed: true });

    expect(done.allowed?.map((t) => t.value)).toEqual(['a@acme.fr']);
    expect(done.dropped.map((d) => [d.line, d.target?.value, d.reason])).toEqual([
      [4, 'c@acme.fr', 'objected'],
      [5, undefined, 'erased'], // erased: no longer known, her line only
      [6, 'e@acme.fr', 'objected'],
    ]);
    expect(done.recheck).toMatchObject({
      approved: 4,
      allowed: 1,
      dropped: { objected: 2, erased: 1 },
      by: 'cli:sender',
    });
    // She is gone from the kept copy too (GDPR art. 17): her line is empty, the others on theirs.
    const copy = readFileSync(join(dir, 'db.campaign-lists', `${c.id}.0.json`), 'utf8');
    expect(Buffer.from(JSON.parse(copy).data, 'base64').toString('latin1')).toBe(
      'Nom;E-mail\r\nA;a@acme.fr\r\nB;b@gmail.com\r\nC;c@acme.fr\r\n\r\nE;e@acme.fr\r\nA bis;A@ACME.FR\r\nX;nope\r\n',
    );
    // The fresh list: the checked file's shape (Windows-1252, ";", CRLF), the allowed row only, mode 600.
    expect(readFileSync(out.path, 'latin1')).toBe('Nom;E-mail\r\nA;a@acme.fr\r\n');
    expect(statSync(out.path).mode & 0o777).toBe(0o600);
    // Saved with the campaign, masked; its history and the audit say who, when and how many, never who was dropped.
    const stored = await store.findCampaign(c.id);
    expect(stored?.recheck?.sample.map((s) => s.masked)).toEqual([
      'c***@acme.fr',
      '', // erased: not even masked
      'e***@acme.fr',
    ]);
    expect(stored?.history.at(-1)).toMatchObject({ event: 'rechecked', by: 'cli:sender', dropped: 3 });
    expect(JSON.stringify(stored)).not.toContain('c@acme.fr');
    const [entry] = await store.auditTrail({ action: 'campaign.recheck' });
    expect(entry?.detail).toBe(`${c.id}: 4 approved, 1 still allowed, 3 dropped (erased 1, objected 2)`);
    expect(entry?.detail).not.toContain('@');
  });

  it('keeps every still-allowed recipient and neutralises a formula, as the cleaned list does', async () => {
    const c = await approvedCampaign();
    const out = { path: join(dir, 'fresh.csv'), format: 'csv' as const };
    const done = await recheckCampaign(ctx, c.id, 'cli:sender', { cleaned: out });
    expect(done.dropped).toEqual([]);
    expect(readFileSync(out.path, 'latin1')).toBe(
      "Nom;E-mail\r\nA;a@acme.fr\r\nC;c@acme.fr\r\n'=1+1;d@acme.fr\r\nE;e@acme.fr\r\n",
    );
    expect(done.recheck.allowedHash).toBe(c.cleanedHash);
  });

  it('keeps the checked list beside the register, mode 600, and discards it once the campaign is rejected', async () => {
    const c = await approvedCampaign();
    const folder = join(dir, 'db.campaign-lists');
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const parts = readdirSync(folder);
    expect(parts).toEqual([`${c.id}.0.json`]);
    expect(statSync(join(folder, parts[0] ?? '')).mode & 0o777).toBe(0o600);

    const file = join(dir, 'other.csv');
    writeFileSync(file, 'E-mail\na@acme.fr\n');
    const other = await runCampaignCheck(
      ctx,
      {
        channel: 'email',
        product: 'accounting-software',
        template: TEMPLATE,
        checkedBy: 'cli:sales',
        name: 'x',
      },
      { kind: 'file', path: file, fileName: file },
    );
    await decideOnCampaign(ctx, other.campaign.id, withEveryRole('cli:sales'), 'request');
    await decideOnCampaign(ctx, other.campaign.id, withEveryRole('cli:boss'), 'reject', 'pas maintenant');
    expect(readdirSync(folder)).toEqual([`${c.id}.0.json`]);
    expect((await store.findCampaign(other.campaign.id))?.kept).toBeUndefined();
  });

  it('refuses a campaign not approved, and one whose planned period is over (its list then goes)', async () => {
    const file = join(dir, 'list.csv');
    writeFileSync(file, LIST);
    const { campaign } = await runCampaignCheck(
      ctx,
      { channel: 'email', product: 'accounting-software', template: TEMPLATE, checkedBy: 'cli:sales' },
      { kind: 'file', path: file, fileName: file },
    );
    await expect(recheckCampaign(ctx, campaign.id, 'cli:x')).rejects.toMatchObject({
      problem: 'campaign_not_approved',
    });
    const c = await approvedCampaign();
    // The minute before the planned end it may still be sent; from the end on, the approval covers no send.
    clock = new Date('2026-11-27T17:59:00+01:00');
    expect((await recheckCampaign(ctx, c.id, 'cli:x')).recheck.allowed).toBe(4);
    clock = new Date('2026-11-27T18:00:00+01:00');
    await expect(recheckCampaign(ctx, c.id, 'cli:x')).rejects.toMatchObject({ problem: 'campaign_over' });
    expect((await store.findCampaign(c.id))?.kept).toBeUndefined();
    expect(readdirSync(join(dir, 'db.campaign-lists'))).not.toContain(`${c.id}.0.json`);
    const refused = await store.auditTrail({ action: 'campaign.recheck' });
    expect(refused.filter((e) => e.outcome === 'refused').map((e) => e.detail)).toEqual([
      `${campaign.id} not-approved`,
      `${c.id} campaign-over`,
    ]);
  });

  it('lets the retention run discard the list of a campaign whose period is over, and nothing else', async () => {
    const c = await approvedCampaign();
    const poster = { digest: async () => undefined, remind: async () => undefined };
    clock = new Date('2026-11-27T17:59:00+01:00');
    await runRetention(ctx, poster);
    expect((await store.findCampaign(c.id))?.kept).toBeDefined();
    clock = new Date('2026-11-27T18:00:00+01:00');
    await runRetention(ctx, poster);
    expect((await store.findCampaign(c.id))?.kept).toBeUndefined();
    expect(readdirSync(join(dir, 'db.campaign-lists'))).toEqual([]);
  });
});

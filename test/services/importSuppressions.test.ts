import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settled, watchApprovedCampaigns } from '../../src/services/approvedWatch.ts';
import { runCampaignCheck } from '../../src/services/campaign.ts';
import { decideOnCampaign } from '../../src/services/campaignDecisions.ts';
import type { AppContext } from '../../src/services/context.ts';
import { importSuppressions } from '../../src/services/importSuppressions.ts';
import { deliverDue } from '../../src/services/webhookDelivery.ts';
import { addWebhook } from '../../src/services/webhooks.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { withEveryRole } from '../support/actors.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { policy } from '../support/policy.ts';
import { financeProfessional } from '../support/subjects.ts';

// GDPR art. 21(2)-(3), L.34-5 CPCE: a person who unsubscribed in another tool (Brevo, Mailchimp, lemlist…) has
// objected; once her line of that tool's suppression list reaches us, the objection binds us, and it outlives her
// record here (art. 17(3) keeps what is needed to honour an objection; CNIL, "liste d'opposition"). Lists travel
// hashed too (Mailchimp's MD5 of the address, Customer Match's SHA-256), which our keyed hashes cannot match: the
// person asked about is hashed the same way at decision time.
const EXPORTS = resolve(import.meta.dirname, '..', 'fixtures', 'exports');
const BLOCK = 1;
const OBJECTION = 'optout-right-to-object';

function fixture(dir: string, name: string): string {
  const path = join(dir, name);
  copyFileSync(join(EXPORTS, name), path);
  return path;
}

const rulesOf = async (run: ReturnType<typeof cli>, channel: string, target: string): Promise<string[]> =>
  JSON.parse((await run('can-i', channel, target, '--json')).out).reasons.map(
    (r: { rule: string }) => r.rule,
  );

const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('a suppression list from another tool becomes objections', () => {
  it("Brevo's blocklist: each unsubscribe and complaint blocks its address, a hard bounce is no objection", async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    expect(await rulesOf(run, 'email', 'lea.petit@acme.fr')).not.toContain(OBJECTION);
    const file = fixture(dir, 'brevo-blocklist.csv');
    const imported = await run('import-suppressions', file);
    expect(imported.status).toBe(0);
    expect(imported.out).toContain(
      'suppression list brevo-blocklist.csv (utf-8): 4 rows, 3 objections recorded',
    );
    expect(imported.out).toContain('3 addresses; by means: email 3');
    expect(imported.out).toContain('1 row is not an objection (a bounce');
    for (const email of ['lea.petit@acme.fr', 'paul.martin@gmail.com', 'claire.dubois@acme.fr'])
      expect((await run('can-i', 'email', email)).status).toBe(BLOCK);
    // The address that bounced does not exist: nobody objected, and the register does not say so.
    expect(await rulesOf(run, 'email', 'ancien.stagiaire@acme.fr')).not.toContain(OBJECTION);
    // On its means only: her number (had she one on the list) would be another matter.
    expect((await run('privacy', 'export', '--email', 'lea.petit@acme.fr')).out).toContain(
      '"scope": "email"',
    );
    // One entry for the file, its bytes proven by their sha256, nobody in it named.
    const audit = JSON.parse((await run('audit', '--json')).out) as Array<{
      action: string;
      detail?: string;
    }>;
    const entry = audit.filter((e) => e.action === 'objection.import');
    expect(entry).toHaveLength(1);
    expect(entry[0]?.detail).toContain(`file brevo-blocklist.csv (sha256 ${sha256Of(file)})`);
    expect(entry[0]?.detail).toContain('3 objections (3 emails');
    expect(JSON.stringify(audit)).not.toMatch(/@acme\.fr|@gmail\.com/);
  });

  it("Mailchimp's export of unsubscribed members: each objection dated when she unsubscribed, read in local time", async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    expect((await run('import-suppressions', fixture(dir, 'mailchimp-unsubscribed.csv'))).status).toBe(0);
    const exported = JSON.parse((await run('privacy', 'export', '--email', 'emma.rousseau@acme.fr')).out);
    // UNSUB_TIME "2026-09-14 10:22:31", Paris summer time; the opt-in and confirmation times are not read.
    expect(exported.objections).toEqual([
      {
        scope: 'email',
        at: '2026-09-14T08:22:31.000Z',
        origin: 'cli:tester',
        reason: 'suppression list mailchimp-unsubscribed.csv',
      },
    ]);
  });

  it('a Mailchimp list of MD5 hashes blocks the person whose address hashes to it, in the register or not, and after her erasure', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'fr' });
    const imported = await run('import-suppressions', fixture(dir, 'mailchimp-unsubscribed-md5.csv'));
    expect(imported.status).toBe(0);
    expect(imported.out).toContain('2 oppositions enregistrées');
    expect(imported.out).toContain('2 empreintes d’un autre outil (MD5 2)');
    // Sophie is unknown here: asked about, her address is hashed as Mailchimp hashes it, and matched.
    expect((await run('can-i', 'email', 'Sophie.Laurent@acme.fr')).status).toBe(BLOCK);
    expect((await run('can-i', 'email', 'marc.olivier@gmail.com')).status).toBe(BLOCK);
    // "cleaned" is Mailchimp's word for an address that bounced: no objection.
    expect(await rulesOf(run, 'email', 'boite.pleine@acme.fr')).not.toContain(OBJECTION);
    // Her access request lists it (GDPR art. 15).
    expect((await run('privacy', 'export', '--email', 'sophie.laurent@acme.fr')).out).toContain(
      'suppression list mailchimp-unsubscribed-md5.csv',
    );

    // She becomes a contact: still blocked, on her number too (an objection to email, on her email channel).
    const add = ['contact', 'add', '--email', 'sophie.laurent@acme.fr', '--phone', '06 12 34 56 91'];
    expect((await run(...add, '--source', 'form', '--collected-at', '2026-11-02')).status).toBe(0);
    expect(await rulesOf(run, 'email', 'sophie.laurent@acme.fr')).toContain(OBJECTION);
    // Erased at her request, then deleted by mistake and re-imported: the objection stays (it is never purged).
    expect((await run('privacy', 'erase', '--email', 'sophie.laurent@acme.fr', '--yes')).status).toBe(0);
    expect((await run('can-i', 'email', 'sophie.laurent@acme.fr')).status).toBe(BLOCK);
    expect(
      (await run('contact', 'add', '--email', 'marc.olivier@gmail.com', '--source', 'form')).status,
    ).toBe(0);
    expect((await run('contact', 'delete', '--email', 'marc.olivier@gmail.com', '--yes')).status).toBe(0);
    expect(await rulesOf(run, 'email', 'marc.olivier@gmail.com')).toContain(OBJECTION);
  });

  it('a Customer Match list of SHA-256 hashes (capitals, a hashed number beside the address) blocks each on its own means', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    const imported = await run('import-suppressions', fixture(dir, 'customer-match-sha256.csv'));
    expect(imported.status).toBe(0);
    expect(imported.out).toContain('3 hashes from another tool (SHA-256 3); by means: email 2, SMS 1');
    expect((await run('can-i', 'email', 'THEO.GARNIER@acme.fr')).status).toBe(BLOCK);
    expect((await run('can-i', 'email', 'nina.moreau@gmail.com')).status).toBe(BLOCK);
    // A number on a list that does not say which means: every means that reaches a number.
    for (const channel of ['sms', 'phone', 'automated-call'])
      expect(await rulesOf(run, channel, '06 12 34 56 70')).toContain(OBJECTION);
  });

  it('a whole domain is no person: the row is refused at its column and nothing is recorded, unless --skip-invalid', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'fr' });
    const file = fixture(dir, 'lemlist-unsubscribes.csv');
    const refused = await run('import-suppressions', file);
    expect(refused.status).toBe(2);
    expect(refused.err).toContain(
      `${file}:3: colonne « Email » (adresse e-mail) : « @concurrent.fr » est un domaine`,
    );
    expect(refused.err).toContain('rien n’a été enregistré : 1 ligne sur 3 est invalide');
    expect(await rulesOf(run, 'email', 'julie.bernard@acme.fr')).not.toContain(OBJECTION);
    const rejected = join(dir, 'rejected.csv');
    const skipped = await run('import-suppressions', file, '--skip-invalid', '--rejected', rejected);
    expect(skipped.status).toBe(0);
    expect(skipped.out).toContain('2 oppositions enregistrées');
    expect(skipped.err).toContain('1 ligne invalide laissée de côté');
    for (const email of ['julie.bernard@acme.fr', 'hugo.lefevre@acme.fr'])
      expect((await run('can-i', 'email', email)).status).toBe(BLOCK);
    const back = readFileSync(rejected, 'utf8').split('\n');
    expect(back[0]).toBe('Email,Unsubscribed at,motif du rejet');
    expect(back[1]).toContain('@concurrent.fr,2026-10-21T09:00:00.000Z,');
    expect(back[1]).toContain('colonne « Email »');
    expect(statSync(rejected).mode & 0o777).toBe(0o600);
  });

  it('names the column of each bad row in the reader’s language: a date ahead, a cell that is no hash, an unknown means', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'fr' });
    const file = join(dir, 'desinscrits.csv');
    writeFileSync(
      file,
      [
        'Empreinte e-mail;Canal;Date de désinscription',
        `${'a'.repeat(64)};email;2026-12-25`,
        'pas-une-empreinte;email;2026-10-01',
        `${'b'.repeat(32)};fax;2026-10-01`,
        `${'c'.repeat(64)};Tous les canaux;2026-10-01 08:30`,
      ].join('\r\n'),
    );
    const refused = await run('import-suppressions', file);
    expect(refused.status).toBe(2);
    expect(refused.err).toContain(
      `${file}:2: colonne « Date de désinscription » (date) : la date ne peut pas être dans le futur.`,
    );
    expect(refused.err).toContain(
      `${file}:3: colonne « Empreinte e-mail » (empreinte de l’adresse) : « pas-une-empreinte » n’est pas une empreinte SHA-256`,
    );
    expect(refused.err).toContain(
      `${file}:4: colonne « Canal » (moyen concerné) : « fax » n’est pas l’une des valeurs`,
    );
    expect(refused.err).not.toContain(`${file}:5:`);
    expect((await run('--lang', 'en', 'import-suppressions', file, '--scope', 'fax')).err).toContain(
      '--scope: "fax" is not one of',
    );
  });

  it('keeps a person by what reads of her: a mistyped number beside her address is left out, her objection is not', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    const file = join(dir, 'unsubscribed.csv');
    writeFileSync(file, 'Email;Mobile\nrose.petit@acme.fr;06 12\n');
    const imported = await run('import-suppressions', file);
    expect(imported.status).toBe(0);
    expect(imported.err).toContain(
      `${file}:2: column "Mobile" (phone number): "06 12" is not a valid phone number (e.g. +33 6 12 34 56 78). Row kept without it.`,
    );
    expect(imported.out).toContain('1 objection recorded');
    expect((await run('can-i', 'email', 'rose.petit@acme.fr')).status).toBe(BLOCK);
    const audit = JSON.parse((await run('audit', '--action', 'objection.import', '--json')).out);
    expect(audit[0].detail).toContain('1 identifiers left out');
  });

  it('a bare list without a header, the means chosen by --scope; --dry-run shows what would be recorded and records nothing', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    const file = join(dir, 'stop-sms.txt');
    writeFileSync(file, '06 12 34 56 81\n+33 6 12 34 56 82\n');
    const dry = await run('import-suppressions', file, '--scope', 'sms', '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.out).toContain('--dry-run: nothing was recorded.');
    expect(dry.out).toContain('2 rows, 2 objections would be recorded');
    expect(dry.out).toContain('line 1: +336•••81 → SMS');
    expect(dry.out).toContain('An objection is never deleted');
    expect(await rulesOf(run, 'sms', '06 12 34 56 81')).not.toContain(OBJECTION);
    expect((await run('import-suppressions', file, '--scope', 'sms')).status).toBe(0);
    expect(await rulesOf(run, 'sms', '06 12 34 56 81')).toContain(OBJECTION);
    // --scope sms: texts only, not calls.
    expect(await rulesOf(run, 'phone', '06 12 34 56 82')).not.toContain(OBJECTION);
  });
});

/** Checked on Monday, its cleaned list approved (the app keeps the list to check it again at send time). */
async function approvedCampaign(ctx: AppContext, dir: string) {
  const file = join(dir, 'list.csv');
  writeFileSync(file, 'Nom;E-mail\r\nA;a@acme.fr\r\nC;c@acme.fr\r\n');
  const fields = {
    channel: 'email',
    product: 'accounting-software',
    start: '2026-11-24T09:00',
    end: '2026-11-27T18:00',
    template:
      'Objet : Votre comptabilité\nBonjour, Exemple SAS vous présente…\nSe désinscrire : {{unsubscribe}}',
    checkedBy: 'cli:sales',
  };
  const { campaign } = await runCampaignCheck(ctx, fields, { kind: 'file', path: file, fileName: file });
  await decideOnCampaign(ctx, campaign.id, withEveryRole('cli:sales'), 'request');
  const approved = await decideOnCampaign(ctx, campaign.id, withEveryRole('cli:boss'), 'approve-cleaned');
  if (!approved.ok) throw new Error(approved.problem);
  return approved.campaign;
}

describe('a hashed suppression list is told like any objection', () => {
  it('to the approved campaigns that hold the person, and to the webhooks (the hash only to an endpoint that takes identifiers)', async () => {
    const dir = tempDir();
    const store = await FileStore.open(join(dir, 'db.json'), { env: HASH_ENV });
    const clock = { now: new Date('2026-11-23T10:00:00+01:00') };
    const ctx: AppContext = { store, policy, clock: () => clock.now };
    const received: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push(`${req.url} ${body}`);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const stop = watchApprovedCampaigns(ctx, { gatherMs: 0 });
    try {
      for (const email of ['a@acme.fr', 'c@acme.fr'])
        await store.saveContact(financeProfessional(email), new Date('2026-01-05T00:00:00Z'));
      const c = await approvedCampaign(ctx, dir);
      await addWebhook(ctx, { url: `${base}/crm`, by: 'cli:dpo', withIdentifiers: true });
      await addWebhook(ctx, { url: `${base}/hashes-only`, by: 'cli:dpo' });
      clock.now = new Date('2026-11-24T08:00:00+01:00');
      const list = join(dir, 'mailchimp.csv');
      const md5 = createHash('md5').update('c@acme.fr').digest('hex');
      writeFileSync(list, `subscriber_hash,status\n${md5},unsubscribed\n`);
      await importSuppressions(ctx, { path: list }, list, { by: 'cli:dpo' });
      await settled(store);
      expect((await store.findCampaign(c.id))?.recheck?.dropped).toEqual({ objected: 1 });
      expect(await deliverDue(ctx, { backoffMs: [0] })).toMatchObject({ delivered: 1 });
      expect(received).toHaveLength(1);
      const [path, body] = (received[0] ?? '').split(' ') as [string, string];
      expect(path).toBe('/crm');
      expect(JSON.parse(body)).toMatchObject({
        type: 'objection.recorded',
        scope: 'email',
        people: [{ kind: 'md5', value: md5 }],
      });
    } finally {
      stop();
      await new Promise((done) => server.close(done));
      await store.close();
    }
  });
});

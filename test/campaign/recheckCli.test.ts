import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { decideOnCampaign } from '../../src/services/campaignDecisions.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { withEveryRole } from '../support/actors.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { policy } from '../support/policy.ts';

const add = (email: string) => [
  'contact',
  'add',
  '--email',
  email,
  '--function',
  'finance',
  '--source',
  'form',
  '--collected-at',
  '2026-01-05',
  '--informed-at',
  '2026-01-05',
];

/** Approval is given in Slack; here the approver's step is taken on the store between two commands. */
async function approve(dir: string, id: string) {
  const store = await FileStore.open(join(dir, 'db.json'), { env: HASH_ENV });
  const ctx = { store, policy, clock: () => new Date('2026-11-23T11:00:00+01:00') };
  try {
    await decideOnCampaign(ctx, id, withEveryRole('slack:U0SALES'), 'request');
    const done = await decideOnCampaign(ctx, id, withEveryRole('slack:U0MANAGER'), 'approve');
    if (!done.ok) throw new Error(done.problem);
  } finally {
    await store.close();
  }
}

/** Amélie and Céline's list, checked on Monday by the command line and approved: its id. */
async function approvedCampaign(dir: string): Promise<string> {
  const monday = cli(dir, { lang: 'en' });
  for (const email of ['a@acme.fr', 'c@acme.fr']) await monday(...add(email));
  const list = join(dir, 'list.csv');
  writeFileSync(list, Buffer.from('Nom;E-mail\r\nAmélie;a@acme.fr\r\nCéline;c@acme.fr\r\n', 'latin1'));
  writeFileSync(
    join(dir, 'mail.txt'),
    'Subject: Accounting made simple\nExemple SAS\nUnsubscribe: {{unsubscribe}}\n',
  );
  const checked = await monday(
    'campaign-check',
    list,
    '--channel',
    'email',
    '--product',
    'accounting-software',
    '--template',
    join(dir, 'mail.txt'),
    '--start',
    '2026-11-24T09:00',
    '--end',
    '2026-11-27T18:00',
  );
  const id = /Check (cmp-[0-9a-f]+)/.exec(checked.out)?.[1] as string;
  await approve(dir, id);
  return id;
}

// GDPR art. 21(3): once she objected, her data "shall no longer be processed" for prospecting, approval or not.
it('campaign recheck: who objected since approval is dropped, named in full for the operator, and the updated list written', async () => {
  const dir = tempDir();
  const id = await approvedCampaign(dir);
  const tuesday = cli(dir, { lang: 'en', at: '2026-11-24T08:30:00+01:00', user: 'sender' });
  const nobody = await tuesday('campaign', 'recheck', id);
  expect(nobody.status).toBe(0);
  expect(nobody.out).toContain('✅ Nobody to drop since approval: the approved list still holds.');

  await tuesday('optout', '--email', 'c@acme.fr');
  const out = join(dir, 'now.csv');
  const again = await tuesday('campaign', 'recheck', id, '--cleaned', out);
  expect(again.status).toBe(1); // someone is dropped: the old list no longer holds
  expect(again.out).toContain(
    '🔁 Checked again by cli:sender on Tuesday 24 November 2026 at 08:30 (the register and policy of now): 1 of 2 recipients still allowed.',
  );
  expect(again.out).toContain('⛔ 1 recipient to drop now:');
  expect(again.out).toContain(
    '• 1 recipient objected since approval (GDPR art. 21(3), CPCE L.34-5) — e.g. c***@acme.fr (line 3)',
  );
  expect(again.out).toContain('  line 3 · c@acme.fr · objected since approval');
  expect(again.out).toContain(`Updated list written to ${out} (1 recipient).`);
  expect(readFileSync(out)).toEqual(Buffer.from('Nom;E-mail\r\nAmélie;a@acme.fr\r\n', 'latin1'));
  expect(statSync(out).mode & 0o777).toBe(0o600);

  // The report says the cleaned list of the check no longer holds, in the reader's language and local time.
  const shown = await cli(dir, { lang: 'fr', at: '2026-11-24T08:31:00+01:00' })('campaign', 'show', id);
  expect(shown.out).toContain(
    '🔁 Dernière vérification avant envoi : mardi 24 novembre 2026 à 08:30, 1 sur 2 encore autorisés.',
  );
  expect(shown.out).toContain('La liste nettoyée de la vérification ne vaut plus');
  expect(shown.out).toContain(
    'vérifiée à nouveau par cli:sender : 1 destinataire à retirer, 1 encore autorisé',
  );

  const json = JSON.parse((await tuesday('campaign', 'recheck', id, '--json')).out);
  expect(json.dropped).toEqual([
    { line: 3, target: 'c@acme.fr', reason: 'objected', rules: ['optout-right-to-object'] },
  ]);

  // An existing file is not replaced without --force; an unknown id is one line, exit 2.
  expect((await tuesday('campaign', 'recheck', id, '--cleaned', out)).status).toBe(2);
  const unknown = await tuesday('campaign', 'recheck', 'cmp-00000000');
  expect([unknown.status, unknown.err]).toEqual([
    2,
    'prospect-guard: No campaign check has the id "cmp-00000000".',
  ]);
});

it('campaign recheck --list refuses a file that is not the checked list, even when a copy is kept', async () => {
  const dir = tempDir();
  const id = await approvedCampaign(dir);
  // An SMS list given by mistake: it is not what was checked, whatever copy the store keeps.
  writeFileSync(join(dir, 'phones.csv'), 'phone\n+33612345678\n');
  const at = '2026-11-24T08:30:00+01:00';
  const fr = await cli(dir, { lang: 'fr', at })('campaign', 'recheck', id, '--list', join(dir, 'phones.csv'));
  expect([fr.status, fr.out, fr.err]).toEqual([
    2,
    '',
    `prospect-guard: --list : ce fichier n’est pas la liste vérifiée pour la campagne « ${id} » (son contenu diffère) : donnez le fichier vérifié tel quel, ou vérifiez la campagne à nouveau avec celui-ci.`,
  ]);
  const en = await cli(dir, { lang: 'en', at })('campaign', 'recheck', id, '--list', join(dir, 'phones.csv'));
  expect([en.status, en.err]).toEqual([
    2,
    `prospect-guard: --list: this file is not the list checked for campaign "${id}" (its content differs): give the checked file as it was, or check the campaign again with this one.`,
  ]);
  // Nothing was rechecked; the very file checked is taken.
  expect((await cli(dir, { lang: 'en', at })('campaign', 'show', id)).out).not.toContain('Checked again');
  const same = await cli(dir, { lang: 'en', at })('campaign', 'recheck', id, '--list', join(dir, 'list.csv'));
  expect(same.status).toBe(0);
  expect(same.out).toContain('✅ Nobody to drop since approval: the approved list still holds.');
});

it('campaign recheck refuses a campaign nobody approved: nothing may be sent', async () => {
  const dir = tempDir();
  const run = cli(dir, { lang: 'fr' });
  await run(...add('a@acme.fr'));
  writeFileSync(join(dir, 'list.csv'), 'email\na@acme.fr\n');
  const checked = await run(
    'campaign-check',
    join(dir, 'list.csv'),
    '--channel',
    'email',
    '--product',
    'compta',
  );
  const id = /Vérification (cmp-[0-9a-f]+)/.exec(checked.out)?.[1] as string;
  const refused = await run('campaign', 'recheck', id);
  expect([refused.status, refused.err]).toEqual([
    2,
    `prospect-guard: La campagne « ${id} » n’est pas approuvée : rien ne peut lui être envoyé.`,
  ]);
});

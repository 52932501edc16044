import { copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';

// A campaign list is often the CRM's export itself: its work address is the recipient (not the personal one
// that happens to come first), and its own unsubscribe columns bind the check (GDPR art. 21(3)).
const EXPORTS = resolve(import.meta.dirname, '..', 'fixtures', 'exports');

const TEMPLATES = {
  email: 'Subject: Accounting made simple\nExemple SAS\nUnsubscribe: {{unsubscribe}}\n',
  sms: 'Exemple SAS : logiciel de comptabilité. STOP au 36180\n',
};

/** `campaign-check` of a list on a channel, with a message that passes its checks, as JSON unless told. */
async function checked(
  dir: string,
  list: string,
  options: { channel?: 'email' | 'sms'; json?: boolean; args?: string[] } = {},
) {
  const { channel = 'email', json = true, args = [] } = options;
  const template = join(dir, `${channel}.txt`);
  writeFileSync(template, TEMPLATES[channel]);
  const run = cli(dir, { lang: 'en' });
  const result = await run(
    'campaign-check',
    list,
    '--channel',
    channel,
    '--product',
    'accounting-software',
    '--template',
    template,
    ...(json ? ['--json'] : []),
    ...args,
  );
  return { result, campaign: json && result.out ? JSON.parse(result.out) : undefined };
}

it('reads the work address of a sheet with three email columns, and blocks who the file says unsubscribed', async () => {
  const dir = tempDir();
  const list = join(dir, 'excel-contacts.csv');
  copyFileSync(join(EXPORTS, 'excel-contacts.csv'), list);
  const { campaign } = await checked(dir, list);
  expect(campaign.counts).toMatchObject({ rows: 2, recipients: 2, block: 1 });
  expect(campaign.listOptOuts).toBe(1);
  const blocked = campaign.groups.find((g: { verdict: string }) => g.verdict === 'block');
  expect(blocked).toMatchObject({ rule: 'optout-right-to-object', lines: [3] });
  expect(JSON.stringify(campaign.groups)).toContain('l***@garnier-btp.fr');
  // --column chooses another: her personal address, which is then the one checked.
  const other = await checked(dir, list, { args: ['--column', 'Adresse électronique'] });
  expect(JSON.stringify(other.campaign.groups)).toContain('l***@gmail.com');
  const wrong = await checked(tempDir(), list, { args: ['--column', 'Mail'] });
  expect(wrong.result.status).toBe(2);
  expect(wrong.result.err).toContain('the file has no column "Mail"');
});

it('a Brevo export checked for SMS: SMS_BLACKLISTED blocks, BLACKLISTED (email) does not', async () => {
  const dir = tempDir();
  const list = join(dir, 'brevo.csv');
  copyFileSync(join(EXPORTS, 'brevo-contacts.csv'), list);
  const { campaign } = await checked(dir, list, { channel: 'sms' });
  expect(campaign.listOptOuts).toBe(1);
  const blocked = campaign.groups.find((g: { rule: string }) => g.rule === 'optout-right-to-object');
  expect(blocked.lines).toEqual([4]);
});

it('says how many invalid lines there are beyond the ones it lists', async () => {
  const dir = tempDir();
  const list = join(dir, 'list.csv');
  const rows = ['email', ...Array.from({ length: 25 }, (_, i) => `not-an-address-${i}`), 'a@acme.fr'];
  writeFileSync(list, `${rows.join('\n')}\n`);
  const { result } = await checked(dir, list, { json: false });
  expect(result.out).toMatch(/Invalid lines: 2, 3, .*, 21 … and 5 more/);
});

it('a texted campaign reads the mobile column, and an opt-out cell that says neither yes nor no is to review', async () => {
  const dir = tempDir();
  const list = join(dir, 'list.csv');
  writeFileSync(
    list,
    'Nom;Téléphone;Portable;STOP SMS\nA;01 45 00 00 01;06 12 34 56 71;peut-être\nB;01 45 00 00 02;06 12 34 56 72;non\n',
  );
  const { campaign } = await checked(dir, list, { channel: 'sms' });
  expect(JSON.stringify(campaign.groups)).toContain('+336•••71');
  expect(JSON.stringify(campaign.groups)).not.toContain('+331');
  const mail = join(dir, 'mail.csv');
  writeFileSync(mail, 'Email;Désinscrit\na@acme.fr;peut-être\nb@acme.fr;non\n');
  const { campaign: byMail } = await checked(dir, mail);
  const unclear = byMail.groups.find((g: { rule: string }) => g.rule === 'optout-right-to-object');
  expect(unclear).toMatchObject({ verdict: 'review', lines: [2] });
});

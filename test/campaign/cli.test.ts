import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';

it('checks a campaign from the command line, writes the details and the cleaned list, and shows its history', async () => {
  const dir = tempDir();
  const run = cli(dir, { lang: 'en' });
  await run(
    'contact',
    'add',
    '--email',
    'a@acme.fr',
    '--function',
    'finance',
    '--source',
    'form',
    '--collected-at',
    '2026-01-05',
    '--informed-at',
    '2026-01-05',
  );
  // French Excel: Windows-1252, `;`, CRLF, accents, a formula-looking cell.
  writeFileSync(
    join(dir, 'list.csv'),
    Buffer.from(
      'Nom;Prénom;E-mail;Note\r\nA;Amélie;a@acme.fr;=1+1\r\nB;Bérénice;b@gmail.com;"ok; vu"\r\n',
      'latin1',
    ),
  );
  writeFileSync(
    join(dir, 'mail.txt'),
    'Subject: Accounting made simple\nExemple SAS\nUnsubscribe: {{unsubscribe}}\n',
  );
  const args = [
    'campaign-check',
    join(dir, 'list.csv'),
    '--channel',
    'email',
    '--product',
    'accounting-software',
  ];
  const checked = await run(
    ...args,
    '--template',
    join(dir, 'mail.txt'),
    '--cleaned',
    join(dir, 'clean.csv'),
    '--details',
    join(dir, 'details.csv'),
    '--start',
    '2026-11-24T09:00',
  );
  expect(checked.status).toBe(1); // one recipient is blocked: not approvable as is
  expect(checked.out).toContain('✅ 1 allowed · ⚠️ 0 need review · ⛔ 1 blocked');
  expect(checked.out).toContain('from Tuesday 24 November 2026 at 09:00');
  // The cleaned list is the input minus the blocked row, in its encoding; the formula stays text.
  expect(readFileSync(join(dir, 'clean.csv'))).toEqual(
    Buffer.from("Nom;Prénom;E-mail;Note\r\nA;Amélie;a@acme.fr;'=1+1\r\n", 'latin1'),
  );
  const details = readFileSync(join(dir, 'details.csv'), 'latin1');
  expect(details).toContain('Nom;Prénom;E-mail;Note;verdict;');
  expect(details).toContain('B;Bérénice;b@gmail.com;"ok; vu";');
  expect(details).toContain(';ecomm-b2c-prior-consent;');
  const id = /Check (cmp-[0-9a-f]+)/.exec(checked.out)?.[1] as string;

  // The same files as Excel workbooks when their names end in .xlsx: every cell text, never a formula.
  const xlsx = await run(
    ...args,
    '--template',
    join(dir, 'mail.txt'),
    '--cleaned',
    join(dir, 'clean.xlsx'),
    '--details',
    join(dir, 'details.xlsx'),
    '--name',
    'Excel trial', // another campaign: the first check stays undecided, not superseded
    '--start',
    '2026-11-24T09:00',
  );
  expect(xlsx.status).toBe(1);
  expect(await readSheet(readFileSync(join(dir, 'clean.xlsx')))).toEqual([
    ['Nom', 'Prénom', 'E-mail', 'Note'],
    ['A', 'Amélie', 'a@acme.fr', '=1+1'],
  ]);
  const sheet = await readSheet(readFileSync(join(dir, 'details.xlsx')));
  expect(sheet[0]).toEqual(['Nom', 'Prénom', 'E-mail', 'Note', 'verdict', 'motif', 'règles', 'base légale']);
  expect(sheet.find((row) => row[2] === 'b@gmail.com')?.slice(3, 7)).toEqual([
    'ok; vu',
    'bloqué',
    expect.any(String),
    'ecomm-b2c-prior-consent',
  ]);

  const shown = await run('campaign', 'show', id, '--json');
  expect(JSON.parse(shown.out)).toMatchObject({
    id,
    status: 'checked',
    history: [{ event: 'checked', by: 'cli:tester' }],
  });

  writeFileSync(join(dir, 'ok.csv'), 'email\na@acme.fr\n');
  const clean = await run(
    'campaign-check',
    join(dir, 'ok.csv'),
    '--channel',
    'email',
    '--product',
    'accounting-software',
    '--template',
    join(dir, 'mail.txt'),
  );
  expect(clean.status).toBe(0);
  const noTemplate = await run(
    'campaign-check',
    join(dir, 'ok.csv'),
    '--channel',
    'email',
    '--product',
    'accounting-software',
  );
  expect(noTemplate.status).toBe(1);
  expect(noTemplate.out).toContain('No message or script was given');

  const bad = await run(
    'campaign-check',
    join(dir, 'ok.csv'),
    '--channel',
    'sms',
    '--product',
    'accounting-software',
  );
  expect(bad.status).toBe(2);
  expect(bad.err).toMatch(/ok\.csv:1: no phone column \(header or values\) for this campaign/);
  expect((await run('campaign', 'show', 'cmp-nope')).err).toContain(
    'No campaign check has the id "cmp-nope"',
  );

  // Campaigns are found without knowing their id.
  const listed = await run('campaign', 'list');
  expect(listed.status).toBe(0);
  expect(listed.out.split('\n')).toHaveLength(4);
  expect(listed.out).toContain(
    `${id}  🔎 Checked  "email accounting-software 2026-11-24" · email · ✅ 1 ⚠️ 0 ⛔ 1`,
  );
  expect(listed.out).toContain('by cli:tester');
  expect((await run('campaign', 'list', '--status', 'rejected')).out).toBe('No checked campaign matches.');
  const wrongStatus = await run('campaign', 'list', '--status', 'lost');
  expect(wrongStatus.status).toBe(2);
  expect(wrongStatus.err).toContain('lost');
  expect(JSON.parse((await run('campaign', 'list', '--json')).out)).toHaveLength(4);

  // An output file that exists is refused before anything is checked or saved.
  const refused = await run(...args, '--cleaned', join(dir, 'clean.csv'));
  expect(refused.status).toBe(2);
  expect(refused.err).toContain('already exists');
  expect(JSON.parse((await run('campaign', 'list', '--json')).out)).toHaveLength(4);
});

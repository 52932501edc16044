import { expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';

it('lists the register most urgent first, by owner or overdue only, and shows one person', async () => {
  const run = cli(tempDir(), { lang: 'en' });
  await run('init');
  const add = (email: string, collected: string, owner: string) =>
    run(
      'contact',
      'add',
      '--email',
      email,
      '--name',
      'Alice Martin',
      '--source',
      'form',
      '--collected-at',
      collected,
      '--informed-at',
      collected,
      '--owner',
      owner,
    );
  const first = await add('old@acme.fr', '2023-01-10', 'U0SALES');
  expect(first.status).toBe(0);
  // The store made by init is not announced as new again.
  expect(first.err).not.toContain('created a new, empty store');
  expect((await add('new@acme.fr', '2026-11-01', 'U0OTHER')).status).toBe(0);

  const all = await run('contact', 'list');
  expect(all.status).toBe(0);
  const lines = all.out.split('\n');
  expect(lines).toHaveLength(2);
  // The overdue contact (3 years after 10 Jan 2023) comes first, then the one due in 2029.
  expect(lines[0]).toMatch(
    /o\*\*\*@acme\.fr {2}Alice Martin · owner U0SALES · source form · ⛔ overdue since/,
  );
  expect(lines[1]).toMatch(/n\*\*\*@acme\.fr .* to be erased on .* 2029/);
  expect(all.out).not.toContain('old@acme.fr');

  expect((await run('contact', 'list', '--owner', 'U0OTHER')).out).toContain('n***@acme.fr');
  expect((await run('contact', 'list', '--owner', 'U0OTHER')).out).not.toContain('o***@acme.fr');
  const overdue = await run('contact', 'list', '--overdue');
  expect(overdue.out.split('\n')).toHaveLength(1);
  expect(overdue.out).toContain('o***@acme.fr');
  expect(JSON.parse((await run('contact', 'list', '--json')).out)).toHaveLength(2);

  const shown = await run('contact', 'show', '--email', 'new@acme.fr');
  expect(shown.out).toContain('n***@acme.fr');
  expect(shown.out).toContain('0 consent records · 0 objections · 0 interactions');
  expect((await run('contact', 'show', '--email', 'nobody@acme.fr')).out).toBe(
    'Nothing in the register for n***@acme.fr.',
  );
  expect((await run('contact', 'show', '--email', 'not-an-email')).status).toBe(2);

  // Deleting keeps the objection: the person stays blocked, though the register no longer holds them.
  await run('optout', '--email', 'old@acme.fr');
  const notConfirmed = await run('contact', 'delete', '--email', 'old@acme.fr');
  expect(notConfirmed.out).toContain('any objection stays in the suppression list');
  expect((await run('contact', 'list')).out).toContain('o***@acme.fr');
  const deleted = await run('contact', 'delete', '--email', 'old@acme.fr', '--yes');
  expect(deleted.status).toBe(0);
  expect(deleted.out).toContain('deleted: 1 contact');
  expect((await run('contact', 'list')).out).not.toContain('o***@acme.fr');
  const asked = await run('can-i', 'email', 'old@acme.fr');
  expect(asked.status).toBe(1);
  expect((await run('contact', 'delete', '--email', 'old@acme.fr', '--yes')).status).toBe(2);
  // No objection is invented for a plain deletion.
  await run('contact', 'delete', '--email', 'new@acme.fr', '--yes');
  const forgotten = await run('can-i', 'email', 'new@acme.fr', '--json');
  expect(JSON.parse(forgotten.out).reasons.map((r: { rule: string }) => r.rule)).not.toContain(
    'optout-right-to-object',
  );
  expect(forgotten.status).toBe(3); // unknown again: review, not blocked
  const audit = await run('audit', '--json');
  expect(audit.out).toContain('contact.delete');
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStore } from '../../src/store/fileStore.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';

const ALLOW = 0;
const BLOCK = 1;
const REVIEW = 3;

const proof = (at: string) => [
  '--method',
  'checkbox',
  '--wording',
  'v3',
  '--evidence',
  'https://forms.example/alice',
  '--at',
  at,
];

/** Alice, a consumer who gave her address on our form with a prospecting and a newsletter consent by email. */
async function aliceWithTwoConsents(run: ReturnType<typeof cli>) {
  await run(
    'contact',
    'add',
    '--email',
    'alice@gmail.com',
    '--source',
    'form',
    '--collected-at',
    '2026-03-01',
    '--informed-at',
    '2026-03-01',
  );
  await run('consent', 'grant', '--email', 'alice@gmail.com', '--channel', 'email', ...proof('2026-03-01'));
  await run(
    'consent',
    'grant',
    '--email',
    'alice@gmail.com',
    '--channel',
    'email',
    '--purpose',
    'newsletter',
    ...proof('2026-03-01'),
  );
}

// GDPR art. 7(3): withdrawing a consent withdraws that consent; art. 21(2)-(3): an objection refuses marketing.
describe('a withdrawal ends that consent, nothing more; an opt-out objects', () => {
  it('withdrawing the newsletter leaves prospecting by email allowed; an opt-out from email blocks it', async () => {
    const dir = tempDir();
    const run = cli(dir);
    await aliceWithTwoConsents(run);
    const withdrawn = await run(
      'consent',
      'withdraw',
      '--email',
      'alice@gmail.com',
      '--channel',
      'email',
      '--purpose',
      'newsletter',
      '--at',
      '2026-11-01',
    );
    expect(withdrawn.status).toBe(0);
    expect(withdrawn.out).toContain('retrait de consentement enregistré : email/newsletter');
    expect(withdrawn.out).toContain('ce n’est pas une opposition');

    expect((await run('can-i', 'email', 'alice@gmail.com')).status).toBe(ALLOW);
    // The newsletter itself is no longer sent: the consent that licensed it has ended.
    expect((await run('can-i', 'email', 'alice@gmail.com', '--purpose', 'newsletter')).status).toBe(BLOCK);
    const shown = await run('contact', 'show', '--email', 'alice@gmail.com');
    expect(shown.out).toContain('0 opposition');
    expect(shown.out).toContain('1 consentement retiré');
    const english = await run('--lang', 'en', 'contact', 'show', '--email', 'alice@gmail.com');
    expect(english.out).toContain('0 objections');
    expect(english.out).toContain('1 consent withdrawn');

    expect((await run('optout', '--email', 'alice@gmail.com', '--channel', 'email')).status).toBe(0);
    const blocked = await run('--lang', 'en', 'can-i', 'email', 'alice@gmail.com', '--json');
    expect(blocked.status).toBe(BLOCK);
    expect(JSON.parse(blocked.out).reasons[0]).toMatchObject({ rule: 'optout-right-to-object' });
    expect((await run('contact', 'show', '--email', 'alice@gmail.com')).out).toContain('1 opposition');
  });

  it('withdrawing the prospecting consent stops prospecting by that channel, in words of its own', async () => {
    const run = cli(tempDir());
    await aliceWithTwoConsents(run);
    await run(
      'consent',
      'withdraw',
      '--email',
      'alice@gmail.com',
      '--channel',
      'email',
      '--at',
      '2026-11-01',
    );
    const answer = await run('--lang', 'en', 'can-i', 'email', 'alice@gmail.com');
    expect(answer.status).toBe(BLOCK);
    expect(answer.out).toContain('withdrew their consent to this purpose on this channel');
    expect(answer.out).not.toContain('objected to marketing');
    // The newsletter consent is another purpose: still in force.
    expect((await run('can-i', 'email', 'alice@gmail.com', '--purpose', 'newsletter')).status).toBe(ALLOW);
  });

  // Found by a newcomer's trial: the tool says "prospection", so people type it; it is the prospecting purpose.
  it('a purpose typed in the words the tool shows is the default purpose, and the export tells each once', async () => {
    const run = cli(tempDir());
    await aliceWithTwoConsents(run);
    await run('contact', 'edit', '--email', 'alice@gmail.com', '--phone', '06 12 34 56 78');
    const withdraw = ['consent', 'withdraw', '--email', 'alice@gmail.com', '--channel', 'email'];
    await run(...withdraw, '--purpose', 'Prospection', '--at', '2026-11-01');
    expect((await run('can-i', 'email', 'alice@gmail.com')).status).toBe(BLOCK);
    expect((await run('can-i', 'email', 'alice@gmail.com', '--purpose', 'marketing')).status).toBe(BLOCK);
    expect((await run('can-i', 'email', 'alice@gmail.com', '--purpose', 'newsletter')).status).toBe(ALLOW);
    await run('optout', '--email', 'alice@gmail.com', '--channel', 'sms');
    const exported = JSON.parse((await run('privacy', 'export', '--email', 'alice@gmail.com')).out);
    // Her email and her phone each carry the entries: the person told each of them once.
    expect(exported.withdrawals).toHaveLength(1);
    expect(exported.withdrawals[0]).toMatchObject({ channel: 'email', purpose: 'prospecting' });
    expect(exported.objections).toHaveLength(1);
  });

  it('a purpose neither the policy nor her consents know is a typo, refused at --purpose', async () => {
    const run = cli(tempDir());
    await aliceWithTwoConsents(run);
    const typo = await run('can-i', 'email', 'alice@gmail.com', '--purpose', 'newsleter');
    expect(typo.status).toBe(2);
    expect(typo.err).toContain('--purpose : « newsleter » n’est pas une finalité connue');
    expect(typo.err).toContain('« prospection »');
    expect(typo.err).not.toContain('prospecting');
    expect((await run('can-i', 'email', 'alice@gmail.com', '--purpose', 'newsletter')).status).toBe(ALLOW);
  });

  it('a withdrawal outlives the contact record, as a withdrawal of its purpose', async () => {
    const dir = tempDir();
    const run = cli(dir);
    await aliceWithTwoConsents(run);
    await run(
      'consent',
      'withdraw',
      '--email',
      'alice@gmail.com',
      '--channel',
      'email',
      '--purpose',
      'newsletter',
      '--at',
      '2026-11-01',
    );
    const store = await FileStore.open(join(dir, 'db.json'), { env: HASH_ENV });
    const contact = await store.findContact({ kind: 'email', value: 'alice@gmail.com' });
    await store.purge({ contactIds: [contact?.id ?? ''] });
    const facts = await store.subjectFacts({ kind: 'email', value: 'alice@gmail.com' });
    await store.close();
    // Only the keyed hash remains, and it still says what was withdrawn: the newsletter, not the channel.
    expect(facts.contact).toBeUndefined();
    expect(facts.objections).toEqual([
      {
        scope: 'email',
        at: new Date('2026-11-01T00:00:00+01:00').toISOString(),
        kind: 'withdrawal',
        purpose: 'newsletter',
      },
    ]);
    // Added again later: the newsletter stays ended until she consents to it again.
    await run(
      'contact',
      'add',
      '--email',
      'alice@gmail.com',
      '--source',
      'form',
      '--collected-at',
      '2026-11-10',
      '--informed-at',
      '2026-11-10',
    );
    expect((await run('can-i', 'email', 'alice@gmail.com', '--purpose', 'newsletter')).status).toBe(BLOCK);
  });
});

// GDPR art. 4(11): consent is the person's own act; CNIL, 28 Dec 2018: it is not transmitted with the data.
describe('consent is the person’s own act', () => {
  it('a consent from before a bought list reached us that morning gets review; her own double opt-in that afternoon allows', async () => {
    const run = cli(tempDir());
    await run(
      'contact',
      'add',
      '--email',
      'alice@gmail.com',
      '--source',
      'purchase:fichier-x',
      '--collected-at',
      '2026-11-01T10:00',
      '--informed-at',
      '2026-11-01T10:00',
    );
    const grant = (...args: string[]) =>
      run('consent', 'grant', '--email', 'alice@gmail.com', '--channel', 'email', ...args);
    await grant(
      '--method',
      'checkbox',
      '--wording',
      'liste-x',
      '--evidence',
      'liste-x.csv',
      '--at',
      '2026-11-01T09:00',
    );
    const claim = await run('--lang', 'en', 'can-i', 'email', 'alice@gmail.com', '--json');
    expect(claim.status).toBe(REVIEW);
    expect(JSON.parse(claim.out).reasons.map((r: { rule: string }) => r.rule)).toContain(
      'consent-partner-transfer',
    );
    await grant(
      '--method',
      'double-opt-in',
      '--wording',
      'v2',
      '--evidence',
      'doi-7781',
      '--at',
      '2026-11-01T14:00',
    );
    expect((await run('can-i', 'email', 'alice@gmail.com')).status).toBe(ALLOW);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { requestApproval } from '../../src/campaign/approval.ts';
import type { Campaign } from '../../src/domain/campaign.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { policy } from '../support/policy.ts';

/**
 * CPCE L.34-5: the opt-out costs nothing "autres que ceux liés à la transmission"; CNIL délib. 2011-384 fined
 * €20,000 an opt-out by premium SMS. A campaign whose SMS asks for STOP to a surcharged number, or whose email
 * makes unsubscribing need a login, is checked from the command line and cannot be approved.
 */
it('refuses the approval of a campaign whose opt-out costs, and lets a free STOP through', async () => {
  const dir = tempDir();
  const run = cli(dir, { lang: 'en' });
  const person = ['--source', 'form', '--collected-at', '2026-03-01', '--informed-at', '2026-03-01'];
  const proof = ['--method', 'checkbox', '--wording', 'v3', '--evidence', 'https://forms.example/1'];
  await run('contact', 'add', '--phone', '+33612345678', ...person);
  await run(
    'consent',
    'grant',
    '--phone',
    '+33612345678',
    '--channel',
    'sms',
    ...proof,
    '--at',
    '2026-03-01',
  );
  await run('contact', 'add', '--email', 'alice@gmail.com', ...person);
  await run(
    'consent',
    'grant',
    '--email',
    'alice@gmail.com',
    '--channel',
    'email',
    ...proof,
    '--at',
    '2026-03-01',
  );
  writeFileSync(join(dir, 'phones.csv'), 'phone\n+33612345678\n');
  writeFileSync(join(dir, 'emails.csv'), 'email\nalice@gmail.com\n');

  const check = async (name: string, channel: 'sms' | 'email', template: string) => {
    writeFileSync(join(dir, `${name}.txt`), template);
    const list = join(dir, channel === 'sms' ? 'phones.csv' : 'emails.csv');
    const args = ['--product', 'accounting-software', '--template', join(dir, `${name}.txt`), '--name', name];
    const result = await run('campaign-check', list, '--channel', channel, ...args);
    const id = /Check (cmp-[0-9a-f]+)/.exec(result.out)?.[1] as string;
    const stored = JSON.parse((await run('campaign', 'show', id, '--json')).out) as Campaign;
    const asked = requestApproval(stored, 'slack:UASK', new Date('2026-11-23T10:30:00+01:00'), policy);
    return { ...result, approval: asked.ok ? 'requested' : asked.problem };
  };

  const premium = await check('premium', 'sms', 'Exemple SAS : -20 % sur la compta ! STOP au 0 899 12 34 56');
  expect(premium.status).toBe(1);
  expect(premium.out).toContain('⛔ Message to fix');
  expect(premium.out).toContain(
    'STOP is to be sent to 08 99 12 34 56, a 089 number with a surcharged tariff',
  );
  expect(premium.approval).toBe('template-findings');

  const tier = await check('tier-6', 'sms', 'Exemple SAS : -20 % sur la compta ! STOP au 61234');
  expect(tier.status).toBe(1);
  expect(tier.out).toContain('an SMS+ short code of tier 6, surcharged up to €0.50 per SMS');
  expect(tier.approval).toBe('template-findings');

  for (const [name, sms] of [
    ['short-code', 'Exemple SAS : -20 % sur la compta ! STOP au 36180'],
    ['mobile', 'Exemple SAS : -20 % sur la compta ! STOP au +33 6 98 76 54 32'],
  ]) {
    const free = await check(name as string, 'sms', sms as string);
    expect(free.status, name).toBe(0);
    expect(free.out, name).toContain('✅ Message: the mandatory mentions are there.');
    expect(free.approval, name).toBe('requested');
  }

  // A 39xx number may be ordinary or surcharged: the approver is told to check it, the approval stays open.
  const unknown = await check('service', 'sms', 'Exemple SAS : -20 % sur la compta ! STOP au 3949');
  expect(unknown.status).toBe(0);
  expect(unknown.out).toContain('⚠️ Message to check before approving');
  expect(unknown.out).toContain('STOP is to be sent to 3949');
  expect(unknown.approval).toBe('requested');

  const login = await check(
    'login',
    'email',
    'Objet : Votre comptabilité en 10 minutes\nExemple SAS\nPour vous désinscrire, connectez-vous à votre espace client.\n',
  );
  expect(login.status).toBe(1);
  expect(login.out).toContain('Unsubscribing requires logging in');
  expect(login.approval).toBe('template-findings');
});

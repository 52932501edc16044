import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_STEP } from '../../src/slack/listeners/workflow.ts';
import { startTestApi } from '../api/harness.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { financeProfessional } from '../support/subjects.ts';
import { startTestSlack } from './harness.ts';

// Issue 25, "a channel needs its identifier": post reaches a postal address (CNIL, communication of 6 December
// 2019: addressed mail, with information and a simple refusal), and the register keeps none. An email or a phone
// number says nothing of where a letter goes, so `can-i post` is refused like the other channel mismatches
// (channel_needs_email, channel_needs_phone), never answered as if it were checked.

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('can-i post', () => {
  it('CLI: with an email or a phone number, refused in the reader’s language (exit 2), nothing logged', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    await run(
      'contact',
      'add',
      '--email',
      'alice@corp.fr',
      '--phone',
      '06 12 34 56 78',
      '--function',
      'finance',
    );
    const byEmail = await run('can-i', 'post', 'alice@corp.fr');
    expect(byEmail.status).toBe(2);
    expect(byEmail.err).toContain(
      'Post needs the person’s postal address, and the register keeps none: "alice@corp.fr" cannot be checked for post.',
    );
    expect(byEmail.out).toBe('');
    const byPhone = await run('can-i', 'post', '06 12 34 56 78', '--json');
    expect(byPhone.status).toBe(2);
    const fr = await cli(dir, { lang: 'fr' })('can-i', 'post', '06 12 34 56 78');
    expect(fr.err).toContain(
      'Le courrier demande l’adresse postale de la personne, et le registre n’en conserve aucune : « 06 12 34 56 78 »',
    );
    // A person unknown to the register is refused the same way: the answer never depends on a lookup.
    expect((await run('can-i', 'post', 'nobody@corp.fr')).status).toBe(2);
    // An empty target is still "missing".
    expect((await run('can-i', 'post', '')).err).toContain('missing');
  });

  it('an objection to post is still recorded (the right to object is not a question about the channel)', async () => {
    const run = cli(tempDir(), { lang: 'en' });
    expect((await run('optout', '--email', 'alice@corp.fr', '--channel', 'post')).status).toBe(0);
  });

  it('API: 422 channel_needs_address at /target; in a batch, at its own place', async () => {
    const api = await startTestApi();
    stop = () => api.stop();
    const token = await api.key('crm', 'decide');
    const one = await api.call(
      token,
      '/decisions',
      { channel: 'post', target: 'alice@corp.fr' },
      { 'accept-language': 'en' },
    );
    expect(one.status).toBe(422);
    expect(one.json).toMatchObject({ code: 'channel_needs_address', field: '/target' });
    const batch = await api.call(token, '/decisions/batch', {
      channel: 'post',
      targets: ['alice@corp.fr', '+33612345678'],
    });
    expect(batch.status).toBe(200);
    expect(
      batch.json.results.map((r: { problem?: { code: string; field: string } }) => r.problem?.code),
    ).toEqual(['channel_needs_address', 'channel_needs_address']);
    expect(await api.store.recentDecisions('api:crm', 5)).toEqual([]);
  });

  it('Slack: the workflow step asked about post ends in error with the reason', async () => {
    const slack = await startTestSlack();
    stop = () => slack.stop();
    await slack.store.saveContact(financeProfessional('alice@corp.fr'), new Date('2026-01-05T09:00:00Z'));
    const run = await slack.user.runStep(CHECK_STEP, { target: 'alice@corp.fr', channel: 'post' });
    const done = run.calls.find((c) => c.method.startsWith('functions.complete'));
    expect(done?.method).toBe('functions.completeError');
    expect(String(done?.args.error)).toMatch(/postal address|adresse postale/);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttons, visibleText } from '../../src/slack/emulator/screen.ts';
import type { OpenView } from '../../src/slack/emulator/slackUser.ts';
import { startTestSlack, type TestSlack } from './harness.ts';

let slack: TestSlack;
beforeEach(async () => {
  slack = await startTestSlack();
});
afterEach(async () => slack.stop());

const logged = async (user = 'U0SALES') => (await slack.store.recentDecisions(`slack:${user}`, 100)).length;

describe('the receiver checks that requests come from Slack', () => {
  it('refuses a bad signature with 401 and does nothing', async () => {
    const d = await slack.user.command('/optout bob@corp.fr', { secret: 'f'.repeat(32) });
    expect(d.status).toBe(401);
    expect((await slack.store.counts()).suppressions).toBe(0);
  });

  it('refuses a request replayed more than 5 minutes later with 401', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const d = await slack.user.command('/can-i-email alice@corp.fr', { timestamp: sixMinutesAgo });
    expect(d.status).toBe(401);
    expect(await logged()).toBe(0);
    const fresh = await slack.user.command('/can-i-email alice@corp.fr', {
      timestamp: sixMinutesAgo + 2 * 60,
    });
    expect(fresh.status).toBe(200);
  });

  it('handles a redelivery (x-slack-retry-num) once: no second decision, objection or App Home publish', async () => {
    const first = await slack.user.command('/can-i-email alice@corp.fr');
    const retry = await slack.user.command('/can-i-email alice@corp.fr', {
      triggerId: first.triggerId,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    expect(await logged()).toBe(1);

    const home = await slack.user.openHome({ triggerId: 'Ev0SAME' });
    const again = await slack.user.openHome({ triggerId: 'Ev0SAME', headers: { 'x-slack-retry-num': '1' } });
    expect(home.calls.filter((c) => c.method === 'views.publish')).toHaveLength(1);
    expect(again.calls.filter((c) => c.method === 'views.publish')).toHaveLength(0);
  });
});

describe('Web API errors', () => {
  it('tells the user when Slack rate-limits the modal (429), and records nothing', async () => {
    await slack.ctx.store.saveContact({ email: 'alice@gmail.com' }, new Date());
    slack.slack.failNext('views.open', { status: 429, retryAfter: 7 });
    const d = await slack.user.command('/consent alice@gmail.com', { user: 'U0DPO' });
    expect(visibleText(d)).toContain('Slack limite les appels en ce moment : réessayez dans 7 s.');
  });

  it('keeps a recorded consent when the confirmation cannot be posted (channel_not_found)', async () => {
    await slack.ctx.store.saveContact({ email: 'alice@gmail.com' }, new Date());
    const opened = await slack.user.command('/consent alice@gmail.com', { user: 'U0DPO' });
    const view = opened.calls.find((c) => c.method === 'views.open')?.result?.view as OpenView;
    slack.slack.failNext('chat.postEphemeral', { error: 'channel_not_found' });
    const select = (value: string) => ({
      value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
    });
    const done = await slack.user.submit(
      view,
      {
        action: select('grant'),
        channel: select('email'),
        purpose: { value: { type: 'plain_text_input', value: 'prospecting' } },
        method: select('double-opt-in'),
        wording: { value: { type: 'plain_text_input', value: 'v3' } },
        evidence: { value: { type: 'url_text_input', value: 'https://crm.example/proof/2' } },
        date: { value: { type: 'datepicker', selected_date: '2026-11-23' } },
        until: { value: { type: 'datepicker', selected_date: null } },
      },
      { user: 'U0DPO' },
    );
    expect(done.ack?.response_action).toBe('update');
    expect(visibleText(done)).toContain('Consentement donné enregistré');
    expect(
      (await slack.store.subjectFacts({ kind: 'email', value: 'alice@gmail.com' })).consents,
    ).toHaveLength(1);
    expect(slack.logs.some((l) => l.includes('channel_not_found'))).toBe(true);
  });

  it('refuses, in the policy language, whom Slack cannot describe, and refuses roles when user groups cannot be read', async () => {
    // Before any answer has cached the groups.
    slack.slack.failNext('usergroups.users.list', { error: 'missing_scope' });
    const refused = await slack.user.command('/prospect alice@corp.fr', { user: 'U0DPO' });
    expect(visibleText(refused)).toContain('Réservé au rôle');
    // A signed request proves it came from Slack, not that its user still belongs here: fail closed.
    slack.slack.failNext('users.info', { error: 'ratelimited' });
    const d = await slack.user.command('/can-i-email alice@corp.fr', { user: 'U0SALES' });
    expect(visibleText(d)).toContain('Slack n’a pas pu confirmer qui vous êtes');
    expect(visibleText(d)).not.toContain('À vérifier');
    const stranger = await slack.user.command('/optout bob@corp.fr', { user: 'U0NOBODY' });
    expect(visibleText(stranger)).toContain('Slack ne connaît pas ce compte');
    expect(await slack.store.objectionsSince(new Date(0))).toBe(0);
    const access = (await slack.store.auditTrail({ action: 'access' })).map((e) => `${e.actor} ${e.detail}`);
    expect(access).toEqual(expect.arrayContaining(['slack:U0SALES unverified', 'slack:U0NOBODY unknown']));
  });
});

describe('App Home', () => {
  it('shows each user what they may do and their recent questions; counts only for compliance', async () => {
    await slack.user.command('/can-i-email alice@corp.fr', { user: 'U0SALES' });
    const sales = await slack.user.openHome({ user: 'U0SALES' });
    const salesText = visibleText(sales);
    expect(salesText).toContain('— record consent (no)');
    expect(salesText).toMatch(/⚠️ email → a\*\*\*@corp\.fr · Monday 23 November 2026 at 10:30/);
    expect(salesText).not.toContain('For compliance');

    await slack.ctx.store.saveContact(
      {
        email: 'old@corp.fr',
        provenance: { source: 'form', collection: 'direct', collectedAt: '2023-12-01T00:00:00Z' },
      },
      new Date(),
    );
    await slack.user.command('/optout bob@corp.fr', { user: 'U0SALES' });
    const dpo = await slack.user.openHome({ user: 'U0DPO' });
    expect(visibleText(dpo)).toContain('✅ enregistrer les consentements : `/consent alice@corp.fr`');
    // The commands each role opens are listed, so the DPO finds /prospect and /privacy.
    expect(visibleText(dpo)).toContain('`/prospect alice@corp.fr`');
    expect(visibleText(dpo)).toContain('`/privacy export alice@corp.fr`');
    expect(salesText).not.toContain('/privacy export');
    expect(visibleText(dpo)).toContain(
      '*1* contacts · *1* oppositions ce mois-ci · *1* échéances de conservation dans les 30 jours · à purger maintenant : *0 contact*',
    );
    expect(buttons(dpo)).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { visibleText } from '../../src/slack/emulator/screen.ts';
import type { OpenView } from '../../src/slack/emulator/slackUser.ts';
import { startTestSlack, type TestSlack } from './harness.ts';
import { posts, purgeButtonValue, shownView, text, viewText } from './retentionKit.ts';

let slack: TestSlack;
let aliceId: string;
let bobId: string;
beforeEach(async () => {
  slack = await startTestSlack(); // Monday 23 November 2026, 10:30 Paris
  const store = slack.ctx.store;
  aliceId = (
    await store.saveContact(
      {
        email: 'alice@corp.fr',
        owner: 'U0SALES',
        provenance: { source: 'form', collection: 'direct', collectedAt: '2023-11-23T08:00:00Z' },
      },
      new Date('2023-11-23'),
    )
  ).contact.id;
  bobId = (
    await store.saveContact(
      {
        email: 'bob@corp.fr',
        owner: 'U0SALES',
        provenance: { source: 'form', collection: 'direct', collectedAt: '2023-12-01T08:00:00Z' },
      },
      new Date('2023-12-01'),
    )
  ).contact.id;
  await store.saveContact(
    {
      email: 'carol@corp.fr',
      owner: 'U0MANAGER',
      provenance: { source: 'form', collection: 'direct', collectedAt: '2023-12-20T08:00:00Z' },
    },
    new Date('2023-12-20'),
  );
});
afterEach(async () => slack.stop());

describe('retention reminders in Slack', () => {
  it('posts the digest to the compliance channel and each owner their own list, once', async () => {
    const calls = await slack.remindNow();
    const digest = text(posts(calls, 'C0COMPLIANCE')[0]);
    expect(digest).toContain('⛔ À purger maintenant : 1 contact');
    expect(digest).toMatch(/• @U0SALES — 1: a\*\*\*@corp\.fr \(prospect, lundi 23 novembre 2026 à 09:00\)/);
    expect(digest).toContain('🗓️ Dans les 30 jours (2)');
    expect(digest).toContain('[1] Purger 1 contact…');
    const dm = text(posts(calls, 'U0SALES')[0]);
    expect(dm).toContain('Your contacts reach their retention deadline');
    expect(dm).toContain('⛔ a***@corp.fr — prospect');
    expect(dm).toContain('[1] Re-permission sent  [2] Renewed  [3] Purge now');
    expect(posts(calls, 'U0MANAGER')).toHaveLength(1);
    const again = await slack.remindNow();
    expect(posts(again, 'U0SALES')).toHaveLength(0);
  });

  it('sends a reminder Slack refused (429) at the next run, and only once', async () => {
    slack.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    slack.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const first = await slack.remindNow();
    const delivered = (calls: typeof first) =>
      calls.filter((c) => c.method === 'chat.postMessage' && c.result?.ok);
    expect(delivered(first).map((c) => c.args.channel)).toEqual(['U0MANAGER']);
    const second = await slack.remindNow();
    expect(
      delivered(second)
        .map((c) => c.args.channel)
        .sort(),
    ).toEqual(['C0COMPLIANCE', 'U0SALES']);
    expect(posts(await slack.remindNow(), 'U0SALES')).toHaveLength(0);
  });

  it('lets the owner record a re-permission request, a renewal with proof, or purge', async () => {
    const value = (id: string) => JSON.stringify({ c: id, k: 'prospect' });
    const asked = await slack.user.press(
      { action_id: 'retention_repermission', value: value(bobId) },
      { user: 'U0SALES' },
    );
    expect(visibleText(asked)).toContain('Re-permission request recorded for b***@corp.fr');
    const stranger = await slack.user.press(
      { action_id: 'retention_purge_one', value: value(bobId) },
      { user: 'U0MANAGER' },
    );
    expect(visibleText(stranger)).toContain('Réservé au rôle *purger les données*');

    const opened = await slack.user.press(
      { action_id: 'retention_renewed', value: value(aliceId) },
      { user: 'U0SALES' },
    );
    const view = opened.calls.find((c) => c.method === 'views.open')?.result?.view as OpenView;
    const renewed = await slack.user.submit(
      view,
      {
        method: {
          value: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: 'email-reply' }, value: 'email-reply' },
          },
        },
        proof: { value: { type: 'plain_text_input', value: 'Reply of 23/11: "yes, keep me informed"' } },
        date: { value: { type: 'datepicker', selected_date: '2026-11-23' } },
      },
      { user: 'U0SALES' },
    );
    expect(visibleText(renewed)).toContain(
      'Yes from a***@corp.fr recorded: the retention period restarts on 2026-11-23',
    );
    const facts = await slack.store.subjectFacts({ kind: 'email', value: 'alice@corp.fr' });
    expect(facts.interactions.map((i) => i.type)).toEqual(['reply']);

    const purged = await slack.user.press(
      { action_id: 'retention_purge_one', value: value(bobId) },
      { user: 'U0SALES' },
    );
    expect(visibleText(purged)).toContain('Purged: 1 contact, 0 consents');
    expect(await slack.store.contactById(bobId)).toBeUndefined();
    const actions = (await slack.store.auditTrail()).map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual([
      'retention.repermission:done',
      'retention.purge:refused',
      'event.record:done', // the renewal is the prospect's reply
      'retention.renewed:done',
      'retention.purge:done',
    ]);
  });

  it('purges what is overdue from the digest for the purge role only, and says so in its thread', async () => {
    const calls = await slack.remindNow();
    const digest = posts(calls, 'C0COMPLIANCE')[0];
    const ts = String(digest?.result?.ts);
    const value = purgeButtonValue(digest);
    const press = (user: string) =>
      slack.user.press(
        { action_id: 'retention_purge_overdue', value, block_id: 'retention' },
        { user, messageTs: ts },
      );
    slack.user.channel = 'C0COMPLIANCE';
    expect(visibleText(await press('U0SALES'))).toContain('Reserved to the policy role *purge data*');
    // The button opens the list to confirm: who in full, when in Paris time.
    const opened = await press('U0DPO');
    const view = shownView(opened);
    const list = viewText(view);
    expect(list).toContain('*1 contact*');
    expect(list).toContain('• alice@corp.fr — prospect, échéance lundi 23 novembre 2026 à 09:00');
    expect(await slack.store.contactById(aliceId)).toBeDefined();
    const done = await slack.user.submit(view, {}, { user: 'U0DPO' });
    const reply = done.calls.find((c) => c.method === 'chat.postMessage');
    expect(reply?.args).toMatchObject({ channel: 'C0COMPLIANCE', thread_ts: ts });
    expect(String(reply?.args.text)).toContain(
      'purgé : 1 contact ; supprimés en tout : 0 consentement, 0 interaction, 0 décision',
    );
    expect(await slack.store.contactById(aliceId)).toBeUndefined();
    expect(await slack.store.contactById(bobId)).toBeDefined();
  });
});

describe('/retention and /privacy', () => {
  it('shows a salesperson their own deadlines and compliance everyone’s', async () => {
    const own = visibleText(await slack.user.command('/retention', { user: 'U0MANAGER' }));
    expect(own).toContain('c***@corp.fr');
    expect(own).not.toContain('a***@corp.fr');
    // Compliance sees everyone's contacts, in full.
    const all = visibleText(await slack.user.command('/retention', { user: 'U0DPO' }));
    expect(all).toContain('alice@corp.fr (prospect, lundi 23 novembre 2026 à 09:00)');
    expect(all).toContain('carol@corp.fr');
  });

  it('exports everything held on a person to the requester’s DM, for the privacy role only', async () => {
    expect(
      visibleText(await slack.user.command('/privacy export alice@corp.fr', { user: 'U0SALES' })),
    ).toContain('Reserved to the policy role');
    const d = await slack.user.command('/privacy export alice@corp.fr', { user: 'U0DPO' });
    expect(visibleText(d)).toContain('Export de a***@corp.fr envoyé');
    const file = [...slack.slack.files.values()].find((f) => f.name.startsWith('export-email-'));
    expect(file?.channel).toBe('D0U0DPO');
    expect(JSON.parse(file?.bytes.toString() ?? '{}')).toMatchObject({
      contact: { email: 'alice@corp.fr', owner: 'U0SALES' },
    });
    expect(
      (await slack.store.auditTrail({ action: 'privacy.export' })).map((e) => [e.actor, e.outcome]),
    ).toEqual([
      ['slack:U0SALES', 'refused'],
      ['slack:U0DPO', 'done'],
    ]);
  });

  it('erases a person after confirmation, keeps them blocked, and records it in a DM thread', async () => {
    await slack.user.command('/can-i-email alice@corp.fr', { user: 'U0SALES' });
    const asked = await slack.user.command('/privacy erase alice@corp.fr', { user: 'U0DPO' });
    expect(visibleText(asked)).toContain('Effacer a***@corp.fr');
    const done = await slack.user.press(
      { action_id: 'privacy_erase', value: 'alice@corp.fr' },
      { user: 'U0DPO' },
    );
    expect(visibleText(done)).toMatch(
      /Effacé par @U0DPO : 1 contact, 0 consentement, 0 interaction, 1 décision\./,
    );
    const thread = done.calls.filter((c) => c.method === 'chat.postMessage');
    expect(thread[1]?.args.thread_ts).toBe(thread[0]?.result?.ts);
    expect(await slack.store.findContact({ kind: 'email', value: 'alice@corp.fr' })).toBeUndefined();
    expect(
      visibleText(await slack.user.command('/can-i-email alice@corp.fr', { user: 'U0SALES' })),
    ).toContain('⛔ Blocked');
    expect(
      visibleText(await slack.user.command('/privacy shred alice@corp.fr', { user: 'U0DPO' })),
    ).toContain('Usage');
  });
});

it('answers a forged reminder button with a plain message', async () => {
  const d = await slack.user.press(
    { action_id: 'retention_purge_one', value: 'not json' },
    { user: 'U0SALES' },
  );
  expect(visibleText(d)).toBe('This contact no longer exists (already purged?).');
  expect(await slack.store.contactById(aliceId)).toBeDefined();
});

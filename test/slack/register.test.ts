import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttons, visibleText } from '../../src/slack/emulator/screen.ts';
import type { Delivery, OpenView } from '../../src/slack/emulator/slackUser.ts';
import { startTestSlack, submitted, type TestSlack } from './harness.ts';

const SALES = 'U0SALES'; // en-GB, no role
const DPO = 'U0DPO'; // fr-FR, compliance
const MANAGER = 'U0MANAGER'; // approves campaigns, no compliance role

let slack: TestSlack;
beforeEach(async () => {
  slack = await startTestSlack();
});
afterEach(async () => slack.stop());

const openedView = (d: Delivery) =>
  d.calls.find((c) => c.method === 'views.open')?.result?.view as OpenView | undefined;
const text = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
const select = (value: string) => ({
  value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
});
const alice = { kind: 'email' as const, value: 'alice@corp.fr' };

/** A scraped LinkedIn contact, owned by `owner`: blocked for email. */
async function scrapedAlice(owner: string) {
  await slack.ctx.store.saveContact(
    {
      email: alice.value,
      jobFunction: 'finance',
      owner,
      provenance: {
        source: 'scraping',
        detail: 'linkedin',
        collection: 'indirect',
        collectedAt: '2026-11-01T00:00:00Z',
        informedAt: '2026-11-02T00:00:00Z',
      },
    },
    new Date('2026-11-02T00:00:00Z'),
  );
}

describe('the register keeps its history', () => {
  it('refuses the overwrite attack: adding a known address never rewrites its provenance or owner', async () => {
    await scrapedAlice(DPO);
    const before = await slack.store.findContact(alice);
    // A salesperson opens "Add the contact" from an answer about someone else, then types Alice's address.
    const unknown = await slack.user.command('/can-i-email bob@corp.fr', { user: SALES });
    const add = buttons(unknown).find((b) => b.action_id === 'contact_add_open');
    const view = openedView(await slack.user.press(add as never, { user: SALES })) as OpenView;
    const saved = await slack.user.submit(
      view,
      {
        email: text(alice.value),
        phone: text(null),
        name: text(null),
        company: text(null),
        function: text('finance'),
        audience: select('auto'),
        address_kind: select('auto'),
        source: select('form'),
        collected: { value: { type: 'datepicker', selected_date: '2026-11-10' } },
        informed: { value: { type: 'datepicker', selected_date: '2026-11-10' } },
      },
      { user: SALES },
    );
    expect(visibleText(saved)).toContain('Already known: left as it was');
    const after = await slack.store.findContact(alice);
    expect(after?.provenance).toEqual(before?.provenance);
    expect(after?.owner).toBe(DPO);
    expect(after?.sources?.[0]).toMatchObject({ source: 'form', recordedBy: `slack:${SALES}` });
    const answer = await slack.user.command('/can-i-email alice@corp.fr accounting-software', {
      user: SALES,
    });
    expect(visibleText(answer)).toContain('⛔ Blocked');
    const trail = await slack.store.auditTrail({ actor: `slack:${SALES}`, action: 'contact.fill' });
    expect(trail[0]?.detail).toMatch(/^fields sources; kept owner/);
  });

  it('lets no one but the owner or compliance fill an empty notice date from the add modal: the answer stays as it was', async () => {
    await slack.ctx.store.saveContact(
      {
        email: alice.value,
        jobFunction: 'finance',
        owner: DPO,
        provenance: { source: 'form', collection: 'direct', collectedAt: '2026-11-01T00:00:00Z' },
      },
      new Date('2026-11-02T00:00:00Z'),
    );
    const ask = () => slack.user.command('/can-i-email alice@corp.fr accounting-software', { user: SALES });
    const before = visibleText(await ask());
    const unknown = await slack.user.command('/can-i-email bob@corp.fr', { user: SALES });
    const add = buttons(unknown).find((b) => b.action_id === 'contact_add_open');
    const view = openedView(await slack.user.press(add as never, { user: SALES })) as OpenView;
    const saved = await slack.user.submit(
      view,
      {
        email: text(alice.value),
        phone: text(null),
        name: text(null),
        company: text(null),
        function: text('finance'),
        audience: select('auto'),
        address_kind: select('auto'),
        source: select('form'),
        collected: { value: { type: 'datepicker', selected_date: '2026-11-01' } },
        informed: { value: { type: 'datepicker', selected_date: '2026-11-01' } },
      },
      { user: SALES },
    );
    expect(visibleText(saved)).toContain('Already known: left as it was');
    const after = await slack.store.findContact(alice);
    expect(after?.provenance?.informedAt).toBeUndefined();
    expect((after?.sources ?? []).every((s) => s.informedAt === undefined)).toBe(true);
    // The verdict and its reasons stay; only the deadline may move with the source she told of.
    const why = (text: string) => text.split('The answer may change')[0];
    expect(why(visibleText(await ask()))).toBe(why(before));
    expect(before).toContain('No record that the person was informed at collection');
  });

  it("lets the contact's owner edit it, audited with the fields, and refuses a stranger on the button and on a forged submission", async () => {
    await scrapedAlice(SALES);
    const edit = { action_id: 'contact_edit_open', value: JSON.stringify({ target: alice.value }) };

    const refused = await slack.user.press(edit, { user: MANAGER });
    expect(visibleText(refused)).toContain(
      'seuls le propriétaire du contact et les rôles conformité peuvent faire cela',
    );
    expect(refused.calls.some((c) => c.method === 'views.open')).toBe(false);

    const opened = openedView(await slack.user.press(edit, { user: SALES })) as OpenView;
    const changes = { function: 'CFO', audience: 'b2b' };
    const forged = await slack.user.submit(opened, submitted(opened, changes), { user: MANAGER });
    expect(forged.ack?.response_action).toBe('errors');
    expect((await slack.store.findContact(alice))?.audience).toBeUndefined();

    const before = await slack.store.findContact(alice);
    const done = await slack.user.submit(opened, submitted(opened, changes), { user: SALES });
    expect(visibleText(done)).toContain('Contact a***@corp.fr edited: job function, audience');
    const after = await slack.store.findContact(alice);
    expect(after).toEqual({ ...before, audience: 'b2b', jobFunction: 'CFO', updatedAt: after?.updatedAt });

    const edits = await slack.store.auditTrail({ action: 'contact.edit' });
    expect(edits.map((e) => [e.actor, e.outcome])).toEqual([
      [`slack:${MANAGER}`, 'refused'],
      [`slack:${MANAGER}`, 'refused'],
      [`slack:${SALES}`, 'done'],
    ]);
    expect(edits[2]?.detail).toBe('fields jobFunction,audience');
  });
});

describe('who may ask', () => {
  it('refuses a guest, a deactivated account and a user of another organisation, on commands and buttons, and logs it', async () => {
    for (const [user, says] of [
      ['U0GUEST', 'Les invités de l’espace de travail ne peuvent pas utiliser prospect-guard'],
      ['U0GONE', 'Ce compte est désactivé'],
      ['U0PARTNER', 'answers members of this organisation only'],
    ] as const) {
      const answer = await slack.user.command('/can-i-email alice@corp.fr', { user });
      expect(visibleText(answer), user).toContain(says);
      const pressed = await slack.user.press(
        { action_id: 'objection_log', value: JSON.stringify({ target: alice.value }) },
        { user },
      );
      expect(visibleText(pressed), user).toContain(says);
    }
    expect((await slack.store.subjectFacts(alice)).objections).toEqual([]);
    expect(await slack.store.recentDecisions('slack:U0GUEST', 10)).toEqual([]);
    const refused = await slack.store.auditTrail({ action: 'access' });
    expect(refused.map((e) => [e.actor, e.detail])).toContainEqual(['slack:U0PARTNER', 'external']);
    expect(refused).toHaveLength(6);
  });
});

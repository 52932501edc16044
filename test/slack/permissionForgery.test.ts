import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttons, visibleText } from '../../src/slack/emulator/screen.ts';
import type { Delivery, OpenView } from '../../src/slack/emulator/slackUser.ts';
import { startTestSlack, submitted, type TestSlack } from './harness.ts';

const SALES = 'U0SALES'; // no role
const DPO = 'U0DPO'; // compliance
const MANAGER = 'U0MANAGER'; // approve_campaigns only

let slack: TestSlack;
beforeEach(async () => {
  slack = await startTestSlack(); // 2026-11-23 10:30 Paris
});
afterEach(async () => slack.stop());

const openedView = (d: Delivery) =>
  d.calls.find((c) => c.method === 'views.open')?.result?.view as OpenView | undefined;
const text = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
const select = (value: string) => ({
  value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
});
const day = (d: string) => ({ value: { type: 'datepicker', selected_date: d } });

/** The Add-contact modal as a salesperson opens it from an answer, then submits it for `email`. */
async function addAs(user: string, email: string, fields: Record<string, unknown> = {}) {
  const unknown = await slack.user.command('/can-i-email nobody-yet@corp.fr', { user });
  const add = buttons(unknown).find((b) => b.action_id === 'contact_add_open');
  const view = openedView(await slack.user.press(add as never, { user })) as OpenView;
  return slack.user.submit(
    view,
    {
      email: text(email),
      phone: text(null),
      name: text(null),
      company: text(null),
      function: text(null),
      audience: select('auto'),
      address_kind: select('auto'),
      source: select('form'),
      collected: day('2026-11-23'),
      informed: day('2026-11-23'),
      ...fields,
    },
    { user },
  );
}

describe('the Add form on a contact the salesperson does not own', () => {
  it('does not let a non-owner take an unowned contact (imported by the DPO) and then purge it', async () => {
    // A contact the DPO imported without an owner (CLI import, API): only compliance roles may act on it.
    const { contact } = await slack.ctx.store.saveContact(
      {
        email: 'dora@corp.fr',
        provenance: { source: 'form', collection: 'direct', collectedAt: '2026-01-10T08:00:00Z' },
      },
      new Date('2026-01-10'),
    );
    await addAs(SALES, 'dora@corp.fr');
    const after = await slack.store.findContact({ kind: 'email', value: 'dora@corp.fr' });
    // SAFE: adding a known person never gives her an owner (owner is a field only its owner/compliance edit).
    expect(after?.owner).toBeUndefined();
    // And so the salesperson cannot purge her from a (forged) reminder button.
    const purge = await slack.user.press(
      { action_id: 'retention_purge_one', value: JSON.stringify({ c: contact.id, k: 'prospect' }) },
      { user: SALES },
    );
    expect(await slack.store.contactById(contact.id)).toBeDefined();
    expect(visibleText(purge)).toMatch(/Reserved to the policy role/);
  });

  it("does not let a non-owner set the audience or the address kind of someone else's contact", async () => {
    await slack.ctx.store.saveContact(
      {
        email: 'eve@gmail.com',
        owner: DPO,
        provenance: { source: 'form', collection: 'direct', collectedAt: '2026-01-10T08:00:00Z' },
      },
      new Date('2026-01-10'),
    );
    const before = await slack.store.findContact({ kind: 'email', value: 'eve@gmail.com' });
    await addAs(MANAGER, 'eve@gmail.com', {
      audience: select('b2b'),
      address_kind: select('pro-nominative'),
      function: text('CFO'),
    });
    const after = await slack.store.findContact({ kind: 'email', value: 'eve@gmail.com' });
    // SAFE: what mayEditContact reserves to the owner or compliance (audience, address kind) is left alone.
    expect(after?.audience).toBe(before?.audience);
    expect(after?.addressKind).toBe(before?.addressKind);
  });
});

describe('the retention Renewed modal', () => {
  it('does not let the owner record a phone consent (record_consent role) through a forged kind', async () => {
    const { contact } = await slack.ctx.store.saveContact(
      {
        phone: '+33612345678',
        owner: SALES,
        provenance: { source: 'form', collection: 'direct', collectedAt: '2026-10-10T08:00:00Z' },
      },
      new Date('2026-10-10'),
    );
    const before = visibleText(await slack.user.command('/can-i-call 0612345678', { user: SALES }));
    // Forged: the modal's private_metadata says the deadline is a phone consent's.
    const done = await slack.user.submit(
      {
        id: 'V0FORGED',
        callback_id: 'retention_renewed_modal',
        private_metadata: JSON.stringify({ c: contact.id, k: 'phone-consent' }),
      },
      {
        method: select('oral-recorded'),
        proof: text('trust me'),
        date: day('2026-11-23'),
      },
      { user: SALES },
    );
    const facts = await slack.store.subjectFacts({ kind: 'phone', value: '+33612345678' });
    const after = visibleText(await slack.user.command('/can-i-call 0612345678', { user: SALES }));
    // SAFE: a consent with its proof is the record_consent role's; a salesperson never creates one.
    expect({ consents: facts.consents.length, ack: done.ack?.response_action, before, after }).toMatchObject({
      consents: 0,
    });
  });
});

describe('the Edit form submitted by a stranger', () => {
  it('audits a forged edit of a person not in the register, and answers it like any refusal', async () => {
    await slack.ctx.store.saveContact(
      {
        email: 'carol@corp.fr',
        owner: SALES,
        provenance: { source: 'form', collection: 'direct', collectedAt: '2026-10-10T08:00:00Z' },
      },
      new Date('2026-10-10'),
    );
    await slack.ctx.store.saveContact(
      {
        email: 'held@corp.fr',
        owner: DPO,
        provenance: { source: 'form', collection: 'direct', collectedAt: '2026-10-10T08:00:00Z' },
      },
      new Date('2026-10-10'),
    );
    const edit = { action_id: 'contact_edit_open', value: JSON.stringify({ target: 'carol@corp.fr' }) };
    const opened = openedView(await slack.user.press(edit, { user: SALES })) as OpenView;
    const forge = (target: string) =>
      slack.user.submit(
        { ...opened, private_metadata: JSON.stringify({ target }) },
        submitted(opened, { function: 'CFO' }),
        { user: SALES },
      );
    const held = await forge('held@corp.fr');
    const unknown = await forge('ghost@corp.fr');
    const trail = (await slack.store.auditTrail({ action: 'contact.edit' })).filter(
      (e) => e.outcome === 'refused',
    );
    // SAFE: both refused and audited (a forged modal is worth knowing about), and told alike, so the form
    // is no oracle of who the register holds.
    expect(trail).toHaveLength(2);
    expect(JSON.stringify(unknown.ack?.errors)).toBe(JSON.stringify(held.ack?.errors));
  });
});

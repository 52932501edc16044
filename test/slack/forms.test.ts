import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttons, visibleText } from '../../src/slack/emulator/screen.ts';
import type { Delivery, OpenView } from '../../src/slack/emulator/slackUser.ts';
import { startTestSlack, submitted, type TestSlack } from './harness.ts';

const SALES = 'U0SALES'; // en-GB, no role
const DPO = 'U0DPO'; // fr-FR, compliance

let slack: TestSlack;
beforeEach(async () => {
  // Monday 23 November 2026, 10:30 in Paris.
  slack = await startTestSlack();
});
afterEach(async () => slack.stop());

const openedView = (d: Delivery) => d.calls.find((c) => c.method === 'views.open')?.result?.view as OpenView;
const bob = { kind: 'email' as const, value: 'bob@corp.fr' };
const alice = { kind: 'email' as const, value: 'alice@corp.fr' };
type Option = { text: { text: string }; value: string };

/** "Add the contact" from an answer about Bob, who is unknown. */
async function newContactForm(user: string): Promise<OpenView> {
  const answer = await slack.user.command('/can-i-email bob@corp.fr', { user });
  const add = buttons(answer).find((b) => b.action_id === 'contact_add_open');
  return openedView(await slack.user.press(add as never, { user }));
}

describe('the New contact form', () => {
  it('shows a wrong date under its own field, in the submitter’s language, and saves once it is corrected', async () => {
    const view = await newContactForm(SALES);
    const wrong = await slack.user.submit(
      view,
      submitted(view, { source: 'form', collected: '2026-12-01', informed: '2026-12-01' }),
      { user: SALES },
    );
    expect(wrong.ack).toEqual({
      response_action: 'errors',
      errors: { collected: 'collection date: the date cannot be in the future.' },
    });
    expect(await slack.store.findContact(bob)).toBeUndefined();

    const saved = await slack.user.submit(
      view,
      submitted(view, { source: 'form', collected: '2026-11-02', informed: '2026-11-02' }),
      { user: SALES },
    );
    expect(visibleText(saved)).toContain('Contact b***@corp.fr saved');
    expect((await slack.store.findContact(bob))?.provenance).toMatchObject({
      source: 'form',
      collectedAt: '2026-11-01T23:00:00.000Z', // 2 November, midnight in Paris
    });
  });

  it('puts each problem under the field it is about: the phone, the email, the notice date', async () => {
    const view = await newContactForm(DPO);
    const cases: [Record<string, string | null>, string, RegExp][] = [
      [{ phone: '12' }, 'phone', /« 12 » n’est pas un numéro/],
      [{ email: 'bob@' }, 'email', /« bob@ » n’est pas une adresse e-mail valide/],
      [{ email: null }, 'email', /Il faut une adresse e-mail ou un numéro/],
      [
        { collected: '2026-11-10', informed: '2026-11-09' },
        'informed',
        /date de la notice doit venir après date de collecte/,
      ],
    ];
    for (const [changes, block, says] of cases) {
      const d = await slack.user.submit(view, submitted(view, changes), { user: DPO });
      expect(Object.keys(d.ack?.errors as object), block).toEqual([block]);
      expect((d.ack?.errors as Record<string, string>)[block]).toMatch(says);
    }
    expect(await slack.store.findContact(bob)).toBeUndefined();
  });

  it('names the sources in words, not as codes', async () => {
    const view = await newContactForm(DPO);
    const source = (view.blocks as { block_id: string; element: { options: unknown[] } }[]).find(
      (b) => b.block_id === 'source',
    );
    expect(JSON.stringify(source?.element.options)).toContain('formulaire rempli par la personne');
    expect(JSON.stringify(source?.element.options)).not.toContain('"text":"scraping"');
  });
});

/** Alice, collected at 00:30 on 1 November in Paris (still 31 October in UTC), owned by the salesperson. */
async function storedAlice() {
  await slack.ctx.store.saveContact(
    {
      email: alice.value,
      phone: '+33612345678',
      name: 'Alice Martin',
      company: 'Corp',
      jobFunction: 'finance',
      audience: 'b2b',
      owner: SALES,
      provenance: {
        source: 'scraping',
        detail: 'linkedin',
        collection: 'indirect',
        collectedAt: '2026-10-31T23:30:00.000Z',
        informedAt: '2026-11-02T09:00:00.000Z',
      },
    },
    new Date('2026-11-02T09:00:00Z'),
  );
  return slack.store.findContact(alice);
}

async function editForm(user: string): Promise<OpenView> {
  const edit = { action_id: 'contact_edit_open', value: JSON.stringify({ target: alice.value }) };
  return openedView(await slack.user.press(edit, { user }));
}

describe('the Edit form', () => {
  it('opens on the contact’s current values, dates as the local day, identifiers shown to their editor', async () => {
    await storedAlice();
    const view = await editForm(SALES);
    const values = submitted(view);
    const shown = Object.fromEntries(
      Object.entries(values).map(([block, { value }]) => [
        block,
        (value as { value?: string; selected_date?: string; selected_option?: { value: string } })
          .selected_option?.value ??
          (value as { selected_date?: string }).selected_date ??
          (value as { value?: string }).value,
      ]),
    );
    expect(shown).toEqual({
      name: 'Alice Martin',
      company: 'Corp',
      function: 'finance',
      audience: 'b2b',
      address_kind: 'auto',
      source: 'scraping',
      collected: '2026-11-01', // Paris, not UTC's 31 October
      informed: '2026-11-02',
      // Her addresses and numbers: nothing to add, nothing replaced unless chosen.
      add_email: null,
      add_phone: null,
      replace: 'none',
      replace_with: null,
    });
    const text = visibleText({
      status: 200,
      raw: '',
      calls: [],
      triggerId: '',
      ack: { response_action: 'push', view },
    });
    // Her owner may see whom they edit, and must tell her identifiers apart to replace one.
    expect(text).toContain('Identifiers: alice@corp.fr · +33612345678');
    const replace = (view.blocks as { block_id: string; element: { options: Option[] } }[]).find(
      (b) => b.block_id === 'replace',
    );
    expect(replace?.element.options.map((o) => o.text.text)).toEqual([
      'nothing to replace',
      'alice@corp.fr',
      '+33612345678',
    ]);
    // What Slack sends back as the choice names the identifier without carrying it.
    for (const o of replace?.element.options ?? []) expect(o.value).not.toMatch(/alice|612345678/);
    expect(view.private_metadata).not.toContain('612345678');
  });

  it('changes nothing when submitted as it opened: "nothing changed", and no change in the audit', async () => {
    const before = await storedAlice();
    const view = await editForm(SALES);
    const done = await slack.user.submit(view, submitted(view), { user: SALES });
    expect(visibleText(done)).toContain('Nothing changed for a***@corp.fr.');
    expect(await slack.store.findContact(alice)).toEqual(before);
    expect(await slack.store.auditTrail({ action: 'contact.edit' })).toEqual([]);
  });

  it('changes exactly the field changed, named in words, and audits that field alone', async () => {
    const before = await storedAlice();
    const view = await editForm(DPO);
    const done = await slack.user.submit(view, submitted(view, { company: 'Corp SAS' }), { user: DPO });
    expect(visibleText(done)).toContain('Contact a***@corp.fr modifié : société.');
    const after = await slack.store.findContact(alice);
    expect(after).toEqual({ ...before, company: 'Corp SAS', updatedAt: after?.updatedAt });
    const edits = await slack.store.auditTrail({ action: 'contact.edit' });
    expect(edits.map((e) => [e.actor, e.detail])).toEqual([[`slack:${DPO}`, 'fields company']]);
  });

  it('leaves a field someone else changed meanwhile alone, when this editor did not touch it', async () => {
    await storedAlice();
    const view = await editForm(SALES);
    await slack.ctx.store.editContact(
      (await slack.store.findContact(alice))?.id as string,
      { name: 'Alice Durand' },
      new Date(),
    );
    await slack.user.submit(view, submitted(view, { function: 'CFO' }), { user: SALES });
    expect(await slack.store.findContact(alice)).toMatchObject({ name: 'Alice Durand', jobFunction: 'CFO' });
  });

  it('says a recorded value cannot be emptied, under that field, and changes nothing', async () => {
    const before = await storedAlice();
    const view = await editForm(SALES);
    const d = await slack.user.submit(view, submitted(view, { name: null, audience: 'auto' }), {
      user: SALES,
    });
    expect(d.ack?.response_action).toBe('errors');
    expect(Object.keys(d.ack?.errors as object).sort()).toEqual(['audience', 'name']);
    expect((d.ack?.errors as Record<string, string>).name).toContain('cannot be emptied here');
    expect(await slack.store.findContact(alice)).toEqual(before);
  });

  it('shows a wrong date under its field, and a refusal of a forged submission above the form', async () => {
    await storedAlice();
    const view = await editForm(SALES);
    const future = await slack.user.submit(view, submitted(view, { collected: '2026-12-24' }), {
      user: SALES,
    });
    expect(future.ack?.errors).toEqual({ collected: 'collection date: the date cannot be in the future.' });
    const forged = await slack.user.submit(view, submitted(view, { company: 'Other' }), {
      user: 'U0MANAGER',
    });
    expect(Object.keys(forged.ack?.errors as object)).toEqual(['name']);
    expect((await slack.store.findContact(alice))?.company).toBe('Corp');
  });
});

describe('the consent form', () => {
  it('shows a problem the service finds under its field (a channel the form does not offer)', async () => {
    await slack.ctx.store.saveContact({ email: alice.value }, new Date());
    const view = openedView(await slack.user.command('/consent alice@corp.fr', { user: DPO }));
    const proof = { method: 'checkbox', wording: 'v3', evidence: 'https://crm.example/proof/1' };
    const d = await slack.user.submit(view, submitted(view, { ...proof, channel: 'fax' }), { user: DPO });
    expect(Object.keys(d.ack?.errors as object)).toEqual(['channel']);
    expect((d.ack?.errors as Record<string, string>).channel).toMatch(/« fax » n’est pas/);
  });
});

describe('the renewal form', () => {
  it('shows a renewal dated in the future under its date, not under the proof', async () => {
    const { contact } = await slack.ctx.store.saveContact(
      {
        email: alice.value,
        owner: SALES,
        provenance: { source: 'form', collection: 'direct', collectedAt: '2023-11-23T08:00:00Z' },
      },
      new Date('2023-11-23'),
    );
    const value = JSON.stringify({ c: contact.id, k: 'prospect' });
    const view = openedView(
      await slack.user.press({ action_id: 'retention_renewed', value }, { user: SALES }),
    );
    const d = await slack.user.submit(
      view,
      submitted(view, { method: 'email-reply', proof: 'Reply of 23/11', date: '2026-11-30' }),
      { user: SALES },
    );
    expect(d.ack?.errors).toEqual({ date: 'date: the date cannot be in the future.' });
    expect((await slack.store.subjectFacts(alice)).interactions).toEqual([]);
  });
});

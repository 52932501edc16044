import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttons, screen, visibleText } from '../../src/slack/emulator/screen.ts';
import type { Delivery, OpenView } from '../../src/slack/emulator/slackUser.ts';
import { financeProfessional } from '../support/subjects.ts';
import { startTestSlack, type TestSlack } from './harness.ts';

const SALES = 'U0SALES'; // en-GB, no role
const DPO = 'U0DPO'; // fr-FR, in S0COMPLIANCE

let slack: TestSlack;
beforeEach(async () => {
  slack = await startTestSlack();
});
afterEach(async () => slack.stop());

const decisions = async () => (await slack.store.recentDecisions(`slack:${SALES}`, 100)).length;
const openedView = (d: Delivery) =>
  d.calls.find((c) => c.method === 'views.open')?.result?.view as OpenView | undefined;

/** A finance professional at corp.fr, collected by a form and informed. */
async function addAlice() {
  await slack.ctx.store.saveContact(financeProfessional('alice@corp.fr'), new Date('2026-01-05T00:00:00Z'));
}

describe('/can-i-email, /can-i-sms, /can-i-call', () => {
  it('answers in English for an English-speaking user: verdict first, why, and next-step buttons', async () => {
    await addAlice();
    const d = await slack.user.command('/can-i-email alice@corp.fr accounting-software', { user: SALES });
    expect(d.status).toBe(200);
    expect(d.ack?.response_type).toBe('ephemeral');
    const text = visibleText(d);
    expect(text.split('\n')[0]).toMatch(
      /^\*✅ Allowed\* — email → a\*\*\*@corp\.fr · B2B for Accounting software/,
    );
    expect(text).toContain('b2b-professional-nominative-address · CPCE L.34-5');
    expect(text).toContain('What to do');
    // A salesperson is offered only what they may do: log an objection.
    expect(buttons(d).map((b) => b.label)).toEqual(['Log an objection']);
    expect(await decisions()).toBe(1);
  });

  it('answers in French for a French-speaking user', async () => {
    await addAlice();
    const d = await slack.user.command('/can-i-email alice@corp.fr accounting-software', { user: DPO });
    expect(visibleText(d)).toMatch(/^\*✅ Autorisé\* — e-mail → a\*\*\*@corp\.fr/);
    // The DPO holds record_consent and see_contacts: every next step is offered.
    expect(buttons(d).map((b) => b.action_id)).toEqual(['consent_open', 'objection_log', 'contact_show']);
    expect(buttons(d).map((b) => b.label)).toContain('Enregistrer un consentement');
  });

  it('says when the person is unknown, what is needed, and offers to add them', async () => {
    for (const [user, needed, add] of [
      [SALES, 'not in the register', 'Add the contact'],
      [DPO, 'pas dans le registre', 'Ajouter le contact'],
    ]) {
      const d = await slack.user.command('/can-i-email bob@gmail.com', { user });
      expect(visibleText(d)).toContain(needed);
      expect(visibleText(d)).toMatch(/⛔/);
      expect(buttons(d)[0]?.label).toBe(add);
    }
  });

  it('reads the person as Slack sends it: mailto and tel links, capitals, extra spaces', async () => {
    await addAlice();
    const email = await slack.user.command(
      '/can-i-email   <mailto:ALICE@Corp.FR|ALICE@Corp.FR>   accounting-software ',
    );
    expect(visibleText(email)).toContain('✅ Allowed');
    const sms = await slack.user.command('/can-i-sms <tel:+33612345678|06 12 34 56 78>');
    expect(visibleText(sms)).toContain('SMS → +336•••78');
    const call = await slack.user.command('/can-i-call +33 6 12 34 56 78 accounting-software');
    expect(visibleText(call)).toContain('phone call → +336•••78');
  });

  it('turns bad input into one line and the usage, in the user’s language, never a stack trace', async () => {
    const cases: [string, string, RegExp][] = [
      [
        '/can-i-email not-an-email',
        SALES,
        /"not-an-email" is not a valid email address\.\nUsage: `\/can-i-email alice@corp\.fr/,
      ],
      ['/can-i-email', SALES, /The email address or phone number is missing/],
      [
        '/can-i-email +33612345678',
        SALES,
        /"\+33612345678" is a phone number: use \/can-i-sms or \/can-i-call/,
      ],
      ['/can-i-email 0612', SALES, /"0612" is a phone number/],
      [
        '/can-i-call alice@corp.fr',
        DPO,
        /« alice@corp\.fr » est une adresse e-mail : utilisez \/can-i-email/,
      ],
      ['/can-i-sms 06 12', DPO, /« 06 12 » n’est pas un numéro/],
      [
        '/can-i-email alice@corp.fr holidays',
        SALES,
        /"holidays" is neither a known product nor a purpose\. Products: "Accounting software", .*Purposes:/,
      ],
      // A word of two products (one a sector ban) is asked back, the candidates named in the reader's words.
      [
        '/can-i-email alice@corp.fr formation',
        DPO,
        /« formation » peut désigner plusieurs produits : « Formation professionnelle » ou « Formation financée par le CPF »\./,
      ],
    ];
    for (const [line, user, expected] of cases) {
      const d = await slack.user.command(line, { user });
      expect(d.status).toBe(200);
      expect(visibleText(d)).toMatch(expected);
      expect(d.raw).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(await decisions()).toBe(0);
  });

  it('escapes what the user typed: no @channel ping, no disguised link', async () => {
    const d = await slack.user.command('/can-i-email <!channel> <https://evil.example|bank.fr>');
    expect(d.raw).not.toContain('<!channel>');
    expect(d.raw).not.toContain('<https://evil');
    const typed = await slack.user.command('/can-i-email a&b<x>@corp.fr');
    expect(String(typed.ack?.text)).toContain('a&amp;b&lt;x&gt;@corp.fr');
  });
});

describe('/optout', () => {
  it('lets anyone log an objection, applied before the confirmation, to every identifier of the contact', async () => {
    await slack.ctx.store.saveContact({ email: 'alice@corp.fr', phone: '+33612345678' }, new Date());
    const d = await slack.user.command('/optout alice@corp.fr', { user: SALES });
    expect(visibleText(d)).toMatch(/Objection recorded for a\*\*\*@corp\.fr: every channel.*\(2 identifier/);
    expect(visibleText(d)).toMatch(/the objection covers a\*\*\*@corp\.fr, \+336/);
    const hashes = [
      slack.store.hash({ kind: 'phone', value: '+33612345678' }),
      slack.store.hash({ kind: 'email', value: 'alice@corp.fr' }),
    ];
    // Both the phone and the email are on the suppression list; the person sees it as one objection.
    const listed = (await slack.store.recordsAbout(hashes)).suppressions;
    expect(listed.map((s) => [s.hash, s.scope]).sort()).toEqual(hashes.map((h) => [h, 'all']).sort());
    const facts = await slack.store.subjectFacts({ kind: 'phone', value: '+33612345678' });
    expect(facts.objections.map((o) => o.scope)).toEqual(['all']);
    const after = await slack.user.command('/can-i-sms +33 6 12 34 56 78');
    expect(visibleText(after)).toContain('⛔ Blocked');
  });

  it('limits the objection to the channel named, in French or English words', async () => {
    const d = await slack.user.command('/optout bob@corp.fr courrier', { user: DPO });
    expect(visibleText(d)).toContain('Opposition enregistrée pour b***@corp.fr : courrier');
    expect(visibleText(d)).toContain('Personne inconnue du registre');
    const sheet = await slack.user.command('/prospect bob@corp.fr', { user: DPO });
    expect(visibleText(sheet)).toMatch(
      /Rien dans le registre pour b\*\*\*@corp\.fr\.\n\*Oppositions\*\n• courrier depuis le lundi 23 novembre 2026/,
    );
    // A contact without a phone: the answer does not claim to cover one.
    await slack.ctx.store.saveContact({ email: 'carol@corp.fr' }, new Date());
    const emailOnly = await slack.user.command('/optout carol@corp.fr', { user: SALES });
    expect(visibleText(emailOnly)).toContain('Known contact: the objection covers c***@corp.fr.');
    const bad = await slack.user.command('/optout bob@corp.fr pigeon');
    expect(visibleText(bad)).toMatch(/"pigeon" is not a channel/);
  });
});

describe('/prospect', () => {
  it('shows the contact sheet to the roles allowed, audits the look, and refuses the others', async () => {
    await addAlice();
    const refused = await slack.user.command('/prospect alice@corp.fr', { user: SALES });
    expect(visibleText(refused)).toMatch(/Reserved to the policy role \*see contacts\*.*logged/);
    const shown = await slack.user.command('/prospect alice@corp.fr', { user: DPO });
    const text = visibleText(shown);
    expect(text).toContain('alice@corp.fr');
    expect(text).toContain('*Provenance*: formulaire rempli par la personne, collecte directe');
    expect(text).toContain('Conservation jusqu’au*: jeudi 23 novembre 2028'.slice(0, 20));
    const trail = await slack.store.auditTrail({ action: 'contact.view' });
    expect(trail.map((e) => [e.actor, e.outcome])).toEqual([
      ['slack:U0SALES', 'refused'],
      ['slack:U0DPO', 'done'],
    ]);
    expect(JSON.stringify(trail)).not.toContain('alice@corp.fr');
  });
});

it('/prospect shows an objection told twice as one, since its first date, with the later one', async () => {
  const id = { kind: 'email' as const, value: 'twice@corp.fr' };
  await slack.store.addObjection([id], 'all', new Date('2026-11-01T09:00:00Z'), 'test');
  await slack.store.addObjection([id], 'all', new Date('2026-11-20T09:00:00Z'), 'test');
  const sheet = visibleText(await slack.user.command('/prospect twice@corp.fr', { user: DPO }));
  expect(sheet).toMatch(
    /• [^\n]* depuis le dimanche 1 novembre 2026 à 10:00 \(redite le vendredi 20 novembre 2026 à 10:00\)/,
  );
  expect(sheet.match(/depuis le/g)).toHaveLength(1);
});

describe('/consent', () => {
  const proof = (overrides: Record<string, string | null> = {}) => {
    const v = {
      action: 'grant',
      channel: 'email',
      purpose: 'prospecting',
      method: 'checkbox',
      wording: 'v3',
      evidence: 'https://crm.example/proof/1',
      date: '2026-11-20',
      until: null,
      ...overrides,
    };
    const select = (value: string | null) => ({
      type: 'static_select',
      selected_option: value ? { text: { type: 'plain_text', text: value }, value } : null,
    });
    return {
      action: { value: select(v.action) },
      channel: { value: select(v.channel) },
      purpose: { value: { type: 'plain_text_input', value: v.purpose } },
      method: { value: select(v.method) },
      wording: { value: { type: 'plain_text_input', value: v.wording } },
      evidence: { value: { type: 'url_text_input', value: v.evidence } },
      date: { value: { type: 'datepicker', selected_date: v.date } },
      until: { value: { type: 'datepicker', selected_date: v.until } },
    };
  };

  it('opens a modal for the consent role, records the consent with its proof, and confirms', async () => {
    const form = {
      source: 'form' as const,
      collection: 'direct' as const,
      collectedAt: new Date().toISOString(),
    };
    await slack.ctx.store.saveContact({ email: 'alice@gmail.com', provenance: form }, new Date());
    const opened = await slack.user.command('/consent alice@gmail.com', { user: DPO });
    const view = openedView(opened);
    expect(opened.calls.find((c) => c.method === 'views.open')?.args.trigger_id).toBe(opened.triggerId);
    expect(visibleText(opened)).toContain('Comment a-t-il été recueilli ?');
    const done = await slack.user.submit(view as OpenView, proof(), { user: DPO });
    expect(screen(done)[0]).toMatchObject({ kind: 'modal' });
    expect(visibleText(done)).toContain(
      'Consentement donné enregistré pour a***@gmail.com (e-mail, prospection)',
    );
    const facts = await slack.store.subjectFacts({ kind: 'email', value: 'alice@gmail.com' });
    expect(facts.consents).toHaveLength(1);
    expect(facts.consents[0]?.proof).toMatchObject({
      method: 'checkbox',
      wording: 'v3',
      evidence: 'https://crm.example/proof/1',
      recordedBy: 'slack:U0DPO',
    });
    expect(facts.consents[0]?.at).toBe('2026-11-19T23:00:00.000Z');
    const answer = await slack.user.command('/can-i-email alice@gmail.com', { user: SALES });
    expect(visibleText(answer)).toContain('✅ Allowed');
  });

  it('asks again for what is missing or wrong, field by field', async () => {
    await slack.ctx.store.saveContact({ email: 'alice@gmail.com' }, new Date());
    const view = openedView(await slack.user.command('/consent alice@gmail.com', { user: DPO })) as OpenView;
    const d = await slack.user.submit(view, proof({ wording: null, evidence: null, date: '2026-12-01' }), {
      user: DPO,
    });
    expect(d.ack?.response_action).toBe('errors');
    const missing =
      'Un consentement sans preuve n’en est pas un : donnez la version du texte et un lien vers la preuve.';
    expect(d.ack?.errors).toEqual({
      wording: missing,
      evidence: missing,
      date: 'La date ne peut pas être dans le futur.',
    });
    const link = await slack.user.submit(view, proof({ evidence: 'javascript:alert(1)' }), { user: DPO });
    expect(Object.keys(link.ack?.errors as object)).toEqual(['evidence']);
    expect(
      (await slack.store.subjectFacts({ kind: 'email', value: 'alice@gmail.com' })).consents,
    ).toHaveLength(0);
  });

  it('refuses a user without the role, on the command, on the button and on a forged submission', async () => {
    await addAlice();
    const command = await slack.user.command('/consent alice@corp.fr', { user: SALES });
    expect(visibleText(command)).toContain('Reserved to the policy role *record consent*');
    expect(command.calls.some((c) => c.method === 'views.open')).toBe(false);

    const answer = await slack.user.command('/can-i-email alice@corp.fr', { user: SALES });
    expect(buttons(answer).find((b) => b.action_id === 'consent_open')).toBeUndefined();
    // A forged click: the DPO's button pressed by the salesperson is still refused.
    const dpoAnswer = await slack.user.command('/can-i-email alice@corp.fr', { user: DPO });
    const record = buttons(dpoAnswer).find((b) => b.action_id === 'consent_open');
    const pressed = await slack.user.press(record as never, { user: SALES });
    expect(visibleText(pressed)).toContain('Reserved to the policy role *record consent*');
    expect(pressed.calls.some((c) => c.method === 'views.open')).toBe(false);

    const forged = await slack.user.submit(
      {
        id: 'V0FORGED',
        callback_id: 'consent_modal',
        private_metadata: JSON.stringify({ target: 'alice@corp.fr' }),
      },
      proof(),
      { user: SALES },
    );
    expect(forged.ack?.response_action).toBe('errors');
    expect((await slack.store.subjectFacts({ kind: 'email', value: 'alice@corp.fr' })).consents).toHaveLength(
      0,
    );
    const refusals = (await slack.store.auditTrail({ actor: 'slack:U0SALES' })).filter(
      (e) => e.outcome === 'refused',
    );
    expect(refusals.map((e) => e.action)).toEqual(['consent.open', 'consent.open', 'consent.record']);
    expect(slack.logs.filter((l) => l.startsWith('warn refused'))).toHaveLength(3);
  });
});

describe('buttons on an answer', () => {
  it('logs an objection from the answer, and adds an unknown contact through a modal', async () => {
    const unknown = await slack.user.command('/can-i-email carol@corp.fr', { user: SALES });
    const add = buttons(unknown).find((b) => b.action_id === 'contact_add_open');
    const opened = await slack.user.press(add as never, { user: SALES });
    const view = openedView(opened) as OpenView;
    const text = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
    const select = (value: string) => ({
      value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
    });
    const saved = await slack.user.submit(
      view,
      {
        email: text('carol@corp.fr'),
        phone: text(null),
        name: text('Carol'),
        company: text('Corp'),
        function: text('finance'),
        audience: select('auto'),
        source: select('event'),
        collected: { value: { type: 'datepicker', selected_date: '2026-11-10' } },
        informed: { value: { type: 'datepicker', selected_date: '2026-11-10' } },
      },
      { user: SALES },
    );
    expect(visibleText(saved)).toContain('Contact c***@corp.fr saved');
    const contact = await slack.store.findContact({ kind: 'email', value: 'carol@corp.fr' });
    expect(contact).toMatchObject({
      owner: 'U0SALES',
      name: 'Carol',
      provenance: { source: 'event', collection: 'direct' },
    });

    const known = await slack.user.command('/can-i-email carol@corp.fr accounting-software', { user: SALES });
    expect(visibleText(known)).toContain('✅ Allowed');
    const objection = buttons(known).find((b) => b.action_id === 'objection_log');
    expect(objection?.confirm).toBe(true);
    const logged = await slack.user.press(objection as never, { user: SALES });
    expect(visibleText(logged)).toContain('Objection recorded for c***@corp.fr: every channel');
    expect(visibleText(await slack.user.command('/can-i-email carol@corp.fr accounting-software'))).toContain(
      '⛔ Blocked',
    );
  });

  it('refuses a forged button value with a short message', async () => {
    const d = await slack.user.press({ action_id: 'objection_log', value: '{"target":42}' }, { user: SALES });
    expect(d.status).toBe(200);
    expect(visibleText(d)).toBe('This button is no longer valid.');
    expect(slack.logs.some((l) => l.includes('unreadable value'))).toBe(true);
  });
});

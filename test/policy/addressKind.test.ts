import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, Contact } from '../../src/domain/contacts.ts';
import { parseInstant } from '../../src/domain/time.ts';
import { decide } from '../../src/policy/engine.ts';
import { buttons, visibleText } from '../../src/slack/emulator/screen.ts';
import type { OpenView } from '../../src/slack/emulator/slackUser.ts';
import { startTestApi } from '../api/harness.ts';
import { startTestSlack, submitted } from '../slack/harness.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { policy } from '../support/policy.ts';
import { subject } from '../support/subjects.ts';

// Issue 25, "address kind beats audience": a professional reached on a personal address or line follows the
// consumer rules whatever the audience says (catalogue B1: "a personal address/number of a professional: B2C
// rules"; D7: a sole trader on a personal line is a consumer; CNIL: the B2B exception covers work addresses).

const now = parseInstant('2026-11-23T10:30', 'Europe/Paris');
const at = now.toISOString();
/** Rules that only the B2B audience reaches: none of them may answer for a personal address or line. */
const B2B_RULES = [
  'b2b-professional-nominative-address',
  'ecomm-b2b-generic-address',
  'ecomm-automated-calls-incl-ai-voice',
  'phone-b2b',
];
const jean: Contact = {
  id: 'jean',
  email: 'jean.dupont@acme.fr',
  phone: '+33612345678',
  jobFunction: 'DAF',
  audience: 'b2b',
  provenance: { source: 'form', collection: 'direct', collectedAt: at, informedAt: at },
  createdAt: at,
  updatedAt: at,
};
const email = (value: string) => ({ kind: 'email' as const, value });
const phone = (value: string) => ({ kind: 'phone' as const, value, region: 'FR' });
const ask = (
  channel: Channel,
  contact: Contact,
  target = channel === 'email' || channel === 'messaging'
    ? email(contact.email ?? '')
    : phone(contact.phone ?? ''),
) =>
  decide(
    { channel, purpose: 'prospecting', product: 'accounting-software' },
    subject({ target, contact }),
    policy,
    now,
  );

describe('the address kind beats the audience (engine)', () => {
  const personal = { ...jean, addressKind: 'personal' as const };

  it.each([
    'email',
    'sms',
    'messaging',
    'automated-call',
    'phone',
  ] as const)('b2b with a personal address or line: %s follows the consumer rules, never a B2B exception', (channel) => {
    const d = ask(channel, personal);
    expect(d.audience).toBe('b2c');
    expect(d.verdict).toBe('block'); // no consent: the consumer rules refuse
    for (const rule of B2B_RULES) expect(d.reasons.map((r) => r.rule)).not.toContain(rule);
  });

  it('the same professional on her work address keeps the B2B exception', () => {
    const d = ask('email', jean);
    expect(d).toMatchObject({ audience: 'b2b', verdict: 'allow' });
    expect(d.reasons.map((r) => r.rule)).toContain('b2b-professional-nominative-address');
  });

  it('a phone call to a personal line is a consumer call: the consent regime and the calling hours', () => {
    const d = ask('phone', personal);
    const rules = d.reasons.map((r) => r.rule);
    expect(rules).toContain('phone-b2c-prior-consent'); // L.223-1, from 11 August 2026
    expect(rules).toContain('phone-b2c-allowed-days-hours'); // D.223-9
  });

  it('a recorded "personal" covers every identifier of the person', () => {
    const d = ask(
      'email',
      { ...personal, otherEmails: ['j.dupont@acme-holding.fr'] },
      email('j.dupont@acme-holding.fr'),
    );
    expect(d.audience).toBe('b2c');
  });

  it('the kind is the identifier’s: her free-mail address is personal, whatever her work address is recorded as', () => {
    const pro = { ...jean, addressKind: 'pro-nominative' as const, otherEmails: ['jean.dupont@gmail.com'] };
    expect(ask('email', pro).audience).toBe('b2b');
    const d = ask('email', pro, email('jean.dupont@gmail.com'));
    expect(d.audience).toBe('b2c');
    expect(d.verdict).toBe('block');
  });

  it('a free-mail main address recorded as professional gets review, even recorded as generic', () => {
    for (const addressKind of ['pro-nominative', 'pro-generic'] as const) {
      const d = ask('email', { ...jean, email: 'plomberie.dupont@gmail.com', addressKind });
      expect(d.verdict, addressKind).toBe('review');
      expect(d.reasons.map((r) => r.rule)).not.toContain('ecomm-b2b-generic-address');
    }
  });

  it('a recorded professional kind describes her main address and number, not another one', () => {
    // A role address of a one-person business recorded as nominative: her second role address is a company's.
    const shop = {
      ...jean,
      audience: undefined,
      email: 'contact@dupont-plomberie.fr',
      name: undefined,
      addressKind: 'pro-nominative' as const,
      otherEmails: ['ventes@dupont-plomberie.fr'],
    };
    expect(ask('email', shop).reasons.map((r) => r.rule)).toContain('b2b-professional-nominative-address');
    expect(ask('email', shop, email('ventes@dupont-plomberie.fr')).reasons.map((r) => r.rule)).toContain(
      'ecomm-b2b-generic-address',
    );
    // Her other number says nothing by itself: without a recorded audience, the stricter consumer rules.
    const withLine = { ...shop, otherPhones: ['+33698765432'] };
    expect(ask('sms', withLine, phone('+33698765432')).audience).toBe('b2c');
  });
});

describe('every entry point records the two fields and gets the same answer', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('CLI: contact add --audience b2b --address-kind personal, then can-i on each channel answers B2C', async () => {
    const run = cli(tempDir(), { lang: 'en' });
    const added = await run(
      'contact',
      'add',
      '--email',
      'jean.dupont@acme.fr',
      '--phone',
      '06 12 34 56 78',
      '--function',
      'DAF',
      '--audience',
      'b2b',
      '--address-kind',
      'personal',
      '--source',
      'form',
      '--informed-at',
      '2026-11-01',
      '--collected-at',
      '2026-11-01',
    );
    expect(added.status).toBe(0);
    const target = {
      email: 'jean.dupont@acme.fr',
      messaging: 'jean.dupont@acme.fr',
      sms: '0612345678',
      phone: '0612345678',
      'automated-call': '0612345678',
    };
    for (const [channel, who] of Object.entries(target)) {
      const answer = await run('can-i', channel, who, '--product', 'accounting-software', '--json');
      expect(answer.status, channel).toBe(1); // blocked: a consumer without consent
      const json = JSON.parse(answer.out);
      expect(json.audience, channel).toBe('b2c');
      for (const rule of B2B_RULES)
        expect(json.reasons.map((r: { rule: string }) => r.rule)).not.toContain(rule);
    }
    const text = await run('can-i', 'email', 'jean.dupont@acme.fr', '--product', 'accounting-software');
    expect(text.out).toContain('[B2C]');
  });

  it('Slack: the New contact form with B2B and a personal address gives a consumer answer', async () => {
    const slack = await startTestSlack();
    stop = () => slack.stop();
    const answer = await slack.user.command('/can-i-email bob@corp.fr', { user: 'U0SALES' });
    const button = buttons(answer).find((b) => b.action_id === 'contact_add_open');
    const opened = await slack.user.press(button as never, { user: 'U0SALES' });
    const view = opened.calls.find((c) => c.method === 'views.open')?.result?.view as OpenView;
    const values = submitted(view, {
      function: 'DAF',
      audience: 'b2b',
      address_kind: 'personal',
      source: 'form',
      collected: '2026-11-02',
      informed: '2026-11-02',
    });
    const saved = await slack.user.submit(view, values, { user: 'U0SALES' });
    expect(visibleText(saved)).toContain('saved');
    expect(await slack.store.findContact({ kind: 'email', value: 'bob@corp.fr' })).toMatchObject({
      audience: 'b2b',
      addressKind: 'personal',
    });
    const again = await slack.user.command('/can-i-email bob@corp.fr accounting-software', {
      user: 'U0SALES',
    });
    expect(visibleText(again)).toContain('B2C');
    expect(visibleText(again)).not.toContain('B2B');
  });

  it('API: a decision about that person says b2c', async () => {
    const api = await startTestApi();
    stop = () => api.stop();
    await api.store.saveContact(
      {
        email: 'jean.dupont@acme.fr',
        jobFunction: 'DAF',
        audience: 'b2b',
        addressKind: 'personal',
        provenance: jean.provenance,
      },
      new Date(at),
    );
    const token = await api.key('lemlist', 'decide');
    const r = await api.call(token, '/decisions', {
      channel: 'email',
      target: 'jean.dupont@acme.fr',
      product: 'accounting-software',
    });
    expect(r.json).toMatchObject({ audience: 'b2c', verdict: 'block' });
  });
});

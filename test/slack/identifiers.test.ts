import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Identifier } from '../../src/domain/identifiers.ts';
import { buttons, visibleText } from '../../src/slack/emulator/screen.ts';
import type { Delivery, OpenView } from '../../src/slack/emulator/slackUser.ts';
import { financeProfessional } from '../support/subjects.ts';
import { startTestSlack, submitted, type TestSlack } from './harness.ts';

const SALES = 'U0SALES'; // en-GB, no role
const DPO = 'U0DPO'; // fr-FR, compliance

let slack: TestSlack;
beforeEach(async () => {
  // Monday 23 November 2026, 10:30 in Paris.
  slack = await startTestSlack();
});
afterEach(async () => slack.stop());

const alice: Identifier = { kind: 'email', value: 'alice@corp.fr' };
const OLD = '+33612345678';
const NEW = '+33798765432';
const phone = (value: string): Identifier => ({ kind: 'phone', value });

const openedView = (d: Delivery) => d.calls.find((c) => c.method === 'views.open')?.result?.view as OpenView;

/** The Edit button of `target`'s contact sheet, pressed by `user`. */
async function editForm(target: Identifier, user: string): Promise<OpenView> {
  const edit = { action_id: 'contact_edit_open', value: JSON.stringify({ target: target.value }) };
  return openedView(await slack.user.press(edit, { user }));
}

/** The "replace" option that names `value`, as its editor reads it. */
function replaceOption(view: OpenView, value: string): string {
  const blocks = view.blocks as {
    block_id: string;
    element: { options: { text: { text: string }; value: string }[] };
  }[];
  const options = blocks.find((b) => b.block_id === 'replace')?.element.options ?? [];
  const found = options.find((o) => o.text.text === value);
  if (!found) throw new Error(`no option for ${value}`);
  return found.value;
}

async function submit(view: OpenView, changes: Record<string, string | null>, user: string) {
  return slack.user.submit(view, submitted(view, changes), { user });
}

const errorsOf = (d: Delivery) => d.ack?.errors as Record<string, string> | undefined;
const edits = async () =>
  (await slack.store.auditTrail({ action: 'contact.edit' })).filter((e) => e.outcome === 'done');

describe('a person’s identifiers in the Edit form', () => {
  it('gives a contact known by email her mobile: /can-i-sms on it finds her', async () => {
    await slack.ctx.store.saveContact(
      { ...financeProfessional(alice.value), name: 'Alice Martin', owner: SALES },
      new Date('2026-01-05'),
    );
    const before = await slack.store.findContact(alice);
    const view = await editForm(alice, SALES);
    const done = await submit(view, { add_phone: '06 12 34 56 78' }, SALES);
    expect(visibleText(done)).toContain('Contact a***@corp.fr edited: phone number.');
    const after = await slack.store.findContact(phone(OLD));
    expect(after).toEqual({ ...before, phone: OLD, updatedAt: after?.updatedAt });

    const sms = await slack.user.command('/can-i-sms 06 12 34 56 78', { user: DPO });
    // Known: no "not in the register", and her sheet is offered rather than "add the contact".
    expect(visibleText(sms)).not.toContain('pas dans le registre');
    expect(buttons(sms).map((b) => b.action_id)).toContain('contact_show');
    const sheet = await slack.user.command('/prospect 06 12 34 56 78', { user: DPO });
    expect(visibleText(sheet)).toContain('Alice Martin');
  });

  it('replaces her number after an objection on the old one: the objection blocks a call to the new one', async () => {
    // A professional collected by a form and informed: a call is allowed until she objects.
    const bob = {
      ...financeProfessional('bob@corp.fr'),
      email: undefined,
      phone: OLD,
      audience: 'b2b' as const,
    };
    await slack.ctx.store.saveContact({ ...bob, name: 'Bob Martin', owner: SALES }, new Date('2026-01-05'));
    const allowed = await slack.user.command('/can-i-call 06 12 34 56 78 accounting-software', {
      user: SALES,
    });
    expect(visibleText(allowed)).toContain('✅ Allowed');
    const optout = await slack.user.command('/optout +33 6 12 34 56 78 phone', { user: SALES });
    expect(visibleText(optout)).toContain('Objection recorded');

    const view = await editForm(phone(OLD), DPO);
    const done = await submit(
      view,
      { replace: replaceOption(view, OLD), replace_with: '07 98 76 54 32' },
      DPO,
    );
    expect(visibleText(done)).toContain(
      'Contact +337•••32 modifié : numéro de téléphone, ancien numéro gardé pour les oppositions.',
    );
    // The old line is no longer hers to reach: it may be someone else's now.
    expect(await slack.store.findContact(phone(OLD))).toBeUndefined();
    expect((await slack.store.findContact(phone(NEW)))?.name).toBe('Bob Martin');

    const call = await slack.user.command('/can-i-call 07 98 76 54 32 accounting-software', { user: SALES });
    expect(visibleText(call)).toMatch(/^\*⛔ Blocked\* — phone call → \+337•••32/);
    expect(visibleText(call)).toContain('This person objected to marketing');
  });

  it('refuses an address or a number another contact holds, under its own field, and changes nothing', async () => {
    await slack.ctx.store.saveContact(
      { ...financeProfessional(alice.value), phone: OLD, owner: SALES },
      new Date('2026-01-05'),
    );
    await slack.ctx.store.saveContact({ email: 'carol@corp.fr', phone: NEW }, new Date('2026-01-05'));
    const before = await slack.store.findContact(alice);
    const view = await editForm(alice, SALES);
    const cases: [Record<string, string | null>, string, RegExp][] = [
      [
        { add_phone: '07 98 76 54 32' },
        'add_phone',
        /This number is already another contact’s: nothing was changed/,
      ],
      [{ add_email: 'CAROL@corp.fr' }, 'add_email', /This address is already another contact’s/],
      [
        { replace: replaceOption(view, OLD), replace_with: NEW },
        'replace_with',
        /This number is already another/,
      ],
      // Two numbers given, the second held: the refusal goes under that one.
      [
        { add_phone: '06 11 22 33 44', replace: replaceOption(view, OLD), replace_with: NEW },
        'replace_with',
        /This number is already another/,
      ],
      [{ add_phone: '12' }, 'add_phone', /"12" is not a valid phone number/],
      [{ add_email: 'alice@', add_phone: '06 11 22 33 44' }, 'add_email', /"alice@" is not a valid email/],
      [
        { replace: replaceOption(view, OLD), replace_with: '0612' },
        'replace_with',
        /"0612" is not a valid phone/,
      ],
      [{ replace: replaceOption(view, OLD) }, 'replace_with', /Give the new number or address/],
      [{ replace_with: '06 11 22 33 44' }, 'replace', /Choose above the number or address this one replaces/],
      [
        { replace: replaceOption(view, OLD), replace_with: '06 12 34 56 78' },
        'replace_with',
        /That is the value it replaces/,
      ],
      [
        { replace: 'phone:0000000000000000', replace_with: '06 11 22 33 44' },
        'replace',
        /does not have this/,
      ],
    ];
    for (const [changes, block, says] of cases) {
      const d = await submit(view, changes, SALES);
      expect(Object.keys(errorsOf(d) ?? {}), JSON.stringify(changes)).toEqual([block]);
      expect(errorsOf(d)?.[block]).toMatch(says);
    }
    expect(await slack.store.findContact(alice)).toEqual(before);
    expect(await edits()).toEqual([]);
  });

  it('audits exactly the fields changed, and names them in words', async () => {
    await slack.ctx.store.saveContact(
      { ...financeProfessional(alice.value), phone: OLD, company: 'Corp', owner: SALES },
      new Date('2026-01-05'),
    );
    const before = await slack.store.findContact(alice);
    const view = await editForm(alice, SALES);
    const done = await submit(
      view,
      {
        company: 'Corp SAS',
        add_email: 'a.martin@perso.fr',
        replace: replaceOption(view, OLD),
        replace_with: NEW,
      },
      SALES,
    );
    expect(visibleText(done)).toContain(
      'Contact a***@corp.fr edited: company, phone number, former number kept for objections, other email addresses.',
    );
    const after = await slack.store.findContact(alice);
    expect(after).toEqual({
      ...before,
      company: 'Corp SAS',
      phone: NEW,
      otherEmails: ['a.martin@perso.fr'],
      formerHashes: [slack.store.hash(phone(OLD))],
      updatedAt: after?.updatedAt,
    });
    expect((await edits()).map((e) => [e.actor, e.detail])).toEqual([
      [`slack:${SALES}`, 'fields company,phone,formerHashes,otherEmails'],
    ]);
    // No address or number in clear in what the app logged.
    expect(slack.logs.join('\n')).not.toMatch(/798765432|612345678|a\.martin/);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../src/domain/contacts.ts';
import { ask } from '../../src/services/ask.ts';
import { editContact } from '../../src/services/contactEdit.ts';
import { optOut, recordConsent } from '../../src/services/record.ts';
import { ACTORS, type ConsoleHarness, consoleHarness, formOf, NOW, textOf } from '../support/console.ts';

let h: ConsoleHarness;
let alice: Contact;

beforeEach(async () => {
  h = consoleHarness();
  alice = (
    await h.store.saveContact(
      {
        email: 'alice@corp.fr',
        phone: '+33612345678',
        name: 'Alice Martin',
        company: 'Corp',
        owner: 'U0SALES',
        provenance: { source: 'form', collection: 'direct', collectedAt: '2026-10-01T08:00:00Z' },
      },
      NOW,
    )
  ).contact;
});

const lastAudit = async () => (await h.store.auditTrail()).at(-1);

/** The Edit form as the page renders it, for this user. */
async function editForm(cookie: string, id = alice.id) {
  const response = await h.get(`/contacts/${id}/edit`, cookie);
  expect(response.status).toBe(200);
  return formOf(await response.text(), '/edit');
}

describe('the contact page’s Edit form', () => {
  it('changes only the field edited, and the audit names it', async () => {
    const { cookie } = await h.signIn('U0DPO');
    const form = await editForm(cookie);
    expect(form).toMatchObject({
      name: 'Alice Martin',
      company: 'Corp',
      phone: '+33612345678',
      source: 'form',
    });
    const done = await h.post(`/contacts/${alice.id}/edit`, cookie, { ...form, company: 'Globex' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/contacts/${alice.id}?edited=company`);
    const after = (await h.store.contactById(alice.id)) as Contact;
    expect({ ...after, updatedAt: alice.updatedAt }).toEqual({ ...alice, company: 'Globex' });
    expect(await lastAudit()).toMatchObject({
      actor: 'slack:U0DPO',
      action: 'contact.edit',
      detail: 'fields company',
    });
    const page = textOf(await (await h.get(done.headers.get('location') as string, cookie)).text());
    expect(page).toContain('Modifié : société');
  });

  it('replaces her phone number (the old one kept as a former hash), and the page shows the new one', async () => {
    const { cookie } = await h.signIn('U0DPO');
    const form = await editForm(cookie);
    const done = await h.post(`/contacts/${alice.id}/edit`, cookie, { ...form, phone: '06 98 76 54 32' });
    expect(done.status).toBe(303);
    const after = (await h.store.contactById(alice.id)) as Contact;
    expect(after.phone).toBe('+33698765432');
    expect(after.formerHashes).toHaveLength(1);
    expect(after.name).toBe(alice.name);
    expect(await h.store.findContact({ kind: 'phone', value: '+33612345678' })).toBeUndefined();
    const page = await (await h.get(`/contacts/${alice.id}`, cookie)).text();
    expect(page).toContain('+33698765432');
  });

  it('refuses a salesperson who is not the owner with a 403, changes nothing, and audits the refusal', async () => {
    const bob = (await h.store.saveContact({ email: 'bob@corp.fr', name: 'Bob', owner: 'U0OTHER' }, NOW))
      .contact;
    const dpo = await h.signIn('U0DPO');
    const form = await editForm(dpo.cookie, bob.id);
    const sales = await h.signIn('U0SALES');
    expect((await h.get(`/contacts/${bob.id}/edit`, sales.cookie)).status).toBe(403);
    const forged = await h.post(`/contacts/${bob.id}/edit`, sales.cookie, {
      ...form,
      _csrf: sales.csrf,
      name: 'Robert',
    });
    expect(forged.status).toBe(403);
    expect(await h.store.contactById(bob.id)).toEqual(bob);
    // Refused as the form's own page is: she may not open the register (no `see_contacts`).
    expect(await lastAudit()).toMatchObject({ actor: 'slack:U0SALES', outcome: 'refused' });
  });

  it('refuses a form opened before someone else changed the record, and shows the new values', async () => {
    const { cookie } = await h.signIn('U0DPO');
    const form = await editForm(cookie);
    await editContact(h.ctx, { email: 'alice@corp.fr', name: 'Alice Dupont' }, ACTORS.U0DPO as never);
    const stale = await h.post(`/contacts/${alice.id}/edit`, cookie, { ...form, company: 'Globex' });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(textOf(html)).toContain('a changé depuis que vous avez ouvert le formulaire');
    expect(formOf(html, '/edit')).toMatchObject({ name: 'Alice Dupont', company: 'Corp' });
    expect((await h.store.contactById(alice.id))?.company).toBe('Corp');
  });

  it('tells a bad value at its field, in the reader’s language, and keeps what was typed', async () => {
    const { cookie } = await h.signIn('U0DPO');
    const form = await editForm(cookie);
    const bad = await h.post(`/contacts/${alice.id}/edit`, cookie, {
      ...form,
      company: 'Globex',
      phone: '12',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toMatch(/id="f-phone-problem"/);
    expect(formOf(html, '/edit')).toMatchObject({ company: 'Globex', phone: '12' });
    const cleared = await h.post(`/contacts/${alice.id}/edit`, cookie, { ...form, name: '' });
    expect(cleared.status).toBe(400);
    expect(textOf(await cleared.text())).toContain('Ce champ ne peut pas être vidé ici');
    expect(await h.store.contactById(alice.id)).toEqual(alice);
  });
});

describe('adding and merging from the Register page', () => {
  it('adds a contact from the Register page, shown only to those who may see the register', async () => {
    const sales = await h.signIn('U0SALES');
    expect(await (await h.get('/register', sales.cookie)).text()).not.toContain('action="/register/add"');
    const { cookie, csrf } = await h.signIn('U0DPO');
    const form = formOf(await (await h.get('/register', cookie)).text(), '/register/add');
    const added = await h.post('/register/add', cookie, {
      ...form,
      _csrf: csrf,
      email: 'carole@globex.fr',
      name: 'Carole Petit',
      source: 'event',
      sourceDetail: 'salon',
      collectedAt: '2026-11-02',
    });
    expect(added.status).toBe(303);
    const carole = (await h.store.findContact({ kind: 'email', value: 'carole@globex.fr' })) as Contact;
    expect(added.headers.get('location')).toBe(`/contacts/${carole.id}?done=added`);
    expect(carole).toMatchObject({
      name: 'Carole Petit',
      owner: 'U0DPO',
      provenance: { source: 'event', detail: 'salon' },
    });
    expect((await lastAudit())?.action).toBe('contact.add');
    const bad = await h.post('/register/add', cookie, { _csrf: csrf, name: 'Nobody' });
    expect(bad.status).toBe(400);
    expect(formOf(await bad.text(), '/register/add').name).toBe('Nobody');
  });

  it('merges two records after a confirmation naming both and what differs', async () => {
    const other = (
      await h.store.saveContact(
        {
          email: 'a.martin@gmail.com',
          name: 'Alice Martin',
          company: 'Acme',
          provenance: { source: 'import', collection: 'indirect', collectedAt: '2026-11-01T08:00:00Z' },
        },
        NOW,
      )
    ).contact;
    const { cookie, csrf } = await h.signIn('U0DPO');
    const search = await (
      await h.post(`/contacts/${alice.id}/merge`, cookie, { _csrf: csrf, query: 'martin' })
    ).text();
    const choose = formOf(search, '/merge/confirm');
    expect(choose.other).toBe(other.id);
    const confirm = await (await h.post(`/contacts/${alice.id}/merge/confirm`, cookie, choose)).text();
    const words = textOf(confirm);
    expect(words).toContain('Gardée (collectée la première) : Alice Martin · Corp');
    expect(words).toContain('a.martin@gmail.com');
    expect(words).toMatch(/société Corp Acme/);
    expect(await h.store.contactById(other.id)).toBeDefined();
    const merged = await h.post(`/contacts/${alice.id}/merge/do`, cookie, formOf(confirm, '/merge/do'));
    expect(merged.status).toBe(303);
    expect(merged.headers.get('location')).toBe(`/contacts/${alice.id}?done=merged`);
    expect(await h.store.contactById(other.id)).toBeUndefined();
    expect((await h.store.contactById(alice.id))?.otherEmails).toEqual(['a.martin@gmail.com']);
    expect((await lastAudit())?.action).toBe('contact.merge');
  });
});

describe('the contact page’s words', () => {
  it('lists the questions asked about her, newest first, with who asked', async () => {
    await ask(h.ctx, { channel: 'email', target: 'alice@corp.fr', askedBy: 'slack:U0DPO' });
    await ask(h.ctx, { channel: 'sms', target: '+33612345678', askedBy: 'slack:U0SALES' });
    const { cookie } = await h.signIn('U0DPO');
    const html = await (await h.get(`/contacts/${alice.id}`, cookie)).text();
    expect(textOf(html)).toContain('Questions posées à son sujet');
    const rows = /<table class="decisions">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    const lines = textOf(rows);
    expect(lines).toMatch(/SMS .* Sam Vidal .* e-mail .* Dana Pons/);
  });

  it('speaks French on a French page: no engine word such as automated-call or grant', async () => {
    await recordConsent(h.ctx, {
      email: 'alice@corp.fr',
      channel: 'email',
      action: 'grant',
      method: 'checkbox',
      wording: 'v1',
      evidence: 'form#1',
      recordedBy: 'cli:test',
    } as never);
    await optOut(h.ctx, { email: 'alice@corp.fr', channel: 'automated-call', origin: 'cli:test' });
    const { cookie } = await h.signIn('U0DPO');
    const text = textOf(await (await h.get(`/contacts/${alice.id}`, cookie)).text());
    for (const raw of ['automated-call', 'grant', 'form · direct', ' sms ']) expect(text).not.toContain(raw);
    expect(text).toContain('formulaire rempli par la personne · collecte directe');
    expect(text).toContain('Consentement donné · e-mail');
    expect(text).toContain('Opposition · appel automatisé');
  });
});

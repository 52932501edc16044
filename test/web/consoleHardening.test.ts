import { beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../src/domain/contacts.ts';
import { MAX_FLOWS, SlackSignIn } from '../../src/slack/signIn.ts';
import { ACTORS, type ConsoleHarness, consoleHarness, formOf, NOW } from '../support/console.ts';

/** What the red team found in the console, each closed: who reads what, what reaches the audit, how much is read. */
let h: ConsoleHarness;
let alice: Contact;
let bob: Contact;
const save = async (email: string, name: string, owner: string) =>
  (
    await h.store.saveContact(
      {
        email,
        name,
        owner,
        provenance: { source: 'form', collection: 'direct', collectedAt: '2026-10-01T08:00:00Z' },
      },
      NOW,
    )
  ).contact;

beforeEach(async () => {
  h = consoleHarness();
  alice = await save('alice@corp.fr', 'Alice Martin', 'U0DPO');
  bob = await save('bob@corp.fr', 'Bob Durand', 'U0SALES');
  ACTORS.U0PURGE = { id: 'slack:U0PURGE', userId: 'U0PURGE', roles: ['purge'], via: 'slack' };
});

describe('the Edit form sent back reads nothing its sender could not open', () => {
  it('refuses a stale form to an owner without the register role, and to a purge-only user, with no data', async () => {
    for (const [user, contact] of [
      ['U0SALES', bob],
      ['U0PURGE', alice],
    ] as const) {
      const { cookie, csrf } = await h.signIn(user);
      const stale = await h.post(`/contacts/${contact.id}/edit`, cookie, {
        _csrf: csrf,
        version: 'x',
        company: 'Changed',
      });
      expect(stale.status, user).toBe(403);
      const text = await stale.text();
      expect(text).not.toContain(contact.email as string);
      expect(text).not.toContain(contact.name as string);
      expect((await h.store.contactById(contact.id))?.company).toBeUndefined();
    }
  });

  it('audits an edit refused because another contact holds the address: the probe leaves a trace', async () => {
    const { cookie, csrf } = await h.signIn('U0DPO');
    const page = await (await h.get(`/contacts/${bob.id}/edit`, cookie)).text();
    const form = formOf(page, '/edit');
    const refused = await h.post(`/contacts/${bob.id}/edit`, cookie, {
      ...form,
      _csrf: csrf,
      addEmail: 'alice@corp.fr',
    });
    expect(refused.status).toBe(400);
    const trail = await h.store.auditTrail({ action: 'contact.edit' });
    expect(trail.map((e) => `${e.outcome} ${e.detail}`)).toContain(
      'refused identifier held by another contact',
    );
  });
});

describe('what a form may carry', () => {
  it('keeps free text out of the audit: a re-permission names a deadline kind, nothing else', async () => {
    const { cookie, csrf } = await h.signIn('U0SALES');
    const forged = await h.post('/deadlines/repermission', cookie, {
      _csrf: csrf,
      contact: bob.id,
      kind: 'prospect\nslack:U0DPO privacy.erase done',
    });
    expect(forged.status).toBe(400);
    expect(JSON.stringify(await h.store.auditTrail())).not.toContain('privacy.erase done');
  });

  it('refuses a form far beyond any field (64 KB) before reading it, and records nothing', async () => {
    const { cookie, csrf } = await h.signIn('U0DPO');
    const huge = await h.post('/register/add', cookie, {
      _csrf: csrf,
      email: 'carol@corp.fr',
      name: 'x'.repeat(100_000),
    });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('Ce formulaire est bien trop long');
    expect(await h.store.findContact({ kind: 'email', value: 'carol@corp.fr' })).toBeUndefined();
  });
});

describe('Sign in with Slack under a flood', () => {
  it('keeps at most MAX_FLOWS flows begun and not finished: the oldest goes, the newest still signs in', async () => {
    const signIn = new SlackSignIn({ clientId: '1.2', clientSecret: 's', webUrl: 'https://c.example' });
    const first = signIn.start();
    let last = first;
    for (let i = 0; i < MAX_FLOWS; i++) last = signIn.start();
    const size = (signIn as unknown as { flows: Map<string, unknown> }).flows.size;
    expect(size).toBe(MAX_FLOWS);
    await expect(signIn.finish({ code: 'c', state: first.state }, first.state)).rejects.toMatchObject({
      reason: 'state',
    });
    // The newest flow is still there: it fails later, at the exchange (no Slack here), not at its state.
    await expect(signIn.finish({ state: last.state }, last.state)).rejects.toMatchObject({
      reason: 'exchange',
    });
  });
});

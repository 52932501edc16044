import { beforeEach, describe, expect, it } from 'vitest';
import { SESSION_MS } from '../../src/web/sessions.ts';
import { type ConsoleHarness, consoleHarness, NOW, TEAM } from '../support/console.ts';

let h: ConsoleHarness;
let aliceId: string;
let store: ConsoleHarness['store'];
let sessions: ConsoleHarness['sessions'];
let logs: string[];

beforeEach(async () => {
  h = consoleHarness();
  ({ store, sessions, logs } = h);
  const saved = await store.saveContact(
    {
      email: 'alice@corp.fr',
      name: 'Alice Martin',
      company: 'Corp',
      owner: 'U0SALES',
      provenance: { source: 'form', collection: 'direct', collectedAt: '2026-10-01T08:00:00Z' },
    },
    NOW,
  );
  aliceId = saved.contact.id;
});

const app = () => h.app();
const signIn = (userId: string) => h.signIn(userId);
const post = (path: string, cookie: string, fields: Record<string, string>) => h.post(path, cookie, fields);

describe('the compliance console', () => {
  it('signs in once per link, in an HttpOnly SameSite=Lax cookie, and says so to a stranger', async () => {
    const link = sessions.link(TEAM, 'U0DPO');
    const first = await app().request(`/signin/${link}`);
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(first.headers.get('set-cookie')).toMatch(/SameSite=Lax/);
    const again = await app().request(`/signin/${link}`);
    expect(again.status).toBe(401);
    const anonymous = await app().request('/register');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toContain('pas connecté');
    expect(anonymous.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('finds a contact by name through a form, opens her page by id, and audits the look', async () => {
    const { cookie, csrf } = await signIn('U0DPO');
    const found = await post('/register', cookie, { _csrf: csrf, query: 'martin' });
    const html = await found.text();
    expect(html).toContain('1 contact trouvé');
    expect(html).toContain(`/contacts/${aliceId}`);
    expect(html).not.toMatch(/href="[^"]*alice@/);
    const page = await app().request(`/contacts/${aliceId}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('Alice Martin');
    expect(text).toContain('Ce que chaque canal répondrait');
    const actions = (await store.auditTrail()).map((e) => `${e.actor} ${e.action}`);
    expect(actions).toContain('slack:U0DPO contact.view');
    expect(actions).toContain('slack:U0DPO contact.search');
  });

  it('records an objection from the page, and the email answer turns to blocked', async () => {
    const { cookie, csrf } = await signIn('U0DPO');
    const before = await (await app().request(`/contacts/${aliceId}`, { headers: { cookie } })).text();
    expect(before).not.toContain('class="verdict-block"');
    const done = await post(`/contacts/${aliceId}/objection`, cookie, { _csrf: csrf, channel: 'all' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/contacts/${aliceId}?done=1`);
    const after = await (
      await app().request(done.headers.get('location') as string, { headers: { cookie } })
    ).text();
    expect(after).toContain('class="verdict-block"');
    expect(after).toContain('Opposition enregistrée');
  });

  it('refuses a form without its CSRF token, and changes nothing', async () => {
    const { cookie } = await signIn('U0DPO');
    const forged = await post(`/contacts/${aliceId}/objection`, cookie, { channel: 'all' });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('formulaire a expiré');
    expect((await store.subjectFacts({ kind: 'email', value: 'alice@corp.fr' })).objections).toEqual([]);
  });

  it('shows a salesperson without the role neither the page nor the data, and audits the refusal', async () => {
    const { cookie, csrf } = await signIn('U0SALES');
    const search = await post('/register', cookie, { _csrf: csrf, query: 'martin' });
    expect(search.status).toBe(403);
    const page = await app().request(`/contacts/${aliceId}`, { headers: { cookie } });
    expect(page.status).toBe(403);
    const text = await page.text();
    expect(text).not.toContain('Alice');
    expect(text).not.toContain('alice@corp.fr');
    expect(text).toContain('This page needs the');
    const refused = (await store.auditTrail()).filter((e) => e.outcome === 'refused');
    expect(refused.map((e) => e.action)).toEqual(['contact.search', 'contact.view']);
  });

  it('ends the session after a working day, and on sign-out', async () => {
    const { cookie, csrf } = await signIn('U0DPO');
    h.advance(SESSION_MS + 1);
    expect((await app().request('/register', { headers: { cookie } })).status).toBe(401);
    const next = await signIn('U0DPO');
    expect((await post('/signout', next.cookie, { _csrf: next.csrf })).status).toBe(303);
    expect((await app().request('/register', { headers: { cookie: next.cookie } })).status).toBe(401);
    expect(csrf).not.toBe('');
  });

  it('ends the session of someone deactivated in Slack since she signed in, for good', async () => {
    const { cookie } = await signIn('U0DPO');
    expect((await app().request('/register', { headers: { cookie } })).status).toBe(200);
    h.standings.set('U0DPO', 'deleted');
    expect((await app().request('/register', { headers: { cookie } })).status).toBe(401);
    // Reinstated, she signs in again: the old session stays closed.
    h.standings.delete('U0DPO');
    expect((await app().request('/register', { headers: { cookie } })).status).toBe(401);
  });

  it('tells an unknown contact id on a page, and a bad search at its field, without a stack', async () => {
    const { cookie, csrf } = await signIn('U0DPO');
    const missing = await app().request('/contacts/nope', { headers: { cookie } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toMatch(/at .*\.ts:\d+/);
    const short = await post('/register', cookie, { _csrf: csrf, query: 'a' });
    expect(short.status).toBe(400);
    expect(logs).toEqual([]);
  });
});

describe('a search that finds more than a page', () => {
  it('shows 50 at a time, and the next page through the same form', async () => {
    for (let i = 0; i < 55; i++)
      await store.saveContact({ email: `p${i}@dupont.fr`, name: `Paul Dupont ${i}` }, NOW);
    const { cookie, csrf } = await signIn('U0DPO');
    const first = await (await post('/register', cookie, { _csrf: csrf, query: 'dupont' })).text();
    expect(first).toContain('50 contacts trouvés');
    expect(first).toContain('name="page" value="1"');
    const second = await (
      await post('/register', cookie, { _csrf: csrf, query: 'dupont', page: '1' })
    ).text();
    expect(second).toContain('5 contacts trouvés');
    expect(second).not.toContain('name="page"');
  });
});

describe('the console’s caching', () => {
  it('never lets a page with personal data be kept, while its own files are', async () => {
    const { cookie } = await signIn('U0DPO');
    expect((await h.get(`/contacts/${aliceId}`, cookie)).headers.get('cache-control')).toBe('no-store');
    const script = await app().request('/assets/chart.umd.min.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=3600');
  });
});

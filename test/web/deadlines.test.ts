import { beforeEach, describe, expect, it } from 'vitest';
import { type ConsoleHarness, consoleHarness, NOW } from '../support/console.ts';

let h: ConsoleHarness;
let oldId: string;
let soonId: string;

/** A prospect collected `collectedAt`: its data is due 3 years later (retention-prospect-non-customer). */
async function prospect(email: string, name: string, collectedAt: string) {
  const saved = await h.store.saveContact(
    { email, name, owner: 'U0SALES', provenance: { source: 'form', collection: 'direct', collectedAt } },
    NOW,
  );
  return saved.contact.id;
}

beforeEach(async () => {
  h = consoleHarness();
  oldId = await prospect('old@corp.fr', 'Olga Ancienne', '2023-10-01T08:00:00Z');
  soonId = await prospect('soon@corp.fr', 'Sophie Bientôt', '2023-12-10T09:00:00Z');
});

const form = (page: string) => ({
  at: /name="at" value="([^"]+)"/.exec(page)?.[1] ?? '',
  fingerprint: /name="fingerprint" value="([^"]+)"/.exec(page)?.[1] ?? '',
});

describe('the console’s deadlines', () => {
  it('shows the DPO what falls due week by week, what a purge deletes now, and who comes due, in local time', async () => {
    const { cookie } = await h.signIn('U0DPO');
    const response = await h.get('/deadlines', cookie);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('À purger maintenant : 1 contact.');
    expect(page).toContain('data-chart=');
    // Week 0 starts on Monday 23 November: 10 December falls in the third week, as the table beside the chart says.
    expect(page).toMatch(/semaine du 7 déc\.<\/th><td>1<\/td>/);
    expect(page).toContain('Sophie Bientôt');
    expect(page).toContain('jeudi 10 décembre 2026 à 10:00');
    expect(page).toContain('Sam Vidal');
    expect(page).not.toContain('Olga Ancienne');
    expect(page).toContain('href="/deadlines/purge"');
    const trail = await h.store.auditTrail({ actor: 'slack:U0DPO' });
    expect(trail.map((e) => e.action)).toContain('retention.view');
  });

  it('shows a salesperson without the role neither the page nor anyone on it', async () => {
    const { cookie } = await h.signIn('U0SALES');
    for (const path of ['/deadlines', '/deadlines/purge']) {
      const response = await h.get(path, cookie);
      expect(response.status).toBe(403);
      const page = await response.text();
      expect(page).not.toMatch(/Sophie|Olga|old@corp|soon@corp/);
    }
  });

  it('purges only after confirmation, only the list shown, and keeps who is not due', async () => {
    const { cookie, csrf } = await h.signIn('U0DPO');
    const preview = await (await h.get('/deadlines/purge', cookie)).text();
    expect(preview).toContain('Olga Ancienne (old@corp.fr)');
    expect(preview).toContain('Durée de conservation (prospect)');
    expect(preview).not.toContain('Sophie');
    const fields = { ...form(preview), understood: 'yes' };
    const forged = await h.post('/deadlines/purge', cookie, fields);
    expect(forged.status).toBe(403);
    expect(await h.store.contactById(oldId)).toBeDefined();
    const unticked = await h.post('/deadlines/purge', cookie, { ...fields, _csrf: csrf, understood: '' });
    expect(await unticked.text()).toContain('Supprimer définitivement 1 contact');
    expect(await h.store.contactById(oldId)).toBeDefined();
    const done = await (await h.post('/deadlines/purge', cookie, { ...fields, _csrf: csrf })).text();
    expect(done).toContain('purgé : 1 contact');
    expect(await h.store.contactById(oldId)).toBeUndefined();
    expect(await h.store.contactById(soonId)).toBeDefined();
    const trail = await h.store.auditTrail({ actor: 'slack:U0DPO' });
    expect(trail.filter((e) => e.action === 'retention.purge' && e.outcome === 'done')).toHaveLength(1);
  });

  it('deletes nothing when the list changed since it was read, and shows the new one', async () => {
    const { cookie, csrf } = await h.signIn('U0DPO');
    const preview = await (await h.get('/deadlines/purge', cookie)).text();
    const newcomer = await prospect('late@corp.fr', 'Léa Tardive', '2023-09-01T08:00:00Z');
    const page = await (
      await h.post('/deadlines/purge', cookie, { ...form(preview), understood: 'yes', _csrf: csrf })
    ).text();
    expect(page).toContain('La liste a changé');
    expect(page).toContain('Léa Tardive');
    expect(await h.store.contactById(oldId)).toBeDefined();
    expect(await h.store.contactById(newcomer)).toBeDefined();
  });

  it('notes a re-permission, audited, and refuses it to someone who neither owns the contact nor purges', async () => {
    const dpo = await h.signIn('U0DPO');
    const asked = await h.post('/deadlines/repermission', dpo.cookie, {
      _csrf: dpo.csrf,
      contact: soonId,
      kind: 'prospect',
    });
    expect(await asked.text()).toContain('Relance notée pour Sophie Bientôt');
    const trail = await h.store.auditTrail({ actor: 'slack:U0DPO' });
    expect(trail.map((e) => e.action)).toContain('retention.repermission');
    const other = await h.store.saveContact(
      {
        email: 'other@corp.fr',
        owner: 'U0OTHER',
        provenance: { source: 'form', collection: 'direct', collectedAt: '2023-12-12T09:00:00Z' },
      },
      NOW,
    );
    const sales = await h.signIn('U0SALES');
    const refused = await h.post('/deadlines/repermission', sales.cookie, {
      _csrf: sales.csrf,
      contact: other.contact.id,
      kind: 'prospect',
    });
    expect(refused.status).toBe(403);
  });
});

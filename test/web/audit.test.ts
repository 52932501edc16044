import { beforeEach, describe, expect, it } from 'vitest';
import { type ConsoleHarness, consoleHarness } from '../support/console.ts';

let h: ConsoleHarness;

/** A trail with every kind of actor, a refusal and a person as target, on two days. */
beforeEach(async () => {
  h = consoleHarness();
  const entry = (at: string, actor: string, action: string, extra: object = {}) =>
    h.store.audit({ at, actor, action, outcome: 'done', ...extra });
  await entry('2026-11-01T08:00:00Z', 'cli:alice', 'contact.import', { detail: '3 rows' });
  await entry('2026-11-20T09:00:00Z', 'slack:U0DPO', 'contact.view', {
    targetHash: h.store.hash({ kind: 'email', value: 'alice@corp.fr' }),
  });
  await entry('2026-11-21T09:00:00Z', 'api:lemlist', 'consent.record');
  await entry('2026-11-22T09:15:00Z', 'slack:U0SALES', 'register.export', {
    outcome: 'refused',
    detail: 'missing role see_contacts',
  });
  await entry('2026-11-22T23:30:00Z', 'scheduler', 'retention.purge');
});

const rows = (html: string) => [...html.matchAll(/<tr class="outcome-/g)].length;

describe('the audit page', () => {
  it('shows the DPO the trail in French: names, phrases, local times, outcomes, and that the chain is whole', async () => {
    const { cookie } = await h.signIn('U0DPO');
    const response = await h.get('/audit', cookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Le journal est intact : 5 entrées vérifiées');
    expect(html).toContain('Dana Pons');
    expect(html).toContain('alice (ligne de commande)');
    expect(html).toContain('lemlist (API)');
    expect(html).toContain('Tâche planifiée');
    expect(html).toContain('Fiche d’un contact consultée');
    expect(html).toContain('une personne');
    expect(html).toContain('refusé');
    // 23:30 UTC on the 22nd is 00:30 on the 23rd in Paris.
    expect(html).toContain('2026-11-23 00:30:00 +01:00');
    expect(html).not.toContain('alice@corp.fr');
    // Newest first.
    expect(html.indexOf('Tâche planifiée</td>')).toBeLessThan(html.indexOf('alice (ligne de commande)</td>'));
  });

  it('audits the read itself, with the filters it was asked', async () => {
    const { cookie } = await h.signIn('U0DPO');
    await h.get('/audit?action=contact&actor=cli%3Aalice', cookie);
    const reads = await h.store.auditTrail({ action: 'audit.read' });
    expect(reads.map((e) => [e.actor, e.outcome, e.detail])).toEqual([
      ['slack:U0DPO', 'done', 'actor cli:alice; action contact; page 1'],
    ]);
  });

  it('refuses a salesperson, shows none of the trail, and audits the refusal', async () => {
    const { cookie } = await h.signIn('U0SALES');
    const response = await h.get('/audit', cookie);
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain('answer data-subject requests');
    for (const seen of ['lemlist', 'alice', 'contact.import', 'Contacts imported', 'journal'])
      expect(html).not.toContain(seen);
    const refused = await h.store.auditTrail({ action: 'audit.read' });
    expect(refused.map((e) => [e.actor, e.outcome])).toEqual([['slack:U0SALES', 'refused']]);
  });

  it('filters by actor, by action prefix and by date', async () => {
    const { cookie } = await h.signIn('U0DPO');
    const byActor = await (await h.get('/audit?actor=api%3Alemlist', cookie)).text();
    expect(rows(byActor)).toBe(1);
    expect(byActor).toContain('Consentement enregistré');
    const byAction = await (await h.get('/audit?action=contact', cookie)).text();
    expect(rows(byAction)).toBe(2);
    expect(byAction).not.toContain('lemlist (API)</td>');
    const since = await (await h.get('/audit?since=2026-11-22&action=retention', cookie)).text();
    expect(rows(since)).toBe(1);
    const none = await (await h.get('/audit?since=2026-11-24&action=retention', cookie)).text();
    expect(none).toContain('Aucune entrée.');
  });

  it('tells a bad date at its field, on a 400 page', async () => {
    const { cookie } = await h.signIn('U0DPO');
    const response = await h.get('/audit?since=yesterday-ish', cookie);
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/at .*\.ts:\d+/);
  });

  it('says where the chain breaks when an entry was altered', async () => {
    const { cookie } = await h.signIn('U0DPO');
    const [, second] = await h.store.auditTrail();
    (second as { detail?: string }).detail = 'nothing to see';
    const html = await (await h.get('/audit', cookie)).text();
    expect(html).toContain('Le journal a été MODIFIÉ : l’entrée n° 2 (du 2026-11-20 10:00:00 +01:00)');
    expect(html).toContain('class="problem chain-broken"');
  });

  it('pages 100 entries at a time, newest first, and never sends the whole trail', async () => {
    for (let i = 0; i < 230; i++)
      await h.store.audit({
        at: new Date(Date.UTC(2026, 10, 22, 10, 0, i)).toISOString(),
        actor: 'cli:bob',
        action: 'event.record',
        outcome: 'done',
        detail: `n${i}`,
      });
    const { cookie } = await h.signIn('U0DPO');
    const first = await (await h.get('/audit?action=event', cookie)).text();
    expect(rows(first)).toBe(100);
    expect(first).toContain('>n229<');
    expect(first).not.toContain('>n129<');
    expect(first).toContain('Page 1 sur 3');
    expect(first).toContain('href="/audit?action=event&amp;page=2"');
    const third = await (await h.get('/audit?action=event&page=3', cookie)).text();
    expect(rows(third)).toBe(30);
    expect(third).toContain('>n0<');
    expect(third).not.toContain('Page suivante');
  });
});

describe('the audit export', () => {
  it('downloads the filtered entries as CSV, oldest first, and audits the export', async () => {
    const { cookie, csrf } = await h.signIn('U0DPO');
    const response = await h.post('/audit/export', cookie, { _csrf: csrf, action: 'contact', actor: '' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="audit-2026-11-23.csv"');
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Date;Qui;Action;Issue;À propos de;Précisions;Identifiant de l’auteur;Code de l’action',
    );
    expect(lines.slice(1)).toEqual([
      '2026-11-01 09:00:00 +01:00;alice (ligne de commande);Import de contacts;fait;;3 rows;cli:alice;contact.import',
      '2026-11-20 10:00:00 +01:00;Dana Pons;Fiche d’un contact consultée;fait;une personne;;slack:U0DPO;contact.view',
    ]);
    const reads = await h.store.auditTrail({ action: 'audit.read' });
    expect(reads.map((e) => e.detail)).toEqual(['action contact; export csv']);
  });

  it('refuses an export without its CSRF token, and reads nothing', async () => {
    const { cookie } = await h.signIn('U0DPO');
    const forged = await h.post('/audit/export', cookie, { action: 'contact' });
    expect(forged.status).toBe(403);
    const html = await forged.text();
    expect(html).toContain('formulaire a expiré');
    expect(html).not.toContain('alice');
    expect(await h.store.auditTrail({ action: 'audit.read' })).toEqual([]);
  });

  it('refuses the export to a salesperson', async () => {
    const { cookie, csrf } = await h.signIn('U0SALES');
    const response = await h.post('/audit/export', cookie, { _csrf: csrf });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('lemlist');
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { type ConsoleHarness, consoleHarness, NOW } from '../support/console.ts';

let h: ConsoleHarness;

beforeEach(async () => {
  h = consoleHarness();
  await h.store.saveContact(
    {
      email: 'alice@corp.fr',
      name: 'Alice Martin',
      owner: 'U0SALES',
      provenance: { source: 'form', collection: 'direct', collectedAt: '2026-10-01T08:00:00Z' },
    },
    NOW,
  );
});

const alice = { kind: 'email', value: 'alice@corp.fr' } as const;

describe('the console’s data-subject requests', () => {
  it('gives the DPO the access report as a download named without the person, audited', async () => {
    const { cookie, csrf } = await h.signIn('U0DPO');
    const response = await h.post('/requests/export', cookie, {
      _csrf: csrf,
      person: 'Alice@Corp.fr',
      format: 'json',
      lang: 'fr',
    });
    expect(response.status).toBe(200);
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="acces-donnees-2026-11-23\.json"$/);
    const report = JSON.parse(await response.text());
    expect(report.contact.name).toBe('Alice Martin');
    const trail = await h.store.auditTrail({ actor: 'slack:U0DPO' });
    expect(trail.filter((e) => e.action === 'privacy.export').map((e) => e.detail)).toEqual(['format json']);
  });

  it('erases only once the person is shown and the erasure confirmed, then blocks her for good', async () => {
    const { cookie, csrf } = await h.signIn('U0DPO');
    const confirm = await (
      await h.post('/requests/erase', cookie, { _csrf: csrf, person: 'alice@corp.fr' })
    ).text();
    expect(confirm).toContain('Alice Martin (alice@corp.fr)');
    expect(await h.store.findContact(alice)).toBeDefined();
    const forged = await h.post('/requests/erase/confirm', cookie, {
      person: 'alice@corp.fr',
      understood: 'yes',
    });
    expect(forged.status).toBe(403);
    const unticked = await h.post('/requests/erase/confirm', cookie, {
      _csrf: csrf,
      person: 'alice@corp.fr',
    });
    expect(await unticked.text()).toContain('Effacer définitivement');
    expect(await h.store.findContact(alice)).toBeDefined();
    const done = await (
      await h.post('/requests/erase/confirm', cookie, {
        _csrf: csrf,
        person: 'alice@corp.fr',
        understood: 'yes',
      })
    ).text();
    expect(done).toContain('effacé : 1 contact');
    expect(await h.store.findContact(alice)).toBeUndefined();
    const kept = await h.store.recordsAbout([h.store.hash(alice)]);
    expect(kept.suppressions.map((s) => s.scope)).toEqual(['all']);
  });

  it('shows a salesperson without the role none of it, audits the refusal, and tells bad input plainly', async () => {
    const { cookie, csrf } = await h.signIn('U0SALES');
    for (const path of ['/requests/export', '/requests/erase', '/requests/erase/confirm']) {
      const response = await h.post(path, cookie, {
        _csrf: csrf,
        person: 'alice@corp.fr',
        understood: 'yes',
      });
      expect(response.status).toBe(403);
      expect(await response.text()).not.toMatch(/Alice|alice@/);
    }
    expect(await h.store.findContact(alice)).toBeDefined();
    const trail = await h.store.auditTrail({ actor: 'slack:U0SALES' });
    expect(trail.filter((e) => e.outcome === 'refused')).toHaveLength(3);
    const dpo = await h.signIn('U0DPO');
    const bad = await h.post('/requests/erase', dpo.cookie, { _csrf: dpo.csrf, person: 'pas un numéro' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toMatch(/at .*\.ts|Error:/);
  });
});

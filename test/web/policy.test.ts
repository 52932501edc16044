import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { type ConsoleHarness, consoleHarness, NOW, ROOT } from '../support/console.ts';

let h: ConsoleHarness;
const SHIPPED = readFileSync(join(ROOT, 'policy.yaml'), 'utf8');
/** The shipped policy, where calling a private person needs their prior consent only from next year. */
const LATER = SHIPPED.replace(/(- id: phone-b2c-prior-consent\n[\s\S]*?from: )2026-08-11/, '$12027-01-01');

beforeEach(async () => {
  h = consoleHarness();
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
  );
});

/** A multipart upload, as the browser sends the form. */
function upload(cookie: string, text: string, fields: Record<string, string>, name = 'policy-next.yaml') {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  form.set('file', new Blob([text], { type: 'application/yaml' }), name);
  return h.app().request('/policy/diff', { method: 'POST', headers: { cookie }, body: form });
}

describe('the policy page', () => {
  it('shows the rules in force to anyone signed in, in their language, with legal basis and dates', async () => {
    const { cookie } = await h.signIn('U0DPO');
    const response = await h.get('/policy', cookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`révision ${h.ctx.policy.revision}`);
    expect(html).toContain('Droit d&#39;opposition');
    expect(html).toContain('RGPD 21(2)-(3)');
    expect(html).toContain('en vigueur');
    expect(html).toContain('enctype="multipart/form-data"');
    const sales = await (await h.get('/policy', (await h.signIn('U0SALES')).cookie)).text();
    expect(sales).toContain('Right to object');
  });

  it('shows what an uploaded file would change in the register, and reloads nothing', async () => {
    const { cookie, csrf } = await h.signIn('U0DPO');
    const running = h.ctx.policy.revision;
    const response = await upload(cookie, LATER, { _csrf: csrf });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('Ce que « policy-next.yaml » changerait');
    expect(html).toMatch(/Scénarios : \d+ joués, \d+ réponses changent\./);
    expect(html).toContain('Registre au lundi 23 novembre 2026 à 10:30 : 1 contact × ');
    expect(html).toContain('5 réponses, 1 change.');
    // Alice's mobile, masked, may be called on review once the consent rule waits for next year.
    expect(html).toMatch(
      /block → review : 1\n +règle phone-b2c-prior-consent : 1 \(ex\. \+336•••78 \(phone\)\)/,
    );
    expect(html).toContain(`la révision ${running} reste en vigueur`);
    expect(h.ctx.policy.revision).toBe(running);
    const [entry] = await h.store.auditTrail({ action: 'policy.diff' });
    expect(entry?.actor).toBe('slack:U0DPO');
    expect(entry?.detail).toContain('not reloaded');
  });

  it('tells a file that is not a valid policy on a 400 page, in the reader’s language, without a stack', async () => {
    const { cookie, csrf } = await h.signIn('U0DPO');
    const broken = SHIPPED.replace('time_zone: Europe/Paris', 'time_zone: Mars/Olympus');
    const response = await upload(cookie, broken, { _csrf: csrf }, 'mars.yaml');
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('« mars.yaml » ne peut pas servir de politique : 1 problème');
    expect(html).toMatch(/ligne \d+, colonne \d+ : .*unknown time zone/);
    expect(html).not.toMatch(/at .*\.ts:\d+/);
    const notYaml = await upload(cookie, 'rules: [unclosed', { _csrf: csrf });
    expect(notYaml.status).toBe(400);
  });

  it('refuses the comparison to a salesperson, and shows none of the register', async () => {
    const { cookie, csrf } = await h.signIn('U0SALES');
    const response = await upload(cookie, LATER, { _csrf: csrf });
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain('“see contacts”');
    expect(html).not.toMatch(/al\*+|alice|\+336|block/);
    const [refused] = await h.store.auditTrail({ action: 'policy.diff' });
    expect(refused?.outcome).toBe('refused');
  });

  it('refuses an upload without its CSRF token, and compares nothing', async () => {
    const { cookie } = await h.signIn('U0DPO');
    const response = await upload(cookie, LATER, {});
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('formulaire a expiré');
    expect(await h.store.auditTrail({ action: 'policy.diff' })).toEqual([]);
  });

  it('refuses a file over 512 KB before reading it, and a form without a file', async () => {
    const { cookie, csrf } = await h.signIn('U0DPO');
    const huge = await upload(cookie, `${SHIPPED}\n#${'x'.repeat(600 * 1024)}`, { _csrf: csrf });
    expect(huge.status).toBe(413);
    expect(await h.store.auditTrail({ action: 'policy.diff' })).toEqual([]);
    const form = new FormData();
    form.set('_csrf', csrf);
    const empty = await h.app().request('/policy/diff', { method: 'POST', headers: { cookie }, body: form });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Choisissez un fichier');
  });
});

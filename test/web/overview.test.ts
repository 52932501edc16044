import { beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/domain/contacts.ts';
import { ask } from '../../src/services/ask.ts';
import { optOut } from '../../src/services/record.ts';
import type { ChartSpec } from '../../src/web/chart.tsx';
import { type ConsoleHarness, consoleHarness } from '../support/console.ts';

let h: ConsoleHarness;
/** 23:30 in Paris on Sunday 22 November: the week of 16 November, not the next one. */
const SUNDAY_NIGHT = new Date('2026-11-22T23:30:00+01:00');
const MONDAY = new Date('2026-11-23T09:00:00+01:00');
/** 00:30 in Paris on Monday 23 November, still Sunday in UTC: this week. */
const MONDAY_AFTER_MIDNIGHT = new Date('2026-11-23T00:30:00+01:00');
const WEDNESDAY_BEFORE = new Date('2026-11-18T15:00:00+01:00');

const at = (when: Date) => ({ ...h.ctx, clock: () => when });
async function asked(when: Date, askedBy: string, channel: Channel, target: string) {
  return (await ask(at(when), { channel, target, askedBy })).decision;
}

/** The charts a page sends (their data attribute, HTML-escaped), by canvas id. */
function charts(page: string): Record<string, ChartSpec> {
  const decoded = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  return Object.fromEntries(
    [...page.matchAll(/id="chart-(\w+)" data-chart="([^"]*)"/g)].map((m) => [
      m[1],
      JSON.parse(decoded(m[2] ?? '')),
    ]),
  );
}
const set = (spec: ChartSpec | undefined, label: string) =>
  spec?.datasets.find((d) => d.label === label)?.data;

beforeEach(() => {
  h = consoleHarness();
});

describe('the console’s overview', () => {
  it('shows the DPO the questions and objections of the last 12 local weeks, counted as the services logged them', async () => {
    const late = await asked(SUNDAY_NIGHT, 'slack:U0SALES', 'email', 'jean.martin@gmail.com');
    const early = await asked(MONDAY, 'slack:U0SALES', 'email', 'paul.durand@gmail.com');
    const call = await asked(MONDAY, 'api:crm', 'phone', '+33612345678');
    const first = await asked(MONDAY_AFTER_MIDNIGHT, 'slack:U0DPO', 'email', 'lea.petit@gmail.com');
    expect(late.verdict).not.toBe('allow');
    await optOut(at(WEDNESDAY_BEFORE), { email: 'ana@corp.fr', origin: 'slack:U0DPO' });
    await optOut(at(MONDAY), { phone: '+33698765432', channel: 'phone', origin: 'cli:dpo' });

    const { cookie } = await h.signIn('U0DPO');
    const response = await h.get('/overview', cookie);
    expect(response.status).toBe(200);
    const page = await response.text();
    const drawn = charts(page);
    expect(Object.keys(drawn).sort()).toEqual(['channels', 'objections', 'rules', 'teams', 'verdicts']);
    const labels = drawn.verdicts?.labels ?? [];
    expect(labels).toHaveLength(12);
    expect(labels.slice(-2)).toEqual(['semaine du 16 nov.', 'semaine du 23 nov.']);
    // Sunday 23:30 in Paris counts in its own week; the two questions of Monday in this one.
    const labelOf = { allow: '✅ Autorisé', review: '⚠️ À vérifier', block: '⛔ Bloqué' } as const;
    for (const verdict of ['allow', 'review', 'block'] as const) {
      const n = (...made: Array<{ verdict: string }>) => made.filter((d) => d.verdict === verdict).length;
      expect(set(drawn.verdicts, labelOf[verdict])?.slice(-2)).toEqual([n(late), n(early, call, first)]);
    }
    expect(set(drawn.channels, 'e-mail')?.slice(-2)).toEqual([1, 2]);
    expect(set(drawn.channels, 'appel')?.slice(-2)).toEqual([0, 1]);
    expect(set(drawn.objections, 'Oppositions')?.slice(-3)).toEqual([0, 1, 1]);
    expect(set(drawn.teams, 'Commerciaux')?.slice(-2)).toEqual([1, 1]);
    expect(set(drawn.teams, 'Clé d’API crm')?.slice(-2)).toEqual([0, 1]);
    expect(set(drawn.teams, 'Conformité')?.slice(-2)).toEqual([0, 1]);
    // The numbers are beside each chart, in a table; a rule is named by its policy title, in French.
    expect(page).toMatch(/<th>semaine du 16 nov\.<\/th>(<td>\d+<\/td>)+/);
    const rule = h.ctx.policy.doc.rules.find((r) => r.id === late.reasons[0]?.rule);
    expect(page).toContain(rule?.title.fr);
    // Askers by name, never by id, and no person anywhere.
    expect(page).toContain('Sam Vidal');
    expect(page).not.toMatch(/U0SALES|U0DPO|jean\.martin|paul\.durand|lea\.petit|ana@corp|\+336/);
    expect(page).toContain('href="/overview"');
    expect(page).toContain('heure de Europe/Paris');
    const trail = await h.store.auditTrail({ actor: 'slack:U0DPO' });
    expect(trail.filter((e) => e.action === 'overview.view' && e.outcome === 'done')).toHaveLength(1);
    expect(h.logs.join('\n')).not.toMatch(/jean|paul|ana@|\+336/);
  });

  it('says so when nothing was asked, with every chart empty', async () => {
    const { cookie } = await h.signIn('U0DPO');
    const page = await (await h.get('/overview', cookie)).text();
    expect(page).toContain('Aucune question posée sur ces semaines.');
    expect(set(charts(page).objections, 'Oppositions')).toEqual(Array(12).fill(0));
  });

  it('shows a salesperson without the role neither the page nor any number, and audits the refusal', async () => {
    await asked(MONDAY, 'slack:U0SALES', 'email', 'jean.martin@gmail.com');
    const { cookie } = await h.signIn('U0SALES');
    const response = await h.get('/overview', cookie);
    expect(response.status).toBe(403);
    const page = await response.text();
    expect(page).not.toContain('data-chart');
    expect(page).not.toMatch(/Sales|Questions by team|<td>\d/);
    const trail = await h.store.auditTrail({ actor: 'slack:U0SALES' });
    expect(trail.filter((e) => e.action === 'overview.view').map((e) => e.outcome)).toEqual(['refused']);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign.ts';
import { settled, watchApprovedCampaigns } from '../../src/services/approvedWatch.ts';
import { erasePerson } from '../../src/services/privacy.ts';
import { renderBlocks } from '../../src/slack/emulator/screen.ts';
import { withEveryRole } from '../support/actors.ts';
import { tempDir } from '../support/dirs.ts';
import { workbook } from '../support/sheetFiles.ts';
import { financeProfessional } from '../support/subjects.ts';
import { GOOD_TEMPLATE, submitCampaignCheck } from './campaignKit.ts';
import { pipedStart, startTestSlack, type TestSlack } from './harness.ts';

/**
 * /campaign-check with an Excel workbook uploaded, as sales teams keep their lists: checked like the CSV of
 * test/slack/campaign.test.ts, its files given back as workbooks, its kept copy emptied of a person erased.
 * The real Bolt receiver, with signed requests, against the fake Slack.
 */

let slack: TestSlack;
beforeEach(async () => {
  slack = await startTestSlack();
  for (const email of ['a@acme.fr', 'c@acme.fr'])
    await slack.ctx.store.saveContact(financeProfessional(email), new Date('2026-01-05T00:00:00Z'));
});
afterEach(async () => slack.stop());

/** The list in its first sheet, numbers as numbers; a second sheet nobody checks. */
const BOOK = () =>
  workbook([
    {
      name: 'Liste',
      rows: [
        ['Nom', 'E-mail', 'Mobile'],
        ['A', 'a@acme.fr', 612345678],
        ['B', 'b@gmail.com', null],
        ['C', 'c@acme.fr', 698765432],
        ['D', 'pas-une-adresse', null],
        ['A bis', 'A@ACME.FR', null],
      ],
    },
    { name: 'Notes', rows: [['c@acme.fr', 'rappeler en janvier']] },
  ]);

const _select = (value: string) => ({
  value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
});
const _textValue = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
const _at = (iso: string) => ({
  value: { type: 'datetimepicker', selected_date_time: Date.parse(iso) / 1000 },
});

async function checked(): Promise<{ campaign: Campaign; report: string }> {
  const file = slack.slack.addFile('Prospects rentrée.xlsx', await BOOK());
  const form = { file, template: GOOD_TEMPLATE, end: '2026-11-27T18:00:00+01:00' };
  const { submitted } = await submitCampaignCheck(slack, 'U0SALES', form);
  const report = submitted.calls.find((c) => c.method === 'chat.postMessage' && !c.args.thread_ts);
  const campaign = (await slack.store.campaigns()).at(-1) as Campaign;
  return { campaign, report: renderBlocks((report?.args.blocks ?? []) as never).lines.join('\n') };
}

const press = (user: string, action_id: string, c: Campaign) =>
  slack.user.press({ action_id, value: c.id, block_id: 'approval' }, { user });
const thread = (c: Campaign) => slack.slack.uploadsIn(c.slack?.ts ?? '');
const rows = async (c: Campaign, name: string) =>
  readSheet(thread(c).find((f) => f.name === `${c.id}-${name}`)?.bytes as Buffer);

describe('/campaign-check with an .xlsx list', () => {
  it('reads its first sheet like a CSV, and gives the details and the cleaned list back as workbooks', async () => {
    const { campaign, report } = await checked();
    expect(report).toContain('✅ 2 autorisés · ⚠️ 0 à vérifier · ⛔ 1 bloqué');
    expect(report).toContain('3 destinataires (5 lignes, 1 doublon compté une fois, 1 invalide)');
    expect(report).toContain('Lignes invalides : 5');
    expect(report).toContain('Classeur : feuille « Liste » (les numéros de ligne sont ceux de la feuille).');
    expect(report).toContain('b***@gmail.com (ligne 3)');
    expect(campaign.input?.sheet).toBe('Liste');
    expect(thread(campaign).map((f) => f.name)).toEqual([
      `${campaign.id}-details.xlsx`,
      `${campaign.id}-cleaned.xlsx`,
    ]);
    const details = await rows(campaign, 'details.xlsx');
    expect(details[0]).toEqual(['Nom', 'E-mail', 'Mobile', 'verdict', 'motif', 'règles', 'base légale']);
    expect(details[2]?.slice(0, 4)).toEqual(['B', 'b@gmail.com', null, 'bloqué']);
    expect(details[5]?.slice(0, 4)).toEqual(['A bis', 'A@ACME.FR', null, 'doublon']);
    expect(await rows(campaign, 'cleaned.xlsx')).toEqual([
      ['Nom', 'E-mail', 'Mobile'],
      ['A', 'a@acme.fr', '612345678'],
      ['C', 'c@acme.fr', '698765432'],
    ]);
  });

  it('empties a person erased after approval from the kept workbook, and gives the list to send as a workbook', async () => {
    const stop = watchApprovedCampaigns(slack.ctx, { gatherMs: 0 });
    try {
      const { campaign: c } = await checked();
      await press('U0SALES', 'campaign_request', c);
      await press('U0MANAGER', 'campaign_approve_cleaned', c);
      slack.ctx.clock = () => new Date('2026-11-24T08:15:00+01:00');
      await erasePerson(slack.ctx, { kind: 'email', value: 'c@acme.fr' }, withEveryRole('slack:U0DPO'));
      await settled(slack.ctx.store);
      const saved = (await slack.store.findCampaign(c.id)) as Campaign;
      expect(saved.recheck?.dropped).toEqual({ erased: 1 });
      expect(saved.kept?.erasedLines).toEqual([4]);
      // The kept copy is the checked sheet alone, her row empty, every other row on its line.
      const parts = slack.ctx.store.documents<{ data: string }>('campaign-lists');
      const copy = Buffer.concat(
        await Promise.all(
          Array.from({ length: saved.kept?.parts ?? 0 }, async (_, n) =>
            Buffer.from(((await parts.get(`${c.id}.${n}`)) as { data: string }).data, 'base64'),
          ),
        ),
      );
      expect(copy.toString('latin1')).not.toContain('c@acme.fr');
      expect(await readSheet(copy, 'Liste')).toEqual([
        ['Nom', 'E-mail', 'Mobile'],
        ['A', 'a@acme.fr', '612345678'],
        ['B', 'b@gmail.com', null],
        [null, null, null],
        ['D', 'pas-une-adresse', null],
        ['A bis', 'A@ACME.FR', null],
      ]);
      expect(await rows(saved, 'rechecked.xlsx')).toEqual([
        ['Nom', 'E-mail', 'Mobile'],
        ['A', 'a@acme.fr', '612345678'],
      ]);
    } finally {
      stop();
    }
  });
});

describe('the emulator behind npm start', () => {
  it('checks a local workbook and shows the workbooks it gives back as their rows', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'liste.xlsx'), await BOOK());
    const script = [
      '/campaign-check',
      'Relance', // name
      '', // email
      '1', // accounting software
      '2', // B2C
      '2026-11-24T09:00', // start
      '', // no end
      'Objet : Votre comptabilité\\nExemple SAS\\nSe désinscrire : {{unsubscribe}}',
      join(dir, 'liste.xlsx'),
      '', // nothing pasted
      ':open 1',
    ].join('\n');
    const { out } = await pipedStart(`${script}\n`);
    expect(out).toContain('Classeur : feuille « Liste »');
    expect(out).toMatch(
      /── cmp-[0-9a-f]+-details\.xlsx ──\nNom;E-mail;Mobile;verdict;motif;règles;base légale\nA;a@acme\.fr;612345678;à vérifier;/,
    );
  });
});

import type { Context } from 'hono';
import { t } from '../i18n.ts';
import {
  CAMPAIGN_FILES,
  type CampaignFile,
  campaignFileForViewer,
  campaignFiles,
  campaignForViewer,
  campaignsForViewer,
  recheckedFileForViewer,
  recheckForViewer,
} from '../services/campaignViews.ts';
import { type Seen, slackUsersOf } from './campaignReport.tsx';
import { CampaignList, CampaignView } from './campaigns.tsx';
import { type ConsoleApp, type Env, namesOf, tell } from './kit.tsx';

const TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const missing = (c: Context<Env>) =>
  tell(c, c.var.signed.page, t(c.var.signed.page.lang, 'web_not_found'), 404, {
    problem: true,
    title: '404',
  });

/** A list to send to, as a download (never shown in the page), named by the campaign's id and its kind. */
const attachment = (c: Context<Env>, file: CampaignFile) =>
  c.body(new Uint8Array(file.bytes), 200, {
    'Content-Type': TYPES[file.format],
    'Content-Disposition': `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`,
  });

/** What every campaign page reads its words and times with; the names of the Slack users it shows. */
async function seenBy(c: Context<Env>, users: string[]): Promise<Seen> {
  const { workspace, page } = c.var.signed;
  const { policy } = workspace.ctx;
  const names = await namesOf(workspace, users);
  return { page: { ...page, names }, policy, zone: policy.doc.policy.time_zone };
}

/**
 * Campaigns: the list, a campaign's report, its check before sending (POST, CSRF-checked by app.tsx) and its
 * lists to download. Who may see what is the service's (services/campaignViews.ts), which audits it too.
 */
export function campaignRoutes(app: ConsoleApp): void {
  app.get('/campaigns', async (c) => {
    const { workspace, actor } = c.var.signed;
    // Page numbers are bounded: 10,000 pages of 50 is more than any register holds.
    const at = Math.max(0, Math.min(Number.parseInt(c.req.query('page') ?? '', 10) || 0, 10_000));
    const result = await campaignsForViewer(workspace.ctx, actor, at);
    const seen = await seenBy(c, slackUsersOf(result.campaigns));
    return c.html(<CampaignList seen={seen} result={result} at={at} />);
  });
  app.get('/campaigns/:id', async (c) => {
    const { workspace, actor } = c.var.signed;
    const campaign = await campaignForViewer(workspace.ctx, actor, c.req.param('id'));
    const seen = await seenBy(c, slackUsersOf([campaign]));
    const rechecked = c.req.query('rechecked') === '1';
    return c.html(
      <CampaignView seen={seen} c={campaign} files={campaignFiles(campaign)} rechecked={rechecked} />,
    );
  });
  app.post('/campaigns/:id/recheck', async (c) => {
    const { workspace, actor } = c.var.signed;
    const done = await recheckForViewer(workspace.ctx, actor, c.req.param('id'));
    // After the POST, the page is read by GET: a reload does not check again.
    return c.redirect(`/campaigns/${encodeURIComponent(done.campaign.id)}?rechecked=1`, 303);
  });
  app.post('/campaigns/:id/files/rechecked', async (c) => {
    const { workspace, actor } = c.var.signed;
    return attachment(c, await recheckedFileForViewer(workspace.ctx, actor, c.req.param('id')));
  });
  app.get('/campaigns/:id/files/:kind', async (c) => {
    const { workspace, actor } = c.var.signed;
    // Only a fixed kind names a file: nothing from the URL ever reaches a path.
    const kind = CAMPAIGN_FILES.find((k) => k === c.req.param('kind'));
    if (!kind) return missing(c);
    return attachment(c, await campaignFileForViewer(workspace.ctx, actor, c.req.param('id'), kind));
  });
}

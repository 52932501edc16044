import { readFile } from 'node:fs/promises';
import { interested } from '../campaign/approval.ts';
import type { Campaign } from '../domain/campaign.ts';
import { InputError, RefusedError } from '../domain/errors.ts';
import { type Actor, campaignApprovers, holdsRole, isCompliance } from '../policy/access.ts';
import { listCampaigns } from './campaign.ts';
import { type OutputFile, threadFile, writeReviewedList } from './campaignFiles.ts';
import { findCampaign } from './campaignFind.ts';
import { keptList } from './campaignLists.ts';
import { type RecheckOutcome, recheckCampaign } from './campaignRecheck.ts';
import type { AppContext } from './context.ts';
import { audited } from './permissions.ts';
import { withScratchDir } from './scratch.ts';

/**
 * Campaigns as a console shows them, to whoever may see each one. In Slack a report is read where it was posted:
 * by whoever checked it (and asked for its approval) and by the approvers of that channel; the compliance roles
 * see the whole register, so every campaign too. Here the same people see the same campaigns, and a recheck or a
 * list to send to is given to those who may see the campaign, as the thread's button is.
 */

/** Whether the actor may see this campaign: a compliance role, its channel's approvers, who checked or asked. */
export async function maySeeCampaign(ctx: AppContext, actor: Actor, c: Campaign): Promise<boolean> {
  if (isCompliance(actor.roles) || interested(c).has(actor.id)) return true;
  return holdsRole(actor, 'approve_campaigns', campaignApprovers(ctx.policy, c.slack?.channel));
}

/** Goes on if the actor may see the campaign; else the refusal is audited and thrown (403, no data). */
async function requireViewer(ctx: AppContext, actor: Actor, c: Campaign, action: string): Promise<void> {
  if (await maySeeCampaign(ctx, actor, c)) return;
  await audited(ctx, actor, action, undefined, `${c.id} not a viewer`, 'refused');
  throw new RefusedError(action, 'see_contacts', ctx.policy.doc.roles.see_contacts);
}

export const CAMPAIGNS_PER_PAGE = 50;

export interface CampaignPage {
  campaigns: Campaign[];
  /** Whether a next page holds more. */
  more: boolean;
}

/** One page of the campaigns the actor may see, newest first; audited (how many, never which). */
export async function campaignsForViewer(ctx: AppContext, actor: Actor, at: number): Promise<CampaignPage> {
  const seen: Campaign[] = [];
  for (const c of await listCampaigns(ctx)) if (await maySeeCampaign(ctx, actor, c)) seen.push(c);
  const campaigns = seen.slice(at * CAMPAIGNS_PER_PAGE, (at + 1) * CAMPAIGNS_PER_PAGE);
  await audited(ctx, actor, 'campaign.list', undefined, `page ${at}: ${campaigns.length} shown`);
  return { campaigns, more: seen.length > (at + 1) * CAMPAIGNS_PER_PAGE };
}

/** One campaign's report, if the actor may see it; audited, the refusal too. */
export async function campaignForViewer(ctx: AppContext, actor: Actor, id: string): Promise<Campaign> {
  const c = await findCampaign(ctx, id);
  await requireViewer(ctx, actor, c, 'campaign.view');
  await audited(ctx, actor, 'campaign.view', undefined, c.id);
  return c;
}

/** The send-time recheck, for whoever may see the campaign; the recheck audits itself (campaignRecheck.ts). */
export async function recheckForViewer(ctx: AppContext, actor: Actor, id: string): Promise<RecheckOutcome> {
  const c = await findCampaign(ctx, id);
  await requireViewer(ctx, actor, c, 'campaign.recheck');
  return recheckCampaign(ctx, c.id, actor.id);
}

/** The lists a campaign offers for download: the cleaned list, and allowed + reviewed once a group was. */
export const CAMPAIGN_FILES = ['cleaned', 'reviewed'] as const;
export type CampaignFileKind = (typeof CAMPAIGN_FILES)[number];

/**
 * The lists that still hold: written again from the kept copy of the checked file, so only while it is kept,
 * and not once a recheck dropped someone (that recheck's list replaces them, as in the thread).
 */
export function campaignFiles(c: Campaign): CampaignFileKind[] {
  if (!c.kept || (c.recheck && c.recheck.allowed < c.recheck.approved)) return [];
  return (c.reviewed ?? []).length > 0 ? ['cleaned', 'reviewed'] : ['cleaned'];
}

export interface CampaignFile {
  name: string;
  format: OutputFile['format'];
  bytes: Buffer;
}

/**
 * A list to send to, for whoever may see the campaign, by fixed kind: written from the kept list (verified by
 * its hash) into a private folder, read back and removed; audited (which kind, never who is on it).
 */
export async function campaignFileForViewer(
  ctx: AppContext,
  actor: Actor,
  id: string,
  kind: string,
): Promise<CampaignFile> {
  const c = await findCampaign(ctx, id);
  await requireViewer(ctx, actor, c, 'campaign.download');
  const wanted = campaignFiles(c).find((k) => k === kind);
  if (!wanted) throw new InputError('campaign_list_not_kept', { value: c.id });
  const file = await withScratchDir(async (dir) => {
    const list = await keptList(ctx, c, dir);
    if (!list) throw new InputError('campaign_list_not_kept', { value: c.id });
    const out = threadFile(c, dir, wanted);
    // The cleaned list is the allowed rows only: the same writer, with no group counted as reviewed.
    await writeReviewedList(wanted === 'cleaned' ? { ...c, reviewed: [] } : c, list, out);
    return { name: `${c.id}-${wanted}.${out.format}`, format: out.format, bytes: await readFile(out.path) };
  });
  await audited(ctx, actor, 'campaign.download', undefined, `${c.id} ${wanted}`);
  return file;
}

/**
 * The check before sending, with its list to send to as the answer: the recipients still allowed now, written
 * by the recheck itself (which audits it and tells the thread), for whoever may see the campaign.
 */
export async function recheckedFileForViewer(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<CampaignFile> {
  const c = await findCampaign(ctx, id);
  await requireViewer(ctx, actor, c, 'campaign.recheck');
  const file = await withScratchDir(async (dir) => {
    const out = threadFile(c, dir, 'rechecked');
    await recheckCampaign(ctx, c.id, actor.id, { cleaned: out });
    return { name: `${c.id}-rechecked.${out.format}`, format: out.format, bytes: await readFile(out.path) };
  });
  await audited(ctx, actor, 'campaign.download', undefined, `${c.id} rechecked`);
  return file;
}

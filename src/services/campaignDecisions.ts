import {
  approve,
  interested,
  type Outcome,
  reject,
  requestApproval,
  reviewGroup,
} from '../campaign/approval.ts';
import type { Campaign } from '../domain/campaign.ts';
import { type Actor, campaignApprovers } from '../policy/access.ts';
import { findCampaign } from './campaign.ts';
import { discardList } from './campaignLists.ts';
import type { AppContext } from './context.ts';
import { audited, requireRole } from './permissions.ts';

/**
 * The approval of a checked campaign, whoever asks and from where: a request by anyone, a decision (approve,
 * reject, let a group in review through) by the approvers of the channel it was checked in only. Every refusal
 * is audited: a missing role, four eyes, a stale check.
 */

export type CampaignAction = 'request' | 'approve' | 'approve-cleaned' | 'approve-reviewed' | 'reject';

const APPROVAL = {
  approve: 'as-checked',
  'approve-cleaned': 'cleaned',
  'approve-reviewed': 'reviewed',
} as const;

/** Goes on if the actor approves campaigns of the channel this one was checked in; else refused and audited. */
async function requireApprover(ctx: AppContext, actor: Actor, c: Campaign, action: string): Promise<void> {
  const members = campaignApprovers(ctx.policy, c.slack?.channel);
  await requireRole(ctx, actor, 'approve_campaigns', action, undefined, { members, about: c.id });
}

/** One step of the approval, saved with its history and audited. */
export async function decideOnCampaign(
  ctx: AppContext,
  id: string,
  actor: Actor,
  action: CampaignAction,
  reason?: string,
): Promise<Outcome> {
  const campaign = await findCampaign(ctx, id);
  if (action !== 'request') await requireApprover(ctx, actor, campaign, `campaign.${action}`);
  const now = ctx.clock();
  const by = actor.id;
  const outcome =
    action === 'request'
      ? requestApproval(campaign, by, now, ctx.policy)
      : action === 'reject'
        ? reject(campaign, by, reason ?? '', now, ctx.policy)
        : approve(campaign, by, APPROVAL[action], now, ctx.policy);
  if (!outcome.ok) {
    // Every refused rejection is written down; of the other steps, the four-eyes refusal.
    if (action === 'reject')
      await audited(ctx, actor, 'campaign.reject', undefined, `${id} ${outcome.problem}`, 'refused');
    else if (outcome.problem === 'four-eyes')
      await audited(ctx, actor, `campaign.${action}`, undefined, `${id} four eyes`, 'refused');
    return outcome;
  }
  await ctx.store.saveCampaign(outcome.campaign);
  // Every step is written down, the request too: four eyes rest on who asked.
  const step = action === 'request' ? 'campaign.request' : `campaign.${outcome.campaign.status}`;
  await audited(ctx, actor, step, undefined, id);
  // A rejected campaign is never sent: its list goes.
  if (outcome.campaign.status === 'rejected')
    return { ok: true, campaign: await discardList(ctx, outcome.campaign) };
  return outcome;
}

/**
 * Before the rejection form opens: the campaign, if the actor may reject it (an approver of its channel, who
 * neither checked nor requested it: four eyes).
 */
export async function campaignToReject(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ ok: true; campaign: Campaign } | { ok: false; problem: 'four-eyes' }> {
  const campaign = await findCampaign(ctx, id);
  await requireApprover(ctx, actor, campaign, 'campaign.reject');
  return interested(campaign).has(actor.id) ? { ok: false, problem: 'four-eyes' } : { ok: true, campaign };
}

/** An approver lets through one group of recipients in review; audited, a refusal too. */
export async function reviewCampaignGroup(
  ctx: AppContext,
  id: string,
  rule: string,
  actor: Actor,
): Promise<Outcome> {
  const campaign = await findCampaign(ctx, id);
  await requireApprover(ctx, actor, campaign, 'campaign.review');
  const outcome = reviewGroup(campaign, rule.trim(), actor.id, ctx.clock(), ctx.policy);
  if (!outcome.ok) {
    await audited(ctx, actor, 'campaign.review', undefined, `${id} ${rule} ${outcome.problem}`, 'refused');
    return outcome;
  }
  await ctx.store.saveCampaign(outcome.campaign);
  await audited(ctx, actor, 'campaign.review', undefined, `${id} ${rule.trim()}`);
  return outcome;
}

import { supersede } from '../campaign/approval.ts';
import type { ListInput } from '../campaign/recipients.ts';
import { CAMPAIGN_STATUSES, type Campaign } from '../domain/campaign.ts';
import { InputError } from '../domain/errors.ts';
import { localDay } from '../domain/time.ts';
import { findCampaign } from './campaignFind.ts';
import { discardEndedLists, discardList, keepList } from './campaignLists.ts';
import type { CheckJob, Outputs } from './checkJob.ts';
import { runQueued } from './checkQueue.ts';
import type { AppContext } from './context.ts';
import * as parse from './parse.ts';
import { audited } from './permissions.ts';

export interface CampaignFields {
  name?: string;
  channel: string;
  product?: string;
  audience?: string;
  start?: string | Date;
  end?: string | Date;
  template?: string;
  checkedBy: string;
}

/** The longest message or call script a campaign check reads. */
const MAX_TEMPLATE = 20_000;

const when = (value: string | Date | undefined, ctx: AppContext, field: 'start' | 'end') =>
  value instanceof Date ? value : parse.optionalInstant(value, ctx.policy, field);

/** What a check gives back: the saved campaign and the older checks it replaced. */
export interface CheckOutcome {
  campaign: Campaign;
  superseded: Campaign[];
}

/**
 * When the campaign is to be sent: from `start` (now by default) until `end`, which must come after it. Read
 * once here for every shell (a form checks it before the list is read).
 */
export function plannedWindow(
  ctx: AppContext,
  startValue: string | Date | undefined,
  endValue: string | Date | undefined,
): { start: Date; end?: Date } {
  const start = when(startValue, ctx, 'start') ?? ctx.clock();
  const end = when(endValue, ctx, 'end');
  if (end && end <= start) throw new InputError('date_before', { field: 'end', other: 'start' });
  return { start, end };
}

/**
 * Reads the campaign's fields (CLI options or the Slack modal) and checks it against its recipient list, in
 * its turn and in a worker thread (checkQueue.ts), writing the files asked for (`outputs`: where and in which
 * format) as it goes; then saves it, audits it and supersedes an older check.
 */
export async function runCampaignCheck(
  ctx: AppContext,
  fields: CampaignFields,
  list: ListInput,
  options: {
    onProgress?: (done: number, total: number) => void;
    onQueued?: (position: number) => void;
    outputs?: Omit<Outputs, 'lang'>;
  } = {},
): Promise<CheckOutcome> {
  const channel = parse.channel(fields.channel);
  if (!fields.product) throw new InputError('required', { field: 'product' });
  // A template is a message or a call script, not a book: the policy's patterns run over it.
  if ((fields.template ?? '').length > MAX_TEMPLATE)
    throw new InputError('too_long', { field: 'template', limit: MAX_TEMPLATE });
  const product = parse.product(fields.product, ctx.policy) as string;
  const audience = fields.audience ? parse.audience(fields.audience) : 'b2b';
  const { start, end } = plannedWindow(ctx, fields.start, fields.end);
  const name = fields.name?.trim() || `${channel} ${product} ${localDay(start, ctx.policy.timeZone)}`;
  const job: CheckJob = {
    name,
    channel,
    product,
    audience,
    plannedStart: start,
    plannedEnd: end,
    template: fields.template ?? '',
    checkedBy: fields.checkedBy,
    list,
    maxRows: ctx.policy.doc.campaign.max_rows,
    now: ctx.clock(),
    // Files for people are written in the policy's language, like the report in the channel.
    outputs: { ...options.outputs, lang: ctx.policy.doc.policy.default_language },
  };
  const checked = await runQueued(ctx, job, options.onProgress, options.onQueued);
  // The list as checked is kept for a recheck at send time (services/campaignLists.ts), never in the record.
  const kept = await keepList(ctx, checked, list);
  const campaign = kept ? { ...checked, kept } : checked;
  await ctx.store.saveCampaign(campaign);
  await audited(
    ctx,
    fields.checkedBy,
    'campaign.check',
    undefined,
    `${campaign.id} ${campaign.counts.recipients} recipients`,
  );
  // A changed list, template or date is a new check: the older, undecided check of the same campaign goes.
  const superseded: Campaign[] = [];
  for (const older of await ctx.store.campaigns()) {
    const replaced = supersede(older, campaign, ctx.clock(), ctx.policy);
    if (!replaced) continue;
    await ctx.store.saveCampaign(replaced);
    superseded.push(await discardList(ctx, replaced));
  }
  await discardEndedLists(ctx);
  return { campaign, superseded };
}

/** Where Slack keeps the checked file, so the "allowed + reviewed" list can be written from it later. */
export async function attachInputFile(ctx: AppContext, campaign: Campaign, slackFile: string) {
  if (!campaign.input) return campaign;
  const saved = await findCampaign(ctx, campaign.id);
  const next = { ...saved, input: { ...campaign.input, slackFile } };
  await ctx.store.saveCampaign(next);
  return next;
}

/**
 * The lists of recipients to send to that the thread offers now (Slack file ids): the cleaned list, allowed +
 * reviewed, a recheck's. `add` joins them; `replace` stands for all of them (a recheck withdrew the others).
 */
export async function offerLists(
  ctx: AppContext,
  id: string,
  files: { add?: string[]; replace?: string[] },
): Promise<Campaign> {
  const saved = await findCampaign(ctx, id);
  if (!saved.slack) return saved;
  const lists = files.replace ?? [...(saved.slack.lists ?? []), ...(files.add ?? [])];
  const next = { ...saved, slack: { ...saved.slack, lists } };
  await ctx.store.saveCampaign(next);
  return next;
}

export { findCampaign };

/** The checked campaigns, newest first; only those of one status when asked. */
export async function listCampaigns(ctx: AppContext, status?: string): Promise<Campaign[]> {
  const wanted = status === undefined ? undefined : parse.oneOf(status, CAMPAIGN_STATUSES, 'status');
  const all = await ctx.store.campaigns();
  return all
    .filter((c) => wanted === undefined || c.status === wanted)
    .sort((a, b) => b.checkedAt.localeCompare(a.checkedAt));
}

/** Records where the report was posted, so later steps update it. */
export async function attachSlackMessage(ctx: AppContext, campaign: Campaign, channel: string, ts: string) {
  const saved = { ...(await findCampaign(ctx, campaign.id)), slack: { channel, ts } };
  await ctx.store.saveCampaign(saved);
  return saved;
}

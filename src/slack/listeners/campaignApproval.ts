import type { App } from '@slack/bolt';
import type { Outcome } from '../../campaign/approval.ts';
import { reviewedLines } from '../../campaign/approval.ts';
import { type Lang, t } from '../../i18n.ts';
import { type CampaignAction, campaignToReject, decideOnCampaign } from '../../services/campaignDecisions.ts';
import { ACTION, PAYLOAD, readPayload, VIEW } from '../blocks/actionIds.ts';
import { approvalRequestBlocks, rejectModal } from '../blocks/campaign.ts';
import { doneModal, fieldValue } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { campaignThread } from './campaignThread.ts';
import {
  type ButtonArgs,
  onButton,
  onView,
  problemText,
  type SlackDeps,
  slackActor,
  slackErrorText,
  tellPresser,
  type ViewArgs,
} from './kit.ts';

export const PROBLEM_KEY = {
  'four-eyes': 'campaign_problem_four_eyes',
  expired: 'campaign_problem_expired',
  'policy-changed': 'campaign_problem_policy_changed',
  'blocking-findings': 'campaign_problem_blocking_findings',
  'template-findings': 'campaign_problem_template_findings',
  'nothing-allowed': 'campaign_problem_nothing_allowed',
  'already-decided': 'campaign_problem_already_decided',
  'not-requested': 'campaign_problem_not_requested',
  superseded: 'campaign_problem_superseded',
  'not-in-review': 'campaign_problem_not_in_review',
  'already-reviewed': 'campaign_problem_already_reviewed',
  'nothing-reviewed': 'campaign_problem_nothing_reviewed',
} as const;

/**
 * Approval in the report's thread: request, approve (as checked or the cleaned list), reject with a reason. What
 * goes in the thread is read by the whole channel: in the channel's language, like the report.
 */
export function register(app: App): void {
  onButton(app, ACTION.requestApproval, requestApproval);
  onButton(app, ACTION.approve, decided('approve'));
  onButton(app, ACTION.approveCleaned, decided('approve-cleaned'));
  onButton(app, ACTION.approveReviewed, decided('approve-reviewed'));
  onButton(app, ACTION.reject, openRejection);
  onView(app, VIEW.reject, rejected);
}

/** One approval step; refusals (role, four eyes, stale check) are told to the person and audited. */
async function step(
  args: ButtonArgs,
  action: CampaignAction,
  lang: Lang,
  deps: SlackDeps,
): Promise<Outcome | undefined> {
  const presser = await slackActor(deps, args.body.user.id);
  const outcome = await decideOnCampaign(deps.ctx, args.action.value ?? '', presser, action);
  if (!outcome.ok) await tellPresser(args, t(lang, PROBLEM_KEY[outcome.problem]));
  return outcome;
}

async function requestApproval(args: ButtonArgs, lang: Lang, deps: SlackDeps): Promise<void> {
  const outcome = await step(args, 'request', lang, deps);
  if (!outcome?.ok) return;
  const { approversOf, channelLang, redraw, threadReply } = campaignThread(deps);
  const c = outcome.campaign;
  const request = approvalRequestBlocks(c, channelLang(), approversOf(c), args.body.user.id, deps.ctx.policy);
  await threadReply(args.client, c, request.text, request.blocks);
  await redraw(args.client, c);
}

const decided =
  (action: 'approve' | 'approve-cleaned' | 'approve-reviewed') =>
  async (args: ButtonArgs, lang: Lang, deps: SlackDeps) => {
    const outcome = await step(args, action, lang, deps);
    if (!outcome?.ok) return;
    const { channelLang, redraw, threadReply } = campaignThread(deps);
    const c = outcome.campaign;
    const reviewed = reviewedLines(c).size;
    const words = { who: `<@${args.body.user.id}>`, revision: c.policyRevision, reviewed };
    const text =
      action === 'approve'
        ? t(channelLang(), 'campaign_approved', { ...words, count: c.counts.recipients })
        : action === 'approve-cleaned'
          ? t(channelLang(), 'campaign_approved_cleaned', { ...words, count: c.counts.allow })
          : t(channelLang(), 'campaign_approved_reviewed', { ...words, count: c.counts.allow + reviewed });
    await threadReply(args.client, c, text);
    await redraw(args.client, c);
  };

async function openRejection(args: ButtonArgs, lang: Lang, deps: SlackDeps): Promise<void> {
  const presser = await slackActor(deps, args.body.user.id);
  const form = await campaignToReject(deps.ctx, presser, args.action.value ?? '');
  if (!form.ok) return void (await tellPresser(args, t(lang, PROBLEM_KEY[form.problem])));
  try {
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: rejectModal(lang, { id: form.campaign.id }),
    });
  } catch (error) {
    await tellPresser(args, slackErrorText(error, lang));
  }
}

async function rejected({ ack, body, view, client }: ViewArgs, lang: Lang, deps: SlackDeps): Promise<void> {
  const userId = body.user.id;
  const reason = fieldValue(view.state.values, 'reason') ?? '';
  // A damaged or forged metadata reads as no id: an unknown campaign, told below.
  const id = readPayload(view.private_metadata, PAYLOAD.campaign)?.id ?? '';
  let outcome: Outcome;
  try {
    // Checked again on submission by the service: a modal can be forged without pressing Reject.
    outcome = await decideOnCampaign(deps.ctx, id, await slackActor(deps, userId), 'reject', reason);
  } catch (error) {
    return void (await ack({
      response_action: 'errors',
      errors: { reason: problemText(error, lang, '', deps) },
    }));
  }
  if (!outcome.ok) {
    // The service wrote the refusal down, the four-eyes one through this modal included.
    return void (await ack({
      response_action: 'errors',
      errors: { reason: t(lang, PROBLEM_KEY[outcome.problem]) },
    }));
  }
  const { channelLang, redraw, threadReply } = campaignThread(deps);
  const rejected = (l: Lang) =>
    t(l, 'campaign_rejected', { who: `<@${userId}>`, reason: escapeMrkdwn(reason) });
  await ack({ response_action: 'update', view: doneModal(lang, rejected(lang)) });
  await threadReply(client, outcome.campaign, rejected(channelLang())).catch((error) =>
    deps.logger.warn(`thread reply failed: ${error.message}`),
  );
  await redraw(client, outcome.campaign);
}

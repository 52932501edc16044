import type { App, BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import type { Outcome } from '../../campaign/approval.ts';
import { interested } from '../../campaign/approval.ts';
import { parsePastedRecipients, parseRecipientFile, type RecipientList } from '../../campaign/recipients.ts';
import type { Campaign, CampaignEventKind } from '../../domain/campaign.ts';
import type { Channel } from '../../domain/contacts.ts';
import { InputError } from '../../domain/errors.ts';
import { type Lang, t } from '../../i18n.ts';
import {
  attachSlackMessage,
  type CampaignAction,
  cleanedCsv,
  decideOnCampaign,
  detailsCsv,
  findCampaign,
  runCampaignCheck,
} from '../../services/campaign.ts';
import { ACTION, VIEW } from '../blocks/actionIds.ts';
import { approvalRequestBlocks, campaignModal, rejectModal, reportBlocks } from '../blocks/campaign.ts';
import { section } from '../blocks/kit.ts';
import { doneModal, fieldValue } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import { actor, audit, checkRole, problemText, type SlackDeps, slackErrorText } from './deps.ts';

const MAX_FILE_BYTES = 50 * 1024 * 1024;

type Client = App['client'];
type UploadedFile = { id?: string; name?: string; url_private_download?: string };

/** Downloads a shared file with the bot token (without it Slack answers a login page, not the file). */
async function download(
  client: Client,
  token: string,
  file: UploadedFile,
): Promise<{ name: string; bytes: Buffer }> {
  let url = file.url_private_download;
  let name = file.name ?? 'recipients.csv';
  if (!url && file.id) {
    const info = await client.files.info({ file: file.id });
    url = info.file?.url_private_download;
    name = info.file?.name ?? name;
  }
  if (!url) throw new InputError('the file has no download link');
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new InputError(`download refused (HTTP ${response.status})`);
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    throw new InputError('Slack sent a web page instead of the file (missing files:read scope?)');
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_FILE_BYTES)
    throw new InputError(`the file is over ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  return { name, bytes };
}

const PROBLEM_KEY = {
  'four-eyes': 'campaign_problem_four_eyes',
  expired: 'campaign_problem_expired',
  'policy-changed': 'campaign_problem_policy_changed',
  'blocking-findings': 'campaign_problem_blocking_findings',
  'template-findings': 'campaign_problem_template_findings',
  'nothing-allowed': 'campaign_problem_nothing_allowed',
  'already-decided': 'campaign_problem_already_decided',
  'not-requested': 'campaign_problem_not_requested',
} as const;

export function registerCampaigns(app: App, deps: SlackDeps): void {
  const { ctx } = deps;

  /** The approvers the policy names for the channel the campaign was checked in, else the approve role. */
  const approversOf = (c: Campaign) =>
    (c.slack && ctx.policy.doc.campaign.approvers_by_channel[c.slack.channel]) ||
    deps.people.members('approve_campaigns');

  /** The report is read by the whole channel: always in the policy's language, whoever acted. */
  const channelLang = () => deps.people.defaultLang;

  /** Redraws the report in the channel with the campaign's new status. Best effort: the store has the truth. */
  async function redraw(client: Client, c: Campaign) {
    if (!c.slack) return;
    try {
      await client.chat.update({
        channel: c.slack.channel,
        ts: c.slack.ts,
        ...reportBlocks(c, ctx.policy, channelLang()),
      });
    } catch (error) {
      deps.logger.warn(`chat.update of campaign ${c.id} failed: ${(error as Error).message}`);
    }
  }

  async function threadReply(client: Client, c: Campaign, text: string, blocks = [section(text)]) {
    if (!c.slack) return undefined;
    return client.chat.postMessage({ channel: c.slack.channel, thread_ts: c.slack.ts, text, blocks });
  }

  app.command('/campaign-check', async ({ command, ack, client, respond }) => {
    await ack();
    const lang = await deps.people.lang(command.user_id);
    const view = campaignModal(
      ctx.policy,
      lang,
      { conversation: command.channel_id },
      new Date(ctx.clock().getTime() + 3600_000),
    );
    try {
      await client.views.open({ trigger_id: command.trigger_id, view });
    } catch (error) {
      await respond({ response_type: 'ephemeral', text: slackErrorText(error, lang) }).catch(() => undefined);
    }
  });

  app.view<ViewSubmitAction>(VIEW.campaign, async ({ ack, body, view, client, context }) => {
    const userId = body.user.id;
    const lang = await deps.people.lang(userId);
    const values = view.state.values;
    const files = (values.file?.value?.files ?? []) as UploadedFile[];
    const pasted = fieldValue(values, 'pasted');
    const start = fieldValue(values, 'start');
    const end = fieldValue(values, 'end');
    const errors: Record<string, string> = {};
    if (files.length === 0 && !pasted) errors.file = t(lang, 'error_no_recipients');
    if (start && end && end <= start) errors.end = t(lang, 'error_end_before_start');
    if (Object.keys(errors).length > 0) return void (await ack({ response_action: 'errors', errors }));
    // The modal closes on a "checking" note at once; a 100,000-row list takes longer than Slack's 3 seconds.
    await ack({ response_action: 'update', view: doneModal(lang, t(lang, 'campaign_checking')) });

    let conversation = userId;
    try {
      conversation =
        (JSON.parse(view.private_metadata || '{}') as { conversation?: string }).conversation ?? userId;
    } catch {
      // a damaged metadata only changes where the report goes: the user's DM with the app
    }
    const tell = (text: string) =>
      client.chat
        .postEphemeral({ channel: conversation, user: userId, text })
        .catch(() => client.chat.postMessage({ channel: userId, text }).catch(() => undefined));

    const channel = fieldValue(values, 'channel') ?? 'email';
    let list: RecipientList;
    try {
      if (files[0]) {
        const file = await download(client, context.botToken ?? '', files[0]);
        list = await parseRecipientFile(file.bytes, channel as Channel, file.name);
      } else list = parsePastedRecipients(pasted ?? '', channel as Channel);
    } catch (error) {
      await tell(
        t(lang, 'campaign_file_failed', {
          error: error instanceof InputError ? escapeMrkdwn(error.message) : slackErrorText(error, lang),
        }),
      );
      return;
    }
    let check: Awaited<ReturnType<typeof runCampaignCheck>>;
    try {
      check = await runCampaignCheck(
        ctx,
        {
          name: fieldValue(values, 'name'),
          channel,
          product: fieldValue(values, 'product'),
          audience: fieldValue(values, 'audience'),
          start,
          end,
          template: values.template?.value?.value ?? '',
          checkedBy: actor(userId),
        },
        list,
      );
    } catch (error) {
      await tell(problemText(error, lang, '', deps));
      return;
    }
    await audit(
      deps,
      userId,
      'campaign.check',
      undefined,
      `${check.campaign.id} ${check.campaign.counts.recipients} recipients`,
    );

    let posted: { ts?: string; channel?: string };
    try {
      posted = await client.chat.postMessage({
        channel: conversation,
        ...reportBlocks(check.campaign, ctx.policy, channelLang()),
      });
    } catch (error) {
      const reason = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
      deps.logger.warn(`campaign report not posted in its channel: ${reason}`);
      await client.chat
        .postMessage({
          channel: userId,
          text: t(lang, 'campaign_report_failed', { error: reason, id: check.campaign.id }),
        })
        .catch(() => undefined);
      return;
    }
    const campaign = await attachSlackMessage(
      ctx,
      check.campaign,
      posted.channel ?? conversation,
      posted.ts ?? '',
    );
    try {
      await client.filesUploadV2({
        channel_id: campaign.slack?.channel,
        thread_ts: campaign.slack?.ts,
        initial_comment: t(lang, 'campaign_files_comment'),
        file_uploads: [
          {
            file: Buffer.from(detailsCsv(check)),
            filename: `${campaign.id}-details.csv`,
            title: `${campaign.name} — details`,
          },
          {
            file: Buffer.from(cleanedCsv(check)),
            filename: `${campaign.id}-cleaned.csv`,
            title: `${campaign.name} — cleaned list`,
          },
        ],
      });
    } catch (error) {
      deps.logger.warn(`campaign files not uploaded: ${(error as Error).message}`);
      await threadReply(client, campaign, slackErrorText(error, lang)).catch(() => undefined);
    }
  });

  type ButtonArgs = Parameters<Parameters<typeof app.action<BlockAction<ButtonAction>>>[1]>[0];
  const say = (args: ButtonArgs, text: string) =>
    args.respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => undefined);

  /** One approval step; refusals (role, four eyes, stale check) are told to the person and audited. */
  async function step(args: ButtonArgs, action: CampaignAction, lang: Lang): Promise<Outcome | undefined> {
    const userId = args.body.user.id;
    const id = args.action.value ?? '';
    if (action !== 'request') {
      const c = await findCampaign(ctx, id);
      const refused = await checkRole(
        deps,
        userId,
        'approve_campaigns',
        `campaign.${action}`,
        lang,
        undefined,
        approversOf(c),
      );
      if (refused) return void (await say(args, refused));
    }
    const outcome = await decideOnCampaign(ctx, id, actor(userId), action);
    if (!outcome.ok) {
      if (outcome.problem === 'four-eyes') {
        await ctx.store.audit({
          at: ctx.clock().toISOString(),
          actor: actor(userId),
          action: `campaign.${action}`,
          outcome: 'refused',
          detail: `${id} four eyes`,
        });
      }
      await say(args, t(lang, PROBLEM_KEY[outcome.problem]));
    }
    return outcome;
  }

  const onCampaignButton = (actionId: string, work: (args: ButtonArgs, lang: Lang) => Promise<void>) =>
    app.action<BlockAction<ButtonAction>>(actionId, async (args) => {
      await args.ack();
      const lang = await deps.people.lang(args.body.user.id);
      try {
        await work(args, lang);
      } catch (error) {
        await say(args, problemText(error, lang, '', deps));
      }
    });

  onCampaignButton(ACTION.requestApproval, async (args, lang) => {
    const outcome = await step(args, 'request', lang);
    if (!outcome?.ok) return;
    const c = outcome.campaign;
    const request = approvalRequestBlocks(c, lang, approversOf(c), args.body.user.id);
    await threadReply(args.client, c, request.text, request.blocks);
    await redraw(args.client, c);
  });

  const decided = (event: CampaignEventKind) => async (args: ButtonArgs, lang: Lang) => {
    const outcome = await step(args, event === 'approved' ? 'approve' : 'approve-cleaned', lang);
    if (!outcome?.ok) return;
    const c = outcome.campaign;
    await audit(deps, args.body.user.id, `campaign.${event}`, undefined, c.id);
    const text = t(lang, event === 'approved' ? 'campaign_approved' : 'campaign_approved_cleaned', {
      who: `<@${args.body.user.id}>`,
      count: event === 'approved' ? c.counts.recipients : c.counts.allow,
      revision: c.policyRevision,
    });
    await threadReply(args.client, c, text);
    await redraw(args.client, c);
  };
  onCampaignButton(ACTION.approve, decided('approved'));
  onCampaignButton(ACTION.approveCleaned, decided('approved-cleaned'));

  onCampaignButton(ACTION.reject, async (args, lang) => {
    const userId = args.body.user.id;
    const c = await findCampaign(ctx, args.action.value ?? '');
    const refused = await checkRole(
      deps,
      userId,
      'approve_campaigns',
      'campaign.reject',
      lang,
      undefined,
      approversOf(c),
    );
    if (refused) return void (await say(args, refused));
    if (interested(c).has(actor(userId)))
      return void (await say(args, t(lang, 'campaign_problem_four_eyes')));
    try {
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: rejectModal(lang, { id: c.id }),
      });
    } catch (error) {
      await say(args, slackErrorText(error, lang));
    }
  });

  app.view<ViewSubmitAction>(VIEW.reject, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    const lang = await deps.people.lang(userId);
    const reason = fieldValue(view.state.values, 'reason') ?? '';
    let id = '';
    try {
      id = String((JSON.parse(view.private_metadata) as { id?: string }).id ?? '');
    } catch {
      // handled below as an unknown campaign
    }
    let outcome: Outcome;
    try {
      // Checked again on submission: a modal can be forged without pressing Reject.
      const refused = await checkRole(
        deps,
        userId,
        'approve_campaigns',
        'campaign.reject',
        lang,
        undefined,
        approversOf(await findCampaign(ctx, id)),
      );
      if (refused) return void (await ack({ response_action: 'errors', errors: { reason: refused } }));
      outcome = await decideOnCampaign(ctx, id, actor(userId), 'reject', reason);
    } catch (error) {
      return void (await ack({
        response_action: 'errors',
        errors: { reason: problemText(error, lang, '', deps) },
      }));
    }
    if (!outcome.ok)
      return void (await ack({
        response_action: 'errors',
        errors: { reason: t(lang, PROBLEM_KEY[outcome.problem]) },
      }));
    const text = t(lang, 'campaign_rejected', { who: `<@${userId}>`, reason: escapeMrkdwn(reason) });
    await ack({ response_action: 'update', view: doneModal(lang, text) });
    await audit(deps, userId, 'campaign.rejected', undefined, outcome.campaign.id);
    await threadReply(client, outcome.campaign, text).catch((error) =>
      deps.logger.warn(`thread reply failed: ${error.message}`),
    );
    await redraw(client, outcome.campaign);
  });
}

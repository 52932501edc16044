import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { App } from '@slack/bolt';
import { reviewedLines } from '../../campaign/approval.ts';
import type { ListInput } from '../../campaign/recipients.ts';
import type { Campaign } from '../../domain/campaign.ts';
import { t } from '../../i18n.ts';
import { offerLists } from '../../services/campaign.ts';
import { reviewCampaignGroup } from '../../services/campaignDecisions.ts';
import { threadFile, writeReviewedList } from '../../services/campaignFiles.ts';
import { withScratchDir } from '../../services/scratch.ts';
import { ACTION, PAYLOAD, readPayload } from '../blocks/actionIds.ts';
import { decisionBlocks } from '../blocks/campaign.ts';
import { section } from '../blocks/kit.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { PROBLEM_KEY } from './campaignApproval.ts';
import { campaignThread, download, uploadedId } from './campaignThread.ts';
import { type ButtonArgs, onButton, type SlackDeps, slackActor, slackErrorText, tellPresser } from './kit.ts';

/**
 * The third list: in the report's thread, an approver who looked at a group of recipients in review lets it
 * through (recorded: who, which group, when); the bot then shares the "allowed + reviewed" list, written from
 * the checked file, and what may now be approved.
 */
export function register(app: App): void {
  /** The allowed + reviewed rows of the checked file, shared in the thread (the file is read again from Slack). */
  async function shareList(deps: SlackDeps, args: ButtonArgs, c: Campaign): Promise<void> {
    const { channelLang, threadReply } = campaignThread(deps);
    const lang = channelLang();
    try {
      // Read again from Slack into a private folder, as a stream: a large list never sits whole in memory.
      await withScratchDir(async (dir) => {
        const token = args.context.botToken ?? '';
        const file = await download(args.client, token, { id: c.input?.slackFile }, join(dir, 'list'));
        const list: ListInput = c.input?.pasted
          ? { kind: 'pasted', text: await readFile(file.path, 'utf8') }
          : { kind: 'file', path: file.path, fileName: file.name };
        const out = threadFile(c, dir, 'allowed-reviewed');
        await writeReviewedList(c, list, out);
        const title = `${c.name} — allowed + reviewed`;
        const uploaded = await args.client.filesUploadV2({
          channel_id: c.slack?.channel,
          thread_ts: c.slack?.ts,
          initial_comment: t(lang, 'campaign_reviewed_file_comment'),
          file_uploads: [{ file: out.path, filename: basename(out.path), title }],
        });
        const id = uploadedId(uploaded, title);
        if (id) await offerLists(deps.ctx, c.id, { add: [id] });
      });
    } catch (error) {
      deps.logger.warn(`allowed + reviewed list of ${c.id} not shared: ${(error as Error).message}`);
      const text = t(lang, 'campaign_reviewed_file_missing', { error: slackErrorText(error, lang) });
      await threadReply(args.client, c, text).catch(() => undefined);
    }
  }

  onButton(app, ACTION.reviewGroup, async (args, lang, deps) => {
    const userId = args.body.user.id;
    // A forged value reads as an unknown campaign (told by findCampaign), or as a rule with no group in review.
    const { id, rule } = readPayload(args.action.value, PAYLOAD.reviewGroup) ?? { id: '', rule: '' };
    const { ctx } = deps;
    const { channelLang, redraw, threadReply } = campaignThread(deps);
    const outcome = await reviewCampaignGroup(ctx, id, rule, await slackActor(deps, userId));
    if (!outcome.ok) {
      return void (await tellPresser(args, t(lang, PROBLEM_KEY[outcome.problem])));
    }
    const c = outcome.campaign;
    const group = c.groups.find((g) => g.rule === rule);
    const text = t(channelLang(), 'campaign_group_reviewed', {
      who: `<@${userId}>`,
      title: escapeMrkdwn(ctx.policy.rules.find((r) => r.id === rule)?.title[channelLang()] ?? rule),
      rule,
      count: group?.count ?? 0,
      total: c.counts.allow + reviewedLines(c).size,
    });
    await threadReply(args.client, c, text, [section(text), ...decisionBlocks(c, channelLang(), ctx.policy)]);
    await shareList(deps, args, c);
    await redraw(args.client, c);
  });
}

import { join } from 'node:path';
import type { App, ViewSubmitAction } from '@slack/bolt';
import { throttled } from '../../campaign/progress.ts';
import type { ListInput } from '../../campaign/recipients.ts';
import type { Campaign } from '../../domain/campaign.ts';
import { InputError } from '../../domain/errors.ts';
import { t } from '../../i18n.ts';
import {
  attachInputFile,
  attachSlackMessage,
  offerLists,
  runCampaignCheck,
} from '../../services/campaign.ts';
import { listFormat } from '../../services/campaignFiles.ts';
import { withScratchDir } from '../../services/scratch.ts';
import { PAYLOAD, readPayload, VIEW } from '../blocks/actionIds.ts';
import { campaignModal, reportBlocks } from '../blocks/campaign.ts';
import { doneModal, fieldValue } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { campaignThread, download, type UploadedFile, uploadedId } from './campaignThread.ts';
import { actor, problemText, type SlackDeps, slackErrorText } from './kit.ts';

/** /campaign-check: the modal, then the report in the channel and the files in its thread. */
export function register(app: App, deps: SlackDeps): void {
  const { ctx } = deps;
  const { channelLang, redraw, threadReply } = campaignThread(deps);

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

    // A damaged metadata only changes where the report goes: the user's DM with the app.
    const conversation = readPayload(view.private_metadata, PAYLOAD.campaign)?.conversation ?? userId;
    const tell = (text: string) =>
      client.chat
        .postEphemeral({ channel: conversation, user: userId, text })
        .catch(() => client.chat.postMessage({ channel: userId, text }).catch(() => undefined));

    const channel = fieldValue(values, 'channel') ?? 'email';
    const show = (text: string) => {
      client.views.update({ view_id: view.id, view: doneModal(lang, text) }).catch(() => undefined); // closed by the user: the report still comes
    };
    // The list, the details and the cleaned list go to a private folder as the check goes, then to Slack;
    // the folder is removed at the end.
    await withScratchDir(async (dir) => {
      let list: ListInput;
      try {
        if (files[0]) {
          const file = await download(client, context.botToken ?? '', files[0], join(dir, 'list'));
          list = { kind: 'file', path: file.path, fileName: file.name };
        } else list = { kind: 'pasted', text: pasted ?? '' };
      } catch (error) {
        await tell(
          t(lang, 'campaign_file_failed', {
            error: error instanceof InputError ? escapeMrkdwn(error.message) : slackErrorText(error, lang),
          }),
        );
        return;
      }
      // A workbook shared gets workbooks back; a CSV or a pasted list, CSV files for Excel.
      const format = await listFormat(list);
      const details = { path: join(dir, `details.${format}`), format };
      const cleaned = { path: join(dir, `cleaned.${format}`), format };
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
          {
            // The "checking" modal shows rows done and time left, updated at most every 2 s (rate limits),
            // or the place in the queue while other checks run.
            onProgress: throttled(2000, (progress) => show(t(lang, 'campaign_progress', { ...progress }))),
            onQueued: (position) => show(t(lang, 'campaign_queued', { position })),
            outputs: { details, cleaned },
          },
        );
      } catch (error) {
        await tell(problemText(error, lang, '', deps));
        return;
      }
      for (const replaced of check.superseded) await redraw(client, replaced);

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
      let campaign: Campaign = await attachSlackMessage(
        ctx,
        check.campaign,
        posted.channel ?? conversation,
        posted.ts ?? '',
      );
      // The checked file stays where Slack keeps it: the "allowed + reviewed" list is written from it later.
      // A pasted list is shared in the thread too, for the same reason.
      const listTitle = `${campaign.name} — list as pasted`;
      const cleanedTitle = `${campaign.name} — cleaned list`;
      try {
        const uploaded = await client.filesUploadV2({
          channel_id: campaign.slack?.channel,
          thread_ts: campaign.slack?.ts,
          initial_comment: t(lang, 'campaign_files_comment'),
          file_uploads: [
            {
              file: details.path,
              filename: `${campaign.id}-details.${format}`,
              title: `${campaign.name} — details`,
            },
            {
              file: cleaned.path,
              filename: `${campaign.id}-cleaned.${format}`,
              title: cleanedTitle,
            },
            ...(files[0]
              ? []
              : [{ file: Buffer.from(pasted ?? ''), filename: `${campaign.id}-list.txt`, title: listTitle }]),
          ],
        });
        const source = files[0]?.id ?? uploadedId(uploaded, listTitle);
        if (source) campaign = await attachInputFile(ctx, campaign, source);
        // The cleaned list is one a recheck withdraws once someone on it may no longer be sent to.
        const cleanedId = uploadedId(uploaded, cleanedTitle);
        if (cleanedId) campaign = await offerLists(ctx, campaign.id, { add: [cleanedId] });
      } catch (error) {
        deps.logger.warn(`campaign files not uploaded: ${(error as Error).message}`);
        await threadReply(client, campaign, slackErrorText(error, lang)).catch(() => undefined);
      }
    });
  });
}

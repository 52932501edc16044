import { join } from 'node:path';
import type { App } from '@slack/bolt';
import { throttled } from '../../campaign/progress.ts';
import type { ListInput } from '../../campaign/recipients.ts';
import type { Campaign } from '../../domain/campaign.ts';
import { InputError } from '../../domain/errors.ts';
import { type Lang, t } from '../../i18n.ts';
import {
  attachInputFile,
  attachSlackMessage,
  type CheckOutcome,
  offerLists,
  plannedWindow,
  runCampaignCheck,
} from '../../services/campaign.ts';
import { listFormat } from '../../services/campaignFiles.ts';
import { withScratchDir } from '../../services/scratch.ts';
import { PAYLOAD, readPayload, VIEW } from '../blocks/actionIds.ts';
import { campaignModal, reportBlocks } from '../blocks/campaign.ts';
import { doneModal, fieldValue, type StateValues } from '../blocks/modals.ts';
import { campaignThread, download, type UploadedFile, uploadedId } from './campaignThread.ts';
import {
  actor,
  onCommand,
  onView,
  problemText,
  type SlackDeps,
  slackErrorText,
  type ViewArgs,
} from './kit.ts';

type Client = ViewArgs['client'];
type Output = { path: string; format: Awaited<ReturnType<typeof listFormat>> };

/** One submitted check as the listener carries it from the modal to the thread. */
interface Submission {
  deps: SlackDeps;
  lang: Lang;
  client: Client;
  userId: string;
  values: StateValues;
  files: UploadedFile[];
  pasted?: string;
  /** Where the report goes: the conversation the modal was opened in, else the user's DM with the app. */
  conversation: string;
  /** An ephemeral note to the user where they asked (their DM if that fails). */
  tell: (text: string) => Promise<unknown>;
  /** Replaces the "checking" modal's text (progress, queue); the user may have closed it. */
  show: (text: string) => void;
}

/** /campaign-check: the modal, then the report in the channel and the files in its thread. */
export function register(app: App): void {
  onCommand(app, '/campaign-check', async ({ command, ack, client, respond }, lang, deps) => {
    await ack();
    const { ctx } = deps;
    const start = new Date(ctx.clock().getTime() + 3600_000);
    const view = campaignModal(ctx.policy, lang, { conversation: command.channel_id }, start);
    try {
      await client.views.open({ trigger_id: command.trigger_id, view });
    } catch (error) {
      await respond({ response_type: 'ephemeral', text: slackErrorText(error, lang) }).catch(() => undefined);
    }
  });

  onView(app, VIEW.campaign, async ({ ack, body, view, client, context }, lang, deps) => {
    const userId = body.user.id;
    const values = view.state.values;
    const files = (values.file?.value?.files ?? []) as UploadedFile[];
    const pasted = fieldValue(values, 'pasted');
    const [start, end] = [fieldValue(values, 'start'), fieldValue(values, 'end')];
    const errors: Record<string, string> = {};
    if (files.length === 0 && !pasted) errors.file = t(lang, 'error_no_recipients');
    try {
      plannedWindow(deps.ctx, start, end);
    } catch (error) {
      // Told at its field before the modal closes; the service says which one.
      if (!(error instanceof InputError)) throw error;
      errors[error.params.field === 'end' ? 'end' : 'start'] = problemText(error, lang, '', deps);
    }
    if (Object.keys(errors).length > 0) return void (await ack({ response_action: 'errors', errors }));
    // The modal closes on a "checking" note at once; a 100,000-row list takes longer than Slack's 3 seconds.
    await ack({ response_action: 'update', view: doneModal(lang, t(lang, 'campaign_checking')) });
    // A damaged metadata only changes where the report goes: the user's DM with the app.
    const conversation = readPayload(view.private_metadata, PAYLOAD.campaign)?.conversation ?? userId;
    const submission: Submission = {
      ...{ deps, lang, client, userId, values, files, pasted, conversation },
      tell: (text) =>
        client.chat
          .postEphemeral({ channel: conversation, user: userId, text })
          .catch(() => client.chat.postMessage({ channel: userId, text }).catch(() => undefined)),
      show: (text) => {
        client.views.update({ view_id: view.id, view: doneModal(lang, text) }).catch(() => undefined);
      },
    };
    // The list, the details and the cleaned list go to a private folder as the check goes, then to Slack;
    // the folder is removed at the end.
    await withScratchDir((dir) => checkAndShare(submission, context.botToken ?? '', dir));
  });
}

async function checkAndShare(s: Submission, token: string, dir: string): Promise<void> {
  const list = await readList(s, token, dir);
  if (!list) return;
  // A workbook shared gets workbooks back; a CSV or a pasted list, CSV files for Excel.
  const format = await listFormat(list);
  const details = { path: join(dir, `details.${format}`), format };
  const cleaned = { path: join(dir, `cleaned.${format}`), format };
  let check: CheckOutcome;
  try {
    check = await runCheck(s, list, { details, cleaned });
  } catch (error) {
    await s.tell(problemText(error, s.lang, '', s.deps));
    return;
  }
  const { redraw } = campaignThread(s.deps);
  for (const replaced of check.superseded) await redraw(s.client, replaced);
  const campaign = await postReport(s, check.campaign);
  if (campaign) await shareFiles(s, campaign, { details, cleaned });
}

/** The recipients: the shared file, downloaded with the bot token, or the pasted text; a failure is told. */
async function readList(s: Submission, token: string, dir: string): Promise<ListInput | undefined> {
  try {
    if (!s.files[0]) return { kind: 'pasted', text: s.pasted ?? '' };
    const file = await download(s.client, token, s.files[0], join(dir, 'list'));
    return { kind: 'file', path: file.path, fileName: file.name };
  } catch (error) {
    // A problem with the file (too big, a web page, no link) said in the reader's words, never its code.
    if (error instanceof InputError) await s.tell(problemText(error, s.lang, '', s.deps));
    else await s.tell(t(s.lang, 'campaign_file_failed', { error: slackErrorText(error, s.lang) }));
    return undefined;
  }
}

function runCheck(s: Submission, list: ListInput, outputs: { details: Output; cleaned: Output }) {
  const value = (block: string) => fieldValue(s.values, block);
  const fields = {
    name: value('name'),
    channel: value('channel') ?? 'email',
    product: value('product'),
    audience: value('audience'),
    start: value('start'),
    end: value('end'),
    template: s.values.template?.value?.value ?? '',
    checkedBy: actor(s.userId),
  };
  return runCampaignCheck(s.deps.ctx, fields, list, {
    // The "checking" modal shows rows done and time left, updated at most every 2 s (rate limits),
    // or the place in the queue while other checks run.
    onProgress: throttled(2000, (progress) => s.show(t(s.lang, 'campaign_progress', { ...progress }))),
    onQueued: (position) => s.show(t(s.lang, 'campaign_queued', { position })),
    outputs,
  });
}

/** The report in its channel, in the channel's language; if Slack refuses, the user is told in their DM. */
async function postReport(s: Submission, checked: Campaign): Promise<Campaign | undefined> {
  const { channelLang } = campaignThread(s.deps);
  try {
    const posted = await s.client.chat.postMessage({
      channel: s.conversation,
      ...reportBlocks(checked, s.deps.ctx.policy, channelLang()),
    });
    return attachSlackMessage(s.deps.ctx, checked, posted.channel ?? s.conversation, posted.ts ?? '');
  } catch (error) {
    const reason = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    s.deps.logger.warn(`campaign report not posted in its channel: ${reason}`);
    const text = t(s.lang, 'campaign_report_failed', { error: reason, id: checked.id });
    await s.client.chat.postMessage({ channel: s.userId, text }).catch(() => undefined);
    return undefined;
  }
}

/**
 * The details and the cleaned list in the report's thread. The checked file stays where Slack keeps it: the
 * "allowed + reviewed" list is written from it later; a pasted list is shared in the thread for the same reason.
 */
async function shareFiles(
  s: Submission,
  c: Campaign,
  out: { details: Output; cleaned: Output },
): Promise<void> {
  const { ctx } = s.deps;
  const listTitle = `${c.name} — list as pasted`;
  const cleanedTitle = `${c.name} — cleaned list`;
  const file = (o: Output, kind: string, title: string) => ({
    file: o.path,
    filename: `${c.id}-${kind}.${o.format}`,
    title,
  });
  try {
    const uploaded = await s.client.filesUploadV2({
      channel_id: c.slack?.channel,
      thread_ts: c.slack?.ts,
      initial_comment: t(s.lang, 'campaign_files_comment'),
      file_uploads: [
        file(out.details, 'details', `${c.name} — details`),
        file(out.cleaned, 'cleaned', cleanedTitle),
        ...(s.files[0]
          ? []
          : [{ file: Buffer.from(s.pasted ?? ''), filename: `${c.id}-list.txt`, title: listTitle }]),
      ],
    });
    let campaign = c;
    const source = s.files[0]?.id ?? uploadedId(uploaded, listTitle);
    if (source) campaign = await attachInputFile(ctx, campaign, source);
    // The cleaned list is one a recheck withdraws once someone on it may no longer be sent to.
    const cleanedId = uploadedId(uploaded, cleanedTitle);
    if (cleanedId) await offerLists(ctx, campaign.id, { add: [cleanedId] });
  } catch (error) {
    s.deps.logger.warn(`campaign files not uploaded: ${(error as Error).message}`);
    await campaignThread(s.deps)
      .threadReply(s.client, c, slackErrorText(error, s.lang))
      .catch(() => undefined);
  }
}

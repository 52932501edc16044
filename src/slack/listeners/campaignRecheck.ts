import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { App } from '@slack/bolt';
import type { ListInput } from '../../campaign/recipients.ts';
import type { Campaign } from '../../domain/campaign.ts';
import { formatLocal } from '../../domain/time.ts';
import { t } from '../../i18n.ts';
import { findCampaign, offerLists } from '../../services/campaign.ts';
import type { OutputFile } from '../../services/campaignFiles.ts';
import { type RecheckOutcome, recheckCampaign, watchRechecks } from '../../services/campaignRecheck.ts';
import type { AppContext } from '../../services/context.ts';
import { withScratchDir } from '../../services/scratch.ts';
import { ACTION } from '../blocks/actionIds.ts';
import { recheckBlocks } from '../blocks/campaignRecheck.ts';
import { campaignThread, download, uploadedId } from './campaignThread.ts';
import { actor, onButton, type SlackDeps, slackErrorText } from './kit.ts';

type Client = App['client'];

/**
 * Approvals hold at send time: "Check again before sending" in the report's thread decides every approved
 * recipient again, now (services/campaignRecheck.ts). The thread is told who is dropped and why; once someone
 * is, the lists it offered (the cleaned list, allowed + reviewed, an older recheck's) are withdrawn and the
 * updated list is shared instead. A recheck made elsewhere (the sending tool through the API, the command line
 * through the app) is told the same way.
 */
/** Whether the lists the thread offers must go: this recheck dropped someone, or the one before did. */
const replacesLists = (c: Campaign) => {
  const rechecks = c.history.filter((e) => e.event === 'rechecked');
  return rechecks.slice(-2).some((e) => (e.dropped ?? 0) > 0);
};

/** Deletes the lists the thread offered; each one that cannot be deleted is said, so nobody uses it. */
async function withdrawLists(deps: SlackDeps, client: Client, c: Campaign): Promise<void> {
  const { channelLang, threadReply } = campaignThread(deps);
  for (const file of c.slack?.lists ?? []) {
    try {
      await client.files.delete({ file });
    } catch (error) {
      const reason = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
      if (reason === 'file_not_found' || reason === 'file_deleted') continue; // gone already
      deps.logger.warn(`list ${file} of campaign ${c.id} not withdrawn: ${reason}`);
      const text = t(channelLang(), 'campaign_recheck_withdraw_failed', {
        error: slackErrorText(error, channelLang()),
      });
      await threadReply(client, c, text).catch(() => undefined);
    }
  }
}

/** The updated list in the thread, in place of the withdrawn ones. */
async function shareList(deps: SlackDeps, client: Client, c: Campaign, list: OutputFile): Promise<void> {
  const { channelLang, threadReply } = campaignThread(deps);
  const lang = channelLang();
  const at = formatLocal(new Date(c.recheck?.at ?? Date.now()), deps.ctx.policy.timeZone, lang);
  const title = t(lang, 'campaign_recheck_file_title', { name: c.name, at });
  try {
    const uploaded = await client.filesUploadV2({
      channel_id: c.slack?.channel,
      thread_ts: c.slack?.ts,
      initial_comment: t(lang, 'campaign_recheck_file_comment', { at, count: c.recheck?.allowed ?? 0 }),
      file_uploads: [{ file: list.path, filename: `${c.id}-rechecked.${list.format}`, title }],
    });
    const id = uploadedId(uploaded, title);
    await offerLists(deps.ctx, c.id, { replace: id ? [id] : [] });
  } catch (error) {
    deps.logger.warn(`updated list of campaign ${c.id} not shared: ${(error as Error).message}`);
    await offerLists(deps.ctx, c.id, { replace: [] });
    const text = t(lang, 'campaign_recheck_file_failed', { error: slackErrorText(error, lang) });
    await threadReply(client, c, text).catch(() => undefined);
  }
}

/** Tells the thread of a recheck (best effort: the store has the truth, the sending tool its answer). */
const tell =
  (deps: SlackDeps, client: Client) =>
  async (ctx: AppContext, outcome: RecheckOutcome, list: OutputFile): Promise<boolean> => {
    const { channelLang, redraw, threadReply } = campaignThread(deps);
    const c = outcome.campaign;
    if (!c.slack) return false;
    let told = false;
    try {
      const message = recheckBlocks(c, outcome.recheck, ctx.policy, channelLang());
      await threadReply(client, c, message.text, message.blocks);
      told = true;
      if (replacesLists(c)) {
        await withdrawLists(deps, client, c);
        await shareList(deps, client, c, list);
      }
      await redraw(client, c);
    } catch (error) {
      deps.logger.warn(`recheck of campaign ${c.id} not told in its thread: ${(error as Error).message}`);
    }
    return told;
  };

/**
 * A recheck made outside Slack (the sending tool through the API, a command carried out by the app) is told in
 * the thread too: watched for each workspace when it is opened. Returns how to stop watching.
 */
export function tellRechecksInThreads(deps: SlackDeps): () => void {
  return watchRechecks(deps.ctx.store, tell(deps, deps.client));
}

export function register(app: App): void {
  onButton(app, ACTION.recheck, async (args, _lang, deps) => {
    const id = args.action.value ?? '';
    const by = actor(args.body.user.id);
    const c = await findCampaign(deps.ctx, id);
    const told = tell(deps, args.client);
    if (c.kept || !c.input?.slackFile) return void (await recheckCampaign(deps.ctx, id, by, { tell: told }));
    // A check made before lists were kept: its file is read again from Slack (its hash is checked).
    await withScratchDir(async (dir) => {
      const token = args.context.botToken ?? '';
      const file = await download(args.client, token, { id: c.input?.slackFile }, join(dir, 'list'));
      const list: ListInput = c.input?.pasted
        ? { kind: 'pasted', text: await readFile(file.path, 'utf8') }
        : { kind: 'file', path: file.path, fileName: file.name };
      await recheckCampaign(deps.ctx, id, by, { tell: told, list });
    });
  });
}

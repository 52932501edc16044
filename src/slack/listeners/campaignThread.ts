import type { App } from '@slack/bolt';
import type { Campaign } from '../../domain/campaign.ts';
import { InputError } from '../../domain/errors.ts';
import type { Lang } from '../../i18n.ts';
import { campaignApprovers } from '../../policy/access.ts';
import { reportBlocks } from '../blocks/campaign.ts';
import { section } from '../blocks/kit.ts';
import { checkRole, type SlackDeps } from './kit.ts';

type Client = App['client'];

const MAX_FILE_BYTES = 50 * 1024 * 1024;

export type UploadedFile = { id?: string; name?: string; url_private_download?: string };

/** Downloads a shared file with the bot token (without it Slack answers a login page, not the file). */
export async function download(
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
  if (!url) throw new InputError('file_no_link');
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new InputError('download_refused', { status: response.status });
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    throw new InputError('file_is_web_page');
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_FILE_BYTES)
    throw new InputError('file_too_big', { limit: MAX_FILE_BYTES / 1024 / 1024 });
  return { name, bytes };
}

/** What the campaign listeners share: the report in its channel and the thread under it. */
export function campaignThread(deps: SlackDeps) {
  const { ctx } = deps;
  const approversOf = (c: Campaign) => campaignApprovers(ctx.policy, c.slack?.channel);

  /** The refusal to show when the user is not among the campaign's approvers (audited by checkRole). */
  const refuseNonApprover = (userId: string, c: Campaign, action: string, lang: Lang) =>
    checkRole(deps, userId, 'approve_campaigns', action, lang, undefined, approversOf(c));

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

  return { approversOf, channelLang, redraw, refuseNonApprover, threadReply };
}

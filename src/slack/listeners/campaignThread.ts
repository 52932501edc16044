import type { App } from '@slack/bolt';
import type { Campaign } from '../../domain/campaign.ts';
import { campaignApprovers } from '../../policy/access.ts';
import { reportBlocks } from '../blocks/campaign.ts';
import { section } from '../blocks/kit.ts';
import type { SlackDeps } from './kit.ts';

type Client = App['client'];

/** What the campaign listeners share: the report in its channel and the thread under it. */
export function campaignThread(deps: SlackDeps) {
  const { ctx } = deps;
  const approversOf = (c: Campaign) => campaignApprovers(ctx.policy, c.slack?.channel);

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

  return { approversOf, channelLang, redraw, threadReply };
}

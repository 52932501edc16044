import { isApproved } from '../../campaign/recheck.ts';
import type { Campaign, CampaignRecheck } from '../../domain/campaign.ts';
import { formatLocal } from '../../domain/time.ts';
import { type Lang, t } from '../../i18n.ts';
import type { Policy } from '../../policy/load.ts';
import { dropLines } from '../../reports/campaign.ts';
import { ACTION } from './actionIds.ts';
import { actions, type Block, button, section } from './kit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/** A Slack user as a mention; anyone else (the command line, the API's key) by name. */
const who = (id: string) => (/^slack:[UW][A-Z0-9]+$/.test(id) ? `<@${id.slice(6)}>` : escapeMrkdwn(id));

/** "Check again before sending": on an approved campaign's report and under each recheck. */
export function recheckButton(c: Campaign, lang: Lang): Block[] {
  if (!isApproved(c)) return [];
  return [actions('recheck', [button(t(lang, 'campaign_button_recheck'), ACTION.recheck, c.id)])];
}

/**
 * What the thread is told of a recheck, in the channel's language and the policy's time zone: how many are
 * still allowed, who is dropped and why (masked: a channel has many readers), and that the old list is gone.
 */
export function recheckBlocks(
  c: Campaign,
  r: CampaignRecheck,
  policy: Policy,
  lang: Lang,
): { text: string; blocks: Block[] } {
  const at = formatLocal(new Date(r.at), policy.timeZone, lang);
  const head = t(lang, 'campaign_recheck_head', {
    who: who(r.by),
    at,
    allowed: r.allowed,
    approved: r.approved,
  });
  const dropped = r.approved - r.allowed;
  const body =
    dropped === 0
      ? [t(lang, 'campaign_recheck_none')]
      : [
          t(lang, 'campaign_recheck_drops', { count: dropped }),
          ...dropLines(r, lang, escapeMrkdwn),
          t(lang, 'campaign_recheck_replaced'),
        ];
  const text = [head, ...body].join('\n');
  return { text: text.replace(/<[^>]+>/g, '@'), blocks: [section(text), ...recheckButton(c, lang)] };
}

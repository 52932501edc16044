import type { types } from '@slack/bolt';
import {
  approvableAsChecked,
  approvableCleaned,
  approvableReviewed,
  reviewableGroups,
  reviewedLines,
} from '../../campaign/approval.ts';
import { blockingFindings, type Campaign } from '../../domain/campaign.ts';
import { type Lang, t } from '../../i18n.ts';
import type { Policy } from '../../policy/load.ts';
import { campaignReport } from '../../reports/campaign.ts';
import { ACTION, VIEW } from './actionIds.ts';
import { recheckButton } from './campaignRecheck.ts';
import { actions, type Block, button, confirmDialog, context, option, section } from './kit.ts';
import { input, modal, select, text } from './modals.ts';
import { escapeMrkdwn, mention } from './mrkdwn.ts';

const CAMPAIGN_CHANNELS = ['email', 'sms', 'phone', 'automated-call', 'messaging'] as const;
const SECTION_BUDGET = 2900;

/** Long text cut at line ends into sections Slack accepts (3,000 characters each). */
function sections(mrkdwn: string): Block[] {
  const out: Block[] = [];
  let current = '';
  for (const line of mrkdwn.split('\n')) {
    if (current && current.length + line.length + 1 > SECTION_BUDGET) {
      out.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(section(current));
  return out;
}

const who = (id: string) => (/^slack:[UW][A-Z0-9]+$/.test(id) ? `<@${id.slice(6)}>` : escapeMrkdwn(id));
const MRKDWN = { escape: escapeMrkdwn, bold: (s: string) => `*${s}*`, who };

/** The report posted in the channel; redrawn from the stored campaign whenever its status changes. */
export function reportBlocks(c: Campaign, policy: Policy, lang: Lang): { text: string; blocks: Block[] } {
  const report = campaignReport(c, policy, lang, MRKDWN);
  const blocks: Block[] = [section(report.head), ...report.sections.flatMap(sections), context(report.meta)];
  const approvable = approvableAsChecked(c) || approvableCleaned(c) || reviewableGroups(c).length > 0;
  if (c.status === 'checked' && blockingFindings(c).length === 0 && approvable) {
    blocks.push(
      actions('campaign', [
        button(t(lang, 'campaign_button_request'), ACTION.requestApproval, c.id, { style: 'primary' }),
      ]),
    );
  }
  blocks.push(...recheckButton(c, lang));
  return { text: report.head.replace(/\*/g, ''), blocks };
}

/** The thread message asking the approvers; only what may be approved gets a button. */
export function approvalRequestBlocks(
  c: Campaign,
  lang: Lang,
  approvers: string[],
  requester: string,
  policy: Policy,
): { text: string; blocks: Block[] } {
  const notify = (m: string) => (m === 'everyone' ? '@everyone' : mention(m));
  const text = t(lang, 'campaign_request_text', {
    approvers: approvers.length ? approvers.map(notify).join(' ') : t(lang, 'nobody_approves'),
    requester: `<@${requester}>`,
    name: escapeMrkdwn(c.name),
    counts: t(lang, 'campaign_counts', c.counts),
  });
  return { text: text.replace(/<[^>]+>/g, '@'), blocks: [section(text), ...decisionBlocks(c, lang, policy)] };
}

/** Slack takes at most 25 buttons in an actions block. */
const MAX_REVIEW_BUTTONS = 20;

/**
 * What an approver may still decide, as buttons: approve as checked, the cleaned list, the allowed + reviewed
 * list, reject; and one button per group in review not yet looked at.
 */
export function decisionBlocks(c: Campaign, lang: Lang, policy: Policy): Block[] {
  const buttons = [];
  if (approvableAsChecked(c))
    buttons.push(button(t(lang, 'campaign_button_approve'), ACTION.approve, c.id, { style: 'primary' }));
  if (approvableCleaned(c) && c.counts.allow < c.counts.recipients) {
    buttons.push(
      button(
        t(lang, 'campaign_button_approve_cleaned', { count: c.counts.allow }),
        ACTION.approveCleaned,
        c.id,
      ),
    );
  }
  if (approvableReviewed(c)) {
    const count = c.counts.allow + reviewedLines(c).size;
    buttons.push(
      button(t(lang, 'campaign_button_approve_reviewed', { count }), ACTION.approveReviewed, c.id),
    );
  }
  buttons.push(button(t(lang, 'campaign_button_reject'), ACTION.reject, c.id, { style: 'danger' }));
  const blocks: Block[] = [];
  if (!approvableAsChecked(c)) blocks.push(context(t(lang, 'campaign_request_cleaned_only')));
  blocks.push(actions('approval', buttons));
  const title = (id: string) => policy.rules.find((r) => r.id === id)?.title[lang] ?? id;
  const groups = blockingFindings(c).length === 0 ? reviewableGroups(c).slice(0, MAX_REVIEW_BUTTONS) : [];
  if (groups.length > 0) {
    blocks.push(context(t(lang, 'campaign_request_review_groups')));
    blocks.push(
      actions(
        'review',
        groups.map((g) => {
          const words = { rule: g.rule, count: g.count, title: title(g.rule) };
          return button(
            t(lang, 'campaign_button_review_group', words),
            ACTION.reviewGroup,
            JSON.stringify({ id: c.id, rule: g.rule }),
            {
              confirm: confirmDialog(
                t(lang, 'campaign_review_confirm_title'),
                t(lang, 'campaign_review_confirm', words),
                t(lang, 'campaign_review_confirm_yes'),
                t(lang, 'campaign_review_confirm_no'),
              ),
            },
          );
        }),
      ),
    );
  }
  return blocks;
}

export interface CampaignModalMetadata {
  conversation?: string;
}

/** /campaign-check: what the campaign is and who it goes to. */
export function campaignModal(
  policy: Policy,
  lang: Lang,
  meta: CampaignModalMetadata,
  startAt: Date,
): types.ModalView {
  const products = Object.entries(policy.doc.products).map(([id, p]) => option(p.label[lang], id));
  return modal(
    VIEW.campaign,
    t(lang, 'campaign_modal_title'),
    t(lang, 'campaign_submit'),
    lang,
    [
      input('name', t(lang, 'field_campaign_name'), text('value', undefined, 120)),
      input(
        'channel',
        t(lang, 'field_channel'),
        select(
          'value',
          CAMPAIGN_CHANNELS.map((c) => option(t(lang, `channel_${c}`), c)),
          'email',
        ),
      ),
      input('product', t(lang, 'field_product'), select('value', products)),
      input(
        'audience',
        t(lang, 'field_audience'),
        select(
          'value',
          [option(t(lang, 'audience_b2b'), 'b2b'), option(t(lang, 'audience_b2c'), 'b2c')],
          'b2b',
        ),
      ),
      input('start', t(lang, 'field_start'), {
        type: 'datetimepicker',
        action_id: 'value',
        initial_date_time: Math.floor(startAt.getTime() / 1000),
      }),
      input('end', t(lang, 'field_end'), { type: 'datetimepicker', action_id: 'value' }, true),
      input('template', t(lang, 'field_template'), { ...text('value', undefined, 3000), multiline: true }),
      input(
        'file',
        t(lang, 'field_file'),
        { type: 'file_input', action_id: 'value', filetypes: ['csv', 'txt', 'xlsx'], max_files: 1 },
        true,
      ),
      input('pasted', t(lang, 'field_pasted'), { ...text('value', undefined, 3000), multiline: true }, true),
    ],
    meta,
  );
}

/** Rejecting asks why: the reason goes to the thread and the history. */
export function rejectModal(lang: Lang, meta: { id: string; requestTs?: string }): types.ModalView {
  return modal(
    VIEW.reject,
    t(lang, 'reject_title'),
    t(lang, 'campaign_button_reject'),
    lang,
    [
      input('reason', t(lang, 'field_reason'), {
        ...text('value', undefined, 500),
        multiline: true,
        min_length: 5,
      }),
    ],
    meta,
  );
}

import type { types } from '@slack/bolt';
import { formatLocal } from '../../domain/time.ts';
import { type Lang, t } from '../../i18n.ts';
import type { Policy } from '../../policy/load.ts';
import { deadlineLine, purgeSetText, scanSections } from '../../reports/retention.ts';
import type { Deadline, RetentionScan } from '../../retention/deadlines.ts';
import { deadlineLabel, purgeFingerprint } from '../../retention/purge.ts';
import type { Reminder } from '../../retention/reminders.ts';
import { ACTION, VIEW } from './actionIds.ts';
import {
  actions,
  type Block,
  button,
  confirmDialog,
  context,
  header,
  methodLabel,
  option,
  section,
} from './kit.ts';
import { type FormFields, input, modal, select, text } from './modals.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

const MRKDWN = { owner: (id: string | undefined) => (id ? `<@${id}>` : ''), escape: escapeMrkdwn };
const PER_DM = 15;
/** Lines of the purge modal: 4 sections of 10 (a section holds 3,000 characters), the rest counted. */
const PER_SECTION = 10;
const IN_MODAL = 40;

/**
 * The compliance digest: what a purge deletes now, within 7 days, within 30 days, by owner (identifiers masked:
 * a channel has many readers). When the policy asks for a confirmation, a button opens the full list for the
 * purge role; it carries the digest's instant and the list's fingerprint, so the list shown is this one.
 */
export function digestBlocks(
  scan: RetentionScan,
  policy: Policy,
  lang: Lang,
): { text: string; blocks: Block[] } {
  const title = t(lang, 'retention_digest_head', { date: formatLocal(scan.at, policy.timeZone, lang) });
  const blocks: Block[] = [header(title), ...scanSections(scan, policy, lang, MRKDWN).map(section)];
  const mode = policy.doc.retention.on_deadline;
  blocks.push(context(t(lang, 'retention_digest_policy', { mode: t(lang, `retention_mode_${mode}`) })));
  if (mode === 'confirm' && scan.overdue.length > 0) {
    const value = JSON.stringify({ a: scan.at.toISOString(), f: purgeFingerprint(scan.overdue) });
    blocks.push(
      actions('retention', [
        button(
          t(lang, 'retention_button_purge_all', { set: purgeSetText(scan.overdue, lang) }),
          ACTION.purgeOverdue,
          value,
          { style: 'danger' },
        ),
      ]),
    );
  }
  return { text: title, blocks };
}

/**
 * The list a purge-role holder confirms: who (name and identifiers in full), what and when in the policy's time
 * zone; the modal's metadata carries the list's fingerprint, so the submission deletes this list or nothing.
 */
export function purgeModal(
  lines: Deadline[],
  policy: Policy,
  lang: Lang,
  meta: { a: string; f: string; ch?: string; ts?: string },
  changed: boolean,
): types.ModalView {
  const style = { ...MRKDWN, full: true };
  const shown = lines.slice(0, IN_MODAL).map((d) => `• ${deadlineLine(d, policy, lang, style)}`);
  const blocks: Block[] = changed ? [section(t(lang, 'retention_list_changed'))] : [];
  blocks.push(
    section(t(lang, 'retention_purge_intro', { set: purgeSetText(lines, lang), zone: policy.timeZone })),
  );
  for (let i = 0; i < shown.length; i += PER_SECTION)
    blocks.push(section(shown.slice(i, i + PER_SECTION).join('\n')));
  if (lines.length > IN_MODAL)
    blocks.push(
      context(
        `${t(lang, 'retention_more', { count: lines.length - IN_MODAL })} · ${t(lang, 'retention_purge_full_list')}`,
      ),
    );
  return modal(
    VIEW.purge,
    t(lang, 'retention_purge_title'),
    t(lang, 'retention_button_purge'),
    lang,
    blocks,
    meta,
  );
}

/** One owner's reminders, each with its next steps. */
export function ownerReminderBlocks(
  reminders: Reminder[],
  policy: Policy,
  lang: Lang,
): { text: string; blocks: Block[] } {
  const blocks: Block[] = [section(t(lang, 'retention_dm_head'))];
  for (const { deadline: d, lead } of reminders.slice(0, PER_DM)) {
    const when = formatLocal(d.at, policy.timeZone, lang);
    const icon = lead === 'overdue' ? '⛔' : '⏳';
    blocks.push(
      section(`${icon} ${escapeMrkdwn(deadlineLabel(d))} — ${t(lang, `retention_kind_${d.kind}`)}, ${when}`),
    );
    const value = JSON.stringify({ c: d.contact.id, k: d.kind });
    blocks.push(
      actions(`r_${d.contact.id.slice(0, 40)}_${d.kind}`, [
        button(t(lang, 'retention_button_repermission'), ACTION.repermission, value),
        button(t(lang, 'retention_button_renewed'), ACTION.renewed, value, { style: 'primary' }),
        button(t(lang, 'retention_button_purge'), ACTION.purgeOne, value, {
          style: 'danger',
          confirm: confirmDialog(
            t(lang, 'retention_button_purge'),
            t(lang, 'retention_confirm_purge'),
            t(lang, 'retention_button_purge'),
            t(lang, 'cancel'),
          ),
        }),
      ]),
    );
  }
  if (reminders.length > PER_DM)
    blocks.push(context(t(lang, 'retention_more', { count: reminders.length - PER_DM })));
  return { text: t(lang, 'retention_dm_head'), blocks };
}

/** The renewal form's fields: the proof is the consent's evidence, its date the consent's or the reply's. */
export const RENEWED_FIELDS: FormFields = {
  blocks: { method: 'method', evidence: 'proof', wording: 'proof', at: 'date' },
  first: 'method',
};

/** "Renewed": the prospect's explicit yes, with how it was given and its proof. */
export function renewedModal(
  policy: Policy,
  lang: Lang,
  meta: { c: string; k: string },
  today: string,
): types.ModalView {
  const methods = policy.doc.params.accepted_consent_methods;
  return modal(
    VIEW.renewed,
    t(lang, 'retention_renewed_title'),
    t(lang, 'consent_submit'),
    lang,
    [
      input(
        'method',
        t(lang, 'field_renewal_method'),
        select(
          'value',
          methods.map((m) => option(methodLabel(lang, m), m)),
        ),
      ),
      input('proof', t(lang, 'field_renewal_proof'), text('value', undefined, 500)),
      input('date', t(lang, 'field_date'), { type: 'datepicker', action_id: 'value', initial_date: today }),
    ],
    meta,
  );
}

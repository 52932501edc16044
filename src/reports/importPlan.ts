import type { ColumnPlan } from '../csv/columnPlan.ts';
import { PRESETS } from '../csv/presets.ts';
import type { SuppressionScope } from '../domain/contacts.ts';
import { type Lang, type MessageKey, t } from '../i18n.ts';
import { fieldWords } from './problems.ts';

/**
 * What an import understood of a file's header, in the reader's words, before anything is written: the tool,
 * the column of each field, the collection date, the unsubscribes, the order of several address columns, what
 * is read without being kept, and what is ignored. One line per point, none for what the file does not have.
 */
export function planLines(lang: Lang, plan: ColumnPlan): string[] {
  const words = fieldWords(lang);
  const header = (i: number) => plan.headers[i] as string;
  const tool = plan.preset ? PRESETS[plan.preset.id].name : '';
  const list = (items: string[]) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);
  const lines: string[] = [];
  if (plan.preset)
    lines.push(t(lang, plan.preset.detected ? 'plan_preset_detected' : 'plan_preset_named', { tool }));
  const read = plan.fields.flatMap((field, i) =>
    field && !NOT_RECORDED[field] && field !== 'collectedAt'
      ? [t(lang, 'plan_column_field', { column: header(i), field: words(field) })]
      : [],
  );
  if (read.length > 0) lines.push(t(lang, 'plan_read', { columns: list(read) }));
  lines.push(collectionLine(lang, plan, tool));
  if (plan.optOuts.length > 0) {
    const columns = plan.optOuts.map(({ column, scope }) =>
      t(lang, 'plan_optout_column', { column: header(column), scope: scopeWords(lang, scope) }),
    );
    lines.push(t(lang, 'plan_optouts', { columns: list(columns) }));
    if (plan.optOutDate !== undefined)
      lines.push(t(lang, 'plan_optout_date', { column: header(plan.optOutDate) }));
  }
  for (const field of ['email', 'phone'] as const) {
    const columns = plan.identifiers[field];
    if (columns.length < 2) continue;
    const quoted = columns.map((i) => quote(lang, header(i)));
    lines.push(t(lang, 'plan_order', { field: words(field), columns: quoted.join(', '), flag: field }));
  }
  const kept = plan.fields.flatMap((field, i) => {
    const key = field ? NOT_RECORDED[field] : undefined;
    return key ? [t(lang, key, { column: header(i), tool })] : [];
  });
  if (kept.length > 0) lines.push(t(lang, 'plan_not_recorded', { columns: kept.join(' ; ') }));
  if (plan.ignored.length > 0) {
    const quoted = plan.ignored.map((i) => quote(lang, header(i)));
    lines.push(t(lang, 'plan_ignored', { columns: quoted.join(', ') }));
  }
  return lines;
}

/** A column's header as the reader's language quotes it. */
export const quote = (lang: Lang, text: string) => t(lang, 'plan_quote', { text });

/**
 * The header of the column a field of a row came from ("Date de création" for collectedAt), for messages that
 * name a field other than the one at fault ("the notice date is before «Date de création»").
 */
export function headerOf(plan: ColumnPlan | undefined, field: string): string | undefined {
  const i = plan?.fields.indexOf(field as never) ?? -1;
  return i >= 0 ? plan?.headers[i] : undefined;
}

/** Columns read and not kept, and what the summary says of each. */
const NOT_RECORDED: Record<string, MessageKey | undefined> = {
  lifecycle: 'plan_lifecycle',
  consentFlag: 'plan_consent_flag',
  crmOwner: 'plan_crm_owner',
};

function collectionLine(lang: Lang, plan: ColumnPlan, tool: string): string {
  if (!plan.collectedAt) return t(lang, 'plan_collected_now');
  const column = plan.headers[plan.collectedAt.column] as string;
  return t(lang, plan.collectedAt.why === 'preset' ? 'plan_collected_preset' : 'plan_collected_column', {
    column,
    tool,
  });
}

/** The means an objection covers, in the words every answer uses for a channel (i18n/answers.ts). */
export function scopeWords(lang: Lang, scope: SuppressionScope): string {
  return t(lang, `channel_${scope}`);
}

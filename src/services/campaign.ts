import { approve, type Outcome, reject, requestApproval, supersede } from '../campaign/approval.ts';
import { type CampaignCheck, checkCampaign } from '../campaign/check.ts';
import type { RecipientList } from '../campaign/recipients.ts';
import { EXCEL_SHAPE, fileText, rowText, safeCell } from '../csv/write.ts';
import { CAMPAIGN_STATUSES, type Campaign } from '../domain/campaign.ts';
import { InputError } from '../domain/errors.ts';
import type { Identifier } from '../domain/identifiers.ts';
import { localDay } from '../domain/time.ts';
import { type Lang, t } from '../i18n.ts';
import type { Policy } from '../policy/load.ts';
import type { AppContext } from './context.ts';
import * as parse from './parse.ts';
import { recordAudit } from './record.ts';

export interface CampaignFields {
  name?: string;
  channel: string;
  product?: string;
  audience?: string;
  start?: string | Date;
  end?: string | Date;
  template?: string;
  checkedBy: string;
}

/** The longest message or call script a campaign check reads. */
const MAX_TEMPLATE = 20_000;

const when = (value: string | Date | undefined, ctx: AppContext, field: 'start' | 'end') =>
  value instanceof Date ? value : parse.optionalInstant(value, ctx.policy, field);

/** Reads the campaign's fields (CLI options or the Slack modal) and checks it against its recipient list. */
export async function runCampaignCheck(
  ctx: AppContext,
  fields: CampaignFields,
  list: RecipientList,
  onProgress?: (done: number, total: number) => void,
): Promise<CampaignCheck & { superseded: Campaign[] }> {
  const channel = parse.channel(fields.channel);
  if (!fields.product) throw new InputError('required', { field: 'product' });
  // A template is a message or a call script, not a book: the policy's patterns run over it.
  if ((fields.template ?? '').length > MAX_TEMPLATE)
    throw new InputError('too_long', { field: 'template', limit: MAX_TEMPLATE });
  const product = parse.product(fields.product, ctx.policy) as string;
  const audience = fields.audience ? parse.audience(fields.audience) : 'b2b';
  const start = when(fields.start, ctx, 'start') ?? ctx.clock();
  const end = when(fields.end, ctx, 'end');
  if (end && end <= start) throw new InputError('date_before', { field: 'end', other: 'start' });
  const maxRows = ctx.policy.doc.campaign.max_rows;
  if (list.rows > maxRows) throw new InputError('too_long', { field: 'file', limit: maxRows });
  if (list.recipients.length === 0 && list.invalid.length === 0) throw new InputError('empty_list');
  const name = fields.name?.trim() || `${channel} ${product} ${localDay(start, ctx.policy.timeZone)}`;
  const sources = {
    policy: ctx.policy,
    now: ctx.clock(),
    subjectOf: (t: Identifier) => ctx.store.subjectFacts(t),
    onProgress,
  };
  const check = await checkCampaign(sources, {
    name,
    channel,
    product,
    audience,
    plannedStart: start,
    plannedEnd: end,
    template: fields.template ?? '',
    list,
    checkedBy: fields.checkedBy,
  });
  await ctx.store.saveCampaign(check.campaign);
  await recordAudit(
    ctx,
    fields.checkedBy,
    'campaign.check',
    undefined,
    `${check.campaign.id} ${check.campaign.counts.recipients} recipients`,
  );
  // A changed list, template or date is a new check: the older, undecided check of the same campaign goes.
  const superseded: Campaign[] = [];
  for (const older of await ctx.store.campaigns()) {
    const replaced = supersede(older, check.campaign, ctx.clock(), ctx.policy);
    if (!replaced) continue;
    await ctx.store.saveCampaign(replaced);
    superseded.push(replaced);
  }
  return { ...check, superseded };
}

type RowVerdict = 'allow' | 'review' | 'block' | 'invalid' | 'duplicate';

/** Every row of the list with its verdict: the thread's details file (invalid rows and duplicates included). */
export function detailsCsv(check: CampaignCheck, policy: Policy, lang: Lang): Buffer {
  const source = check.list.source;
  // A file keeps its own shape and columns; a pasted list gets an Excel file.
  const shape = source
    ? { ...source.shape, bom: source.shape.encoding === 'utf-8' ? true : source.shape.bom }
    : EXCEL_SHAPE;
  const delimiter = source?.delimiter ?? ';';
  const words = (id: string) => policy.rules.find((r) => r.id === id);
  const added = (verdict: RowVerdict, rules: string[]) => {
    const first = rules[0];
    const rule = first ? words(first) : undefined;
    const reason =
      verdict === 'invalid' || verdict === 'duplicate' ? t(lang, `csv_reason_${verdict}`) : rule?.title[lang];
    return [
      t(lang, `csv_verdict_${verdict}`),
      reason ?? '',
      rules.join(' '),
      (rule?.legal ?? []).map((l) => `${l.text} ${l.article}`).join(', '),
    ].map((c) => safeCell(c, delimiter));
  };
  const verdicts = new Map<number, { verdict: RowVerdict; rules: string[] }>();
  for (const r of check.results) verdicts.set(r.line, { verdict: r.verdict, rules: r.rules });
  for (const r of check.list.invalid) verdicts.set(r.line, { verdict: 'invalid', rules: [r.problem] });
  const extra = (['verdict', 'reason', 'rules', 'legal'] as const).map((h) => t(lang, `csv_column_${h}`));
  if (!source) {
    const lines = [[t(lang, 'csv_column_line'), t(lang, 'csv_column_recipient'), ...extra].join(delimiter)];
    const rows = [
      ...check.results.map((r) => ({
        line: r.line,
        value: r.target.value,
        verdict: r.verdict as RowVerdict,
        rules: r.rules,
      })),
      ...check.list.invalid.map((r) => ({
        line: r.line,
        value: r.value,
        verdict: 'invalid' as RowVerdict,
        rules: [r.problem],
      })),
    ].sort((a, b) => a.line - b.line);
    for (const r of rows)
      lines.push(
        [String(r.line), safeCell(r.value, delimiter), ...added(r.verdict, r.rules)].join(delimiter),
      );
    return fileText(lines, shape);
  }
  const lines: string[] = [];
  if (source.header) lines.push([rowText(source.header, delimiter), ...extra].join(delimiter));
  for (const [line, row] of source.rows) {
    const found = verdicts.get(line) ?? { verdict: 'duplicate' as const, rules: [] };
    lines.push([rowText(row, delimiter), ...added(found.verdict, found.rules)].join(delimiter));
  }
  return fileText(lines, shape);
}

/**
 * The list a sending tool can take back: the input file minus every row not allowed (blocked, to review,
 * invalid, repeated), every column kept, in the input's encoding, separator, quoting and line endings.
 */
export function cleanedCsv(check: CampaignCheck): Buffer {
  const allowed = check.results.filter((r) => r.verdict === 'allow');
  const source = check.list.source;
  if (!source) {
    const header = check.campaign.channel === 'email' ? 'email' : 'phone';
    return fileText([header, ...allowed.map((r) => safeCell(r.target.value, ';'))], {
      ...EXCEL_SHAPE,
      bom: false,
      eol: '\n',
    });
  }
  const lines = source.header ? [rowText(source.header, source.delimiter)] : [];
  for (const r of allowed.sort((a, b) => a.line - b.line)) {
    const row = source.rows.get(r.line);
    if (row) lines.push(rowText(row, source.delimiter));
  }
  return fileText(lines, source.shape);
}

export type CampaignAction = 'request' | 'approve' | 'approve-cleaned' | 'reject';

/** One step of the approval, saved with its history; the approver's role is checked by the caller. */
export async function decideOnCampaign(
  ctx: AppContext,
  id: string,
  by: string,
  action: CampaignAction,
  reason?: string,
): Promise<Outcome> {
  const campaign = await findCampaign(ctx, id);
  const now = ctx.clock();
  const outcome =
    action === 'request'
      ? requestApproval(campaign, by, now, ctx.policy)
      : action === 'reject'
        ? reject(campaign, by, reason ?? '', now, ctx.policy)
        : approve(campaign, by, action === 'approve' ? 'as-checked' : 'cleaned', now, ctx.policy);
  if (outcome.ok) await ctx.store.saveCampaign(outcome.campaign);
  return outcome;
}

export async function findCampaign(ctx: AppContext, id: string): Promise<Campaign> {
  const campaign = await ctx.store.findCampaign(id.trim());
  if (!campaign) throw new InputError('unknown_campaign', { value: id.trim() });
  return campaign;
}

/** The checked campaigns, newest first; only those of one status when asked. */
export async function listCampaigns(ctx: AppContext, status?: string): Promise<Campaign[]> {
  const wanted = status === undefined ? undefined : parse.oneOf(status, CAMPAIGN_STATUSES, 'status');
  const all = await ctx.store.campaigns();
  return all
    .filter((c) => wanted === undefined || c.status === wanted)
    .sort((a, b) => b.checkedAt.localeCompare(a.checkedAt));
}

/** Records where the report was posted, so later steps update it. */
export async function attachSlackMessage(ctx: AppContext, campaign: Campaign, channel: string, ts: string) {
  const saved = { ...(await findCampaign(ctx, campaign.id)), slack: { channel, ts } };
  await ctx.store.saveCampaign(saved);
  return saved;
}

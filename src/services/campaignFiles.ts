import { reviewedLines } from '../campaign/approval.ts';
import type { CampaignCheck } from '../campaign/check.ts';
import { listHash, type RecipientList } from '../campaign/recipients.ts';
import { EXCEL_SHAPE, fileText, rowText, safeCell } from '../csv/write.ts';
import type { Campaign } from '../domain/campaign.ts';
import type { Channel } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { type Lang, t } from '../i18n.ts';
import type { Policy } from '../policy/load.ts';

/**
 * The files a campaign check gives back: the details (every row with its verdict), the cleaned list (allowed
 * rows only) and the "allowed + reviewed" list, each written in the input's own shape.
 */

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
 * A list a sending tool can take back: the input file minus every row not kept (blocked, to review, invalid,
 * repeated), every column kept, in the input's encoding, separator, quoting and line endings.
 */
function keptCsv(list: RecipientList, channel: Channel, keep: (line: number) => boolean): Buffer {
  const kept = list.recipients.filter((r) => keep(r.line)).sort((a, b) => a.line - b.line);
  const source = list.source;
  if (!source) {
    const header = channel === 'email' ? 'email' : 'phone';
    return fileText([header, ...kept.map((r) => safeCell(r.target.value, ';'))], {
      ...EXCEL_SHAPE,
      bom: false,
      eol: '\n',
    });
  }
  const lines = source.header ? [rowText(source.header, source.delimiter)] : [];
  for (const r of kept) {
    const row = source.rows.get(r.line);
    if (row) lines.push(rowText(row, source.delimiter));
  }
  return fileText(lines, source.shape);
}

/** The cleaned list: the allowed recipients only. */
export function cleanedCsv(check: CampaignCheck): Buffer {
  const allowed = new Set(check.results.filter((r) => r.verdict === 'allow').map((r) => r.line));
  return keptCsv(check.list, check.campaign.channel, (line) => allowed.has(line));
}

/**
 * The "allowed + reviewed" list, written again from the checked file: the allowed rows and those of the
 * reviewed groups. The file must be the one checked (same bytes), and the allowed rows found again must be the
 * very recipients the check allowed, or nothing is written.
 */
export function reviewedCsv(campaign: Campaign, list: RecipientList): Buffer {
  if (campaign.input?.sha256 !== list.inputSha256) throw new InputError('campaign_list_changed');
  const held = new Set(campaign.groups.flatMap((g) => g.lines ?? []));
  const allowed = list.recipients.filter((r) => !held.has(r.line));
  if (listHash(allowed.map((r) => r.target.value)) !== campaign.cleanedHash)
    throw new InputError('campaign_list_changed');
  const reviewed = reviewedLines(campaign);
  return keptCsv(list, campaign.channel, (line) => !held.has(line) || reviewed.has(line));
}

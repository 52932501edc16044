import { reviewedLines } from '../campaign/approval.ts';
import type { CampaignCheck } from '../campaign/check.ts';
import { listHash, type RecipientList, recipientKind } from '../campaign/recipients.ts';
import { EXCEL_SHAPE, fileText, rowText, safeCell } from '../csv/write.ts';
import { xlsxOf } from '../csv/xlsx.ts';
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
type Row = { raw: string; cells: string[] };

/** A row we make ourselves (a pasted list's), written as a CSV line would be. */
const madeRow = (cells: string[], delimiter: string): Row => ({
  cells,
  raw: cells.map((c) => safeCell(c, delimiter)).join(delimiter),
});

/** The details as a table: each original row (a pasted list: line and recipient) and what the check adds. */
function detailRows(check: CampaignCheck, policy: Policy, lang: Lang) {
  const source = check.list.source;
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
    ];
  };
  const extra = (['verdict', 'reason', 'rules', 'legal'] as const).map((h) => t(lang, `csv_column_${h}`));
  const made = (cells: string[]) => madeRow(cells, delimiter);
  if (!source) {
    const rows = [
      ...check.results.map((r) => ({
        line: r.line,
        value: r.target.value,
        verdict: r.verdict,
        rules: r.rules,
      })),
      ...check.list.invalid.map((r) => ({
        line: r.line,
        value: r.value,
        verdict: 'invalid' as RowVerdict,
        rules: [r.problem],
      })),
    ].sort((a, b) => a.line - b.line);
    return {
      delimiter,
      header: made([t(lang, 'csv_column_line'), t(lang, 'csv_column_recipient')]),
      extra,
      rows: rows.map((r) => ({ row: made([String(r.line), r.value]), added: added(r.verdict, r.rules) })),
    };
  }
  const verdicts = new Map<number, { verdict: RowVerdict; rules: string[] }>();
  for (const r of check.results) verdicts.set(r.line, { verdict: r.verdict, rules: r.rules });
  for (const r of check.list.invalid) verdicts.set(r.line, { verdict: 'invalid', rules: [r.problem] });
  return {
    delimiter,
    header: source.header,
    extra,
    rows: [...source.rows].map(([line, row]) => {
      const found = verdicts.get(line) ?? { verdict: 'duplicate' as const, rules: [] };
      return { row, added: added(found.verdict, found.rules) };
    }),
  };
}

/** Every row of the list with its verdict: the thread's details file (invalid rows and duplicates included). */
export function detailsCsv(check: CampaignCheck, policy: Policy, lang: Lang): Buffer {
  const source = check.list.source;
  // A file keeps its own shape and columns; a pasted list gets an Excel file.
  const shape = source
    ? { ...source.shape, bom: source.shape.encoding === 'utf-8' ? true : source.shape.bom }
    : EXCEL_SHAPE;
  const { delimiter, header, extra, rows } = detailRows(check, policy, lang);
  const line = (row: Row, added: string[]) =>
    [rowText(row, delimiter), ...added.map((c) => safeCell(c, delimiter))].join(delimiter);
  const lines = header ? [line(header, extra)] : [];
  for (const r of rows) lines.push(line(r.row, r.added));
  return fileText(lines, shape);
}

/** The same details as an Excel workbook (cells are text, never formulas). */
export function detailsXlsx(check: CampaignCheck, policy: Policy, lang: Lang): Promise<Buffer> {
  const { header, extra, rows } = detailRows(check, policy, lang);
  return xlsxOf([
    ...(header ? [[...header.cells, ...extra]] : []),
    ...rows.map((r) => [...r.row.cells, ...r.added]),
  ]);
}

/**
 * The rows a list keeps, header first: the input file's own rows (every column), or for a pasted list one
 * column named after the channel's identifier.
 */
function keptRows(list: RecipientList, channel: Channel, keep: (line: number) => boolean): Row[] {
  const kept = list.recipients.filter((r) => keep(r.line)).sort((a, b) => a.line - b.line);
  const source = list.source;
  if (!source)
    return [recipientKind(channel), ...kept.map((r) => r.target.value)].map((v) => madeRow([v], ';'));
  const rows = kept.flatMap((r) => source.rows.get(r.line) ?? []);
  return source.header ? [source.header, ...rows] : rows;
}

/**
 * A list a sending tool can take back: the input file minus every row not kept (blocked, to review, invalid,
 * repeated), every column kept, in the input's encoding, separator, quoting and line endings.
 */
function keptCsv(list: RecipientList, channel: Channel, keep: (line: number) => boolean): Buffer {
  const source = list.source;
  const delimiter = source?.delimiter ?? ';';
  const lines = keptRows(list, channel, keep).map((row) => rowText(row, delimiter));
  return fileText(lines, source?.shape ?? { ...EXCEL_SHAPE, bom: false, eol: '\n' });
}

const allowedOf = (check: CampaignCheck) => {
  const allowed = new Set(check.results.filter((r) => r.verdict === 'allow').map((r) => r.line));
  return (line: number) => allowed.has(line);
};

/** The cleaned list: the allowed recipients only. */
export function cleanedCsv(check: CampaignCheck): Buffer {
  return keptCsv(check.list, check.campaign.channel, allowedOf(check));
}

/** The cleaned list as an Excel workbook: the original columns of the allowed rows. */
export function cleanedXlsx(check: CampaignCheck): Promise<Buffer> {
  return xlsxOf(keptRows(check.list, check.campaign.channel, allowedOf(check)).map((row) => row.cells));
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

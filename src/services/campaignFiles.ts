import { join } from 'node:path';
import { reviewedLines } from '../campaign/approval.ts';
import type { RowOutcome, RowSink } from '../campaign/check.ts';
import {
  asChecked,
  type ListEntry,
  type ListInput,
  type ListLayout,
  openList,
  recipientSorter,
} from '../campaign/recipients.ts';
import { type FileOutput, textFile, workbookFile } from '../csv/fileWriter.ts';
import type { CsvRow, TextShape } from '../csv/read.ts';
import { isWorkbook } from '../csv/table.ts';
import { EXCEL_SHAPE, rowText, safeCell } from '../csv/write.ts';
import type { Campaign } from '../domain/campaign.ts';
import { InputError } from '../domain/errors.ts';
import { type Lang, t } from '../i18n.ts';
import type { Policy } from '../policy/load.ts';

/**
 * The files a campaign check gives back, written row by row as the check goes: the details (every row with its
 * verdict), the cleaned list (allowed rows only) and, later, the "allowed + reviewed" list. A file's rows keep
 * the input's columns, encoding, separator, quoting and line endings; a pasted list gets an Excel-ready file.
 */

/** Where a file goes and in which format. */
export interface OutputFile {
  path: string;
  format: 'csv' | 'xlsx';
}

/**
 * The format of the files given back for a list people shared (in Slack, which asks for no file name): a
 * workbook for a workbook (its `sheet` recorded, once checked), else CSV in the list's own shape.
 */
export async function listFormat(list: ListInput): Promise<OutputFile['format']> {
  if (list.kind === 'pasted') return 'csv';
  return (await isWorkbook(list, list.fileName).catch(() => false)) ? 'xlsx' : 'csv';
}

export const checkedFormat = (c: Campaign): OutputFile['format'] =>
  c.input?.sheet === undefined ? 'csv' : 'xlsx';

/** A file for the campaign's thread, in the format of its checked list: `cmp-…-rechecked.xlsx`. */
export function threadFile(c: Campaign, dir: string, suffix: string): OutputFile {
  const format = checkedFormat(c);
  return { path: join(dir, `${c.id}-${suffix}.${format}`), format };
}

/** A sink that completes its file at the end of a check, or removes it if the check fails. */
export interface FileSink extends RowSink {
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** A row we make ourselves (a pasted list's), written as a CSV line would be. */
const madeRow = (cells: string[], delimiter: string): CsvRow => ({
  cells,
  raw: cells.map((c) => safeCell(c, delimiter)).join(delimiter),
  line: 0,
});

function output(out: OutputFile, shape: TextShape): Promise<FileOutput> {
  return out.format === 'xlsx' ? workbookFile(out.path) : textFile(out.path, shape);
}

/** A sink writing one line per row it is given (and a header first), as CSV or as a workbook. */
async function rowFile(
  out: OutputFile,
  shape: TextShape,
  delimiter: string,
  header: { row: CsvRow; added: string[] } | undefined,
  line: (entry: ListEntry, outcome: RowOutcome) => { row: CsvRow; added: string[] } | undefined,
): Promise<FileSink> {
  const file = await output(out, shape);
  const add = ({ row, added }: { row: CsvRow; added: string[] }) =>
    file.add({
      text: [rowText(row, delimiter), ...added.map((c) => safeCell(c, delimiter))].join(delimiter),
      cells: [...row.cells, ...added],
    });
  if (header) add(header);
  return {
    add(entry, outcome) {
      const made = line(entry, outcome);
      if (made) add(made);
    },
    flush: file.flush,
    commit: file.commit,
    abort: file.abort,
  };
}

/** Every row of the list with its verdict, reason, rules and legal basis (invalid rows and repeats included). */
export function detailsFile(
  out: OutputFile,
  layout: ListLayout,
  policy: Policy,
  lang: Lang,
): Promise<FileSink> {
  const file = layout.file;
  const delimiter = file?.delimiter ?? ';';
  // A file keeps its own shape and columns (a BOM for Excel if UTF-8); a pasted list gets an Excel file.
  const shape = file
    ? { ...file.shape, bom: file.shape.encoding === 'utf-8' ? true : file.shape.bom }
    : EXCEL_SHAPE;
  const extra = (['verdict', 'reason', 'rules', 'legal'] as const).map((h) => t(lang, `csv_column_${h}`));
  const header = file
    ? file.header && { row: file.header, added: extra }
    : {
        row: madeRow([t(lang, 'csv_column_line'), t(lang, 'csv_column_recipient')], delimiter),
        added: extra,
      };
  const added = ({ verdict, rules }: RowOutcome) => {
    const rule = rules[0] ? policy.rules.find((r) => r.id === rules[0]) : undefined;
    const word = verdict === 'empty' ? 'invalid' : verdict;
    const notChecked = verdict === 'invalid' || verdict === 'duplicate' || verdict === 'empty';
    return [
      t(lang, `csv_verdict_${word}`),
      (notChecked ? t(lang, `csv_reason_${verdict}`) : rule?.title[lang]) ?? '',
      rules.join(' '),
      (rule?.legal ?? []).map((l) => `${l.text} ${l.article}`).join(', '),
    ];
  };
  return rowFile(out, shape, delimiter, header, (entry, outcome) => ({
    row: entry.row ?? madeRow([String(entry.line), entry.value], delimiter),
    added: added(outcome),
  }));
}

/**
 * A list a sending tool can take back: the input's rows that `keep` lets through, every column kept, header
 * first; a pasted list gives one column named after the channel's identifier.
 */
export function sendableFile(
  out: OutputFile,
  layout: ListLayout,
  keep: (outcome: RowOutcome) => boolean,
): Promise<FileSink> {
  const file = layout.file;
  const delimiter = file?.delimiter ?? ';';
  const shape = file?.shape ?? { ...EXCEL_SHAPE, bom: false, eol: '\n' };
  const header = file
    ? file.header && { row: file.header, added: [] }
    : { row: madeRow([layout.kind], delimiter), added: [] };
  return rowFile(out, shape, delimiter, header, (entry, outcome) =>
    keep(outcome) ? { row: entry.row ?? madeRow([entry.value], delimiter), added: [] } : undefined,
  );
}

/** The cleaned list: the allowed recipients only (not the invalid rows, not the repeats). */
export function cleanedFile(out: OutputFile, layout: ListLayout): Promise<FileSink> {
  return sendableFile(out, layout, (outcome) => outcome.verdict === 'allow');
}

/**
 * The "allowed + reviewed" list, written again from the checked file: the allowed rows and those of the
 * reviewed groups. The file must be the one checked (same bytes), and the allowed rows found again must be the
 * very recipients the check allowed, or nothing is written.
 */
export async function writeReviewedList(
  campaign: Campaign,
  input: ListInput,
  out: OutputFile,
): Promise<void> {
  const list = await openList(asChecked(campaign, input), campaign.channel);
  if (campaign.input?.sha256 !== list.inputSha256) throw new InputError('campaign_list_changed');
  const held = new Set(campaign.groups.flatMap((g) => g.lines ?? []));
  const reviewed = reviewedLines(campaign);
  const sorter = recipientSorter(list.layout.kind);
  const sink = await sendableFile(out, list.layout, (outcome) => outcome.verdict === 'allow');
  try {
    for await (const batch of list.entries) {
      for (const entry of batch) {
        const sorted = sorter.sort(entry.value);
        if (sorted.kind !== 'recipient') continue;
        if (!held.has(entry.line)) sorter.seen.mark(sorted.index);
        const kept = !held.has(entry.line) || reviewed.has(entry.line);
        sink.add(entry, { verdict: kept ? 'allow' : 'review', rules: [] });
      }
      await sink.flush();
    }
    if (sorter.seen.hash(true) !== campaign.cleanedHash) throw new InputError('campaign_list_changed');
    await sink.commit();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

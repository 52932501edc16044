import { basename } from 'node:path';
import { type FileOutput, textFile, workbookFile } from '../csv/fileWriter.ts';
import { EXCEL_SHAPE, safeCell } from '../csv/write.ts';
import { InputError } from '../domain/errors.ts';
import { type Identifier, identifiersOf } from '../domain/identifiers.ts';
import type { Lang } from '../i18n.ts';
import { type Actor, mayExportRegister } from '../policy/access.ts';
import { subjectsOf } from './checkQueue.ts';
import type { AppContext } from './context.ts';
import { audited } from './permissions.ts';
import { registerHeader, registerRow } from './registerRows.ts';

/** How many contacts are read, turned into rows and written at a time: a large register is never held whole. */
const SLICE = 1000;
/** French Excel opens a `;`-separated file in columns (a `,` one in a single column). */
const DELIMITER = ';';

export type RegisterFormat = 'csv' | 'xlsx';

/** The format of the export from its file's name: `.csv` or `.xlsx`, anything else refused at --out. */
export function registerFormat(out: string): RegisterFormat {
  const format = /\.xlsx$/i.test(out) ? 'xlsx' : /\.csv$/i.test(out) ? 'csv' : undefined;
  if (!format) throw new InputError('export_file_type', { field: 'out', value: out, allowed: '.csv, .xlsx' });
  return format;
}

/**
 * The whole register as a spreadsheet for the DPO (`register export`): one row per contact, identifiers in full,
 * with its sources, consents, objections and deadlines in the policy's time zone, headers in `lang`. Only the
 * compliance roles (GDPR art. 5(1)(f), 32: the least access), refused and audited otherwise. CSV is UTF-8 with a
 * BOM, `;` and CRLF, every cell neutralised against formulas; written in slices to a temporary file (mode 600)
 * that takes its name once complete. The export is audited once: who, how many rows, the file's name.
 */
export async function exportRegister(
  ctx: AppContext,
  editor: Actor,
  options: { out: string; lang: Lang },
): Promise<{ rows: number; format: RegisterFormat }> {
  const format = registerFormat(options.out);
  const at = ctx.clock();
  if (!mayExportRegister(editor.roles)) {
    await audited(ctx, editor, 'register.export', undefined, 'not a compliance role', 'refused');
    throw new InputError('register_export_not_allowed');
  }
  const file = format === 'xlsx' ? await workbookFile(options.out) : await textFile(options.out, EXCEL_SHAPE);
  let rows = 0;
  try {
    add(file, registerHeader(options.lang));
    for await (const page of ctx.store.contactPages(SLICE)) {
      // Her objections and withdrawals, on every identifier she has or had, read for the slice at once.
      const targets = page.map((r) => identifiersOf(r.contact)[0] as Identifier);
      const facts = await subjectsOf(ctx, targets);
      page.forEach((record, i) => {
        add(file, registerRow(record, facts[i]?.objections ?? [], ctx.policy, options.lang, at));
      });
      rows += page.length;
      await file.flush();
    }
    await file.commit();
  } catch (error) {
    await file.abort();
    throw error;
  }
  await ctx.store.audit({
    at: at.toISOString(),
    actor: editor.id,
    action: 'register.export',
    outcome: 'done',
    detail: `${rows} rows, ${format}, file ${withoutIdentifiers(basename(options.out))}`,
  });
  return { rows, format };
}

/** A row as CSV text (every cell neutralised: a name like "=HYPERLINK(…)" stays text) and as workbook cells. */
function add(file: FileOutput, cells: string[]): void {
  file.add({ text: cells.map((c) => safeCell(c, DELIMITER)).join(DELIMITER), cells });
}

/** A file named after a person (alice@corp.fr.csv) is audited without her address or number in clear. */
function withoutIdentifiers(name: string): string {
  return name.replace(/[^\s@/]+@[^\s@/]+?(?=\.(csv|xlsx)$|$)/gi, '…@…').replace(/\+?\d[\d .-]{6,}\d/g, '…');
}

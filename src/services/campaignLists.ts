import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { keepListUntil } from '../campaign/recheck.ts';
import { asChecked, type ListInput, openList, recipientSorter, sha256 } from '../campaign/recipients.ts';
import { decodeText, encodeText } from '../csv/read.ts';
import { kindOf, withRowsEmptied } from '../csv/workbook.ts';
import type { Campaign } from '../domain/campaign.ts';
import { InputError } from '../domain/errors.ts';
import { foreignKeysOf, isForeignKey } from '../domain/foreignHashes.ts';
import type { AppContext } from './context.ts';
import { withScratchDir } from './scratch.ts';

/**
 * The checked list of a campaign, kept beside the register so the campaign can be checked again at send time
 * (an approval holds only for the recipients still allowed then). It is the file as checked, byte for byte (its
 * sha256 is the check's), in parts of 3 MiB: `store.documents('campaign-lists')`, a folder of files mode 600 in
 * a folder 700 beside a file register, or the `documents` table. Only for as long as the campaign may be
 * approved or sent (campaign/recheck.ts keepListUntil); discarded when rejected, replaced or over.
 */

const PART = 3 * 2 ** 20;

type Part = { data: string };

const lists = (ctx: AppContext) => ctx.store.documents<Part>('campaign-lists');
const partKey = (id: string, n: number) => `${id}.${n}`;

async function* chunks(list: ListInput): AsyncGenerator<Buffer> {
  if (list.kind === 'pasted') return yield Buffer.from(list.text, 'utf8');
  if ('bytes' in list) {
    const all = Buffer.from(list.bytes.buffer, list.bytes.byteOffset, list.bytes.length);
    for (let at = 0; at < all.length; at += PART) yield all.subarray(at, at + PART);
    return;
  }
  for await (const chunk of createReadStream(list.path, { highWaterMark: PART })) yield chunk as Buffer;
}

/** Keeps a copy of the list just checked; what the campaign records of it (or nothing, for a list that ended). */
export async function keepList(ctx: AppContext, c: Campaign, list: ListInput): Promise<Campaign['kept']> {
  if (!keepListUntil(c)) return undefined;
  const { parts, size } = await writeParts(ctx, c.id, list);
  const fileName = list.kind === 'pasted' ? 'list.txt' : list.fileName.split(/[\\/]/).pop() || 'list.csv';
  return { parts, size, fileName };
}

async function writeParts(ctx: AppContext, id: string, list: ListInput) {
  let [parts, size] = [0, 0];
  try {
    for await (const chunk of chunks(list)) {
      await lists(ctx).put(partKey(id, parts), { data: chunk.toString('base64') });
      parts++;
      size += chunk.length;
    }
  } catch (error) {
    await removeParts(ctx, id, parts + 1);
    throw error;
  }
  return { parts, size };
}

async function removeParts(ctx: AppContext, id: string, parts: number) {
  for (let n = 0; n < parts; n++) await lists(ctx).remove(partKey(id, n));
}

/**
 * The kept list written back to `dir`, as the check read it; undefined when none is kept (a check made before
 * lists were kept). A part gone missing is refused: a list that is not the checked one is never used.
 */
export async function keptList(ctx: AppContext, c: Campaign, dir: string): Promise<ListInput | undefined> {
  if (!c.kept) return undefined;
  const path = join(dir, 'kept-list');
  await appendFile(path, Buffer.alloc(0), { mode: 0o600 });
  const hash = createHash('sha256');
  for (let n = 0; n < c.kept.parts; n++) {
    const part = await lists(ctx).get(partKey(c.id, n));
    if (!part) throw new InputError('campaign_list_changed');
    const bytes = Buffer.from(part.data, 'base64');
    hash.update(bytes);
    await appendFile(path, bytes);
  }
  // The very bytes checked (or, once people were erased from it, the copy as rewritten then).
  if (hash.digest('hex') !== (c.kept.sha256 ?? c.input?.sha256))
    throw new InputError('campaign_list_changed');
  if (c.input?.pasted) return { kind: 'pasted', text: await readFile(path, 'utf8') };
  return asChecked(c, { kind: 'file', path, fileName: c.kept.fileName });
}

/** Discards the kept list of a campaign (its record says so); the campaign as saved, or as it was. */
export async function discardList(ctx: AppContext, c: Campaign): Promise<Campaign> {
  if (!c.kept) return c;
  await removeParts(ctx, c.id, c.kept.parts);
  const { kept: _gone, ...rest } = c;
  await ctx.store.saveCampaign(rest);
  return rest;
}

/**
 * Discards every kept list past its time (a campaign rejected, replaced, expired before approval, or past its
 * planned period): run after each check and each recheck, and by the retention job.
 */
export async function discardEndedLists(ctx: AppContext): Promise<number> {
  const now = ctx.clock();
  let discarded = 0;
  for (const c of await ctx.store.campaigns()) {
    if (!c.kept) continue;
    const until = keepListUntil(c);
    if (until && now < until) continue;
    await discardList(ctx, c);
    discarded++;
  }
  return discarded;
}

/**
 * GDPR art. 17: an erased person leaves every kept list. Her rows (found by keyed hash, so a former address of
 * hers too) become empty lines, every other row staying on its line, so what the check kept by line number
 * still holds; the campaign records the copy's new hash and how many rows were erased from it. Returns the
 * campaigns whose list held her.
 */
export async function eraseFromKeptLists(ctx: AppContext, hashes: string[]): Promise<string[]> {
  const hers = new Set(hashes);
  const changed: string[] = [];
  for (const c of await ctx.store.campaigns()) {
    if (!c.kept) continue;
    const erased = await withScratchDir(async (dir) => {
      const list = (await keptList(ctx, c, dir)) as ListInput;
      const rows = await rowsOf(ctx, list, c, hers);
      if (rows.length === 0) return 0;
      const bytes =
        list.kind === 'pasted' ? Buffer.from(blankValues(list.text, rows)) : await blankRows(list, rows);
      await removeParts(ctx, c.id, c.kept?.parts ?? 0);
      const { parts, size } = await writeParts(ctx, c.id, { kind: 'file', fileName: '', bytes });
      const before = c.kept as NonNullable<Campaign['kept']>;
      // Her first row is the recipient the check counted (a repeat was not): its line tells a recheck who went.
      const counted = rows.filter((r) => r.counted).map((r) => r.line);
      const erasedLines = [...(before.erasedLines ?? []), ...counted].sort((a, b) => a - b);
      await ctx.store.saveCampaign({
        ...c,
        kept: { ...before, parts, size, sha256: sha256(bytes), erasedLines },
      });
      return rows.length;
    });
    if (erased > 0) changed.push(c.id);
  }
  return changed;
}

type Row = { line: number; value: string; span: number; counted: boolean };

/** Whether the campaign's kept list holds one of these people (by keyed hash, a repeat of her included). */
export async function keptListHolds(ctx: AppContext, c: Campaign, hashes: string[]): Promise<boolean> {
  if (!c.kept || hashes.length === 0) return false;
  const hers = new Set(hashes);
  return withScratchDir(async (dir) => {
    const list = await keptList(ctx, c, dir);
    return list !== undefined && (await rowsOf(ctx, list, c, hers)).length > 0;
  });
}

/** The rows of the list that are hers: the line each ends on, its value, and how many lines it spans. */
async function rowsOf(ctx: AppContext, list: ListInput, c: Campaign, hers: Set<string>): Promise<Row[]> {
  const opened = await openList(list, c.channel);
  const sorter = recipientSorter(opened.layout.kind);
  const rows: Row[] = [];
  // People another tool's list gave only hashed: each row's own hashes are computed only then.
  const foreign = [...hers].some(isForeignKey);
  for await (const batch of opened.entries)
    for (const entry of batch) {
      const sorted = sorter.sort(entry.value);
      const target = sorted.kind === 'recipient' ? sorted.target : undefined;
      // A repeat of her is hers too: found again by its own value.
      const again = sorted.kind === 'duplicate' ? tryRead(opened.layout.kind, entry.value) : undefined;
      const id = target ?? again;
      if (id && (hers.has(ctx.store.hash(id)) || (foreign && foreignKeysOf(id).some((k) => hers.has(k)))))
        rows.push({
          line: entry.line,
          value: entry.value,
          span: (entry.row?.raw.match(/\n/g) ?? []).length + 1,
          counted: target !== undefined,
        });
    }
  return rows;
}

function tryRead(kind: 'email' | 'phone', value: string) {
  const sorted = recipientSorter(kind).sort(value);
  return sorted.kind === 'recipient' ? sorted.target : undefined;
}

/** A file's rows emptied: a CSV's lines, or a workbook's rows in the sheet checked (csv/workbook.ts). */
async function blankRows(list: ListInput & { kind: 'file' }, rows: Row[]): Promise<Buffer> {
  const bytes = 'path' in list ? await readFile(list.path) : Buffer.from(list.bytes);
  if (kindOf(bytes) !== 'xlsx') return blankLines(bytes, rows);
  return withRowsEmptied(bytes, list.fileName, list.sheet, new Set(rows.map((r) => r.line)));
}

/** A file's lines of those rows emptied, in the file's own encoding; every line keeps its line ending. */
function blankLines(bytes: Buffer, rows: Row[]): Buffer {
  const decoded = decodeText(bytes);
  const lines = decoded.text.split(/(?<=\n)/);
  for (const row of rows)
    for (let n = row.line - row.span + 1; n <= row.line; n++) {
      const line = lines[n - 1];
      if (line !== undefined) lines[n - 1] = line.replace(/[^\r\n]+/, '');
    }
  return encodeText(lines.join(''), decoded.shape);
}

/** A pasted list with those values taken out of their lines (a line may hold several, by commas). */
function blankValues(text: string, rows: Row[]): string {
  const lines = text.split('\n');
  for (const row of rows) {
    const escaped = row.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const line = lines[row.line - 1] ?? '';
    lines[row.line - 1] = line.replace(new RegExp(`(^|[\\s,;])${escaped}(?=$|[\\s,;])`), '$1');
  }
  return lines.join('\n');
}

import { createReadStream } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { keepListUntil } from '../campaign/recheck.ts';
import type { ListInput } from '../campaign/recipients.ts';
import type { Campaign } from '../domain/campaign.ts';
import { InputError } from '../domain/errors.ts';
import type { AppContext } from './context.ts';

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
  const until = keepListUntil(c);
  if (!until) return undefined;
  let [parts, size] = [0, 0];
  try {
    for await (const chunk of chunks(list)) {
      await lists(ctx).put(partKey(c.id, parts), { data: chunk.toString('base64') });
      parts++;
      size += chunk.length;
    }
  } catch (error) {
    await removeParts(ctx, c.id, parts + 1);
    throw error;
  }
  const fileName = list.kind === 'pasted' ? 'list.txt' : list.fileName.split(/[\\/]/).pop() || 'list.csv';
  return { parts, size, fileName };
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
  for (let n = 0; n < c.kept.parts; n++) {
    const part = await lists(ctx).get(partKey(c.id, n));
    if (!part) throw new InputError('campaign_list_changed');
    await appendFile(path, Buffer.from(part.data, 'base64'));
  }
  if (c.input?.pasted) return { kind: 'pasted', text: await readFile(path, 'utf8') };
  return { kind: 'file', path, fileName: c.kept.fileName };
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

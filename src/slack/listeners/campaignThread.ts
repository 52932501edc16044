import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { App } from '@slack/bolt';
import type { Campaign } from '../../domain/campaign.ts';
import { InputError } from '../../domain/errors.ts';
import { campaignApprovers } from '../../policy/access.ts';
import { reportBlocks } from '../blocks/campaign.ts';
import { section } from '../blocks/kit.ts';
import type { SlackDeps } from './kit.ts';

type Client = App['client'];

const MAX_FILE_BYTES = 50 * 1024 * 1024;

export type UploadedFile = { id?: string; name?: string; url_private_download?: string };

/**
 * Downloads a shared file with the bot token (without it Slack answers a login page, not the file), written
 * to `path` (mode 600) as it comes, and refused past MAX_FILE_BYTES without reading the rest.
 */
export async function download(
  client: Client,
  token: string,
  file: UploadedFile,
  path: string,
): Promise<{ name: string; path: string }> {
  let url = file.url_private_download;
  let name = file.name ?? 'recipients.csv';
  if (!url && file.id) {
    const info = await client.files.info({ file: file.id });
    url = info.file?.url_private_download;
    name = info.file?.name ?? name;
  }
  if (!url) throw new InputError('file_no_link');
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new InputError('download_refused', { status: response.status });
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    throw new InputError('file_is_web_page');
  }
  const tooBig = () => new InputError('file_too_big', { limit: MAX_FILE_BYTES / 1024 / 1024 });
  if (Number(response.headers.get('content-length') ?? 0) > MAX_FILE_BYTES) throw tooBig();
  let size = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > MAX_FILE_BYTES ? tooBig() : null, chunk);
    },
  });
  const body = response.body ? Readable.fromWeb(response.body as WebReadableStream) : Readable.from([]);
  await pipeline(body, counted, createWriteStream(path, { mode: 0o600, flags: 'wx' }));
  return { name, path };
}

/** The id Slack gave an uploaded file, found by its title in filesUploadV2's answer. */
export function uploadedId(answer: unknown, title: string): string | undefined {
  const groups = (answer as { files?: { files?: { id?: string; title?: string }[] }[] }).files ?? [];
  return groups.flatMap((g) => g.files ?? []).find((f) => f.title === title)?.id;
}

/** What the campaign listeners share: the report in its channel and the thread under it. */
export function campaignThread(deps: SlackDeps) {
  const { ctx } = deps;
  const approversOf = (c: Campaign) => campaignApprovers(ctx.policy, c.slack?.channel);

  /** The report is read by the whole channel: always in the policy's language, whoever acted. */
  const channelLang = () => deps.people.defaultLang;

  /** Redraws the report in the channel with the campaign's new status. Best effort: the store has the truth. */
  async function redraw(client: Client, c: Campaign) {
    if (!c.slack) return;
    try {
      await client.chat.update({
        channel: c.slack.channel,
        ts: c.slack.ts,
        ...reportBlocks(c, ctx.policy, channelLang()),
      });
    } catch (error) {
      deps.logger.warn(`chat.update of campaign ${c.id} failed: ${(error as Error).message}`);
    }
  }

  async function threadReply(client: Client, c: Campaign, text: string, blocks = [section(text)]) {
    if (!c.slack) return undefined;
    return client.chat.postMessage({ channel: c.slack.channel, thread_ts: c.slack.ts, text, blocks });
  }

  return { approversOf, channelLang, redraw, threadReply };
}

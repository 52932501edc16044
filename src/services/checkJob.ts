import { type CampaignInput, type CheckSources, checkCampaign } from '../campaign/check.ts';
import { parsePastedRecipients, parseRecipientFile, type RecipientList } from '../campaign/recipients.ts';
import type { Campaign } from '../domain/campaign.ts';
import type { Channel } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import type { Lang } from '../i18n.ts';
import type { Policy } from '../policy/load.ts';
import { cleanedCsv, cleanedXlsx, detailsCsv, detailsXlsx } from './campaignFiles.ts';

/** A recipient list as it arrives: a file's bytes, or a list pasted in the Slack modal. */
export type ListInput =
  | { kind: 'file'; bytes: Uint8Array; fileName: string }
  | { kind: 'pasted'; text: string };

/** The files a check writes back, and in which format. */
export interface Outputs {
  details?: 'csv' | 'xlsx';
  cleaned?: 'csv' | 'xlsx';
  lang: Lang;
}

/**
 * One campaign check, as plain data so it can cross to a worker thread: the campaign's fields (already
 * validated), its list as received, the row limit and the time of the check.
 */
export interface CheckJob extends Omit<CampaignInput, 'list'> {
  list: ListInput;
  maxRows: number;
  now: Date;
  outputs: Outputs;
}

export interface CheckJobResult {
  campaign: Campaign;
  files: { details?: Uint8Array; cleaned?: Uint8Array };
}

export async function readList(list: ListInput, channel: Channel, maxRows?: number): Promise<RecipientList> {
  return list.kind === 'file'
    ? parseRecipientFile(
        Buffer.from(list.bytes.buffer, list.bytes.byteOffset, list.bytes.length),
        channel,
        list.fileName,
        maxRows,
      )
    : parsePastedRecipients(list.text, channel);
}

/**
 * Reads the list, checks every recipient and writes the files asked for. The same code runs in the worker
 * thread and, when no worker can start, in the app's own thread; only `subjectsOf` reaches the store.
 */
export async function runCheckJob(
  job: CheckJob,
  policy: Policy,
  subjectsOf: CheckSources['subjectsOf'],
  onProgress?: (done: number, total: number) => void,
): Promise<CheckJobResult> {
  const list = await readList(job.list, job.channel, job.maxRows);
  if (list.rows > job.maxRows) throw new InputError('too_long', { field: 'file', limit: job.maxRows });
  if (list.recipients.length === 0 && list.invalid.length === 0) throw new InputError('empty_list');
  const check = await checkCampaign({ policy, now: job.now, subjectsOf, onProgress }, { ...job, list });
  const { outputs } = job;
  const files: CheckJobResult['files'] = {};
  if (outputs.details)
    files.details =
      outputs.details === 'xlsx'
        ? await detailsXlsx(check, policy, outputs.lang)
        : detailsCsv(check, policy, outputs.lang);
  if (outputs.cleaned)
    files.cleaned = outputs.cleaned === 'xlsx' ? await cleanedXlsx(check) : cleanedCsv(check);
  return { campaign: check.campaign, files };
}

import { type CampaignInput, type CheckSources, checkCampaign } from '../campaign/check.ts';
import type { Campaign } from '../domain/campaign.ts';
import type { Lang } from '../i18n.ts';
import type { Policy } from '../policy/load.ts';
import { cleanedFile, detailsFile, type FileSink, type OutputFile } from './campaignFiles.ts';

/** The files a check writes as it goes, where and in which format, and the language of their words. */
export interface Outputs {
  details?: OutputFile;
  cleaned?: OutputFile;
  lang: Lang;
}

/**
 * One campaign check, as plain data so it can cross to a worker thread: the campaign's fields (already
 * validated), its list as received (bytes, or a path on disk), the row limit and the time of the check.
 */
export interface CheckJob extends CampaignInput {
  maxRows: number;
  now: Date;
  outputs: Outputs;
}

/**
 * Reads the list as a stream, checks every recipient and writes the files asked for as it goes. The same code
 * runs in the worker thread and, when no worker can start, in the app's own thread; only `subjectsOf` reaches
 * the store. A check that fails leaves no file behind.
 */
export async function runCheckJob(
  job: CheckJob,
  policy: Policy,
  subjectsOf: CheckSources['subjectsOf'],
  onProgress?: (done: number, total: number) => void,
): Promise<Campaign> {
  const { outputs } = job;
  const sinks: FileSink[] = [];
  try {
    const sources = { policy, now: job.now, subjectsOf, onProgress, maxRows: job.maxRows };
    const campaign = await checkCampaign(sources, job, async (layout) => {
      if (outputs.details) sinks.push(await detailsFile(outputs.details, layout, policy, outputs.lang));
      if (outputs.cleaned) sinks.push(await cleanedFile(outputs.cleaned, layout));
      return sinks;
    });
    for (const sink of sinks) await sink.commit();
    return campaign;
  } catch (error) {
    for (const sink of sinks) await sink.abort();
    throw error;
  }
}

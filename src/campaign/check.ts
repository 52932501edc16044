import { randomBytes } from 'node:crypto';
import type { Campaign } from '../domain/campaign.ts';
import type { Audience, Channel, SubjectFacts } from '../domain/contacts.ts';
import { CONSENT_PURPOSE_DEFAULT } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import type { Identifier } from '../domain/identifiers.ts';
import { addDuration } from '../domain/time.ts';
import type { Policy } from '../policy/load.ts';
import { type Pending, type RowOutcome, type Slice, Tally } from './checkTally.ts';
import { checkMessage } from './message.ts';
import {
  type ListEntry,
  type ListInput,
  type ListLayout,
  type OpenedList,
  openList,
  recipientSorter,
  sha256,
} from './recipients.ts';

export type { RowOutcome };

export interface CampaignInput {
  name: string;
  channel: Channel;
  product: string;
  audience: Audience;
  plannedStart: Date;
  plannedEnd?: Date;
  template: string;
  list: ListInput;
  checkedBy: string;
}

/**
 * Where each value goes once decided, in the order of the list: the files a check writes (campaignFiles.ts).
 * `flush` is awaited every slice, so a file is written as the check goes, never held whole.
 */
export interface RowSink {
  add(entry: ListEntry, outcome: RowOutcome): void;
  flush(): Promise<void>;
}

/** Recipients looked up and decided together; between slices the thread can answer others. */
const SLICE = 1000;
export const campaignId = () => `cmp-${randomBytes(4).toString('hex')}`;

/** What a check reads: the policy, the time of the check, and the facts about one recipient. */
export interface CheckSources {
  policy: Policy;
  now: Date;
  /** The facts about a slice of recipients, in order (one call per slice: a worker thread asks the store once). */
  subjectsOf: (targets: Identifier[]) => Promise<SubjectFacts[]>;
  /** Told how many rows are done and about how many there are in all (progress in Slack or on a terminal). */
  onProgress?: (done: number, total: number) => void;
  /** The policy's row limit: a longer list is refused while it is read. */
  maxRows?: number;
}

/**
 * Checks every recipient with the same engine as /can-i, at the campaign's planned start (and end), and the
 * message itself. The list is read as a stream: each slice of recipients is looked up while the one before is
 * decided, and every row goes to the sinks (the files) as soon as it and the rows before it are decided. Only
 * the distinct recipients (for the list's hash) and the line numbers of each group are kept. The caller saves
 * the campaign.
 */
export async function checkCampaign(
  sources: CheckSources,
  input: CampaignInput,
  sinksFor: (layout: ListLayout) => Promise<RowSink[]> = async () => [],
): Promise<Campaign> {
  const { policy } = sources;
  const times = [input.plannedStart, ...(input.plannedEnd ? [input.plannedEnd] : [])];
  const request = { channel: input.channel, purpose: CONSENT_PURPOSE_DEFAULT, product: input.product };
  const list = await openList(input.list, input.channel, sources.maxRows);
  const sinks = await sinksFor(list.layout);
  const sorter = recipientSorter(list.layout.kind);
  const tally = new Tally({ policy, request, times, audience: input.audience, sorter });
  const rows = new RowFlow(sources, sinks, tally, () => list.readShare());

  for await (const batch of list.entries) {
    rows.pulled += batch.length;
    for (const entry of batch) {
      tally.rows++;
      const sorted = sorter.sort(entry.value);
      const item: Pending = { entry };
      rows.pending.push(item);
      // The slice holds the pending row itself: deciding the slice fills in its outcome.
      if (sorted.kind === 'recipient')
        rows.queue(Object.assign(item, { target: sorted.target, index: sorted.index }));
      else tally.notRecipient(item, sorted);
      // The next slice's facts are asked for before this one is decided: in a worker thread, the store
      // answers while the engine runs.
      if (rows.inFlight.length > 1) await rows.settleOldest();
    }
    rows.send(); // a part slice too, so rows after it are not held back
    while (rows.inFlight.length > 1) await rows.settleOldest();
  }
  rows.send();
  while (rows.inFlight.length > 0) await rows.settleOldest();
  if (sorter.seen.size === 0 && tally.invalid === 0) throw new InputError('empty_list');
  return campaignRecord(sources, input, { list, sorter, tally });
}

/**
 * Rows wait here, in order, until they and every row before them are decided; then they go to the sinks. The
 * recipients go by slices, each looked up (`subjectsOf`) while the one before is decided.
 */
class RowFlow {
  pending: Pending[] = [];
  readonly inFlight: Slice[] = [];
  /** The rows read from the file so far, and those handed to the sinks. */
  pulled = 0;
  private done = 0;
  private slice: Slice['items'] = [];

  constructor(
    private readonly sources: CheckSources,
    private readonly sinks: RowSink[],
    private readonly tally: Tally,
    private readonly readShare: () => number,
  ) {}

  queue(item: Slice['items'][number]): void {
    this.slice.push(item);
    if (this.slice.length === SLICE) this.send();
  }

  send(): void {
    if (this.slice.length === 0) return;
    const items = this.slice;
    this.slice = [];
    this.inFlight.push({ items, facts: this.sources.subjectsOf(items.map((i) => i.target)) });
  }

  async settleOldest(): Promise<void> {
    const oldest = this.inFlight.shift() as Slice;
    this.tally.decideSlice(oldest.items, await oldest.facts);
    let ready = 0;
    while (ready < this.pending.length && this.pending[ready]?.outcome) ready++;
    for (const p of this.pending.slice(0, ready))
      for (const sink of this.sinks) sink.add(p.entry, p.outcome as RowOutcome);
    this.pending = this.pending.slice(ready);
    this.done += ready;
    for (const sink of this.sinks) await sink.flush();
    // In all: the rows read so far, scaled by the share of the file read (exact once it is all read).
    const total = Math.max(this.done, Math.round(this.pulled / Math.max(this.readShare(), 1e-9)));
    this.sources.onProgress?.(this.done, total);
    // A pause between slices: in the app's own thread (no worker), other requests are answered meanwhile.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The checked campaign, as saved: what was checked, its counts and groups, until when the check holds. */
function campaignRecord(
  { policy, now }: CheckSources,
  input: CampaignInput,
  { list, sorter, tally }: { list: OpenedList; sorter: ReturnType<typeof recipientSorter>; tally: Tally },
): Campaign {
  const { rows, duplicates, invalid, counts, listOptOuts } = tally;
  return {
    id: campaignId(),
    name: input.name,
    channel: input.channel,
    product: input.product,
    audience: input.audience,
    plannedStart: input.plannedStart.toISOString(),
    plannedEnd: input.plannedEnd?.toISOString(),
    template: input.template,
    templateHash: sha256(input.template),
    listHash: sorter.seen.hash(),
    cleanedHash: sorter.seen.hash(true),
    input: {
      sha256: list.inputSha256,
      ...(input.list.kind === 'pasted' ? { pasted: true } : {}),
      ...(list.layout.file?.sheet === undefined ? {} : { sheet: list.layout.file.sheet }),
    },
    counts: { rows, recipients: sorter.seen.size, duplicates, invalid, ...counts },
    findings: checkMessage(input.template, input.channel, input.product, policy),
    groups: tally.sortedGroups(),
    campaignWide: [...tally.campaignWide],
    audienceMismatches: tally.audienceMismatches,
    invalidLines: tally.invalidLines,
    ...(listOptOuts > 0 ? { listOptOuts } : {}),
    policyRevision: policy.revision,
    checkedAt: now.toISOString(),
    checkedBy: input.checkedBy,
    expiresAt: addDuration(now, policy.doc.campaign.check_validity, policy.timeZone).toISOString(),
    status: 'checked',
    history: [
      { at: now.toISOString(), by: input.checkedBy, event: 'checked', policyRevision: policy.revision },
    ],
  };
}

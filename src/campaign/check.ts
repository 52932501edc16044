import { randomBytes } from 'node:crypto';
import type { Campaign } from '../domain/campaign.ts';
import type { Audience, Channel, SubjectFacts } from '../domain/contacts.ts';
import { CONSENT_PURPOSE_DEFAULT } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { type Identifier, maskIdentifier } from '../domain/identifiers.ts';
import { addDuration } from '../domain/time.ts';
import { SEVERITY, type Verdict } from '../domain/verdict.ts';
import { type Decision, decide } from '../policy/engine.ts';
import type { Policy } from '../policy/load.ts';
import { checkMessage } from './message.ts';
import {
  type ListEntry,
  type ListInput,
  type ListLayout,
  openList,
  recipientSorter,
  sha256,
} from './recipients.ts';

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

/** What the check says of one value of the list: a verdict and its rules, or why it is not a recipient. */
export interface RowOutcome {
  verdict: Verdict | 'invalid' | 'duplicate' | 'empty';
  /** The rules behind a review or block; the problem of an invalid value. */
  rules: string[];
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
const SAMPLES = 3;

/** The rule of an objection: what a person's unsubscribe, told by the list itself, is answered with. */
const OBJECTION_RULE = 'optout-right-to-object';

/**
 * A recipient the file says unsubscribed (Brevo's BLACKLISTED, HubSpot's "Unsubscribed from all email"…):
 * blocked by her objection, whatever the register holds (GDPR art. 21(3); it binds once we hold it).
 */
function unsubscribedInList(decided: ReturnType<typeof worst>): ReturnType<typeof worst> {
  const others = decided.verdict === 'block' ? decided.rules.filter((r) => r !== OBJECTION_RULE) : [];
  return { ...decided, verdict: 'block', rules: [OBJECTION_RULE, ...others] };
}

/** An opt-out cell that says neither yes nor no: never allowed on a guess, to review with the objection rule. */
function unclearInList(decided: ReturnType<typeof worst>): ReturnType<typeof worst> {
  if (decided.verdict === 'block') return decided;
  const others = decided.verdict === 'review' ? decided.rules.filter((r) => r !== OBJECTION_RULE) : [];
  return { ...decided, verdict: 'review', rules: [OBJECTION_RULE, ...others] };
}

export const campaignId = () => `cmp-${randomBytes(4).toString('hex')}`;

/** The worst of the decisions at each planned time: a recipient is allowed only if every moment is. */
function worst(decisions: Decision[]): { verdict: Verdict; rules: string[]; audience: Audience } {
  const verdict = decisions.reduce<Verdict>(
    (w, d) => (SEVERITY[d.verdict] < SEVERITY[w] ? d.verdict : w),
    'allow',
  );
  const rules = new Set<string>();
  for (const d of decisions) {
    for (const reason of d.reasons)
      if (reason.verdict === verdict && verdict !== 'allow') rules.add(reason.rule);
  }
  return { verdict, rules: [...rules], audience: decisions[0]?.audience ?? 'b2c' };
}

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

/** A row on its way to the sinks; a recipient's outcome is filled in when its slice is decided. */
type Pending = { entry: ListEntry; outcome?: RowOutcome; target?: Identifier; index?: number };
type Slice = { items: (Pending & { target: Identifier; index: number })[]; facts: Promise<SubjectFacts[]> };

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
  const { policy, now } = sources;
  const times = [input.plannedStart, ...(input.plannedEnd ? [input.plannedEnd] : [])];
  const request = { channel: input.channel, purpose: CONSENT_PURPOSE_DEFAULT, product: input.product };
  const campaignWideRules = new Set(policy.rules.filter((r) => r.campaign_wide).map((r) => r.id));
  const list = await openList(input.list, input.channel, sources.maxRows);
  const sinks = await sinksFor(list.layout);
  const sorter = recipientSorter(list.layout.kind);

  const counts = { allow: 0, review: 0, block: 0 };
  const groups = new Map<
    string,
    { count: number; sample: { line: number; masked: string }[]; lines: number[] }
  >();
  const campaignWide = new Set<string>();
  const invalidLines: number[] = [];
  let [rows, invalid, duplicates, audienceMismatches, done, pulled, listOptOuts] = [0, 0, 0, 0, 0, 0, 0];

  function decideSlice(items: Slice['items'], subjects: SubjectFacts[]) {
    items.forEach((item, i) => {
      const subject = subjects[i] as SubjectFacts;
      const decided = worst(times.map((at) => decide(request, subject, policy, at, { changesAt: false })));
      const outcome = item.entry.optedOut
        ? unsubscribedInList(decided)
        : item.entry.optOutUnclear
          ? unclearInList(decided)
          : decided;
      if (item.entry.optedOut) listOptOuts++;
      item.outcome = { verdict: outcome.verdict, rules: outcome.rules };
      counts[outcome.verdict]++;
      if (outcome.audience !== input.audience) audienceMismatches++;
      if (outcome.verdict === 'allow') {
        sorter.seen.mark(item.index);
        return;
      }
      for (const rule of outcome.rules) {
        if (outcome.verdict === 'block' && campaignWideRules.has(rule)) campaignWide.add(rule);
        const key = `${outcome.verdict}:${rule}`;
        const group = groups.get(key) ?? { count: 0, sample: [], lines: [] };
        group.count++;
        group.lines.push(item.entry.line);
        if (group.sample.length < SAMPLES)
          group.sample.push({ line: item.entry.line, masked: maskIdentifier(item.target) });
        groups.set(key, group);
      }
    });
  }

  // Rows wait here, in order, until they and every row before them are decided; then they go to the sinks.
  let pending: Pending[] = [];
  let slice: Slice['items'] = [];
  const inFlight: Slice[] = [];
  const send = () => {
    if (slice.length === 0) return;
    const items = slice;
    slice = [];
    inFlight.push({ items, facts: sources.subjectsOf(items.map((i) => i.target)) });
  };
  async function settleOldest() {
    const oldest = inFlight.shift() as Slice;
    decideSlice(oldest.items, await oldest.facts);
    let ready = 0;
    while (ready < pending.length && pending[ready]?.outcome) ready++;
    for (const p of pending.slice(0, ready))
      for (const sink of sinks) sink.add(p.entry, p.outcome as RowOutcome);
    pending = pending.slice(ready);
    done += ready;
    for (const sink of sinks) await sink.flush();
    // In all: the rows read so far, scaled by the share of the file read (exact once it is all read).
    sources.onProgress?.(done, Math.max(done, Math.round(pulled / Math.max(list.readShare(), 1e-9))));
    // A pause between slices: in the app's own thread (no worker), other requests are answered meanwhile.
    await new Promise((resolve) => setImmediate(resolve));
  }

  for await (const batch of list.entries) {
    pulled += batch.length;
    for (const entry of batch) {
      rows++;
      const sorted = sorter.sort(entry.value);
      const item: Pending = { entry };
      pending.push(item);
      if (sorted.kind === 'recipient') {
        // The slice holds the pending row itself: deciding the slice fills in its outcome.
        slice.push(Object.assign(item, { target: sorted.target, index: sorted.index }));
        if (slice.length === SLICE) send();
      } else {
        if (sorted.kind === 'invalid') {
          invalid++;
          if (invalidLines.length < 20) invalidLines.push(entry.line);
        }
        if (sorted.kind === 'duplicate') duplicates++;
        item.outcome = { verdict: sorted.kind, rules: sorted.kind === 'invalid' ? [sorted.problem] : [] };
      }
      // The next slice's facts are asked for before this one is decided: in a worker thread, the store
      // answers while the engine runs.
      if (inFlight.length > 1) await settleOldest();
    }
    send(); // a part slice too, so rows after it are not held back
    while (inFlight.length > 1) await settleOldest();
  }
  send();
  while (inFlight.length > 0) await settleOldest();
  const recipients = sorter.seen.size;
  if (recipients === 0 && invalid === 0) throw new InputError('empty_list');

  const campaign: Campaign = {
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
    counts: { rows, recipients, duplicates, invalid, ...counts },
    findings: checkMessage(input.template, input.channel, input.product, policy),
    groups: [...groups.entries()]
      .map(([key, group]) => {
        const [verdict, rule] = key.split(':') as [Verdict, string];
        return { verdict, rule, ...group };
      })
      .sort((a, b) => SEVERITY[a.verdict] - SEVERITY[b.verdict] || b.count - a.count),
    campaignWide: [...campaignWide],
    audienceMismatches,
    invalidLines,
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
  return campaign;
}

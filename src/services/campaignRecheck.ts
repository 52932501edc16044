import { checkCampaign, type RowOutcome, type RowSink } from '../campaign/check.ts';
import {
  approvedLines,
  dropReason,
  recheckProblem,
  recheckTimes,
  stillAllowed,
} from '../campaign/recheck.ts';
import {
  asChecked,
  type ListEntry,
  type ListInput,
  recipientSorter,
  sha256,
} from '../campaign/recipients.ts';
import { sniff } from '../csv/stream.ts';
import type { Campaign, CampaignRecheck, DropReason } from '../domain/campaign.ts';
import { DROP_REASONS } from '../domain/campaign.ts';
import { personHashes } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { type Identifier, maskIdentifier } from '../domain/identifiers.ts';
import type { Store } from '../store/types.ts';
import { type FileSink, type OutputFile, sendableFile, threadFile } from './campaignFiles.ts';
import { findCampaign } from './campaignFind.ts';
import { discardEndedLists, keptList } from './campaignLists.ts';
import { subjectsOf } from './checkQueue.ts';
import type { AppContext } from './context.ts';
import { withScratchDir } from './scratch.ts';

/**
 * An approved recipient the recheck drops: who (in memory only, never stored), on which line, and why. A person
 * erased since (GDPR art. 17) is no longer known: her line and reason only.
 */
export interface Dropped {
  line: number;
  target?: Identifier;
  reason: DropReason;
  rules: string[];
}

export interface RecheckOutcome {
  /** The campaign as saved, its `recheck` the one just made. */
  campaign: Campaign;
  recheck: CampaignRecheck;
  dropped: Dropped[];
  /** The recipients still allowed, in the list's order, when asked for (`collectAllowed`). */
  allowed?: Identifier[];
  /** Whether the campaign's thread was told: undefined when nobody listens (the Slack app is not running here). */
  told?: boolean;
}

/** Told of each recheck once saved, with the fresh list written (the campaign's Slack thread); says if told. */
export type RecheckListener = (
  ctx: AppContext,
  outcome: RecheckOutcome,
  list: OutputFile,
) => Promise<boolean>;

export interface RecheckOptions {
  /** Where the fresh cleaned list goes (CSV in the checked file's shape, or Excel); else a private folder. */
  cleaned?: OutputFile;
  collectAllowed?: boolean;
  /** The checked list, for a check made before lists were kept (it must be the very file: sha256). */
  list?: ListInput;
  /** Who is told; by default whoever watches the register (the running Slack app, watchRechecks). */
  tell?: RecheckListener;
}

const watchers = new WeakMap<Store, RecheckListener>();

/**
 * The running Slack app asks to be told of every recheck of its register, whoever made it (the sending tool
 * through the API, the command line through the app): the thread hears of it. Returns how to stop.
 */
export function watchRechecks(store: Store, listener: RecheckListener): () => void {
  watchers.set(store, listener);
  return () => {
    if (watchers.get(store) === listener) watchers.delete(store);
  };
}

const SAMPLES = 5;

/**
 * Checks an approved campaign again at send time: every recipient the approval covered is decided again, at
 * the real clock, with the register and policy of now (GDPR art. 21(3): an objection recorded since binds).
 * Gives who to drop and why, writes the fresh cleaned list from the kept list (the checked file, verified by
 * its hash), saves the recheck on the campaign, audits it and tells the thread. Never adds a recipient the
 * approval did not cover.
 */
export async function recheckCampaign(
  ctx: AppContext,
  id: string,
  by: string,
  options: RecheckOptions = {},
): Promise<RecheckOutcome> {
  const c = await findCampaign(ctx, id);
  const now = ctx.clock();
  const problem = recheckProblem(c, now);
  if (problem) {
    await audit(ctx, by, `${c.id} ${problem}`, 'refused');
    await discardEndedLists(ctx);
    throw new InputError(problem === 'not-approved' ? 'campaign_not_approved' : 'campaign_over', {
      value: c.id,
    });
  }
  if (options.list) await assertChecked(c, options.list);
  const outcome = await withScratchDir(async (dir) => {
    const list = (await keptList(ctx, c, dir)) ?? (options.list && asChecked(c, options.list));
    if (!list) throw new InputError('campaign_list_not_kept', { value: c.id });
    const out = options.cleaned ?? threadFile(c, dir, 'rechecked');
    const found = await decideAgain(ctx, c, list, out, options.collectAllowed ?? false);
    const saved = await save(ctx, c.id, by, found);
    await audit(ctx, by, describe(saved));
    const done = { ...found, campaign: saved, recheck: saved.recheck as CampaignRecheck };
    const told = await (options.tell ?? watchers.get(ctx.store))?.(ctx, done, out);
    return told === undefined ? done : { ...done, told };
  });
  await discardEndedLists(ctx);
  return outcome;
}

/**
 * A list given again must be the very one checked (its bytes' sha256), even when a copy is kept and used
 * instead: an email list given for an SMS campaign, or last week's file, is refused, never silently ignored.
 */
async function assertChecked(c: Campaign, list: ListInput): Promise<void> {
  const hash = list.kind === 'pasted' ? sha256(list.text) : (await sniff(list, list.fileName)).sha256;
  if (hash !== c.input?.sha256)
    throw new InputError('campaign_list_not_checked', { field: 'list', value: c.id });
}

type Found = Omit<RecheckOutcome, 'campaign' | 'recheck'> & { recheck: CampaignRecheck };

/**
 * Reads the checked list again with the check's own reader and engine (campaign/check.ts), at the moments
 * still ahead; each recipient the approval covered is kept or dropped as she is decided now.
 */
async function decideAgain(
  ctx: AppContext,
  c: Campaign,
  list: ListInput,
  out: OutputFile,
  collect: boolean,
): Promise<Found> {
  const now = ctx.clock();
  const times = recheckTimes(c, now);
  const covered = approvedLines(c);
  const held = new Set(c.groups.flatMap((g) => g.lines ?? []));
  const dropped: (Omit<Dropped, 'reason'> & { target: Identifier })[] = [];
  const allowed: Identifier[] = [];
  let [approved, kept] = [0, 0];
  let file: FileSink | undefined;
  let before: ReturnType<typeof recipientSorter> | undefined;
  let after: ReturnType<typeof recipientSorter> | undefined;
  const sink = (inner: FileSink): RowSink => ({
    add(entry: ListEntry, outcome: RowOutcome) {
      const recipient = ['allow', 'review', 'block'].includes(outcome.verdict);
      // Only a recipient's first row reaches here with a verdict (repeats and invalid values do not).
      const sorted = recipient ? before?.sort(entry.value) : undefined;
      const now = recipient ? after?.sort(entry.value) : undefined;
      if (sorted?.kind !== 'recipient' || now?.kind !== 'recipient') return inner.add(entry, outcome);
      // The recipients the check allowed, by fingerprint: they must be the very ones it counted (cleanedHash).
      if (!held.has(entry.line)) before?.seen.mark(sorted.index);
      const approval = covered(entry.line);
      if (!approval) return inner.add(entry, { verdict: 'block', rules: [] });
      approved++;
      if (stillAllowed(outcome, approval)) {
        kept++;
        after?.seen.mark(now.index);
        if (collect) allowed.push(sorted.target);
        return inner.add(entry, { verdict: 'allow', rules: [] });
      }
      dropped.push({ line: entry.line, target: sorted.target, rules: outcome.rules });
      inner.add(entry, { verdict: 'block', rules: outcome.rules });
    },
    flush: inner.flush,
  });
  const sources = { policy: ctx.policy, now, subjectsOf: (t: Identifier[]) => subjectsOf(ctx, t) };
  const input = {
    name: c.name,
    channel: c.channel,
    product: c.product ?? '',
    audience: c.audience,
    plannedStart: times[0] as Date,
    plannedEnd: times[1],
    template: c.template,
    list,
    checkedBy: 'recheck',
  };
  try {
    const again = await checkCampaign(sources, input, async (layout) => {
      before = recipientSorter(layout.kind);
      after = recipientSorter(layout.kind);
      file = await sendableFile(out, layout, (o) => o.verdict === 'allow');
      return [sink(file)];
    }).catch((error) => {
      // Everyone on it was erased since (GDPR art. 17): nobody left to send to, which is an answer.
      if (error instanceof InputError && error.problem === 'empty_list' && c.kept?.erasedLines?.length)
        return undefined;
      throw error;
    });
    // The kept copy's bytes were checked as it was read back (campaignLists.ts keptList). A list given again
    // must be the checked one: the same bytes, recipients and allowed ones. A copy people were erased from is
    // its own: its hash, every other row on its line.
    const same =
      c.kept?.sha256 !== undefined ||
      (again?.input?.sha256 === c.input?.sha256 &&
        again?.listHash === c.listHash &&
        before?.seen.hash(true) === c.cleanedHash);
    if (!same) throw new InputError('campaign_list_changed');
    await file?.commit();
  } catch (error) {
    await file?.abort();
    throw error;
  }
  // People erased since: their rows are empty in the kept copy; the approval covered them, they are dropped.
  const erased: Dropped[] = (c.kept?.erasedLines ?? [])
    .filter((line) => covered(line) !== undefined)
    .map((line) => ({ line, reason: 'erased', rules: [] }));
  approved += erased.length;
  const explained = [...(await explain(ctx, c, dropped, times)), ...erased].sort((a, b) => a.line - b.line);
  const counts: CampaignRecheck['dropped'] = {};
  for (const d of explained) counts[d.reason] = (counts[d.reason] ?? 0) + 1;
  const recheck: CampaignRecheck = {
    at: now.toISOString(),
    by: '',
    policyRevision: ctx.policy.revision,
    decidedFor: times.map((t) => t.toISOString()),
    approved,
    allowed: kept,
    dropped: counts,
    sample: explained
      .slice(0, SAMPLES)
      .map((d) => ({ line: d.line, masked: d.target ? maskIdentifier(d.target) : '', reason: d.reason })),
    allowedHash: after?.seen.hash(true) ?? '',
  };
  return { recheck, dropped: explained, ...(collect ? { allowed } : {}) };
}

/** Why each dropped recipient is dropped: her facts now and her objections with their origin. */
async function explain(
  ctx: AppContext,
  c: Campaign,
  dropped: (Omit<Dropped, 'reason'> & { target: Identifier })[],
  times: Date[],
): Promise<Dropped[]> {
  const out: Dropped[] = [];
  for (const d of dropped) {
    const subject = await ctx.store.subjectFacts(d.target);
    const hashes = personHashes(d.target, subject.contact, (i) => ctx.store.hash(i));
    const { suppressions } = await ctx.store.recordsAbout(hashes);
    out.push({ ...d, reason: dropReason(c, { subject, suppressions }, ctx.policy, times) });
  }
  return out;
}

/** The recheck on the campaign as it is now (another step may have saved it meanwhile), with its history. */
async function save(ctx: AppContext, id: string, by: string, found: Found): Promise<Campaign> {
  const current = await findCampaign(ctx, id);
  const recheck = { ...found.recheck, by };
  const dropped = found.dropped.length;
  const next: Campaign = {
    ...current,
    recheck,
    history: [
      ...current.history,
      {
        at: recheck.at,
        by,
        event: 'rechecked',
        policyRevision: recheck.policyRevision,
        dropped,
        allowed: recheck.allowed,
      },
    ],
  };
  await ctx.store.saveCampaign(next);
  return next;
}

/** What the audit says of a recheck: counts only, never who. */
function describe(c: Campaign): string {
  const r = c.recheck as CampaignRecheck;
  const reasons = DROP_REASONS.filter((k) => r.dropped[k]).map((k) => `${k} ${r.dropped[k]}`);
  const total = r.approved - r.allowed;
  return `${c.id}: ${r.approved} approved, ${r.allowed} still allowed, ${total} dropped${reasons.length ? ` (${reasons.join(', ')})` : ''}`;
}

function audit(ctx: AppContext, by: string, detail: string, outcome: 'done' | 'refused' = 'done') {
  return ctx.store.audit({
    at: ctx.clock().toISOString(),
    actor: by,
    action: 'campaign.recheck',
    outcome,
    detail,
  });
}

import { checkCampaign } from '../campaign/check.ts';
import { dropReason, recheckProblem, recheckTimes } from '../campaign/recheck.ts';
import { asChecked, type ListInput, sha256 } from '../campaign/recipients.ts';
import { sniff } from '../csv/stream.ts';
import type { Campaign, CampaignRecheck } from '../domain/campaign.ts';
import { DROP_REASONS } from '../domain/campaign.ts';
import { personHashes } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import type { Identifier } from '../domain/identifiers.ts';
import type { Store } from '../store/index.ts';
import { type FileSink, type OutputFile, sendableFile, threadFile } from './campaignFiles.ts';
import { findCampaign } from './campaignFind.ts';
import { discardEndedLists, keptList } from './campaignLists.ts';
import { subjectsOf } from './checkQueue.ts';
import type { AppContext } from './context.ts';
import { type Dropped, RecheckRows } from './recheckRows.ts';
import { withScratchDir } from './scratch.ts';

export type { Dropped };

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
  const rows = new RecheckRows(c, collect);
  let file: FileSink | undefined;
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
      file = await sendableFile(out, rows.open(layout), (o) => o.verdict === 'allow');
      return [rows.sink(file)];
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
        rows.checkedHash() === c.cleanedHash);
    if (!same) throw new InputError('campaign_list_changed');
    await file?.commit();
  } catch (error) {
    await file?.abort();
    throw error;
  }
  const erased = rows.erased();
  const explained = [...(await explain(ctx, c, rows.dropped, times)), ...erased].sort(
    (a, b) => a.line - b.line,
  );
  const recheck = rows.record({ at: now, policyRevision: ctx.policy.revision, times, explained });
  return { recheck, dropped: explained, ...(collect ? { allowed: rows.allowed } : {}) };
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

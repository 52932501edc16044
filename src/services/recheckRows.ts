import type { RowOutcome, RowSink } from '../campaign/check.ts';
import { approvedLines, stillAllowed } from '../campaign/recheck.ts';
import { type ListEntry, type ListLayout, recipientSorter } from '../campaign/recipients.ts';
import type { Campaign, CampaignRecheck, DropReason } from '../domain/campaign.ts';
import { type Identifier, maskIdentifier } from '../domain/identifiers.ts';
import type { FileSink } from './campaignFiles.ts';

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

const SAMPLES = 5;

/**
 * What a recheck keeps of the rows its check decides again: the approved recipients still allowed (the sendable
 * file), the ones dropped, and the fingerprints that prove the list is the one approved.
 */
export class RecheckRows {
  approved = 0;
  kept = 0;
  readonly dropped: (Omit<Dropped, 'reason'> & { target: Identifier })[] = [];
  readonly allowed: Identifier[] = [];
  private readonly covered: ReturnType<typeof approvedLines>;
  private readonly held: Set<number>;
  private before: ReturnType<typeof recipientSorter> | undefined;
  private after: ReturnType<typeof recipientSorter> | undefined;

  constructor(
    private readonly c: Campaign,
    private readonly collect: boolean,
  ) {
    this.covered = approvedLines(c);
    this.held = new Set(c.groups.flatMap((g) => g.lines ?? []));
  }

  /** Once the list's layout is known: returns it, for the file written in its shape. */
  open(layout: ListLayout): ListLayout {
    this.before = recipientSorter(layout.kind);
    this.after = recipientSorter(layout.kind);
    return layout;
  }

  sink(inner: FileSink): RowSink {
    return { add: (entry, outcome) => this.add(inner, entry, outcome), flush: inner.flush };
  }

  private add(inner: FileSink, entry: ListEntry, outcome: RowOutcome) {
    const recipient = ['allow', 'review', 'block'].includes(outcome.verdict);
    // Only a recipient's first row reaches here with a verdict (repeats and invalid values do not).
    const sorted = recipient ? this.before?.sort(entry.value) : undefined;
    const now = recipient ? this.after?.sort(entry.value) : undefined;
    if (sorted?.kind !== 'recipient' || now?.kind !== 'recipient') return inner.add(entry, outcome);
    // The recipients the check allowed, by fingerprint: they must be the very ones it counted (cleanedHash).
    if (!this.held.has(entry.line)) this.before?.seen.mark(sorted.index);
    const approval = this.covered(entry.line);
    if (!approval) return inner.add(entry, { verdict: 'block', rules: [] });
    this.approved++;
    if (stillAllowed(outcome, approval)) {
      this.kept++;
      this.after?.seen.mark(now.index);
      if (this.collect) this.allowed.push(sorted.target);
      return inner.add(entry, { verdict: 'allow', rules: [] });
    }
    this.dropped.push({ line: entry.line, target: sorted.target, rules: outcome.rules });
    inner.add(entry, { verdict: 'block', rules: outcome.rules });
  }

  /** The hash of the recipients the first check allowed, as this one read them: its `cleanedHash` if the same. */
  checkedHash(): string | undefined {
    return this.before?.seen.hash(true);
  }

  /** People erased since: their rows are empty in the kept copy; the approval covered them, they are dropped. */
  erased(): Dropped[] {
    const erased: Dropped[] = (this.c.kept?.erasedLines ?? [])
      .filter((line) => this.covered(line) !== undefined)
      .map((line) => ({ line, reason: 'erased', rules: [] }));
    this.approved += erased.length;
    return erased;
  }

  /** The recheck as saved on the campaign: counts by reason, masked examples, the hash of who is still allowed. */
  record(made: { at: Date; policyRevision: string; times: Date[]; explained: Dropped[] }): CampaignRecheck {
    const counts: CampaignRecheck['dropped'] = {};
    for (const d of made.explained) counts[d.reason] = (counts[d.reason] ?? 0) + 1;
    return {
      at: made.at.toISOString(),
      by: '',
      policyRevision: made.policyRevision,
      decidedFor: made.times.map((t) => t.toISOString()),
      approved: this.approved,
      allowed: this.kept,
      dropped: counts,
      sample: made.explained
        .slice(0, SAMPLES)
        .map((d) => ({ line: d.line, masked: d.target ? maskIdentifier(d.target) : '', reason: d.reason })),
      allowedHash: this.after?.seen.hash(true) ?? '',
    };
  }
}

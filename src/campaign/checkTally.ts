import type { Audience, SubjectFacts } from '../domain/contacts.ts';
import { type Identifier, maskIdentifier } from '../domain/identifiers.ts';
import { SEVERITY, type Verdict } from '../domain/verdict.ts';
import { type Decision, type DecisionRequest, decide } from '../policy/engine.ts';
import type { Policy } from '../policy/load.ts';
import type { ListEntry, recipientSorter } from './recipients.ts';

/** What the check says of one value of the list: a verdict and its rules, or why it is not a recipient. */
export interface RowOutcome {
  verdict: Verdict | 'invalid' | 'duplicate' | 'empty';
  /** The rules behind a review or block; the problem of an invalid value. */
  rules: string[];
}

/** A row on its way to the sinks; a recipient's outcome is filled in when its slice is decided. */
export type Pending = { entry: ListEntry; outcome?: RowOutcome; target?: Identifier; index?: number };
export type Slice = {
  items: (Pending & { target: Identifier; index: number })[];
  facts: Promise<SubjectFacts[]>;
};

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

/** What deciding a recipient needs: the request, the planned times, the list's expected audience. */
export interface Deciding {
  policy: Policy;
  request: DecisionRequest;
  times: Date[];
  audience: Audience;
  sorter: ReturnType<typeof recipientSorter>;
}

/** The counts of a check as its slices are decided: verdicts, groups by rule (with samples), campaign-wide rules. */
export class Tally {
  readonly counts = { allow: 0, review: 0, block: 0 };
  readonly groups = new Map<
    string,
    { count: number; sample: { line: number; masked: string }[]; lines: number[] }
  >();
  readonly campaignWide = new Set<string>();
  readonly invalidLines: number[] = [];
  rows = 0;
  invalid = 0;
  duplicates = 0;
  audienceMismatches = 0;
  listOptOuts = 0;
  private readonly campaignWideRules: Set<string>;

  constructor(private readonly deciding: Deciding) {
    this.campaignWideRules = new Set(deciding.policy.rules.filter((r) => r.campaign_wide).map((r) => r.id));
  }

  /** Decides each recipient of a slice, fills in its row's outcome and counts it. */
  decideSlice(items: Slice['items'], subjects: SubjectFacts[]): void {
    const { request, policy, times, sorter } = this.deciding;
    items.forEach((item, i) => {
      const subject = subjects[i] as SubjectFacts;
      const decided = worst(times.map((at) => decide(request, subject, policy, at, { changesAt: false })));
      const outcome = item.entry.optedOut
        ? unsubscribedInList(decided)
        : item.entry.optOutUnclear
          ? unclearInList(decided)
          : decided;
      if (item.entry.optedOut) this.listOptOuts++;
      item.outcome = { verdict: outcome.verdict, rules: outcome.rules };
      this.counts[outcome.verdict]++;
      if (outcome.audience !== this.deciding.audience) this.audienceMismatches++;
      if (outcome.verdict === 'allow') sorter.seen.mark(item.index);
      else this.group(item, outcome);
    });
  }

  private group(item: Slice['items'][number], outcome: { verdict: Verdict; rules: string[] }): void {
    for (const rule of outcome.rules) {
      if (outcome.verdict === 'block' && this.campaignWideRules.has(rule)) this.campaignWide.add(rule);
      const key = `${outcome.verdict}:${rule}`;
      const group = this.groups.get(key) ?? { count: 0, sample: [], lines: [] };
      group.count++;
      group.lines.push(item.entry.line);
      if (group.sample.length < SAMPLES)
        group.sample.push({ line: item.entry.line, masked: maskIdentifier(item.target) });
      this.groups.set(key, group);
    }
  }

  /** A value that is not a recipient: invalid (its problem kept) or a repeat. */
  notRecipient(
    item: Pending,
    sorted: { kind: 'invalid'; problem: string } | { kind: 'duplicate' | 'empty' },
  ): void {
    if (sorted.kind === 'invalid') {
      this.invalid++;
      if (this.invalidLines.length < 20) this.invalidLines.push(item.entry.line);
    }
    if (sorted.kind === 'duplicate') this.duplicates++;
    item.outcome = { verdict: sorted.kind, rules: sorted.kind === 'invalid' ? [sorted.problem] : [] };
  }

  /** The groups, the most severe first, then the largest. */
  sortedGroups() {
    return [...this.groups.entries()]
      .map(([key, group]) => {
        const [verdict, rule] = key.split(':') as [Verdict, string];
        return { verdict, rule, ...group };
      })
      .sort((a, b) => SEVERITY[a.verdict] - SEVERITY[b.verdict] || b.count - a.count);
  }
}

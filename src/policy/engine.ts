import type { Audience, Channel, SubjectFacts } from '../domain/contacts.ts';
import { kept } from '../domain/kept.ts';
import { SEVERITY, type Verdict } from '../domain/verdict.ts';
import { t } from '../i18n.ts';
import { compileCondition, type Test } from './conditions.ts';
import { callZone } from './facts/calls.ts';
import { type DecisionRequest, Facts } from './facts.ts';
import type { CompiledRule, Policy } from './load.ts';
import type { Legal, Text } from './schema.ts';

export interface Reason {
  rule: string;
  verdict: Verdict;
  title: Text;
  message: Text;
  legal: Legal[];
  /** The catalogue marks this rule as unverified law: a compliance officer should confirm it. */
  unverified: boolean;
}

export interface Obligation {
  id: string;
  text: Text;
  legal: Legal[];
}

export interface Decision {
  verdict: Verdict;
  channel: Channel;
  audience: Audience;
  reasons: Reason[];
  obligations: Obligation[];
  /** The earliest instant at which the same question could get another answer (ISO), if any is known. */
  changesAt?: string;
  /** When calls are the question and `now` is outside the call window: the next opening (ISO). */
  nextCallWindow?: string;
  /** The callee's time zone (D.223-9), when a call's next window is given and it is not the policy's. */
  calleeZone?: string;
  policyRevision: string;
  decidedFor: string;
}

export type { DecisionRequest };

interface Evaluation {
  verdict: Verdict;
  reasons: Reason[];
  obligationIds: string[];
  facts: Facts;
  /** For each rule that gave a reason: the instants at which its outcome could change. */
  ruleFlips: Map<Reason, Date[]>;
}

/** A rule ready to run: its conditions compiled. */
interface PreparedRule {
  rule: CompiledRule;
  when?: Test;
  cases: { test?: Test; case: CompiledRule['cases'][number] }[];
}

/**
 * The rules of each channel and audience, their conditions compiled: prepared once per policy, so a decision
 * runs only the rules that apply to it, without reading the policy's structure again.
 */
const prepared = new WeakMap<Policy, Map<string, PreparedRule[]>>();

function rulesFor(policy: Policy, channel: Channel, audience: Audience): PreparedRule[] {
  const byKey = kept(prepared, policy, () => new Map<string, PreparedRule[]>());
  return kept(byKey, `${channel} ${audience}`, () => {
    const named = policy.doc.conditions as Record<string, unknown>;
    const params = policy.doc.params as Record<string, unknown>;
    const compile = (condition: unknown) =>
      condition === undefined ? undefined : compileCondition(condition, named, params);
    return policy.rules
      .filter((rule) => rule.channels.includes(channel) && rule.audiences.includes(audience))
      .map((rule) => ({
        rule,
        when: compile(rule.when),
        cases: rule.cases.map((c) => ({ test: compile(c.when), case: c })),
      }));
  });
}

function evaluateAt(request: DecisionRequest, subject: SubjectFacts, policy: Policy, now: Date): Evaluation {
  const facts = new Facts(request, subject, policy, now);
  const fact = (name: string) => facts.get(name);
  const reasons: Reason[] = [];
  const obligationIds: string[] = [];
  const ruleFlips = new Map<Reason, Date[]>();
  let basis = false;

  for (const { rule, when, cases } of rulesFor(policy, request.channel, facts.audience)) {
    const { validFrom, validUntil } = rule;
    if (validFrom && validFrom > now) facts.flips.push(validFrom);
    if (validUntil && validUntil > now) facts.flips.push(validUntil);
    if ((validFrom && now < validFrom) || (validUntil && now >= validUntil)) continue;
    const { value: outcome, flips } = facts.collect(() => {
      if (when && !when(fact)) return undefined;
      return cases.find((c) => !c.test || c.test(fact))?.case;
    });
    if (!outcome) continue;
    const reason: Reason = {
      rule: rule.id,
      verdict: outcome.verdict,
      title: rule.title,
      message: outcome.message,
      legal: rule.legal,
      unverified: rule.unverified ?? false,
    };
    reasons.push(reason);
    ruleFlips.set(reason, validUntil ? [...flips, validUntil] : flips);
    if (outcome.verdict === 'allow') {
      if (rule.basis !== false) basis = true;
      obligationIds.push(...(outcome.obligations ?? []));
    }
  }

  let verdict: Verdict = 'allow';
  for (const reason of reasons) if (SEVERITY[reason.verdict] < SEVERITY[verdict]) verdict = reason.verdict;
  if (verdict === 'allow' && !basis) {
    verdict = policy.doc.no_basis.verdict;
    reasons.push({
      rule: 'no-legal-basis',
      verdict,
      title: { fr: t('fr', 'no_basis_title'), en: t('en', 'no_basis_title') },
      message: policy.doc.no_basis.message,
      legal: [],
      unverified: false,
    });
  }
  return { verdict, reasons, obligationIds, facts, ruleFlips };
}

const earliest = (dates: Date[]) =>
  dates.reduce<Date | undefined>((min, at) => (!min || at < min ? at : min), undefined);

/** How many times a block is followed forward in time to find when it lifts (each step is one decision). */
const MAX_BLOCK_STEPS = 12;

/**
 * When a block lifts: the block holds until every blocking rule could change, so step to the latest of their
 * earliest flips and decide again, until the answer is no longer a block. A blocking rule with no flip (an
 * objection, a sector ban, no consent) is never lifted by time: then there is no such instant.
 */
function blockLiftsAt(
  first: Evaluation,
  request: DecisionRequest,
  subject: SubjectFacts,
  policy: Policy,
): Date | undefined {
  let current = first;
  for (let step = 0; step < MAX_BLOCK_STEPS; step++) {
    let liftsAt: Date | undefined;
    for (const reason of current.reasons) {
      if (reason.verdict !== 'block') continue;
      const at = earliest(current.ruleFlips.get(reason) ?? []);
      if (!at) return undefined;
      if (!liftsAt || at > liftsAt) liftsAt = at;
    }
    if (!liftsAt) return undefined;
    current = evaluateAt(request, subject, policy, liftsAt);
    if (current.verdict !== 'block') return liftsAt;
  }
  return undefined;
}

const CALLS: ReadonlySet<Channel> = new Set(['phone', 'automated-call']);

/** A call's next window is read in the caller's zone; the callee's is given too when it differs (Martinique). */
function calleeZoneOf(facts: Facts, nextCallWindow: Date | undefined): { calleeZone?: string } {
  if (!nextCallWindow) return {};
  const zone = callZone(facts);
  return zone === facts.zone ? {} : { calleeZone: zone };
}

/** A campaign decides a million recipients at the same instant: its text is written once. */
let lastIso: { ms: number; iso: string } | undefined;
function isoOf(at: Date): string {
  const ms = at.getTime();
  if (lastIso?.ms !== ms) lastIso = { ms, iso: at.toISOString() };
  return lastIso.iso;
}

/**
 * The decision, pure: the same request, facts, policy and `now` always give the same answer.
 * Block if any applicable rule blocks, else review if any asks for review, else allow when some rule gave a legal
 * basis; with no basis the policy's `no_basis` verdict (never allow).
 */
export function decide(
  request: DecisionRequest,
  subject: SubjectFacts,
  policy: Policy,
  now: Date,
  /** A campaign check needs the verdict and its rules only: not when the answer would change. */
  options: { changesAt?: boolean } = {},
): Decision {
  const evaluation = evaluateAt(request, subject, policy, now);
  const { verdict, reasons, obligationIds, facts } = evaluation;
  reasons.sort((a, b) => SEVERITY[a.verdict] - SEVERITY[b.verdict]);

  const obligations =
    verdict === 'block'
      ? []
      : [...new Set(obligationIds)].map((id) => {
          const obligation = policy.doc.obligations[id];
          return { id, text: obligation?.text ?? { fr: id, en: id }, legal: obligation?.legal ?? [] };
        });
  // A block says when it lifts (never, for an objection or a ban); other answers when anything could change.
  const changesAt =
    options.changesAt === false
      ? undefined
      : verdict === 'block'
        ? blockLiftsAt(evaluation, request, subject, policy)
        : earliest(facts.flips);
  // Never invite a call that the law forbids for good: the next window is when the block lifts, if ever.
  const nextCallWindow = verdict === 'block' && CALLS.has(request.channel) ? changesAt : facts.nextCallWindow;

  return {
    verdict,
    channel: request.channel,
    audience: facts.audience,
    reasons,
    obligations,
    changesAt: changesAt?.toISOString(),
    nextCallWindow: nextCallWindow?.toISOString(),
    ...calleeZoneOf(facts, nextCallWindow),
    policyRevision: policy.revision,
    decidedFor: isoOf(now),
  };
}

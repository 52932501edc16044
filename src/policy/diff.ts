import type { Verdict } from '../domain/verdict.ts';
import type { Decision } from './engine.ts';
import type { Policy } from './load.ts';
import { runScenario } from './scenarios.ts';

/**
 * What a change of policy does to answers: the same questions asked of both policies, and the answers that
 * change, grouped by direction (allow → block…) and by the rules whose verdict changed. Pure: the callers bring
 * the questions (scenarios, or every contact of the register) and print the result.
 */

/** The rules that answered differently (a rule that stopped or started applying too). */
export function changedRules(before: Decision, after: Decision): string[] {
  const verdicts = (d: Decision) => new Map(d.reasons.map((r) => [r.rule, r.verdict]));
  const [old, now] = [verdicts(before), verdicts(after)];
  const ids = new Set([...old.keys(), ...now.keys()]);
  return [...ids].filter((id) => old.get(id) !== now.get(id)).sort();
}

export interface RuleCount {
  rule: string;
  count: number;
  /** A few questions as examples, one per person: a scenario's name, or a masked identifier and channel. */
  examples: string[];
  /** The register's contacts concerned (their ids, the first thousand), to find them: never an identifier. */
  contacts?: string[];
}

export interface DirectionGroup {
  from: Verdict;
  to: Verdict;
  count: number;
  rules: RuleCount[];
}

export interface DiffSummary {
  /** Questions asked of both policies. */
  asked: number;
  /** Answers whose verdict changed. */
  changed: number;
  /**
   * Answers whose verdict stayed but a rule's own verdict changed (another rule still blocks, say): they change
   * as soon as that other rule stops applying. Grouped with from = to.
   */
  reasonsChanged: number;
  groups: DirectionGroup[];
}

const EXAMPLES = 3;
const CONTACTS = 1000;

/** Counts the changes as they come; `summary()` sorts them, the most frequent first. */
export class DiffTally {
  private asked = 0;
  private changed = 0;
  private reasonsChanged = 0;
  private readonly groups = new Map<
    string,
    { from: Verdict; to: Verdict; count: number; rules: Map<string, RuleCount> }
  >();

  /** One question asked of both policies; `example` names it (masked, never a clear identifier). */
  add(before: Decision, after: Decision, example: string, contactId?: string): void {
    this.asked++;
    const rules = changedRules(before, after);
    if (before.verdict === after.verdict) {
      if (rules.length === 0) return;
      this.reasonsChanged++;
    } else this.changed++;
    const key = `${before.verdict}>${after.verdict}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { from: before.verdict, to: after.verdict, count: 0, rules: new Map() };
      this.groups.set(key, group);
    }
    group.count++;
    for (const rule of rules.length > 0 ? rules : ['(same rules, other dates)']) {
      let count = group.rules.get(rule);
      if (!count) {
        count = { rule, count: 0, examples: [] };
        group.rules.set(rule, count);
      }
      count.count++;
      const person = (text: string) => text.split(' (')[0];
      if (count.examples.length < EXAMPLES && !count.examples.some((e) => person(e) === person(example)))
        count.examples.push(example);
      if (contactId) {
        count.contacts ??= [];
        if (count.contacts.length < CONTACTS && !count.contacts.includes(contactId))
          count.contacts.push(contactId);
      }
    }
  }

  summary(): DiffSummary {
    const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;
    return {
      asked: this.asked,
      changed: this.changed,
      reasonsChanged: this.reasonsChanged,
      groups: [...this.groups.values()]
        .map((g) => ({ from: g.from, to: g.to, count: g.count, rules: [...g.rules.values()].sort(byCount) }))
        // Verdicts that change first, then those that keep their verdict but not their reasons.
        .sort((a, b) => Number(a.from === a.to) - Number(b.from === b.to) || b.count - a.count),
    };
  }
}

/**
 * Every scenario of either policy (by name; the new policy's when both have one) run on both policies. A
 * scenario that cannot run under one of them (a product the other policy dropped) is listed apart.
 */
export function diffScenarios(before: Policy, after: Policy): DiffSummary & { failed: string[] } {
  const scenarios = new Map([...before.scenarios, ...after.scenarios].map((s) => [s.name, s]));
  const tally = new DiffTally();
  const failed: string[] = [];
  // A product one of the two does not know: the question cannot be asked of it (lint refuses it there).
  const asks = (scenario: (typeof before.scenarios)[number], policy: Policy) =>
    !scenario.ask.product || scenario.ask.product in policy.doc.products;
  for (const scenario of scenarios.values()) {
    if (!asks(scenario, before) || !asks(scenario, after)) {
      failed.push(scenario.name);
      continue;
    }
    const old = runScenario(scenario, before).decision;
    const now = runScenario(scenario, after).decision;
    if (!old || !now) failed.push(scenario.name);
    else tally.add(old, now, scenario.name);
  }
  return { ...tally.summary(), failed };
}

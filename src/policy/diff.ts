import type { Verdict } from '../domain/verdict.ts';
import type { Decision } from './engine.ts';
import type { Policy } from './load.ts';
import { runScenario } from './scenarios.ts';

/**
 * What a change of policy does to answers: the same questions asked of both policies, and the answers that
 * change, grouped by direction (allow → block…) and by the rules whose verdict changed. Pure: the callers bring
 * the questions (scenarios, or every contact of the register) and print the result.
 */

/** The rules that answered differently, for one question whose verdict changed. */
export function changedRules(before: Decision, after: Decision): string[] {
  const verdicts = (d: Decision) => new Map(d.reasons.map((r) => [r.rule, r.verdict]));
  const [old, now] = [verdicts(before), verdicts(after)];
  const ids = new Set([...old.keys(), ...now.keys()]);
  const changed = [...ids].filter((id) => old.get(id) !== now.get(id));
  return changed.length > 0 ? changed.sort() : ['(same rules, other dates)'];
}

export interface RuleCount {
  rule: string;
  count: number;
  /** A few questions as examples: a scenario's name, or a masked identifier and channel. */
  examples: string[];
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
  changed: number;
  groups: DirectionGroup[];
}

const EXAMPLES = 3;

/** Counts the changes as they come; `summary()` sorts them, the most frequent first. */
export class DiffTally {
  private asked = 0;
  private changed = 0;
  private readonly groups = new Map<
    string,
    { from: Verdict; to: Verdict; count: number; rules: Map<string, RuleCount> }
  >();

  /** One question asked of both policies; `example` names it (masked, never a clear identifier). */
  add(before: Decision, after: Decision, example: string): void {
    this.asked++;
    if (before.verdict === after.verdict) return;
    this.changed++;
    const key = `${before.verdict}>${after.verdict}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { from: before.verdict, to: after.verdict, count: 0, rules: new Map() };
      this.groups.set(key, group);
    }
    group.count++;
    for (const rule of changedRules(before, after)) {
      let count = group.rules.get(rule);
      if (!count) {
        count = { rule, count: 0, examples: [] };
        group.rules.set(rule, count);
      }
      count.count++;
      if (count.examples.length < EXAMPLES) count.examples.push(example);
    }
  }

  summary(): DiffSummary {
    const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;
    return {
      asked: this.asked,
      changed: this.changed,
      groups: [...this.groups.values()]
        .map((g) => ({ from: g.from, to: g.to, count: g.count, rules: [...g.rules.values()].sort(byCount) }))
        .sort(byCount),
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
  for (const scenario of scenarios.values()) {
    const old = runScenario(scenario, before).decision;
    const now = runScenario(scenario, after).decision;
    if (!old || !now) failed.push(scenario.name);
    else tally.add(old, now, scenario.name);
  }
  return { ...tally.summary(), failed };
}

import { readFileSync } from 'node:fs';
import type {
  ConsentRecord,
  Contact,
  EventType,
  Interaction,
  SourceType,
  SubjectFacts,
} from '../domain/contacts.ts';
import {
  asObjections,
  CONSENT_PURPOSE_DEFAULT,
  defaultCollection,
  EVENT_TYPES,
  SOURCE_TYPES,
} from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { parseTarget } from '../domain/identifiers.ts';
import { parseInstant } from '../domain/time.ts';
import { type Decision, decide } from './engine.ts';
import type { Policy } from './load.ts';
import type { Scenario } from './schema.ts';

export interface ScenarioResult {
  name: string;
  passed: boolean;
  failures: string[];
  decision?: Decision;
}

/** Turns a scenario's readable facts into the records the engine reads from the store. */
export function scenarioSubject(scenario: Scenario, zone: string): SubjectFacts {
  const at = (value: string, what: string) => parseInstant(value, zone, what).toISOString();
  const target = parseTarget(scenario.ask.target);
  const contact = scenarioContact(scenario, target, at);
  const consents: ConsentRecord[] = scenario.consents.map((record, i) => ({
    id: `consent-${i}`,
    contactId: 'scenario',
    channel: record.channel,
    purpose: record.purpose ?? CONSENT_PURPOSE_DEFAULT,
    action: record.action,
    at: at(record.at, 'consent at'),
    until: record.until ? at(record.until, 'consent until') : undefined,
    slot: record.slot
      ? { start: at(record.slot.start, 'slot start'), end: at(record.slot.end, 'slot end') }
      : undefined,
    proof: {
      method: record.method,
      wording: record.wording,
      evidence: record.evidence,
      collectedBy: record.collected_by,
      namesUs: record.names_us,
    },
    recordedAt: at(record.at, 'consent at'),
  }));
  const interactions: Interaction[] = scenario.events.map((event, i) => {
    if (!(EVENT_TYPES as readonly string[]).includes(event.type))
      throw new InputError('not_one_of', {
        field: 'type',
        value: event.type,
        allowed: EVENT_TYPES.join(', '),
      });
    return {
      id: `event-${i}`,
      contactId: 'scenario',
      type: event.type as EventType,
      at: at(event.at, 'event at'),
      recordedAt: at(event.at, 'event at'),
    };
  });
  // Read as the store reads its suppression entries (domain/contacts.ts asObjections).
  const objections = scenario.objections.flatMap((o) =>
    asObjections({
      hash: 'scenario',
      scope: o.scope,
      at: at(o.at, 'objection at'),
      origin: 'scenario',
      ...(o.kind === 'withdrawal' ? { kind: o.kind, purpose: o.purpose ?? CONSENT_PURPOSE_DEFAULT } : {}),
      ...(o.reason ? { reason: o.reason } : {}),
    }),
  );
  return { target, contact, consents, interactions, objections };
}

/** The scenario's contact as the store would hold it, its dates read in the policy's zone. */
function scenarioContact(
  scenario: Scenario,
  target: SubjectFacts['target'],
  at: (value: string, what: string) => string,
): Contact | undefined {
  const c = scenario.contact;
  if (!c) return undefined;
  const [type = 'manual', ...detail] = (c.source ?? 'manual').split(':');
  if (!(SOURCE_TYPES as readonly string[]).includes(type))
    throw new InputError('not_one_of', { field: 'source', value: type, allowed: SOURCE_TYPES.join(', ') });
  const created = at(c.collected_at ?? scenario.at, 'collected_at');
  return {
    id: 'scenario',
    ...(target.kind === 'email' ? { email: target.value } : { phone: target.value }),
    audience: c.audience,
    addressKind: c.address_kind,
    name: c.name,
    department: c.department,
    jobFunction: c.function,
    provenance: {
      source: type as SourceType,
      detail: detail.join(':') || undefined,
      collection: c.collection ?? defaultCollection(type as SourceType),
      collectedAt: created,
      informedAt: c.informed_at ? at(c.informed_at, 'informed_at') : undefined,
    },
    customer: c.customer_since
      ? {
          since: at(c.customer_since, 'customer_since'),
          until: c.customer_until ? at(c.customer_until, 'customer_until') : undefined,
          kind: c.relationship,
          lastPurchaseAt: c.last_purchase_at ? at(c.last_purchase_at, 'last_purchase_at') : undefined,
          products: c.products ?? [],
        }
      : undefined,
    createdAt: created,
    updatedAt: created,
  };
}

export function runScenario(scenario: Scenario, policy: Policy): ScenarioResult {
  const failures: string[] = [];
  let decision: Decision | undefined;
  try {
    const now = parseInstant(scenario.at, policy.timeZone, 'at');
    decision = decide(
      {
        channel: scenario.ask.channel,
        purpose: scenario.ask.purpose ?? CONSENT_PURPOSE_DEFAULT,
        product: scenario.ask.product,
      },
      scenarioSubject(scenario, policy.timeZone),
      policy,
      now,
    );
  } catch (error) {
    return { name: scenario.name, passed: false, failures: [(error as Error).message] };
  }
  const applied = new Map(decision.reasons.map((reason) => [reason.rule, reason.verdict]));
  if (decision.verdict !== scenario.expect.verdict) {
    failures.push(`expected ${scenario.expect.verdict}, got ${decision.verdict}`);
  }
  const expected = scenario.expect.rules;
  const wanted = Array.isArray(expected)
    ? expected.map((id) => [id, undefined] as const)
    : Object.entries(expected ?? {});
  for (const [id, verdict] of wanted) {
    if (!applied.has(id)) failures.push(`expected rule ${id} to apply`);
    else if (verdict && applied.get(id) !== verdict)
      failures.push(`expected rule ${id} to ${verdict}, it said ${applied.get(id)}`);
  }
  for (const id of scenario.expect.not_rules ?? []) {
    if (applied.has(id)) failures.push(`expected rule ${id} not to apply, it said ${applied.get(id)}`);
  }
  if (failures.length > 0) {
    failures.push(`rules that applied: ${[...applied].map(([id, v]) => `${id}=${v}`).join(', ') || 'none'}`);
  }
  return { name: scenario.name, passed: failures.length === 0, failures, decision };
}

export function runScenarios(policy: Policy): ScenarioResult[] {
  return policy.scenarios.map((scenario) => runScenario(scenario, policy));
}

/** The rules no scenario names (in `expect.rules` or `not_rules`): a rule nobody tests can change unseen. */
export function untestedRules(policy: Policy): string[] {
  const tested = new Set(
    policy.scenarios.flatMap((s) => {
      const rules = s.expect.rules;
      return [...(Array.isArray(rules) ? rules : Object.keys(rules ?? {})), ...(s.expect.not_rules ?? [])];
    }),
  );
  return [...new Set(policy.rules.map((r) => r.id))].filter((id) => !tested.has(id));
}

/** Where a scenario is written (its file and the line of its name), for people to find a failing one. */
export function scenarioPlace(policy: Policy, name: string): { file: string; line: number } {
  for (const file of [policy.scenarioFile, policy.file]) {
    if (!file) continue;
    let lines: string[];
    try {
      lines = readFileSync(file, 'utf8').split('\n');
    } catch {
      continue;
    }
    const index = lines.findIndex((line) => /\bname:/.test(line) && line.includes(name));
    if (index >= 0) return { file, line: index + 1 };
  }
  return { file: policy.scenarioFile ?? policy.file, line: 1 };
}

/**
 * What keeps a policy from going live: its scenarios that fail, its rules no scenario names, or no scenario at
 * all. Each as a problem at the scenario's place.
 */
export function scenarioProblems(
  policy: Policy,
): Array<{ file: string; line: number; col: number; message: string }> {
  if (policy.scenarios.length === 0)
    return [
      { file: policy.file, line: 1, col: 1, message: 'no scenario: a policy nobody tested does not go live' },
    ];
  const failing = runScenarios(policy)
    .filter((result) => !result.passed)
    .map((result) => ({
      ...scenarioPlace(policy, result.name),
      col: 1,
      message: `scenario "${result.name}" fails: ${result.failures[0] ?? ''}`,
    }));
  const untested = untestedRules(policy).map((id) => ({
    file: policy.file,
    line: 1,
    col: 1,
    message: `rule ${id}: no scenario names it`,
  }));
  return [...failing, ...untested];
}

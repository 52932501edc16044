import { EVENT_TYPES } from '../domain/contacts.ts';
import { parseInstant } from '../domain/time.ts';
import type { PolicyDocument, Scenario } from './schema.ts';
import type { Path, PolicyIssue, YamlFile } from './yamlFile.ts';

/**
 * What a scenario file gets wrong and a run would only show as a puzzling failure: a product, rule or event type
 * that does not exist, a date that is not one, two scenarios of one name (results are told by name).
 */
export function scenarioIssues(
  doc: PolicyDocument,
  sources: Array<{ yaml: YamlFile; scenarios: Scenario[] }>,
): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const ruleIds = new Set(doc.rules.map((rule) => rule.id));
  const zone = doc.policy.time_zone;
  const names = new Map<string, string>();
  for (const { yaml, scenarios } of sources) {
    scenarios.forEach((scenario, s) => {
      const at = ['tests', s];
      const issue = (path: Path, message: string) => issues.push(yaml.at([...at, ...path], message));
      const first = names.get(scenario.name);
      if (first)
        issue(['name'], `another scenario is named "${scenario.name}" (${first}): names must differ`);
      else
        names.set(scenario.name, `${yaml.at([...at, 'name'], '').file}:${yaml.at([...at, 'name'], '').line}`);
      if (scenario.ask.product && !(scenario.ask.product in doc.products))
        issue(['ask', 'product'], `unknown product "${scenario.ask.product}"`);
      scenario.contact?.products?.forEach((product, p) => {
        if (!(product in doc.products)) issue(['contact', 'products', p], `unknown product "${product}"`);
      });
      // Each unknown rule id where it is written: an item of a list, or a key of a map.
      const expected = scenario.expect.rules;
      const unknownRule = (id: string) => `unknown rule id "${id}"`;
      if (Array.isArray(expected)) {
        for (const [i, id] of expected.entries())
          if (!ruleIds.has(id)) issue(['expect', 'rules', i], unknownRule(id));
      } else {
        for (const id of Object.keys(expected ?? {}))
          if (!ruleIds.has(id)) issues.push(yaml.at([...at, 'expect', 'rules'], unknownRule(id), id));
      }
      for (const [i, id] of (scenario.expect.not_rules ?? []).entries())
        if (!ruleIds.has(id)) issue(['expect', 'not_rules', i], unknownRule(id));
      scenario.events.forEach((event, e) => {
        if (!(EVENT_TYPES as readonly string[]).includes(event.type))
          issue(['events', e, 'type'], `unknown event type "${event.type}" (${EVENT_TYPES.join(', ')})`);
      });
      for (const [path, value] of datesOf(scenario)) {
        try {
          parseInstant(value, zone);
        } catch {
          issue(path, `"${value}" is not a date and time that exists (YYYY-MM-DD or YYYY-MM-DDTHH:MM)`);
        }
      }
    });
  }
  return issues;
}

/** Every date of a scenario, with its path. */
function datesOf(scenario: Scenario): Array<[Path, string]> {
  const dates: Array<[Path, string | undefined]> = [[['at'], scenario.at]];
  const c = scenario.contact;
  if (c) {
    for (const key of [
      'collected_at',
      'informed_at',
      'customer_since',
      'customer_until',
      'last_purchase_at',
    ] as const)
      dates.push([['contact', key], c[key]]);
  }
  scenario.consents.forEach((consent, i) => {
    dates.push([['consents', i, 'at'], consent.at], [['consents', i, 'until'], consent.until]);
    if (consent.slot)
      dates.push(
        [['consents', i, 'slot', 'start'], consent.slot.start],
        [['consents', i, 'slot', 'end'], consent.slot.end],
      );
  });
  scenario.events.forEach((event, i) => {
    dates.push([['events', i, 'at'], event.at]);
  });
  scenario.objections.forEach((objection, i) => {
    dates.push([['objections', i, 'at'], objection.at]);
  });
  return dates.filter((entry): entry is [Path, string] => entry[1] !== undefined);
}

/** Sectors a condition compares `product_sectors` with, that no product has: a typo that never matches. */
export function sectorIssues(yaml: YamlFile, doc: PolicyDocument): PolicyIssue[] {
  const sectors = new Set(Object.values(doc.products).flatMap((product) => product.sectors));
  const issues: PolicyIssue[] = [];
  const walk = (condition: unknown, path: Path): void => {
    if (!condition || typeof condition !== 'object') return;
    if (Array.isArray(condition)) {
      condition.forEach((item, i) => {
        walk(item, [...path, i]);
      });
      return;
    }
    const node = condition as Record<string, unknown>;
    if (node.fact === 'product_sectors') {
      for (const [op, value] of Object.entries(node)) {
        if (op === 'fact') continue;
        for (const sector of Array.isArray(value) ? value : [value])
          if (typeof sector === 'string' && !sectors.has(sector))
            issues.push(yaml.at([...path, op], `no product has the sector "${sector}" (products: sectors)`));
      }
      return;
    }
    for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
  };
  for (const [name, condition] of Object.entries(doc.conditions)) walk(condition, ['conditions', name]);
  for (const [r, rule] of doc.rules.entries()) {
    walk(rule.when, ['rules', r, 'when']);
    for (const [c, ruleCase] of rule.cases.entries()) walk(ruleCase.when, ['rules', r, 'cases', c, 'when']);
  }
  return issues;
}

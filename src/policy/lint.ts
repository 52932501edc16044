import { Cron } from 'croner';
import { checkCondition } from './conditions.ts';
import { factType } from './facts-catalogue.ts';
import { scenarioIssues, sectorIssues } from './lintScenarios.ts';
import { patternProblem } from './pattern.ts';
import type { PolicyDocument, ProductEntry, RuleEntry, Scenario } from './schema.ts';
import type { PolicyIssue, YamlFile } from './yamlFile.ts';

/**
 * The checks of a policy beyond its shape: conditions and their facts, references between sections (products,
 * functions, obligations, rules), validity windows, cron and regular expressions, and the scenarios' references.
 */
/** Scenarios with the file they were read from, so each problem points into the right file. */
export interface ScenarioSource {
  yaml: YamlFile;
  scenarios: Scenario[];
}

export function semanticIssues(yaml: YamlFile, doc: PolicyDocument, sources: ScenarioSource[]) {
  return [
    ...conditionIssues(yaml, doc),
    ...ownActIssues(yaml, doc),
    ...productIssues(yaml, doc),
    ...ruleIssues(yaml, doc),
    ...scheduleIssues(yaml, doc),
    ...messageCheckIssues(yaml, doc),
    ...sectorIssues(yaml, doc),
    ...scenarioIssues(doc, sources),
  ];
}

/** The named conditions: none hides a fact, each is well formed, none refers to itself. */
function conditionIssues(yaml: YamlFile, doc: PolicyDocument): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const params = doc.params as Record<string, unknown>;
  const named = doc.conditions as Record<string, unknown>;
  for (const [name, condition] of Object.entries(named)) {
    if (factType(name))
      issues.push(yaml.at(['conditions', name], `condition "${name}" hides the fact of that name`, name));
    for (const i of checkCondition(condition, ['conditions', name], named, params))
      issues.push(yaml.at(i.path, i.message));
  }
  for (const cycle of namedConditionCycles(named)) {
    issues.push(yaml.at(['conditions', cycle], `condition "${cycle}" refers to itself`, cycle));
  }

  return issues;
}

function ownActIssues(yaml: YamlFile, doc: PolicyDocument): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  // A method of the person's own act that is not accepted is a typo: a consent by it is refused when recorded.
  doc.params.own_act_consent_methods?.forEach((method, i) => {
    if (!doc.params.accepted_consent_methods.includes(method))
      issues.push(
        yaml.at(
          ['params', 'own_act_consent_methods', i],
          `"${method}" is not in accepted_consent_methods: a consent by it is refused when recorded`,
        ),
      );
  });

  return issues;
}

/** Each product's similar products and functions are the policy's own. */
function productIssues(yaml: YamlFile, doc: PolicyDocument): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  for (const [name, product] of Object.entries(doc.products)) {
    product.similar.forEach((other, i) => {
      if (!(other in doc.products))
        issues.push(yaml.at(['products', name, 'similar', i], `unknown product "${other}"`));
    });
    product.functions.forEach((fn, i) => {
      if (!(fn in doc.functions))
        issues.push(yaml.at(['products', name, 'functions', i], `unknown function "${fn}" (see functions:)`));
    });
    issues.push(...unrelatedIssues(yaml, doc, name, product));
  }

  return issues;
}

/** Each rule's dates and validity window (no overlap with another entry of the same id), condition and cases. */
function ruleIssues(yaml: YamlFile, doc: PolicyDocument): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const params = doc.params as Record<string, unknown>;
  const named = doc.conditions as Record<string, unknown>;
  const windows = new Map<string, Array<{ from: string; until: string; index: number }>>();
  doc.rules.forEach((rule, r) => {
    const at = ['rules', r];
    if (rule.from && rule.until && rule.from > rule.until) {
      issues.push(
        yaml.at([...at, 'until'], `rule ${rule.id}: "until" ${rule.until} is before "from" ${rule.from}`),
      );
    }
    const window = { from: rule.from ?? '0000-01-01', until: rule.until ?? '9999-12-31', index: r };
    for (const other of windows.get(rule.id) ?? []) {
      if (window.from <= other.until && other.from <= window.until) {
        issues.push(
          yaml.at(
            [...at, 'id'],
            `rule ${rule.id}: validity window overlaps the entry at rules[${other.index}]`,
          ),
        );
      }
    }
    windows.set(rule.id, [...(windows.get(rule.id) ?? []), window]);
    if (rule.when !== undefined) {
      for (const i of checkCondition(rule.when, [...at, 'when'], named, params))
        issues.push(yaml.at(i.path, i.message));
    }
    issues.push(...caseIssues(yaml, doc, rule, at));
  });

  return issues;
}

/** A rule's cases: only the last may go without "when"; conditions well formed, obligations known. */
function caseIssues(
  yaml: YamlFile,
  doc: PolicyDocument,
  rule: RuleEntry,
  at: (string | number)[],
): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const params = doc.params as Record<string, unknown>;
  const named = doc.conditions as Record<string, unknown>;
  rule.cases.forEach((ruleCase, c) => {
    const casePath = [...at, 'cases', c];
    if (ruleCase.when === undefined && c < rule.cases.length - 1) {
      issues.push(yaml.at(casePath, `rule ${rule.id}: a case without "when" must be the last one`));
    }
    if (ruleCase.when !== undefined) {
      for (const i of checkCondition(ruleCase.when, [...casePath, 'when'], named, params)) {
        issues.push(yaml.at(i.path, i.message));
      }
    }
    (ruleCase.obligations ?? []).forEach((id, o) => {
      if (!(id in doc.obligations))
        issues.push(yaml.at([...casePath, 'obligations', o], `unknown obligation "${id}"`));
    });
  });
  return issues;
}

function scheduleIssues(yaml: YamlFile, doc: PolicyDocument): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  try {
    new Cron(doc.retention.reminders.schedule, { paused: true, timezone: doc.retention.reminders.time_zone });
  } catch (error) {
    issues.push(
      yaml.at(['retention', 'reminders', 'schedule'], `not a cron expression: ${(error as Error).message}`),
    );
  }

  return issues;
}

/** Each message check names a known rule and exactly one test, with the words it needs; patterns are safe. */
function messageCheckIssues(yaml: YamlFile, doc: PolicyDocument): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const ruleIds = new Set(doc.rules.map((rule) => rule.id));
  doc.campaign.message_checks.forEach((check, c) => {
    const at = ['campaign', 'message_checks', c];
    if (!ruleIds.has(check.rule)) issues.push(yaml.at([...at, 'rule'], `unknown rule id "${check.rule}"`));
    const presence = [
      check.contains_any,
      check.sender_identity,
      check.pattern,
      check.subject_matches_product,
    ];
    const tests = [...presence, check.stop_number_tariff, check.optout_sentence];
    if (tests.filter((t) => t !== undefined).length !== 1) {
      issues.push(
        yaml.at(
          at,
          'give exactly one of contains_any, sender_identity, pattern, subject_matches_product, stop_number_tariff, optout_sentence',
        ),
      );
    }
    // A presence check says what is missing; a sentence check what it found; the STOP tariff has its own words.
    if (presence.some((t) => t !== undefined) && !check.missing)
      issues.push(
        yaml.at(
          at,
          'a check of contains_any, sender_identity, pattern or subject_matches_product needs missing',
        ),
      );
    if (check.optout_sentence && !check.found)
      issues.push(yaml.at(at, 'an optout_sentence check needs found'));
    // Patterns run on RE2 (policy/pattern.ts): linear time whatever they say; what RE2 cannot run is refused.
    const problem = check.pattern === undefined ? undefined : patternProblem(check.pattern);
    if (problem)
      issues.push(
        yaml.at(
          [...at, 'pattern'],
          `not a pattern prospect-guard can run in linear time (${problem}): backreferences and lookarounds are not allowed`,
        ),
      );
  });
  return issues;
}

/**
 * B1's table: every function a product says it does not relate to is one of the policy's, and none is said to be
 * both related and unrelated (the answer would hang on the order the engine reads them).
 */
function unrelatedIssues(
  yaml: YamlFile,
  doc: PolicyDocument,
  name: string,
  product: ProductEntry,
): PolicyIssue[] {
  if (product.unrelated === 'others') return [];
  const issues: PolicyIssue[] = [];
  product.unrelated.forEach((fn, i) => {
    const at = ['products', name, 'unrelated', i];
    if (!(fn in doc.functions)) issues.push(yaml.at(at, `unknown function "${fn}" (see functions:)`));
    else if (product.functions.includes(fn))
      issues.push(yaml.at(at, `function "${fn}" is both related (functions:) and unrelated to ${name}`));
  });
  return issues;
}

/**
 * What lint warns about in products without refusing the policy: a product people cannot name in their own words
 * (no keywords, or none in French or in English), or keywords written as one list whose languages lint cannot see.
 */
export function keywordWarnings(yaml: YamlFile, doc: PolicyDocument): PolicyIssue[] {
  const warnings: PolicyIssue[] = [];
  for (const [name, product] of Object.entries(doc.products)) {
    const at = ['products', name];
    if (product.keywords === undefined)
      warnings.push(
        yaml.at(
          ['products'],
          `product ${name} has no keywords: people can name it only by its id or its full label (add keywords: fr: [...] en: [...])`,
          name,
        ),
      );
    else if (product.keywordsByLanguage === undefined)
      warnings.push(
        yaml.at(
          at,
          `product ${name}: keywords without their language (write them as fr: [...] and en: [...])`,
          'keywords',
        ),
      );
    else
      for (const [lang, language] of [
        ['fr', 'French'],
        ['en', 'English'],
      ] as const)
        if (product.keywordsByLanguage[lang].length === 0)
          warnings.push(
            yaml.at(at, `product ${name} has no ${language} keywords (keywords.${lang})`, 'keywords'),
          );
  }
  return warnings;
}

function namedConditionCycles(named: Record<string, unknown>): string[] {
  const refs = (condition: unknown): string[] => {
    if (typeof condition === 'string') return condition in named ? [condition] : [];
    if (!condition || typeof condition !== 'object') return [];
    const node = condition as Record<string, unknown>;
    if (Array.isArray(node.all)) return node.all.flatMap(refs);
    if (Array.isArray(node.any)) return node.any.flatMap(refs);
    if ('not' in node) return refs(node.not);
    return []; // a comparison: its values are data, not condition names
  };
  const cyclic: string[] = [];
  for (const start of Object.keys(named)) {
    const seen = new Set<string>();
    const stack = refs(named[start]);
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (next === start) {
        cyclic.push(start);
        break;
      }
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...refs(named[next]));
    }
  }
  return cyclic;
}

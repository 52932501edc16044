import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Cron } from 'croner';
import { DateTime } from 'luxon';
import { type Document, isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { AddressRules } from '../domain/audience.ts';
import type { CallWindowRules } from '../domain/callWindow.ts';
import { startOfDay } from '../domain/time.ts';
import { checkCondition } from './conditions.ts';
import { factType } from './facts-catalogue.ts';
import { functionMatcher } from './functions.ts';
import {
  type PolicyDocument,
  policySchema,
  type RuleEntry,
  type Scenario,
  testFileSchema,
} from './schema.ts';

export interface PolicyIssue {
  file: string;
  line: number;
  col: number;
  message: string;
}

export function formatIssue(issue: PolicyIssue): string {
  return `${issue.file}:${issue.line}:${issue.col} ${issue.message}`;
}

/** A policy that cannot be used: every problem, each with its place in the file. */
export class PolicyError extends Error {
  constructor(readonly issues: PolicyIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'PolicyError';
  }
}

export interface CompiledRule extends RuleEntry {
  /** Inclusive start and exclusive end of the validity window, as instants in the policy's time zone. */
  validFrom?: Date;
  validUntil?: Date;
}

export interface Policy {
  file: string;
  revision: string;
  doc: PolicyDocument;
  timeZone: string;
  rules: CompiledRule[];
  callWindow: CallWindowRules;
  addressRules: AddressRules;
  /** The policy's functions a job title maps to (see functions.ts). */
  functionsOf: (normalisedTitle: string) => string[];
  scenarios: Scenario[];
}

type Path = (string | number)[];

class YamlFile {
  readonly lines = new LineCounter();
  readonly doc: Document;
  constructor(
    readonly file: string,
    source: string,
  ) {
    this.doc = parseDocument(source, { lineCounter: this.lines, prettyErrors: false });
  }

  parseIssues(): PolicyIssue[] {
    return this.doc.errors.map((error) => {
      const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
      return { file: this.file, line: pos.line, col: pos.col, message: error.message.split('\n')[0] ?? '' };
    });
  }

  /** The position of the node at `path`, or of its nearest ancestor that exists; `key` points at a map key. */
  at(path: Path, message: string, key?: string): PolicyIssue {
    let node: unknown;
    for (let depth = path.length; depth >= 0; depth--) {
      node = this.doc.getIn(path.slice(0, depth), true);
      if (node && depth === path.length && key !== undefined && isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
        if (pair && isScalar(pair.key)) node = pair.key;
      }
      if (node) break;
    }
    if (!node) node = this.doc.contents;
    const range = (node as { range?: [number, number, number] } | null)?.range;
    const pos = this.lines.linePos(range?.[0] ?? 0);
    return { file: this.file, line: pos.line, col: pos.col, message };
  }
}

function zodIssues(yaml: YamlFile, error: z.ZodError, prefix: Path = []): PolicyIssue[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...(issue.path as Path)];
    if (issue.code === 'unrecognized_keys') {
      return yaml.at(path, `unknown key "${issue.keys[0]}"`, issue.keys[0]);
    }
    const last = path[path.length - 1];
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      const what = last === 'fr' || last === 'en' ? `missing translation "${last}"` : `missing "${last}"`;
      return yaml.at(path, what);
    }
    return yaml.at(path, `${path.join('.')}: ${issue.message}`);
  });
}

/** Scenarios with the file they were read from, so each problem points into the right file. */
interface ScenarioSource {
  yaml: YamlFile;
  scenarios: Scenario[];
}

function semanticIssues(yaml: YamlFile, doc: PolicyDocument, sources: ScenarioSource[]) {
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

  for (const [name, product] of Object.entries(doc.products)) {
    product.similar.forEach((other, i) => {
      if (!(other in doc.products))
        issues.push(yaml.at(['products', name, 'similar', i], `unknown product "${other}"`));
    });
    product.functions.forEach((fn, i) => {
      if (!(fn in doc.functions))
        issues.push(yaml.at(['products', name, 'functions', i], `unknown function "${fn}" (see functions:)`));
    });
  }

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
  });

  try {
    new Cron(doc.retention.reminders.schedule, { paused: true, timezone: doc.retention.reminders.time_zone });
  } catch (error) {
    issues.push(
      yaml.at(['retention', 'reminders', 'schedule'], `not a cron expression: ${(error as Error).message}`),
    );
  }

  const ruleIds = new Set(doc.rules.map((rule) => rule.id));
  doc.campaign.message_checks.forEach((check, c) => {
    const at = ['campaign', 'message_checks', c];
    if (!ruleIds.has(check.rule)) issues.push(yaml.at([...at, 'rule'], `unknown rule id "${check.rule}"`));
    const tests = [check.contains_any, check.sender_identity, check.pattern, check.subject_matches_product];
    if (tests.filter((t) => t !== undefined).length !== 1) {
      issues.push(
        yaml.at(at, 'give exactly one of contains_any, sender_identity, pattern, subject_matches_product'),
      );
    }
    if (check.pattern !== undefined) {
      try {
        new RegExp(check.pattern, 'iu');
      } catch (error) {
        issues.push(yaml.at([...at, 'pattern'], `not a regular expression: ${(error as Error).message}`));
      }
    }
  });
  for (const { yaml: testYaml, scenarios } of sources) {
    scenarios.forEach((scenario, s) => {
      const at = ['tests', s];
      if (scenario.ask.product && !(scenario.ask.product in doc.products)) {
        issues.push(testYaml.at([...at, 'ask', 'product'], `unknown product "${scenario.ask.product}"`));
      }
      const expected = scenario.expect.rules;
      const ids = [
        ...(Array.isArray(expected) ? expected : Object.keys(expected ?? {})),
        ...(scenario.expect.not_rules ?? []),
      ];
      for (const id of ids) {
        if (!ruleIds.has(id)) issues.push(testYaml.at([...at, 'expect'], `unknown rule id "${id}"`));
      }
    });
  }
  return issues;
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

function compileRule(rule: RuleEntry, zone: string): CompiledRule {
  return {
    ...rule,
    validFrom: rule.from ? startOfDay(rule.from, zone) : undefined,
    validUntil: rule.until
      ? DateTime.fromISO(rule.until, { zone }).plus({ days: 1 }).startOf('day').toJSDate()
      : undefined,
  };
}

export function siblingTestFile(policyFile: string): string {
  const name = basename(policyFile).replace(/\.ya?ml$/, '');
  return join(dirname(policyFile), `${name}.test.yaml`);
}

/**
 * Parses and checks a policy. `tests` is the text of a separate scenario file, if any. Throws PolicyError with
 * every problem found, each as file:line:col.
 */
export function parsePolicy(source: string, file: string, tests?: { source: string; file: string }): Policy {
  const yaml = new YamlFile(file, source);
  const parseIssues = yaml.parseIssues();
  if (parseIssues.length > 0) throw new PolicyError(parseIssues);
  const parsed = policySchema.safeParse(yaml.doc.toJS());
  if (!parsed.success) throw new PolicyError(zodIssues(yaml, parsed.error));
  const doc = parsed.data;

  const sources: ScenarioSource[] = [{ yaml, scenarios: doc.tests ?? [] }];
  if (tests) {
    const testYaml = new YamlFile(tests.file, tests.source);
    const testParse = testYaml.parseIssues();
    if (testParse.length > 0) throw new PolicyError(testParse);
    const parsedTests = testFileSchema.safeParse(testYaml.doc.toJS());
    if (!parsedTests.success) throw new PolicyError(zodIssues(testYaml, parsedTests.error));
    sources.push({ yaml: testYaml, scenarios: parsedTests.data.tests });
  }

  const issues = semanticIssues(yaml, doc, sources);
  if (issues.length > 0) throw new PolicyError(issues);

  const zone = doc.policy.time_zone;
  return {
    file,
    revision: createHash('sha256').update(source).digest('hex').slice(0, 12),
    doc,
    timeZone: zone,
    rules: doc.rules.map((rule) => compileRule(rule, zone)),
    callWindow: {
      days: doc.params.call_days,
      slots: doc.params.call_hours.map((range) => {
        const [start = '', end = ''] = range.split('-');
        return { start, end };
      }),
      holidays: doc.params.call_holidays,
    },
    addressRules: {
      extraFreeMailDomains: doc.params.extra_free_mail_domains.map((d) => d.toLowerCase()),
      roleLocalParts: doc.params.role_local_parts.map((p) => p.toLowerCase()),
    },
    functionsOf: functionMatcher(doc.functions),
    scenarios: sources.flatMap((source) => source.scenarios),
  };
}

/** Reads a policy file and, when it exists, its sibling `<name>.test.yaml`. */
export function loadPolicy(file: string): Policy {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PolicyError([
      {
        file,
        line: 1,
        col: 1,
        message: code === 'ENOENT' ? 'policy file not found' : `cannot read policy (${code})`,
      },
    ]);
  }
  const testFile = siblingTestFile(file);
  let tests: { source: string; file: string } | undefined;
  try {
    tests = { source: readFileSync(testFile, 'utf8'), file: testFile };
  } catch {
    tests = undefined;
  }
  return parsePolicy(source, file, tests);
}

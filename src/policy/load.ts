import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { AddressRules } from '../domain/audience.ts';
import type { CallWindowRules } from '../domain/callWindow.ts';
import { startOfDay } from '../domain/time.ts';
import { functionMatcher } from './functions.ts';
import { keywordWarnings, type ScenarioSource, semanticIssues } from './lint.ts';
import { placeholderIssues } from './placeholders.ts';
import {
  type PolicyDocument,
  policySchema,
  type RuleEntry,
  type Scenario,
  testFileSchema,
} from './schema.ts';
import { type Path, type PolicyIssue, YamlFile } from './yamlFile.ts';

export type { PolicyIssue };

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
  /** The scenario file read beside the policy, if one was (policy lint and test). */
  scenarioFile?: string;
  /** What lint warns about without refusing the policy (placeholders left in place); asked for by lint. */
  warnings: PolicyIssue[];
}

/** A path as people read it: `rule ai-act-disclosure.from` rather than `rules.18.from`, `tests[3]` for a scenario. */
function pathText(path: Path, data: unknown): string {
  const [head, index, ...rest] = path;
  const rules = (data as { rules?: Array<{ id?: unknown }> } | undefined)?.rules;
  const id = head === 'rules' && typeof index === 'number' ? rules?.[index]?.id : undefined;
  if (typeof id === 'string') return [`rule ${id}`, ...rest].join('.');
  if (typeof index === 'number') return [`${head}[${index}]`, ...rest].join('.');
  return path.join('.');
}

function zodIssues(yaml: YamlFile, error: z.ZodError, data?: unknown): PolicyIssue[] {
  const prefix: Path = [];
  return error.issues.map((issue) => {
    const path = [...prefix, ...(issue.path as Path)];
    if (issue.code === 'unrecognized_keys') {
      return yaml.at(path, `unknown key "${issue.keys[0]}"`, issue.keys[0]);
    }
    const last = path[path.length - 1];
    if (path.length === 0 && issue.code === 'invalid_type')
      return yaml.at([], 'the file is empty or not a map of keys');
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      const what = last === 'fr' || last === 'en' ? `missing translation "${last}"` : `missing "${last}"`;
      return yaml.at(path, what);
    }
    return yaml.at(path, `${pathText(path, data)}: ${issue.message}`);
  });
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
export function parsePolicy(
  source: string,
  file: string,
  tests?: { source: string; file: string },
  options: { warnings?: boolean } = {},
): Policy {
  const yaml = new YamlFile(file, source);
  const parseIssues = yaml.parseIssues();
  if (parseIssues.length > 0) throw new PolicyError(parseIssues);
  const policyData = yaml.toData();
  if (policyData.issue) throw new PolicyError([policyData.issue]);
  const parsed = policySchema.safeParse(policyData.data);
  if (!parsed.success) throw new PolicyError(zodIssues(yaml, parsed.error, policyData.data));
  const doc = parsed.data;

  const sources: ScenarioSource[] = [{ yaml, scenarios: doc.tests ?? [] }];
  if (tests) {
    const testYaml = new YamlFile(tests.file, tests.source);
    const testParse = testYaml.parseIssues();
    if (testParse.length > 0) throw new PolicyError(testParse);
    const testData = testYaml.toData();
    if (testData.issue) throw new PolicyError([testData.issue]);
    const parsedTests = testFileSchema.safeParse(testData.data);
    if (!parsedTests.success) throw new PolicyError(zodIssues(testYaml, parsedTests.error, testData.data));
    sources.push({ yaml: testYaml, scenarios: parsedTests.data.tests });
  }

  const issues = semanticIssues(yaml, doc, sources);
  if (issues.length > 0) throw new PolicyError(issues);

  const revision = createHash('sha256').update(source).digest('hex').slice(0, 12);
  return {
    ...policyFromDoc(
      doc,
      file,
      revision,
      sources.flatMap((source) => source.scenarios),
    ),
    scenarioFile: tests?.file,
    // Positions need the slow parse: only lint asks.
    warnings: options.warnings ? [...placeholderIssues(yaml, doc), ...keywordWarnings(yaml, doc)] : [],
  };
}

/**
 * The policy as the engine uses it, from its checked document: what a worker thread rebuilds from the document
 * it is sent (functions and dates do not cross threads), with the same revision.
 */
export function policyFromDoc(
  doc: PolicyDocument,
  file: string,
  revision: string,
  scenarios: Scenario[] = [],
): Policy {
  const zone = doc.policy.time_zone;
  return {
    file,
    revision,
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
    scenarios,
    warnings: [],
  };
}

/**
 * Reads a policy file and, with `scenarios` (policy lint and test), its scenarios: the `tests` file if given, else
 * the sibling `<name>.test.yaml` if there is one. Everyday commands skip the scenario file: it is as long as the
 * policy, and parsing it took a fifth of a command's time.
 */
export function loadPolicy(
  file: string,
  options: { scenarios?: boolean; tests?: string; warnings?: boolean } = {},
): Policy {
  const source = readText(file, 'policy');
  if (!options.scenarios) return parsePolicy(source, file, undefined, options);
  if (options.tests)
    return parsePolicy(
      source,
      file,
      { source: readText(options.tests, 'scenario'), file: options.tests },
      options,
    );
  const testFile = siblingTestFile(file);
  let tests: { source: string; file: string } | undefined;
  try {
    tests = { source: readFileSync(testFile, 'utf8'), file: testFile };
  } catch {
    tests = undefined;
  }
  return parsePolicy(source, file, tests, options);
}

function readText(file: string, what: 'policy' | 'scenario'): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `${what} file not found` : `cannot read the ${what} file (${code})`;
    throw new PolicyError([{ file, line: 1, col: 1, message }]);
  }
}

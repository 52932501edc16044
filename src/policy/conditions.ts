import { kept } from '../domain/kept.ts';
import { type FactType, factType } from './facts-catalogue.ts';
import { COMPARISON_OPS, type ComparisonOp } from './schema.ts';

/**
 * The condition language, small on purpose:
 *   fact_or_named_condition             a boolean fact, or a condition named in the policy's `conditions:`
 *   { all: [c, …] } | { any: [c, …] } | { not: c }
 *   { fact: name, <op>: value }        op: eq ne lt lte gt gte in contains intersects;
 *                                       value: a literal, or "$param" to read a policy parameter.
 */

/** A comparison's value: a literal, or the policy parameter a "$name" reads. */
function resolve(value: unknown, params: Record<string, unknown>): unknown {
  return typeof value === 'string' && value.startsWith('$') ? params[value.slice(1)] : value;
}

function compare(op: ComparisonOp, left: unknown, right: unknown): boolean {
  switch (op) {
    case 'eq':
      return left === right;
    case 'ne':
      return left !== right;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      if (typeof left !== 'number' || typeof right !== 'number') return false;
      if (op === 'lt') return left < right;
      if (op === 'lte') return left <= right;
      if (op === 'gt') return left > right;
      return left >= right;
    }
    case 'in':
      return Array.isArray(right) && right.includes(left);
    case 'contains':
      return Array.isArray(left) && left.includes(right);
    case 'intersects':
      return Array.isArray(left) && Array.isArray(right) && left.some((item) => right.includes(item));
  }
}

/** A condition made ready to run: names and parameters resolved once, so a decision only reads facts. */
export type Test = (fact: (name: string) => unknown) => boolean;

/** Compiled conditions, by the policy's named conditions and parameters they were resolved with. */
const compiledFor = new WeakMap<object, WeakMap<object, WeakMap<object, Test>>>();

function cacheFor(named: object, params: object): WeakMap<object, Test> {
  const byParams = kept(compiledFor, named, () => new WeakMap<object, WeakMap<object, Test>>());
  return kept(byParams, params, () => new WeakMap<object, Test>());
}

/**
 * Turns a condition into a function of the facts. Named conditions and `$param` values are looked up here, once
 * per policy, not on every decision; a condition's object is compiled once and remembered.
 */
export function compileCondition(
  condition: unknown,
  named: Record<string, unknown>,
  params: Record<string, unknown>,
): Test {
  if (typeof condition === 'string') {
    if (condition in named) return compileCondition(named[condition], named, params);
    return (fact) => fact(condition) === true;
  }
  const node = condition as Record<string, unknown>;
  const compiled = cacheFor(named, params);
  const known = compiled.get(node);
  if (known) return known;
  let test: Test;
  if ('all' in node) {
    const parts = (node.all as unknown[]).map((c) => compileCondition(c, named, params));
    test = (fact) => parts.every((part) => part(fact));
  } else if ('any' in node) {
    const parts = (node.any as unknown[]).map((c) => compileCondition(c, named, params));
    test = (fact) => parts.some((part) => part(fact));
  } else if ('not' in node) {
    const inner = compileCondition(node.not, named, params);
    test = (fact) => !inner(fact);
  } else {
    const op = COMPARISON_OPS.find((candidate) => candidate in node) as ComparisonOp;
    const name = node.fact as string;
    const right = resolve(node[op], params);
    test = (fact) => compare(op, fact(name), right);
  }
  compiled.set(node, test);
  return test;
}

export interface ConditionIssue {
  path: (string | number)[];
  message: string;
}

const OPS_FOR: Record<FactType, readonly ComparisonOp[]> = {
  boolean: ['eq', 'ne'],
  number: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in'],
  string: ['eq', 'ne', 'in'],
  list: ['contains', 'intersects'],
};

/** Checks a condition's shape, fact names, operators and parameter references; returns every problem found. */
export function checkCondition(
  condition: unknown,
  path: (string | number)[],
  named: Record<string, unknown>,
  params: Record<string, unknown>,
): ConditionIssue[] {
  if (typeof condition === 'string') {
    if (condition in named) return [];
    const type = factType(condition);
    if (!type) return [{ path, message: `unknown fact or condition "${condition}"` }];
    if (type !== 'boolean') {
      return [
        { path, message: `fact "${condition}" is a ${type}: compare it, e.g. { fact: ${condition}, … }` },
      ];
    }
    return [];
  }
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) {
    return [{ path, message: 'a condition is a fact name, all/any/not, or { fact, <op>: value }' }];
  }
  const node = condition as Record<string, unknown>;
  const keys = Object.keys(node);
  for (const combinator of ['all', 'any'] as const) {
    if (combinator in node) {
      if (keys.length !== 1) return [{ path, message: `"${combinator}" must stand alone in its map` }];
      const items = node[combinator];
      if (!Array.isArray(items) || items.length === 0) {
        return [{ path: [...path, combinator], message: `"${combinator}" takes a non-empty list` }];
      }
      return items.flatMap((item, i) => checkCondition(item, [...path, combinator, i], named, params));
    }
  }
  if ('not' in node) {
    if (keys.length !== 1) return [{ path, message: '"not" must stand alone in its map' }];
    return checkCondition(node.not, [...path, 'not'], named, params);
  }
  if (!('fact' in node)) return [{ path, message: `unknown condition key "${keys[0] ?? ''}"` }];
  const ops = keys.filter((key) => key !== 'fact');
  const unknown = ops.filter((key) => !(COMPARISON_OPS as readonly string[]).includes(key));
  if (unknown.length > 0)
    return [{ path: [...path, unknown[0] ?? ''], message: `unknown operator "${unknown[0]}"` }];
  if (ops.length !== 1) return [{ path, message: 'a comparison takes exactly one operator' }];
  const fact = String(node.fact);
  const type = factType(fact);
  if (!type) return [{ path: [...path, 'fact'], message: `unknown fact "${fact}"` }];
  const op = ops[0] as ComparisonOp;
  if (!OPS_FOR[type].includes(op)) {
    return [{ path: [...path, op], message: `operator "${op}" does not apply to ${type} fact "${fact}"` }];
  }
  const value = node[op];
  if (typeof value === 'string' && value.startsWith('$') && !(value.slice(1) in params)) {
    return [{ path: [...path, op], message: `unknown parameter "${value}"` }];
  }
  return [];
}

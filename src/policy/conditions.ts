import { type FactType, factType } from './facts-catalogue.ts';
import { COMPARISON_OPS, type ComparisonOp } from './schema.ts';

/**
 * The condition language, small on purpose:
 *   fact_or_named_condition             a boolean fact, or a condition named in the policy's `conditions:`
 *   { all: [c, …] } | { any: [c, …] } | { not: c }
 *   { fact: name, <op>: value }        op: eq ne lt lte gt gte in contains intersects;
 *                                       value: a literal, or "$param" to read a policy parameter.
 */
export interface ConditionEnv {
  fact(name: string): unknown;
  named: Record<string, unknown>;
  params: Record<string, unknown>;
}

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

export function evaluate(condition: unknown, env: ConditionEnv): boolean {
  if (typeof condition === 'string') {
    if (condition in env.named) return evaluate(env.named[condition], env);
    return env.fact(condition) === true;
  }
  const node = condition as Record<string, unknown>;
  if ('all' in node) return (node.all as unknown[]).every((c) => evaluate(c, env));
  if ('any' in node) return (node.any as unknown[]).some((c) => evaluate(c, env));
  if ('not' in node) return !evaluate(node.not, env);
  const op = COMPARISON_OPS.find((candidate) => candidate in node) as ComparisonOp;
  return compare(op, env.fact(node.fact as string), resolve(node[op], env.params));
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

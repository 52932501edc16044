import { RE2JS } from 're2js';

/**
 * The message checks' `pattern`s, run on a linear-time engine (RE2, the pure-JavaScript port re2js): a pattern
 * the compliance officer writes can never take exponential time on a template, whatever its alternations and
 * repetitions (`^(\w|a)+$` backtracks 2ⁿ steps in JavaScript's engine; RE2 reads the text once). Backreferences
 * and lookarounds, which no linear engine can run, are refused at lint, at load and at reload.
 */
export interface Pattern {
  test(text: string): boolean;
}

/** The pattern compiled, or a RE2 syntax error whose message says what is not allowed. */
export function compilePattern(source: string, options: { ignoreCase?: boolean } = {}): Pattern {
  const compiled = RE2JS.compile(source, options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  return { test: (text) => compiled.matcher(text).find() };
}

/** Why the pattern cannot be used (in RE2's words), or undefined if it can. */
export function patternProblem(source: string): string | undefined {
  try {
    compilePattern(source);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^error parsing regexp: /, '');
  }
}

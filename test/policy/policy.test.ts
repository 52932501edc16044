import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMessage } from '../../src/campaign/message.ts';
import { formatIssue, PolicyError, parsePolicy } from '../../src/policy/load.ts';
import { runScenarios, untestedRules } from '../../src/policy/scenarios.ts';
import { POLICY_PATH, policy } from '../support/policy.ts';

const source = readFileSync(POLICY_PATH, 'utf8');

function lintErrors(text: string): string[] {
  try {
    parsePolicy(text, 'policy.yaml');
    return [];
  } catch (error) {
    if (error instanceof PolicyError) return error.issues.map(formatIssue);
    throw error;
  }
}

describe('the default policy', () => {
  it.each(runScenarios(policy).map((r) => [r.name, r] as const))('%s', (_name, result) => {
    expect(result.failures).toEqual([]);
  });

  it('ships a scenario for every rule id', () => {
    expect(untestedRules(policy)).toEqual([]);
  });

  it('a scenario with a wrong expectation fails', () => {
    const broken = {
      ...policy,
      scenarios: [
        {
          ...(policy.scenarios[0] as (typeof policy.scenarios)[number]),
          expect: { verdict: 'allow' as const },
        },
      ],
    };
    expect(runScenarios(broken)[0]?.passed).toBe(false);
  });
});

describe('policy lint', () => {
  it('reports broken YAML with its line and column', () => {
    const errors = lintErrors('policy:\n  name: x\n  time_zone: [oops\n');
    expect(errors[0]).toMatch(/^policy\.yaml:\d+:\d+ /);
  });

  it('reports an unknown key at its position', () => {
    const text = source.replace('  max_call_attempts: 4', '  max_call_attempts: 4\n  max_cals: 5');
    const line = text.split('\n').findIndex((l) => l.includes('max_cals')) + 1;
    expect(lintErrors(text)).toContain(`policy.yaml:${line}:3 unknown key "max_cals"`);
    // Read again, its data now comes from the YAML cache: the position is still found.
    expect(lintErrors(text)).toContain(`policy.yaml:${line}:3 unknown key "max_cals"`);
  });

  it('reports an unknown fact, a missing translation, a bad duration and overlapping windows', () => {
    let text = source.replace('      - when: objection\n', '      - when: objektion\n');
    text = text.replace('retention_prospect: P3Y', 'retention_prospect: 3 years');
    text = text.replace(
      "    title: { fr: Droit d'opposition, en: Right to object }",
      "    title: { fr: Droit d'opposition }",
    );
    expect(lintErrors(text).join('\n')).toMatch(/bad duration/);
    const facts = source.replace('      - when: objection\n', '      - when: objektion\n');
    expect(lintErrors(facts).join('\n')).toMatch(/unknown fact or condition "objektion"/);
    const translation = source.replace(
      "    title: { fr: Droit d'opposition, en: Right to object }",
      "    title: { fr: Droit d'opposition }",
    );
    expect(lintErrors(translation).join('\n')).toMatch(/missing translation "en"/);
    const overlap = source.replace(
      '    from: 2026-08-11\n    basis: false\n    # A refusal',
      '    from: 2026-08-01\n    basis: false\n    # A refusal',
    );
    expect(lintErrors(overlap).join('\n')).toMatch(/validity window overlaps/);
  });

  it('points a bad scenario at its own file when the policy also has inline tests', () => {
    const inline = `${source}\ntests:\n  - name: inline\n    at: 2026-11-23T10:00\n    ask: { channel: email, target: a@gmail.com }\n    expect: { verdict: block }\n`;
    const sibling =
      'tests:\n  - name: first\n    at: 2026-11-23T10:00\n    ask: { channel: email, target: a@gmail.com }\n    expect: { verdict: block, rules: [no-such-rule] }\n';
    let issues: string[] = [];
    try {
      parsePolicy(inline, 'policy.yaml', { source: sibling, file: 'policy.test.yaml' });
    } catch (error) {
      issues = (error as PolicyError).issues.map(formatIssue);
    }
    expect(issues).toEqual(['policy.test.yaml:5:39 unknown rule id "no-such-rule"']);
  });

  it('accepts the shipped policy', () => {
    expect(lintErrors(source)).toEqual([]);
  });
});

describe('a policy cannot freeze or crash the app', () => {
  it('runs every pattern in linear time: an overlapping alternation that backtracks 2ⁿ steps in JavaScript answers at once', () => {
    // ^(\w|a)+$ on 28 letters and a "!" took 10 s, doubling with each letter, in JavaScript's engine.
    for (const pattern of ['^(\\\\w|a)+$', '(a+)+$', '^(a|aa)+$']) {
      const text = source.replace('      pattern: "\\\\bSTOP\\\\b"', `      pattern: "${pattern}"`);
      expect(text).not.toBe(source);
      expect(lintErrors(text), pattern).toEqual([]);
      const loaded = parsePolicy(text, 'policy.yaml');
      const template = `${'a'.repeat(60)}!\nExemple SAS\nSTOP au 36180`;
      const findings = checkMessage(template, 'sms', undefined, loaded);
      expect(findings.length, pattern).toBeGreaterThan(0);
    }
  });

  it('refuses, at its line and column, a pattern no linear-time engine can run (a backreference, a lookaround)', () => {
    for (const pattern of ['(a)\\\\1', '(?<=STOP)x']) {
      const text = source.replace('      pattern: "\\\\bSTOP\\\\b"', `      pattern: "${pattern}"`);
      const line = text.split('\n').findIndex((l) => l.includes(`pattern: "${pattern}"`)) + 1;
      const errors = lintErrors(text);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(
        new RegExp(`^policy\\.yaml:${line}:16 not a pattern prospect-guard can run in linear time`),
      );
      expect(errors[0]).toContain('backreferences and lookarounds are not allowed');
    }
  });

  it('reports an alias bomb at its first alias instead of expanding it', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    ].join('\n');
    expect(lintErrors(bomb)[0]).toMatch(/^policy\.yaml:2:8 too many aliases to expand/);
  });
});

import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { POLICY_PATH } from '../support/policy.ts';

/**
 * The B1 table as a compliance officer edits it: under each product, the functions it relates to (`functions:`)
 * and those it clearly does not (`unrelated:`), and its words in French and English (`keywords:`).
 */
const SOURCE = readFileSync(POLICY_PATH, 'utf8');
const TESTS = POLICY_PATH.replace(/\.yaml$/, '.test.yaml');
const ACCOUNTING_UNRELATED = '    unrelated: [sales, marketing, training, kitchen, driving]\n';

function policyCopy(edit: (text: string) => string): string {
  const file = join(tempDir(), 'policy.yaml');
  const text = edit(SOURCE);
  expect(text).not.toBe(SOURCE);
  writeFileSync(file, text);
  return file;
}

const lineOf = (file: string, needle: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle)) + 1;
const lint = (file: string, ...flags: string[]) =>
  cli(tempDir(), { lang: 'en' })('policy', 'lint', file, '--tests', TESTS, ...flags);

describe('policy lint: the product × function table', () => {
  it('refuses an unknown function among the unrelated ones, at its place', async () => {
    const file = policyCopy((s) =>
      s.replace(ACCOUNTING_UNRELATED, '    unrelated: [sales, marketing, training, kitchen, drivers]\n'),
    );
    const result = await lint(file);
    expect(result.status).toBe(2);
    expect(result.err).toBe(
      `${file}:${lineOf(file, 'kitchen, drivers]')}:54 unknown function "drivers" (see functions:)`,
    );
  });

  it('refuses a function said to be both related and unrelated to one product', async () => {
    const file = policyCopy((s) =>
      s.replace(ACCOUNTING_UNRELATED, '    unrelated: [sales, marketing, finance]\n'),
    );
    const result = await lint(file);
    expect(result.status).toBe(2);
    expect(result.err).toBe(
      `${file}:${lineOf(file, 'marketing, finance]')}:35 function "finance" is both related (functions:) and unrelated to accounting-software`,
    );
  });

  it('accepts `unrelated: others`, and refuses any other word there', async () => {
    const others = policyCopy((s) => s.replace(ACCOUNTING_UNRELATED, '    unrelated: others\n'));
    expect((await lint(others)).status).toBe(0);
    const typo = policyCopy((s) => s.replace(ACCOUNTING_UNRELATED, '    unrelated: other\n'));
    const result = await lint(typo);
    expect(result.status).toBe(2);
    expect(result.err).toBe(
      `${typo}:${lineOf(typo, '    unrelated: other')}:16 products.accounting-software.unrelated: expected a list of functions, or others (every function not in functions:)`,
    );
  });

  it('warns about a product people cannot name in their words, and fails on it with --strict', async () => {
    const file = policyCopy((s) =>
      s
        .replace(
          '      fr: [paie, paye, bulletin de paie, bulletin de salaire, fiche de paie, salaire]\n      en: [payroll, payslip, pay slip, salary, salaries, wages]\n',
          '      fr: [paie, paye, salaire]\n',
        )
        .replace(
          '    keywords:\n      fr: [crm, relation client, relation clients, gestion de la relation client, suivi commercial, fichier client]\n      en: [crm, customer relationship, customer relationship management, sales pipeline, contact management]\n',
          '    keywords: [crm, relation client, customer relationship, zorglub]\n',
        ),
    );
    const result = await lint(file);
    expect(result.status).toBe(0);
    const warnings = result.err.split('\n').filter((l) => !l.includes('placeholder'));
    expect(warnings).toEqual([
      `${file}:${lineOf(file, 'fr: [paie, paye, salaire]') - 1}:5 warning: product payroll-software has no English keywords (keywords.en)`,
      `${file}:${lineOf(file, 'keywords: [crm, relation client')}:5 warning: product crm-software: keywords without their language (write them as fr: [...] and en: [...])`,
    ]);
    expect((await lint(file, '--strict')).status).toBe(1);
    // A plain list is still read: the product is named by its words, whatever their language.
    const run = cli(tempDir(), { lang: 'en' });
    const asked = await run('--policy', file, 'can-i', 'email', 'a@acme.fr', '--product', 'Zorglub');
    expect(asked.err).toBe('');
    expect(asked.status).toBe(3);
  });

  it('warns about a product with no keywords at all, at its name', async () => {
    const file = policyCopy((s) =>
      s.replace(
        '    keywords:\n      fr: [presse, magazine, journal, journaux, abonnement presse, abonnement magazine, abonnement journal,\n        quotidien, hebdomadaire, periodique]\n      en: [magazine, newspaper, periodical, press subscription, news subscription]\n',
        '',
      ),
    );
    const result = await lint(file);
    expect(result.status).toBe(0);
    expect(result.err).toContain(
      `${file}:${lineOf(file, '  magazine-subscription:')}:3 warning: product magazine-subscription has no keywords: people can name it only by its id or its full label`,
    );
  });
});

describe('policy diff: a change of the table, before it ships', () => {
  it('names the answers a new unrelated function turns from review to block', async () => {
    const dir = tempDir();
    const before = join(dir, 'old.yaml');
    copyFileSync(POLICY_PATH, before);
    copyFileSync(TESTS, join(dir, 'old.test.yaml'));
    const after = join(dir, 'new.yaml');
    writeFileSync(
      after,
      SOURCE.replace(
        ACCOUNTING_UNRELATED,
        '    unrelated: [sales, marketing, training, kitchen, driving, hr]\n',
      ),
    );
    const result = await cli(dir, { lang: 'en' })('policy', 'diff', before, after, '--json');
    expect(result.status).toBe(1);
    const groups = JSON.parse(result.out).scenarios.groups as Array<{
      from: string;
      to: string;
      rules: Array<{ rule: string; examples: string[] }>;
    }>;
    // By email the HR director is now refused (Nestor); by phone the call needs review (phone-b2b).
    expect(groups.map((g) => `${g.from}>${g.to}`)).toEqual(['review>block', 'allow>review']);
    expect(groups.map((g) => g.rules.map((r) => r.rule))).toEqual([
      ['b2b-professional-nominative-address'],
      ['phone-b2b'],
    ]);
    expect(groups[0]?.rules[0]?.examples).toContain(
      'an HR director offered accounting software needs review, not a Nestor block',
    );
    expect(groups[1]?.rules[0]?.examples).toContain(
      "a call to an HR director's work line about accounting software is allowed",
    );
  });
});

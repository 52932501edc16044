import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { POLICY_PATH } from '../support/policy.ts';

const SOURCE = readFileSync(POLICY_PATH, 'utf8');
const TESTS = POLICY_PATH.replace(/\.yaml$/, '.test.yaml');
/** How many scenarios the shipped file holds (several people add theirs). */
const SCENARIOS = (readFileSync(TESTS, 'utf8').match(/^ {2}- name:/gm) ?? []).length;

/** A copy of the shipped policy, edited by `edit`, in a folder of its own (no scenario file beside it). */
function policyCopy(edit: (text: string) => string = (text) => text, name = 'my-policy.yaml'): string {
  const file = join(tempDir(), name);
  writeFileSync(file, edit(SOURCE));
  return file;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('policy test: never a pass by accident', () => {
  it('fails with exit 2 and one line naming the file it looked for when it finds no scenario', async () => {
    const file = policyCopy();
    const run = cli(tempDir(), { lang: 'en' });
    const result = await run('policy', 'test', file);
    expect(result.status).toBe(2);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toContain(file.replace('my-policy.yaml', 'my-policy.test.yaml'));
    expect(result.out).not.toMatch(/0 passed/);
  });

  it('runs the scenarios of --tests FILE, and names the files it used', async () => {
    const file = policyCopy();
    const result = await cli(tempDir(), { lang: 'en' })('policy', 'test', file, '--tests', TESTS);
    expect(result.status).toBe(0);
    expect(result.out.split('\n')[0]).toBe(`scenarios: ${TESTS}`);
    expect(result.out).toMatch(new RegExp(`^${SCENARIOS} passed, 0 failed$`, 'm'));
  });

  it('fails a rule that no scenario names', async () => {
    const dir = tempDir();
    const tests = join(dir, 'few.test.yaml');
    const all = readFileSync(TESTS, 'utf8');
    // The first scenario only.
    writeFileSync(tests, all.slice(0, all.indexOf('\n  - name:', all.indexOf('  - name:') + 1) + 1));
    const result = await cli(dir, { lang: 'en' })('policy', 'test', policyCopy(), '--tests', tests);
    expect(result.status).toBe(1);
    expect(result.out).toMatch(/^FAIL rule consent-validity: no scenario names it/m);
    expect(result.out).toMatch(/^1 passed, \d+ failed$/m);
  });
});

describe('policy lint: what people get wrong, at its line and column', () => {
  const lint = async (file: string, ...flags: string[]) =>
    cli(tempDir(), { lang: 'en' })('policy', 'lint', file, ...flags);

  it('refuses a date that does not exist, and a zero duration', async () => {
    const file = policyCopy((s) =>
      s.replace('from: 2026-08-02', 'from: 2026-02-30').replace('refusal_pause: P60D', 'refusal_pause: P0D'),
    );
    const result = await lint(file);
    expect(result.status).toBe(2);
    const text = readFileSync(file, 'utf8');
    expect(result.err).toContain(
      `${file}:${lineOf(text, 'from: 2026-02-30')}:11 rule ai-act-disclosure.from: no such date in the calendar`,
    );
    expect(result.err).toMatch(/from: no such date in the calendar/);
    expect(result.err).toContain(
      `${file}:${lineOf(text, 'refusal_pause: P0D')}:18 params.refusal_pause: a duration must be longer than zero`,
    );
  });

  it('points a YAML syntax error at its own line, and a duplicate key at the second one', async () => {
    const flow = policyCopy((s) => s.replace('call_days: [mon, tue, wed, thu, fri]', 'call_days: [mon, tue'));
    const bad = await lint(flow);
    expect(bad.status).toBe(2);
    expect(bad.err.split('\n')[0]).toBe(
      `${flow}:${lineOf(SOURCE, 'call_days:')}:14 Flow sequence in block collection must be sufficiently indented and end with a ]`,
    );
    const twice = policyCopy((s) =>
      s.replace('  max_call_attempts: 4', '  max_call_attempts: 4\n  max_call_attempts: 5'),
    );
    const dup = await lint(twice);
    expect(dup.status).toBe(2);
    expect(dup.err).toContain(
      `${twice}:${lineOf(SOURCE, 'max_call_attempts:') + 1}:3 duplicate key "max_call_attempts"`,
    );
  });

  it('names unknown products, event types and sectors where they are written', async () => {
    const file = policyCopy((s) =>
      s.replace(
        '{ fact: product_sectors, contains: newspapers }',
        '{ fact: product_sectors, contains: newspaper }',
      ),
    );
    const dir = tempDir();
    const tests = join(dir, 'scenarios.yaml');
    writeFileSync(
      tests,
      [
        'tests:',
        '  - name: a scenario with typos',
        '    at: 2026-11-23T10:00',
        '    ask: { channel: email, target: a@corp.fr, product: acounting-software }',
        '    events: [{ type: clicked, at: 2026-11-02 }]',
        '    contact: { products: [payroll-sofware], collected_at: 2026-11-31 }',
        '    expect:',
        '      verdict: allow',
        '      rules: { consent-valdity: allow }',
        '      not_rules: [optout-right-to-object, scraping-nestr-precedent]',
        '',
      ].join('\n'),
    );
    const result = await lint(file, '--tests', tests);
    expect(result.status).toBe(2);
    const lines = readFileSync(tests, 'utf8').split('\n');
    const at = (line: number, needle: string) =>
      `${tests}:${line}:${(lines[line - 1] ?? '').indexOf(needle) + 1}`;
    const sectorLine = lineOf(readFileSync(file, 'utf8'), 'contains: newspaper }');
    expect(result.err).toContain(`${file}:${sectorLine}:`);
    expect(result.err).toContain('no product has the sector "newspaper"');
    expect(result.err).toContain(`${at(4, 'acounting-software')} unknown product "acounting-software"`);
    expect(result.err).toContain(`${at(5, 'clicked')} unknown event type "clicked"`);
    expect(result.err).toContain(`${at(6, 'payroll-sofware')} unknown product "payroll-sofware"`);
    expect(result.err).toContain(`${at(6, '2026-11-31')} "2026-11-31" is not a date and time that exists`);
    expect(result.err).toContain(`${at(9, 'consent-valdity')} unknown rule id "consent-valdity"`);
    expect(result.err).toContain(`${at(10, 'scraping-nestr')} unknown rule id "scraping-nestr-precedent"`);
  });

  it('warns about placeholders left in place, and fails on them with --strict', async () => {
    const file = policyCopy();
    const relaxed = await lint(file);
    expect(relaxed.status).toBe(0);
    expect(relaxed.err).toContain(
      `${file}:${lineOf(SOURCE, 'sender_identity: [Exemple SAS]')}:21 warning: placeholder "Exemple SAS" still in place`,
    );
    expect(relaxed.out).toMatch(/ok \(37 rules, revision \w+, 10 warnings\)/);
    expect((await lint(file, '--strict')).status).toBe(1);
    const replaced = policyCopy((s) =>
      s
        .replaceAll('S0COMPLIANCE', 'S0DPOTEAM')
        .replaceAll('S0SALESMGR', 'S0MANAGERS')
        .replace('[Exemple SAS]', '[Acme SAS]')
        .replace('name: Exemple SAS', 'name: Acme SAS')
        .replace('address: "1 rue de l\'Exemple, 75001 Paris"', 'address: 2 avenue Acme, 69002 Lyon')
        .replace('email: dpo@exemple.fr', 'email: dpo@acme.fr')
        .replace('channel: C0COMPLIANCE', 'channel: C0DPOROOM'),
    );
    const clean = await lint(replaced, '--strict');
    expect(clean.err).toBe('');
    expect(clean.status).toBe(0);
  });
});

describe('policy diff: what a change does before it ships', () => {
  /** The shipped policy with its scenarios beside it, and a copy where consumers without consent go to review. */
  function pair() {
    const dir = tempDir();
    const before = join(dir, 'old.yaml');
    copyFileSync(POLICY_PATH, before);
    copyFileSync(TESTS, join(dir, 'old.test.yaml'));
    const rule = SOURCE.indexOf('  - id: ecomm-b2c-prior-consent');
    const last = SOURCE.indexOf('      - verdict: block\n', rule);
    const after = join(dir, 'new.yaml');
    writeFileSync(after, `${SOURCE.slice(0, last)}      - verdict: review\n${SOURCE.slice(last + 23)}`);
    return { dir, before, after };
  }

  it('runs every scenario on both and groups the answers that change by direction and rule', async () => {
    const { dir, before, after } = pair();
    const result = await cli(dir, { lang: 'en' })('policy', 'diff', before, after, '--json');
    expect(result.status).toBe(1);
    const diff = JSON.parse(result.out);
    expect(diff.scenarios.asked).toBe(SCENARIOS);
    expect(diff.scenarios.groups.map((g: { from: string; to: string }) => `${g.from}>${g.to}`)).toEqual([
      'block>review',
      'block>block',
    ]);
    const [group, hidden] = diff.scenarios.groups;
    expect(group.rules.map((r: { rule: string }) => r.rule)).toEqual(['ecomm-b2c-prior-consent']);
    expect(group.count).toBe(diff.scenarios.changed);
    expect(group.count).toBeGreaterThan(0);
    // Answers still blocked by another rule, whose own rule changed: counted apart. Every scenario that fails
    // on the new policy (`policy test`) is among the changes the diff shows.
    expect(hidden.count).toBe(diff.scenarios.reasonsChanged);
    expect(hidden.rules.map((r: { rule: string }) => r.rule)).toEqual(['ecomm-b2c-prior-consent']);
    const tested = await cli(dir, { lang: 'en' })('policy', 'test', after, '--tests', TESTS);
    const failed = Number(/(\d+) failed$/m.exec(tested.out)?.[1]);
    expect(failed).toBeGreaterThan(diff.scenarios.changed);
    expect(failed).toBeLessThanOrEqual(diff.scenarios.changed + diff.scenarios.reasonsChanged);
    const same = await cli(dir, { lang: 'en' })('policy', 'diff', before, before);
    expect(same.status).toBe(0);
    expect(same.out).toContain(`Scenarios: ${SCENARIOS} run, no answer changes.`);
  });

  it('with --register, asks every contact on each channel and never writes to the store', async () => {
    const { dir, before, after } = pair();
    const run = cli(dir, { lang: 'en' });
    const csv = join(dir, 'contacts.csv');
    writeFileSync(
      csv,
      'email;phone;name\nalice@gmail.com;;Alice\ncarol@hotmail.fr;+33612345678;Carol\nbob@acme.fr;;Bob\ndan@acme.fr;+33145678910;Dan\n',
    );
    expect((await run('import', csv)).status).toBe(0);
    const store = () =>
      readFileSync(join(dir, 'db.json'), 'utf8') + readFileSync(join(dir, 'db.json.journal'), 'utf8');
    const was = store();
    const result = await run('policy', 'diff', before, after, '--register', '--at', '2026-11-24T10:00');
    expect(result.status).toBe(1);
    // 4 contacts: 4 emails, a mobile asked on 4 channels, a landline on the 2 that can reach it (calls). The two
    // consumers' emails change, and the consumer's SMS and messaging; automated calls stay blocked by another
    // rule (phone-b2c-prior-consent): a change of reasons, counted apart.
    expect(result.out).toContain(
      'Register at Tuesday 24 November 2026 at 10:00: 4 contacts × email, sms, messaging, automated-call, phone, 10 answers, 4 change.',
    );
    expect(result.out).toContain('2 answers keep their verdict but a rule in it answers otherwise');
    expect(result.out).toContain('  block → review: 4');
    expect(result.out).toContain(
      '    rule ecomm-b2c-prior-consent: 4 (e.g. a***@gmail.com (email) · c***@hotmail.fr (email) · +336•••78 (sms))',
    );
    expect(result.out).not.toContain('alice@gmail.com');
    const json = JSON.parse((await run('policy', 'diff', before, after, '--register', '--json')).out);
    const [changed] = json.register.groups;
    // The people concerned, by contact id, to find them: the two consumers.
    expect(changed.rules[0].contacts).toHaveLength(2);
    expect(store()).toBe(was);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';

/** A finance professional, collected by a form and informed on 2026-01-05. */
const ADD_JEAN = [
  'contact',
  'add',
  '--email',
  'jean.dupont@acme.fr',
  '--function',
  'finance',
  '--source',
  'form',
  '--informed-at',
  '2026-01-05',
  '--collected-at',
  '2026-01-05',
];

describe('prospect-guard CLI', () => {
  it('answers allow (0), block (1) and review (3), in French by default and English on request', async () => {
    const run = cli(tempDir());
    await run(...ADD_JEAN);
    const allowed = await run('can-i', 'email', 'jean.dupont@acme.fr', '--product', 'accounting-software');
    expect(allowed.status).toBe(0);
    expect(allowed.out).toMatch(/AUTORISÉ/);
    const review = await run(
      '--lang',
      'en',
      'can-i',
      'email',
      'marie@other.fr',
      '--product',
      'accounting-software',
    );
    expect(review.status).toBe(3);
    expect(review.out).toMatch(/NEEDS REVIEW/);
    const blocked = await run('can-i', 'email', 'jean.dupont@acme.fr', '--product', 'office-catering');
    expect(blocked.status).toBe(1);
  });

  it('accepts Slack link forms and prints JSON with the contract fields', async () => {
    const run = cli(tempDir());
    await run('init');
    const result = await run('can-i', 'email', '<mailto:Alice@Gmail.com|Alice@Gmail.com>', '--json');
    const decision = JSON.parse(result.out);
    expect(decision.verdict).toBe('block');
    expect(decision.reasons[0]).toMatchObject({
      rule: 'ecomm-b2c-prior-consent',
      verdict: 'block',
      legal: expect.any(Array),
    });
    expect(decision.policyRevision).toMatch(/^[0-9a-f]{12}$/);
    expect(decision.obligations).toEqual([]);
    const phone = await run('can-i', 'phone', '<tel:+33612345678|06 12 34 56 78>', '--json');
    expect(JSON.parse(phone.out).channel).toBe('phone');
  });

  it('an opt-out blocks at once and survives a re-import of the contact', async () => {
    const dir = tempDir();
    const run = cli(dir);
    await run(...ADD_JEAN);
    expect((await run('optout', '--email', 'JEAN.DUPONT@acme.fr')).status).toBe(0);
    const csv = join(dir, 'list.csv');
    writeFileSync(csv, 'email;fonction;source;informed_at\njean.dupont@acme.fr;finance;form;2026-01-05\n');
    expect((await run('import', csv)).status).toBe(0);
    const answer = await run(
      'can-i',
      'email',
      'jean.dupont@acme.fr',
      '--product',
      'accounting-software',
      '--json',
    );
    expect(JSON.parse(answer.out).reasons[0].rule).toBe('optout-right-to-object');
  });

  it('imports a Windows-1252 CSV from French Excel and reports bad rows by line, importing nothing', async () => {
    const dir = tempDir();
    const run = cli(dir);
    const good = join(dir, 'good.csv');
    writeFileSync(
      good,
      Buffer.from(
        'Nom;E-mail;Société;Fonction\r\nHélène Dupré;helene@acme.fr;Équipe;finance\r\n\r\n',
        'latin1',
      ),
    );
    const imported = await run('import', good);
    expect(imported.out).toMatch(/import de 1 ligne \(windows-1252\) : 1 nouveau/);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'email,name\nok@acme.fr,Ok\nnot-an-email,Bad\n');
    const rejected = await run('import', bad);
    expect(rejected.status).toBe(2);
    expect(rejected.err).toMatch(
      /bad\.csv:3: colonne « email » : « not-an-email » n’est pas une adresse e-mail valide/,
    );
    const counts = await run('start');
    expect(counts.out).toMatch(/1 contact, 0 objections/);
    // --skip-invalid takes the good rows and writes the bad ones, with their reason, to fix and import again.
    const skipped = await run('import', bad, '--skip-invalid', '--rejected', join(dir, 'rejected.csv'));
    expect(skipped.status).toBe(0);
    expect(skipped.out).toMatch(/1 nouveau/);
    expect(skipped.err).toContain('1 ligne invalide laissée de côté');
    // With a BOM, so Excel reads the French reasons as UTF-8; each reason says its line in the input.
    expect(readFileSync(join(dir, 'rejected.csv'), 'utf8')).toBe(
      '\ufeffemail,name,motif du rejet\nnot-an-email,Bad,Ligne 3 : colonne « email » : « not-an-email » n’est pas une adresse e-mail valide.\n',
    );
    expect((await run('start')).out).toMatch(/2 contacts/);
    // The rejected file exists: refused before anything is imported.
    writeFileSync(bad, 'email,name\nthird@acme.fr,Third\nnot-an-email,Bad\n');
    const again = await run('import', bad, '--skip-invalid', '--rejected', join(dir, 'rejected.csv'));
    expect(again.status).toBe(2);
    expect((await run('start')).out).toMatch(/2 contacts/);
    // A rejected row goes back to Excel: a cell that would run as a formula is neutralised.
    writeFileSync(bad, 'email;name\n"=HYPERLINK(""http://x"";""y"")";@SUM(1)\n');
    const formula = join(dir, 'formula.csv');
    await run('import', bad, '--skip-invalid', '--rejected', formula);
    expect(readFileSync(formula, 'utf8').split('\n')[1]).toMatch(
      /^"'=HYPERLINK\(""http:\/\/x"";""y""\)";'@SUM\(1\);/,
    );
  });

  it('bad input gets one clear line and exit 2', async () => {
    const run = cli(tempDir());
    for (const args of [
      ['can-i', 'email', 'bob@@corp'],
      ['can-i', 'fax', 'bob@corp.fr'],
      ['can-i', 'phone', '12'],
      ['can-i', 'email', 'bob@corp.fr', '--at', 'tomorrow'],
      ['can-i', 'email', 'bob@corp.fr', '--product', 'nope'],
      ['consent', 'grant', '--email', 'nobody@corp.fr', '--channel', 'email'],
      ['event', '--email', 'bob@corp.fr', '--type', 'visit'],
    ]) {
      const result = await run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.err).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('records consent with proof and its withdrawal', async () => {
    const run = cli(tempDir());
    await run(
      'contact',
      'add',
      '--email',
      'alice@gmail.com',
      '--source',
      'form',
      '--informed-at',
      '2026-03-01',
    );
    await run(
      'consent',
      'grant',
      '--email',
      'alice@gmail.com',
      '--channel',
      'email',
      '--method',
      'checkbox',
      '--wording',
      'v3',
      '--evidence',
      'https://forms.example/alice',
      '--at',
      '2026-03-01',
    );
    expect((await run('can-i', 'email', 'alice@gmail.com')).status).toBe(0);
    await run(
      'consent',
      'withdraw',
      '--email',
      'alice@gmail.com',
      '--channel',
      'email',
      '--at',
      '2026-11-01',
    );
    expect((await run('can-i', 'email', 'alice@gmail.com')).status).toBe(1);
  });

  it('policy lint and test report on the shipped policy', async () => {
    const run = cli(tempDir());
    // In the policy's language (French) unless --lang says otherwise.
    expect((await run('policy', 'lint')).out).toMatch(/valide \(\d+ règles/);
    const tested = await run('policy', 'test');
    expect(tested.status).toBe(0);
    expect(tested.out).toMatch(/\d+ réussis, 0 en échec/);
  });

  it('an invalid policy stops the command with file:line:col', async () => {
    const dir = tempDir();
    const broken = join(dir, 'policy.yaml');
    writeFileSync(broken, 'policy: [\n');
    const out: string[] = [];
    const status = await runCli(['--policy', broken, '--db', join(dir, 'db.json'), 'start'], {
      out: () => {},
      err: (t) => out.push(t),
      env: HASH_ENV,
      clock: () => new Date(),
    });
    expect(status).toBe(2);
    expect(out[0]).toMatch(/policy\.yaml:\d+:\d+ /);
  });
});

import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';

/**
 * The everyday gestures of issue 24, as a DPO types them: an edit changes what it names and nothing else, a
 * person's identifiers can be added, replaced and joined, and an objection follows her and keeps its first date.
 */
describe('everyday edits on the command line', () => {
  const json = async (run: ReturnType<typeof cli>, ...who: string[]) =>
    JSON.parse((await run('contact', 'show', ...who, '--json')).out);
  const verdict = async (run: ReturnType<typeof cli>, channel: string, target: string) =>
    JSON.parse((await run('can-i', channel, target, '--product', 'accounting-software', '--json')).out);

  it('editing one date of the collection keeps its source, mode and notice, and the answer does not move', async () => {
    const run = cli(tempDir(), { lang: 'en' });
    await run(
      'contact',
      'add',
      '--email',
      'alice@corp.fr',
      '--function',
      'finance',
      '--source',
      'form:website',
      '--collected-at',
      '2026-01-05',
      '--informed-at',
      '2026-01-05',
    );
    const before = await json(run, '--email', 'alice@corp.fr');
    const asked = await verdict(run, 'email', 'alice@corp.fr');
    const edited = await run(
      'contact',
      'edit',
      '--email',
      'alice@corp.fr',
      '--collected-at',
      '2026-01-05T09:00',
    );
    expect(edited.status).toBe(0);
    expect(edited.out).toContain('collection date');
    const after = await json(run, '--email', 'alice@corp.fr');
    expect(after.contact.provenance).toEqual({
      ...before.contact.provenance,
      collectedAt: '2026-01-05T08:00:00.000Z',
    });
    expect(after.contact.sources).toBeUndefined();
    expect((await verdict(run, 'email', 'alice@corp.fr')).verdict).toBe(asked.verdict);
    const trail = JSON.parse((await run('audit', '--action', 'contact.edit', '--json')).out);
    expect(trail.map((e: { detail: string }) => e.detail)).toEqual(['fields provenance.collectedAt']);
    // The notice alone, and a notice before its collection refused at that field, nothing written.
    const refused = await run('contact', 'edit', '--email', 'alice@corp.fr', '--informed-at', '2025-12-31');
    expect(refused.status).toBe(2);
    expect(refused.err).toContain('--informed-at must come after --collected-at');
    const late = await run('contact', 'edit', '--email', 'alice@corp.fr', '--collected-at', '2026-02-01');
    expect(late.err).toContain('--collected-at must come before --informed-at');
    expect((await json(run, '--email', 'alice@corp.fr')).contact).toEqual(after.contact);
  });

  it('gives a contact known by email her mobile, refuses a second number unless added or replaced', async () => {
    const run = cli(tempDir(), { lang: 'en' });
    await run('contact', 'add', '--email', 'bea@corp.fr', '--source', 'form', '--collected-at', '2026-01-05');
    expect((await run('contact', 'edit', '--email', 'bea@corp.fr', '--phone', '06 12 34 56 78')).status).toBe(
      0,
    );
    expect((await json(run, '--phone', '+33612345678')).contact.email).toBe('bea@corp.fr');
    const other = await run('contact', 'edit', '--email', 'bea@corp.fr', '--phone', '06 99 99 99 99');
    expect(other.status).toBe(2);
    expect(other.err).toContain('--add-phone');
    await run('contact', 'edit', '--email', 'bea@corp.fr', '--add-phone', '01 45 67 89 10');
    const shown = await json(run, '--phone', '01 45 67 89 10');
    expect(shown.contact).toMatchObject({ phone: '+33612345678', otherPhones: ['+33145678910'] });
  });

  it('an objection on her old number blocks the new one, and objecting again keeps the first date', async () => {
    const run = cli(tempDir(), { lang: 'en', at: '2026-11-23T10:30:00+01:00' });
    await run(
      'contact',
      'add',
      '--phone',
      '06 12 34 56 78',
      '--source',
      'form',
      '--audience',
      'b2b',
      '--collected-at',
      '2026-01-05',
      '--informed-at',
      '2026-01-05',
    );
    await run('optout', '--phone', '06 12 34 56 78', '--at', '2026-11-20T09:00');
    await run('optout', '--phone', '06 12 34 56 78', '--at', '2026-11-22T09:00');
    const objections = (await json(run, '--phone', '06 12 34 56 78')).objections;
    expect(objections.map((o: { at: string }) => o.at)).toEqual([
      '2026-11-20T08:00:00.000Z',
      '2026-11-22T08:00:00.000Z',
    ]);
    const replaced = await run(
      'contact',
      'edit',
      '--phone',
      '06 12 34 56 78',
      '--replace-phone',
      '06 12 34 56 78',
      '07 98 76 54 32',
    );
    expect(replaced.status).toBe(0);
    const now = await verdict(run, 'phone', '07 98 76 54 32');
    expect(now.verdict).toBe('block');
    expect(now.reasons.map((r: { rule: string }) => r.rule)).toContain('optout-right-to-object');
    // The old number is no longer hers: nothing is found there, and it may be given to someone else.
    expect((await run('contact', 'show', '--phone', '06 12 34 56 78')).out).toContain(
      'Nothing in the register',
    );
  });

  it('merges two records of one person: the older collection is kept, and her objection binds both identifiers', async () => {
    const run = cli(tempDir(), { lang: 'en' });
    await run(
      'contact',
      'add',
      '--email',
      'cleo@corp.fr',
      '--source',
      'form',
      '--collected-at',
      '2026-03-01',
      '--name',
      'Cléo',
    );
    await run(
      'contact',
      'add',
      '--phone',
      '06 11 22 33 44',
      '--source',
      'event',
      '--collected-at',
      '2025-09-15',
      '--company',
      'Corp',
    );
    await run('optout', '--email', 'cleo@corp.fr');
    const merged = await run('contact', 'merge', 'cleo@corp.fr', '06 11 22 33 44');
    expect(merged.status).toBe(0);
    const shown = await json(run, '--email', 'cleo@corp.fr');
    expect(shown.contact).toMatchObject({
      email: 'cleo@corp.fr',
      phone: '+33611223344',
      name: 'Cléo',
      company: 'Corp',
    });
    expect(shown.contact.provenance).toMatchObject({
      source: 'event',
      collectedAt: '2025-09-14T22:00:00.000Z',
    });
    expect(shown.contact.sources).toMatchObject([{ source: 'form' }]);
    expect((await verdict(run, 'phone', '06 11 22 33 44')).verdict).toBe('block');
    const trail = JSON.parse((await run('audit', '--action', 'contact.merge', '--json')).out);
    expect(trail).toHaveLength(1);
    expect(trail[0].actor).toBe('cli:tester');
    expect((await run('contact', 'merge', 'cleo@corp.fr', '06 11 22 33 44')).status).toBe(2);
  });
});

it('importing the same file again a day later adds no source and rewrites nothing', async () => {
  const dir = tempDir();
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const file = join(dir, 'export.csv');
  writeFileSync(file, 'Adresse e-mail;Nom\nzoe@corp.fr;Zoé\n');
  await cli(dir, { lang: 'en', at: '2026-11-23T10:30:00+01:00' })('import', file);
  const again = cli(dir, { lang: 'en', at: '2026-11-24T10:30:00+01:00' });
  const before = JSON.parse((await again('contact', 'show', '--email', 'zoe@corp.fr', '--json')).out).contact;
  expect((await again('import', file)).status).toBe(0);
  const after = JSON.parse((await again('contact', 'show', '--email', 'zoe@corp.fr', '--json')).out).contact;
  expect(after).toEqual(before);
  const fills = JSON.parse((await again('audit', '--action', 'contact.fill', '--json')).out);
  expect(fills).toEqual([]);
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/store/auditChain.ts';
import { MemoryStore } from '../../src/store/memoryStore.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';

const now = new Date('2026-11-23T09:00:00Z');
const entry = (action: string) => ({
  at: now.toISOString(),
  actor: 'cli:test',
  action,
  outcome: 'done' as const,
});

describe('the audit trail', () => {
  it('is a hash chain: an altered or a removed entry is found', async () => {
    const store = new MemoryStore();
    for (const action of ['contact.add', 'consent.record', 'contact.edit', 'retention.purge'])
      await store.audit(entry(action));
    const trail = await store.auditTrail();
    expect(verifyChain(trail)).toEqual({ ok: true, entries: 4, unchained: 0 });
    const altered = trail.map((e, i) => (i === 1 ? { ...e, detail: 'rewritten' } : e));
    expect(verifyChain(altered).problem).toMatchObject({ position: 2, kind: 'altered' });
    const removed = trail.filter((_, i) => i !== 2);
    expect(verifyChain(removed).problem).toMatchObject({ position: 3, kind: 'missing-before' });
  });

  it('from the command line: every change has an author and fields; verify proves the file was not edited', async () => {
    const dir = tempDir();
    const run = cli(dir, { lang: 'en' });
    await run('contact', 'add', '--email', 'alice@corp.fr', '--source', 'form', '--function', 'DAF');
    await run(
      'contact',
      'add',
      '--email',
      'alice@corp.fr',
      '--source',
      'scraping:linkedin',
      '--owner',
      'U0SALES',
    );
    await run('contact', 'edit', '--email', 'alice@corp.fr', '--audience', 'b2b');
    const listed = JSON.parse((await run('audit', '--action', 'contact', '--json')).out) as Array<{
      action: string;
      actor: string;
      detail: string;
    }>;
    expect(listed.map((e) => e.action)).toEqual(['contact.add', 'contact.fill', 'contact.edit']);
    expect(listed.every((e) => e.actor === 'cli:tester')).toBe(true);
    expect(listed[1]?.detail).toBe('fields owner,sources');
    expect(listed[2]?.detail).toBe('fields audience');
    expect((await run('audit', 'verify')).status).toBe(0);

    const journal = join(dir, 'db.json.journal');
    const lines = readFileSync(journal, 'utf8').split('\n');
    const auditLines = lines.map((l, i) => [l, i] as const).filter(([l]) => l.includes('"op":"audit"'));
    const [firstAudit] = auditLines[0] as readonly [string, number];
    writeFileSync(
      journal,
      lines.map((l) => (l === firstAudit ? l.replace('contact.add', 'contact.view') : l)).join('\n'),
    );
    const altered = await run('audit', 'verify');
    expect(altered.status).toBe(1);
    expect(altered.out).toMatch(/audit trail ALTERED: entry 1/);

    // Removing a line leaves a gap in the journal's numbering: the store refuses to open, naming what is missing.
    const removed = lines.filter((l) => l !== auditLines[1]?.[0]);
    writeFileSync(journal, removed.join('\n'));
    const gap = await run('audit', 'verify');
    expect(gap.err).toMatch(/misses changes \d+–\d+/);
    // Someone careful renumbers the lines after it: the chain still finds the missing entry.
    const cutAt = auditLines[1]?.[1] as number;
    const renumbered = lines
      .filter((_, i) => i !== cutAt)
      .map((l, i) =>
        i >= cutAt && l ? l.replace(/^\{"seq":(\d+)/, (_, n) => `{"seq":${Number(n) - 1}`) : l,
      );
    writeFileSync(journal, renumbered.join('\n'));
    const cut = await run('audit', 'verify');
    expect(cut.status).toBe(1);
    expect(cut.out).toMatch(/audit trail INCOMPLETE: an entry is missing just before entry 2/);
  });
});

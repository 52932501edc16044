import {
  appendFileSync,
  copyFileSync,
  existsSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/errors.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { MemoryStore } from '../../src/store/memoryStore.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';

const now = new Date('2026-11-23T09:00:00Z');
const alice = { kind: 'email' as const, value: 'alice@corp.fr' };

describe.each([
  ['MemoryStore', async () => new MemoryStore()],
  ['FileStore', async () => FileStore.open(join(tempDir(), 'db.json'), { env: HASH_ENV })],
])('the store contract: %s', (_name, open) => {
  it('finds a contact by either identifier and gives the engine its facts and objections', async () => {
    const store = await open();
    const { contact } = await store.saveContact({ email: 'alice@corp.fr', phone: '+33612345678' }, now);
    await store.recordInteraction(contact, 'click', now, now);
    await store.addObjection([{ kind: 'phone', value: '+33612345678' }], 'sms', now, 'test');
    const facts = await store.subjectFacts(alice);
    expect(facts.contact?.id).toBe(contact.id);
    expect(facts.interactions.map((i) => i.type)).toEqual(['click']);
    expect(facts.objections).toEqual([{ scope: 'sms', at: now.toISOString() }]);
    expect(await store.findContact({ kind: 'phone', value: '+33612345678' })).toEqual(contact);
    await store.saveContact({ email: 'carol@corp.fr', phone: '+33611111111' }, now);
    await expect(
      store.saveContact({ email: 'carol@corp.fr', phone: '+33612345678' }, now),
    ).rejects.toMatchObject({
      problem: 'identifiers_of_two_contacts',
    });
    await store.close();
  });

  it('purges a contact with its records but keeps its objection, and counts what went', async () => {
    const store = await open();
    const { contact } = await store.saveContact({ email: 'alice@corp.fr' }, now);
    await store.recordInteraction(contact, 'reply', now, now);
    await store.addObjection([alice], 'all', now, 'test');
    const removed = await store.purge({ contactIds: [contact.id] });
    expect(removed).toEqual({ contacts: 1, consents: 0, interactions: 1, decisions: 0 });
    expect((await store.subjectFacts(alice)).objections).toHaveLength(1);
    expect(await store.purgedTotals()).toEqual(removed);
    await store.close();
  });
});

describe('FileStore', () => {
  it('keeps contacts, consents and objections across restarts (journal, then snapshot)', async () => {
    const path = join(tempDir(), 'db.json');
    const store = await FileStore.open(path, { env: HASH_ENV });
    const { contact } = await store.saveContact({ email: 'alice@corp.fr', jobFunction: 'finance' }, now);
    await store.recordConsent(
      contact,
      { channel: 'email', purpose: 'prospecting', action: 'grant', at: now, proof: { method: 'checkbox' } },
      now,
    );
    await store.addObjection([{ kind: 'phone', value: '+33612345678' }], 'all', now, 'test');
    await store.close();

    const reopened = await FileStore.open(path, { env: HASH_ENV });
    const facts = await reopened.subjectFacts(alice);
    expect(facts.contact?.jobFunction).toBe('finance');
    expect(facts.consents).toHaveLength(1);
    await reopened.compact();
    await reopened.close();
    expect(readFileSync(`${path}.journal`, 'utf8')).toBe('');
    const again = await FileStore.open(path, { env: HASH_ENV });
    expect((await again.counts()).suppressions).toBe(1);
    expect((await again.subjectFacts({ kind: 'phone', value: '+33612345678' })).objections).toHaveLength(1);
    await again.close();
  });

  it('never stores identifiers in clear in the suppression list or decision log', async () => {
    const path = join(tempDir(), 'db.json');
    const store = await FileStore.open(path, { env: HASH_ENV });
    await store.addObjection([alice], 'all', now, 'test');
    await store.logDecision({
      askedAt: now.toISOString(),
      askedBy: 'U1',
      channel: 'email',
      targetHash: store.hash(alice),
      verdict: 'block',
      rules: [],
      policyRevision: 'x',
      decidedFor: now.toISOString(),
    });
    await store.compact();
    await store.close();
    expect(readFileSync(path, 'utf8')).not.toContain('alice');
  });

  it('keeps the audit trail and each user’s recent questions across restarts; reads stores made before them', async () => {
    const path = join(tempDir(), 'db.json');
    const store = await FileStore.open(path, { env: HASH_ENV });
    await store.audit({
      at: now.toISOString(),
      actor: 'slack:U1',
      action: 'consent.record',
      outcome: 'refused',
    });
    for (const verdict of ['allow', 'block', 'review']) {
      await store.logDecision({
        askedAt: now.toISOString(),
        askedBy: 'slack:U1',
        channel: 'email',
        targetHash: 'h',
        verdict,
        rules: [],
        policyRevision: 'x',
        decidedFor: now.toISOString(),
      });
    }
    await store.compact();
    await store.close();
    const reopened = await FileStore.open(path, { env: HASH_ENV });
    expect((await reopened.auditTrail({ actor: 'slack:U1' })).map((e) => e.outcome)).toEqual(['refused']);
    expect((await reopened.recentDecisions('slack:U1', 2)).map((d) => d.verdict)).toEqual([
      'review',
      'block',
    ]);
    expect(await reopened.recentDecisions('slack:U2', 2)).toEqual([]);
    // The overview's counts are built again from what was reopened (logStats.ts).
    const day = [new Date(now.getTime() - 86_400_000), new Date(now.getTime() + 86_400_000)] as const;
    expect((await reopened.decisionStats(...day)).asked.map((a) => [a.verdict, a.count]).sort()).toEqual([
      ['allow', 1],
      ['block', 1],
      ['review', 1],
    ]);
    await reopened.close();

    // A snapshot written before the audit trail existed opens, and gains one on the next write.
    const old = JSON.parse(readFileSync(path, 'utf8'));
    delete old.audit;
    writeFileSync(path, JSON.stringify(old));
    const upgraded = await FileStore.open(path, { env: HASH_ENV });
    expect(await upgraded.auditTrail()).toEqual([]);
    await upgraded.audit({ at: now.toISOString(), actor: 'cli:x', action: 'test', outcome: 'done' });
    await upgraded.compact();
    await upgraded.close();
    expect(JSON.parse(readFileSync(path, 'utf8')).audit).toHaveLength(1);
  });

  it('refuses a corrupt store file and leaves it untouched', async () => {
    const path = join(tempDir(), 'db.json');
    writeFileSync(path, '{"format":"prospect-guard-store", broken');
    await expect(FileStore.open(path, { env: HASH_ENV })).rejects.toThrow(/not valid JSON.*left untouched/);
    expect(readFileSync(path, 'utf8')).toBe('{"format":"prospect-guard-store", broken');
  });

  it('drops a torn last journal line (crash mid-append) but refuses damage in the middle', async () => {
    const path = join(tempDir(), 'db.json');
    const store = await FileStore.open(path, { env: HASH_ENV });
    await store.saveContact({ email: 'alice@corp.fr' }, now);
    await store.close();
    appendFileSync(`${path}.journal`, '{"seq":2,"op":"cont');
    const recovered = await FileStore.open(path, { env: HASH_ENV });
    expect((await recovered.counts()).contacts).toBe(1);
    await recovered.saveContact({ email: 'bob@corp.fr' }, now);
    await recovered.close();
    const ok = await FileStore.open(path, { env: HASH_ENV });
    expect((await ok.counts()).contacts).toBe(2);
    await ok.close();
    const lines = readFileSync(`${path}.journal`, 'utf8').split('\n');
    writeFileSync(`${path}.journal`, ['garbage', ...lines].join('\n'));
    await expect(FileStore.open(path, { env: HASH_ENV })).rejects.toThrow(/damaged at line 1/);
  });

  it('lets one process own a store at a time', async () => {
    const path = join(tempDir(), 'db.json');
    const first = await FileStore.open(path, { env: HASH_ENV });
    await expect(FileStore.open(path, { env: HASH_ENV })).rejects.toThrow(StoreError);
    await expect(FileStore.open(path, { env: HASH_ENV })).rejects.toThrow(/in use by prospect-guard process/);
    await first.close();
    const second = await FileStore.open(path, { env: HASH_ENV });
    await second.close();
  });

  it('refuses to open with another hash key (it would unblock everyone)', async () => {
    const path = join(tempDir(), 'db.json');
    const store = await FileStore.open(path, { env: HASH_ENV });
    await store.close();
    await expect(
      FileStore.open(path, { env: { PROSPECT_GUARD_HASH_KEY: 'another-key-another-key-another-key-99' } }),
    ).rejects.toThrow(/hash key does not match/);
  });

  it('generates a private key file when no key is set', async () => {
    const dir = tempDir();
    const store = await FileStore.open(join(dir, 'db.json'), { env: {} });
    await store.close();
    expect(existsSync(join(dir, 'db.key'))).toBe(true);
  });

  it('compacts in the background without losing concurrent writes', async () => {
    const path = join(tempDir(), 'db.json');
    const store = await FileStore.open(path, { env: HASH_ENV, compactAfterEntries: 10 });
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.saveContact({ email: `p${i}@corp.fr` }, now)),
    );
    await store.close();
    const reopened = await FileStore.open(path, { env: HASH_ENV });
    expect((await reopened.counts()).contacts).toBe(200);
    await reopened.close();
  });

  it('keeps every change made while a compaction runs, as a crash right after it would find them', async () => {
    const dir = tempDir();
    const path = join(dir, 'db.json');
    const store = await FileStore.open(path, { env: HASH_ENV, compactAfterEntries: 7 });
    // One after the other, so that writes keep coming while each background compaction runs.
    for (let i = 0; i < 150; i++) await store.saveContact({ email: `p${i}@corp.fr` }, now);
    await (store as unknown as { compactions: Promise<void> }).compactions;
    // The files as they are now, without the compaction a clean close makes: what a kill -9 leaves.
    const crashed = join(tempDir(), 'db.json');
    copyFileSync(path, crashed);
    copyFileSync(`${path}.journal`, `${crashed}.journal`);
    await store.close();
    const reopened = await FileStore.open(crashed, { env: HASH_ENV });
    expect((await reopened.counts()).contacts).toBe(150);
    await reopened.close();
  });

  it('keeps the snapshot format every store so far was written in (keyed objects), whatever memory holds', async () => {
    const path = join(tempDir(), 'db.json');
    const store = await FileStore.open(path, { env: HASH_ENV });
    const { contact } = await store.saveContact({ email: 'old@corp.fr' }, now);
    const [objection] = await store.addObjection(
      [{ kind: 'email', value: 'old@corp.fr' }],
      'all',
      now,
      'test',
    );
    await store.markReminders(['k1'], now);
    await store.compact();
    await store.close();
    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(Object.keys(file.contacts)).toEqual([contact.id]);
    expect(file.contacts[contact.id].email).toBe('old@corp.fr');
    expect(Object.keys(file.suppressions)).toEqual([`${objection?.hash}:all`]);
    expect(Object.keys(file.reminders)).toEqual(['k1']);
    const reopened = await FileStore.open(path, { env: HASH_ENV });
    expect(await reopened.findContact({ kind: 'email', value: 'old@corp.fr' })).toMatchObject({
      id: contact.id,
    });
    expect((await reopened.remindersSent()).has('k1')).toBe(true);
    await reopened.close();
    // The same store as format 1 wrote it (one document, closing brackets glued), and as lowdb's JSONFile
    // would (indented): both open, with everything in them.
    for (const text of [
      JSON.stringify({ ...file, version: 1 }),
      JSON.stringify({ ...file, version: 1 }, null, 2),
    ]) {
      writeFileSync(path, text);
      const old = await FileStore.open(path, { env: HASH_ENV });
      expect(await old.findContact({ kind: 'email', value: 'old@corp.fr' })).toMatchObject({
        id: contact.id,
      });
      expect((await old.counts()).suppressions).toBe(1);
      expect((await old.remindersSent()).has('k1')).toBe(true);
      await old.close();
    }
  });

  it('refuses a snapshot cut short, naming it, and leaves it as it was', async () => {
    const path = join(tempDir(), 'db.json');
    const store = await FileStore.open(path, { env: HASH_ENV });
    await store.saveContacts(
      Array.from({ length: 50 }, (_, i) => ({ email: `p${i}@corp.fr` })),
      now,
    );
    await store.compact();
    await store.close();
    const whole = readFileSync(path, 'utf8');
    // Cut inside a record, and cut cleanly between two lines (the objections after the contacts missing).
    for (const cut of [
      whole.slice(0, whole.indexOf('p25@corp.fr')),
      whole.slice(0, whole.indexOf('"consents":[')),
    ]) {
      writeFileSync(path, cut);
      await expect(FileStore.open(path, { env: HASH_ENV })).rejects.toThrow(/db\.json is not valid JSON/);
      expect(readFileSync(path, 'utf8')).toBe(cut);
    }
  });
});

describe('FileStore refuses to open with silently missing data', () => {
  const objector = { kind: 'email' as const, value: 'objector@corp.fr' };

  /** A store with a snapshot at change 3 and a journal holding changes 4 and 5 (an objection among them). */
  async function storeWithHistory() {
    const path = join(tempDir(), 'db.json');
    const store = await FileStore.open(path, { env: HASH_ENV });
    for (const email of ['a@corp.fr', 'b@corp.fr', 'c@corp.fr']) await store.saveContact({ email }, now);
    await store.compact();
    const snapshotAt3 = readFileSync(path, 'utf8');
    await store.saveContact({ email: 'd@corp.fr' }, now);
    await store.addObjection([objector], 'all', now, 'test');
    await store.close();
    return { path, snapshotAt3 };
  }

  it('a deleted snapshot, an older snapshot restored, or a line removed from the journal: it says what is missing', async () => {
    const { path, snapshotAt3 } = await storeWithHistory();
    const reopen = () => FileStore.open(path, { env: HASH_ENV });
    const again = await reopen();
    expect((await again.subjectFacts(objector)).objections).toHaveLength(1);
    await again.compact(); // snapshot at 5, journal empty
    await again.saveContact({ email: 'e@corp.fr' }, now); // journal: 6
    await again.close();

    const snapshot = readFileSync(path, 'utf8');
    writeFileSync(path, snapshotAt3); // an older snapshot restored from a backup
    await expect(reopen()).rejects.toThrow(
      /holds changes up to 3 but .* starts at 6: changes 4–5 are missing/,
    );
    rmSync(path); // the snapshot deleted
    await expect(reopen()).rejects.toThrow(
      /db\.json is missing: .* starts at change 6, so changes 1–5 are gone/,
    );
    writeFileSync(path, snapshot);
    const whole = await reopen();
    expect((await whole.counts()).contacts).toBe(5);
    expect((await whole.subjectFacts(objector)).objections).toHaveLength(1);
    await whole.close();
  });

  it('a store whose key file went missing is not given a new key; a crash’s temporary files are removed; files are 600', async () => {
    const path = join(tempDir(), 'db.json');
    const store = await FileStore.open(path, {});
    await store.saveContact({ email: 'a@corp.fr' }, now);
    await store.close();
    expect(statSync(`${path}.journal`).mode & 0o777).toBe(0o600);
    rmSync(join(path, '..', 'db.key'));
    await expect(FileStore.open(path, {})).rejects.toThrow(/the hash key file .*db\.key is missing/);
    expect(existsSync(join(path, '..', 'db.key'))).toBe(false);

    const other = join(tempDir(), 'db.json');
    await (await FileStore.open(other, { env: HASH_ENV })).close();
    writeFileSync(`${other}.tmp-4242`, 'half a snapshot');
    writeFileSync(`${other}.journal.tmp`, 'half a journal');
    await (await FileStore.open(other, { env: HASH_ENV })).close();
    expect(existsSync(`${other}.tmp-4242`)).toBe(false);
    expect(existsSync(`${other}.journal.tmp`)).toBe(false);
  });
});

describe('FileStore on a full disk', () => {
  it('acknowledges only what is durable: failed writes are not recorded, memory follows the disk, and writing resumes', async () => {
    const path = join(tempDir(), 'db.json');
    const warnings: string[] = [];
    const store = await FileStore.open(path, { env: HASH_ENV, warn: (m) => warnings.push(m) });
    const person = (i: number) => ({ kind: 'email' as const, value: `p${i}@corp.fr` });
    await store.addObjection([person(0)], 'all', now, 'test');

    const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    store.injectWriteFault(() => full);
    const attempts = await Promise.allSettled(
      [1, 2, 3].map((i) => store.addObjection([person(i)], 'all', now, 'test')),
    );
    expect(attempts.map((a) => a.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((attempts[0] as PromiseRejectedResult).reason)).toMatch(/not recorded: ENOSPC/);
    // Nothing half-written is believed: the refused objections are not in memory either.
    expect((await store.subjectFacts(person(1))).objections).toEqual([]);
    expect((await store.subjectFacts(person(0))).objections).toHaveLength(1);

    store.injectWriteFault(undefined); // space is back
    await store.addObjection([person(4)], 'all', now, 'test');
    await store.close();

    const reopened = await FileStore.open(path, { env: HASH_ENV });
    expect((await reopened.subjectFacts(person(0))).objections).toHaveLength(1);
    expect((await reopened.subjectFacts(person(2))).objections).toHaveLength(0);
    expect((await reopened.subjectFacts(person(4))).objections).toHaveLength(1);
    await reopened.close();
    expect(warnings.join('\n')).toContain('a write failed and was not acknowledged');
  });
});

describe('FileStore has one owner', () => {
  it('takes over at once the lock of a process that died, and says so; refuses a live owner', async () => {
    const path = join(tempDir(), 'db.json');
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: 999_999, started: '1', host: hostname() }));
    const warnings: string[] = [];
    const store = await FileStore.open(path, { env: HASH_ENV, warn: (m) => warnings.push(m) });
    expect(warnings[0]).toMatch(/took over the lock .* from process 999999, which is no longer running/);
    await expect(FileStore.open(path, { env: HASH_ENV })).rejects.toThrow(
      /in use by prospect-guard process \d+/,
    );
    await store.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('stops writing when its lock was taken away (fencing), and says why', async () => {
    const path = join(tempDir(), 'db.json');
    const store = await FileStore.open(path, { env: HASH_ENV, warn: () => undefined });
    await store.saveContact({ email: 'a@corp.fr' }, now);
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: 1, started: 'other', host: 'elsewhere' }));
    await expect(store.saveContact({ email: 'b@corp.fr' }, now)).rejects.toThrow(/no longer owns the store/);
    expect(await store.findContact({ kind: 'email', value: 'b@corp.fr' })).toBeUndefined();
    await store.close();
  });
});

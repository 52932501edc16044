import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { InputError, RefusedError } from '../../src/domain/errors.ts';
import type { Identifier } from '../../src/domain/identifiers.ts';
import { type Actor, operator } from '../../src/policy/access.ts';
import { loadPolicy } from '../../src/policy/load.ts';
import { contactToEdit } from '../../src/services/contactEdit.ts';
import type { AppContext } from '../../src/services/context.ts';
import { viewContact } from '../../src/services/lookup.ts';
import { reloadPolicy } from '../../src/services/policyReload.ts';
import { accessRequest, deleteContact, erasePerson } from '../../src/services/privacy.ts';
import { consentForm } from '../../src/services/record.ts';
import { purgeOverdue } from '../../src/services/retention.ts';
import { contactToActOn, purgePreview, retentionFor } from '../../src/services/retentionActs.ts';
import { MemoryStore } from '../../src/store/memoryStore.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const policy = loadPolicy(join(ROOT, 'policy.yaml'));
const NOW = new Date('2026-11-23T10:30:00+01:00');
const ALICE: Identifier = { kind: 'email', value: 'alice@corp.fr' };

/** A salesperson: no policy role, owner of Alice's contact only. */
const sales: Actor = { id: 'slack:U0SALES', userId: 'U0SALES', roles: [], via: 'slack' };
const stranger: Actor = { id: 'slack:U0OTHER', userId: 'U0OTHER', roles: [], via: 'slack' };

let store: MemoryStore;
let ctx: AppContext;
beforeEach(async () => {
  store = new MemoryStore();
  ctx = { store, policy, clock: () => NOW };
  await store.saveContact(
    {
      email: ALICE.value,
      owner: 'U0SALES',
      provenance: { source: 'form', collection: 'direct', collectedAt: '2023-11-01T08:00:00Z' },
    },
    NOW,
  );
});

const refusals = () => store.auditTrail().then((trail) => trail.filter((e) => e.outcome === 'refused'));

describe('every use case decides who may act, and audits a refusal, whichever shell asks', () => {
  const cases: Array<[string, string, (actor: Actor) => Promise<unknown>]> = [
    ['purge', 'retention.purge', (a) => purgeOverdue(ctx, a, { dryRun: true })],
    ['purge preview', 'retention.purge', (a) => purgePreview(ctx, a, NOW)],
    ['contact sheet', 'contact.view', (a) => viewContact(ctx, a, ALICE)],
    ['consent form', 'consent.open', (a) => consentForm(ctx, a, ALICE, 'consent.open')],
    ['access request', 'privacy.export', (a) => accessRequest(ctx, ALICE, a)],
    ['erasure', 'privacy.erase', (a) => erasePerson(ctx, ALICE, a)],
    ['policy reload', 'policy.reload', (a) => reloadPolicy(ctx, a)],
  ];
  it.each(cases)('%s: refused to a salesperson, one refused entry, nothing done', async (_, action, run) => {
    await expect(run(sales)).rejects.toBeInstanceOf(RefusedError);
    expect(await refusals()).toMatchObject([{ actor: 'slack:U0SALES', action, outcome: 'refused' }]);
    expect(await store.findContact(ALICE)).toBeDefined();
  });

  it.each(cases)('%s: the command line operator may', async (_, _action, run) => {
    await run(operator('cli:dpo'));
    expect(await refusals()).toEqual([]);
  });

  it('a look at a person, an access request and an erasure are audited when done', async () => {
    const dpo = operator('cli:dpo');
    await viewContact(ctx, dpo, ALICE);
    await accessRequest(ctx, ALICE, dpo);
    await erasePerson(ctx, ALICE, dpo);
    const done = (await store.auditTrail()).filter((e) => e.actor === 'cli:dpo').map((e) => e.action);
    expect(done).toEqual(['contact.view', 'privacy.export', 'privacy.erase']);
  });

  it('names the role holders in the refusal, so each shell can say whom to ask', async () => {
    const refused = await viewContact(ctx, sales, ALICE).catch((error) => error);
    expect(refused).toMatchObject({ role: 'see_contacts', holders: policy.doc.roles.see_contacts });
  });

  it("a contact's owner acts on it without a role; anyone else needs a compliance role", async () => {
    const id = (await store.findContact(ALICE))?.id;
    expect(await contactToActOn(ctx, sales, id, 'retention.purge')).toMatchObject({ email: ALICE.value });
    await expect(contactToActOn(ctx, stranger, id, 'retention.purge')).rejects.toBeInstanceOf(RefusedError);
    expect(await contactToEdit(ctx, sales, ALICE)).toMatchObject({ email: ALICE.value });
    await expect(contactToEdit(ctx, stranger, ALICE)).rejects.toMatchObject({ problem: 'not_allowed' });
    await expect(deleteContact(ctx, ALICE, stranger)).rejects.toBeInstanceOf(InputError);
    expect((await refusals()).map((e) => e.action)).toEqual([
      'retention.purge',
      'contact.edit',
      'contact.delete',
    ]);
  });

  it("deadlines: a salesperson sees her own contacts' masked, compliance roles everyone's in full", async () => {
    expect((await retentionFor(ctx, stranger)).scan.overdue).toEqual([]);
    const own = await retentionFor(ctx, sales);
    expect(own.full).toBe(false);
    expect(own.scan.overdue.map((d) => d.contact.email)).toEqual([ALICE.value]);
    expect((await retentionFor(ctx, operator('cli:dpo'))).full).toBe(true);
  });
});

describe('the shells hold no permission and write no audit', () => {
  const SRC = join(ROOT, 'src');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  // What decides or records who may act lives in policy/access.ts and the services; a shell only asks them.
  const FORBIDDEN =
    /\bstore\.audit\(|\brequireRole\(|\bholdsRole\(|\bCOMPLIANCE_ROLES\b|\bisCompliance\(|\bmayEditContact\(|\broleToActOn\(|\bseesContact\(|\bmayExportRegister\(|\bauditTrail\(\)/;
  it.each(['slack', 'api', 'cli'])('src/%s', (shell) => {
    const found = files(join(SRC, shell)).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          FORBIDDEN.test(line) ? [`${relative(SRC, file)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(found).toEqual([]);
  });
});

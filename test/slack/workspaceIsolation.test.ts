import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/services/context.ts';
import { openWorkspace } from '../../src/services/workspaces.ts';
import { startWorkspacesApp } from '../../src/slack/emulator/workspacesHarness.ts';
import { FileInstallations } from '../../src/store/installations.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { policy } from '../support/policy.ts';

type Running = Awaited<ReturnType<typeof startWorkspacesApp>>;
let running: { app: Running; opened: AppContext[] } | undefined;
afterEach(async () => {
  await running?.app.stop();
  for (const ctx of running?.opened ?? []) await ctx.store.close();
  running = undefined;
});

async function twoWorkspaces() {
  const dir = tempDir();
  const opened: AppContext[] = [];
  const layout = {
    store: join(dir, 'prospect-guard.json'),
    policy,
    env: HASH_ENV,
    clock: () => new Date('2026-11-23T10:30:00+01:00'),
  };
  const app = await startWorkspacesApp({
    installations: new FileInstallations(join(dir, 'installations.json')),
    workspaces: async (key) => {
      const ctx = await openWorkspace(layout, key);
      opened.push(ctx);
      return ctx;
    },
    logLevel: LogLevel.ERROR,
  });
  running = { app, opened };
  await app.install('T0ALPHA');
  await app.install('T0BETA');
  return app;
}

describe('one workspace never reaches another register', () => {
  it("ignores alpha's contact ids and people in beta's buttons, even for beta's own compliance role", async () => {
    const app = await twoWorkspaces();
    const alpha = await app.router.workspace('T0ALPHA', app.app.client);
    const { contact } = await alpha.ctx.store.saveContact(
      {
        email: 'ann@acme.fr',
        owner: 'U0SALES',
        provenance: { source: 'form', collection: 'direct', collectedAt: '2023-11-20T08:00:00Z' },
      },
      new Date('2023-11-20'),
    );
    const beta = { team: 'T0BETA', user: 'U0DPO' };
    const value = JSON.stringify({ c: contact.id, k: 'prospect' });
    await app.user.press({ action_id: 'retention_purge_one', value }, beta);
    await app.user.press({ action_id: 'retention_purge_one', value }, { team: 'T0BETA', user: 'U0SALES' });
    await app.user.press({ action_id: 'privacy_erase', value: 'ann@acme.fr' }, beta);
    await app.user.press(
      { action_id: 'contact_edit_open', value: JSON.stringify({ target: 'ann@acme.fr' }) },
      beta,
    );
    expect(await alpha.ctx.store.contactById(contact.id)).toBeDefined();
    expect((await alpha.ctx.store.subjectFacts({ kind: 'email', value: 'ann@acme.fr' })).objections).toEqual(
      [],
    );
    expect(await alpha.ctx.store.auditTrail()).toEqual([]);
  });
});

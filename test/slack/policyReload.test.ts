import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.ts';
import type { AppContext } from '../../src/services/context.ts';
import type { RecordedCall } from '../../src/slack/emulator/fakeSlack.ts';
import { type EmulatedApp, startEmulatedApp } from '../../src/slack/emulator/harness.ts';
import { visibleText } from '../../src/slack/emulator/screen.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { HASH_ENV, POLICY_PATH, tempDir } from '../helpers.ts';

const SOURCE = readFileSync(POLICY_PATH, 'utf8');
/** Consumers without consent: review instead of block (a change of one case of one rule). */
const rule = SOURCE.indexOf('  - id: ecomm-b2c-prior-consent');
const last = SOURCE.indexOf('      - verdict: block\n', rule);
const SOFTER = `${SOURCE.slice(0, last)}      - verdict: review\n${SOURCE.slice(last + '      - verdict: block\n'.length)}`;

let running: { emulated: EmulatedApp; store: FileStore } | undefined;
afterEach(async () => {
  await running?.emulated.stop();
  await running?.store.close();
  running = undefined;
});

/** The app on a copy of the shipped policy (with its scenarios beside it), one consumer in the register. */
async function start(options: { watchPolicy?: number } = {}) {
  const dir = tempDir();
  const file = join(dir, 'policy.yaml');
  copyFileSync(POLICY_PATH, file);
  copyFileSync(POLICY_PATH.replace(/\.yaml$/, '.test.yaml'), join(dir, 'policy.test.yaml'));
  const store = await FileStore.open(join(dir, 'db.json'), { env: HASH_ENV });
  const ctx: AppContext = {
    store,
    policy: loadPolicy(file),
    clock: () => new Date('2026-11-23T10:30:00+01:00'),
  };
  await store.saveContact({ email: 'alice@gmail.com' }, ctx.clock());
  const emulated = await startEmulatedApp(ctx, { logLevel: LogLevel.ERROR, ...options });
  running = { emulated, store };
  return { emulated, ctx, file, store };
}

const compliancePosts = (calls: RecordedCall[]) =>
  calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0COMPLIANCE');

describe('changing the policy of a running app', () => {
  it('reloads a valid policy for the compliance role, tells the channel what changes, and audits it', async () => {
    const { emulated, ctx, file, store } = await start();
    const before = ctx.policy.revision;
    writeFileSync(file, SOFTER);
    const refused = await emulated.user.command('/policy reload', { user: 'U0SALES' });
    expect(visibleText(refused)).toMatch(/purge/i);
    expect(ctx.policy.revision).toBe(before);
    const reload = await emulated.user.command('/policy reload', { user: 'U0DPO' });
    expect(ctx.policy.revision).not.toBe(before);
    const [post] = compliancePosts(reload.calls);
    const text = String(post?.args.text);
    expect(text).toContain(`révision ${before} → ${ctx.policy.revision}`);
    expect(text).toMatch(/block → review : 12\n {4}règle ecomm-b2c-prior-consent : 12/);
    expect(text).toContain('1 contact × email, sms, messaging, automated-call, phone, 1 réponse, 1 change.');
    expect(text).toContain('(ex. a***@gmail.com (email))');
    expect(visibleText(reload)).toContain('Politique rechargée par @U0DPO');
    const trail = await store.auditTrail({ action: 'policy.reload' });
    expect(trail.map((e) => [e.actor, e.outcome])).toEqual([
      ['slack:U0SALES', 'refused'],
      ['slack:U0DPO', 'done'],
    ]);
    expect(trail[1]?.detail).toContain(`revision ${before} → ${ctx.policy.revision}`);
    // The same file again: nothing to do, nothing posted.
    const again = await emulated.user.command('/policy reload', { user: 'U0DPO' });
    expect(compliancePosts(again.calls)).toEqual([]);
    expect(visibleText(again)).toContain('La politique n’a pas changé');
  });

  it('refuses an invalid policy, keeps the one in force, and says where the problem is', async () => {
    const { emulated, ctx, file, store } = await start();
    const before = ctx.policy.revision;
    writeFileSync(file, SOURCE.replace('from: 2026-08-02', 'from: 2026-02-30'));
    const reload = await emulated.user.command('/policy reload', { user: 'U0DPO' });
    expect(ctx.policy.revision).toBe(before);
    const text = String(compliancePosts(reload.calls)[0]?.args.text);
    expect(text).toContain(`l’ancienne (révision ${before}) reste en vigueur`);
    const line = SOURCE.split('\n').findIndex((l) => l.includes('from: 2026-08-02')) + 1;
    expect(text).toContain(`${file}:${line}:11 rules.`);
    const [entry] = await store.auditTrail({ action: 'policy.reload' });
    expect(entry).toMatchObject({ actor: 'slack:U0DPO', outcome: 'refused' });
    expect(entry?.detail).toContain('no such date in the calendar');
  });

  it('notices a saved policy file on its own', async () => {
    const { emulated, ctx, file } = await start({ watchPolicy: 50 });
    const before = ctx.policy.revision;
    const seen = emulated.slack.lastSeq;
    writeFileSync(file, SOFTER);
    for (let i = 0; i < 100 && ctx.policy.revision === before; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(ctx.policy.revision).not.toBe(before);
    for (let i = 0; i < 100 && compliancePosts(emulated.slack.callsSince(seen)).length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(String(compliancePosts(emulated.slack.callsSince(seen))[0]?.args.text)).toContain(
      'le fichier modifié',
    );
  });
});

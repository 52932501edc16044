import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.ts';
import { type AppContext, reloadableContext } from '../../src/services/context.ts';
import { auditPolicyAtStart } from '../../src/services/policyReload.ts';
import type { RecordedCall } from '../../src/slack/emulator/fakeSlack.ts';
import { type EmulatedApp, startEmulatedApp } from '../../src/slack/emulator/harness.ts';
import { visibleText } from '../../src/slack/emulator/screen.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { POLICY_PATH } from '../support/policy.ts';

const SOURCE = readFileSync(POLICY_PATH, 'utf8');
/** One more consumer mail provider: its addresses are consumers' now (no scenario uses it). */
const WIDER = SOURCE.replace('    - orange.fr\n', '    - orange.fr\n    - lagoon.fr\n');
/** Consumers without consent: review instead of block; fifteen shipped scenarios then fail. */
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
  // The running app's context: a reload puts the new policy in force for it (services/context.ts).
  const ctx: AppContext = reloadableContext({
    store,
    policy: loadPolicy(file),
    clock: () => new Date('2026-11-23T10:30:00+01:00'),
  });
  await store.saveContact({ email: 'alice@lagoon.fr' }, ctx.clock());
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
    writeFileSync(file, WIDER);
    const refused = await emulated.user.command('/policy reload', { user: 'U0SALES' });
    expect(visibleText(refused)).toMatch(/purge/i);
    expect(ctx.policy.revision).toBe(before);
    const reload = await emulated.user.command('/policy reload', { user: 'U0DPO' });
    expect(ctx.policy.revision).not.toBe(before);
    const [post] = compliancePosts(reload.calls);
    const text = String(post?.args.text);
    expect(text).toContain(`révision ${before} → ${ctx.policy.revision}`);
    // As many scenarios as the shipped file holds (several people add theirs).
    const scenarios = readFileSync(POLICY_PATH.replace(/\.yaml$/, '.test.yaml'), 'utf8').match(
      /^ {2}- name:/gm,
    );
    expect(text).toContain(`Scénarios : ${scenarios?.length} joués, aucune réponse ne change.`);
    expect(text).toContain('1 contact × email, sms, messaging, automated-call, phone, 1 réponse, 1 change.');
    // The B2B rule stops applying and the consumer rule blocks: both named, with the masked person.
    expect(text).toContain(
      '  review → block : 1\n    règle b2b-professional-nominative-address : 1 (ex. a***@lagoon.fr (email))',
    );
    expect(text).toContain('    règle ecomm-b2c-prior-consent : 1 (ex. a***@lagoon.fr (email))');
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

  it('refuses a policy whose own scenarios fail, naming them', async () => {
    const { emulated, ctx, file, store } = await start();
    const before = ctx.policy.revision;
    writeFileSync(file, SOFTER);
    const reload = await emulated.user.command('/policy reload', { user: 'U0DPO' });
    expect(ctx.policy.revision).toBe(before);
    const text = String(compliancePosts(reload.calls)[0]?.args.text);
    expect(text).toContain('reste en vigueur');
    expect(text).toMatch(/policy\.test\.yaml:\d+:1 scenario "[^"]+" fails: expected block, got review/);
    const [entry] = await store.auditTrail({ action: 'policy.reload' });
    expect(entry).toMatchObject({ outcome: 'refused' });
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
    expect(text).toContain(`${file}:${line}:11 rule ai-act-disclosure.from`);
    const [entry] = await store.auditTrail({ action: 'policy.reload' });
    expect(entry).toMatchObject({ actor: 'slack:U0DPO', outcome: 'refused' });
    expect(entry?.detail).toContain('no such date in the calendar');
  });

  it('notices a saved policy file on its own', async () => {
    const { emulated, ctx, file } = await start({ watchPolicy: 50 });
    const before = ctx.policy.revision;
    const seen = emulated.slack.lastSeq;
    writeFileSync(file, WIDER);
    for (let i = 0; i < 100 && ctx.policy.revision === before; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(ctx.policy.revision).not.toBe(before);
    for (let i = 0; i < 100 && compliancePosts(emulated.slack.callsSince(seen)).length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(String(compliancePosts(emulated.slack.callsSince(seen))[0]?.args.text)).toContain(
      'le fichier modifié',
    );
  });

  it('audits at start the revision in force when it changed while the app was down', async () => {
    const { ctx, file, store } = await start();
    await auditPolicyAtStart(ctx);
    await auditPolicyAtStart(ctx);
    writeFileSync(file, WIDER);
    const changed = { ...ctx, policy: loadPolicy(file) };
    await auditPolicyAtStart(changed);
    const trail = await store.auditTrail({ action: 'policy.start' });
    expect(trail.map((e) => e.detail?.split(' (')[0])).toEqual([
      `revision none → ${ctx.policy.revision}`,
      `revision ${ctx.policy.revision} → ${changed.policy.revision}`,
    ]);
  });
});

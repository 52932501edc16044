import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.ts';
import { reloadableContext } from '../../src/services/context.ts';
import { startEmulatedApp } from '../../src/slack/emulator/harness.ts';
import { visibleText } from '../../src/slack/emulator/screen.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { startTestApi } from '../api/harness.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { POLICY_PATH } from '../support/policy.ts';
import { startTestSlack, type TestSlack } from './harness.ts';
import { posts, purgeButtonValue } from './retentionKit.ts';

const SALES = 'U0SALES';
const MANAGER = 'U0MANAGER';
const DPO = 'U0DPO';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function slackWith(): Promise<TestSlack & { dpoContact: string; salesContact: string }> {
  const slack = await startTestSlack();
  stops.push(() => slack.stop());
  const save = (email: string, owner: string, at: string) =>
    slack.ctx.store.saveContact(
      { email, owner, provenance: { source: 'form', collection: 'direct', collectedAt: at } },
      new Date(at),
    );
  const dpoContact = (await save('dpo-owned@corp.fr', DPO, '2023-11-20T08:00:00Z')).contact.id;
  const salesContact = (await save('sales-owned@corp.fr', SALES, '2023-11-20T08:00:00Z')).contact.id;
  return Object.assign(slack, { dpoContact, salesContact });
}

const refusedOf = async (slack: TestSlack, actor: string) =>
  (await slack.store.auditTrail({ actor })).filter((e) => e.outcome === 'refused').map((e) => e.action);

describe('reminder buttons forged by a non-owner without the purge role', () => {
  it('refuses and audits once each: purge-one, renewed (button and modal), repermission', async () => {
    const slack = await slackWith();
    const value = JSON.stringify({ c: slack.dpoContact, k: 'prospect' });
    for (const action_id of ['retention_purge_one', 'retention_renewed', 'retention_repermission']) {
      const d = await slack.user.press({ action_id, value }, { user: MANAGER });
      expect(d.calls.some((c) => c.method === 'views.open')).toBe(false);
    }
    const modal = await slack.user.submit(
      { id: 'V0X', callback_id: 'retention_renewed_modal', private_metadata: value },
      {
        method: {
          value: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: 'x' }, value: 'email-reply' },
          },
        },
        proof: { value: { type: 'plain_text_input', value: 'p' } },
        date: { value: { type: 'datepicker', selected_date: '2026-11-23' } },
      },
      { user: MANAGER },
    );
    expect(modal.ack?.response_action).toBe('errors');
    expect(await slack.store.contactById(slack.dpoContact)).toBeDefined();
    expect(
      (await slack.store.subjectFacts({ kind: 'email', value: 'dpo-owned@corp.fr' })).interactions,
    ).toEqual([]);
    expect(await refusedOf(slack, `slack:${MANAGER}`)).toEqual([
      'retention.purge',
      'retention.renewed',
      'retention.repermission',
      'retention.renewed',
    ]);
  });
});

describe('the digest purge, forged by a salesperson', () => {
  it('refuses the button and a forged confirmation, audited once each, nothing purged', async () => {
    const slack = await slackWith();
    const calls = await slack.remindNow();
    const value = purgeButtonValue(posts(calls, 'C0COMPLIANCE')[0]);
    const pressed = await slack.user.press(
      { action_id: 'retention_purge_overdue', value, block_id: 'retention' },
      { user: SALES },
    );
    expect(pressed.calls.some((c) => c.method === 'views.open')).toBe(false);
    const meta = JSON.parse(value);
    const confirmed = await slack.user.submit(
      { id: 'V0P', callback_id: 'retention_purge_modal', private_metadata: JSON.stringify(meta) },
      {},
      { user: SALES },
    );
    expect(JSON.stringify(confirmed.ack)).toMatch(/purge/i);
    expect(await slack.store.contactById(slack.dpoContact)).toBeDefined();
    expect(await refusedOf(slack, `slack:${SALES}`)).toEqual(['retention.purge', 'retention.purge']);
  });
});

describe('App Home and roles', () => {
  it('shows a salesperson neither the figures nor the audit trail', async () => {
    const slack = await slackWith();
    await slack.user.command('/prospect dpo-owned@corp.fr', { user: SALES }); // a refusal in the trail
    const home = await slack.user.openHome({ user: SALES });
    const view = JSON.stringify(home.calls.find((c) => c.method === 'views.publish')?.args.view);
    expect(view).not.toContain('contact.view');
    expect(view).not.toContain('slack:U0');
  });

  it('gives no role when the user-group lookup fails (fail closed), and audits the refusal', async () => {
    const slack = await slackWith();
    slack.slack.failNext('usergroups.users.list', { status: 500 } as never);
    const answer = await slack.user.command('/prospect dpo-owned@corp.fr', { user: DPO });
    expect(visibleText(answer)).not.toContain('dpo-owned@corp.fr');
    expect(await refusedOf(slack, `slack:${DPO}`)).toEqual(['contact.view']);
  });
});

describe('policy reload', () => {
  it('refuses a non-purger and audits it; two reloads racing put one revision in force, audited once', async () => {
    const dir = tempDir();
    const file = join(dir, 'policy.yaml');
    copyFileSync(POLICY_PATH, file);
    copyFileSync(POLICY_PATH.replace(/\.yaml$/, '.test.yaml'), join(dir, 'policy.test.yaml'));
    const store = await FileStore.open(join(dir, 'db.json'), { env: HASH_ENV });
    const ctx = reloadableContext({
      store,
      policy: loadPolicy(file),
      clock: () => new Date('2026-11-23T10:30:00+01:00'),
    });
    const emulated = await startEmulatedApp(ctx, {});
    stops.push(async () => {
      await emulated.stop();
      await store.close();
    });
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, source.replace('    - orange.fr\n', '    - orange.fr\n    - lagoon.fr\n'));
    const before = ctx.policy.revision;
    await emulated.user.command('/policy reload', { user: MANAGER });
    expect(ctx.policy.revision).toBe(before);
    await Promise.all([
      emulated.user.command('/policy reload', { user: DPO }),
      emulated.user.command('/policy reload', { user: 'U0AUDIT' }),
    ]);
    expect(ctx.policy.revision).not.toBe(before);
    const trail = (await store.auditTrail({ action: 'policy.reload' })).map((e) => [e.actor, e.outcome]);
    expect(trail.filter(([, o]) => o === 'refused')).toEqual([[`slack:${MANAGER}`, 'refused']]);
    expect(trail.filter(([, o]) => o === 'done')).toHaveLength(1);
  });
});

describe('an API key with the objections scope only', () => {
  it('is refused on every other route, by header and by URL, and the header refusals are audited', async () => {
    const api = await startTestApi();
    stops.push(() => api.stop());
    const token = await api.key('lemlist', 'objections');
    const body = { channel: 'email', target: 'alice@corp.fr' };
    for (const path of ['/decisions', '/decisions/batch', '/consents', '/events', '/campaigns/x/recheck'])
      expect((await api.call(token, `${path}`, body)).status, path).toBe(403);
    for (const path of ['/decisions', '/consents', '/events']) {
      const r = await api.call(undefined, `${path}?key=${encodeURIComponent(token)}`, body);
      expect(r.status, path).toBe(401);
    }
    // Path tricks: the guard runs on whatever path the route matches.
    for (const path of ['/Decisions', '/decisions/', '//decisions', '/%64ecisions', '/decisions;x'])
      expect([401, 403, 404, 405], path).toContain((await api.call(token, `${path}`, body)).status);
    expect((await api.store.recentDecisions('api:lemlist', 10)).length).toBe(0);
    const refused = (await api.store.auditTrail({ actor: 'api:lemlist' })).filter(
      (e) => e.outcome === 'refused',
    );
    expect(refused.length).toBeGreaterThanOrEqual(5);
  });
});

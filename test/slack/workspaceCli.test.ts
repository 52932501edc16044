import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { freePort } from '../../demo/postgres.ts';
import { runCli } from '../../src/cli/main.ts';
import { FakeSlack } from '../../src/slack/emulator/fakeSlack.ts';
import { initStore } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { POLICY_PATH } from '../support/policy.ts';

it('carries out a --workspace command on the register the running app holds (many workspaces, files)', async () => {
  const dir = tempDir();
  const db = await initStore(join(dir, 'db.json'));
  // The shipped policy, and T0ALPHA's own (policies/T0ALPHA.yaml beside it), in a folder of the test's.
  const policyPath = join(dir, 'policy.yaml');
  copyFileSync(POLICY_PATH, policyPath);
  mkdirSync(join(dir, 'policies'));
  copyFileSync(POLICY_PATH, join(dir, 'policies', 'T0ALPHA.yaml'));
  // T0ALPHA installed the app earlier: its installation is on disk, so the app opens its register at start.
  writeFileSync(
    join(dir, 'installations.json'),
    JSON.stringify({
      T0ALPHA: { team: { id: 'T0ALPHA' }, bot: { token: 'xoxb-T0ALPHA-0001', userId: 'U0BOT' } },
    }),
    { mode: 0o600 },
  );
  const slack = await new FakeSlack().start();
  const port = await freePort();
  const out: string[] = [];
  let stop: () => void = () => undefined;
  const io = (lines: string[], stopSignal?: Promise<void>) => ({
    out: (t: string) => lines.push(t),
    err: (t: string) => lines.push(t),
    env: {
      ...HASH_ENV,
      USER: 'dpo',
      SLACK_CLIENT_ID: '1234.5678',
      SLACK_CLIENT_SECRET: 'client-secret-0123',
      SLACK_STATE_SECRET: 'state-secret-0123456789',
      SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
    },
    clock: () => new Date('2026-11-23T10:30:00+01:00'),
    input: Readable.from([]),
    ...(stopSignal ? { stopSignal } : {}),
  });
  const running = runCli(
    ['--db', db, '--policy', policyPath, 'start'],
    io(
      out,
      new Promise<void>((resolve) => {
        stop = resolve;
      }),
    ),
  );
  try {
    const socket = join(dir, 'workspaces', 'T0ALPHA', 'db.json.sock');
    await expect.poll(() => existsSync(socket), { timeout: 10_000 }).toBe(true);
    const cli = async (...args: string[]) => {
      const lines: string[] = [];
      const status = await runCli(['--db', db, '--policy', policyPath, '--lang', 'en', ...args], io(lines));
      return { status, text: lines.join('\n') };
    };
    const optout = await cli('--workspace', 'T0ALPHA', 'optout', '--email', 'x@acme.fr');
    expect(optout).toMatchObject({ status: 0 });
    expect(optout.text).toContain('objection recorded');
    expect((await cli('--workspace', 'T0ALPHA', 'can-i', 'email', 'x@acme.fr')).status).toBe(1);
    // T0ALPHA's own policy file saved while the app runs: its register's policy is reloaded and audited.
    const own = join(dir, 'policies', 'T0ALPHA.yaml');
    writeFileSync(own, `${readFileSync(own, 'utf8')}\n# edited while the app runs\n`);
    const reloads = async () =>
      (await cli('--workspace', 'T0ALPHA', 'audit', '--action', 'policy.reload', '--json')).text;
    await expect.poll(reloads, { timeout: 10_000, interval: 300 }).toContain('policy.reload');
    // Another workspace's register, not held by the app, is opened by the command itself and knows nothing of it.
    expect((await cli('--workspace', 'T0BETA', 'can-i', 'email', 'x@acme.fr')).status).not.toBe(1);
  } finally {
    stop();
    await running;
    await slack.stop();
  }
  expect(out.join('\n')).toContain('many workspaces: 1 installed');
});

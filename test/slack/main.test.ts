import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { runApp } from '../../src/main.ts';
import { FakeSlack } from '../../src/slack/emulator/fakeSlack.ts';
import { visibleText } from '../../src/slack/emulator/screen.ts';
import { SlackUser } from '../../src/slack/emulator/slackUser.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { initStore } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { POLICY_PATH, policy } from '../support/policy.ts';

it('runs in HTTP mode with real credentials until asked to stop', async () => {
  const store = await FileStore.open(join(tempDir(), 'db.json'), { env: HASH_ENV });
  const slack = await new FakeSlack().start();
  const secret = '0123456789abcdef0123456789abcdef';
  const out: string[] = [];
  const err: string[] = [];
  let stop: () => void = () => undefined;
  const stopSignal = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const running = runApp(
    { store, policy, clock: () => new Date('2026-11-23T10:30:00+01:00') },
    {
      slack: { kind: 'http', botToken: 'xoxb-test-1234567890', signingSecret: secret, port: 0 },
      slackApiUrl: slack.apiUrl,
      dbPath: store.location,
      policyPath: policy.file,
      store: { kind: 'file', path: store.location },
      hashKey: {},
      debug: false,
    },
    {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      input: Readable.from([]),
      interactive: false,
      stopSignal,
    },
  );
  try {
    await expect.poll(() => out.join('\n'), { timeout: 5000 }).toMatch(/listening on port \d+/);
    const port = /listening on port (\d+)/.exec(out.join('\n'))?.[1];
    const user = new SlackUser(`http://127.0.0.1:${port}/slack/events`, secret, slack);
    const answer = await user.command('/can-i-email bob@gmail.com');
    expect(answer.status).toBe(200);
    expect(visibleText(answer)).toContain('⛔ Blocked');
    // The shipped policy's placeholders are pointed out at start-up.
    await expect.poll(() => err.join('\n'), { timeout: 5000 }).toContain('placeholder "S0COMPLIANCE"');
    expect(err.join('\n')).toContain('policy.yaml still has the placeholder "Exemple SAS"');
    // Without a bot id Bolt checks the token with auth.test; every call carries the bot token.
    expect(slack.calls.some((c) => c.method === 'auth.test')).toBe(true);
    expect(slack.calls.find((c) => c.method === 'users.info')?.headers.authorization).toBe(
      'Bearer xoxb-test-1234567890',
    );
  } finally {
    stop();
    await running;
    await slack.stop();
    await store.close();
  }
});

it('with Slack unreachable at start: one clear line, another try later, no stack trace; the app stops cleanly', async () => {
  const err: string[] = [];
  let stop: () => void = () => {};
  const stopSignal = new Promise<void>((done) => {
    stop = done;
  });
  const status = await runCli(
    ['--db', await initStore(join(tempDir(), 'db.json')), '--policy', POLICY_PATH, 'start'],
    {
      out: () => undefined,
      err: (text) => {
        err.push(text);
        if (text.includes('Slack cannot be reached')) stop();
      },
      env: {
        ...HASH_ENV,
        SLACK_BOT_TOKEN: 'xoxb-1111-2222-abcdef',
        SLACK_APP_TOKEN: 'xapp-1-A111-2222-abcdef',
        SLACK_API_URL: 'http://127.0.0.1:9/api/', // nothing listens there
      },
      clock: () => new Date(),
      input: Readable.from([]),
      interactive: false,
      stopSignal,
    },
  );
  expect(status).toBe(0);
  expect(err.find((line) => line.includes('Slack cannot be reached'))).toMatch(
    /^prospect-guard: Slack cannot be reached \(slack_webapi_request_error\); trying again in 2 s$/,
  );
  expect(err.join('\n')).not.toMatch(/at .*\.ts:\d+/);
});

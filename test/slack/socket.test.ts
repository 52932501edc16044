import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createSlackApp } from '../../src/slack/app.ts';
import { FakeSlack } from '../../src/slack/emulator/fakeSlack.ts';
import { BOT, SALES_CHANNEL, TEAM_ID } from '../../src/slack/emulator/workspace.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { policy } from '../support/policy.ts';

it('answers a slash command over Socket Mode: apps.connections.open, hello, envelope, ack with the answer', async () => {
  const store = await FileStore.open(join(tempDir(), 'db.json'), { env: HASH_ENV });
  const slack = await new FakeSlack().start();
  const sockets = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => sockets.once('listening', resolve));
  slack.socketUrl = `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/link`;

  const acked = new Promise<Record<string, unknown>>((resolve) => {
    sockets.on('connection', (socket) => {
      socket.on('message', (data) => resolve(JSON.parse(String(data))));
      socket.send(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: BOT.appId } }),
      );
      socket.send(
        JSON.stringify({
          envelope_id: 'env-1',
          type: 'slash_commands',
          accepts_response_payload: true,
          payload: {
            team_id: TEAM_ID,
            channel_id: SALES_CHANNEL,
            user_id: 'U0SALES',
            command: '/can-i-email',
            text: '<mailto:alice@gmail.com|alice@gmail.com>',
            api_app_id: BOT.appId,
            response_url: slack.responseUrl(),
            trigger_id: 'trigger-socket-1',
          },
        }),
      );
    });
  });

  const { app } = createSlackApp({
    ctx: { store, policy, clock: () => new Date('2026-11-23T10:30:00+01:00') },
    mode: { kind: 'socket', botToken: 'xoxb-socket-test-token', appToken: 'xapp-socket-test-token' },
    slackApiUrl: slack.apiUrl,
    retries: 0,
    botId: BOT.botId,
    botUserId: BOT.userId,
    logLevel: LogLevel.ERROR,
  });
  try {
    await app.start();
    const ack = await acked;
    expect(ack.envelope_id).toBe('env-1');
    expect(JSON.stringify(ack.payload)).toContain('⛔ Blocked');
    const open = slack.calls.find((c) => c.method === 'apps.connections.open');
    expect(open?.headers.authorization).toBe('Bearer xapp-socket-test-token');
    expect((await store.recentDecisions('slack:U0SALES', 5)).length).toBe(1);
  } finally {
    await app.stop();
    sockets.close();
    await slack.stop();
    await store.close();
  }
});

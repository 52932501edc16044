import { createHmac, randomBytes } from 'node:crypto';
import type { FakeSlack, RecordedCall } from './fakeSlack.ts';
import { BOT, SALES_CHANNEL, TEAM_ID } from './workspace.ts';

/** Slack's request signature: HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the app's signing secret. */
export function signatureHeaders(secret: string, body: string, timestamp: number): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

export interface PostOptions {
  user?: string;
  /** Unix seconds; an old one makes a replayed request. */
  timestamp?: number;
  /** Sign with another secret (a forged request). */
  secret?: string;
  headers?: Record<string, string>;
  /** Another workspace (team id) than the emulator's own: requests of several workspaces to one app. */
  team?: string;
  /** The Enterprise Grid organisation of an org-wide install the request comes through (E…). */
  enterprise?: string;
  /** Reuse a trigger id: what a redelivery by Slack carries. */
  triggerId?: string;
  /** The message that carries the pressed button (a channel message, not an ephemeral reply). */
  messageTs?: string;
}

/** What Slack would show after one request: the ack, and everything the app did while handling it. */
export interface Delivery {
  status: number;
  /** The HTTP response body, parsed when it is JSON (a command's ack is its reply). */
  ack?: Record<string, unknown>;
  raw: string;
  calls: RecordedCall[];
  triggerId: string;
}

export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

export interface PressableButton {
  action_id: string;
  value?: string;
  block_id?: string;
}

export interface OpenView {
  id: string;
  callback_id?: string;
  private_metadata?: string;
  blocks?: unknown[];
}

/**
 * A Slack user's client, as far as the app can tell: it posts signed slash commands, button clicks, modal
 * submissions and events to /slack/events, with response_urls pointing at the fake Web API.
 */
export class SlackUser {
  user = 'U0SALES';
  channel = SALES_CHANNEL;
  /** Requests sent and not yet answered: what the app posts meanwhile is part of their answer. */
  inFlight = 0;

  constructor(
    private readonly eventsUrl: string,
    private readonly signingSecret: string,
    private readonly slack: FakeSlack,
  ) {}

  async post(
    body: string,
    contentType: string,
    options: PostOptions = {},
    triggerId = '',
  ): Promise<Delivery> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const before = this.slack.lastSeq;
    this.inFlight++;
    let response: Response;
    let raw: string;
    try {
      response = await fetch(this.eventsUrl, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          ...signatureHeaders(options.secret ?? this.signingSecret, body, timestamp),
          ...options.headers,
        },
        body,
      });
      raw = await response.text();
    } finally {
      this.inFlight--;
    }
    let ack: Record<string, unknown> | undefined;
    try {
      ack = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    } catch {
      ack = undefined;
    }
    return { status: response.status, ack, raw, calls: this.slack.callsSince(before), triggerId };
  }

  private trigger(options: PostOptions): string {
    return options.triggerId ?? `${Date.now()}.${randomBytes(6).toString('hex')}`;
  }

  private interactive(payload: Record<string, unknown>, options: PostOptions, triggerId: string) {
    const org = options.enterprise
      ? { enterprise: { id: options.enterprise, name: options.enterprise }, is_enterprise_install: true }
      : {};
    const body = new URLSearchParams({ payload: JSON.stringify({ ...payload, ...org }) }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', options, triggerId);
  }

  /** `/can-i-email alice@corp.fr` as typed in the message box. */
  command(line: string, options: PostOptions = {}): Promise<Delivery> {
    const [command = '', ...rest] = line.trim().split(' ');
    const triggerId = this.trigger(options);
    const body = new URLSearchParams({
      token: 'deprecated-verification-token',
      team_id: options.team ?? TEAM_ID,
      team_domain: 'emulator',
      channel_id: this.channel,
      channel_name: 'sales',
      user_id: options.user ?? this.user,
      user_name: options.user ?? this.user,
      command,
      text: rest.join(' '),
      api_app_id: BOT.appId,
      ...(options.enterprise ? { enterprise_id: options.enterprise } : {}),
      is_enterprise_install: options.enterprise ? 'true' : 'false',
      response_url: this.slack.responseUrl(),
      trigger_id: triggerId,
    }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', options, triggerId);
  }

  press(button: PressableButton, options: PostOptions = {}): Promise<Delivery> {
    const triggerId = this.trigger(options);
    const user = options.user ?? this.user;
    return this.interactive(
      {
        type: 'block_actions',
        user: { id: user, username: user, team_id: options.team ?? TEAM_ID },
        api_app_id: BOT.appId,
        team: { id: options.team ?? TEAM_ID, domain: 'emulator' },
        container: options.messageTs
          ? { type: 'message', message_ts: options.messageTs, channel_id: this.channel, is_ephemeral: false }
          : { type: 'message', is_ephemeral: true, channel_id: this.channel },
        ...(options.messageTs ? { message: { type: 'message', ts: options.messageTs, text: '' } } : {}),
        channel: { id: this.channel, name: 'sales' },
        trigger_id: triggerId,
        response_url: this.slack.responseUrl(),
        actions: [
          {
            type: 'button',
            action_id: button.action_id,
            block_id: button.block_id ?? 'next_steps',
            value: button.value,
            action_ts: `${Date.now() / 1000}`,
          },
        ],
      },
      options,
      triggerId,
    );
  }

  submit(view: OpenView, values: StateValues, options: PostOptions = {}): Promise<Delivery> {
    const triggerId = this.trigger(options);
    const user = options.user ?? this.user;
    return this.interactive(
      {
        type: 'view_submission',
        team: { id: options.team ?? TEAM_ID, domain: 'emulator' },
        user: { id: user, username: user, team_id: options.team ?? TEAM_ID },
        api_app_id: BOT.appId,
        trigger_id: triggerId,
        view: {
          id: view.id,
          team_id: options.team ?? TEAM_ID,
          type: 'modal',
          callback_id: view.callback_id,
          private_metadata: view.private_metadata ?? '',
          blocks: view.blocks ?? [],
          state: { values },
          hash: 'emulator',
          app_id: BOT.appId,
          bot_id: BOT.botId,
        },
        response_urls: [],
      },
      options,
      triggerId,
    );
  }

  /** An Events API delivery: `app_home_opened`, `app_uninstalled`… from the user's workspace. */
  event(event: Record<string, unknown>, options: PostOptions = {}): Promise<Delivery> {
    const eventId = options.triggerId ?? `Ev${randomBytes(6).toString('hex')}`;
    const team = options.team ?? TEAM_ID;
    const body = JSON.stringify({
      token: 'deprecated-verification-token',
      team_id: team,
      api_app_id: BOT.appId,
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event: { event_ts: `${Date.now() / 1000}`, ...event },
      ...(options.enterprise ? { enterprise_id: options.enterprise, is_ext_shared_channel: false } : {}),
      authorizations: [
        {
          team_id: team,
          user_id: BOT.userId,
          is_bot: true,
          ...(options.enterprise ? { enterprise_id: options.enterprise, is_enterprise_install: true } : {}),
        },
      ],
    });
    return this.post(body, 'application/json', options, eventId);
  }

  /** The message shortcut `callbackId` used on a message whose text is `text`. */
  messageShortcut(callbackId: string, text: string, options: PostOptions = {}): Promise<Delivery> {
    const triggerId = this.trigger(options);
    const user = options.user ?? this.user;
    return this.interactive(
      {
        type: 'message_action',
        callback_id: callbackId,
        trigger_id: triggerId,
        action_ts: `${Date.now() / 1000}`,
        team: { id: options.team ?? TEAM_ID, domain: 'emulator' },
        user: { id: user, username: user, team_id: options.team ?? TEAM_ID },
        channel: { id: this.channel, name: 'sales' },
        message: { type: 'message', user: 'U0MANAGER', ts: `${Date.now() / 1000}`, text },
        response_url: this.slack.responseUrl(),
      },
      options,
      triggerId,
    );
  }

  /** Workflow Builder runs the app's custom step `callbackId` with these inputs (a function_executed event). */
  runStep(callbackId: string, inputs: Record<string, unknown>, options: PostOptions = {}): Promise<Delivery> {
    return this.event(
      {
        type: 'function_executed',
        function: { id: 'Fn0CHECK', callback_id: callbackId, title: callbackId, app_id: BOT.appId },
        inputs,
        function_execution_id: `Fx${randomBytes(5).toString('hex')}`,
        workflow_execution_id: `Wx${randomBytes(5).toString('hex')}`,
        bot_access_token: `xwfp-${randomBytes(8).toString('hex')}`,
      },
      options,
    );
  }

  openHome(options: PostOptions = {}): Promise<Delivery> {
    return this.event(
      { type: 'app_home_opened', user: options.user ?? this.user, channel: 'D0HOME', tab: 'home' },
      options,
    );
  }
}

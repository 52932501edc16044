import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeOpenId } from './fakeSignIn.ts';
import { BOT, TEAM_ID, USER_GROUPS, USERS, usersInfo } from './workspace.ts';

/** One Web API call or response_url post the app made, as Slack would have received it. */
export interface RecordedCall {
  seq: number;
  /** A Web API method (chat.postMessage) or `respond` for a response_url. */
  method: string;
  args: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  /** What the fake answered (a view gets its id here). */
  result?: Record<string, unknown>;
}

type Failure = { error: string } | { status: 429; retryAfter: number };

/** A file in the fake workspace: shared by a user (a CSV to check) or uploaded by the app. */
export interface FakeFile {
  id: string;
  name: string;
  bytes: Buffer;
  title?: string;
  channel?: string;
  threadTs?: string;
}
/** A Web API method: its arguments, and the team of the token it was called with. */
type Handler = (args: Record<string, unknown>, team: string) => Record<string, unknown>;

/** Form fields that carry JSON (blocks, views…), as @slack/web-api encodes them. */
function parseFormValue(value: string): unknown {
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(text);
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) args[key] = parseFormValue(value);
  return args;
}

/**
 * A fake Slack Web API on loopback: it records every call the app makes, answers like Slack, and can be told
 * to fail a method once (`channel_not_found`, a 429). The emulator and the end-to-end tests share it.
 */
export class FakeSlack extends EventEmitter {
  readonly calls: RecordedCall[] = [];
  /** Views opened or updated, by view id; App Home views by user id. */
  readonly views = new Map<string, Record<string, unknown>>();
  readonly homes = new Map<string, Record<string, unknown>>();
  socketUrl = '';
  readonly files = new Map<string, FakeFile>();
  /** The bot token the app uses: downloads need it, as on Slack. */
  botToken?: string;
  /** Several workspaces: the team of each bot token the OAuth flow gave (others are the emulator's team). */
  readonly teams = new Map<string, string>();
  /** Sign in with Slack: `openId.authorize(url, who)` plays a person approving on Slack's page. */
  readonly openId = new FakeOpenId();
  private server?: Server;
  private seq = 0;
  private ids = 0;
  private readonly failures = new Map<string, Failure[]>();
  private readonly handlers: Record<string, Handler> = {
    'auth.test': (_args, team) => ({
      url: 'https://emulator.slack/',
      team: 'Emulator',
      team_id: team,
      user_id: BOT.userId,
      bot_id: BOT.botId,
    }),
    'users.info': (args, team) => {
      const user = USERS.find((u) => u.id === args.user);
      return user ? { user: usersInfo(user, team) } : { ok: false, error: 'user_not_found' };
    },
    'usergroups.users.list': (args) => {
      const users = USER_GROUPS[String(args.usergroup)];
      return users ? { users } : { ok: false, error: 'no_such_subteam' };
    },
    'chat.postMessage': (args) => ({
      channel: args.channel,
      ts: this.ts(),
      message: { text: args.text, blocks: args.blocks },
    }),
    'chat.postEphemeral': () => ({ message_ts: this.ts() }),
    // A workflow's custom step ends with its outputs, or with an error.
    'functions.completeSuccess': () => ({}),
    'functions.completeError': () => ({}),
    'chat.update': (args) => ({ channel: args.channel, ts: args.ts, text: args.text }),
    'conversations.open': (args) => ({ channel: { id: `D0${String(args.users).replace(/\W/g, '')}` } }),
    'views.open': (args) => this.saveView(args.view as Record<string, unknown>),
    'views.push': (args) => this.saveView(args.view as Record<string, unknown>),
    'views.update': (args) => this.saveView(args.view as Record<string, unknown>, String(args.view_id ?? '')),
    'views.publish': (args) => {
      this.homes.set(String(args.user_id), args.view as Record<string, unknown>);
      return { view: { ...(args.view as object), id: this.id('V') } };
    },
    'apps.connections.open': () => ({ url: this.socketUrl }),
    // The OAuth flow's last step: the code names the team installing (T0… or, org-wide, E0…); a bot token of its own.
    'oauth.v2.access': (args) => {
      const code = String(args.code ?? '');
      const orgWide = code.startsWith('E');
      const token = `xoxb-${code}-${this.id('K').toLowerCase()}`;
      this.teams.set(token, code);
      return {
        access_token: token,
        token_type: 'bot',
        scope: 'commands,chat:write',
        bot_user_id: BOT.userId,
        app_id: BOT.appId,
        team: orgWide ? null : { id: code, name: code },
        enterprise: orgWide ? { id: code, name: code } : null,
        is_enterprise_install: orgWide,
        authed_user: { id: 'U0DPO' },
      };
    },
    'files.info': (args) => {
      const file = this.files.get(String(args.file));
      return file ? { file: this.fileObject(file) } : { ok: false, error: 'file_not_found' };
    },
    'files.getUploadURLExternal': (args) => {
      const id = this.id('F');
      this.files.set(id, { id, name: String(args.filename), bytes: Buffer.alloc(0) });
      return { upload_url: `${this.url}/upload/${id}`, file_id: id };
    },
    // The bot deletes a file it shared (a list a recheck withdrew): gone for everyone, as on Slack.
    'files.delete': (args) =>
      this.files.delete(String(args.file)) ? {} : { ok: false, error: 'file_not_found' },
    'files.completeUploadExternal': (args) => {
      const list = (Array.isArray(args.files) ? args.files : []) as { id: string; title?: string }[];
      for (const { id, title } of list) {
        const file = this.files.get(id);
        if (file) Object.assign(file, { title, channel: args.channel_id, threadTs: args.thread_ts });
      }
      return { files: list.map(({ id, title }) => ({ id, title })) };
    },
  };

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('the fake Slack is not started');
    return `http://127.0.0.1:${address.port}`;
  }

  /** What to give the app as SLACK_API_URL / clientOptions.slackApiUrl. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url for one command or action: what the app posts there is recorded as `respond`. */
  responseUrl(): string {
    return `${this.url}/respond/${this.id('R')}`;
  }

  /** A file a user shared (a recipient list): what a `file_input` returns in a modal submission. */
  addFile(name: string, bytes: Buffer): Record<string, unknown> {
    const id = this.id('F');
    const file = { id, name, bytes };
    this.files.set(id, file);
    return this.fileObject(file);
  }

  /** Files the app uploaded into a thread, in order. */
  uploadsIn(threadTs: string): FakeFile[] {
    return [...this.files.values()].filter((f) => f.threadTs === threadTs);
  }

  private fileObject(file: FakeFile): Record<string, unknown> {
    return {
      id: file.id,
      name: file.name,
      title: file.title ?? file.name,
      filetype: file.name.split('.').pop(),
      size: file.bytes.length,
      url_private_download: `${this.url}/files/${file.id}/${encodeURIComponent(file.name)}`,
    };
  }

  /** The next call to `method` fails like Slack would. */
  failNext(method: string, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  callsSince(seq: number): RecordedCall[] {
    return this.calls.filter((call) => call.seq > seq);
  }

  get lastSeq(): number {
    return this.seq;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private id(prefix: string): string {
    return `${prefix}${(++this.ids).toString().padStart(6, '0')}`;
  }

  private ts(): string {
    return `${Math.floor(Date.now() / 1000)}.${(++this.ids).toString().padStart(6, '0')}`;
  }

  private saveView(view: Record<string, unknown>, id?: string): Record<string, unknown> {
    const viewId = id || this.id('V');
    const saved = { ...view, id: viewId };
    this.views.set(viewId, saved);
    return { view: saved };
  }

  private record(method: string, args: Record<string, unknown>, req: IncomingMessage): RecordedCall {
    const call = { seq: ++this.seq, method, args, headers: req.headers };
    this.calls.push(call);
    this.emit('call', call);
    return call;
  }

  /** Upload URLs take the raw bytes; downloads need the bot token, or Slack answers its HTML login page. */
  private async fileRoute(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = url.pathname.split('/')[2] ?? '';
    const file = this.files.get(id);
    if (url.pathname.startsWith('/upload/')) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      let bytes = Buffer.concat(chunks);
      const type = req.headers['content-type'] ?? '';
      if (type.startsWith('multipart/form-data')) {
        // @slack/web-api posts the file as a multipart form, as Slack's upload URL accepts.
        const form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
        const part = [...form.values()].find((v): v is File => typeof v !== 'string');
        bytes = part ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
      }
      if (file) file.bytes = bytes;
      this.record('upload', { file: id, length: file?.bytes.length ?? 0 }, req);
      res.writeHead(file ? 200 : 404).end(file ? `OK - ${file.bytes.length}` : 'not found');
      return;
    }
    this.record('download', { file: id }, req);
    if (!file) return void res.writeHead(404).end();
    if (req.headers.authorization !== `Bearer ${this.botToken}`) {
      return void res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!DOCTYPE html><html>Sign in to Slack</html>');
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file.bytes);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/upload/') || url.pathname.startsWith('/files/'))
      return this.fileRoute(url, req, res);
    const args = await readBody(req);
    if (url.pathname.startsWith('/respond/')) {
      this.record('respond', args, req);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const call = this.record(method, args, req);
    const json = (status: number, body: object, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };

    const token = /^Bearer (\S+)/.exec(req.headers.authorization ?? '')?.[1] ?? String(args.token ?? '');
    if (!token && !method.startsWith('oauth.') && method !== 'openid.connect.token')
      return json(200, { ok: false, error: 'not_authed' });
    const failure = this.failures.get(method)?.shift();
    if (failure && 'status' in failure)
      return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
    if (failure) return json(200, { ok: false, error: failure.error });
    const handler = this.handlers[method] ?? this.openId.handlers()[method];
    if (!handler) return json(200, { ok: false, error: 'unknown_method' });
    call.result = { ok: true, ...handler({ token, ...args }, this.teams.get(token) ?? TEAM_ID) };
    json(200, call.result);
  }
}

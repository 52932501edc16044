import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  Logger,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { ErrorCode, type WebClient } from '@slack/web-api';
import { InputError, RefusedError } from '../../domain/errors.ts';
import { type Lang, t } from '../../i18n.ts';
import type { Actor } from '../../policy/access.ts';
import type { Policy } from '../../policy/load.ts';
import type { Role } from '../../policy/schema.ts';
import { fieldWords, policyLists, problemLine } from '../../reports/problems.ts';
import type { AppContext } from '../../services/context.ts';
import { NotRecordedError, StoreUnavailableError } from '../../store/index.ts';
import type { Block } from '../blocks/kit.ts';
import { blockOf, type FormFields } from '../blocks/modals.ts';
import { escapeMrkdwn, mention } from '../blocks/mrkdwn.ts';
import type { People } from './people.ts';

export interface SlackDeps {
  ctx: AppContext;
  people: People;
  /** The Web API with the current workspace's token (outside a request's own `client`). */
  client: WebClient;
  logger: Logger;
  /** Told when a reload put another policy in force (the composition root moves the retention schedule). */
  policyReloaded?: (before: Policy, after: Policy) => void;
}

/** How a Slack user appears in the store's logs. */
export const actor = (userId: string) => `slack:${userId}`;

/** One short line on what was wrong with the input, then how to use the command. Never a stack trace. */
export function problemText(error: unknown, lang: Lang, usage: string, deps: SlackDeps): string {
  if (error instanceof RefusedError) return refusalText(error, lang, deps);
  if (error instanceof StoreUnavailableError) {
    deps.logger.error(error.message);
    return t(lang, 'problem_store_unavailable');
  }
  if (error instanceof NotRecordedError) {
    deps.logger.error(error.message);
    return t(lang, 'problem_not_recorded');
  }
  if (!(error instanceof InputError)) {
    deps.logger.error(`unexpected error: ${(error as Error)?.stack ?? error}`);
    return t(lang, 'problem_internal');
  }
  const policy = deps.ctx.policy;
  const line = problemLine(lang, error, {
    fieldName: fieldWords(lang),
    escape: escapeMrkdwn,
    extra: policyLists(policy),
  });
  return usage ? `${line}\n${usage}` : line;
}

/** A problem with a submitted form, as Slack shows it: under the field it is about, in the reader's language. */
export function errorsAt(form: FormFields, error: unknown, lang: Lang, deps: SlackDeps) {
  return {
    response_action: 'errors' as const,
    errors: { [blockOf(form, error)]: problemText(error, lang, '', deps) },
  };
}

/** What to tell the user when a Web API call failed: rate limit, or Slack's error code. */
export function slackErrorText(error: unknown, lang: Lang): string {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string } };
  if (e.code === ErrorCode.RateLimitedError) return t(lang, 'slack_busy', { seconds: e.retryAfter ?? 30 });
  return t(lang, 'slack_failed', { error: e.data?.error ?? e.code ?? 'unknown' });
}

/**
 * The Slack user as every use case receives them: their roles from the policy (user ids and groups), and
 * whether they are among a narrower list (a channel's campaign approvers). Services decide and audit with it.
 */
export async function slackActor(deps: SlackDeps, userId: string): Promise<Actor> {
  return {
    id: actor(userId),
    userId,
    roles: await deps.people.rolesOf(userId),
    via: 'slack',
    isAmong: (members) => deps.people.isAmong(userId, [...members]),
  };
}

/** A refusal the service has audited, as Slack tells it: the role in the reader's words and who holds it. */
function refusalText(error: RefusedError, lang: Lang, deps: SlackDeps): string {
  deps.logger.warn(`refused ${error.action}: missing role ${error.role}`);
  return t(lang, 'refused_role', {
    role: t(lang, `role_${error.role as Role}`),
    members: error.holders.length ? error.holders.map(mention).join(', ') : t(lang, 'nobody'),
  });
}

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** An ephemeral answer to whoever pressed a button, below the message it belongs to (never replacing it). */
export function tellPresser(args: ButtonArgs, text: string, blocks?: Block[]): Promise<unknown> {
  return args
    .respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) })
    .catch(() => undefined);
}

/**
 * The workspace a request is for (its register and policy, its people, its Web API client), which the app's
 * first middleware puts in Bolt's `context` (slack/app.ts): listeners receive it from the wrappers below, as
 * they receive the language, never from a variable shared by every workspace.
 */
export function depsOf(context: Record<string, unknown>): SlackDeps {
  const deps = context.deps as SlackDeps | undefined;
  if (!deps) throw new Error('no workspace for this request');
  return deps;
}

/** A button: acked at once (Slack's 3 s), handled in the presser's language, any error told in one line. */
export function onButton(
  app: App,
  actionId: string,
  work: (args: ButtonArgs, lang: Lang, deps: SlackDeps) => Promise<void>,
): void {
  app.action<BlockAction<ButtonAction>>(actionId, async (args) => {
    await args.ack();
    const deps = depsOf(args.context);
    const lang = await deps.people.lang(args.body.user.id);
    try {
      await work(args, lang, deps);
    } catch (error) {
      await tellPresser(args, problemText(error, lang, '', deps));
    }
  });
}

/** Every command reply is ephemeral: answers carry personal data. */
export interface Reply {
  text: string;
  blocks?: Block[];
}

export const ephemeral = (reply: Reply) => ({ response_type: 'ephemeral' as const, ...reply });

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * A slash command answered in its user's language (Bolt listener middleware puts it in `context.lang`), in the
 * request's workspace.
 */
export function onCommand(
  app: App,
  name: string,
  work: (args: CommandArgs, lang: Lang, deps: SlackDeps) => Promise<void>,
): void {
  app.command(name, languageOf(), async (args) =>
    work(args, args.context.lang as Lang, depsOf(args.context)),
  );
}

export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** A modal submitted: handled in the submitter's language, in the request's workspace. */
export function onView(
  app: App,
  callbackId: string,
  work: (args: ViewArgs, lang: Lang, deps: SlackDeps) => Promise<void>,
): void {
  app.view<ViewSubmitAction>(callbackId, languageOf(), async (args) =>
    work(args, args.context.lang as Lang, depsOf(args.context)),
  );
}

/** Listener middleware: the user's language (Slack locale, else the policy's) for the listener that follows. */
export function languageOf() {
  return async (args: AllMiddlewareArgs & { body: { user_id?: string; user?: { id: string } } }) => {
    const userId = args.body.user_id ?? args.body.user?.id ?? '';
    args.context.lang = await depsOf(args.context).people.lang(userId);
    await args.next();
  };
}

/**
 * Slack's answer for an act a service must allow first and that may take longer than Slack's 3 s (a purge, a
 * reload): `started` acks with `answer` once the service allows it; `acked` says whether it did, so a refusal
 * before it is the ack itself and a failure after it goes another way.
 */
export function ackWhenStarted<A>(ack: (answer?: A) => Promise<void>, answer?: A) {
  let acked = false;
  return {
    started: async () => {
      acked = true;
      await ack(answer);
    },
    acked: () => acked,
  };
}

/** Opens a modal from a button; a refusal by Slack (rate limit, expired trigger) is told to the presser. */
export async function openModal(
  deps: SlackDeps,
  args: ButtonArgs,
  lang: Lang,
  view: Parameters<App['client']['views']['open']>[0]['view'],
): Promise<void> {
  try {
    await args.client.views.open({ trigger_id: args.body.trigger_id, view });
  } catch (error) {
    deps.logger.warn(`views.open failed: ${(error as Error).message}`);
    await tellPresser(args, slackErrorText(error, lang));
  }
}

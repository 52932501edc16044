import type { App } from '@slack/bolt';
import type { Channel } from '../../domain/contacts.ts';
import { CHANNELS } from '../../domain/contacts.ts';
import { InputError } from '../../domain/errors.ts';
import { type Identifier, maskIdentifier } from '../../domain/identifiers.ts';
import { peopleInText } from '../../domain/peopleInText.ts';
import { type Lang, t } from '../../i18n.ts';
import { policyLists, problemLine } from '../../reports/problems.ts';
import { ask } from '../../services/ask.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { actor, depsOf, languageOf, problemText, type SlackDeps } from './kit.ts';

/** The custom step's and the shortcut's ids, as app-manifest.yml declares them. */
export const CHECK_STEP = 'check_prospect';
export const CHECK_SHORTCUT = 'check_people';

/** How each kind of identifier found in a message is asked about: an email by email, a number by a call. */
const CHANNEL_OF: Record<Identifier['kind'], Channel> = { email: 'email', phone: 'phone' };

/**
 * The Workflow Builder step "Check a prospect" (Bolt's `app.function`): inputs target, channel, product and who
 * asks; outputs verdict, reason and rule, so a workflow can branch on the verdict. A value the services refuse
 * ends the step in error with the reason, in the language of who asks (else the policy's).
 */
function registerStep(app: App): void {
  app.function(CHECK_STEP, async ({ inputs, complete, fail, context }) => {
    const deps = depsOf(context);
    const given = inputs as Record<string, unknown>;
    const text = (name: string) => (typeof given[name] === 'string' ? (given[name] as string).trim() : '');
    // In the language of who asks, when the workflow says; else the policy's.
    const lang = text('user')
      ? await deps.people.lang(text('user'))
      : deps.ctx.policy.doc.policy.default_language;
    try {
      const channel = text('channel').toLowerCase();
      if (!(CHANNELS as readonly string[]).includes(channel))
        throw new InputError('unknown_channel', {
          field: 'channel',
          value: channel,
          allowed: CHANNELS.join(', '),
        });
      const user = text('user');
      const { decision } = await ask(deps.ctx, {
        channel: channel as Channel,
        target: text('target'),
        ...(text('product') ? { product: text('product') } : {}),
        askedBy: user ? actor(user) : 'slack:workflow',
      });
      const first = decision.reasons[0];
      await complete({
        outputs: {
          verdict: decision.verdict,
          reason: first ? first.title[lang] : '',
          rule: first?.rule ?? '',
        },
      });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      await fail({
        error: problemLine(lang, error, { fieldName: (name) => name, extra: policyLists(deps.ctx.policy) }),
      });
    }
  });
}

/** One line per person: the verdict, who (masked), the channel asked about, the first reason. */
async function verdictLines(
  deps: SlackDeps,
  people: Identifier[],
  user: string,
  lang: Lang,
): Promise<string[]> {
  const lines: string[] = [];
  for (const person of people) {
    const channel = CHANNEL_OF[person.kind];
    const { decision } = await ask(deps.ctx, { channel, target: person.value, askedBy: actor(user) });
    const why = decision.reasons[0]?.title[lang];
    lines.push(
      `${t(lang, `verdict_${decision.verdict}`)} — ${escapeMrkdwn(maskIdentifier(person))} (${t(lang, `shortcut_channel_${person.kind}`)})${why ? ` : ${escapeMrkdwn(why)}` : ''}`,
    );
  }
  return lines;
}

/**
 * The message shortcut "Check the people in this message": every email and phone number in it, one verdict each,
 * answered to the one who asked only (ephemeral), never in the channel.
 */
function registerShortcut(app: App): void {
  app.shortcut({ callback_id: CHECK_SHORTCUT, type: 'message_action' }, languageOf(), async (args) => {
    const { shortcut, ack, respond, context } = args;
    const deps = depsOf(context);
    await ack();
    const lang = context.lang as Lang;
    const people = peopleInText(shortcut.message.text ?? '');
    try {
      const lines = people.length ? await verdictLines(deps, people, shortcut.user.id, lang) : [];
      const text = people.length
        ? [t(lang, 'shortcut_title', { count: people.length }), ...lines].join('\n')
        : t(lang, 'shortcut_nobody');
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    } catch (error) {
      await respond({ response_type: 'ephemeral', text: problemText(error, lang, '', deps) });
    }
  });
}

export function register(app: App): void {
  registerStep(app);
  registerShortcut(app);
}

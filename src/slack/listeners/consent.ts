import type { App, ViewSubmitAction } from '@slack/bolt';
import { InputError } from '../../domain/errors.ts';
import { maskIdentifier } from '../../domain/identifiers.ts';
import { localDay, parseInstant } from '../../domain/time.ts';
import { type Lang, t } from '../../i18n.ts';
import { purposeLabel } from '../../reports/purpose.ts';
import { consentForm, consentProblems, recordConsent } from '../../services/record.ts';
import { ACTION, VIEW } from '../blocks/actionIds.ts';
import { CONSENT_FIELDS, consentModal, doneModal, fieldValue } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { splitTarget } from './commandText.ts';
import {
  actor,
  ephemeral,
  errorsAt,
  onCommand,
  onView,
  openModal,
  problemText,
  type SlackDeps,
  slackActor,
  slackErrorText,
} from './kit.ts';
import { dayToInstant, noteInConversation, onPersonButton, readModal } from './person.ts';

type Errors = Record<string, string>;

const CONSENT_PROBLEM_KEY = {
  consent_method_refused: 'error_method_refused',
  consent_without_proof: 'error_wording_or_evidence',
  future_date: 'error_future_date',
  date_before: 'error_until_before',
} as const;

/** The service's consent rules, every problem at once, each at its field; and the evidence field is a link. */
function checkConsentFields(
  values: ViewSubmitAction['view']['state']['values'],
  deps: SlackDeps,
  lang: Lang,
): Errors {
  const errors: Errors = {};
  const zone = deps.ctx.policy.timeZone;
  const date = fieldValue(values, 'date');
  const until = fieldValue(values, 'until');
  const evidence = fieldValue(values, 'evidence');
  const at = dayToInstant(deps, date);
  const problems = consentProblems(
    {
      action: fieldValue(values, 'action') === 'withdraw' ? 'withdraw' : 'grant',
      method: fieldValue(values, 'method'),
      wording: fieldValue(values, 'wording'),
      evidence,
    },
    at ? parseInstant(at, zone, 'at') : deps.ctx.clock(),
    until ? parseInstant(until, zone, 'until') : undefined,
    deps.ctx.clock(),
    deps.ctx.policy.doc.params.accepted_consent_methods,
  );
  for (const { field, problem } of problems) errors[field] ??= t(lang, CONSENT_PROBLEM_KEY[problem]);
  if (evidence && !/^https?:\/\/\S+$/i.test(evidence)) errors.evidence = t(lang, 'error_url');
  return errors;
}

/** /consent, the "record a consent" button and the consent modal: compliance roles, checked at every step. */
export function register(app: App): void {
  // /consent opens a modal: the trigger_id lives 3 seconds, so checks are quick and the modal opens first.
  onCommand(app, '/consent', async ({ command, ack, client, respond }, lang, deps) => {
    let view: ReturnType<typeof consentModal>;
    try {
      const { target } = splitTarget(command.text);
      const { known } = await consentForm(
        deps.ctx,
        await slackActor(deps, command.user_id),
        target,
        'consent.open',
      );
      if (!known) return await ack(ephemeral({ text: t(lang, 'problem_unknown_contact') }));
      const today = localDay(deps.ctx.clock(), deps.ctx.policy.timeZone);
      view = consentModal(target, deps.ctx.policy, lang, today, {
        target: target.value,
        conversation: command.channel_id,
      });
    } catch (error) {
      return await ack(ephemeral({ text: problemText(error, lang, t(lang, 'usage_consent'), deps) }));
    }
    await ack();
    try {
      await client.views.open({ trigger_id: command.trigger_id, view });
    } catch (error) {
      deps.logger.warn(`views.open failed: ${(error as Error).message}`);
      await respond(ephemeral({ text: slackErrorText(error, lang) })).catch(() => undefined);
    }
  });

  onPersonButton(app, ACTION.openConsent, async (args, lang, target, value, deps) => {
    await consentForm(deps.ctx, await slackActor(deps, args.body.user.id), target, 'consent.open');
    const today = localDay(deps.ctx.clock(), deps.ctx.policy.timeZone);
    const meta = { target: target.value, conversation: args.body.channel?.id };
    await openModal(
      deps,
      args,
      lang,
      consentModal(target, deps.ctx.policy, lang, today, meta, value.channel),
    );
  });

  onView(app, VIEW.consent, async ({ ack, body, view, client }, lang, deps) => {
    const userId = body.user.id;
    const read = readModal(view.private_metadata);
    if (!read) return void (await ack(errorsAt(CONSENT_FIELDS, new InputError('damaged_form'), lang, deps)));
    const values = view.state.values;
    const action = fieldValue(values, 'action') === 'withdraw' ? 'withdraw' : 'grant';
    let done: string;
    try {
      // Checked again on submission: a modal can be forged without ever opening it.
      await consentForm(deps.ctx, await slackActor(deps, userId), read.target, 'consent.record');
      const errors = checkConsentFields(values, deps, lang);
      if (Object.keys(errors).length > 0) return void (await ack({ response_action: 'errors', errors }));
      const { record } = await recordConsent(deps.ctx, {
        [read.target.kind]: read.target.value,
        action,
        channel: fieldValue(values, 'channel') ?? '',
        purpose: fieldValue(values, 'purpose'),
        method: fieldValue(values, 'method'),
        wording: fieldValue(values, 'wording'),
        evidence: fieldValue(values, 'evidence'),
        at: dayToInstant(deps, fieldValue(values, 'date')),
        until: fieldValue(values, 'until'),
        capturedWhere: 'slack',
        recordedBy: actor(userId),
      });
      done = t(lang, 'consent_done', {
        action: t(lang, action === 'grant' ? 'action_grant' : 'action_withdraw'),
        who: escapeMrkdwn(maskIdentifier(read.target)),
        channel: t(lang, `channel_${record.channel}`),
        purpose: escapeMrkdwn(purposeLabel(record.purpose, lang)),
      });
    } catch (error) {
      return void (await ack(errorsAt(CONSENT_FIELDS, error, lang, deps)));
    }
    await ack({ response_action: 'update', view: doneModal(lang, done) });
    await noteInConversation(deps, client, read.meta, userId, done);
  });
}

import type { App, ViewSubmitAction } from '@slack/bolt';
import { InputError } from '../../domain/errors.ts';
import { type Identifier, maskIdentifier, parseTarget } from '../../domain/identifiers.ts';
import { localDay, parseInstant } from '../../domain/time.ts';
import { type Lang, t } from '../../i18n.ts';
import { addContact, consentProblems, recordConsent } from '../../services/record.ts';
import { VIEW } from '../blocks/actionIds.ts';
import { doneModal, fieldValue, type ModalMetadata } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { actor, audit, checkRole, problemText, type SlackDeps } from './deps.ts';

type Errors = Record<string, string>;

function metadata(raw: string): { meta: ModalMetadata; target: Identifier } | undefined {
  try {
    const meta = JSON.parse(raw) as ModalMetadata;
    return { meta, target: parseTarget(String(meta.target)) };
  } catch {
    return undefined;
  }
}

/** A datepicker day: today means now (the consent was just given), another day means its start in the zone. */
function dayToInstant(deps: SlackDeps, day: string | undefined): string | undefined {
  if (!day) return undefined;
  const now = deps.ctx.clock();
  return day === localDay(now, deps.ctx.policy.timeZone) ? now.toISOString() : day;
}

const CONSENT_PROBLEM_KEY = {
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
      wording: fieldValue(values, 'wording'),
      evidence,
    },
    at ? parseInstant(at, zone) : deps.ctx.clock(),
    until ? parseInstant(until, zone) : undefined,
    deps.ctx.clock(),
  );
  for (const { field, problem } of problems) errors[field] = t(lang, CONSENT_PROBLEM_KEY[problem]);
  if (evidence && !/^https?:\/\/\S+$/i.test(evidence)) errors.evidence = t(lang, 'error_url');
  return errors;
}

export function registerViews(app: App, deps: SlackDeps): void {
  /** After a modal: an ephemeral note where the command was typed. Best effort: the modal already confirmed. */
  const noteInConversation = async (
    client: App['client'],
    meta: ModalMetadata,
    userId: string,
    text: string,
  ) => {
    if (!meta.conversation) return;
    try {
      await client.chat.postEphemeral({ channel: meta.conversation, user: userId, text });
    } catch (error) {
      deps.logger.warn(
        `chat.postEphemeral failed (${(error as { data?: { error?: string } }).data?.error ?? (error as Error).message}); the modal showed the confirmation`,
      );
    }
  };

  app.view<ViewSubmitAction>(VIEW.consent, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    const lang = await deps.people.lang(userId);
    const read = metadata(view.private_metadata);
    if (!read)
      return void (await ack({
        response_action: 'errors',
        errors: { action: problemText(new InputError('damaged_form'), lang, '', deps) },
      }));
    // Checked again on submission: a modal can be forged without ever opening it.
    const refused = await checkRole(deps, userId, 'record_consent', 'consent.record', lang, read.target);
    if (refused) return void (await ack({ response_action: 'errors', errors: { action: refused } }));
    const values = view.state.values;
    const errors = checkConsentFields(values, deps, lang);
    if (Object.keys(errors).length > 0) return void (await ack({ response_action: 'errors', errors }));

    const action = fieldValue(values, 'action') === 'withdraw' ? 'withdraw' : 'grant';
    let done: string;
    try {
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
      await audit(
        deps,
        userId,
        'consent.record',
        read.target,
        `${record.action} ${record.channel} ${record.purpose}`,
      );
      done = t(lang, 'consent_done', {
        action: t(lang, action === 'grant' ? 'action_grant' : 'action_withdraw'),
        who: escapeMrkdwn(maskIdentifier(read.target)),
        channel: t(lang, `channel_${record.channel}`),
        purpose: escapeMrkdwn(record.purpose),
      });
    } catch (error) {
      return void (await ack({
        response_action: 'errors',
        errors: { action: problemText(error, lang, '', deps) },
      }));
    }
    await ack({ response_action: 'update', view: doneModal(lang, done) });
    await noteInConversation(client, read.meta, userId, done);
  });

  app.view<ViewSubmitAction>(VIEW.addContact, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    const lang = await deps.people.lang(userId);
    const read = metadata(view.private_metadata);
    const values = view.state.values;
    const audience = fieldValue(values, 'audience');
    const addressKind = fieldValue(values, 'address_kind');
    let done: string;
    try {
      const { contact } = await addContact(deps.ctx, {
        email: fieldValue(values, 'email'),
        phone: fieldValue(values, 'phone'),
        name: fieldValue(values, 'name'),
        company: fieldValue(values, 'company'),
        function: fieldValue(values, 'function'),
        audience: audience === 'auto' ? undefined : audience,
        addressKind: addressKind === 'auto' ? undefined : addressKind,
        source: fieldValue(values, 'source'),
        collectedAt: dayToInstant(deps, fieldValue(values, 'collected')),
        informedAt: dayToInstant(deps, fieldValue(values, 'informed')),
        owner: userId,
      });
      const target: Identifier = contact.email
        ? { kind: 'email', value: contact.email }
        : { kind: 'phone', value: contact.phone ?? '' };
      await audit(deps, userId, 'contact.add', target);
      done = t(lang, 'contact_done', { who: escapeMrkdwn(maskIdentifier(target)) });
    } catch (error) {
      const field = error instanceof InputError && error.problem === 'invalid_phone' ? 'phone' : 'email';
      return void (await ack({
        response_action: 'errors',
        errors: { [field]: problemText(error, lang, '', deps) },
      }));
    }
    await ack({ response_action: 'update', view: doneModal(lang, done) });
    if (read) await noteInConversation(client, read.meta, userId, done);
  });
}

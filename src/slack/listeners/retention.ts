import type { App } from '@slack/bolt';
import type { Contact } from '../../domain/contacts.ts';
import { localDay } from '../../domain/time.ts';
import { type Lang, t } from '../../i18n.ts';
import { purgeSetText, scanSections } from '../../reports/retention.ts';
import { personLabel, purgeFingerprint } from '../../retention/purge.ts';
import { type PurgeOutcome, purgeOverdue } from '../../services/retention.ts';
import {
  askRepermission,
  contactToActOn,
  purgeContactNow,
  purgePreview,
  renewDeadline,
  retentionFor,
} from '../../services/retentionActs.ts';
import { ACTION, PAYLOAD, readPayload, VIEW } from '../blocks/actionIds.ts';
import { section } from '../blocks/kit.ts';
import { doneModal, fieldValue } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { purgeModal, RENEWED_FIELDS, renewedModal } from '../blocks/retention.ts';
import {
  errorsAt,
  onButton,
  onCommand,
  onView,
  problemText,
  slackActor,
  slackErrorText,
  tellPresser,
} from './kit.ts';

/** A reminder button's value (contact id and deadline kind); forged or damaged values read as empty. */
const reminderValue = (raw: string | undefined) => readPayload(raw, PAYLOAD.reminder) ?? {};

const who = (contact: Contact) => escapeMrkdwn(personLabel(contact));

export function register(app: App): void {
  /** /retention: a salesperson sees their own contacts, compliance roles see everything. */
  onCommand(app, '/retention', async ({ command, ack }, lang, deps) => {
    const { ctx } = deps;
    const { scan, full } = await retentionFor(ctx, await slackActor(deps, command.user_id));
    const sections = scanSections(scan, ctx.policy, lang, {
      owner: (id) => (id ? `<@${id}>` : ''),
      escape: escapeMrkdwn,
      // Compliance roles see everyone's contacts, in full; a salesperson their own, masked as elsewhere.
      full,
    });
    await ack({ response_type: 'ephemeral', text: sections.join('\n\n'), blocks: sections.map(section) });
  });

  onButton(app, ACTION.repermission, async (args, lang, deps) => {
    const { ctx } = deps;
    const { c, k } = reminderValue(args.action.value);
    const presser = await slackActor(deps, args.body.user.id);
    const contact = await askRepermission(ctx, presser, c, k ?? 'prospect');
    if (!contact) return void (await tellPresser(args, t(lang, 'retention_gone')));
    await tellPresser(args, t(lang, 'retention_repermission_done', { who: who(contact) }));
  });

  onButton(app, ACTION.purgeOne, async (args, lang, deps) => {
    const { ctx } = deps;
    const presser = await slackActor(deps, args.body.user.id);
    const removed = await purgeContactNow(ctx, presser, reminderValue(args.action.value).c);
    if (!removed) return void (await tellPresser(args, t(lang, 'retention_gone')));
    await tellPresser(args, t(lang, 'retention_purged', { ...removed }));
  });

  onButton(app, ACTION.renewed, async (args, lang, deps) => {
    const { ctx } = deps;
    const value = reminderValue(args.action.value);
    const presser = await slackActor(deps, args.body.user.id);
    const contact = await contactToActOn(ctx, presser, value.c, 'retention.renewed');
    if (!contact) return void (await tellPresser(args, t(lang, 'retention_gone')));
    const today = localDay(ctx.clock(), ctx.policy.timeZone);
    try {
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: renewedModal(ctx.policy, lang, { c: contact.id, k: value.k ?? 'prospect' }, today),
      });
    } catch (error) {
      await tellPresser(args, slackErrorText(error, lang));
    }
  });

  onView(app, VIEW.renewed, async ({ ack, body, view }, lang, deps) => {
    const { ctx } = deps;
    const userId = body.user.id;
    const meta = reminderValue(view.private_metadata);
    const values = view.state.values;
    const day = fieldValue(values, 'date') ?? localDay(ctx.clock(), ctx.policy.timeZone);
    const at = day === localDay(ctx.clock(), ctx.policy.timeZone) ? ctx.clock().toISOString() : day;
    const renewal = { at, method: fieldValue(values, 'method'), proof: fieldValue(values, 'proof') ?? '' };
    let contact: Contact | undefined;
    try {
      const presser = await slackActor(deps, userId);
      contact = await renewDeadline(ctx, presser, meta.c, meta.k ?? 'prospect', renewal);
    } catch (error) {
      return void (await ack(errorsAt(RENEWED_FIELDS, error, lang, deps)));
    }
    if (!contact)
      return void (await ack({ response_action: 'errors', errors: { proof: t(lang, 'retention_gone') } }));
    await ack({
      response_action: 'update',
      view: doneModal(lang, t(lang, 'retention_renewed_done', { who: who(contact), date: day })),
    });
  });

  /**
   * The digest's purge button: for the purge role, opens the list it is about as it stands now (who in full,
   * when in local time), which the presser confirms in the modal. Opened at once, then filled (a scan takes time).
   */
  onButton(app, ACTION.purgeOverdue, async (args, lang, deps) => {
    const { ctx } = deps;
    const value = readPayload(args.action.value, PAYLOAD.purge);
    const asOf = value && !Number.isNaN(Date.parse(value.a)) ? new Date(value.a) : ctx.clock();
    // Refused (and audited) before anything opens: the list is the purge role's.
    const lines = await purgePreview(ctx, await slackActor(deps, args.body.user.id), asOf);
    const opened = await args.client.views
      .open({ trigger_id: args.body.trigger_id, view: doneModal(lang, t(lang, 'retention_purge_preparing')) })
      .catch(async (error) => void (await tellPresser(args, slackErrorText(error, lang))));
    const viewId = opened?.view?.id;
    if (!viewId) return;
    const channel = args.body.channel?.id;
    const ts = (args.body as { message?: { ts?: string } }).message?.ts;
    const fingerprint = purgeFingerprint(lines);
    const view =
      lines.length === 0
        ? doneModal(lang, t(lang, 'retention_nothing_left'))
        : purgeModal(
            lines,
            ctx.policy,
            lang,
            { a: asOf.toISOString(), f: fingerprint, ch: channel, ts },
            value !== undefined && value.f !== fingerprint,
          );
    await args.client.views.update({ view_id: viewId, view }).catch(() => undefined);
  });

  /** The purge modal confirmed: deletes that list (each line computed again), or shows the new one if it changed. */
  onView(app, VIEW.purge, async ({ ack, body, view, client }, lang, deps) => {
    const { ctx } = deps;
    const userId = body.user.id;
    const presser = await slackActor(deps, userId);
    const meta = readPayload(view.private_metadata, PAYLOAD.purge);
    if (!meta || Number.isNaN(Date.parse(meta.a)))
      return void (await ack({
        response_action: 'update',
        view: doneModal(lang, t(lang, 'retention_gone')),
      }));
    const confirmed = { at: new Date(meta.a), fingerprint: meta.f };
    // Slack wants its answer within 3 s: the modal says "purging" once the service has allowed it.
    let acked = false;
    const started = async () => {
      acked = true;
      await ack({ response_action: 'update', view: doneModal(lang, t(lang, 'retention_purging')) });
    };
    let outcome: PurgeOutcome;
    try {
      // Refused (and audited) by the service unless the presser holds the purge role: a modal can be forged.
      outcome = await purgeOverdue(ctx, presser, { confirmed, started });
    } catch (error) {
      const told = doneModal(lang, problemText(error, lang, '', deps));
      if (!acked) return void (await ack({ response_action: 'update', view: told }));
      return void (await client.views.update({ view_id: view.id, view: told }).catch(() => undefined));
    }
    let next: ReturnType<typeof doneModal>;
    if (outcome.changed && outcome.list.length > 0) {
      const f = purgeFingerprint(outcome.list);
      next = purgeModal(outcome.list, ctx.policy, lang, { ...meta, f }, true);
    } else if (outcome.list.length === 0) next = doneModal(lang, t(lang, 'retention_nothing_left'));
    else {
      const text = purgedText(outcome, lang);
      next = doneModal(lang, text);
      if (meta.ch && meta.ts)
        await client.chat
          .postMessage({ channel: meta.ch, thread_ts: meta.ts, text: `${text} (<@${userId}>)` })
          .catch(() => undefined);
    }
    await client.views.update({ view_id: view.id, view: next }).catch(() => undefined);
  });
}

/** What a purge did, in the words the list used; who stayed because their clock moved, masked (a thread). */
function purgedText(outcome: PurgeOutcome, lang: Lang): string {
  const done = t(lang, 'retention_purged_set', {
    set: escapeMrkdwn(purgeSetText(outcome.list, lang)),
    consents: 0,
    interactions: 0,
    decisions: 0,
    ...outcome.removed,
  });
  const stayed = outcome.stayed.map((d) =>
    t(lang, 'retention_stayed', { who: escapeMrkdwn(personLabel(d.contact)) }),
  );
  return [`🗑️ ${done}`, ...stayed].join('\n');
}

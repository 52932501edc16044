import type { App, ViewSubmitAction } from '@slack/bolt';
import type { Contact } from '../../domain/contacts.ts';
import { type Identifier, identifiersOf } from '../../domain/identifiers.ts';
import { localDay } from '../../domain/time.ts';
import { type Lang, t } from '../../i18n.ts';
import { isCompliance, roleToActOn, seesContact } from '../../policy/access.ts';
import { purgeSetText, scanSections } from '../../reports/retention.ts';
import { personLabel, purgeFingerprint } from '../../retention/purge.ts';
import {
  confirmableList,
  type PurgeOutcome,
  purgeOverdue,
  purgePerson,
  recordRenewal,
  retentionScan,
} from '../../services/retention.ts';
import { ACTION, PAYLOAD, readPayload, VIEW } from '../blocks/actionIds.ts';
import { section } from '../blocks/kit.ts';
import { doneModal, fieldValue } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { purgeModal, RENEWED_FIELDS, renewedModal } from '../blocks/retention.ts';
import {
  actor,
  audit,
  type ButtonArgs,
  checkRole,
  errorsAt,
  onButton,
  type SlackDeps,
  slackErrorText,
  tellPresser,
} from './kit.ts';

/** A reminder button's value (contact id and deadline kind); forged or damaged values read as empty. */
const reminderValue = (raw: string | undefined) => readPayload(raw, PAYLOAD.reminder) ?? {};

const who = (contact: Contact) => escapeMrkdwn(personLabel(contact));

export function register(app: App, deps: SlackDeps): void {
  // deps.people is read at each request: with several workspaces, each has its own people.
  const { ctx } = deps;

  /** /retention: a salesperson sees their own contacts, compliance roles see everything. */
  app.command('/retention', async ({ command, ack }) => {
    const lang = await deps.people.lang(command.user_id);
    const roles = await deps.people.rolesOf(command.user_id);
    const scan = await retentionScan(ctx);
    const mine = (list: typeof scan.due) =>
      list.filter((d) => seesContact(d.contact, command.user_id, roles));
    const sections = scanSections(
      { ...scan, overdue: mine(scan.overdue), due: mine(scan.due), lapsed: mine(scan.lapsed) },
      ctx.policy,
      lang,
      {
        owner: (id) => (id ? `<@${id}>` : ''),
        escape: escapeMrkdwn,
        // Compliance roles see everyone's contacts, in full; a salesperson their own, masked as elsewhere.
        full: isCompliance(roles),
      },
    );
    await ack({ response_type: 'ephemeral', text: sections.join('\n\n'), blocks: sections.map(section) });
  });

  /** /privacy export|erase PERSON, for the data-subject-request role. */
  /** Buttons of an owner's reminder: the owner or the purge role only; reads which contact and deadline. */
  async function reminderTarget(args: ButtonArgs, lang: Lang, action: string) {
    const value = reminderValue(args.action.value);
    const contact = value.c ? await ctx.store.contactById(value.c) : undefined;
    if (!contact) return void (await tellPresser(args, t(lang, 'retention_gone')));
    const userId = args.body.user.id;
    const needed = roleToActOn(contact, userId);
    if (needed) {
      const id = identifiersOf(contact)[0];
      const refused = await checkRole(deps, userId, needed, action, lang, id);
      if (refused) return void (await tellPresser(args, refused));
    }
    return { contact, kind: value.k ?? 'prospect' };
  }

  onButton(app, deps, ACTION.repermission, async (args, lang) => {
    const found = await reminderTarget(args, lang, 'retention.repermission');
    if (!found) return;
    const id = identifiersOf(found.contact)[0];
    await audit(deps, args.body.user.id, 'retention.repermission', id, found.kind);
    await tellPresser(args, t(lang, 'retention_repermission_done', { who: who(found.contact) }));
  });

  onButton(app, deps, ACTION.purgeOne, async (args, lang) => {
    const found = await reminderTarget(args, lang, 'retention.purge');
    if (!found) return;
    const removed = await purgePerson(ctx, found.contact, actor(args.body.user.id), 'retention.purge');
    await tellPresser(args, t(lang, 'retention_purged', { ...removed }));
  });

  onButton(app, deps, ACTION.renewed, async (args, lang) => {
    const found = await reminderTarget(args, lang, 'retention.renewed');
    if (!found) return;
    const today = localDay(ctx.clock(), ctx.policy.timeZone);
    try {
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: renewedModal(ctx.policy, lang, { c: found.contact.id, k: found.kind }, today),
      });
    } catch (error) {
      await tellPresser(args, slackErrorText(error, lang));
    }
  });

  app.view<ViewSubmitAction>(VIEW.renewed, async ({ ack, body, view }) => {
    const userId = body.user.id;
    const lang = await deps.people.lang(userId);
    const meta = reminderValue(view.private_metadata);
    const contact = meta.c ? await ctx.store.contactById(meta.c) : undefined;
    if (!contact)
      return void (await ack({ response_action: 'errors', errors: { proof: t(lang, 'retention_gone') } }));
    const id = identifiersOf(contact)[0] as Identifier;
    const needed = roleToActOn(contact, userId);
    if (needed) {
      const refused = await checkRole(deps, userId, needed, 'retention.renewed', lang, id);
      if (refused) return void (await ack({ response_action: 'errors', errors: { proof: refused } }));
    }
    const values = view.state.values;
    const day = fieldValue(values, 'date') ?? localDay(ctx.clock(), ctx.policy.timeZone);
    const at = day === localDay(ctx.clock(), ctx.policy.timeZone) ? ctx.clock().toISOString() : day;
    const proof = fieldValue(values, 'proof') ?? '';
    const method = fieldValue(values, 'method');
    try {
      await recordRenewal(ctx, contact, meta.k ?? 'prospect', {
        at,
        method,
        proof,
        by: actor(userId),
        where: 'slack',
      });
    } catch (error) {
      return void (await ack(errorsAt(RENEWED_FIELDS, error, lang, deps)));
    }
    await audit(deps, userId, 'retention.renewed', id, `${meta.k} ${method}: ${proof}`.slice(0, 500));
    await ack({
      response_action: 'update',
      view: doneModal(lang, t(lang, 'retention_renewed_done', { who: who(contact), date: day })),
    });
  });

  /**
   * The digest's purge button: for the purge role, opens the list it is about as it stands now (who in full,
   * when in local time), which the presser confirms in the modal. Opened at once, then filled (a scan takes time).
   */
  onButton(app, deps, ACTION.purgeOverdue, async (args, lang) => {
    const userId = args.body.user.id;
    const refused = await checkRole(deps, userId, 'purge', 'retention.purge', lang);
    if (refused) return void (await tellPresser(args, refused));
    const value = readPayload(args.action.value, PAYLOAD.purge);
    const asOf = value && !Number.isNaN(Date.parse(value.a)) ? new Date(value.a) : ctx.clock();
    const opened = await args.client.views
      .open({ trigger_id: args.body.trigger_id, view: doneModal(lang, t(lang, 'retention_purge_preparing')) })
      .catch(async (error) => void (await tellPresser(args, slackErrorText(error, lang))));
    const viewId = opened?.view?.id;
    if (!viewId) return;
    const lines = await confirmableList(ctx, asOf);
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
  app.view<ViewSubmitAction>(VIEW.purge, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    const lang = await deps.people.lang(userId);
    const refused = await checkRole(deps, userId, 'purge', 'retention.purge', lang);
    if (refused) return void (await ack({ response_action: 'update', view: doneModal(lang, refused) }));
    const meta = readPayload(view.private_metadata, PAYLOAD.purge);
    if (!meta || Number.isNaN(Date.parse(meta.a)))
      return void (await ack({
        response_action: 'update',
        view: doneModal(lang, t(lang, 'retention_gone')),
      }));
    await ack({ response_action: 'update', view: doneModal(lang, t(lang, 'retention_purging')) });
    const confirmed = { at: new Date(meta.a), fingerprint: meta.f };
    const outcome = await purgeOverdue(ctx, actor(userId), { confirmed });
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

import type { App, ViewSubmitAction } from '@slack/bolt';
import type { Contact } from '../../domain/contacts.ts';
import { type Identifier, identifiersOf, maskIdentifier } from '../../domain/identifiers.ts';
import { localDay } from '../../domain/time.ts';
import { type Lang, t } from '../../i18n.ts';
import { roleToActOn, seesContact } from '../../policy/access.ts';
import { scanSections } from '../../reports/retention.ts';
import { purgeOverdue, purgePerson, recordRenewal, retentionScan } from '../../services/retention.ts';
import { ACTION, PAYLOAD, readPayload, VIEW } from '../blocks/actionIds.ts';
import { section } from '../blocks/kit.ts';
import { doneModal, fieldValue } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { RENEWED_FIELDS, renewedModal } from '../blocks/retention.ts';
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

const who = (contact: Contact) => {
  const id = identifiersOf(contact)[0];
  return escapeMrkdwn(id ? maskIdentifier(id) : contact.id);
};

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
      { ...scan, overdue: mine(scan.overdue), due: mine(scan.due) },
      ctx.policy,
      lang,
      {
        owner: (id) => (id ? `<@${id}>` : ''),
        escape: escapeMrkdwn,
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

  onButton(app, deps, ACTION.purgeOverdue, async (args, lang) => {
    const userId = args.body.user.id;
    const refused = await checkRole(deps, userId, 'purge', 'retention.purge', lang);
    if (refused) return void (await tellPresser(args, refused));
    const { removed } = await purgeOverdue(ctx, actor(userId));
    const text = t(lang, 'retention_purged', {
      contacts: 0,
      consents: 0,
      interactions: 0,
      decisions: 0,
      ...removed,
    });
    const channel = args.body.channel?.id;
    const ts = (args.body as { message?: { ts?: string } }).message?.ts;
    if (channel && ts)
      await args.client.chat
        .postMessage({ channel, thread_ts: ts, text: `${text} (<@${userId}>)` })
        .catch(() => tellPresser(args, text));
    else await tellPresser(args, text);
  });
}

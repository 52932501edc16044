import type { App } from '@slack/bolt';
import type { Contact } from '../../domain/contacts.ts';
import { localDay } from '../../domain/time.ts';
import { type Lang, t } from '../../i18n.ts';
import { scanSections } from '../../reports/retention.ts';
import { personLabel } from '../../retention/purge.ts';
import {
  askRepermission,
  contactToActOn,
  purgeContactNow,
  renewDeadline,
  retentionFor,
} from '../../services/retentionActs.ts';
import { ACTION, PAYLOAD, readPayload, VIEW } from '../blocks/actionIds.ts';
import { section } from '../blocks/kit.ts';
import { doneModal, fieldValue } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { RENEWED_FIELDS, renewedModal } from '../blocks/retention.ts';
import {
  type ButtonArgs,
  type CommandArgs,
  errorsAt,
  onButton,
  onCommand,
  onView,
  type SlackDeps,
  slackActor,
  slackErrorText,
  tellPresser,
  type ViewArgs,
} from './kit.ts';

/** A reminder button's value (contact id and deadline kind); forged or damaged values read as empty. */
const reminderValue = (raw: string | undefined) => readPayload(raw, PAYLOAD.reminder) ?? {};

const who = (contact: Contact) => escapeMrkdwn(personLabel(contact));

export function register(app: App): void {
  onCommand(app, '/retention', showDeadlines);
  onButton(app, ACTION.repermission, repermission);
  onButton(app, ACTION.purgeOne, purgeOne);
  onButton(app, ACTION.renewed, openRenewal);
  onView(app, VIEW.renewed, renewed);
}

/** /retention: a salesperson sees their own contacts, compliance roles see everything. */
async function showDeadlines({ command, ack }: CommandArgs, lang: Lang, deps: SlackDeps): Promise<void> {
  const { ctx } = deps;
  const { scan, full } = await retentionFor(ctx, await slackActor(deps, command.user_id));
  const sections = scanSections(scan, ctx.policy, lang, {
    owner: (id) => (id ? `<@${id}>` : ''),
    escape: escapeMrkdwn,
    // Compliance roles see everyone's contacts, in full; a salesperson their own, masked as elsewhere.
    full,
  });
  await ack({ response_type: 'ephemeral', text: sections.join('\n\n'), blocks: sections.map(section) });
}

async function repermission(args: ButtonArgs, lang: Lang, deps: SlackDeps): Promise<void> {
  const { ctx } = deps;
  const { c, k } = reminderValue(args.action.value);
  const presser = await slackActor(deps, args.body.user.id);
  const contact = await askRepermission(ctx, presser, c, k ?? 'prospect');
  if (!contact) return void (await tellPresser(args, t(lang, 'retention_gone')));
  await tellPresser(args, t(lang, 'retention_repermission_done', { who: who(contact) }));
}

async function purgeOne(args: ButtonArgs, lang: Lang, deps: SlackDeps): Promise<void> {
  const { ctx } = deps;
  const presser = await slackActor(deps, args.body.user.id);
  const removed = await purgeContactNow(ctx, presser, reminderValue(args.action.value).c);
  if (!removed) return void (await tellPresser(args, t(lang, 'retention_gone')));
  await tellPresser(args, t(lang, 'retention_purged', { ...removed }));
}

async function openRenewal(args: ButtonArgs, lang: Lang, deps: SlackDeps): Promise<void> {
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
}

async function renewed({ ack, body, view }: ViewArgs, lang: Lang, deps: SlackDeps): Promise<void> {
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
}

import type { App } from '@slack/bolt';
import { type Lang, t } from '../../i18n.ts';
import { purgeSetText } from '../../reports/retention.ts';
import { personLabel, purgeFingerprint } from '../../retention/purge.ts';
import { type PurgeOutcome, purgeOverdue } from '../../services/retention.ts';
import { purgePreview } from '../../services/retentionActs.ts';
import { ACTION, PAYLOAD, readPayload, VIEW } from '../blocks/actionIds.ts';
import { doneModal } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { purgeModal } from '../blocks/retention.ts';
import {
  ackWhenStarted,
  type ButtonArgs,
  onButton,
  onView,
  problemText,
  type SlackDeps,
  slackActor,
  slackErrorText,
  tellPresser,
  type ViewArgs,
} from './kit.ts';

/**
 * The digest's purge: the overdue list as it stands when the purge role opens it, confirmed in a modal, then
 * deleted line by line as each is computed again (services/retention.ts purgeOverdue).
 */
export function register(app: App): void {
  onButton(app, ACTION.purgeOverdue, openPurge);
  onView(app, VIEW.purge, confirmPurge);
}

/**
 * The digest's purge button: for the purge role, opens the list it is about as it stands now (who in full,
 * when in local time), which the presser confirms in the modal. Opened at once, then filled (a scan takes time).
 */
async function openPurge(args: ButtonArgs, lang: Lang, deps: SlackDeps): Promise<void> {
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
}

/** The purge modal confirmed: deletes that list (each line computed again), or shows the new one if it changed. */
async function confirmPurge(
  { ack, body, view, client }: ViewArgs,
  lang: Lang,
  deps: SlackDeps,
): Promise<void> {
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
  const { started, acked } = ackWhenStarted(ack, {
    response_action: 'update' as const,
    view: doneModal(lang, t(lang, 'retention_purging')),
  });
  let outcome: PurgeOutcome;
  try {
    // Refused (and audited) by the service unless the presser holds the purge role: a modal can be forged.
    outcome = await purgeOverdue(ctx, presser, { confirmed, started });
  } catch (error) {
    const told = doneModal(lang, problemText(error, lang, '', deps));
    if (!acked()) return void (await ack({ response_action: 'update', view: told }));
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

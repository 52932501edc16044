import type { App } from '@slack/bolt';
import { type Lang, t } from '../../i18n.ts';
import { type Actor, FILE_WATCH } from '../../policy/access.ts';
import { formatIssue, siblingTestFile } from '../../policy/load.ts';
import { policyDiffLines } from '../../reports/policyDiff.ts';
import { type ReloadOutcome, reloadPolicy, watchPolicyFile } from '../../services/policyReload.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { ackWhenStarted, onCommand, problemText, type SlackDeps, slackActor } from './kit.ts';

/** The words of a reload, for the compliance channel and for who asked. */
export function reloadText(outcome: ReloadOutcome, lang: Lang, who: string, zone: string): string {
  if (outcome.status === 'unchanged') return t(lang, 'policy_reload_same', { revision: outcome.revision });
  if (outcome.status === 'refused')
    return [
      t(lang, 'policy_reload_refused', { who, revision: outcome.revision }),
      '```',
      ...outcome.issues.slice(0, 20).map(formatIssue),
      '```',
    ].join('\n');
  const { report } = outcome;
  return [
    t(lang, 'policy_reload_done', { who, before: report.before, after: report.after, rules: outcome.rules }),
    ...policyDiffLines(report, lang, zone, escapeMrkdwn),
    t(lang, 'policy_reload_voided'),
  ].join('\n');
}

/** Reloads, and tells the compliance channel (in the policy's language) what happened. */
async function reloadAndTell(
  deps: SlackDeps,
  by: Actor,
  who: string,
  started?: () => Promise<unknown>,
): Promise<ReloadOutcome> {
  const before = deps.ctx.policy;
  const outcome = await reloadPolicy(deps.ctx, by, started);
  if (outcome.status === 'unchanged') return outcome;
  const policy = deps.ctx.policy;
  if (outcome.status === 'reloaded') deps.policyReloaded?.(before, policy);
  const text = reloadText(outcome, policy.doc.policy.default_language, who, policy.timeZone);
  await deps.client.chat
    .postMessage({ channel: policy.doc.retention.reminders.channel, text })
    .catch((error: Error) =>
      deps.logger.warn(`policy reload not posted to the compliance channel: ${error.message}`),
    );
  return outcome;
}

/** `/policy reload`: the compliance role (purge) reads policy.yaml again; everyone else is refused, audited. */
export function register(app: App): void {
  onCommand(app, '/policy', async ({ command, ack, respond }, lang, deps) => {
    if (command.text.trim().toLowerCase() !== 'reload') {
      await ack({ response_type: 'ephemeral', text: t(lang, 'policy_reload_usage') });
      return;
    }
    let outcome: ReloadOutcome;
    const { started, acked } = ackWhenStarted(ack);
    try {
      // Refused (and audited) by the service unless the user holds the purge role; acked once allowed.
      const asker = await slackActor(deps, command.user_id);
      outcome = await reloadAndTell(deps, asker, `<@${command.user_id}>`, started);
    } catch (error) {
      const text = problemText(error, lang, '', deps);
      await (acked()
        ? respond({ response_type: 'ephemeral', text })
        : ack({ response_type: 'ephemeral', text }));
      return;
    }
    await respond({
      response_type: 'ephemeral',
      text: reloadText(outcome, lang, `<@${command.user_id}>`, deps.ctx.policy.timeZone),
    });
  });
}

/**
 * Reloads the policy whenever its file or its scenario file (`<name>.test.yaml`) changes on disk: a policy whose
 * scenarios are updated a moment after it is tried again then. Returns how to stop watching.
 */
export function watchPolicy(deps: SlackDeps, intervalMs?: number): () => void {
  const reload = () => {
    const who = t(deps.ctx.policy.doc.policy.default_language, 'policy_reload_file');
    reloadAndTell(deps, FILE_WATCH, who).catch((error: Error) =>
      deps.logger.error(`policy reload failed: ${error.message}`),
    );
  };
  const file = deps.ctx.policy.file;
  const stops = [file, siblingTestFile(file)].map((watched) => watchPolicyFile(watched, reload, intervalMs));
  return () => {
    for (const stop of stops) stop();
  };
}

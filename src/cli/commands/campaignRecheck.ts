import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ListInput } from '../../campaign/recipients.ts';
import type { Campaign } from '../../domain/campaign.ts';
import { InputError } from '../../domain/errors.ts';
import { formatLocal } from '../../domain/time.ts';
import { type Lang, t } from '../../i18n.ts';
import type { Policy } from '../../policy/load.ts';
import { dropLines } from '../../reports/campaign.ts';
import { findCampaign } from '../../services/campaign.ts';
import { type RecheckOutcome, recheckCampaign } from '../../services/campaignRecheck.ts';
import type { AppContext } from '../../services/context.ts';
import { type CliKit, EXIT } from '../kit.ts';
import { assertWritable } from '../output.ts';

/** The checked file given again, for a check made before lists were kept (verified against the check's hash). */
async function givenList(
  ctx: AppContext,
  id: string,
  file: string | undefined,
): Promise<ListInput | undefined> {
  if (!file) return undefined;
  const c: Campaign = await findCampaign(ctx, id);
  // A file is read as a stream by the recheck (which says if it cannot be read); a pasted list is text.
  if (!c.input?.pasted) return { kind: 'file', path: file, fileName: file };
  try {
    return { kind: 'pasted', text: readFileSync(file, 'utf8') };
  } catch (error) {
    throw new InputError('file_unreadable', { file, reason: (error as NodeJS.ErrnoException).code });
  }
}

/**
 * What the operator reads: the counts, each reason with its masked examples, then every dropped recipient in
 * full (the command line is the operator's, as for a purge: she has to take them out of the sending tool).
 */
function printable(outcome: RecheckOutcome, policy: Policy, lang: Lang): string {
  const r = outcome.recheck;
  const at = formatLocal(new Date(r.at), policy.timeZone, lang);
  const head = t(lang, 'campaign_recheck_head', { who: r.by, at, allowed: r.allowed, approved: r.approved });
  if (outcome.dropped.length === 0) return [head, t(lang, 'campaign_recheck_none')].join('\n');
  return [
    head,
    t(lang, 'campaign_recheck_drops', { count: outcome.dropped.length }),
    ...dropLines(r, lang),
    ...outcome.dropped.map((d) =>
      t(lang, 'campaign_recheck_cli_line', {
        line: d.line,
        target: d.target?.value ?? t(lang, 'campaign_recheck_erased_person'),
        reason: t(lang, `campaign_drop_reason_${d.reason}`),
      }),
    ),
  ].join('\n');
}

/**
 * Whether the campaign's Slack thread heard of it: only the running app tells it (carrying the command out
 * through its socket, cli/bridge.ts), and only with one workspace; said, so nobody trusts a stale thread.
 */
function threadNote(outcome: RecheckOutcome, lang: Lang, inApp: AppContext | undefined): string {
  if (outcome.told) return t(lang, 'campaign_recheck_cli_told');
  if (outcome.told === false) return t(lang, 'campaign_recheck_cli_not_told_failed');
  return t(lang, inApp ? 'campaign_recheck_cli_not_told_many' : 'campaign_recheck_cli_not_told_no_app');
}

/** `campaign recheck ID`: the approved campaign decided again now; exit 0 if nobody is dropped, 1 if someone is. */
export function registerRecheck(campaign: Command, kit: CliKit): void {
  campaign
    .command('recheck')
    .description(
      'check an approved campaign again before sending: who objected, withdrew or was erased since, and the updated list',
    )
    .argument('<id>', 'the check id (cmp-…)')
    .option('--cleaned <file>', 'write the recipients still allowed (CSV like the input, or Excel if .xlsx)')
    .option('--list <file>', 'the checked file, for a check made before lists were kept')
    .option('--json', 'print the recheck as JSON (with the dropped recipients)')
    .option('--force', 'replace the --cleaned file if it exists')
    .action(async (id: string, options) => {
      await kit.withContext(async (ctx) => {
        const path = options.cleaned
          ? assertWritable(options.cleaned, { force: options.force, dbPath: kit.dbPath() })
          : undefined;
        const cleaned = path
          ? {
              path: resolve(path),
              format: path.toLowerCase().endsWith('.xlsx') ? ('xlsx' as const) : ('csv' as const),
            }
          : undefined;
        const list = await givenList(ctx, id, options.list);
        const outcome = await recheckCampaign(ctx, id, kit.who(), { cleaned, list });
        const lang = kit.lang(ctx.policy);
        if (options.json) {
          const dropped = outcome.dropped.map((d) => ({ ...d, target: d.target?.value }));
          kit.out(JSON.stringify({ campaign: outcome.campaign.id, ...outcome.recheck, dropped }, null, 2));
        } else {
          kit.out(printable(outcome, ctx.policy, lang));
          if (cleaned)
            kit.out(
              t(lang, 'campaign_recheck_cli_file', { file: options.cleaned, count: outcome.recheck.allowed }),
            );
        }
        if (!options.json && outcome.campaign.slack) kit.out(threadNote(outcome, lang, kit.io.context));
        kit.setStatus(outcome.dropped.length === 0 ? EXIT.allow : EXIT.block);
      });
    });
}

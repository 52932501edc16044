import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { approvableAsChecked } from '../../campaign/approval.ts';
import { CAMPAIGN_STATUSES, type Campaign } from '../../domain/campaign.ts';
import { InputError } from '../../domain/errors.ts';
import { formatLocal } from '../../domain/time.ts';
import { type Lang, t } from '../../i18n.ts';
import type { Policy } from '../../policy/load.ts';
import { campaignReport } from '../../reports/campaign.ts';
import { findCampaign, listCampaigns, runCampaignCheck } from '../../services/campaign.ts';
import type { CliKit } from '../kit.ts';
import { assertWritable } from '../output.ts';
import { terminalProgress } from '../progress.ts';
import { registerRecheck } from './campaignRecheck.ts';

function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new InputError('file_unreadable', { file, reason: (error as NodeJS.ErrnoException).code });
  }
}

/** A recipient file is read as a stream by the check, from disk: only whether it can be read is tried here. */
function readableFile(file: string): string {
  try {
    closeSync(openSync(file, 'r'));
    if (!statSync(file).isFile()) throw Object.assign(new Error(), { code: 'EISDIR' });
    return file;
  } catch (error) {
    throw new InputError('file_unreadable', { file, reason: (error as NodeJS.ErrnoException).code });
  }
}

/** Where --details or --cleaned goes: an Excel workbook if FILE ends in .xlsx, else a CSV in the input's shape. */
const outputFile = (path?: string) =>
  path
    ? {
        path: resolve(path),
        format: path.toLowerCase().endsWith('.xlsx') ? ('xlsx' as const) : ('csv' as const),
      }
    : undefined;

const PLAIN = { escape: (s: string) => s, bold: (s: string) => s, who: (id: string) => id };

function printable(c: Campaign, policy: Policy, lang: Lang): string {
  const report = campaignReport(c, policy, lang, PLAIN);
  return [report.head, ...report.sections, report.meta].join('\n\n');
}

/** One line per campaign: id, status, name, channel, counts, when and by whom it was checked. */
function listLine(c: Campaign, policy: Policy, lang: Lang): string {
  const checked = formatLocal(new Date(c.checkedAt), policy.timeZone, lang);
  return t(lang, 'campaign_list_line', {
    id: c.id,
    status: t(lang, `campaign_status_${c.status}`),
    name: c.name,
    channel: c.channel,
    allow: c.counts.allow,
    review: c.counts.review,
    block: c.counts.block,
    checked,
    who: c.checkedBy,
  });
}

/** `campaign-check FILE` and `campaign show ID`: the same checks and history as in Slack. */
export function register(program: Command, kit: CliKit): void {
  registerCampaignCheck(program, kit);
  // The subcommands are added in this order so that `campaign --help` lists them as before.
  const campaign = program.command('campaign').description('campaign checks and their approval history');
  registerRecheck(campaign, kit);
  registerList(campaign, kit);
  registerShow(campaign, kit);
}

/** `campaign-check FILE`: exit 0 if the campaign may be approved as checked, 1 if not. */
function registerCampaignCheck(program: Command, kit: CliKit): void {
  program
    .command('campaign-check')
    .description(
      'check every recipient of a campaign and its message; exit 0 if it may be approved as is, 1 if not',
    )
    .argument(
      '<file>',
      'recipients CSV (email or phone column; "," ";" or tab; UTF-8, UTF-16 or Windows-1252) or .xlsx workbook',
    )
    .option('--sheet <name|number>', 'the sheet of an .xlsx workbook to check (default: the first)')
    .requiredOption('--channel <channel>', 'email, sms, phone, automated-call or messaging')
    .requiredOption('--product <category>', 'product category from policy.yaml')
    .option('--template <file>', 'the message (first line "Subject: …") or the call script')
    .option('--name <name>', 'campaign name')
    .option('--audience <audience>', 'b2b or b2c (default b2b)')
    .option('--start <datetime>', 'planned start (default now)')
    .option('--end <datetime>', 'planned end, for long campaigns')
    .option(
      '--details <file>',
      'write every row with its verdict and rules (CSV, or Excel if FILE ends in .xlsx)',
    )
    .option(
      '--cleaned <file>',
      'write the allowed rows only (CSV like the input, or Excel if FILE ends in .xlsx)',
    )
    .option(
      '--column <header>',
      'the column of the recipients, when the file has several (e.g. "E-mail pro")',
    )
    .option('--json', 'print the stored check as JSON')
    .option('--force', 'replace the --details or --cleaned file if it exists')
    .action(async (file: string, options) => {
      readableFile(file);
      const template = options.template ? readInput(options.template).toString('utf8') : undefined;
      await kit.withContext(async (ctx) => {
        const out = { force: options.force, dbPath: kit.dbPath() };
        for (const path of [options.details, options.cleaned]) if (path) assertWritable(path, out);
        const progress = terminalProgress(!options.json);
        const lang = kit.lang(ctx.policy);
        const check = await runCampaignCheck(
          ctx,
          { ...options, template, checkedBy: kit.who() },
          { kind: 'file', path: file, fileName: file, column: options.column, sheet: options.sheet },
          {
            onProgress: progress.update,
            onQueued: (position) => kit.err(t(lang, 'campaign_queued', { position })),
            // The files are written as the check goes, and take their names when it is complete.
            outputs: { details: outputFile(options.details), cleaned: outputFile(options.cleaned) },
          },
        ).finally(progress.stop);
        kit.out(
          options.json
            ? JSON.stringify(check.campaign, null, 2)
            : printable(check.campaign, ctx.policy, lang),
        );
        kit.setStatus(approvableAsChecked(check.campaign) ? 0 : 1);
      });
    });
}

function registerList(campaign: Command, kit: CliKit): void {
  campaign
    .command('list')
    .description('the checked campaigns, newest first, with their status (no need to know a check id)')
    .option('--status <status>', `only one status: ${CAMPAIGN_STATUSES.join(', ')}`)
    .option('--json', 'print as JSON')
    .action(async (options) => {
      await kit.withContext(
        async (ctx) => {
          const found = await listCampaigns(ctx, options.status);
          if (options.json) return kit.out(JSON.stringify(found, null, 2));
          const lang = kit.lang(ctx.policy);
          if (found.length === 0) return kit.out(t(lang, 'campaign_list_empty'));
          for (const c of found) kit.out(listLine(c, ctx.policy, lang));
        },
        { read: true },
      );
    });
}

function registerShow(campaign: Command, kit: CliKit): void {
  campaign
    .command('show')
    .argument('<id>', 'the check id (cmp-…)')
    .option('--json', 'print as JSON')
    .action(async (id: string, options) => {
      await kit.withContext(
        async (ctx) => {
          const found = await findCampaign(ctx, id);
          kit.out(
            options.json
              ? JSON.stringify(found, null, 2)
              : printable(found, ctx.policy, kit.lang(ctx.policy)),
          );
        },
        { read: true },
      );
    });
}

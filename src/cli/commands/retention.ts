import { type Command, Option } from 'commander';
import { maskIdentifier } from '../../domain/identifiers.ts';
import { localIso } from '../../domain/time.ts';
import { t } from '../../i18n.ts';
import { accessFile } from '../../reports/accessFile.ts';
import { deadlineLine, purgeSetText, scanSections } from '../../reports/retention.ts';
import type { Deadline } from '../../retention/deadlines.ts';
import { personLabel, purgeCounts } from '../../retention/purge.ts';
import { exportFormat } from '../../services/accessReport.ts';
import * as parse from '../../services/parse.ts';
import { accessRequest, erasePerson } from '../../services/privacy.ts';
import { purgeOverdue, retentionScan } from '../../services/retention.ts';
import { type CliKit, operatorOf } from '../kit.ts';
import { assertWritable, writeOutput } from '../output.ts';

// The operator of the command line works on the register itself: compliance, who sees identifiers in full.
const PLAIN = { owner: (id: string | undefined) => id ?? '', escape: (s: string) => s, full: true };

/** `retention scan|purge` and `privacy export|erase`: the same services as /retention and /privacy. */
export function register(program: Command, kit: CliKit): void {
  const retention = program.command('retention').description('retention deadlines and purge');
  // The commands are added in this order so that the help lists them as before.
  registerScan(retention, kit);
  registerPurge(retention, kit);
  const privacy = program.command('privacy').description('data-subject requests (GDPR art. 15 and 17)');
  registerExport(privacy, kit);
  registerErase(privacy, kit);
}

function registerScan(retention: Command, kit: CliKit): void {
  retention
    .command('scan')
    .description('what a purge deletes now and what comes due in the next 30 days')
    .option('--at <datetime>', 'a preview as of this date (default now); nothing is purged')
    .option('--days <n>', 'horizon in days', '30')
    .option('--json', 'print as JSON')
    .action(async (options) => {
      await kit.withContext(
        async (ctx) => {
          const scan = await retentionScan(ctx, options.at, Number(options.days));
          const zone = ctx.policy.timeZone;
          if (options.json) {
            const row = (d: Deadline) => ({
              contact: d.contact.id,
              person: personLabel(d.contact, true),
              owner: d.contact.owner ?? null,
              kind: d.kind,
              deadline: localIso(d.at, zone),
              rule: d.rule,
            });
            const { at, preview, overdue, due, lapsed } = scan;
            kit.out(
              JSON.stringify(
                {
                  at: localIso(at, zone),
                  timeZone: zone,
                  preview,
                  toPurge: { ...purgeCounts(overdue), lines: overdue.map(row) },
                  due: due.map(row),
                  lapsed: lapsed.map(row),
                },
                null,
                2,
              ),
            );
          } else kit.out(scanSections(scan, ctx.policy, kit.lang(ctx.policy), PLAIN).join('\n\n'));
          kit.setStatus(scan.overdue.length > 0 ? 1 : 0);
        },
        { read: true },
      );
    });
}

function registerPurge(retention: Command, kit: CliKit): void {
  retention
    .command('purge')
    .description('delete what is past its deadline now (contacts, consent proofs); objections are kept')
    .option('--dry-run', 'only say what would go')
    // Refused unless it is now: a purge runs at the real clock (previews are `retention scan --at`).
    .addOption(new Option('--at <datetime>').hideHelp())
    .option('--yes', 'do not ask for confirmation (scripts)')
    .action(async (options) => {
      await kit.withContext(
        async (ctx) => {
          const lang = kit.lang(ctx.policy);
          const line = (d: Deadline) => `  ${deadlineLine(d, ctx.policy, lang, PLAIN)}`;
          // What would go, always shown first, one line per contact or proof; then asked, as nothing brings it back.
          const shown = await purgeOverdue(ctx, operatorOf(kit), { at: options.at, dryRun: true });
          if (shown.list.length === 0) return kit.out(t(lang, 'cli_purge_nothing'));
          const rules = shown.plan.rules.length ? ` (${shown.plan.rules.join(', ')})` : '';
          kit.out(t(lang, 'retention_would_purge', { set: purgeSetText(shown.list, lang), rules }));
          for (const d of shown.list) kit.out(line(d));
          if (options.dryRun) return;
          if (!(await kit.confirm(t(lang, 'cli_confirm_purge'), options.yes)))
            return kit.out(t(lang, 'cli_cancelled'));
          // Only what was listed, each line computed again as it is deleted.
          const done = await purgeOverdue(ctx, operatorOf(kit), { scan: shown.scan });
          for (const d of done.stayed)
            kit.out(t(lang, 'retention_stayed', { who: personLabel(d.contact, true) }));
          if (done.list.length === 0) return kit.out(t(lang, 'cli_purge_nothing'));
          kit.out(
            t(lang, 'retention_purged_set', {
              set: purgeSetText(done.list, lang),
              consents: 0,
              interactions: 0,
              decisions: 0,
              ...done.removed,
            }),
          );
        },
        { read: true },
      );
    });
}

/** Who a data-subject request is about: her email or her phone. */
const person = (command: Command) =>
  command.option('--email <email>', 'email address').option('--phone <phone>', 'phone number');

function registerExport(privacy: Command, kit: CliKit): void {
  person(
    privacy
      .command('export')
      .description(
        'everything held on a person: JSON for machines, or the access report she reads (html, pdf)',
      ),
  )
    .option('--format <format>', 'json (default), html or pdf; else from the --out extension')
    .option('--out <file>', 'write to a file instead of standard output (mode 600; needed for pdf)')
    .option('--force', 'replace the --out file if it exists')
    .action(async (options) => {
      await kit.withContext(
        async (ctx) => {
          const lang = kit.lang(ctx.policy);
          const target = parse.person(options);
          const format = exportFormat(options.format, options.out);
          const file = { force: options.force, dbPath: kit.dbPath() };
          // Refused before anything is read or audited: an export must not be recorded as made and not be there.
          if (options.out) assertWritable(options.out, file);
          const report = await accessRequest(ctx, target, operatorOf(kit), format);
          const data = await accessFile(report, ctx.policy, format, lang);
          if (!options.out) return kit.out(data.toString().trimEnd());
          writeOutput(options.out, data, file);
          kit.out(
            t(lang, 'access_written', { file: options.out, format, lang: t(lang, `access_lang_${lang}`) }),
          );
        },
        { read: true },
      );
    });
}

function registerErase(privacy: Command, kit: CliKit): void {
  person(privacy.command('erase').description('erase a person; only the objection hash is kept'))
    .option('--yes', 'do not ask for confirmation (scripts)')
    .action(async (options) => {
      await kit.withContext(async (ctx) => {
        const lang = kit.lang(ctx.policy);
        const target = parse.person(options);
        kit.out(t(lang, 'cli_confirm_erase', { who: maskIdentifier(target) }));
        if (!(await kit.confirm(t(lang, 'cli_confirm_question'), options.yes)))
          return kit.out(t(lang, 'cli_cancelled'));
        const removed = await erasePerson(ctx, target, operatorOf(kit));
        kit.out(t(lang, 'cli_erased', { ...removed }));
      });
    });
}

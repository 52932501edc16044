import type { Command } from 'commander';
import { maskIdentifier } from '../../domain/identifiers.ts';
import { t } from '../../i18n.ts';
import { scanSections } from '../../reports/retention.ts';
import { deadlineLabel } from '../../retention/purge.ts';
import * as parse from '../../services/parse.ts';
import { erasePerson, exportPerson } from '../../services/privacy.ts';
import { purgeOverdue, retentionScan } from '../../services/retention.ts';
import type { CliKit } from '../kit.ts';
import { writeOutput } from '../output.ts';

const PLAIN = { owner: (id: string | undefined) => id ?? '', escape: (s: string) => s };

/** `retention scan|purge` and `privacy export|erase`: the same services as /retention and /privacy. */
export function register(program: Command, kit: CliKit): void {
  const retention = program.command('retention').description('retention deadlines and purge');
  retention
    .command('scan')
    .description('what is overdue and what comes due in the next 30 days')
    .option('--at <datetime>', 'as of this date (default now)')
    .option('--days <n>', 'horizon in days', '30')
    .option('--json', 'print as JSON')
    .action(async (options) => {
      await kit.withContext(
        async (ctx) => {
          const scan = await retentionScan(ctx, options.at, Number(options.days));
          if (options.json) {
            const row = (d: (typeof scan.due)[number]) => ({
              contact: d.contact.id,
              person: deadlineLabel(d),
              owner: d.contact.owner ?? null,
              kind: d.kind,
              deadline: d.at.toISOString(),
              rule: d.rule,
            });
            kit.out(
              JSON.stringify(
                { at: scan.at, overdue: scan.overdue.map(row), due: scan.due.map(row) },
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
  retention
    .command('purge')
    .description('delete what is past its deadline (contacts, consent proofs); objections are kept')
    .option('--dry-run', 'only say what would go')
    .option('--at <datetime>', 'as of this date (default now)')
    .option('--yes', 'do not ask for confirmation (scripts)')
    .action(async (options) => {
      await kit.withContext(
        async (ctx) => {
          const lang = kit.lang(ctx.policy);
          // What would go, always shown first; then asked, as nothing brings it back.
          const { plan, scan } = await purgeOverdue(ctx, kit.who(), { at: options.at, dryRun: true });
          if (plan.contactIds.length === 0 && plan.consentIds.length === 0)
            return kit.out(t(lang, 'cli_purge_nothing'));
          const rules = plan.rules.length ? ` (${plan.rules.join(', ')})` : '';
          kit.out(
            t(lang, 'cli_purge_would', {
              contacts: plan.contactIds.length,
              proofs: plan.consentIds.length,
              rules,
            }),
          );
          for (const d of scan.overdue) kit.out(`  ${deadlineLabel(d)}  ${d.kind}  ${d.at.toISOString()}`);
          if (options.dryRun) return;
          if (!(await kit.confirm(t(lang, 'cli_confirm_purge'), options.yes)))
            return kit.out(t(lang, 'cli_cancelled'));
          const { removed } = await purgeOverdue(ctx, kit.who(), { scan });
          kit.out(
            t(lang, 'cli_purge_done', {
              contacts: 0,
              consents: 0,
              interactions: 0,
              decisions: 0,
              ...removed,
            }),
          );
        },
        { read: true },
      );
    });

  const privacy = program.command('privacy').description('data-subject requests (GDPR art. 15 and 17)');
  const person = (command: Command) =>
    command.option('--email <email>', 'email address').option('--phone <phone>', 'phone number');
  person(privacy.command('export').description('everything held on a person, as JSON'))
    .option('--out <file>', 'write to a file instead of standard output (mode 600)')
    .option('--force', 'replace the --out file if it exists')
    .action(async (options) => {
      await kit.withContext(
        async (ctx) => {
          const data = await exportPerson(ctx, parse.person(options), kit.who());
          const json = JSON.stringify(data, null, 2);
          if (options.out)
            writeOutput(options.out, `${json}\n`, { force: options.force, dbPath: kit.dbPath() });
          else kit.out(json);
        },
        { read: true },
      );
    });
  person(privacy.command('erase').description('erase a person; only the objection hash is kept'))
    .option('--yes', 'do not ask for confirmation (scripts)')
    .action(async (options) => {
      await kit.withContext(async (ctx) => {
        const lang = kit.lang(ctx.policy);
        const target = parse.person(options);
        kit.out(t(lang, 'cli_confirm_erase', { who: maskIdentifier(target) }));
        if (!(await kit.confirm(t(lang, 'cli_confirm_question'), options.yes)))
          return kit.out(t(lang, 'cli_cancelled'));
        const removed = await erasePerson(ctx, target, kit.who());
        kit.out(t(lang, 'cli_erased', { ...removed }));
      });
    });
}

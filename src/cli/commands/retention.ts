import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { t } from '../../i18n.ts';
import { scanSections } from '../../reports/retention.ts';
import { deadlineLabel } from '../../retention/purge.ts';
import * as parse from '../../services/parse.ts';
import { erasePerson, exportPerson } from '../../services/privacy.ts';
import { purgeOverdue, retentionScan } from '../../services/retention.ts';
import type { CliKit } from '../kit.ts';

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
      await kit.withContext(async (ctx) => {
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
            JSON.stringify({ at: scan.at, overdue: scan.overdue.map(row), due: scan.due.map(row) }, null, 2),
          );
        } else kit.out(scanSections(scan, ctx.policy, kit.lang(ctx.policy), PLAIN).join('\n\n'));
        kit.setStatus(scan.overdue.length > 0 ? 1 : 0);
      });
    });
  retention
    .command('purge')
    .description('delete what is past its deadline (contacts, consent proofs); objections are kept')
    .option('--dry-run', 'only say what would go')
    .option('--at <datetime>', 'as of this date (default now)')
    .action(async (options) => {
      await kit.withContext(async (ctx) => {
        const { plan, removed, scan } = await purgeOverdue(ctx, kit.who(), options);
        const lang = kit.lang(ctx.policy);
        if (options.dryRun) {
          const rules = plan.rules.length ? ` (${plan.rules.join(', ')})` : '';
          const counts = { contacts: plan.contactIds.length, proofs: plan.consentIds.length, rules };
          kit.out(t(lang, 'cli_purge_would', counts));
          for (const d of scan.overdue) kit.out(`  ${deadlineLabel(d)}  ${d.kind}  ${d.at.toISOString()}`);
        } else if (removed) {
          kit.out(t(lang, 'cli_purge_done', { ...removed }));
        } else kit.out(t(lang, 'cli_purge_nothing'));
      });
    });

  const privacy = program.command('privacy').description('data-subject requests (GDPR art. 15 and 17)');
  const person = (command: Command) =>
    command.option('--email <email>', 'email address').option('--phone <phone>', 'phone number');
  person(privacy.command('export').description('everything held on a person, as JSON'))
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (options) => {
      await kit.withContext(async (ctx) => {
        const data = await exportPerson(ctx, parse.person(options), kit.who());
        const json = JSON.stringify(data, null, 2);
        if (options.out) writeFileSync(options.out, `${json}\n`, { mode: 0o600 });
        else kit.out(json);
      });
    });
  person(privacy.command('erase').description('erase a person; only the objection hash is kept')).action(
    async (options) => {
      await kit.withContext(async (ctx) => {
        const removed = await erasePerson(ctx, parse.person(options), kit.who());
        kit.out(t(kit.lang(ctx.policy), 'cli_erased', { ...removed }));
      });
    },
  );
}

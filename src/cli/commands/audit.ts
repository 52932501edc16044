import type { Command } from 'commander';
import { localStamp } from '../../domain/time.ts';
import { t } from '../../i18n.ts';
import { auditEntries, verifyAudit } from '../../services/audit.ts';
import { type CliKit, operatorOf } from '../kit.ts';

/** `audit [--actor] [--action] [--since] [--json]` and `audit verify`: who did what, and proof nothing was changed. */
export function register(program: Command, kit: CliKit): void {
  const audit = program
    .command('audit')
    .description('the audit trail: who recorded, changed or was refused what, and when')
    .option('--actor <actor>', 'e.g. slack:U0123 or cli:alice')
    .option('--action <action>', 'e.g. contact, contact.edit, consent.record')
    .option('--since <date>')
    .option('--json', 'print as JSON')
    .action(async (options) => {
      await kit.withContext(
        async (ctx) => {
          const { actor, action, since } = options;
          const entries = await auditEntries(ctx, operatorOf(kit), { actor, action, since });
          if (options.json) return kit.out(JSON.stringify(entries, null, 2));
          for (const e of entries)
            kit.out(
              [
                localStamp(new Date(e.at), ctx.policy.timeZone),
                e.actor,
                e.action,
                e.outcome,
                e.targetHash?.slice(0, 12) ?? '-',
                e.detail ?? '',
              ].join('  '),
            );
        },
        { read: true },
      );
    });
  audit
    .command('verify')
    .description('prove no entry was removed or altered (each entry carries the hash of the one before)')
    .action(async () => {
      await kit.withContext(
        async (ctx) => {
          const check = await verifyAudit(ctx, operatorOf(kit));
          const lang = kit.lang(ctx.policy);
          if (check.ok) {
            kit.out(t(lang, 'cli_audit_ok', { entries: check.entries, unchained: check.unchained }));
            return;
          }
          const problem = check.problem as NonNullable<typeof check.problem>;
          kit.out(t(lang, `cli_audit_${problem.kind === 'altered' ? 'altered' : 'removed'}`, problem));
          kit.setStatus(1);
        },
        { read: true },
      );
    });
}

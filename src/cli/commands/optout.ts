import type { Command } from 'commander';
import { CHANNELS } from '../../domain/contacts.ts';
import { t } from '../../i18n.ts';
import { optOut } from '../../services/record.ts';
import { type CliKit, personOptions } from '../kit.ts';

/** `optout: an objection, kept in the suppression list`. */
export function register(program: Command, kit: CliKit): void {
  personOptions(program.command('optout').description('record an objection (suppression list)'))
    .option('--channel <channel>', `${CHANNELS.join(', ')} or all`, 'all')
    .option('--at <datetime>')
    .option('--reason <reason>')
    .action(async (options) => {
      await kit.withContext(async (ctx) => {
        const result = await optOut(ctx, { ...options, origin: kit.who() });
        const count = result.suppressions.length;
        const lang = kit.lang(ctx.policy);
        kit.out(t(lang, 'cli_optout_done', { scope: t(lang, `channel_${result.scope}`), count }));
      });
    });
}

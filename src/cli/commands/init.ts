import type { Command } from 'commander';
import { t } from '../../i18n.ts';
import type { CliKit } from '../kit.ts';

/** `init`: creates an empty store where --db says, explicitly (read commands never create one). */
export function register(program: Command, kit: CliKit): void {
  program
    .command('init')
    .description('create an empty store (with its hash key) at --db; read commands never create one')
    .action(async () => {
      await kit.withContext(
        async (ctx) => {
          kit.out(t(kit.lang(ctx.policy), 'cli_store_ready', { file: ctx.store.location }));
        },
        { create: true },
      );
    });
}

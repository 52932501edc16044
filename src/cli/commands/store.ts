import type { Command } from 'commander';
import { t } from '../../i18n.ts';
import { backupStore } from '../../store/backup.ts';
import { verifyStoreFiles } from '../../store/verify.ts';
import { type CliKit, EXIT } from '../kit.ts';

/** `store verify`: checks a store's files without opening it for writing (the app may be running). */
export function register(program: Command, kit: CliKit): void {
  const store = program.command('store').description('the store itself');
  store
    .command('verify')
    .description('check snapshot, journal, key and audit trail without opening the store for writing')
    .action(async () => {
      const report = await verifyStoreFiles(kit.dbPath(), kit.io.env);
      const lang = kit.lang(undefined);
      if (report.ok)
        return kit.out(t(lang, 'cli_store_ok', { seq: report.seq, journal: report.journalEntries }));
      for (const problem of report.problems) kit.out(`✗ ${problem}`);
      kit.setStatus(EXIT.failure);
    });
  store
    .command('backup')
    .argument('<folder>', 'an empty folder for the copy')
    .description('a consistent copy of the store (snapshot and journal folded), safe while the app runs')
    .action(async (folder: string) => {
      const copy = await backupStore(kit.dbPath(), folder);
      kit.out(t(kit.lang(undefined), 'cli_backup_done', { file: copy.file, seq: copy.seq }));
    });
}

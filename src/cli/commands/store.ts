import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../domain/errors.ts';
import { t } from '../../i18n.ts';
import {
  backupStore,
  copyFileToPostgres,
  isPostgresUrl,
  masked,
  migrateDatabase,
  storeExists,
  verifyStoreFiles,
} from '../../store/index.ts';
import { type CliKit, EXIT } from '../kit.ts';

/** `store verify`: checks a store's files without opening it for writing (the app may be running). */
export function register(program: Command, kit: CliKit): void {
  const store = program.command('store').description('the store itself');
  store
    .command('verify')
    .description('check snapshot, journal, key and audit trail without opening the store for writing')
    .action(async () => {
      fileOnly(kit, 'verify');
      existing(kit.dbPath());
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
      fileOnly(kit, 'backup');
      existing(kit.dbPath());
      const copy = await backupStore(kit.dbPath(), folder);
      kit.out(t(kit.lang(undefined), 'cli_backup_done', { file: copy.file, seq: copy.seq }));
    });
  store
    .command('migrate')
    .description('PostgreSQL: apply the schema migrations not yet applied (the app also does at start)')
    .action(async () => {
      const location = kit.dbPath();
      if (!isPostgresUrl(location)) throw new InputError('not_postgres', { value: location });
      const applied = await migrateDatabase(location);
      kit.out(
        t(kit.lang(undefined), 'cli_store_migrated', {
          location: masked(location),
          applied: applied.length,
          versions: applied.join(', '),
        }),
      );
    });
  store
    .command('copy')
    .requiredOption('--from <file>', 'the file register to copy')
    .requiredOption('--to <url>', 'an empty PostgreSQL database (postgres://…)')
    .description('move a file register into PostgreSQL, with its hash key; counts are checked')
    .action(async (options: { from: string; to: string }) => {
      if (!isPostgresUrl(options.to)) throw new InputError('not_postgres', { value: options.to });
      existing(resolve(options.from));
      const report = await copyFileToPostgres(resolve(options.from), options.to, kit.io.env);
      const lang = kit.lang(undefined);
      kit.out(
        t(lang, 'cli_store_copied', {
          to: masked(options.to),
          ...report.counts,
          audit: report.audit,
          campaigns: report.campaigns,
          reminders: report.reminders,
        }),
      );
      if (report.keyFile) kit.out(t(lang, 'cli_store_copied_key', { file: report.keyFile }));
    });
}

/** A store named that is not there is a typo (exit 2, in the reader's language), not a damaged store. */
function existing(path: string): void {
  if (!storeExists(path)) throw new InputError('no_store', { file: path });
}

/** Verify and backup read the files of a file register. */
function fileOnly(kit: CliKit, command: string): void {
  if (isPostgresUrl(kit.dbPath())) throw new InputError('file_store_only', { value: command });
}

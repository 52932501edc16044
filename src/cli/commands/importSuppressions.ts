import type { Command } from 'commander';
import { CHANNELS, type SuppressionScope } from '../../domain/contacts.ts';
import { formatLocal } from '../../domain/time.ts';
import { type Lang, t } from '../../i18n.ts';
import { importSuppressions, type SuppressionImportReport } from '../../services/importSuppressions.ts';
import { fileImportOptions, tellRows } from '../bulkFacts.ts';
import type { CliKit } from '../kit.ts';
import { assertWritable } from '../output.ts';
import { terminalProgress } from '../progress.ts';

/** `import-suppressions FILE`: another tool's suppression list, each person in it an objection. */
export function register(program: Command, kit: CliKit): void {
  fileImportOptions(
    program
      .command('import-suppressions')
      .description(
        "record another tool's suppression list (emails, phones or their SHA-256/MD5 hashes) as objections, all or nothing",
      )
      .argument('<file>')
      .option(
        '--scope <means>',
        `the means the list covers when it does not say: ${CHANNELS.join(', ')} or all`,
      ),
  ).action(async (file: string, options) => {
    await kit.withContext(async (ctx) => {
      const lang = kit.lang(ctx.policy);
      if (options.rejected) assertWritable(options.rejected, { force: options.force, dbPath: kit.dbPath() });
      const progress = terminalProgress(true);
      const report = await importSuppressions(ctx, { path: file }, file, {
        by: kit.who(),
        scope: options.scope,
        skipInvalid: options.skipInvalid,
        dryRun: options.dryRun,
        onProgress: progress.update,
      }).finally(progress.stop);
      if (!tellRows(kit, lang, file, report, options)) return;
      const scopeWords = (scope: string) => t(lang, `channel_${scope as SuppressionScope}`);
      const counts = {
        file: report.file.name,
        encoding: report.file.encoding,
        rows: report.file.rows,
        objected: report.objected,
      };
      if (report.dryRun) kit.out(t(lang, 'cli_bulk_dry_run'));
      kit.out(t(lang, report.dryRun ? 'cli_suppressions_would' : 'cli_suppressions_done', counts));
      const means = Object.entries(report.byScope).map(([scope, n]) => `${scopeWords(scope)} ${n}`);
      if (report.objected > 0)
        kit.out(
          t(lang, 'cli_suppressions_people', {
            people: people(lang, report),
            means: means.join(', ') || '-',
          }),
        );
      if (report.notObjections > 0)
        kit.out(t(lang, 'cli_suppressions_not_objections', { count: report.notObjections }));
      if (!report.dryRun) return;
      for (const { line, person, scopes, at } of report.sample)
        kit.out(
          t(lang, 'cli_suppressions_sample', {
            line,
            person,
            scopes: scopes.map(scopeWords).join(', '),
            since: at
              ? t(lang, 'cli_suppressions_since', { at: formatLocal(at, ctx.policy.timeZone, lang) })
              : '',
          }),
        );
      kit.out(t(lang, 'cli_suppressions_kept'));
    });
  });
}

/** What the list gave, the kinds it had only: "3 addresses, 2 hashes from another tool (SHA-256 2)". */
function people(lang: Lang, report: SuppressionImportReport): string {
  const kinds = [
    ...(report.sha256 > 0 ? [`SHA-256 ${report.sha256}`] : []),
    ...(report.md5 > 0 ? [`MD5 ${report.md5}`] : []),
  ].join(', ');
  return [
    ...(report.emails > 0 ? [t(lang, 'cli_suppressions_emails', { count: report.emails })] : []),
    ...(report.phones > 0 ? [t(lang, 'cli_suppressions_phones', { count: report.phones })] : []),
    ...(kinds ? [t(lang, 'cli_suppressions_hashes', { count: report.sha256 + report.md5, kinds })] : []),
  ].join(', ');
}

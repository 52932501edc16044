import type { Command } from 'commander';
import { formatLocal } from '../../domain/time.ts';
import { t } from '../../i18n.ts';
import { purposeLabel } from '../../reports/purpose.ts';
import { importConsents } from '../../services/importConsents.ts';
import { fileImportOptions, fileProblems, tellRows } from '../bulkFacts.ts';
import type { CliKit } from '../kit.ts';
import { assertWritable } from '../output.ts';
import { terminalProgress } from '../progress.ts';

/** `import-consents FILE`: consents with their proof, one a row, by the rules of `consent grant`. */
export function register(program: Command, kit: CliKit): void {
  fileImportOptions(
    program
      .command('import-consents')
      .description(
        'record consents with their proof from a CSV, one a row (the rules of consent grant), all or nothing',
      )
      .argument('<file>'),
  ).action(async (file: string, options) => {
    await kit.withContext(async (ctx) => {
      const lang = kit.lang(ctx.policy);
      if (options.rejected) assertWritable(options.rejected, { force: options.force, dbPath: kit.dbPath() });
      const progress = terminalProgress(true);
      const report = await fileProblems(kit, lang, () =>
        importConsents(ctx, { path: file }, file, {
          by: kit.who(),
          skipInvalid: options.skipInvalid,
          dryRun: options.dryRun,
          onProgress: progress.update,
        }).finally(progress.stop),
      );
      if (!report || !tellRows(kit, lang, file, report, options)) return;
      const counts = { file: report.file.name, encoding: report.file.encoding, rows: report.file.rows };
      if (report.dryRun) {
        kit.out(t(lang, 'cli_bulk_dry_run'));
        kit.out(
          t(lang, 'cli_consents_would', { ...counts, recorded: report.toRecord, already: report.already }),
        );
        for (const { line, person, input } of report.sample)
          kit.out(
            t(lang, 'cli_consents_sample', {
              line,
              person,
              channel: t(lang, `channel_${input.channel}`),
              purpose: purposeLabel(input.purpose, lang),
              at: formatLocal(input.at, ctx.policy.timeZone, lang),
              method: input.proof.method ?? '',
              wording: input.proof.wording ?? '',
              evidence: input.proof.evidence ?? '',
            }),
          );
        return;
      }
      kit.out(
        t(lang, 'cli_consents_done', { ...counts, recorded: report.recorded, already: report.already }),
      );
    });
  });
}

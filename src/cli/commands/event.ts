import type { Command } from 'commander';
import { formatLocal } from '../../domain/time.ts';
import { t } from '../../i18n.ts';
import { recordEvent } from '../../services/record.ts';
import { type CliKit, personOptions } from '../kit.ts';

/** `event: an interaction (a click, a reply, a call attempt or refusal…)`. */
export function register(program: Command, kit: CliKit): void {
  personOptions(program.command('event').description('record an interaction'))
    .requiredOption(
      '--type <type>',
      'click, reply, form, inbound-call, meeting, callback-request, open, call-attempt, automated-call-attempt, call-refusal (also recorded as an objection to calls to that line)',
    )
    .option('--at <datetime>')
    .action(async (options) => {
      await kit.withContext(async (ctx) => {
        const { record } = await recordEvent(ctx, { ...options, by: kit.who() });
        kit.out(
          t(kit.lang(ctx.policy), 'cli_event_done', {
            type: record.type,
            at: formatLocal(new Date(record.at), ctx.policy.timeZone, kit.lang(ctx.policy)),
          }),
        );
      });
    });
}

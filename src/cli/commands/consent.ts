import type { Command } from 'commander';
import { CHANNELS } from '../../domain/contacts.ts';
import { formatLocal } from '../../domain/time.ts';
import { t } from '../../i18n.ts';
import { purposeLabel } from '../../reports/purpose.ts';
import { recordConsent } from '../../services/record.ts';
import { type CliKit, personOptions } from '../kit.ts';

/** `consent grant|withdraw, with its proof`. */
export function register(program: Command, kit: CliKit): void {
  const consent = program.command('consent').description('record a consent or its withdrawal');
  for (const action of ['grant', 'withdraw'] as const) {
    personOptions(consent.command(action))
      .description(`${action} a consent, with its proof`)
      .requiredOption('--channel <channel>', CHANNELS.join(', '))
      .option('--purpose <purpose>', 'default prospecting')
      .option('--at <date>')
      .option('--method <method>', 'checkbox, double-opt-in, signed, oral-recorded, email-reply…')
      .option('--wording <version>', 'version of the wording shown')
      .option('--evidence <ref>', 'where the proof is (URL, recording id…)')
      .option('--until <date>', 'validity end')
      .option('--collected-by <who>', 'the partner or lead-generation site that collected it, if not us')
      .option('--names-us <yes|no>', 'whether that consent named us (or our category), or only "partners"')
      .option('--slot-start <datetime>', 'a consent to be called at a precise time: start of the slot')
      .option('--slot-end <datetime>', 'end of that slot')
      .action(async (options) => {
        await kit.withContext(async (ctx) => {
          const { record } = await recordConsent(ctx, { ...options, action, recordedBy: kit.who() });
          const lang = kit.lang(ctx.policy);
          const key = action === 'grant' ? 'cli_consent_granted' : 'cli_consent_withdrawn';
          kit.out(
            t(lang, key, {
              channel: record.channel,
              purpose: record.purpose,
              at: formatLocal(new Date(record.at), ctx.policy.timeZone, lang),
            }),
          );
          // A withdrawal ends that consent only: say so, so nobody mistakes it for an objection.
          if (action === 'withdraw')
            kit.out(
              t(lang, 'cli_consent_withdrawn_scope', {
                purpose: purposeLabel(record.purpose, lang),
                channel: t(lang, `channel_${record.channel}`),
              }),
            );
        });
      });
  }
}

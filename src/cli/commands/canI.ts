import type { Command } from 'commander';
import { CHANNELS, type Channel } from '../../domain/contacts.ts';
import { ask } from '../../services/ask.ts';
import * as parse from '../../services/parse.ts';
import { formatAnswer } from '../format.ts';
import { type CliKit, EXIT } from '../kit.ts';

/** `can-i CHANNEL TARGET: the answer, with why and what to do`. */
export function register(program: Command, kit: CliKit): void {
  program
    .command('can-i')
    .description('may I contact this person on this channel? exit 0 allow, 1 block, 3 review')
    .argument('<channel>', CHANNELS.join(', '))
    .argument('<target>', 'email or phone (Slack <mailto:…> and <tel:…> forms accepted)')
    .option('--purpose <purpose>', 'default prospecting')
    .option('--product <category>', 'product category from policy.yaml')
    .option('--at <datetime>', 'when the contact would happen (default now)')
    .option('--json', 'print the decision as JSON')
    .action(async (channelArg: string, target: string, options) => {
      const channel: Channel = parse.channel(channelArg);
      await kit.withContext(
        async (ctx) => {
          const answer = await ask(ctx, { ...options, channel, target, askedBy: kit.who() });
          kit.out(
            options.json
              ? JSON.stringify(answer.decision, null, 2)
              : formatAnswer(answer, kit.lang(ctx.policy), ctx.policy.timeZone),
          );
          kit.setStatus(EXIT[answer.decision.verdict]);
        },
        { read: true },
      );
    });
}

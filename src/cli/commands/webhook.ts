import type { Command } from 'commander';
import { t } from '../../i18n.ts';
import { failedDeliveries, retryDeliveries } from '../../services/webhookDelivery.ts';
import { addWebhook, listWebhooks, removeWebhook, WEBHOOK_EVENTS } from '../../services/webhooks.ts';
import type { CliKit } from '../kit.ts';

/** `webhook add | list | remove | failed | retry`: where objections and withdrawals are told (README, Integrations). */
export function register(program: Command, kit: CliKit): void {
  const hooks = program.command('webhook').description('tell other tools of objections and withdrawals');
  hooks
    .command('add')
    .description('a URL to POST each objection or withdrawal to, signed; its secret is shown once')
    .requiredOption('--url <url>', 'https:// address of the receiver')
    .option('--events <events>', `which: ${WEBHOOK_EVENTS.join(', ')}`, WEBHOOK_EVENTS.join(','))
    .option('--with-identifiers', 'send email addresses and phone numbers, not only their keyed hashes')
    .action(async (options: { url: string; events: string; withIdentifiers?: boolean }) => {
      await kit.withContext(async (ctx) => {
        const endpoint = await addWebhook(ctx, { ...options, by: kit.who() });
        kit.out(t(kit.lang(ctx.policy), 'cli_webhook_added', { id: endpoint.id, url: endpoint.url }));
        kit.out(endpoint.secret);
      });
    });
  hooks
    .command('list')
    .description('the endpoints')
    .option('--json', 'as JSON')
    .action(async (options: { json?: boolean }) => {
      await kit.withContext(
        async (ctx) => {
          if (options.json) return kit.out(JSON.stringify(await listWebhooks(ctx), null, 2));
          for (const e of await listWebhooks(ctx))
            kit.out(`${e.id}  ${e.url}  ${e.events.join(',')}  ${e.identifiers ? 'identifiers' : 'hashes'}`);
        },
        { read: true },
      );
    });
  hooks
    .command('remove')
    .argument('<id>')
    .description('stop telling this endpoint (what was still to be sent to it is dropped)')
    .action(async (id: string) => {
      await kit.withContext(async (ctx) => {
        await removeWebhook(ctx, id, kit.who());
        kit.out(t(kit.lang(ctx.policy), 'cli_webhook_removed', { id }));
      });
    });
  hooks
    .command('failed')
    .description('deliveries that failed: the dead-letter list, then those still being tried')
    .action(async () => {
      await kit.withContext(
        async (ctx) => {
          const dead = await failedDeliveries(ctx);
          if (dead.length === 0) return kit.out(t(kit.lang(ctx.policy), 'cli_webhook_none_failed'));
          const lang = kit.lang(ctx.policy);
          for (const d of dead)
            kit.out(
              `${d.id}  ${d.payload.type}  ${d.payload.at}  ${d.attempts} tries  ${
                d.state === 'dead'
                  ? t(lang, 'cli_webhook_dead')
                  : t(lang, 'cli_webhook_next', { at: d.nextAt })
              }  ${d.lastError ?? ''}`,
            );
        },
        { read: true },
      );
    });
  hooks
    .command('retry')
    .argument('<id>', 'a delivery id, or all')
    .description('try failed deliveries again from now')
    .action(async (id: string) => {
      await kit.withContext(async (ctx) => {
        const count = await retryDeliveries(ctx, id, kit.who());
        kit.out(t(kit.lang(ctx.policy), 'cli_webhook_retried', { count }));
      });
    });
}

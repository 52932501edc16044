import type { Command } from 'commander';
import { t } from '../../i18n.ts';
import { API_SCOPES, createApiKey, listApiKeys, revokeApiKey } from '../../services/apiKeys.ts';
import type { CliKit } from '../kit.ts';

/** `api-key create | list | revoke`: the keys CRMs and sequencers call the HTTP API with (README, Integrations). */
export function register(program: Command, kit: CliKit): void {
  const keys = program.command('api-key').description('keys for the HTTP API (CRMs, sequencers)');
  keys
    .command('create')
    .description('a new key, shown once')
    .requiredOption('--name <name>', 'the tool it is for, as the audit trail will name it (lemlist)')
    .requiredOption('--scopes <scopes>', `what it may do: ${API_SCOPES.join(', ')}`)
    .action(async (options: { name: string; scopes: string }) => {
      await kit.withContext(async (ctx) => {
        const { key, token } = await createApiKey(ctx, { ...options, by: kit.who() });
        const lang = kit.lang(ctx.policy);
        kit.out(
          t(lang, 'cli_api_key_created', { name: key.name, id: key.id, scopes: key.scopes.join(', ') }),
        );
        kit.out(token);
      });
    });
  keys
    .command('list')
    .description('every key: name, scopes, created, revoked')
    .option('--json', 'as JSON')
    .action(async (options: { json?: boolean }) => {
      await kit.withContext(
        async (ctx) => {
          const all = await listApiKeys(ctx);
          if (options.json) return kit.out(JSON.stringify(all, null, 2));
          const lang = kit.lang(ctx.policy);
          if (all.length === 0) return kit.out(t(lang, 'cli_api_keys_none'));
          for (const key of all)
            kit.out(
              `${key.id}  ${key.name}  ${key.scopes.join(',')}  ${key.createdAt.slice(0, 10)} ${key.createdBy}${
                key.revokedAt
                  ? `  ${t(lang, 'cli_api_key_revoked_on', { date: key.revokedAt.slice(0, 10) })}`
                  : ''
              }`,
            );
        },
        { read: true },
      );
    });
  keys
    .command('revoke')
    .description('refuse every call made with a key from now on')
    .argument('<key>', 'its id or name')
    .action(async (idOrName: string) => {
      await kit.withContext(async (ctx) => {
        const key = await revokeApiKey(ctx, idOrName, kit.who());
        kit.out(t(kit.lang(ctx.policy), 'cli_api_key_revoked', { name: key.name, id: key.id }));
      });
    });
}

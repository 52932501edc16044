import type { Command } from 'commander';
import { readConfig } from '../../config.ts';
import { isPostgresUrl } from '../../store/index.ts';
import { serveCommands, socketPathOf } from '../bridge.ts';
import type { CliKit } from '../kit.ts';

/** `start: the Slack app, or the emulator without Slack credentials`. */
export function register(program: Command, kit: CliKit): void {
  program
    .command('start')
    .description(
      'run the Slack app: Socket Mode or HTTP mode from SLACK_* variables, or the built-in emulator without them',
    )
    .action(async () => {
      const config = readConfig(kit.io.env);
      // Loaded only here: the Slack libraries take a third of a second that other commands need not pay.
      const { runApp } = await import('../../main.ts');
      await kit.withContext(async (ctx) => {
        // The command line beside the app: commands typed while it runs are carried out here, on this store.
        // A PostgreSQL register needs no go-between: every command opens the database itself.
        const stopServing = isPostgresUrl(kit.dbPath())
          ? async () => undefined
          : await serveCommands(ctx, socketPathOf(ctx.store.location), kit.run);
        try {
          await runApp(
            ctx,
            { ...config, dbPath: ctx.store.location, policyPath: ctx.policy.file },
            {
              out: kit.out,
              err: kit.err,
              input: kit.io.input ?? process.stdin,
              interactive: kit.io.interactive ?? false,
              stopSignal: kit.io.stopSignal ?? new Promise<void>(() => undefined),
              serveWorkspace: (workspace) =>
                serveCommands(workspace, socketPathOf(workspace.store.location), kit.run),
            },
          );
        } finally {
          await stopServing();
        }
      });
    });
}

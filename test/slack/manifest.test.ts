import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { BOT_SCOPES } from '../../src/slack/installations.ts';
import { SLASH_COMMANDS } from '../../src/slack/listeners/index.ts';
import { CHECK_SHORTCUT, CHECK_STEP } from '../../src/slack/listeners/workflow.ts';

const manifest = parse(readFileSync(resolve(import.meta.dirname, '../../app-manifest.yml'), 'utf8'));

it('declares exactly the commands the app answers, for Socket Mode, with the scopes it uses and no more', () => {
  const commands = manifest.features.slash_commands as {
    command: string;
    description: string;
    usage_hint: string;
    url?: string;
  }[];
  expect(commands.map((c) => c.command).sort()).toEqual([...SLASH_COMMANDS].sort());
  for (const command of commands) {
    expect(command.url).toBeUndefined(); // Socket Mode: Slack must not need a public URL
    expect(command.description.length).toBeLessThanOrEqual(100);
    expect(command.usage_hint?.length ?? 0).toBeLessThanOrEqual(1000);
    expect(command.usage_hint?.length ?? 0).toBeLessThanOrEqual(1000);
  }
  expect(manifest.settings.socket_mode_enabled).toBe(true);
  expect(manifest.settings.interactivity.is_enabled).toBe(true);
  // App Home, and the end of an installation (many workspaces: slack/installations.ts).
  expect(manifest.settings.event_subscriptions.bot_events).toEqual([
    'app_home_opened',
    'app_uninstalled',
    'tokens_revoked',
    'function_executed',
  ]);
  // The Workflow Builder step and the message shortcut the app answers (slack/listeners/workflow.ts).
  expect(Object.keys(manifest.functions)).toEqual([CHECK_STEP]);
  expect(Object.keys(manifest.functions[CHECK_STEP].output_parameters)).toEqual([
    'verdict',
    'reason',
    'rule',
  ]);
  expect(manifest.settings.function_runtime).toBe('remote');
  expect(manifest.features.shortcuts.map((s: { callback_id: string }) => s.callback_id)).toEqual([
    CHECK_SHORTCUT,
  ]);
  expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  // The OAuth install asks for the manifest's scopes.
  expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
    'chat:write',
    'commands',
    'files:read',
    'files:write',
    'im:write',
    'usergroups:read',
    'users:read',
  ]);
});

import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LogLevel } from '@slack/bolt';
import { runCli } from '../../src/cli/main.ts';
import { type AppContext, reloadableContext } from '../../src/services/context.ts';
import { type EmulatedApp, startEmulatedApp } from '../../src/slack/emulator/harness.ts';
import type { OpenView, StateValues } from '../../src/slack/emulator/slackUser.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { initStore } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { POLICY_PATH, policy } from '../support/policy.ts';

export interface TestSlack extends EmulatedApp {
  ctx: AppContext;
  store: FileStore;
  logs: string[];
}

/** A real app on loopback with a fresh store on disk; the clock is fixed unless a test moves it. */
export async function startTestSlack(at = '2026-11-23T10:30:00+01:00'): Promise<TestSlack> {
  const store = await FileStore.open(join(tempDir(), 'db.json'), { env: HASH_ENV });
  const ctx: AppContext = reloadableContext({ store, policy, clock: () => new Date(at) });
  const logs: string[] = [];
  const log =
    (level: string) =>
    (...msgs: unknown[]) =>
      logs.push(`${level} ${msgs.join(' ')}`);
  const logger = {
    debug: () => undefined,
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
  const emulated = await startEmulatedApp(ctx, { logger });
  return {
    ...emulated,
    ctx,
    store,
    logs,
    async stop() {
      await emulated.stop();
      await store.close();
    },
  };
}

type InputBlock = {
  type: string;
  block_id: string;
  element: Record<string, unknown> & { type: string; action_id: string };
};

/**
 * What Slack submits for a modal as it opened, with some fields changed (block id → new value, null to empty
 * it): each input keeps its initial value, option or date unless changed, as a person's client does.
 */
export function submitted(view: OpenView, changes: Record<string, string | null> = {}): StateValues {
  const values: StateValues = {};
  for (const block of (view.blocks ?? []) as InputBlock[]) {
    if (block.type !== 'input') continue;
    const e = block.element;
    const initialOption = e.initial_option as { value: string } | undefined;
    const value =
      block.block_id in changes
        ? changes[block.block_id]
        : ((initialOption?.value ?? e.initial_date ?? e.initial_value ?? null) as string | null);
    let state: Record<string, unknown>;
    if (e.type === 'static_select') {
      const options = (e.options ?? []) as { value: string }[];
      // A value the form does not offer is what a forged submission carries.
      const forged = { text: { type: 'plain_text', text: value }, value };
      state = { selected_option: value === null ? null : (options.find((o) => o.value === value) ?? forged) };
    } else if (e.type === 'datepicker') state = { selected_date: value };
    else state = { value };
    values[block.block_id] = { [e.action_id]: { type: e.type, ...state } };
  }
  return values;
}

/** `printf '…' | npm start`: the same entry point, stdin replaced by a script, on a fresh store. */
export async function pipedStart(script: string, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const db = await initStore(join(tempDir(), 'db.json'));
  const status = await runCli(['--db', db, '--policy', POLICY_PATH, 'start'], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { ...HASH_ENV, ...env },
    clock: () => new Date('2026-11-23T10:30:00+01:00'),
    input: Readable.from([script]),
    interactive: false,
  });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

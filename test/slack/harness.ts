import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import type { AppContext } from '../../src/services/context.ts';
import { type EmulatedApp, startEmulatedApp } from '../../src/slack/emulator/harness.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { HASH_ENV, policy, tempDir } from '../helpers.ts';

export interface TestSlack extends EmulatedApp {
  ctx: AppContext;
  store: FileStore;
  logs: string[];
}

/** A real app on loopback with a fresh store on disk; the clock is fixed unless a test moves it. */
export async function startTestSlack(at = '2026-11-23T10:30:00+01:00'): Promise<TestSlack> {
  const store = await FileStore.open(join(tempDir(), 'db.json'), { env: HASH_ENV });
  const ctx: AppContext = { store, policy, clock: () => new Date(at) };
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

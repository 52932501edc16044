#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: `npm ci` is the only install step.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

// Settings from a .env file in the working directory; variables already set win.
if (existsSync('.env')) process.loadEnvFile('.env');

register();
const { runCli } = await import('../src/cli/main.ts');
const stopSignal = new Promise((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
const status = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  clock: () => new Date(),
  input: process.stdin,
  interactive: Boolean(process.stdin.isTTY),
  stopSignal,
});
process.exitCode = status;
// Nothing else should keep the process alive once the command is done (stdin, a signal listener).
process.exit(status);

#!/usr/bin/env node
// Runs the CLI compiled at install (`npm ci` runs `prepare`: esbuild to dist/), so a command answers fast; falls
// back to the TypeScript sources through tsx when dist/ is missing or older than a source file (while developing).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Settings from a .env file in the working directory; variables already set win.
if (existsSync('.env')) process.loadEnvFile('.env');

const compiled = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const sources = fileURLToPath(new URL('../src', import.meta.url));

/** The newest modification time of the sources: a dist/ older than that would run stale code. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

let runCli;
if (existsSync(compiled) && statSync(compiled).mtimeMs >= newest(sources)) {
  ({ runCli } = await import(compiled));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../src/cli/main.ts'));
}
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

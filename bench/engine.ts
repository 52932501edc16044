import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

/** Decisions per second of the engine compiled as the app ships (bench/engineLoop.ts), in its own process. */
export function benchEngine(): number {
  const root = join(import.meta.dirname, '..');
  // Inside the project, so that the bundle's packages are found in node_modules.
  const dir = join(root, 'node_modules', '.cache', 'prospect-guard');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `bench-engine-${process.pid}.mjs`);
  try {
    buildSync({
      entryPoints: [join(import.meta.dirname, 'engineLoop.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      target: 'node20',
      outfile,
      logLevel: 'warning',
    });
    return Number(execFileSync(process.execPath, [outfile, root], { cwd: root, encoding: 'utf8' }).trim());
  } finally {
    rmSync(outfile, { force: true });
  }
}

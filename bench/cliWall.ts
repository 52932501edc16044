import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from './root.ts';

/**
 * A CLI command's wall time, process start to exit, as a user at a terminal sees it (goal: under 0.5 s): the
 * compiled CLI (dist/, built by `npm ci`'s prepare step) for an email and a phone question.
 */
/** The median wall time of each command, in ms. */
export function benchCliWall(): { email: number; phone: number } {
  const root = ROOT;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'pg-cli-'));
  const env = { ...process.env, PROSPECT_GUARD_HASH_KEY: 'bench-key-bench-key-bench-key-bench-key' };
  const cli = (...args: string[]) =>
    spawnSync(
      process.execPath,
      [join(root, 'bin/prospect-guard.js'), '--db', join(dir, 'db.json'), ...args],
      {
        env,
        stdio: 'ignore',
      },
    );
  try {
    cli('init');
    const medians = { email: 0, phone: 0 };
    for (const [label, args] of [
      ['email', ['can-i', 'email', 'alice@corp.fr']],
      ['phone', ['can-i', 'phone', '+33612345678']],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const t0 = performance.now();
        cli(...args);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      medians[label] = times[3] ?? 0;
    }
    return medians;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

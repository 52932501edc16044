import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The data of YAML files already read without problems, by the hash of their text (and of the yaml library's
 * version), in `node_modules/.cache/prospect-guard/`: every command reads the policy, and parsing its 80 kB
 * took a fifth of a command's time. A missing, unreadable or foreign cache is simply not used.
 */
const FORMAT = 1;

let directory: string | null | undefined;

/** The package's node_modules/.cache folder, found from this file (src/policy/ or dist/). */
function cacheDir(): string | null {
  if (directory !== undefined) return directory;
  directory = null;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    if (existsSync(join(dir, 'node_modules', 'yaml'))) {
      directory = join(dir, 'node_modules', '.cache', 'prospect-guard');
      break;
    }
    dir = dirname(dir);
  }
  return directory;
}

function keyOf(source: string): string {
  const version = (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;
  return createHash('sha256').update(`${FORMAT}\n${version}\n${source}`).digest('hex');
}

export function cachedData(source: string): { data: unknown } | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  const key = keyOf(source);
  try {
    const entry = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as {
      key?: string;
      data?: unknown;
    };
    return entry.key === key ? { data: entry.data } : undefined;
  } catch {
    return undefined;
  }
}

export function saveData(source: string, data: unknown): void {
  const dir = cacheDir();
  if (!dir) return;
  const key = keyOf(source);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = join(dir, `${key}.${process.pid}.tmp`);
    writeFileSync(temp, JSON.stringify({ key, data }), { mode: 0o600 });
    renameSync(temp, join(dir, `${key}.json`));
  } catch {
    // A read-only install only loses the speed-up.
  }
}

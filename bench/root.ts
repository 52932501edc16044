import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project's folder: `npm run bench` runs a bundle built under node_modules/.cache (compiled as the app
 * ships, its campaign worker beside it), so paths are found from the nearest package.json up.
 */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) || dir.includes('node_modules')) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const ROOT = projectRoot(import.meta.dirname);

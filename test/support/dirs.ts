import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folders made by the current test file: removed once it has run (test/setup/tempDirs.ts). */
export const madeDirs: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  madeDirs.push(dir);
  return dir;
}

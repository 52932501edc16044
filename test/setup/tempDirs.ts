import { rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { madeDirs } from '../support/dirs.ts';

// Each test file's temporary folders go when it has run: a run used to leave a thousand of them in /tmp.
afterAll(() => {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

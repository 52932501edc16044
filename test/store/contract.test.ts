import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileDocuments, FolderDocuments } from '../../src/store/documents.ts';
import { NotRecordedError } from '../../src/store/errors.ts';
import { FileStore } from '../../src/store/fileStore.ts';
import { MemoryStore } from '../../src/store/memoryStore.ts';
import { tempDir } from '../support/dirs.ts';
import { HASH_ENV } from '../support/env.ts';
import { storeContract } from './contract.ts';

storeContract('memory', async () => new MemoryStore());
storeContract('file', async () => FileStore.open(join(tempDir(), 'db.json'), { env: HASH_ENV }));

describe('settings documents on a disk that refuses the write', () => {
  it('say the change was not recorded, and keep what was there', async () => {
    for (const [documents, blocker] of [
      [new FileDocuments<{ n: number }>(join(tempDir(), 'installations.json')), ''],
      [new FolderDocuments<{ n: number }>(join(tempDir(), 'db.api-keys')), '.b'],
    ] as const) {
      await documents.put('a', { n: 1 });
      // The temporary file cannot be made (a folder is in its way), as on a full disk.
      mkdirSync(`${documents.path}${blocker ? `/${blocker}` : ''}.tmp-${process.pid}`);
      await expect(documents.put('b', { n: 2 })).rejects.toThrow(NotRecordedError);
      expect(await documents.all()).toEqual([['a', { n: 1 }]]);
    }
  });
});

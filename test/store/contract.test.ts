import { join } from 'node:path';
import { FileStore } from '../../src/store/fileStore.ts';
import { MemoryStore } from '../../src/store/memoryStore.ts';
import { HASH_ENV, tempDir } from '../helpers.ts';
import { storeContract } from './contract.ts';

storeContract('memory', async () => new MemoryStore());
storeContract('file', async () => FileStore.open(join(tempDir(), 'db.json'), { env: HASH_ENV }));

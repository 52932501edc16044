import { PgStore } from '../../src/store/pg/pgStore.ts';
import { HASH_ENV } from '../support/env.ts';
import { storeContract } from './contract.ts';
import { freshDatabase } from './pg.ts';

storeContract('PostgreSQL', async () => PgStore.open(await freshDatabase(), { env: HASH_ENV }));

/**
 * The store as the rest of the app sees it: the contract and its roles, its errors, how a register is opened,
 * verified, backed up and copied. Nothing outside store/ imports another of its modules (test/layers.test.ts), so
 * how a store keeps its data can change behind this file.
 */

export { type ChainCheck, verifyChain } from './auditChain.ts';
export { backupStore } from './backup.ts';
export * from './errors.ts';
export { storeExists } from './fileStore.ts';
export type { Installations } from './installations.ts';
export { isPostgresUrl, openStore } from './open.ts';
export { copyFileToPostgres } from './pg/copy.ts';
export { migrateDatabase } from './pg/migrations.ts';
export { masked } from './pg/register.ts';
export * from './types.ts';
export { verifyStoreFiles } from './verify.ts';

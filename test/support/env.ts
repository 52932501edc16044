/** The hash key every test register is made with. */
export const HASH_ENV = { PROSPECT_GUARD_HASH_KEY: 'test-key-test-key-test-key-test-key-0123' };

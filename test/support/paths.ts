import { resolve } from 'node:path';

/** The shipped policy, which most tests decide with. */
export const POLICY_PATH = resolve(import.meta.dirname, '..', '..', 'policy.yaml');

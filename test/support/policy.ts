import { loadPolicy } from '../../src/policy/load.ts';
import { POLICY_PATH } from './paths.ts';

export { POLICY_PATH };

/** The shipped policy with its scenarios, loaded once per worker by the tests that import it (and only by them). */
export const policy = loadPolicy(POLICY_PATH, { scenarios: true });

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SubjectFacts } from '../src/domain/contacts.ts';
import { loadPolicy } from '../src/policy/load.ts';

export const POLICY_PATH = resolve(import.meta.dirname, '..', 'policy.yaml');
export const policy = loadPolicy(POLICY_PATH);

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pg-test-'));
}

export const HASH_ENV = { PROSPECT_GUARD_HASH_KEY: 'test-key-test-key-test-key-test-key-0123' };

export function subject(overrides: Partial<SubjectFacts> = {}): SubjectFacts {
  return {
    target: { kind: 'email', value: 'alice@gmail.com' },
    consents: [],
    interactions: [],
    objections: [],
    ...overrides,
  };
}

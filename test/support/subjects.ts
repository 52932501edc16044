import type { SubjectFacts } from '../../src/domain/contacts.ts';
import type { ContactInput } from '../../src/store/types.ts';

/** The facts of one person, asked about by address, with nothing recorded unless `overrides` says so. */
export function subject(overrides: Partial<SubjectFacts> = {}): SubjectFacts {
  return {
    target: { kind: 'email', value: 'alice@gmail.com' },
    consents: [],
    interactions: [],
    objections: [],
    ...overrides,
  };
}

/** A finance professional, collected by a form and informed on 2026-01-05: allowed for accounting software. */
export function financeProfessional(email: string): ContactInput {
  return {
    email,
    jobFunction: 'finance',
    provenance: {
      source: 'form',
      collection: 'direct',
      collectedAt: '2026-01-05T00:00:00Z',
      informedAt: '2026-01-05T00:00:00Z',
    },
  };
}

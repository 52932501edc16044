import fc from 'fast-check';
import { expect, it } from 'vitest';
import { calleeOf, departmentCode } from '../../src/domain/callee.ts';

it('reads départements as people type them, and never guesses mainland France for an unknown place', () => {
  expect(departmentCode('75')).toBe('75');
  expect(departmentCode('2a')).toBe('2A');
  expect(departmentCode('974')).toBe('974');
  expect(departmentCode('La Réunion')).toBe('RE');
  expect(departmentCode('nouvelle-calédonie')).toBe('NC');
  expect(departmentCode('96')).toBeUndefined();
  expect(departmentCode('999')).toBeUndefined();
  expect(departmentCode('Bavière')).toBeUndefined();
  const mobile = { kind: 'phone', value: '+33612345678' } as const;
  expect(calleeOf(mobile, { department: '988' } as never)).toEqual({ country: 'NC', region: 'NC' });
  expect(calleeOf(mobile, { department: 'Mars' } as never)).toEqual({ unrecognised: 'Mars' });
  // Property: whatever is typed, the callee is either a recognised place or flagged unrecognised.
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 12 }), (typed) => {
      const callee = calleeOf(mobile, { department: typed } as never);
      if (typed.trim() === '') return true;
      return (callee.country !== undefined) !== (callee.unrecognised !== undefined);
    }),
  );
});

import type { AddressKind, Audience, Channel, SubjectFacts } from '../../domain/contacts.ts';
import type { FactName } from '../facts-catalogue.ts';
import type { Policy } from '../load.ts';

export interface DecisionRequest {
  channel: Channel;
  purpose: string;
  product?: string;
}

/**
 * What a fact's computation sees of one decision: the `Facts` class of policy/facts.ts, named here so the theme
 * tables (facts/*.ts) depend on this shape and not on the module that gathers them (no import cycle).
 */
export interface Facts {
  readonly request: DecisionRequest;
  readonly subject: SubjectFacts;
  readonly policy: Policy;
  readonly now: Date;
  readonly audience: Audience;
  readonly addressKind: AddressKind;
  readonly flips: Date[];
  nextCallWindow?: Date;
  readonly purpose: string;
  readonly params: Policy['doc']['params'];
  readonly zone: string;
  get(name: string): unknown;
  collect<T>(work: () => T): { value: T; flips: Date[] };
  flipAt(at: Date | undefined): void;
  before(iso: string | undefined): boolean;
  remember<T>(key: string, work: () => T): T;
}

/** How each fact of a theme is computed (who the person is, their consents and objections, calls). */
export type FactTable = Partial<Record<FactName, (facts: Facts) => unknown>>;

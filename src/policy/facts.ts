import { addressKindOf, audienceOf } from '../domain/audience.ts';
import {
  type AddressKind,
  type Audience,
  CONSENT_PURPOSE_DEFAULT,
  type SubjectFacts,
} from '../domain/contacts.ts';
import { callFacts } from './facts/calls.ts';
import { consentFacts } from './facts/consent.ts';
import { contactFacts } from './facts/contact.ts';
import { objectionFacts } from './facts/objections.ts';
import type { DecisionRequest, Facts as FactScope } from './facts/scope.ts';
import type { FactName } from './facts-catalogue.ts';
import type { Policy } from './load.ts';

export type { DecisionRequest } from './facts/scope.ts';

/**
 * The facts of one decision, computed on demand and remembered. Each computation that depends on time notes
 * when its value would flip; the flips of a fact include those of the facts it read, so the engine can tell
 * when each rule's outcome could change (and so when a block could lift).
 */
export class Facts implements FactScope {
  readonly audience: Audience;
  readonly addressKind: AddressKind;
  /** Every flip noted while deciding, from every fact read. */
  readonly flips: Date[] = [];
  nextCallWindow?: Date;
  private readonly memo = new Map<string, { value: unknown; flips: Date[] }>();
  private readonly collectors: Date[][] = [];
  private readonly shared = new Map<string, unknown>();
  /**
   * The purpose a consent must cover: a message that offers a product is prospecting for it whatever label it
   * carries ("newsletter", "fundraising"), so only a prospecting consent counts for it (A4, art. 4(11) "specific").
   */
  readonly purpose: string;

  constructor(
    readonly request: DecisionRequest,
    readonly subject: SubjectFacts,
    readonly policy: Policy,
    readonly now: Date,
  ) {
    this.purpose = request.product !== undefined ? CONSENT_PURPOSE_DEFAULT : request.purpose;
    this.audience = audienceOf(subject.target, subject.contact, policy.addressRules);
    this.addressKind = addressKindOf(subject.target, this.audience, policy.addressRules, subject.contact);
  }

  get(name: string): unknown {
    let entry = this.memo.get(name);
    if (!entry) {
      const flips: Date[] = [];
      this.collectors.push(flips);
      try {
        entry = { value: this.compute(name as FactName), flips };
      } finally {
        this.collectors.pop();
      }
      this.memo.set(name, entry);
    }
    const parent = this.collectors[this.collectors.length - 1];
    if (parent) parent.push(...entry.flips);
    return entry.value;
  }

  /** Runs `work` and returns, besides its result, every flip of the facts it read. */
  collect<T>(work: () => T): { value: T; flips: Date[] } {
    const flips: Date[] = [];
    this.collectors.push(flips);
    try {
      return { value: work(), flips };
    } finally {
      this.collectors.pop();
    }
  }

  /** Notes an instant at which the fact being computed would change. */
  flipAt(at: Date | undefined): void {
    if (!at || at <= this.now) return;
    this.flips.push(at);
    this.collectors[this.collectors.length - 1]?.push(at);
  }

  get params() {
    return this.policy.doc.params;
  }

  get zone(): string {
    return this.policy.timeZone;
  }

  before(iso: string | undefined): boolean {
    return iso !== undefined && new Date(iso) <= this.now;
  }

  /** Work shared by several facts of one decision (the latest consent…), done once. */
  remember<T>(key: string, work: () => T): T {
    if (!this.shared.has(key)) this.shared.set(key, work());
    return this.shared.get(key) as T;
  }

  private compute(name: FactName): unknown {
    const fact = FACTS[name];
    return fact(this);
  }
}

/**
 * How each fact is computed, by theme: who the person is, their consents and objections, calls. Every fact of
 * the catalogue must have its computation: one left out is a type error here.
 */
const FACTS = { ...contactFacts, ...consentFacts, ...objectionFacts, ...callFacts } satisfies Record<
  FactName,
  (facts: FactScope) => unknown
>;

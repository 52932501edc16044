import type { Channel } from '../domain/contacts.ts';
import { CONSENT_PURPOSE_DEFAULT } from '../domain/contacts.ts';
import type { Identifier } from '../domain/identifiers.ts';
import { maskIdentifier, receivesTexts } from '../domain/identifiers.ts';
import { type DiffSummary, DiffTally } from '../policy/diff.ts';
import { decide } from '../policy/engine.ts';
import type { Policy } from '../policy/load.ts';
import type { Store } from '../store/index.ts';

/**
 * Whether a channel can reach someone at `target`, as a campaign would: email at an address, SMS and messaging
 * at a number that receives texts (not a landline), calls at any number.
 */
function reaches(channel: Channel, target: Identifier): boolean {
  if (target.kind === 'email') return channel === 'email';
  if (channel === 'email') return false;
  return channel === 'sms' || channel === 'messaging' ? receivesTexts(target.value) : true;
}

/** The channels a register is checked on: every one the engine answers (post is not checked). */
export const DIFF_CHANNELS: readonly Channel[] = ['email', 'sms', 'messaging', 'automated-call', 'phone'];

export interface RegisterDiff extends DiffSummary {
  at: string;
  contacts: number;
  channels: Channel[];
}

/** A change of policy and what it does: to the scenarios, and (when asked) to the register. */
export interface PolicyDiffReport {
  /** Each policy as people name it (a file and revision, or a revision). */
  before: string;
  after: string;
  scenarios: DiffSummary & { failed: string[] };
  register?: RegisterDiff;
}

/**
 * Every contact of the register asked of both policies, on each channel it can be reached by (email for email,
 * its phone for the others), at `at`. Reads only: no decision is logged, nothing is written. Pauses every
 * thousand contacts, so a running app keeps answering while a million are compared.
 */
export async function diffRegister(
  store: Store,
  before: Policy,
  after: Policy,
  options: {
    at: Date;
    channels?: readonly Channel[];
    product?: string;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<RegisterDiff> {
  const channels = [...(options.channels ?? DIFF_CHANNELS)];
  const request = (channel: Channel) => ({
    channel,
    purpose: CONSENT_PURPOSE_DEFAULT,
    ...(options.product ? { product: options.product } : {}),
  });
  const tally = new DiffTally();
  const total = (await store.counts()).contacts;
  let done = 0;
  for await (const page of store.contactPages())
    for (const { contact } of page) {
      if (++done % 1000 === 0) {
        options.onProgress?.(done, Math.max(total, done));
        await new Promise((resolve) => setImmediate(resolve));
      }
      const targets: Partial<Record<'email' | 'phone', Identifier>> = {
        ...(contact.email ? { email: { kind: 'email', value: contact.email } } : {}),
        ...(contact.phone ? { phone: { kind: 'phone', value: contact.phone } } : {}),
      };
      for (const kind of ['email', 'phone'] as const) {
        const target = targets[kind];
        if (!target) continue;
        const subject = await store.subjectFacts(target);
        for (const channel of channels.filter((c) => reaches(c, target))) {
          const old = decide(request(channel), subject, before, options.at, { changesAt: false });
          const now = decide(request(channel), subject, after, options.at, { changesAt: false });
          tally.add(old, now, `${maskIdentifier(target)} (${channel})`, contact.id);
        }
      }
    }
  options.onProgress?.(done, done);
  return { ...tally.summary(), at: options.at.toISOString(), contacts: done, channels };
}

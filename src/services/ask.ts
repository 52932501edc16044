import type { Channel, Contact } from '../domain/contacts.ts';
import { CONSENT_PURPOSE_DEFAULT } from '../domain/contacts.ts';
import { type Identifier, maskIdentifier, parseTarget } from '../domain/identifiers.ts';
import { type Decision, decide } from '../policy/engine.ts';
import type { AppContext } from './context.ts';
import { optionalInstant, product as parseProduct } from './parse.ts';

export interface AskInput {
  channel: Channel;
  target: string;
  purpose?: string;
  product?: string;
  /** When the contact would happen; now by default. */
  at?: string;
  askedBy: string;
}

export interface Answer {
  target: Identifier;
  contact?: Contact;
  decision: Decision;
}

/** "Can I contact this person on this channel?": the decision, logged with the person hashed. */
export async function ask(ctx: AppContext, input: AskInput): Promise<Answer> {
  const target = parseTarget(input.target);
  const product = parseProduct(input.product, ctx.policy);
  const askedAt = ctx.clock();
  const at = optionalInstant(input.at, ctx.policy, 'at') ?? askedAt;
  const subject = await ctx.store.subjectFacts(target);
  const decision = decide(
    {
      channel: input.channel,
      purpose: input.purpose?.trim().toLowerCase() || CONSENT_PURPOSE_DEFAULT,
      product,
    },
    subject,
    ctx.policy,
    at,
  );
  await ctx.store.logDecision({
    askedAt: askedAt.toISOString(),
    askedBy: input.askedBy,
    channel: input.channel,
    targetHash: ctx.store.hash(target),
    targetMasked: maskIdentifier(target),
    verdict: decision.verdict,
    rules: decision.reasons.map((reason) => reason.rule),
    policyRevision: decision.policyRevision,
    decidedFor: decision.decidedFor,
  });
  return { target, contact: subject.contact, decision };
}

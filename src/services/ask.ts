import type { Channel, Contact, SubjectFacts } from '../domain/contacts.ts';
import { CONSENT_PURPOSE_DEFAULT, purposeOf } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import { type Identifier, maskIdentifier, parseTarget, unwrapSlack } from '../domain/identifiers.ts';
import { t } from '../i18n.ts';
import { type Decision, decide } from '../policy/engine.ts';
import type { Policy } from '../policy/load.ts';
import type { DecisionLogEntry } from '../store/index.ts';
import type { AppContext } from './context.ts';
import { optionalInstant, product as parseProduct } from './parse.ts';

/** The channels that reach a person by their phone number only. */
const PHONE_CHANNELS = new Set<Channel>(['sms', 'phone', 'automated-call']);

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
  const { answer, logged } = await answerOf(ctx, input);
  await ctx.store.logDecision(logged);
  return answer;
}

/**
 * What the channel would answer now, shown on a contact page: the same decision as `ask`, not logged as a
 * question (nobody asked before an outreach; the page view itself is audited).
 */
export async function answerNow(ctx: AppContext, input: AskInput): Promise<Answer> {
  return (await answerOf(ctx, input)).answer;
}

/**
 * Many questions at once (the API's batch): each answered as `ask` answers it, in order, and logged in one write.
 * A question the rules refuse (a bad address) gets its InputError in its place; any other error stops the batch.
 */
export async function askMany(ctx: AppContext, inputs: AskInput[]): Promise<Array<Answer | InputError>> {
  const results: Array<Answer | InputError> = new Array(inputs.length);
  const logged: Array<Omit<DecisionLogEntry, 'id'> | undefined> = new Array(inputs.length);
  // A few hundred at a time: a database store looks them up side by side, and the app answers others between.
  for (let start = 0; start < inputs.length; start += 250) {
    await Promise.all(
      inputs.slice(start, start + 250).map(async (input, offset) => {
        try {
          const one = await answerOf(ctx, input);
          results[start + offset] = one.answer;
          logged[start + offset] = one.logged;
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          results[start + offset] = error;
        }
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
  }
  await ctx.store.logDecisions(logged.filter((entry) => entry !== undefined));
  return results;
}

/**
 * The person asked about. On the email channel, text that is neither an address nor a phone number is a mistyped
 * address ("alice.corp.fr"): told as a bad email, not as a bad phone number.
 */
function targetOn(channel: Channel, text: string): Identifier {
  try {
    return parseTarget(text);
  } catch (error) {
    if (channel === 'email' && error instanceof InputError && error.problem === 'invalid_phone')
      throw new InputError('invalid_email', error.params);
    throw error;
  }
}

async function answerOf(
  ctx: AppContext,
  input: AskInput,
): Promise<{ answer: Answer; logged: Omit<DecisionLogEntry, 'id'> }> {
  // Post reaches a postal address, which the register never keeps (only what is needed to check emails, texts and
  // calls): an email or a number says nothing of where a letter goes, so it is refused like the other mismatches.
  if (input.channel === 'post') {
    if (unwrapSlack(input.target ?? '') === '') throw new InputError('missing_target');
    throw new InputError('channel_needs_address', { field: 'target', value: input.target.trim() });
  }
  const target = targetOn(input.channel, input.target);
  // An email is asked about by email (or a messaging app); a number by SMS, a call or an automated call.
  if (input.channel === 'email' && target.kind !== 'email')
    throw new InputError('channel_needs_email', { field: 'target', value: input.target });
  if (PHONE_CHANNELS.has(input.channel) && target.kind !== 'phone')
    throw new InputError('channel_needs_phone', {
      field: 'target',
      value: input.target,
      allowed: input.channel,
    });
  const product = parseProduct(input.product, ctx.policy);
  const askedAt = ctx.clock();
  const at = optionalInstant(input.at, ctx.policy, 'at') ?? askedAt;
  const subject = await ctx.store.subjectFacts(target);
  const purpose = knownPurpose(input.purpose, subject, ctx.policy);
  const decision = decide(
    {
      channel: input.channel,
      purpose,
      product,
    },
    subject,
    ctx.policy,
    at,
  );
  const logged = {
    askedAt: askedAt.toISOString(),
    askedBy: input.askedBy,
    channel: input.channel,
    targetHash: ctx.store.hash(target),
    targetMasked: maskIdentifier(target),
    verdict: decision.verdict,
    rules: decision.reasons.map((reason) => reason.rule),
    policyRevision: decision.policyRevision,
    decidedFor: decision.decidedFor,
  };
  return { answer: { target, contact: subject.contact, decision }, logged };
}

/**
 * The purpose asked about: the default one (by any of its words), one the policy names, or one of the person's
 * consents or withdrawals (a newsletter), kept past a purge. Any other word is a typo, refused at its field: asked as is, it would be answered
 * "no consent" for a purpose nobody ever recorded.
 */
function knownPurpose(typed: string | undefined, subject: SubjectFacts, policy: Policy): string {
  const purpose = purposeOf(typed);
  const known = [
    ...new Set([
      CONSENT_PURPOSE_DEFAULT,
      ...policy.doc.params.non_commercial_purposes,
      ...subject.consents.map((c) => c.purpose),
      ...subject.objections.flatMap((o) => (o.purpose ? [o.purpose] : [])),
    ]),
  ];
  if (known.includes(purpose)) return purpose;
  const choices = known.map((p) =>
    p === CONSENT_PURPOSE_DEFAULT
      ? { fr: t('fr', 'purpose_prospecting'), en: t('en', 'purpose_prospecting') }
      : { fr: p, en: p },
  );
  throw new InputError('unknown_purpose', { field: 'purpose', value: (typed ?? '').trim(), choices });
}

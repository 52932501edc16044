import { z } from '@hono/zod-openapi';
import { AUDIENCES, CHANNELS, EVENT_TYPES } from '../domain/contacts.ts';
import { VERDICTS } from '../domain/verdict.ts';

/**
 * The API's shapes, in zod: the handlers validate requests with them and the OpenAPI document is generated from
 * them (`/api/v1/openapi.json`), so the two cannot drift. They check shape and size; what a value means (a date,
 * a product, a phone number, a consent's proof) is checked by the services, as for the CLI and Slack.
 */

/** The most targets one batch may hold: a sequencer's list, checked before it is enrolled. */
export const BATCH_LIMIT = 10_000;

const text = z.object({ fr: z.string(), en: z.string() });
const short = (max: number) => z.string().max(max);

const target = short(320).openapi({
  description:
    'An email address or a phone number (French numbers in any usual form, others in +international form).',
  example: 'alice@corp.fr',
});
const instant = short(40).openapi({
  description: 'ISO 8601 date-time; without an offset, the policy’s time zone (Europe/Paris).',
  example: '2026-11-23T10:30:00+01:00',
});

export const DecisionRequest = z
  .object({
    channel: z.enum(CHANNELS),
    target,
    product: short(80).optional().openapi({ description: 'A product category of policy.yaml.' }),
    purpose: short(80).optional().openapi({ description: 'Default: prospecting.' }),
    at: instant.optional().openapi({ description: 'When the contact would happen; default now.' }),
  })
  .strict()
  .openapi('DecisionRequest');

export const Decision = z
  .object({
    verdict: z.enum(VERDICTS),
    channel: z.enum(CHANNELS),
    audience: z.enum(AUDIENCES),
    reasons: z.array(
      z.object({
        rule: z.string(),
        verdict: z.enum(VERDICTS),
        title: text,
        message: text,
        legal: z.array(z.object({ text: z.string(), article: z.string(), url: z.string().optional() })),
        unverified: z.boolean(),
      }),
    ),
    obligations: z.array(
      z.object({
        id: z.string(),
        text,
        legal: z.array(z.object({ text: z.string(), article: z.string(), url: z.string().optional() })),
      }),
    ),
    changesAt: z.string().optional(),
    nextCallWindow: z.string().optional(),
    calleeZone: z.string().optional(),
    policyRevision: z.string(),
    decidedFor: z.string(),
  })
  .openapi('Decision', { description: 'The same answer as `prospect-guard can-i --json`.' });

export const BatchRequest = z
  .object({
    channel: z.enum(CHANNELS),
    targets: z.array(target).min(1).max(BATCH_LIMIT),
    detail: z.enum(['summary', 'full']).optional().openapi({
      description:
        'summary (the default): each target’s verdict, rule ids and first reason; full: each whole decision (about 2 KB a target).',
    }),
    product: short(80).optional(),
    purpose: short(80).optional(),
    at: instant.optional(),
  })
  .strict()
  .openapi('BatchRequest');

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().optional().openapi({ description: 'A stable code for programs: unknown_product, …' }),
    field: z.string().optional().openapi({ description: 'The request field at fault, as a JSON pointer.' }),
    errors: z.array(z.object({ field: z.string(), detail: z.string() })).optional(),
  })
  .openapi('Problem', {
    description: 'RFC 9457 problem details, in the caller’s Accept-Language (fr or en).',
  });

export const BatchResult = z
  .object({
    counts: z.object({ allow: z.number(), review: z.number(), block: z.number(), invalid: z.number() }),
    results: z.array(
      z.object({
        target: z.string(),
        verdict: z.enum(VERDICTS).optional(),
        rules: z
          .array(z.string())
          .optional()
          .openapi({ description: 'The ids of the rules that gave reasons.' }),
        reason: z.string().optional().openapi({ description: 'The first reason, in the caller’s language.' }),
        changesAt: z.string().optional(),
        decision: Decision.optional().openapi({ description: 'With detail: full.' }),
        problem: Problem.optional().openapi({ description: 'Why this one target could not be checked.' }),
      }),
    ),
  })
  .openapi('BatchResult');

const person = {
  email: short(320).optional(),
  phone: short(40).optional(),
};

export const ObjectionRequest = z
  .object({
    ...person,
    channel: z
      .enum([...CHANNELS, 'all'])
      .optional()
      .openapi({ description: 'Default: all channels.' }),
    at: instant.optional(),
    reason: short(500).optional(),
  })
  .strict()
  .openapi('ObjectionRequest', { description: 'Give email or phone.' });

export const ObjectionResult = z
  .object({ scope: z.string(), identifiers: z.number().int(), knownContact: z.boolean() })
  .openapi('ObjectionResult');

export const ConsentRequest = z
  .object({
    ...person,
    action: z.enum(['grant', 'withdraw']),
    channel: z.enum(CHANNELS),
    purpose: short(80).optional(),
    at: instant.optional(),
    until: instant.optional(),
    method: short(80).optional().openapi({ description: 'How it was given: a method policy.yaml accepts.' }),
    wording: short(2000).optional().openapi({ description: 'The version or text of the wording shown.' }),
    evidence: short(2000)
      .optional()
      .openapi({ description: 'Where the proof is kept (form id, log line…).' }),
    capturedWhere: short(500).optional(),
    collectedBy: short(200).optional(),
    namesUs: z.enum(['yes', 'no']).optional(),
    slotStart: instant.optional(),
    slotEnd: instant.optional(),
  })
  .strict()
  .openapi('ConsentRequest', { description: 'Give email or phone. A grant carries its proof.' });

export const RecordResult = z
  .object({ id: z.string(), contactId: z.string(), recordedAt: z.string() })
  .openapi('RecordResult');

export const EventRequest = z
  .object({ ...person, type: z.enum(EVENT_TYPES), at: instant.optional() })
  .strict()
  .openapi('EventRequest', { description: 'Give email or phone.' });

export const CampaignParams = z.object({
  id: short(40).openapi({ description: 'The check id (cmp-…).', example: 'cmp-1a2b3c4d' }),
});

const DROP_REASON = z.enum(['erased', 'objected', 'withdrawn', 'retention', 'policy', 'removed', 'changed']);

export const RecheckResult = z
  .object({
    campaign: z.object({
      id: z.string(),
      name: z.string(),
      channel: z.enum(CHANNELS),
      status: z.string(),
      plannedStart: z.string(),
      plannedEnd: z.string().optional(),
    }),
    recheckedAt: z.string(),
    decidedFor: z.array(z.string()).openapi({ description: 'The moments each recipient was decided at.' }),
    policyRevision: z.string(),
    counts: z.object({
      approved: z.number().int().openapi({ description: 'Recipients the approval covered.' }),
      allowed: z.number().int(),
      dropped: z.number().int(),
      byReason: z.partialRecord(DROP_REASON, z.number().int()),
    }),
    allowed: z.array(z.string()).openapi({
      description:
        'The only recipients that may be sent to now, normalised, in the order of the checked list.',
    }),
    dropped: z.array(
      z.object({
        target: z
          .string()
          .optional()
          .openapi({ description: 'None for a person erased since (GDPR art. 17): her line only.' }),
        line: z.number().int().openapi({ description: 'Its line in the checked file.' }),
        reason: DROP_REASON,
        why: z.string().openapi({ description: 'The reason in the caller’s language.' }),
        rules: z.array(z.string()),
      }),
    ),
  })
  .openapi('RecheckResult', {
    description:
      'An approved campaign decided again now, with the register and policy in force: who is still allowed, who to drop and why.',
  });

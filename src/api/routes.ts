import { createRoute, type z } from '@hono/zod-openapi';
import {
  BATCH_LIMIT,
  BatchRequest,
  BatchResult,
  CampaignParams,
  ConsentRequest,
  Decision,
  DecisionRequest,
  EventRequest,
  ObjectionRequest,
  ObjectionResult,
  Problem,
  RecheckResult,
  RecordResult,
} from './schemas.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

/** The refusals every route can give, besides its own. */
const refusals = {
  400: problem('The request is not of the documented shape (every field at fault in `errors`).'),
  401: problem('No key, an unknown key, or a revoked one.'),
  403: problem('The key does not hold the scope this route needs.'),
  413: problem('The body is over 4 MiB.'),
  415: problem('The body is not sent as application/json.'),
  429: problem('The key went over its rate (Retry-After says when to try again).'),
  503: problem('The register cannot record right now; nothing was changed.'),
};

const body = <T extends z.ZodType>(schema: T) => ({ body: { ...json(schema), required: true } });
const security = [{ bearer: [] }];

export const decisionRoute = createRoute({
  method: 'post',
  path: '/decisions',
  summary: 'May we contact this person on this channel?',
  description: 'Scope `decide`. Logged in the decision log under the key’s name, the person as a keyed hash.',
  security,
  request: body(DecisionRequest),
  responses: {
    200: {
      description: 'The decision: allow, review or block, with the rules and legal basis.',
      ...json(Decision),
    },
    ...refusals,
    422: problem('A value the rules refuse: an unknown product, an email that is not one…'),
  },
});

export const batchRoute = createRoute({
  method: 'post',
  path: '/decisions/batch',
  summary: `Decisions for up to ${BATCH_LIMIT.toLocaleString('en')} targets on one channel`,
  description:
    'Scope `decide`. One result per target, in the order given; a target that cannot be checked gets its own problem, the others are answered.',
  security,
  request: body(BatchRequest),
  responses: {
    200: { description: 'One result per target, and the counts.', ...json(BatchResult) },
    ...refusals,
    422: problem('A value shared by every target is refused (product, date).'),
  },
});

export const objectionRoute = createRoute({
  method: 'post',
  path: '/objections',
  summary: 'Record an objection (GDPR art. 21, L.34-5 CPCE): the person is blocked from now on',
  description: 'Scope `objections`. For the identifier given and every other identifier of the same contact.',
  security,
  request: body(ObjectionRequest),
  responses: {
    201: { description: 'Recorded.', ...json(ObjectionResult) },
    ...refusals,
    422: problem('A value refused: no identifier, a date in the future…'),
  },
});

export const consentRoute = createRoute({
  method: 'post',
  path: '/consents',
  summary: 'Record a consent (with its proof) or its withdrawal',
  description:
    'Scope `consents`. A grant needs a method the policy accepts, the wording shown and the evidence (GDPR art. 7(1)). A withdrawal ends the consents of that purpose on that channel (not an objection: see `/objections`); it is remembered after the contact is purged. The person must be in the register.',
  security,
  request: body(ConsentRequest),
  responses: {
    201: { description: 'Recorded.', ...json(RecordResult) },
    ...refusals,
    422: problem('A value refused: no proof, a method not accepted, an unknown person…'),
  },
});

export const eventRoute = createRoute({
  method: 'post',
  path: '/events',
  summary: 'Record something the person did or was sent (reply, click, meeting, call refusal…)',
  description:
    'Scope `events`. A call refusal is also an objection to calls on that line. The person must be in the register.',
  security,
  request: body(EventRequest),
  responses: {
    201: { description: 'Recorded.', ...json(RecordResult) },
    ...refusals,
    422: problem('A value refused: a date in the future, an unknown person…'),
  },
});

export const recheckRoute = createRoute({
  method: 'post',
  path: '/campaigns/{id}/recheck',
  summary: 'At send time: the recipients of an approved campaign still allowed now',
  description:
    'Scope `campaigns` (the answer holds people’s addresses and numbers). Every recipient the approval covered is decided again now, with the register and policy in force (GDPR art. 21(3): an objection made since approval binds the send). Send only to `allowed`. Audited under the key’s name, with counts only; the campaign’s Slack thread is told.',
  security,
  request: { params: CampaignParams },
  responses: {
    200: { description: 'Who may still be sent to, and who to drop with why.', ...json(RecheckResult) },
    ...refusals,
    404: problem('No campaign of this id in the key’s register.'),
    409: problem(
      'The campaign is not approved, its planned period is over, or its checked list is not kept.',
    ),
  },
});

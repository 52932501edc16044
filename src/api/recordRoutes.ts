import type { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Channel } from '../domain/contacts.ts';
import { InputError } from '../domain/errors.ts';
import type { Lang } from '../i18n.ts';
import { keyActor } from '../policy/access.ts';
import { policyLists } from '../reports/problems.ts';
import { ask } from '../services/ask.ts';
import { askBatch } from '../services/askBatch.ts';
import { optOut, recordConsent, recordEvent } from '../services/record.ts';
import type { GuardVars } from './guard.ts';
import { inputProblem } from './problems.ts';
import { batchRoute, consentRoute, decisionRoute, eventRoute, objectionRoute } from './routes.ts';
import type { BatchResult, Decision } from './schemas.ts';

type Api = OpenAPIHono<{ Variables: GuardVars }>;
type Ctx = Context<{ Variables: GuardVars }>;

/** A problem with the person asked about that names no field is about `target`. */
function aboutTarget(error: unknown): never {
  throw error instanceof InputError && !error.params.field
    ? new InputError(error.problem, { ...error.params, field: 'target' })
    : error;
}

/** POST /decisions and /decisions/batch: the same question as /can-i-…, for one person or many. */
export function registerDecisionRoutes(app: Api, who: (c: Ctx) => string, lang: (c: Ctx) => Lang): void {
  app.openapi(decisionRoute, async (c) => {
    const input = c.req.valid('json');
    const answer = await ask(c.get('ctx'), { ...input, askedBy: who(c) }).catch(aboutTarget);
    return c.json(answer.decision as z.infer<typeof Decision>, 200);
  });

  app.openapi(batchRoute, async (c) => {
    const { targets, detail, ...shared } = c.req.valid('json');
    // A batch counts for its size in the key's allowance: one request per 100 targets (the first already counted).
    await c.get('charge')(Math.ceil(targets.length / 100) - 1);
    const language = lang(c);
    const ctx = c.get('ctx');
    const question = { ...shared, channel: shared.channel as Channel };
    const { answers, counts } = await askBatch(ctx, keyActor(c.get('key').name), question, targets);
    const results: z.infer<typeof BatchResult>['results'] = answers.map((answer, i) => {
      const target = targets[i] ?? '';
      if (answer instanceof InputError)
        return {
          target,
          problem: inputProblem(answer, `/targets/${i}`, policyLists(ctx.policy)).body(language),
        };
      const { decision } = answer;
      const first = decision.reasons[0];
      return {
        target,
        verdict: decision.verdict,
        rules: decision.reasons.map((r) => r.rule),
        ...(first ? { reason: first.title[language] } : {}),
        ...(decision.changesAt ? { changesAt: decision.changesAt } : {}),
        ...(detail === 'full' ? { decision: decision as z.infer<typeof Decision> } : {}),
      };
    });
    return c.json({ counts, results }, 200);
  });
}

/** POST /objections, /consents and /events: facts a tool tells the register, recorded in the key's name. */
export function registerRecordRoutes(app: Api, who: (c: Ctx) => string): void {
  app.openapi(objectionRoute, async (c) => {
    const input = c.req.valid('json');
    const done = await optOut(c.get('ctx'), { ...input, origin: who(c) });
    return c.json(
      { scope: done.scope, identifiers: done.suppressions.length, knownContact: done.contact !== undefined },
      201,
    );
  });

  app.openapi(consentRoute, async (c) => {
    const input = c.req.valid('json');
    const { record } = await recordConsent(c.get('ctx'), { ...input, recordedBy: who(c) });
    return c.json({ id: record.id, contactId: record.contactId, recordedAt: record.recordedAt }, 201);
  });

  app.openapi(eventRoute, async (c) => {
    const input = c.req.valid('json');
    const { record } = await recordEvent(c.get('ctx'), { ...input, by: who(c) });
    return c.json({ id: record.id, contactId: record.contactId, recordedAt: record.recordedAt }, 201);
  });
}
